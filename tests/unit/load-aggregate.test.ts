// KPL aggregation on send: user records packed per shard into aggregates the KCL (and our own
// decoder) splits again, within the record and call limits; a run counts user records.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vectors from '../fixtures/kpl-vectors.json' with { type: 'json' };
import { aggregatedCall, KPL_AGGREGATE_MAX_BYTES } from '../../electron/load/aggregate';
import { startLoadRun } from '../../electron/load/run';
import { PUT_RECORDS_LIMITS, sizeOf } from '../../electron/load/split';
import type { OutgoingRecord } from '../../electron/load/types';
import { deaggregate } from '../../electron/decode/kpl';
import { hashKeyOf, shardFor, type ShardRange } from '../../electron/shared/shards';
import { seededRandom, startFakeKinesis } from '../helpers/fake-kinesis';
import { readRecordResults } from '../helpers/journal';
import { sdkClient } from '../helpers/kinesis-fixtures';

const encoder = new TextEncoder();

/** n equal shards over the hash space, as AWS splits a new stream. */
function shardsOf(n: number): ShardRange[] {
  const space = 1n << 128n;
  return Array.from({ length: n }, (_, i) => ({
    shardId: `shardId-${String(i).padStart(12, '0')}`,
    startingHashKey: ((space / BigInt(n)) * BigInt(i)).toString(),
    endingHashKey: (i === n - 1 ? space - 1n : (space / BigInt(n)) * BigInt(i + 1) - 1n).toString(),
  }));
}

const hashOf = (r: { partitionKey: string; explicitHashKey?: string | null }) =>
  r.explicitHashKey ? BigInt(r.explicitHashKey) : hashKeyOf(r.partitionKey);

/** Fills a call with `records` as the engine does (until one does not fit); answers its entries and how many went in. */
function pack(records: OutgoingRecord[], shards: ShardRange[]) {
  const call = aggregatedCall({ shards });
  let taken = 0;
  for (const r of records) {
    if (!call.tryAdd(r, sizeOf(r))) break;
    taken++;
  }
  return { ...call.entries(), taken };
}

describe('aggregated calls', () => {
  it('pack the spec vectors’ user records into aggregates the KPL’s own format reads back', () => {
    for (const v of vectors.vectors) {
      const records = v.records.map((r) => ({
        partitionKey: r.partitionKey,
        data: encoder.encode(r.data),
        ...(r.explicitHashKey ? { explicitHashKey: r.explicitHashKey } : {}),
      }));
      // One shard: the whole vector in one aggregate, byte for byte what the KPL wrote.
      const { entries, entryOf } = pack(records, shardsOf(1));
      expect(entries).toHaveLength(1);
      expect(entryOf).toEqual(records.map(() => 0));
      expect(Buffer.from(entries[0].Data!).equals(Buffer.from(v.data, 'base64'))).toBe(true);
      expect(entries[0].PartitionKey).toBe(records[0].partitionKey);
      expect(entries[0].ExplicitHashKey).toBe(records[0].explicitHashKey);
    }
  });

  it('group user records by the shard they hash to; each aggregate goes with its first record’s key', () => {
    const shards = shardsOf(4);
    const random = seededRandom(7);
    const records: OutgoingRecord[] = Array.from({ length: 3000 }, (_, i) => ({
      partitionKey: `device-${Math.floor(random() * 500)}`,
      data: encoder.encode(JSON.stringify({ i, pad: 'x'.repeat(Math.floor(random() * 200)) })),
      // Some records route by explicit hash key, as the composer lets them.
      ...(i % 10 === 0 ? { explicitHashKey: (BigInt(Math.floor(random() * 2 ** 52)) << 76n).toString() } : {}),
    }));
    const { entries, entryOf, taken } = pack(records, shards);
    expect(taken).toBe(records.length);
    const seen: string[] = [];
    entries.forEach((e, k) => {
      const users = deaggregate(e.Data!)!;
      expect(users).not.toBeNull();
      // The aggregate lands where its own key (and explicit hash key) sends it: every user record belongs there.
      const home = shardFor(hashOf({ partitionKey: e.PartitionKey!, explicitHashKey: e.ExplicitHashKey }), shards)!;
      for (const u of users) expect(shardFor(hashOf(u), shards)!.shardId).toBe(home.shardId);
      expect(e.PartitionKey).toBe(users[0].partitionKey);
      expect(e.ExplicitHashKey ?? null).toBe(users[0].explicitHashKey);
      for (const u of users) seen.push(`${k}|${u.partitionKey}|${u.explicitHashKey}|${Buffer.from(u.data).toString()}`);
    });
    // Every user record exactly once, with its own key, in the entry entryOf names.
    expect(seen.sort()).toEqual(
      records
        .map(
          (r, i) => `${entryOf![i]}|${r.partitionKey}|${r.explicitHashKey ?? null}|${Buffer.from(r.data).toString()}`,
        )
        .sort(),
    );
  });

  it('keep each aggregate within the KPL’s size and each call within PutRecords’ 500 entries and 5 MiB', () => {
    const shards = shardsOf(600);
    const random = seededRandom(3);
    const records: OutgoingRecord[] = Array.from({ length: 20_000 }, (_, i) => ({
      partitionKey: `k${i}-${'é'.repeat(Math.floor(random() * 40))}`,
      data: new Uint8Array(Math.floor(random() * 3000)),
    }));
    const { entries, taken } = pack(records, shards);
    // 600 shards cannot all get an aggregate in one call: the call stops at 500 entries.
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(records.length);
    expect(entries.length).toBeLessThanOrEqual(PUT_RECORDS_LIMITS.maxRecords);
    const size = (e: (typeof entries)[number]) => Buffer.byteLength(e.PartitionKey!, 'utf8') + e.Data!.length;
    for (const e of entries) expect(size(e)).toBeLessThanOrEqual(KPL_AGGREGATE_MAX_BYTES);
    expect(entries.reduce((sum, e) => sum + size(e), 0)).toBeLessThanOrEqual(PUT_RECORDS_LIMITS.maxBytes);
    // On a few shards the aggregates are packed close to full (the last record did not fit), not cut early.
    const few = pack(records, shardsOf(4));
    const closed = few.entries.filter((e) => deaggregate(e.Data!)!.length > 1).map(size);
    expect(closed.filter((s) => s > KPL_AGGREGATE_MAX_BYTES - 3200).length).toBeGreaterThanOrEqual(closed.length - 4);
    for (const s of closed) expect(s).toBeLessThanOrEqual(KPL_AGGREGATE_MAX_BYTES);

    // A record too large to share an aggregate goes as it is.
    const big: OutgoingRecord = { partitionKey: 'big', data: new Uint8Array(200_000).fill(7) };
    const alone = pack([records[0], big, records[1]], shards);
    expect(alone.entries.filter((e) => e.PartitionKey === 'big')).toHaveLength(1);
    expect(Buffer.from(alone.entries[alone.entryOf![1]].Data!).equals(Buffer.from(big.data))).toBe(true);
  });
});

