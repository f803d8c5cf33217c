// Compaction: the history file rewritten to hold only the live entries retention keeps, as plain
// adds, oldest first. Crash-safe by construction: the new file is written beside the old one
// (history.jsonl.compacting), fsynced, then renamed over it, and the folder fsynced. A crash before
// the rename leaves the old file whole (the leftover is removed at the next open, never read); a
// crash after it leaves the new file whole.
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryEntry, HistoryRetention } from '../contract';
import { encodeRecord } from './log';

export const COMPACTING_SUFFIX = '.compacting';
const DAY_MS = 24 * 60 * 60 * 1000;
const CHUNK_BYTES = 1024 * 1024;

/** Where a compaction is; tests make one of them fail, or kill the process there. */
export type CompactionStep = 'chunk-written' | 'temp-synced' | 'renamed';
export type CompactionHook = (step: CompactionStep) => void | Promise<void>;

export const NO_RETENTION: HistoryRetention = { keepLast: null, keepDays: null };

/**
 * The entries (oldest first) retention keeps: among the newest `keepLast` in the list's order, and
 * no older than `keepDays` by their time. Both apply when both are set. An entry whose time does not
 * parse is kept: nothing says it is old.
 */
export function applyRetention(
  entries: HistoryEntry[],
  retention: HistoryRetention,
  now = Date.now(),
): { kept: HistoryEntry[]; removed: HistoryEntry[] } {
  const { keepLast, keepDays } = retention;
  const firstKept = keepLast === null ? 0 : Math.max(0, entries.length - keepLast);
  const cutoff = keepDays === null ? -Infinity : now - keepDays * DAY_MS;
  const kept: HistoryEntry[] = [];
  const removed: HistoryEntry[] = [];
  entries.forEach((entry, i) => (i >= firstKept && !(Date.parse(entry.time) < cutoff) ? kept : removed).push(entry));
  return { kept, removed };
}

export const hasLimit = (r: HistoryRetention): boolean => r.keepLast !== null || r.keepDays !== null;

/**
 * Writes `entries` to the temp file and renames it over `file`. Answers the new file's handle,
 * opened for appending, and its size: once renamed, the caller appends there and closes the old
 * handle. On a failure before the rename the temp file is removed and `file` is untouched.
 */
export async function writeCompacted(
  file: string,
  entries: HistoryEntry[],
  hook?: CompactionHook,
): Promise<{ handle: FileHandle; bytes: number }> {
  const temp = file + COMPACTING_SUFFIX;
  await rm(temp, { force: true });
  // Opened for appending: after the rename this very handle is the history file's append handle.
  const handle = await open(temp, 'ax');
  let bytes = 0;
  try {
    for (let i = 0; i < entries.length;) {
      // About a megabyte per write, each awaited: the main process stays responsive meanwhile.
      let text = '';
      while (i < entries.length && text.length < CHUNK_BYTES) text += encodeRecord({ op: 'add', entry: entries[i++] });
      const chunk = Buffer.from(text, 'utf8');
      await writeWhole(handle, chunk);
      bytes += chunk.length;
      await hook?.('chunk-written');
    }
    await handle.sync();
    await hook?.('temp-synced');
    await rename(temp, file);
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  // From here the new file is the history, and the caller must get its handle: a folder that
  // cannot be fsynced still holds the renamed file, only the rename may not survive a power cut.
  const makeDurable = async () => {
    await hook?.('renamed');
    await syncFolder(path.dirname(file));
  };
  await makeDurable().catch(() => {});
  return { handle, bytes };
}

/** Removes what an interrupted compaction left; it is never read as history. */
export async function removeLeftover(file: string): Promise<void> {
  await rm(file + COMPACTING_SUFFIX, { force: true });
}

async function writeWhole(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length;) offset += (await handle.write(bytes, offset)).bytesWritten;
}

/** Makes the rename itself durable. Windows cannot open a folder to fsync it; NTFS journals the rename. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
