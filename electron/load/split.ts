// How records are grouped into PutRecords calls: at most 500 records and 5 MiB per call (10 MiB on
// an AWS stream raised to large records: shared/limits.ts), where a record counts its partition
// key's UTF-8 bytes plus its data bytes (before base64), as both AWS and YDS count them.
import { callLimitsOf, type CallLimits } from '../shared/limits';
import type { PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import type { OutgoingRecord } from './types';

export type { CallLimits };

/** Any stream's: what a run uses unless told its stream takes large records. */
export const PUT_RECORDS_LIMITS: CallLimits = callLimitsOf('aws');

/** UTF-8 length without encoding: the engine sizes every record it sends, so no allocation here. */
export function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: 2 UTF-16 units, 4 bytes.
      n += 2;
      i++;
    } else n += 2; // 3 bytes (a lone surrogate becomes U+FFFD, also 3)
  }
  return n;
}

/** Size as the services count it, like recordSize in shared/limits. */
export const sizeOf = (r: OutgoingRecord) => utf8Bytes(r.partitionKey) + r.data.length;

/** Can a record of `size` bytes join a call already holding `count` records of `bytes` bytes? An empty call takes any record. */
export function fits(count: number, bytes: number, size: number, limits: CallLimits): boolean {
  if (count === 0) return true;
  return count < limits.maxRecords && bytes + size <= limits.maxBytes;
}

/** One PutRecords call being filled with the run's records. */
export interface CallBuilder {
  /** Records added so far. */
  readonly count: number;
  /** Adds the record when the call has room for it (an empty call takes any record). */
  tryAdd(record: OutgoingRecord, size: number): boolean;
  /** The call's entries; `entryOf[k]` is the entry holding its k-th record (null: one entry per record). */
  entries(): { entries: PutRecordsRequestEntry[]; entryOf: number[] | null };
}

/** A call of plain records: one entry each, within the run's call limits. */
export function plainCall(limits: CallLimits = PUT_RECORDS_LIMITS): CallBuilder {
  const records: OutgoingRecord[] = [];
  let bytes = 0;
  return {
    get count() {
      return records.length;
    },
    tryAdd(record, size) {
      if (!fits(records.length, bytes, size, limits)) return false;
      records.push(record);
      bytes += size;
      return true;
    },
    entries: () => ({
      entries: records.map((r) => ({ PartitionKey: r.partitionKey, Data: r.data, ExplicitHashKey: r.explicitHashKey })),
      entryOf: null,
    }),
  };
}