describe('a run with aggregation', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sc-kpl-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('counts user records: delivered, throttled and retried per user record, each stored once', async () => {
    // Shards that take few records a second: aggregates are throttled and retried whole.
    const fake = await startFakeKinesis({
      streams: { kpl: 4 },
      perShardRecordsPerSec: 20,
      bucketsFromFirstWrite: true,
    });
    const client = sdkClient(fake.url);
    const resultsFile = path.join(dir, 'results.jsonl');
    try {
      const count = 6000;
      const source = (i: number): OutgoingRecord => ({
        partitionKey: `user-${(i * 7919) % 1009}`,
        data: encoder.encode(JSON.stringify({ id: i, note: 'y'.repeat(80) })),
      });
      const report = await startLoadRun({
        client,
        streamName: 'kpl',
        source,
        resultsFile,
        random: seededRandom(1),
        // Full calls from the first one ("as fast as possible" starts with small calls).
        plan: { count, concurrency: 2, ratePerSec: 1_000_000 },
        aggregation: { shards: shardsOf(4) },
      }).done;
      expect(report).toMatchObject({ state: 'done', total: count, sent: count, acknowledged: count, failed: 0 });
      // Fewer Kinesis records than user records: that is the point.
      expect(fake.stored.length).toBeLessThan(count / 20);
      // The buckets start empty: the first aggregates are throttled, and counted by their user records.
      expect(report.throttled).toBeGreaterThan(1);
      expect(Object.values(report.acknowledgedPerShard).reduce((a, b) => a + b, 0)).toBe(count);

      const ids: number[] = [];
      for (const stored of fake.stored) {
        const users = deaggregate(stored.data)!;
        for (const u of users) {
          const id = (JSON.parse(Buffer.from(u.data).toString()) as { id: number }).id;
          expect(u.partitionKey).toBe(source(id).partitionKey);
          expect(shardFor(hashKeyOf(u.partitionKey), shardsOf(4))!.shardId).toBe(stored.shardId);
          ids.push(id);
        }
      }
      expect(ids.length).toBe(count);
      expect(new Set(ids).size).toBe(count);
      // The results file has one line per user record, with its aggregate's shard and sequence number.
      const results = await readRecordResults(resultsFile);
      expect(results.filter((r) => r.ok)).toHaveLength(count);
      const where = new Set(fake.stored.map((s) => `${s.shardId}/${s.sequenceNumber}`));
      expect(results.every((r) => where.has(`${r.shardId}/${r.sequenceNumber}`))).toBe(true);
    } finally {
      client.destroy();
      await fake.close();
    }
  });
});
