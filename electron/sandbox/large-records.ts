// AWS-style streams in the sandbox can take large records, as AWS streams raised with
// MaxRecordSizeInKiB (CreateStream) or UpdateMaxRecordSize can. kinesalite knows neither and
// refuses any record over 1 MiB, so the front keeps each stream's maximum and says it in
// DescribeStreamSummary (1 MiB where none was set, as AWS answers). On a raised stream it checks
// records and calls against it and keeps the data of records itself: kinesalite stores a short
// reference in its place, and GetRecords answers get the data back.
import { randomUUID } from 'node:crypto';
import { callLimitsOf, LIMITS, utf8Length } from '../shared/limits';
import type { Rejection } from './yds-rules';

const DEFAULT_KIB = LIMITS.aws.maxRecordBytes / 1024;
const LARGEST_KIB = LIMITS.aws.largestRecordBytes / 1024;
/** Data kept by the front starts with these bytes ("SCREF:"), so its base64 starts with REF_BASE64. */
const REF_MARK = 'SCREF:';
const REF_BASE64 = Buffer.from(REF_MARK).toString('base64');
/**
 * On a raised stream, data from this size on is kept by the front: what kinesalite is then sent
 * for a whole call (500 records below it) stays under its own 7 MiB request limit.
 */
const KEEP_FROM_BYTES = 4 * 1024;

export interface LargeRecords {
  /** Why the request must be refused, or null; on a raised stream, swaps large data for references (in place). */
  request(action: string, fields: Record<string, unknown>): Rejection | null;
  /** kinesalite's successful answer to `action`, as an AWS stream with a maximum would give it. */
  answer(action: string, fields: Record<string, unknown>, body: Record<string, unknown>): Record<string, unknown>;
  /** UpdateMaxRecordSize for a stream known to exist; null when the size is out of range. */
  setMaximum(streamName: string, kib: unknown): Rejection | null;
}

/** The stream an UpdateMaxRecordSize names: StreamName, or the name at the end of its StreamARN. */
export function streamNameOfRequest(fields: Record<string, unknown>): string | null {
  if (typeof fields.StreamName === 'string') return fields.StreamName;
  const arn = typeof fields.StreamARN === 'string' ? /:stream\/([^/]+)$/.exec(fields.StreamARN) : null;
  return arn ? arn[1] : null;
}

const sizeProblem = (kib: unknown): Rejection | null =>
  Number.isInteger(kib) && (kib as number) >= DEFAULT_KIB && (kib as number) <= LARGEST_KIB
    ? null
    : {
        type: 'ValidationException',
        message: `MaxRecordSizeInKiB must be a whole number from ${DEFAULT_KIB} to ${LARGEST_KIB}`,
      };

/** Bytes a base64 string stands for, without decoding it. */
function base64Bytes(data: unknown): number {
  if (typeof data !== 'string') return 0;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

export function createLargeRecords(): LargeRecords {
  /** MaxRecordSizeInKiB of each stream that was given one. */
  const maximums = new Map<string, number>();
  /** Data the front keeps, by the base64 of the reference kinesalite holds instead. */
  const kept = new Map<string, string>();
  /** Maximums asked for in a CreateStream not yet answered. */
  const asked = new Map<string, number>();

  function recordProblem(record: Record<string, unknown>, max: number, where: string): Rejection | null {
    const key = typeof record.PartitionKey === 'string' ? record.PartitionKey : '';
    const size = utf8Length(key) + base64Bytes(record.Data);
    return size > max
      ? {
          type: 'ValidationException',
          message: `1 validation error detected: Value at '${where}' failed to satisfy constraint: record size ${size} bytes (key + data) exceeds the stream's maximum record size of ${max} bytes`,
        }
      : null;
  }

  function keep(record: Record<string, unknown>) {
    if (base64Bytes(record.Data) < KEEP_FROM_BYTES) return;
    const ref = Buffer.from(REF_MARK + randomUUID()).toString('base64');
    kept.set(ref, record.Data as string);
    record.Data = ref;
  }

  return {
    request(action, fields) {
      if (action === 'CreateStream' && fields.MaxRecordSizeInKiB !== undefined) {
        const bad = sizeProblem(fields.MaxRecordSizeInKiB);
        if (bad) return bad;
        // Not for kinesalite, which knows no such key; answer() keeps it once the stream is made.
        if (typeof fields.StreamName === 'string') asked.set(fields.StreamName, fields.MaxRecordSizeInKiB as number);
        delete fields.MaxRecordSizeInKiB;
        return null;
      }
      if (action !== 'PutRecord' && action !== 'PutRecords') return null;
      const name = typeof fields.StreamName === 'string' ? fields.StreamName : '';
      const kib = maximums.get(name);
      // A stream never raised is kinesalite's to judge, as before.
      if (kib === undefined) return null;
      const max = kib * 1024;
      if (action === 'PutRecord') {
        const bad = recordProblem(fields, max, 'data');
        if (!bad) keep(fields);
        return bad;
      }
      const records = Array.isArray(fields.Records) ? (fields.Records as Record<string, unknown>[]) : [];
      let total = 0;
      for (const [i, r] of records.entries()) {
        const bad = recordProblem(r ?? {}, max, `records.${i + 1}.member.data`);
        if (bad) return bad;
        total += utf8Length(typeof r.PartitionKey === 'string' ? r.PartitionKey : '') + base64Bytes(r.Data);
      }
      const { maxBytes } = callLimitsOf('aws', max);
      if (total > maxBytes)
        return {
          type: 'ValidationException',
          message: `Records total ${total} bytes (keys + data); a PutRecords call to this stream takes at most ${maxBytes} bytes`,
        };
      for (const r of records) keep(r);
      return null;
    },

    answer(action, fields, body) {
      const name = typeof fields.StreamName === 'string' ? fields.StreamName : '';
      const wanted = asked.get(name);
      if (action === 'CreateStream' && wanted !== undefined) {
        maximums.set(name, wanted);
        asked.delete(name);
      }
      if (action === 'DeleteStream') maximums.delete(name);
      if (action === 'DescribeStreamSummary') {
        const summary = body.StreamDescriptionSummary as Record<string, unknown> | undefined;
        if (summary) summary.MaxRecordSizeInKiB = maximums.get(name) ?? DEFAULT_KIB;
      }
      if (action === 'GetRecords' && kept.size > 0 && Array.isArray(body.Records)) {
        for (const r of body.Records as Record<string, unknown>[]) {
          if (typeof r.Data === 'string' && r.Data.startsWith(REF_BASE64)) r.Data = kept.get(r.Data) ?? r.Data;
        }
      }
      return body;
    },

    setMaximum(streamName, kib) {
      const bad = sizeProblem(kib);
      if (!bad) maximums.set(streamName, kib as number);
      return bad;
    },
  };
}
