// A run's journal: the fate of every record as JSON Lines, plus a line before each PutRecords call
// saying which records go out and one after it saying whether the service answered. It is what
// a run is recovered from after the app was killed, so it holds everything the process learned:
// each call's lines are written with a synchronous write before the next call can be made (the
// OS keeps written bytes when the process dies), never buffered for thousands of records.
// Lines come in the order things happened, not by index.
//
// Lines:
//   {"call":7,"out":[12,13,…]}   call 7 is about to go with these records
//   {"call":7,"heard":true}       call 7 returned: an answer (heard) or none (timeout, reset: the
//                                 service may have stored some of its records)
//   RecordResult                  a record's final fate (acknowledged, failed, not sent, unknown)
// A record whose last call went out and never returned, or returned unheard and was not settled
// since, may or may not be stored: recovery calls its fate unknown.
import { closeSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FailedRecordView } from '../contract';

export interface RecordResult {
  index: number;
  /** Absent for records never generated (not sent). */
  partitionKey?: string;
  ok: boolean;
  shardId?: string;
  sequenceNumber?: string;
  errorCode?: string;
  errorMessage?: string;
  attempts: number;
  /** The fate is unknown (ok false): the service may or may not have stored the record. */
  unknown?: boolean;
  /** The record went again after a call that got no answer: it may be stored twice. */
  possibleDuplicate?: boolean;
}

export const NOT_SENT_CODE = 'NotSent';
/** The errorCode of records rejected with a retryable error whose retry the end of the process cut off. */
export const INTERRUPTED_CODE = 'Interrupted';

export interface ResultsFile {
  /** Journals the records of a call about to go, at once; answers the call's number. */
  intent(indexes: number[]): number;
  /** Journals that call `call` returned, with an answer from the service (`heard`) or without one. */
  answered(call: number, heard: boolean): void;
  add(result: RecordResult): void;
  /**
   * Writes what add() and answered() queued, at once and synchronously; resolves after a turn of
   * the event loop, so that a caller writing a long tail of lines (a cancelled run's not-sent
   * records) lets the main process breathe between its flushes.
   */
  flush(): Promise<void>;
  close(): Promise<string | null>;
}

/** Lines queued by add() are written at each flush, or once this many wait (the not-sent tail of a run). */
const QUEUED_LINES = 1000;

/**
 * close() resolves with the write error, if any; after an error nothing more is written. `redact`
 * sees every result first: an endpoint's per-entry message (or even a shard id) can echo a credential.
 */
export function openResultsFile(file: string, redact: <T>(value: T) => T = (value) => value): ResultsFile {
  let error: Error | null = null;
  let fd: number | null = null;
  try {
    fd = openSync(file, 'w');
  } catch (e) {
    error = e as Error;
  }
  let queued: string[] = [];
  let calls = 0;

  // A call's lines are a few KB: a write to the page cache takes microseconds, and being
  // synchronous, no call can go before the lines about the previous ones are in the file.
  const write = (text: string) => {
    if (error || fd === null) return;
    try {
      const bytes = Buffer.from(text, 'utf8');
      for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
    } catch (e) {
      error = e as Error;
    }
  };
  const flushNow = () => {
    if (queued.length === 0) return;
    const text = queued.join('');
    queued = [];
    write(text);
  };

  return {
    intent(indexes) {
      const call = ++calls;
      queued.push(`{"call":${call},"out":[${indexes.join(',')}]}\n`);
      flushNow();
      return call;
    },
    answered(call, heard) {
      queued.push(`{"call":${call},"heard":${heard}}\n`);
    },
    add(result) {
      queued.push(JSON.stringify(redact(result)) + '\n');
      if (queued.length >= QUEUED_LINES) flushNow();
    },
    async flush() {
      flushNow();
      await new Promise((resolve) => setImmediate(resolve));
    },
    async close() {
      flushNow();
      if (fd !== null) {
        try {
          closeSync(fd);
        } catch (e) {
          error ??= e as Error;
        }
        fd = null;
      }
      return error ? error.message : null;
    },
  };
}

// ---------- recovery ----------

/** A record's fate as the journal tells it. */
export const Fate = {
  NotSent: 0,
  /** In a call that had not returned. */
  InFlight: 1,
  /** Its call returned with an answer, and no fate followed: rejected, waiting to be retried. */
  Rejected: 2,
  Acknowledged: 3,
  Failed: 4,
  Unknown: 5,
} as const;
type Fate = (typeof Fate)[keyof typeof Fate];
/** Set beside the fate: the record was in a call that returned without an answer. */
const UNHEARD = 8;

