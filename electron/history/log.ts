// The history file is JSON Lines, one record a line, appended to (clearing empties it). Deletions
// are tombstones; `clear` records come from files written before clearing emptied the file.
// Replaying the records in order rebuilds the index.
import type { HistoryEntry } from '../contract';

export type LogRecord = { op: 'add'; entry: HistoryEntry } | { op: 'delete'; id: string } | { op: 'clear' };

export const encodeRecord = (record: LogRecord): string => `${JSON.stringify(record)}\n`;

const NEWLINE = 0x0a;

/**
 * The entries a log holds, in the order they were added. A line that does not parse (a write cut
 * short by a crash, or garbage) is skipped and counted; the lines around it still count. Works on
 * bytes so a large file never has to become one string.
 */
export function replay(log: Buffer): { entries: Map<string, HistoryEntry>; skipped: number } {
  const entries = new Map<string, HistoryEntry>();
  let skipped = 0;
  for (let start = 0; start < log.length; ) {
    const nl = log.indexOf(NEWLINE, start);
    const end = nl === -1 ? log.length : nl;
    const line = log.toString('utf8', start, end).trim();
    start = end + 1;
    if (!line) continue;
    const record = parseRecord(line);
    if (!record) skipped++;
    else if (record.op === 'add') {
      entries.delete(record.entry.id);
      entries.set(record.entry.id, record.entry);
    } else if (record.op === 'delete') entries.delete(record.id);
    else entries.clear();
  }
  return { entries, skipped };
}

function parseRecord(line: string): LogRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if (value.op === 'clear') return { op: 'clear' };
  if (value.op === 'delete' && typeof value.id === 'string') return { op: 'delete', id: value.id };
  if (value.op === 'add' && looksLikeEntry(value.entry)) return { op: 'add', entry: value.entry };
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Only what list() and get()'s callers lean on; the app itself wrote every line.
function looksLikeEntry(v: unknown): v is HistoryEntry {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.time === 'string' &&
    typeof v.streamName === 'string' &&
    typeof v.partitionKey === 'string' &&
    isObject(v.profile) &&
    isObject(v.payload) &&
    typeof v.payload.text === 'string' &&
    isObject(v.result) &&
    typeof v.result.ok === 'boolean'
  );
}
