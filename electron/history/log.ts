// The history file is JSON Lines, one record a line, appended to (clearing empties it). Deletions
// are tombstones; `clear` records come from files written before clearing emptied the file.
// Replaying the records rebuilds the index (see tail.ts, which does it newest first).
import type { HistoryEntry } from '../contract';

export type LogRecord = { op: 'add'; entry: HistoryEntry } | { op: 'delete'; id: string } | { op: 'clear' };

export const encodeRecord = (record: LogRecord): string => `${JSON.stringify(record)}\n`;

/** The record a line holds, or undefined for a line that does not parse (a write cut short by a crash, or garbage). */
export function parseRecord(line: string): LogRecord | undefined {
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
