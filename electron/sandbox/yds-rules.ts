// What YDS checks that kinesalite does not, applied to requests that address a stream by its YDS
// path: only the JSON keys YDS knows, and its limits (key bytes, record and batch sizes). The
// answers mimic YDS: HTTP 400 with its error types; clients match on the type, not the text.
import { LIMITS, utf8Length } from '../shared/limits';

export interface Rejection {
  type: string;
  message: string;
}

const MAX_BATCH_RECORDS = 500;
const MAX_BATCH_BYTES = 5 * 1024 * 1024;
// YDS's storage layer tags limit errors with this code.
const LIMIT_CODE = 500003;

const RECORD_KEYS = ['Data', 'PartitionKey', 'ExplicitHashKey'];

/** The request keys YDS accepts, per action it implements. */
const KNOWN_KEYS: Record<string, string[]> = {
  PutRecord: ['StreamName', ...RECORD_KEYS, 'SequenceNumberForOrdering'],
  PutRecords: ['StreamName', 'Records'],
  CreateStream: ['StreamName', 'ShardCount', 'StreamModeDetails'],
  DeleteStream: ['StreamName', 'EnforceConsumerDeletion'],
  DescribeStream: ['StreamName', 'Limit', 'ExclusiveStartShardId'],
  DescribeStreamSummary: ['StreamName'],
  ListShards: [
    'StreamName',
    'NextToken',
    'ExclusiveStartShardId',
    'MaxResults',
    'StreamCreationTimestamp',
    'ShardFilter',
  ],
  GetShardIterator: ['StreamName', 'ShardId', 'ShardIteratorType', 'StartingSequenceNumber', 'Timestamp'],
  IncreaseStreamRetentionPeriod: ['StreamName', 'RetentionPeriodHours'],
  DecreaseStreamRetentionPeriod: ['StreamName', 'RetentionPeriodHours'],
};

const unexpectedKey = (obj: Record<string, unknown>, known: string[]) =>
  Object.keys(obj).find((k) => !known.includes(k));

const decodedLength = (data: unknown) => (typeof data === 'string' ? Buffer.from(data, 'base64').length : 0);

function recordProblem(record: Record<string, unknown>, index: number | null): Rejection | null {
  const where = index === null ? 'the record' : `record ${index}`;
  const key = typeof record.PartitionKey === 'string' ? record.PartitionKey : '';
  const keyBytes = utf8Length(key);
  if (keyBytes > LIMITS.yds.maxKeyLength) {
    return {
      type: 'ValidationException',
      message: `Partition key of ${where} is ${keyBytes} bytes, the limit is ${LIMITS.yds.maxKeyLength} bytes, code: ${LIMIT_CODE}`,
    };
  }
  const size = keyBytes + decodedLength(record.Data);
  if (size > LIMITS.yds.maxRecordBytes) {
    return {
      type: 'ValidationException',
      message: `Size of ${where} is ${size} bytes, the limit is ${LIMITS.yds.maxRecordBytes} bytes, code: ${LIMIT_CODE}`,
    };
  }
  return null;
}

/** Why YDS would refuse this request body for `action`, or null when it would take it. */
export function ydsRejection(action: string, body: Record<string, unknown>): Rejection | null {
  const known = KNOWN_KEYS[action];
  if (!known) return { type: 'InvalidAction', message: `Action ${action} is not supported` };
  const extra = unexpectedKey(body, known);
  if (extra) return { type: 'InvalidArgumentException', message: `Unexpected json key: ${extra}` };
  if (action === 'PutRecord') return recordProblem(body, null);
  if (action !== 'PutRecords') return null;
  const records = Array.isArray(body.Records) ? (body.Records as Record<string, unknown>[]) : [];
  if (records.length > MAX_BATCH_RECORDS) {
    return {
      type: 'ValidationException',
      message: `${records.length} records in one request, the limit is ${MAX_BATCH_RECORDS}, code: ${LIMIT_CODE}`,
    };
  }
  let total = 0;
  for (const [i, record] of records.entries()) {
    const extraInRecord =
      typeof record === 'object' && record !== null ? unexpectedKey(record, RECORD_KEYS) : undefined;
    if (extraInRecord) return { type: 'InvalidArgumentException', message: `Unexpected json key: ${extraInRecord}` };
    const problem = recordProblem(record ?? {}, i);
    if (problem) return problem;
    total +=
      utf8Length(typeof record.PartitionKey === 'string' ? record.PartitionKey : '') + decodedLength(record.Data);
  }
  if (total > MAX_BATCH_BYTES) {
    return {
      type: 'ValidationException',
      message: `Request is ${total} bytes, the limit is ${MAX_BATCH_BYTES} bytes, code: ${LIMIT_CODE}`,
    };
  }
  return null;
}

/** The answer YDS gives for a path that does not exist (or that the key may not see). */
export function ydsNotFound(path: string): Rejection {
  return {
    type: 'ResourceNotFoundException',
    message: `<main>: Error: path '${path.replace(/^\//, '')}' does not exist or you do not have access rights, code: 500018`,
  };
}
