// The send history: an append-only JSON Lines file (history.jsonl) under the data folder, with an
// in-memory index rebuilt on open. electron-store is not used: it rewrites its whole file per change.
// A large file is read newest first: open() answers once the newest screenful is in, and the rest
// loads in the background, a chunk per turn of the event loop, so the main process stays responsive.
// Compaction (compact.ts) rewrites the file through the same queue as appends.
import { fstatSync, writeSync } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { CompactionReport, HistoryEntry, HistoryEvent, HistoryQuery, HistoryRetention, Notice } from '../contract';
import { ServiceError, type HistoryStore } from '../services';
import { applyRetention, hasLimit, NO_RETENTION, removeLeftover, writeCompacted, type CompactionHook } from './compact';
import { createHistoryChanges } from './changes';
import { capPayload, DEFAULT_PAYLOAD_CAP } from './entry';
import { encodeRecord, type LogRecord } from './log';
import { createHistoryIndex } from './search';
import { emptyReader, openTailReader, type TailReader } from './tail';

/** Entries an import adds (and writes) in one turn of the event loop. */
const IMPORT_SLICE = 100;
export interface HistoryOptions {
  dataDir: string;
  /** Payload text kept per entry, in UTF-8 bytes; 64 KiB by default. */
  payloadCap?: number;
  /** How bytes reach the file; tests hand in one that fails part-way, as a full disk does. */
  writeBytes?: (handle: FileHandle, bytes: Buffer) => Promise<void>;
  /** The saved retention: applied once, in the background, after the file has loaded (see compactAtStart). */
  retention?: HistoryRetention;
  /** Called at each step of a compaction; tests make a step fail, or kill the process there. */
  compactionHook?: CompactionHook;
  /** Runs the next chunk of the background load later (setImmediate); tests hold it to see the store mid-load. */
  scheduleLoad?: (next: () => void) => void;
  /** Takes credential values out of every entry written (secrets/redact.ts): an answer or error may echo one. */
  redact?: <T>(value: T) => T;
  /** Hears what changed (changes close together merged, see changes.ts), once it has been written or has failed to be. */
  onChange?: (event: HistoryEvent) => void;
}

export const HISTORY_FILE = 'history.jsonl';
const FIRST_SCREEN = 1000;
/** A file at least this large, whose lines are mostly dead (tombstones, deleted or replaced adds), is compacted at start. */
export const DEAD_FILE_BYTES = 1024 * 1024;

