// The load run: sends records from a source with PutRecords, several calls in flight, paced and
// retried, and accounts for every record exactly once: acknowledged (the service returned its
// sequence number), failed (with the last error and the attempts made), or not sent.
//
// Per record the engine keeps two bytes (status, attempts) plus, while a record is in flight or
// waiting to retry, the record itself; records that end failed stay in memory for the report
// and for "re-send the undelivered". Acknowledged records go to the results file (if one is
// given) and are forgotten. Records never sent are generated again from the source on demand,
// which is why `source(index)` must return the same record for the same index, and must be
// cheap: the engine asks for each record when it is about to go. A source that makes records
// elsewhere (a worker) answers a promise for a record not made yet; the engine asks again once it
// settles, and sends meanwhile what it has.
//
// Duplicates: an entry the service rejected was not stored, so retrying it by index cannot store
// it twice. A call that got no answer (timeout, connection reset) may have been stored all the
// same. By default (at least once) its records are sent again, and those acknowledged later are
// reported as possibly duplicated; with `unansweredCalls: 'giveUp'` (at most once) they are not
// sent again and end with an unknown fate. A refused connection or an unknown host never reached
// the service: nothing to fear there. Nothing else is sent twice.
import { PutRecordsCommand, type PutRecordsCommandOutput } from '@aws-sdk/client-kinesis';
import type {
  FailedRecordView as FailedRecord,
  RunProgress,
  RunReportView,
  RunState,
  SendFailure,
  UnansweredCalls,
} from '../contract';
export type { RunProgress } from '../contract';
import { describeFailure } from '../kinesis/errors';
import { backoffMs, createPacing } from './pacing';
import { createRetryQueue } from './retry-queue';
import { openResultsFile, type ResultsFile } from './results-file';
export type { RecordResult } from './results-file';
import { AGGREGATED_CALL_RECORDS, aggregatedCall, type Aggregation } from './aggregate';
import { plainCall, PUT_RECORDS_LIMITS, sizeOf, type CallBuilder, type CallLimits } from './split';
import { createRunStats } from './stats';
import { ownBytes, type OutgoingRecord } from './types';

/** A KinesisClient fits. Build it with maxAttempts 1: the engine retries, and must see throttling. */
export interface PutRecordsClient {
  send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput>;
}

export interface LoadPlan {
  /** Records to send. With durationMs too, the run stops at whichever comes first. */
  count?: number;
  /** Milliseconds of sending, not counting pauses. Retries of records already sent finish after it. */
  durationMs?: number;
  /** Records per second, retries included; null or absent: as fast as the service accepts. */
  ratePerSec?: number | null;
  /** PutRecords calls in flight at once (default 4). */
  concurrency?: number;
  /** Attempts per record before it is reported failed, 1..255 (default 10). */
  maxAttemptsPerRecord?: number;
  /** A call without an answer: send its records again (at least once, the default) or give them up as unknown (at most once). */
  unansweredCalls?: UnansweredCalls;
  /** No count or duration: the run ends when the source answers null (a replay reads until its range ends). */
  untilSourceEnds?: boolean;
}

export interface LoadRunOptions {
  client: PutRecordsClient;
  streamName: string;
  /**
   * Record number `index` (0-based) of the run. Deterministic per index: see the file comment.
   * A promise: the record is being made; ask again when it settles (a rejection stops the run, as a throw does).
   * Null: the source has no record `index` nor any after it (plan.untilSourceEnds).
   */
  source: (index: number) => OutgoingRecord | Promise<void> | null;
  plan: LoadPlan;
  /** What one PutRecords call may carry (default PUT_RECORDS_LIMITS; 10 MiB on a stream raised to large records). */
  callLimits?: CallLimits;
  /** Called at most 10 times a second while the run goes, and once more, right away, with the final state. */
  onProgress?: (progress: RunProgress) => void;
  /** When given, every record's fate is written there as JSON Lines (RecordResult). */
  resultsFile?: string;
  /** Turns a failed call's error into a SendFailure (default: describeFailure, AWS wording, no secrets to redact). */
  describeError?: (error: unknown) => SendFailure;
  /** Takes credential values out of each line of the results file (default: none known). */
  redact?: <T>(value: T) => T;
  /** Milliseconds, monotonic (tests). */
  now?: () => number;
  /** Uniform in [0, 1), for the backoff jitter (tests pass a seeded one). */
  random?: () => number;
  /** Pack the user records into KPL aggregated records (load/aggregate.ts); every figure still counts user records. */
  aggregation?: Aggregation;
}

