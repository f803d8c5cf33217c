// The send history: an append-only JSON Lines file (history.jsonl) under the data folder, with an
// in-memory index rebuilt on open. electron-store is not used: it rewrites its whole file per change.
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Notice } from '../contract';
import type { HistoryStore } from '../services';
import { capPayload, DEFAULT_PAYLOAD_CAP, summarize } from './entry';
import { encodeRecord, replay, type LogRecord } from './log';

export interface HistoryOptions {
  dataDir: string;
  /** Payload text kept per entry, in UTF-8 bytes; 64 KiB by default. */
  payloadCap?: number;
}

export const HISTORY_FILE = 'history.jsonl';

export async function openHistory(opts: HistoryOptions): Promise<HistoryStore> {
  const cap = opts.payloadCap ?? DEFAULT_PAYLOAD_CAP;
  const file = path.join(opts.dataDir, HISTORY_FILE);
  await mkdir(opts.dataDir, { recursive: true });
  const log = await readOrEmpty(file);
  const { entries, skipped } = replay(log);
  const notices: Notice[] =
    skipped > 0
      ? [
          {
            code: 'HISTORY_LINES_SKIPPED',
            message: `${skipped} unreadable line${skipped === 1 ? ' was' : 's were'} skipped in the history file (an interrupted write, most likely); every other entry was kept.`,
            path: file,
          },
        ]
      : [];

  const handle = await open(file, 'a');
  // A line cut short by a crash must not swallow the next record: start that one on a new line.
  let prefix = log.length > 0 && log[log.length - 1] !== 0x0a ? '\n' : '';
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();

  /** Writes one record after every earlier one, then applies it to the index. */
  const write = (record: LogRecord, apply: () => void): Promise<void> => {
    if (closed) return Promise.reject(new Error('The history is closed.'));
    const run = queue.then(async () => {
      await handle.appendFile(prefix + encodeRecord(record), 'utf8');
      prefix = '';
      apply();
    });
    queue = run.catch(() => {});
    return run;
  };

  return {
    append(entry) {
      const kept = capPayload(entry, cap);
      return write({ op: 'add', entry: kept }, () => {
        entries.delete(kept.id);
        entries.set(kept.id, kept);
      });
    },
    list(limit) {
      const newestFirst = [...entries.values()].reverse().slice(0, limit);
      return { entries: newestFirst.map(summarize), total: entries.size };
    },
    get: (id) => entries.get(id),
    async delete(id) {
      if (entries.has(id)) await write({ op: 'delete', id }, () => entries.delete(id));
      return entries.size;
    },
    async clear() {
      await write({ op: 'clear' }, () => entries.clear());
      return entries.size;
    },
    notices: () => [...notices],
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await handle.sync();
      await handle.close();
    },
  };
}

async function readOrEmpty(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}