export async function openHistory(opts: HistoryOptions): Promise<HistoryStore> {
  const cap = opts.payloadCap ?? DEFAULT_PAYLOAD_CAP;
  const redact = opts.redact ?? ((value) => value);
  const kept = (entry: HistoryEntry) => capPayload(redact(entry), cap);
  const writeBytes = opts.writeBytes ?? writeAll;
  const scheduleLoad = opts.scheduleLoad ?? setImmediate;
  const file = path.join(opts.dataDir, HISTORY_FILE);
  await mkdir(opts.dataDir, { recursive: true });
  const notices: Notice[] = [];
  /** Adds a notice unless one with the same code is there already: a full disk fails every append. */
  const notify = (notice: Notice) => {
    if (!notices.some((n) => n.code === notice.code)) notices.push(notice);
  };
  // Then nothing is read from or written to the file: the history lives in memory this session.
  let unusable: Error | null = null;
  const entries = createHistoryIndex();
  const changes = createHistoryChanges(opts.onChange ?? (() => {}), () => entries.size);
  /** Tells of a change once its write has settled: a write that failed has its notice by then. */
  const told = <T>(written: Promise<T>, tell: () => void): Promise<T> => {
    written.then(tell, tell);
    return written;
  };
  let liveAtLoad = 0;
  let reader: TailReader;
  try {
    await removeLeftover(file);
    reader = openTailReader(file, (entry) => {
      liveAtLoad++;
      entries.putOlder(entry);
    });
  } catch (error) {
    unusable = error as Error;
    reader = emptyReader();
  }

  let loading = true;
  // Then the index lacks entries the file holds: compacting would drop them.
  let readFailed = false;
  // The whole file was replayed (not cut short by a clear or close): what compactAtStart judges.
  let readWhole = false;
  let markLoaded: () => void = () => {};
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
  /** Ends the load; `finished` when the whole file was read (a clear or close stops it short). */
  const endLoading = (finished: boolean) => {
    if (!loading) return;
    loading = false;
    readWhole = finished;
    reader.close();
    const { skipped } = reader;
    if (finished && skipped > 0) {
      notices.push({
        code: 'HISTORY_LINES_SKIPPED',
        message: `${skipped} unreadable line${skipped === 1 ? ' was' : 's were'} skipped in the history file (an interrupted write, most likely); every other entry was kept.`,
        path: file,
      });
    }
    markLoaded();
  };
  /** Reads one more chunk; a read error ends the load with a notice, keeping what was read. */
  const step = (): boolean => {
    try {
      reader.step();
      return true;
    } catch (error) {
      notices.push({
        code: 'HISTORY_READ_FAILED',
        message: `The rest of the history file could not be read (${(error as Error).message}); only the newest entries are shown.`,
        path: file,
      });
      readFailed = true;
      endLoading(false);
      return false;
    }
  };
  const loadInBackground = () => {
    if (!loading || !step()) return;
    if (reader.done) endLoading(true);
    else scheduleLoad(loadInBackground);
  };
  /** For an answer the entries read so far cannot give: reads the rest of the file now. */
  const loadRest = () => {
    while (loading && !reader.done) if (!step()) return;
    endLoading(true);
  };
  // The largest page the list may ask for: the first one never waits for the rest of the file.
  while (loading && !reader.done && entries.size < FIRST_SCREEN) step();
  if (loading && reader.done) endLoading(true);
  else if (loading) scheduleLoad(loadInBackground);

  // Replaced by the compacted file's handle when a compaction swaps the files; null: in memory only.
  let handle: FileHandle | null = null;
  if (!unusable) handle = await open(file, 'a').catch((error: Error) => ((unusable = error), null));
  if (unusable) {
    const reason = (unusable as NodeJS.ErrnoException).code ?? unusable.message;
    notify({
      code: 'HISTORY_UNUSABLE',
      message: `The history file cannot be used (${reason}). This session's sends are kept in memory until the app closes; move or repair the file, then restart the app.`,
      path: file,
      reason,
    });
  }
  // A line cut short by a crash must not swallow the next record: start that one on a new line.
  let prefix = reader.endsWithNewline ? '' : '\n';
  let closed = false;
  let written: Promise<void> = Promise.resolve();
  // Records applied to the index but not in the file yet, and the flush that will write them.
  const pending: LogRecord[] = [];
  let flushed: Promise<void> | null = null;
  /** The scheduled flush, for a turn that wants it run now. */
  let flushNow: (() => void) | null = null;
  /** Appended entries not taken in yet, and how each append settles. */
  const arrivals: { entry: HistoryEntry | (() => HistoryEntry); settle: (written: Promise<void>) => void }[] = [];
  // Counts clears: records a failed compaction hands back belong to the history only if none happened.
  let clears = 0;

  /** Runs a change to the file after the previous one has finished, failed or not. */
  const chain = <T>(change: () => Promise<T>, onError?: (error: Error) => void): Promise<T> => {
    const run = written.then(change);
    written = run.then(
      () => {},
      (error: Error) => onError?.(error),
    );
    return run;
  };

  /** Queues a write to the file; a failure becomes a notice and is answered to the caller. */
  const queue = (change: () => Promise<void>, what: 'written' | 'emptied'): Promise<void> =>
    chain(change, (error) => {
      // A failed write may have left part of a line behind: the next record starts on a new one.
      prefix = '\n';
      notify({
        code: 'HISTORY_WRITE_FAILED',
        message:
          what === 'written'
            ? `The history file could not be written (${error.message}); entries since then are kept only until the app closes.`
            : `The history file could not be emptied (${error.message}); the cleared entries will be back after a restart.`,
        path: file,
        reason: (error as NodeJS.ErrnoException).code ?? error.message,
      });
    });

  /** Writes every record applied since the last write in one append. */
  const writePending = async () => {
    const records = pending.splice(0);
    if (records.length === 0 || !handle) return;
    await writeBytes(handle, Buffer.from(prefix + records.map(encodeRecord).join(''), 'utf8'));
    prefix = '';
  };

  /**
   * Applies a record to the index at once and queues it for the disk. Records that arrive in the
   * same turn of the event loop go out in one append, and get their search text, after the caller
   * has had its answer: a send never waits for the disk; close() does.
   */
  const write = (record: LogRecord, apply: () => void): Promise<void> => {
    if (closed) return Promise.reject(new Error('The history is closed.'));
    apply();
    pending.push(record);
    flushed ??= new Promise<void>((resolve, reject) => {
      const run = () => {
        // Already run by takeArrivals' turn, or replaced by a later flush.
        if (flushNow !== run) return;
        flushNow = null;
        flushed = null;
        entries.indexAdded();
        queue(writePending, 'written').then(resolve, reject);
      };
      flushNow = run;
      setImmediate(run);
    });
    return flushed;
  };

  /**
   * Takes in the entries appended so far. append() leaves them for the turn after its caller's
   * (a send's answer waits for no history work: ~10 µs of a send, npm run bench); anything that
   * reads or changes the history takes them in first, so no caller ever misses one.
   */
  const takeArrivals = () => {
    for (const { entry, settle } of arrivals.splice(0)) {
      let k: HistoryEntry;
      try {
        k = kept(typeof entry === 'function' ? entry() : entry);
      } catch (error) {
        settle(Promise.reject(error instanceof Error ? error : new Error(String(error))));
        continue;
      }
      settle(
        told(
          write({ op: 'add', entry: k }, () => entries.put(k)),
          () => changes.added(k.id),
        ),
      );
    }
  };

  /**
   * Rewrites the file from the index, in its turn after every change queued before it. The index
   * holds every record applied so far, so records not yet written are in the new file and are not
   * appended again; records applied meanwhile are appended to the new file after it.
   */
  const runCompaction = (retention: HistoryRetention): Promise<CompactionReport> =>
    chain(async () => {
      if (!handle) throw inMemoryOnly();
      takeArrivals();
      const bytesBefore = (await handle.stat()).size;
      const snapshot = entries.matching({}).reverse();
      const unwritten = pending.splice(0);
      const clearsBefore = clears;
      const { kept, removed } = applyRetention(snapshot, retention);
      let compacted: Awaited<ReturnType<typeof writeCompacted>>;
      try {
        compacted = await writeCompacted(file, kept, opts.compactionHook);
      } catch (error) {
        // The old file stays as it was; what it lacks goes to it next.
        if (clears === clearsBefore) pending.unshift(...unwritten);
        throw error;
      }
      const old: FileHandle = handle;
      handle = compacted.handle;
      prefix = '';
      await old.close().catch(() => {});
      // Only the very entry the snapshot held: one deleted and imported again meanwhile stays.
      for (const entry of removed) if (entries.get(entry.id) === entry) entries.delete(entry.id);
      if (removed.length > 0) changes.reset();
      return { total: entries.size, removed: removed.length, bytesBefore, bytesAfter: compacted.bytes };
    });

  /**
   * Once the file has loaded: applies the saved retention if it drops anything, or compacts a
   * file of at least DEAD_FILE_BYTES whose lines are more dead than live. A failure is a notice;
   * the old file stays.
   */
  const compactAtStart = () => {
    if (closed || !readWhole || !handle) return;
    const retention = opts.retention ?? NO_RETENTION;
    const dropsSome =
      hasLimit(retention) && applyRetention(entries.matching({}).reverse(), retention).removed.length > 0;
    const mostlyDead = reader.lines - liveAtLoad > liveAtLoad && fstatSync(handle.fd).size >= DEAD_FILE_BYTES;
    if (!dropsSome && !mostlyDead) return;
    runCompaction(retention).catch((error: Error) =>
      notices.push({
        code: 'HISTORY_COMPACT_FAILED',
        message: `The history file could not be compacted (${error.message}); it was left as it was.`,
        path: file,
      }),
    );
  };
  // Registered before any caller can wait on loaded(): the compaction is queued before they resume.
  void loaded.then(compactAtStart);

  return {
    append(entry) {
      if (closed) return Promise.reject(new Error('The history is closed.'));
      return new Promise<void>((settle) => {
        if (arrivals.push({ entry, settle }) > 1) return;
        // The file write goes in this same turn, not one more later (inside a send timed next).
        setImmediate(() => {
          takeArrivals();
          flushNow?.();
        });
      });
    },
    query(q) {
      takeArrivals();
      // Only the unfiltered newest pages are known to be whole before the file is read.
      if (loading && (isFiltered(q) || q.offset + q.limit > entries.size)) loadRest();
      return { ...entries.query(q), loading };
    },
    matching(filter) {
      takeArrivals();
      loadRest();
      return entries.matching(filter);
    },
    // An import may hold a million entries: they come sorted (the worker that read them sorts) and
    // are added a slice at a time, each slice written before the next, so main answers other calls
    // in between.
    async importEntries(imported) {
      takeArrivals();
      await loaded;
      const seen = new Set<string>();
      let added = 0;
      try {
        for (let from = 0; from < imported.length; from += IMPORT_SLICE) {
          const fresh = imported
            .slice(from, from + IMPORT_SLICE)
            .filter((e) => !entries.has(e.id) && !seen.has(e.id) && seen.add(e.id))
            .map(kept);
          added += fresh.length;
          await Promise.all(fresh.map((e) => write({ op: 'add', entry: e }, () => entries.put(e))));
          // The list follows a long import slice by slice (at most one event per interval).
          if (fresh.length > 0) changes.reset();
        }
      } catch (error) {
        if (added > 0) changes.reset();
        throw error;
      }
      return added;
    },
    get(id) {
      takeArrivals();
      if (!entries.has(id)) loadRest();
      return entries.get(id);
    },
    // Deleted (or dropped by retention) meanwhile stays deleted: a late update must not bring it back.
    async update(entry) {
      takeArrivals();
      if (!entries.has(entry.id)) loadRest();
      if (!entries.has(entry.id)) return false;
      const k = kept(entry);
      await told(
        write({ op: 'add', entry: k }, () => entries.put(k)),
        () => changes.updated(k.id),
      );
      return true;
    },
    // A tombstone: the entry's payload stays in the file until the file is compacted, or the
    // history is cleared.
    async delete(id) {
      takeArrivals();
      if (!entries.has(id)) loadRest();
      if (entries.has(id))
        await told(
          write({ op: 'delete', id }, () => entries.delete(id)),
          () => changes.removed(id),
        );
      return entries.size;
    },
    // The user expects the payloads gone, not hidden: the file is emptied, then appended to again.
    async clear() {
      if (closed) throw new Error('The history is closed.');
      takeArrivals();
      endLoading(false);
      entries.clear();
      // Records still waiting for their turn belong to the entries just cleared.
      pending.splice(0);
      clears++;
      await told(
        queue(async () => {
          await handle?.truncate(0);
          prefix = '';
        }, 'emptied'),
        () => changes.reset(),
      );
      return entries.size;
    },
    async compact(retention) {
      if (closed) throw new Error('The history is closed.');
      await loaded;
      if (closed) throw new Error('The history is closed.');
      if (readFailed) {
        throw new ServiceError('historyNotReadWhole', {}, { hint: 'restartThenCompact' });
      }
      return runCompaction(retention);
    },
    notices: () => [...notices],
    loaded: () => loaded,
    async close() {
      if (closed) return;
      takeArrivals();
      closed = true;
      changes.stop();
      endLoading(false);
      await flushed?.catch(() => {});
      await written;
      // A failing fsync (a full or failing disk) must not stop the app from quitting; the handle is closed still.
      await handle?.sync().catch(() => {});
      await handle?.close();
    },
  };
}

/**
 * Appends synchronously, after the answer has gone (see write()): a few hundred bytes to the page
 * cache take a few µs this way, where the thread-pool round trip of an async write costs ~50 µs of
 * the main process's time per entry. close() still fsyncs.
 */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(handle.fd, bytes, offset);
}

const inMemoryOnly = () => new ServiceError('historyUnusable', {}, { hint: 'repairHistoryFile' });

function isFiltered(q: HistoryQuery): boolean {
  const { text, profileId, stream, outcome, from, to } = q;
  return Boolean(text?.trim()) || [profileId, stream, outcome, from, to].some((v) => v !== undefined);
}