export interface JournalSummary {
  /** The declared total, or more when the journal holds higher indexes (a duration run). */
  total: number;
  acknowledged: number;
  /** Failed, and rejected-awaiting-retry (INTERRUPTED_CODE): not stored. */
  failed: number;
  notSent: number;
  /** May or may not be stored: in flight when the process ended, or last sent in a call that got no answer. */
  unknown: number;
  possibleDuplicates: number;
  /** PutRecords calls that returned. */
  calls: number;
  acknowledgedPerShard: Record<string, number>;
  /** The first `keepFailures` failed records by journal order. */
  failures: FailedRecordView[];
  /** Unreadable lines, a torn last one included. */
  skippedLines: number;
  /** Per index, its Fate (only with `fates: true`). */
  fates: Uint8Array | null;
  /** "code: message" per failed index (only with `fates: true`). */
  errors: Map<number, string> | null;
  /** Indexes acknowledged as possible duplicates, in journal order (only with `fates: true`). */
  duplicates: number[] | null;
}

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const INDEX_PREFIX = Buffer.from('{"index":');
const CALL_PREFIX = Buffer.from('{"call":');
const OK_TRUE = Buffer.from('"ok":true');
const SHARD_ID = Buffer.from('"shardId":"');
const NOT_SENT = Buffer.from(`,"ok":false,"errorCode":"${NOT_SENT_CODE}"`);
const POSSIBLE_DUPLICATE = Buffer.from('"possibleDuplicate":true');

const startsWith = (bytes: Buffer, start: number, end: number, prefix: Buffer) =>
  end - start >= prefix.length && bytes.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0;

/**
 * Reads a journal a megabyte at a time, yielding to the event loop between chunks, so that the
 * main process stays responsive while a run of millions of records is recovered. Lines are
 * recognised by their start; a record's fate line is read as bytes, without JSON.parse, when it
 * is an acknowledgement or a not-sent line (nearly all of them), which keeps a million lines
 * around a second. A last line without its newline was cut short by the crash and is skipped.
 */
