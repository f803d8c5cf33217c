// KPL aggregation on send: the user records of one PutRecords call packed into KPL aggregated
// records (decode/kpl.ts), as the Kinesis Producer Library packs them, so that a shard's 1,000
// records/s carry many user records each. Like the KPL, an aggregate holds only user records bound
// for the same shard (the KCL drops those outside the shard's hash key range when it splits an
// aggregate), and goes with its first user record's partition key and explicit hash key, so it
// lands on that shard. The engine still counts user records: each gets the answer of its aggregate.
import type { PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { aggregate, KPL_MAGIC, varintBytes } from '../decode/kpl';
import { hashKeyOf, shardFinder, type ShardRange } from '../shared/shards';
import { PUT_RECORDS_LIMITS, utf8Bytes, type CallBuilder } from './split';
import type { OutgoingRecord } from './types';

/**
 * The KPL's default AggregationMaxSize (key + data of one aggregate). Well under the record limit:
 * a shard takes 1 MiB/s, and small aggregates let a throttled one wait without holding back a second's worth.
 */
export const KPL_AGGREGATE_MAX_BYTES = 51_200;
/** User records in one call when aggregating: a tenth of a second of 4 shards at 1 MiB/s of 100-byte records, and more. */
export const AGGREGATED_CALL_RECORDS = 20_000;
const DIGEST_BYTES = 16;

export interface Aggregation {
  /** The stream's open shards: user records are grouped by the shard their hash key falls in. */
  shards: readonly ShardRange[];
  /** Key + data of one aggregate at most (default KPL_AGGREGATE_MAX_BYTES). */
  maxAggregateBytes?: number;
}

/** A length-delimited protobuf field of `n` bytes, tag included (fields 1-15 take a one-byte tag). */
const fieldBytes = (n: number) => 1 + varintBytes(n) + n;

/** One aggregate being filled; `bytes` is its size as Kinesis counts it, exactly what aggregate() will make. */
interface Open {
  records: OutgoingRecord[];
  /** The call's indexes of its user records. */
  positions: number[];
  keys: Map<string, number>;
  hashKeys: Map<string, number>;
  bytes: number;
}

const openFor = (first: OutgoingRecord): Open => ({
  records: [],
  positions: [],
  keys: new Map(),
  hashKeys: new Map(),
  bytes: utf8Bytes(first.partitionKey) + KPL_MAGIC.length + DIGEST_BYTES,
});

/** What `record` adds to `agg`, in bytes, with the key table entries it needs. */
function growth(agg: Open, record: OutgoingRecord): number {
  let added = 0;
  let keyIndex = agg.keys.get(record.partitionKey);
  if (keyIndex === undefined) {
    keyIndex = agg.keys.size;
    added += fieldBytes(utf8Bytes(record.partitionKey));
  }
  let inner = 1 + varintBytes(keyIndex) + fieldBytes(record.data.length);
  if (record.explicitHashKey !== undefined) {
    let hashIndex = agg.hashKeys.get(record.explicitHashKey);
    if (hashIndex === undefined) {
      hashIndex = agg.hashKeys.size;
      added += fieldBytes(record.explicitHashKey.length);
    }
    inner += 1 + varintBytes(hashIndex);
  }
  return added + fieldBytes(inner);
}

function put(agg: Open, record: OutgoingRecord, position: number, added: number) {
  if (!agg.keys.has(record.partitionKey)) agg.keys.set(record.partitionKey, agg.keys.size);
  if (record.explicitHashKey !== undefined && !agg.hashKeys.has(record.explicitHashKey))
    agg.hashKeys.set(record.explicitHashKey, agg.hashKeys.size);
  agg.records.push(record);
  agg.positions.push(position);
  agg.bytes += added;
}

/**
 * A call that aggregates: records join their shard's open aggregate while it stays within the
 * aggregate size; a full one is closed and a new one opened. The call itself keeps within
 * PutRecords' 500 entries and 5 MiB, counted on what is sent. A record too large to share an
 * aggregate, or whose hash key no known shard holds, goes as it is (the KCL passes plain records through).
 */
/** Each run's finder, made at its first call rather than at every call. */
const finders = new WeakMap<Aggregation, ReturnType<typeof shardFinder>>();

export function aggregatedCall(aggregation: Aggregation): CallBuilder {
  let shardFor = finders.get(aggregation);
  if (!shardFor) finders.set(aggregation, (shardFor = shardFinder(aggregation.shards)));
  const max = aggregation.maxAggregateBytes ?? KPL_AGGREGATE_MAX_BYTES;
  const open = new Map<string, Open>();
  /** Closed aggregates and plain records, in the order they were closed. */
  const closed: (Open | { plain: OutgoingRecord; position: number })[] = [];
  let count = 0;
  let entries = 0;
  let bytes = 0;

  const fitsCall = (more: number, moreBytes: number) =>
    count === 0 ||
    (entries + more <= PUT_RECORDS_LIMITS.maxRecords && bytes + moreBytes <= PUT_RECORDS_LIMITS.maxBytes);

  return {
    get count() {
      return count;
    },
    tryAdd(record, size) {
      if (count >= AGGREGATED_CALL_RECORDS) return false;
      const hashKey =
        record.explicitHashKey !== undefined ? BigInt(record.explicitHashKey) : hashKeyOf(record.partitionKey);
      const shard = shardFor(hashKey);
      const alone = openFor(record);
      const aloneBytes = alone.bytes + growth(alone, record);
      if (!shard || aloneBytes > max) {
        if (!fitsCall(1, size)) return false;
        closed.push({ plain: record, position: count++ });
        entries++;
        bytes += size;
        return true;
      }
      const agg = open.get(shard.shardId);
      const added = agg ? growth(agg, record) : 0;
      if (agg && agg.bytes + added <= max) {
        if (!fitsCall(0, added)) return false;
        put(agg, record, count++, added);
        bytes += added;
        return true;
      }
      if (!fitsCall(1, aloneBytes)) return false;
      if (agg) closed.push(agg);
      const fresh = openFor(record);
      put(fresh, record, count++, aloneBytes - fresh.bytes);
      open.set(shard.shardId, fresh);
      entries++;
      bytes += aloneBytes;
      return true;
    },
    entries() {
      const all = [...closed, ...open.values()];
      const entryOf = new Array<number>(count);
      const out: PutRecordsRequestEntry[] = all.map((e, k) => {
        if ('plain' in e) {
          entryOf[e.position] = k;
          return { PartitionKey: e.plain.partitionKey, Data: e.plain.data, ExplicitHashKey: e.plain.explicitHashKey };
        }
        for (const p of e.positions) entryOf[p] = k;
        const first = e.records[0];
        return {
          PartitionKey: first.partitionKey,
          ExplicitHashKey: first.explicitHashKey,
          Data: aggregate(e.records.map((r) => ({ ...r, explicitHashKey: r.explicitHashKey ?? null }))),
        };
      });
      return { entries: out, entryOf };
    },
  };
}
