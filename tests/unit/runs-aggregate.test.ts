// KPL aggregation on send, through the handler table against the sandbox (kinesalite): read the
// stream back, split every aggregate, and find each user record exactly once with its own key, in
// an aggregate stored on the shard its key hashes to. A YDS target is refused with a reason.
import { ListShardsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BatchRequest } from '../../electron/contract';
import { deaggregate } from '../../electron/decode/kpl';
import { englishOf } from '../../electron/messages';
import { hashKeyOf, shardFor } from '../../electron/shared/shards';
import { readRecordResults } from '../helpers/journal';
import { createSandboxStream, sandboxProfileOf, value } from '../helpers/results';
import { readWholeStream, SANDBOX_TEST_KEYS, sdkClient } from '../helpers/kinesis-fixtures';
import { reportOf, wireRunsApp, type RunsApp } from '../helpers/runs';

let ctx: RunsApp;
let endpoint: string;

beforeAll(async () => {
  ctx = await wireRunsApp({ sandboxCredentials: SANDBOX_TEST_KEYS });
  await createSandboxStream(ctx.app.handlers, 'kpl-four', 4);
  endpoint = value(await ctx.app.handlers.getSandboxStatus({})).endpoint!;
});

afterAll(async () => {
  await ctx.close();
});

const plan = { ratePerSec: null, concurrency: 4, maxAttemptsPerRecord: 5, aggregate: true };

describe('a run with Aggregate (KPL)', () => {
  test('5,000 user records: each stored once with its own key, in an aggregate on its own shard', async () => {
    const sandbox = await sandboxProfileOf(ctx.app.handlers);
    const request: BatchRequest = {
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'kpl-four' },
      source: { type: 'template', template: '{"n": {{seq(0)}}, "id": "{{uuid}}"}', locale: 'en' },
      keys: { type: 'template', template: 'device-{{int(1, 300)}}' },
      payloadMode: 'json',
      seed: 77,
    };
    const count = 5000;
    const started = value(await ctx.app.handlers.startRun({ ...request, plan: { ...plan, count } }));
    const report = await reportOf(ctx.events, started.runId, 60_000);
    expect(report).toMatchObject({ state: 'done', total: count, acknowledged: count, failed: 0, notSent: 0 });

    const stored = await readWholeStream(endpoint, 'kpl-four', SANDBOX_TEST_KEYS);
    // Fewer Kinesis records than user records, as many as the report says.
    expect(stored.length).toBe(report.kinesisRecords);
    expect(stored.length).toBeLessThan(count / 10);

    const client = sdkClient(endpoint, SANDBOX_TEST_KEYS);
    const shards = ((await client.send(new ListShardsCommand({ StreamName: 'kpl-four' }))).Shards ?? []).map((s) => ({
      shardId: s.ShardId!,
      startingHashKey: s.HashKeyRange!.StartingHashKey!,
      endingHashKey: s.HashKeyRange!.EndingHashKey!,
    }));
    client.destroy();

    // The records as the run made them, by n: the key each was given.
    const keyOf = new Map<number, string>();
    for (const line of await readRecordResults(report.resultsFile!)) keyOf.set(line.index, line.partitionKey!);
    const seen = new Map<number, number>();
    const perShard = new Map<string, number>();
    for (const s of stored) {
      const users = deaggregate(s.bytes);
      expect(users).not.toBeNull();
      expect(s.partitionKey).toBe(users![0].partitionKey);
      for (const u of users!) {
        const n = (JSON.parse(Buffer.from(u.data).toString('utf8')) as { n: number }).n;
        seen.set(n, (seen.get(n) ?? 0) + 1);
        expect(u.partitionKey).toBe(keyOf.get(n));
        expect(shardFor(hashKeyOf(u.partitionKey), shards)!.shardId).toBe(s.shardId);
        perShard.set(s.shardId, (perShard.get(s.shardId) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(count);
    expect([...seen.values()].every((times) => times === 1)).toBe(true);
    // Per shard the report counts user records, as stored.
    expect(new Map(report.acknowledgedPerShard.map((s) => [s.shardId, s.count]))).toEqual(perShard);
  }, 120_000);

  test('a YDS target is refused with a reason, before anything is sent', async () => {
    const sandbox = await sandboxProfileOf(ctx.app.handlers);
    const entriesBefore = value(await ctx.app.handlers.listHistory({})).total;
    const r = await ctx.app.handlers.startRun({
      profileId: sandbox.id,
      target: { type: 'yds', cloudId: 'b1gcloud000000000001', databaseId: 'etndatabase0000000001', stream: 'events' },
      source: { type: 'rows', rows: [{ partitionKey: 'k', payload: '{"a":1}' }] },
      keys: { type: 'row' },
      payloadMode: 'json',
      plan,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.reason).toBe('aggregationNotOnYds');
    expect(r.error.fields?.[0]?.path).toBe('plan.aggregate');
    expect(englishOf(r.error as Parameters<typeof englishOf>[0])).toMatch(/AWS Kinesis/);
    expect(value(await ctx.app.handlers.listHistory({})).total).toBe(entriesBefore);
  });
});