/**
 * The engine's report: the figures of the contract's RunReportView (its one definition), with the
 * lists whole and by index, where the view keeps the first 1,000 for history and the renderer.
 */
export type RunReport = Pick<
  RunReportView,
  | 'total'
  | 'sent'
  | 'acknowledged'
  | 'failed'
  | 'notSent'
  | 'calls'
  | 'throttled'
  | 'stopError'
  | 'durationMs'
  | 'startedAt'
  | 'resultsFile'
  | 'resultsFileError'
  | 'kinesisRecords'
> & {
  /** How the engine ends a run; `running` and `interrupted` are history's states. */
  state: Exclude<RunReportView['state'], 'running' | 'interrupted'>;
  unknown: number;
  /** The view's optional figures, always known to the engine. */
  latencyP95Ms: number | null;
  attempts: number;
  acknowledgedPerShard: Record<string, number>;
  /** Failed and unknown records, by index. */
  failures: FailedRecord[];
  /** Acknowledged records sent again after a call without an answer, by index: each may be stored twice. */
  possibleDuplicates: number[];
  /** possibleDuplicates' partition keys, in the same order. */
  possibleDuplicateKeys: string[];
  /** Failed records, then those never sent (generated again from a source that makes them at once), by index. */
  undelivered(): Generator<{ index: number; record: OutgoingRecord }>;
  /** How many records undelivered() yields at most (fewer if the source cannot make one again). */
  undeliveredCount: number;
  /** The n-th (0-based) of undelivered()'s records, without going through the ones before it. */
  undeliveredAt(n: number): OutgoingRecord;
};

export interface LoadRunHandle {
  pause(): void;
  resume(): void;
  cancel(): void;
  snapshot(): RunProgress;
  done: Promise<RunReport>;
}

const UNSENT = 0;
const IN_FLIGHT = 1;
const RETRYING = 2;
const ACKED = 3;
const FAILED = 4;
const UNKNOWN = 5;

const PROGRESS_INTERVAL_MS = 100;
/** Records pulled but held behind an earlier record of their order key; past this no new record is pulled. */
const MAX_HELD = 10_000;

const RETRYABLE_ENTRY = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'KMSThrottlingException',
  'InternalFailure',
  'InternalFailureException',
  'ServiceUnavailable',
]);
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'KMSThrottlingException']);

/** Call errors after which every further call would fail the same way: the run stops. */
const STOPS_THE_RUN = new Set<string>([
  'badKeyYds',
  'badKeyAws',
  'streamNotFound',
  'streamNotFoundYds',
  'connectionRefused',
  'hostNotFound',
  'tlsCertificate',
  'tlsHandshake',
  'credentials',
  'endpointMissing',
  'endpointInvalid',
]);

const sourceFailure = (index: number, e: unknown): SendFailure => ({
  name: 'SourceError',
  message: `Record ${index} could not be made: ${e instanceof Error ? e.message : String(e)}`,
  hint: 'Fix the template or the batch, then run again.',
  hintCode: 'unknown',
  httpStatus: null,
  requestId: null,
  retryable: false,
  attempts: 0,
});

const defaultDescribe = (e: unknown) =>
  describeFailure(e, { family: 'aws', timeoutMs: 0, aborted: false, redact: (text) => text, accessKeyIds: [] });

interface Live {
  record: OutgoingRecord;
  size: number;
  lastError?: { code: string; message: string };
}

