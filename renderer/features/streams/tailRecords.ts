// The tail view's record list: kept in arrival order (a lagging shard's record may come in a later
// event than newer ones of other shards), capped to the newest N, and previewed in one line.
import type { TailRecordView } from '../../../electron/contract';
import { compareArrival } from '../../../electron/shared/arrival';

export const DEFAULT_TAIL_CAP = 1000;
export const MIN_TAIL_CAP = 100;
export const MAX_TAIL_CAP = 100_000;

const PREVIEW_BYTES = 160;

/**
 * Adds the records (in place) where they belong by arrival, then drops the oldest beyond `cap`;
 * answers how many were dropped. Most records are the newest yet: they are simply appended.
 */
export function insertByArrival(list: TailRecordView[], incoming: TailRecordView[], cap: number): number {
  for (const record of incoming) {
    if (list.length === 0 || compareArrival(list[list.length - 1], record) <= 0) {
      list.push(record);
      continue;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareArrival(list[mid], record) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, record);
  }
  const excess = Math.max(0, list.length - cap);
  if (excess > 0) list.splice(0, excess);
  return excess;
}

/** One line of the payload: its text when it is UTF-8, else its first bytes in hex. */
export function previewOf(record: TailRecordView): string {
  const head = Uint8Array.from(atob(record.dataBase64.slice(0, Math.ceil(PREVIEW_BYTES / 3) * 4)), (c) =>
    c.charCodeAt(0),
  );
  try {
    // `stream` lets a character cut at the end of the slice go unreported.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return text.replace(/\s+/g, ' ');
  } catch {
    return Array.from(head.subarray(0, 24), (b) => b.toString(16).padStart(2, '0')).join(' ');
  }
}

/** The value a datetime-local input wants (local time, to the second). */
export function localInputValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
