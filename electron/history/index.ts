// The send history: an append-only JSON Lines file (history.jsonl) under the data folder, with an
// in-memory index rebuilt on open. electron-store is not used: it rewrites its whole file per change.
// A large file is read newest first: open() answers once the newest screenful is in, and the rest
// loads in the background, a chunk per turn of the event loop, so the main process stays responsive.
import { writeSync } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryQuery, Notice } from '../contract';
import type { HistoryStore } from '../services';
import { capPayload, DEFAULT_PAYLOAD_CAP } from './entry';
import { encodeRecord, type LogRecord } from './log';
import { createHistoryIndex } from './search';
import { openTailReader } from './tail';

export interface HistoryOptions {
  dataDir: string;
  /** Payload text kept per entry, in UTF-8 bytes; 64 KiB by default. */
  payloadCap?: number;
  /** How bytes reach the file; tests hand in one that fails part-way, as a full disk does. */
  writeBytes?: (handle: FileHandle, bytes: Buffer) => Promise<void>;
}

export const HISTORY_FILE = 'history.jsonl';
const FIRST_SCREEN = 1000;

export async function openHistory(opts: HistoryOptions): Promise<HistoryStore> {
  const cap = opts.payloadCap ?? DEFAULT_PAYLOAD_CAP;
  const writeBytes = opts.writeBytes ?? writeAll;
  const file = path.join(opts.dataDir, HISTORY_FILE);
  await mkdir(opts.dataDir, { recursive: true });
  const entries = createHistoryIndex();
  const reader = openTailReader(file, (entry) => entries.putOlder(entry));
  // The largest page the list may ask for: the first one never waits for the rest of the file.
  while (!reader.done && entries.size < FIRST_SCREEN) reader.step();
  const notices: Notice[] = [];

  let loading = true;
  let markLoaded: () => void = () => {};
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
  /** Ends the load; `finished` when the whole file was read (a clear or close stops it short). */
  const endLoading = (finished: boolean) => {
    if (!loading) return;
    loading = false;
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
      endLoading(false);
      return false;
    }
  };
  const loadInBackground = () => {
    if (!loading || !step()) return;
    if (reader.done) endLoading(true);
    else setImmediate(loadInBackground);
  };
  /** For an answer the entries read so far cannot give: reads the rest of the file now. */
  const loadRest = () => {
    while (loading && !reader.done) if (!step()) return;
    endLoading(true);
  };
  if (reader.done) endLoading(true);
  else setImmediate(loadInBackground);

  const handle = await open(file, 'a');
  // A line cut short by a crash must not swallow the next record: start that one on a new line.
  let prefix = reader.endsWithNewline ? '' : '\n';
  let closed = false;
  let written: Promise<void> = Promise.resolve();
  let batch: { records: LogRecord[]; done: Promise<void> } | null = null;

  /** Writes every record gathered since the last flush in one append, after the previous one. */
  const flush = (records: LogRecord[]): Promise<void> => {
    batch = null;
    const text = records.map(encodeRecord).join('');
    return queue(() => writeBytes(handle, Buffer.from(prefix + text, 'utf8')).then(() => void (prefix = '')), 'written');
  };

  /** Runs a change to the file after the previous one; a failure becomes a notice and is answered to the caller. */
  const queue = (change: () => Promise<void>, what: 'written' | 'emptied'): Promise<void> => {
    const run = written.then(change);
    written = run.catch((error: Error) => {
      // A failed write may have left part of a line behind: the next record starts on a new one.
      prefix = '\n';
      notices.push({
        code: 'HISTORY_WRITE_FAILED',
        message:
          what === 'written'
            ? `The history file could not be written (${error.message}); entries since then are kept only until the app closes.`
            : `The history file could not be emptied (${error.message}); the cleared entries will be back after a restart.`,
        path: file,
      });
    });
    return run;
  };

  /**
   * Applies a record to the index at once and queues it for the disk. Records that arrive in the
   * same turn of the event loop go out in one append, after the caller has had its answer: a send
   * never waits for the disk; close() does.
   */
  const write = (record: LogRecord, apply: () => void): Promise<void> => {
    if (closed) return Promise.reject(new Error('The history is closed.'));
    apply();
    if (!batch) {
      const records: LogRecord[] = [];
      const done = new Promise<void>((resolve, reject) => setImmediate(() => flush(records).then(resolve, reject)));
      batch = { records, done };
    }
    batch.records.push(record);
    return batch.done;
  };

  return {
    append(entry) {
      const kept = capPayload(entry, cap);
      return write({ op: 'add', entry: kept }, () => entries.put(kept));
    },
    query(q) {
      // Only the unfiltered newest pages are known to be whole before the file is read.
      if (loading && (isFiltered(q) || q.offset + q.limit > entries.size)) loadRest();
      return { ...entries.query(q), loading };
    },
    matching(filter) {
      loadRest();
      return entries.matching(filter);
    },
    async importEntries(imported) {
      await loaded;
      const seen = new Set<string>();
      const fresh = imported
        .filter((e) => !entries.has(e.id) && !seen.has(e.id) && seen.add(e.id))
        // Oldest first, so the list (newest first) shows them in time order.
        .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
        .map((e) => capPayload(e, cap));
      await Promise.all(fresh.map((e) => write({ op: 'add', entry: e }, () => entries.put(e))));
      return fresh.length;
    },
    get(id) {
      if (!entries.has(id)) loadRest();
      return entries.get(id);
    },
    // A tombstone: the entry's payload stays in the file until the file is compacted (a later
    // issue), or until the history is cleared.
    async delete(id) {
      if (!entries.has(id)) loadRest();
      if (entries.has(id)) await write({ op: 'delete', id }, () => entries.delete(id));
      return entries.size;
    },
    // The user expects the payloads gone, not hidden: the file is emptied, then appended to again.
    async clear() {
      if (closed) throw new Error('The history is closed.');
      endLoading(false);
      entries.clear();
      // Records still waiting for their turn belong to the entries just cleared.
      batch?.records.splice(0);
      await queue(async () => {
        await handle.truncate(0);
        prefix = '';
      }, 'emptied');
      return entries.size;
    },
    notices: () => [...notices],
    loaded: () => loaded,
    async close() {
      if (closed) return;
      closed = true;
      endLoading(false);
      await batch?.done.catch(() => {});
      await written;
      await handle.sync();
      await handle.close();
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

function isFiltered(q: HistoryQuery): boolean {
  const { text, profileId, stream, outcome, from, to } = q;
  return Boolean(text?.trim()) || [profileId, stream, outcome, from, to].some((v) => v !== undefined);
}
