// What the load run sends and what it reports. Shared by the engine, the batch composer and the
// templates (they produce OutgoingRecords; the engine turns them into PutRecords entries).

export interface OutgoingRecord {
  partitionKey: string;
  data: Uint8Array;
  /** Decimal 0 .. 2^128-1; routes the record to the shard holding this hash key. */
  explicitHashKey?: string;
  /**
   * Records with the same order key are sent one at a time, in index order: a later one waits
   * while an earlier one is in a call or waiting to retry, so neither concurrency nor a retry can
   * make it overtake (a replay keeps each source shard's per-key order this way).
   */
  orderKey?: string;
}

/**
 * The record with bytes of its own. Records made in a worker arrive as views of one buffer per
 * chunk of hundreds: one kept for long (a failure for the report, a record made again for a check)
 * would keep its whole chunk.
 */
export function ownBytes(record: OutgoingRecord): OutgoingRecord {
  return record.data.byteLength === record.data.buffer.byteLength ? record : { ...record, data: record.data.slice() };
}