export async function readJournal(
  file: string,
  opts: { declaredTotal: number; keepFailures?: number; fates?: boolean },
): Promise<JournalSummary> {
  const keepFailures = opts.keepFailures ?? 0;
  let fates = new Uint8Array(Math.max(16, opts.declaredTotal));
  let highest = -1;
  const perShard = new Map<string, number>();
  const failures: FailedRecordView[] = [];
  const errors = opts.fates ? new Map<number, string>() : null;
  const duplicates: number[] | null = opts.fates ? [] : null;
  const open_ = new Map<number, number[]>();
  let possibleDuplicates = 0;
  let calls = 0;
  let skippedLines = 0;

  const grow = (index: number) => {
    if (index > highest) highest = index;
    if (index < fates.length) return;
    let size = fates.length * 2;
    while (size <= index) size *= 2;
    const f = new Uint8Array(size);
    f.set(fates);
    fates = f;
  };
  const settle = (index: number, fate: Fate) => {
    grow(index);
    fates[index] = (fates[index] & UNHEARD) | fate;
  };

  /** A fate line, bytes [start, end) of `bytes`: acknowledgements and not-sent lines are read without making strings. */
  const fateLine = (bytes: Buffer, start: number, end: number) => {
    let index = 0;
    let p = start + INDEX_PREFIX.length;
    for (; p < end && bytes[p] >= 0x30 && bytes[p] <= 0x39; p++) index = index * 10 + bytes[p] - 0x30;
    if (p === start + INDEX_PREFIX.length || bytes[p] !== 0x2c) return void skippedLines++;
    // Inside a JSON string every quote is escaped, so `"ok":true` can only be the key itself (a
    // find past `end` is the next line's); the closing brace tells a whole line from a torn one.
    const ok = bytes.indexOf(OK_TRUE, p);
    if (ok >= 0 && ok < end && bytes[end - 1] === 0x7d) {
      settle(index, Fate.Acknowledged);
      const at = bytes.indexOf(SHARD_ID, ok);
      const from = at + SHARD_ID.length;
      const shard = at < 0 || at >= end ? '' : bytes.toString('latin1', from, bytes.indexOf(0x22, from));
      perShard.set(shard, (perShard.get(shard) ?? 0) + 1);
      if (duplicates) {
        const flag = bytes.indexOf(POSSIBLE_DUPLICATE, ok);
        if (flag >= 0 && flag < end) duplicates.push(index);
      }
      return;
    }
    if (bytes.compare(NOT_SENT, 0, NOT_SENT.length, p, p + NOT_SENT.length) === 0) return settle(index, Fate.NotSent);
    let r: RecordResult;
    try {
      r = JSON.parse(bytes.toString('utf8', start, end)) as RecordResult;
    } catch {
      return void skippedLines++;
    }
    if (r.unknown) return settle(index, Fate.Unknown);
    settle(index, Fate.Failed);
    const code = r.errorCode ?? 'Failed';
    const message = r.errorMessage ?? '';
    errors?.set(index, `${code}: ${message}`);
    if (failures.length < keepFailures)
      failures.push({
        index,
        partitionKey: r.partitionKey ?? '',
        errorCode: code,
        errorMessage: message,
        attempts: r.attempts,
      });
  };

  const callLine = (line: string) => {
    let c: { call: number; out?: number[]; heard?: boolean };
    try {
      c = JSON.parse(line) as typeof c;
    } catch {
      return void skippedLines++;
    }
    if (c.out) {
      for (const index of c.out) {
        grow(index);
        const fate = fates[index] & ~UNHEARD;
        // A retry goes out again; a record already settled is never in a later call.
        if (fate === Fate.NotSent || fate === Fate.Rejected) settle(index, Fate.InFlight);
      }
      open_.set(c.call, c.out);
    } else {
      calls++;
      for (const index of open_.get(c.call) ?? []) {
        if ((fates[index] & ~UNHEARD) !== Fate.InFlight) continue;
        fates[index] = Fate.Rejected | (c.heard ? fates[index] & UNHEARD : UNHEARD);
      }
      open_.delete(c.call);
    }
  };

  const handle = await open(file, 'r');
  try {
    let carry: Buffer | null = null;
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const bytes: Buffer = carry ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      const last = bytes.lastIndexOf(NEWLINE);
      // Copied: the chunk buffer is read into again.
      carry = Buffer.from(bytes.subarray(last + 1));
      if (last < 0) continue;
      for (let start = 0; start < last;) {
        const end = bytes.indexOf(NEWLINE, start);
        if (startsWith(bytes, start, end, INDEX_PREFIX)) fateLine(bytes, start, end);
        else if (startsWith(bytes, start, end, CALL_PREFIX)) callLine(bytes.toString('utf8', start, end));
        else if (end > start) skippedLines++;
        start = end + 1;
      }
      // One flag per line at most: counted over the chunk's whole lines, not searched line by line.
      for (
        let at = bytes.indexOf(POSSIBLE_DUPLICATE);
        at >= 0 && at < last;
        at = bytes.indexOf(POSSIBLE_DUPLICATE, at + 1)
      )
        possibleDuplicates++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (carry && carry.length > 0) skippedLines++;
  } finally {
    await handle.close();
  }

  const total = Math.max(opts.declaredTotal, highest + 1);
  let acknowledged = 0;
  let failed = 0;
  let notSent = 0;
  let unknown = 0;
  for (let index = 0; index < total; index++) {
    const raw = fates[index];
    const fate = raw & ~UNHEARD;
    if (fate === Fate.Acknowledged) acknowledged++;
    else if (fate === Fate.Failed) failed++;
    else if (fate === Fate.NotSent) notSent++;
    else if (fate === Fate.InFlight || fate === Fate.Unknown || raw & UNHEARD) {
      unknown++;
      fates[index] = Fate.Unknown;
    } else {
      // Rejected with an answer, waiting for a retry that never came: not stored.
      failed++;
      fates[index] = Fate.Failed;
      errors?.set(index, `${INTERRUPTED_CODE}: rejected, and the app stopped before the retry`);
    }
  }
  return {
    total,
    acknowledged,
    failed,
    notSent,
    unknown,
    possibleDuplicates,
    calls,
    acknowledgedPerShard: Object.fromEntries(perShard),
    failures,
    skippedLines,
    fates: opts.fates ? fates.subarray(0, total) : null,
    errors,
    duplicates,
  };
}
