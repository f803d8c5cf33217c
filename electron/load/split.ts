// How records are grouped into PutRecords calls: at most 500 records and 5 MiB per call (10 MiB on
// an AWS stream raised to large records: shared/limits.ts), where a record counts its partition
// key's UTF-8 bytes plus its data bytes (before base64), as both AWS and YDS count them.
import { callLimitsOf, type CallLimits } from '../shared/limits';
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