export function startLoadRun(opts: LoadRunOptions): LoadRunHandle {
  const now = opts.now ?? (() => performance.now());
  const random = opts.random ?? Math.random;
  const describe = opts.describeError ?? defaultDescribe;
  const { count, durationMs } = opts.plan;
  const concurrency = Math.max(1, opts.plan.concurrency ?? 4);
  const maxAttempts = Math.min(255, Math.max(1, opts.plan.maxAttemptsPerRecord ?? 10));
  if (count === undefined && durationMs === undefined && !opts.plan.untilSourceEnds)
    throw new RangeError('A load run needs a count, a duration, or both.');
  if (
    (count !== undefined && !(Number.isInteger(count) && count >= 0)) ||
    (durationMs !== undefined && !(durationMs >= 0))
  ) {
    throw new RangeError('A load run needs a whole, non-negative count and a non-negative duration.');
  }
  const pacing = createPacing(opts.plan.ratePerSec ?? null);
  const callLimits = opts.callLimits ?? PUT_RECORDS_LIMITS;
  const results: ResultsFile | null = opts.resultsFile ? openResultsFile(opts.resultsFile, opts.redact) : null;

  const startedAt = now();
  const startedAtWall = new Date().toISOString();
  const stats = createRunStats(startedAt);

  let status = new Uint8Array(Math.max(16, Math.min(count ?? 4096, 1 << 16)));
  let attempts = new Uint8Array(status.length);
  const live = new Map<number, Live>();
  const failures = new Map<number, { record: OutgoingRecord; code: string; message: string; unknown?: true }>();
  const giveUpUnanswered = opts.plan.unansweredCalls === 'giveUp';
  /** Records that were in a call without an answer and are being sent again. */
  const unansweredBefore = new Set<number>();
  const possibleDuplicates: number[] = [];
  const possibleDuplicateKey = new Map<number, string>();
  const retries = createRetryQueue();
  const aggregation = opts.aggregation;
  const newCall = () => (aggregation ? aggregatedCall(aggregation) : plainCall(callLimits));
  const callRecords = aggregation ? AGGREGATED_CALL_RECORDS : callLimits.maxRecords;
  const perShard = new Map<string, number>();

  let state: RunState = 'running';
  let stopping: 'cancel' | 'fatal' | null = null;
  let stopError: SendFailure | null = null;
  let nextIndex = 0;
  /** The source answered null at this index: it has no more records. */
  let sourceEnd = Infinity;
  /** Order keys with a record in a call or waiting to retry, each with the later records held behind it. */
  const heldBehind = new Map<string, number[]>();
  let held = 0;
  /** Held records whose key came free, oldest first: they go before new ones. */
  const released: number[] = [];
  /** A pulled record that did not fit the last call; it goes first among the new ones. */
  let carry: number | null = null;
  /** The source is making the next record; pump runs again when it is ready. */
  let awaitingSource = false;
  let sent = 0;
  let acknowledged = 0;
  let failed = 0;
  let unknown = 0;
  let calls = 0;
  let throttled = 0;
  /** Kinesis records acknowledged, when aggregating (each holds many user records). */
  let kinesisRecords = 0;
  /** Entries put in calls, retries included: what `throttled` is a share of. */
  let entryAttempts = 0;
  let inFlightCalls = 0;
  let inFlightRecords = 0;
  let pausedTotal = 0;
  let pausedAt: number | null = null;
  let finished = false;
  let finishedElapsed = 0;

  let wakeTimer: ReturnType<typeof setTimeout> | null = null;
  let wakeAt = Infinity;
  let progressTimer: ReturnType<typeof setTimeout> | null = null;
  let lastProgress = -Infinity;

  let resolveDone!: (r: RunReport) => void;
  const done = new Promise<RunReport>((resolve) => (resolveDone = resolve));

  const elapsed = (t: number) =>
    finished ? finishedElapsed : t - startedAt - pausedTotal - (pausedAt === null ? 0 : t - pausedAt);

  function grow(index: number) {
    if (index < status.length) return;
    let size = status.length * 2;
    while (size <= index) size *= 2;
    const s = new Uint8Array(size);
    s.set(status);
    status = s;
    const a = new Uint8Array(size);
    a.set(attempts);
    attempts = a;
  }

  function moreNew(t: number): boolean {
    if (stopping) return false;
    if (released.length > 0) return true;
    if (carry !== null) return durationMs === undefined || elapsed(t) < durationMs;
    return (
      (count === undefined || nextIndex < count) &&
      nextIndex < sourceEnd &&
      held < MAX_HELD &&
      (durationMs === undefined || elapsed(t) < durationMs)
    );
  }

  /** The next record to go, or null when none can go now; a record held behind its order key is skipped over. */
  function pull(): number | null {
    if (released.length > 0) return released.shift()!;
    if (carry !== null) {
      const c = carry;
      carry = null;
      return c;
    }
    for (;;) {
      const index = nextIndex;
      let record: OutgoingRecord | Promise<void> | null;
      try {
        record = opts.source(index);
      } catch (e) {
        stop(sourceFailure(index, e));
        return null;
      }
      if (record === null) {
        sourceEnd = index;
        return null;
      }
      if (record instanceof Promise) {
        awaitSource(record, index);
        return null;
      }
      grow(index);
      nextIndex++;
      live.set(index, { record, size: sizeOf(record) });
      const key = record.orderKey;
      if (key === undefined) return index;
      const behind = heldBehind.get(key);
      if (!behind) {
        heldBehind.set(key, []);
        return index;
      }
      behind.push(index);
      held++;
      if (held >= MAX_HELD || nextIndex >= (count ?? Infinity)) return null;
    }
  }

  /** A record's fate is settled: the next record of its order key may go. */
  function release(record: OutgoingRecord) {
    const key = record.orderKey;
    if (key === undefined) return;
    const behind = heldBehind.get(key);
    if (behind && behind.length > 0) {
      released.push(behind.shift()!);
      held--;
    } else heldBehind.delete(key);
  }

  function awaitSource(ready: Promise<void>, index: number) {
    if (awaitingSource) return;
    awaitingSource = true;
    ready.then(
      () => {
        awaitingSource = false;
        pump();
      },
      (e: unknown) => {
        awaitingSource = false;
        stop(sourceFailure(index, e));
        pump();
      },
    );
  }

  function wake(at: number) {
    if (at >= wakeAt) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(
      () => {
        wakeTimer = null;
        wakeAt = Infinity;
        pump();
      },
      Math.max(0, at - now()),
    );
  }

  function pump() {
    if (finished) return;
    while (state === 'running' && !stopping && inFlightCalls < concurrency) {
      const t = now();
      const more = moreNew(t);
      const want = pacing.callSize(callRecords);
      const n = more ? want : retries.countReady(t, want);
      if (n === 0) {
        const next = retries.nextReadyAt();
        if (next !== undefined) wake(next);
        break;
      }
      const wait = pacing.waitFor(n, t);
      if (wait > 0) {
        wake(t + wait);
        break;
      }
      const batch: number[] = [];
      const call = newCall();
      const add = (index: number) => {
        const l = live.get(index)!;
        return call.tryAdd(l.record, l.size);
      };
      for (let r = retries.peekReady(t); r !== undefined && batch.length < n; r = retries.peekReady(t)) {
        if (!add(r)) break;
        batch.push(retries.pop());
      }
      while (batch.length < n && moreNew(t)) {
        const index = pull();
        if (index === null) break;
        if (!add(index)) {
          carry = index;
          break;
        }
        batch.push(index);
      }
      if (batch.length === 0) break;
      pacing.take(batch.length, t);
      stats.sent(t, batch.length);
      void dispatch(batch, call, t);
    }
    // The end of a duration run must be noticed even when no call is out to wake the pump.
    if (state === 'running' && durationMs !== undefined && !stopping) {
      const left = durationMs - elapsed(now());
      if (left > 0) wake(now() + left);
    }
    maybeFinish();
  }

  async function dispatch(batch: number[], builder: CallBuilder, sentAt: number) {
    inFlightCalls++;
    inFlightRecords += batch.length;
    for (const index of batch) {
      if (attempts[index] === 0) sent++;
      attempts[index]++;
      entryAttempts++;
      status[index] = IN_FLIGHT;
    }
    const { entries, entryOf } = builder.entries();
    markDirty();
    const call = results?.intent(batch);
    let out: PutRecordsCommandOutput | undefined;
    let error: unknown;
    try {
      out = await opts.client.send(new PutRecordsCommand({ StreamName: opts.streamName, Records: entries }));
    } catch (e) {
      error = e;
    }
    const t = now();
    inFlightCalls--;
    inFlightRecords -= batch.length;
    calls++;
    stats.callLatency(t - sentAt);
    const failure = out ? null : describe(error);
    if (out) settleEntries(batch, out, entryOf, sentAt, t);
    else settleCall(batch, failure!, t);
    // Without an answer (timeout, reset) the service may have stored the records: recovery must know.
    results?.answered(call!, failure === null || failure.delivery !== 'noAnswer');
    if (results) await results.flush();
    markDirty();
    pump();
  }

  /** `entryOf[k]`: the entry that held the batch's k-th record (an aggregate holds several). */
  function settleEntries(
    batch: number[],
    out: PutRecordsCommandOutput,
    entryOf: number[] | null,
    sentAt: number,
    t: number,
  ) {
    const answers = out.Records ?? [];
    let throttledHere = 0;
    let ackedHere = 0;
    const jitter = random();
    batch.forEach((index, k) => {
      const a = answers[entryOf ? entryOf[k] : k];
      if (!a) {
        // The service answered without this entry: its fate is unknown, so it is neither retried nor counted.
        fail(
          index,
          'MissingResult',
          'The service returned no result for this record; it may or may not have been written.',
        );
      } else if (a.ErrorCode) {
        if (THROTTLING.has(a.ErrorCode)) throttledHere++;
        const message = a.ErrorMessage || a.ErrorCode;
        if (RETRYABLE_ENTRY.has(a.ErrorCode)) retryOrFail(index, a.ErrorCode, message, t, jitter);
        else fail(index, a.ErrorCode, message);
      } else if (!a.SequenceNumber) {
        fail(
          index,
          'MissingSequenceNumber',
          'The service reported no error but returned no sequence number, so the record is not counted as delivered.',
        );
      } else {
        ack(index, a.ShardId ?? '', a.SequenceNumber);
        ackedHere++;
      }
    });
    throttled += throttledHere;
    if (entryOf) kinesisRecords += answers.filter((a) => !a.ErrorCode && a.SequenceNumber).length;
    if (ackedHere) stats.acknowledged(t, ackedHere);
    pacing.feedback({
      sentAt,
      sent: batch.length,
      throttled: throttledHere,
      t,
      sendRate: stats.sendRate(t),
      ackRate: stats.currentRate(t),
    });
  }

  function settleCall(batch: number[], failure: SendFailure, t: number) {
    if (failure.hintCode && STOPS_THE_RUN.has(failure.hintCode)) {
      for (const index of batch) fail(index, failure.name, failure.message);
      stop(failure);
      return;
    }
    // A whole call throttled (YDS: the database's request units) backs off its records but does
    // not move the send rate: it says nothing about the shards, and such throttling comes
    // whatever the rate, so cutting on it would starve the run.
    if (failure.hintCode === 'throttled') throttled += batch.length;
    // The call went out and no answer came: the service may have stored it.
    const unanswered = failure.delivery === 'noAnswer';
    const jitter = random();
    for (const index of batch) {
      if (unanswered && giveUpUnanswered)
        giveUp(
          index,
          failure.name,
          `${failure.message} (not sent again: the call got no answer, so the record may or may not be stored)`,
        );
      else if (failure.retryable) {
        if (unanswered) unansweredBefore.add(index);
        retryOrFail(index, failure.name, failure.message, t, jitter);
      } else fail(index, failure.name, failure.message);
    }
  }

  function ack(index: number, shardId: string, sequenceNumber: string) {
    const l = live.get(index)!;
    live.delete(index);
    release(l.record);
    status[index] = ACKED;
    acknowledged++;
    perShard.set(shardId, (perShard.get(shardId) ?? 0) + 1);
    const again = unansweredBefore.delete(index);
    if (again) {
      possibleDuplicates.push(index);
      possibleDuplicateKey.set(index, l.record.partitionKey);
    }
    results?.add({
      index,
      partitionKey: l.record.partitionKey,
      ok: true,
      shardId,
      sequenceNumber,
      attempts: attempts[index],
      ...(again ? { possibleDuplicate: true as const } : {}),
    });
  }

  function fail(index: number, code: string, message: string) {
    const l = live.get(index)!;
    live.delete(index);
    release(l.record);
    status[index] = FAILED;
    failed++;
    if (unansweredBefore.delete(index)) message += ' (a call with it got no answer: it may have been stored)';
    failures.set(index, { record: ownBytes(l.record), code, message });
    results?.add({
      index,
      partitionKey: l.record.partitionKey,
      ok: false,
      errorCode: code,
      errorMessage: message,
      attempts: attempts[index],
    });
  }

  /** At most once: a record whose call got no answer is not sent again; whether it is stored is unknown. */
  function giveUp(index: number, code: string, message: string) {
    const l = live.get(index)!;
    live.delete(index);
    release(l.record);
    status[index] = UNKNOWN;
    unknown++;
    failures.set(index, { record: ownBytes(l.record), code, message, unknown: true });
    results?.add({
      index,
      partitionKey: l.record.partitionKey,
      ok: false,
      unknown: true,
      errorCode: code,
      errorMessage: message,
      attempts: attempts[index],
    });
  }

  /**
   * One jitter draw per call: the entries of a call that failed on the same attempt wait equally
   * long and go again together, rather than one by one in tiny calls.
   */
  function retryOrFail(index: number, code: string, message: string, t: number, jitter: number) {
    if (stopping)
      return fail(
        index,
        code,
        `${message} (not retried: ${stopping === 'cancel' ? 'the run was cancelled' : 'the run stopped'})`,
      );
    if (attempts[index] >= maxAttempts)
      return fail(index, code, `${message} (given up after the allowed number of attempts: ${attempts[index]})`);
    live.get(index)!.lastError = { code, message };
    status[index] = RETRYING;
    retries.push(index, t + backoffMs(attempts[index], jitter));
  }

  /** No new calls; records waiting to retry end failed with their last error. */
  function stop(failure: SendFailure | null) {
    if (stopping) return;
    stopping = failure ? 'fatal' : 'cancel';
    stopError = failure;
    while (retries.size > 0) {
      const index = retries.pop();
      const last = live.get(index)!.lastError!;
      fail(index, last.code, `${last.message} (not retried: ${failure ? 'the run stopped' : 'the run was cancelled'})`);
    }
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeTimer = null;
    wakeAt = Infinity;
  }

  function maybeFinish() {
    if (finished || inFlightCalls > 0 || retries.size > 0) return;
    if (state === 'paused' && !stopping) return;
    if (moreNew(now())) return;
    void finish();
  }

  async function finish() {
    finished = true;
    const t = now();
    finishedElapsed = t - startedAt - pausedTotal - (pausedAt === null ? 0 : t - pausedAt);
    if (wakeTimer) clearTimeout(wakeTimer);
    // A record pulled but never put in a call is given back to the source.
    if (carry !== null) {
      live.delete(carry);
      // Records held behind their order key may come after it: then the count stays.
      if (carry === nextIndex - 1) nextIndex = carry;
      carry = null;
    }
    state = stopping === 'fatal' ? 'failed' : stopping === 'cancel' ? 'cancelled' : 'done';
    // A stopped count run still owes its whole count; a run that reached its end (the count, or
    // the duration first) consists of the records it made.
    const total = stopping && count !== undefined ? count : nextIndex;
    let notSent = 0;
    // Runs of never-sent indices, [from, to): "the rest of the run" is usually one.
    const unsentRanges: [number, number][] = [];
    for (let index = 0; index < total; index++) {
      if (index < status.length && status[index] !== UNSENT) continue;
      notSent++;
      const last = unsentRanges.at(-1);
      if (last && last[1] === index) last[1] = index + 1;
      else unsentRanges.push([index, index + 1]);
      results?.add({
        index,
        ok: false,
        errorCode: 'NotSent',
        errorMessage: stopping === 'fatal' ? 'Not sent: the run stopped.' : 'Not sent: the run was cancelled.',
        attempts: 0,
      });
      if (notSent % 10_000 === 0) await results?.flush();
    }
    const resultsFileError = results ? await results.close() : null;
    // The final state goes out once, at once: waiting out the interval would delay the report.
    if (progressTimer) clearTimeout(progressTimer);
    emitProgress();
    const failedEntries = [...failures.entries()].sort((a, b) => a[0] - b[0]);
    const failureList = failedEntries.map(([index, f]) => ({
      index,
      partitionKey: f.record.partitionKey,
      errorCode: f.code,
      errorMessage: f.message,
      attempts: attempts[index],
      ...(f.unknown ? { unknown: true as const } : {}),
    }));
    possibleDuplicates.sort((a, b) => a - b);
    const failedRecords = failedEntries.map(([, f]) => f.record);
    /** Only a source that makes records at once can make them here; a worker-fed one is remade from the run's saved source instead (runs/run-source.ts). */
    const source = (index: number): OutgoingRecord => {
      const made = opts.source(index);
      if (made === null || made instanceof Promise)
        throw new Error(`Record ${index} is not at hand: make it again from the run's source.`);
      return made;
    };
    /** The n-th undelivered record: the failed ones by index, then the never-sent ones made again. */
    const undeliveredAt = (n: number): OutgoingRecord => {
      if (n < failedRecords.length) return failedRecords[n];
      let k = n - failedRecords.length;
      for (const [from, to] of unsentRanges) {
        if (k < to - from) return source(from + k);
        k -= to - from;
      }
      throw new RangeError(`The run has ${failedRecords.length + notSent} undelivered records, not ${n + 1}.`);
    };
    resolveDone({
      state,
      total,
      latencyP95Ms: stats.latency().p95,
      attempts: entryAttempts,
      sent,
      acknowledged,
      failed,
      unknown,
      notSent,
      calls,
      throttled,
      acknowledgedPerShard: Object.fromEntries(perShard),
      failures: failureList,
      possibleDuplicates,
      possibleDuplicateKeys: possibleDuplicates.map((index) => possibleDuplicateKey.get(index)!),
      stopError,
      durationMs: finishedElapsed,
      startedAt: startedAtWall,
      resultsFile: opts.resultsFile ?? null,
      resultsFileError,
      ...(aggregation ? { kinesisRecords } : {}),
      undeliveredCount: failedRecords.length + notSent,
      undeliveredAt,
      *undelivered() {
        for (const [i, entry] of failureList.entries()) yield { index: entry.index, record: failedRecords[i] };
        for (const [from, to] of unsentRanges) {
          for (let index = from; index < to; index++) {
            let record: OutgoingRecord;
            try {
              record = source(index);
            } catch {
              // The record the run stopped on could not be made then either (its stopError says why).
              continue;
            }
            yield { index, record };
          }
        }
      },
    });
  }

  function snapshot(): RunProgress {
    const t = now();
    const currentRate = stats.currentRate(t);
    const { p50, p95 } = stats.latency();
    const el = elapsed(t);
    let etaMs: number | null = null;
    if (state === 'running') {
      const byCount =
        count !== undefined && currentRate > 0
          ? ((count - acknowledged - failed - unknown) / currentRate) * 1000
          : null;
      const byTime = durationMs !== undefined ? Math.max(0, durationMs - el) : null;
      etaMs = byCount === null ? byTime : byTime === null ? byCount : Math.min(byCount, byTime);
    }
    return {
      state,
      total: count ?? null,
      sent,
      acknowledged,
      failed,
      retrying: retries.size,
      inFlight: inFlightRecords,
      calls,
      throttled,
      currentRate,
      sendRateLimit: pacing.rate(),
      latencyP50Ms: p50,
      latencyP95Ms: p95,
      ratePerSecond: stats.series(t),
      elapsedMs: el,
      etaMs,
    };
  }

  function emitProgress() {
    progressTimer = null;
    // A timer counts from the event loop's cached time, so it can fire a few ms early by this
    // clock: the gap is kept all the same (the final state alone goes at once).
    const early = lastProgress + PROGRESS_INTERVAL_MS - now();
    if (early > 0 && !finished) {
      progressTimer = setTimeout(emitProgress, early);
      return;
    }
    try {
      opts.onProgress?.(snapshot());
    } catch {
      // A failing listener must not break the run's accounting.
    }
    // Taken after the listener: however long it and the snapshot took, the next event comes a full interval later.
    lastProgress = now();
  }

  function markDirty() {
    if (!opts.onProgress || progressTimer || finished) return;
    progressTimer = setTimeout(emitProgress, Math.max(0, lastProgress + PROGRESS_INTERVAL_MS - now()));
  }

  queueMicrotask(pump);

  return {
    pause() {
      if (state !== 'running') return;
      state = 'paused';
      pausedAt = now();
      markDirty();
    },
    resume() {
      if (state !== 'paused') return;
      state = 'running';
      pausedTotal += now() - pausedAt!;
      pausedAt = null;
      markDirty();
      pump();
    },
    cancel() {
      if (finished || stopping) return;
      if (state === 'paused') {
        pausedTotal += now() - pausedAt!;
        pausedAt = null;
      }
      state = 'cancelling';
      stop(null);
      markDirty();
      maybeFinish();
    },
    snapshot,
    done,
  };
}
