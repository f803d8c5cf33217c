// The order of a tail's records, shared by main (which merges each poll round's shards) and the
// renderer (which files a lagging shard's records in among newer ones). Pure code.
import type { TailRecordView } from '../contract';

/**
 * Arrival time, then shard id, then sequence number (decimal strings: the longer is the larger);
 * a record without a time sorts last.
 */
export function compareArrival(a: TailRecordView, b: TailRecordView): number {
  const ta = a.arrivedAt ? Date.parse(a.arrivedAt) : Infinity;
  const tb = b.arrivedAt ? Date.parse(b.arrivedAt) : Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.shardId !== b.shardId) return a.shardId < b.shardId ? -1 : 1;
  if (a.sequenceNumber.length !== b.sequenceNumber.length) return a.sequenceNumber.length - b.sequenceNumber.length;
  return a.sequenceNumber < b.sequenceNumber ? -1 : a.sequenceNumber > b.sequenceNumber ? 1 : 0;
}
