// What the load run sends and what it reports. Shared by the engine, the batch composer and the
// templates (they produce OutgoingRecords; the engine turns them into PutRecords entries).

export interface OutgoingRecord {
  partitionKey: string;
  data: Uint8Array;
  /** Decimal 0 .. 2^128-1; routes the record to the shard holding this hash key. */
  explicitHashKey?: string;
}
