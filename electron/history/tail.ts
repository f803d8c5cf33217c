// Reads the history file from its end, newest record first, so the newest page can be listed
// before the rest of a large file is parsed. Replaying backwards: the first add seen for an id is
// its latest one (it wins), a tombstone hides the adds before it, and a clear ends the scan.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { HistoryEntry } from '../contract';
import { parseRecord } from './log';

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

export interface TailReader {
  /** Whether the file's bytes end with a newline (true for an empty file). */
  readonly endsWithNewline: boolean;
  /** True once the start of the file (or a clear record) has been reached. */
  readonly done: boolean;
  /** Unreadable lines met so far. */
  readonly skipped: number;
  /** Lines replayed so far, readable or not: with the live entries found, how much of the file is dead. */
  readonly lines: number;
  /** Replays the next chunk towards the start of the file, handing each live entry to `onEntry`, newest first. */
  step(): void;
  close(): void;
}

/**
 * Reads synchronously: a 1 MiB chunk from the page cache takes well under a millisecond (the
 * parsing is what costs), and the same step serves a caller that needs the rest at once.
 */
export function openTailReader(file: string, onEntry: (entry: HistoryEntry) => void): TailReader {
  let fd: number | null;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fd = null;
  }
  // Only the bytes there at open are replayed: appends made meanwhile are already in the index.
  let pos = fd === null ? 0 : fstatSync(fd).size;
  let carry: Buffer | null = null;
  let skipped = 0;
  let lines = 0;
  let done = pos === 0;
  const settled = new Set<string>();
  const endsWithNewline = pos === 0 || readAt(fd!, pos - 1, 1)[0] === NEWLINE;

  const close = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
    done = true;
    carry = null;
    settled.clear();
  };
  if (done) close();

  /** Replays one line; answers false at a clear record, before which nothing counts. */
  const replayLine = (line: string): boolean => {
    if (!line) return true;
    lines++;
    const record = parseRecord(line);
    if (!record) skipped++;
    else if (record.op === 'clear') return false;
    else {
      const id = record.op === 'add' ? record.entry.id : record.id;
      if (settled.has(id)) return true;
      settled.add(id);
      if (record.op === 'add') onEntry(record.entry);
    }
    return true;
  };

  return {
    endsWithNewline,
    get done() {
      return done;
    },
    get skipped() {
      return skipped;
    },
    get lines() {
      return lines;
    },
    step() {
      if (done || fd === null) return;
      const start = Math.max(0, pos - CHUNK_BYTES);
      const chunk = readAt(fd, start, pos - start);
      pos = start;
      const buf = carry ? Buffer.concat([chunk, carry]) : chunk;
      // Before the chunk's first newline is the end of a line that began in an earlier chunk.
      const lo = start === 0 ? 0 : buf.indexOf(NEWLINE) + 1;
      carry = start === 0 ? null : buf.subarray(0, Math.max(0, lo - 1));
      if (start > 0 && lo === 0) {
        carry = buf;
        return;
      }
      for (let end = buf.length; end > lo;) {
        const nl = buf.lastIndexOf(NEWLINE, end - 1);
        const lineStart = Math.max(lo, nl + 1);
        if (!replayLine(buf.toString('utf8', lineStart, end).trim())) return close();
        end = lineStart - 1;
      }
      if (start === 0) close();
    },
    close,
  };
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  for (let read = 0; read < length;) {
    const n = readSync(fd, buf, read, length - read, position + read);
    if (n === 0) return buf.subarray(0, read);
    read += n;
  }
  return buf;
}

/** The reader of a file that cannot be used: nothing to replay. */
export function emptyReader(): TailReader {
  return { endsWithNewline: true, done: true, skipped: 0, lines: 0, step() {}, close() {} };
}
