// Reading a sent record back from where the service put it: an AT_SEQUENCE_NUMBER iterator on the
// shard and sequence number PutRecord answered, then GetRecords. Used to show the user what the
// stream holds and whether its bytes are the ones that were sent.
import { GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-kinesis';
import type { HistoryEntry, ReadBackOutcome } from '../contract';
import { encodePayload, limitFamilyOf } from '../shared/limits';
import { describeFailure } from '../kinesis/errors';
import { ServiceError, type StoredProfile } from '../services';
import type { HintCode } from '../shared/reasons';

/** The part of a KinesisClient used here, so tests can hand in any sender of commands. */
export interface RecordReader {
  send(command: GetShardIteratorCommand | GetRecordsCommand): Promise<unknown>;
}

export interface RecordAddress {
  streamName: string;
  shardId: string;
  sequenceNumber: string;
}

export interface StoredRecord {
  data: Uint8Array;
  partitionKey: string;
  sequenceNumber: string;
  /** ISO time; null when the endpoint gave none. */
  arrivedAt: string | null;
}

/**
 * An empty page does not mean the record is gone: AWS may answer a fresh iterator with no records
 * and a next iterator, and YDS leaves out the Records key altogether. A few pages settle it.
 */
export const MAX_PAGES = 5;

/** The record at this address, or null when the shard no longer holds it (trimmed, or never there). */
export async function readStoredRecord(client: RecordReader, address: RecordAddress): Promise<StoredRecord | null> {
  const opened = (await client.send(
    new GetShardIteratorCommand({
      // StreamName only: YDS rejects keys it does not know, StreamARN included.
      StreamName: address.streamName,
      ShardId: address.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: address.sequenceNumber,
    }),
  )) as { ShardIterator?: string };
  let iterator = opened.ShardIterator;
  for (let page = 0; page < MAX_PAGES && iterator; page++) {
    const got = (await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1 }))) as {
      Records?: _Record[];
      NextShardIterator?: string;
    };
    const record = got.Records?.[0];
    if (record) return record.SequenceNumber === address.sequenceNumber ? storedRecordOf(record) : null;
    iterator = got.NextShardIterator;
  }
  return null;
}

function storedRecordOf(record: _Record): StoredRecord {
  const arrived = record.ApproximateArrivalTimestamp;
  return {
    data: record.Data ?? new Uint8Array(),
    partitionKey: record.PartitionKey ?? '',
    sequenceNumber: record.SequenceNumber ?? '',
    arrivedAt: arrived && !Number.isNaN(arrived.getTime()) ? arrived.toISOString() : null,
  };
}

// A key that may send need not be allowed to read: the send hints name only the write permission.
const READ_HINTS: Partial<Record<string, HintCode>> = { badKeyYds: 'readBadKeyYds', badKeyAws: 'readBadKeyAws' };

/** Reads back the record a successful history entry sent; failures become a ServiceError with a hint. */
export async function readBackEntry(
  entry: HistoryEntry,
  profile: StoredProfile,
  clientOf: () => Promise<RecordReader>,
  redact: (text: string) => string,
): Promise<ReadBackOutcome> {
  if (!entry.result.ok) {
    throw new ServiceError('readBackOfFailure', {}, { hint: 'pickSuccessfulSend' });
  }
  const { shardId, sequenceNumber } = entry.result.response;
  let stored: StoredRecord | null;
  try {
    stored = await readStoredRecord(await clientOf(), { streamName: entry.streamName, shardId, sequenceNumber });
  } catch (error) {
    const failure = describeFailure(error, {
      family: limitFamilyOf(profile.kind, entry.streamName),
      timeoutMs: profile.timeoutMs,
      aborted: false,
      redact,
      accessKeyIds: [profile.credentials.accessKeyId],
    });
    const hint = (failure.hintCode && READ_HINTS[failure.hintCode]) || (failure.hintCode as HintCode);
    throw new ServiceError('callFailed', { name: failure.name, message: failure.message }, { hint });
  }
  const sentSize = entry.payload.size;
  if (!stored) return { found: false, matches: null, sentSize };
  return {
    found: true,
    record: {
      dataBase64: Buffer.from(stored.data).toString('base64'),
      partitionKey: stored.partitionKey,
      sequenceNumber: stored.sequenceNumber,
      arrivedAt: stored.arrivedAt,
    },
    matches: sameBytesAsSent(entry, stored.data),
    sentSize,
  };
}

function sameBytesAsSent(entry: HistoryEntry, stored: Uint8Array): boolean | null {
  if (entry.payload.truncated) return null;
  const sent = encodePayload(entry.payload.mode, entry.payload.text);
  return sent.ok ? Buffer.from(sent.bytes).equals(Buffer.from(stored)) : null;
}
