// Replay through the handler table against the sandbox: records read from one stream and sent to
// another (a YDS-addressed one) by a load run. The target, read back, holds every record once, and
// for each source shard and key in the source's order; a time window and a sequence-number range
// pick exactly their records; a transform makes each payload from the record's fields.
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReplayRequest } from '../../electron/contract';
import { createSandboxStream, sandboxProfileOf, value } from '../helpers/results';
import { readWholeStream, SANDBOX_TEST_KEYS, sdkClient } from '../helpers/kinesis-fixtures';
import { readSelection } from '../../electron/replay/read';
import { seededRandom } from '../helpers/fake-kinesis';
import { clockPast } from '../helpers/clock';
import { reportOf, wireRunsApp, type RunsApp } from '../helpers/runs';

const YDS_DB = '/ru-central1/b1gsandboxcloud000001/etnsandboxdatabase00001';
const plan = { ratePerSec: null, concurrency: 4, maxAttemptsPerRecord: 20 };

let ctx: RunsApp;
let endpoint: string;
let sandboxId: string;
let savePath: string;

beforeAll(async () => {
  ctx = await wireRunsApp({ sandboxCredentials: SANDBOX_TEST_KEYS, chooseSavePath: async () => savePath });
  savePath = path.join(ctx.dataDir, 'undelivered.ndjson');
  sandboxId = (await sandboxProfileOf(ctx.app.handlers)).id;
  endpoint = value(await ctx.app.handlers.getSandboxStatus({})).endpoint!;
});

afterAll(async () => {
  await ctx.close();
});

/**
 * Puts `count` records `{"n": first+i, "k": …}` keyed by their `k` (few keys, so each repeats
 * often) straight into the sandbox, in PutRecords calls of 500 one after another: sending them is
 * not what these tests are about, and a load run (a template worker, its pacing) took twice as long.
 */
async function fill(stream: string, count: number, first: number, keys: number) {
  const random = seededRandom(first + 1);
  const client = sdkClient(endpoint, SANDBOX_TEST_KEYS);
  try {
    for (let at = 0; at < count; at += 500) {
      const Records = Array.from({ length: Math.min(500, count - at) }, (_, i) => {
        const k = `key-${Math.floor(random() * keys)}`;
        return { PartitionKey: k, Data: Buffer.from(`{"n": ${first + at + i}, "k": "${k}"}`) };
      });
      const put = await client.send(new PutRecordsCommand({ StreamName: stream, Records }));
      expect(put.FailedRecordCount).toBe(0);
    }
  } finally {
    client.destroy();
  }
}

async function replay(request: Omit<ReplayRequest, 'from' | 'profileId' | 'plan'> & { fromStream: string }) {
  const { fromStream, ...rest } = request;
  const started = value(
    await ctx.app.handlers.startReplay({
      from: { profileId: sandboxId, target: { type: 'name', streamName: fromStream } },
      profileId: sandboxId,
      plan,
      ...rest,
    }),
  );
  return reportOf(ctx.events, started.runId, 240_000);
}

const nOf = (data: string) => (JSON.parse(data) as { n: number }).n;
const bySequence = (a: { sequenceNumber: string }, b: { sequenceNumber: string }) =>
  BigInt(a.sequenceNumber) < BigInt(b.sequenceNumber) ? -1 : 1;

describe('replay from a 4-shard stream to a YDS-addressed stream', () => {
  test('10,000 records: each stored once in the target, per source shard and key in the source order', async () => {
    await createSandboxStream(ctx.app.handlers, 'replay-src', 4);
    const target = `${YDS_DB}/replay-dst`;
    await createSandboxStream(ctx.app.handlers, target, 3);
    const from = new Date(Date.now() - 60_000).toISOString();
    await fill('replay-src', 10_000, 0, 300);
    const source = await readWholeStream(endpoint, 'replay-src', SANDBOX_TEST_KEYS);
    expect(source).toHaveLength(10_000);

    const report = await replay({
      fromStream: 'replay-src',
      select: { type: 'window', from, to: new Date(Date.now() + 3_600_000).toISOString() },
      target: { type: 'name', streamName: target },
      keys: { type: 'row' },
      transform: null,
    });
    expect(report).toMatchObject({ state: 'done', total: 10_000, acknowledged: 10_000, failed: 0, notSent: 0 });

    const stored = await readWholeStream(endpoint, target, SANDBOX_TEST_KEYS);
    expect(stored).toHaveLength(10_000);
    expect(new Set(stored.map((s) => nOf(s.data))).size).toBe(10_000);
    // Keys kept, bytes kept: one comparison of both streams by n (each n is there once), not 10,000 expects.
    const sourceOf = new Map(source.map((s) => [nOf(s.data), s]));
    const keyAndData = (records: typeof source) =>
      records
        .map((s) => ({ n: nOf(s.data), kept: [s.partitionKey, s.data] }))
        .sort((a, b) => a.n - b.n)
        .map(({ kept }) => kept);
    expect(keyAndData(stored)).toEqual(keyAndData(source));
    // Per source shard and key: the target's order (one key lands on one target shard) is the source's.
    const orderIn = (records: typeof source, group: (r: (typeof source)[number]) => string) => {
      const groups = new Map<string, number[]>();
      for (const r of [...records].sort(bySequence)) {
        const g = group(r);
        groups.set(g, [...(groups.get(g) ?? []), nOf(r.data)]);
      }
      return groups;
    };
    const keyOfGroup = (r: (typeof source)[number]) => `${sourceOf.get(nOf(r.data))!.shardId} ${r.partitionKey}`;
    const sourceOrder = orderIn(source, keyOfGroup);
    const targetOrder = orderIn(stored, (r) => `${r.shardId} ${keyOfGroup(r)}`);
    expect(targetOrder.size).toBe(sourceOrder.size);
    for (const [group, ns] of targetOrder) expect(ns).toEqual(sourceOrder.get(group.slice(group.indexOf(' ') + 1)));
  });
});

describe('smaller replays', () => {
  test('a time window sends exactly the records that arrived in it, from every shard', async () => {
    await createSandboxStream(ctx.app.handlers, 'window-src', 2);
    await createSandboxStream(ctx.app.handlers, 'window-dst', 1);
    await fill('window-src', 40, 0, 5);
    // Arrival times are in milliseconds: a gap makes the window's edges plain.
    const start = await clockPast(Date.now() + 50);
    await fill('window-src', 60, 1000, 5);
    const end = await clockPast(Date.now() + 50);
    await fill('window-src', 30, 2000, 5);

    const report = await replay({
      fromStream: 'window-src',
      select: { type: 'window', from: new Date(start).toISOString(), to: new Date(end).toISOString() },
      target: { type: 'name', streamName: 'window-dst' },
      keys: { type: 'row' },
      transform: null,
    });
    expect(report).toMatchObject({ state: 'done', total: 60, acknowledged: 60 });
    const stored = await readWholeStream(endpoint, 'window-dst', SANDBOX_TEST_KEYS);
    expect(stored.map((s) => nOf(s.data)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => 1000 + i),
    );
  });

  test('a sequence-number range of one shard, through a transform of the record’s fields, with new sequential keys', async () => {
    await createSandboxStream(ctx.app.handlers, 'range-src', 2);
    await createSandboxStream(ctx.app.handlers, 'range-dst', 1);
    await fill('range-src', 80, 0, 4);
    const source = await readWholeStream(endpoint, 'range-src', SANDBOX_TEST_KEYS);
    const shard = source.filter((s) => s.shardId === source[0].shardId).sort(bySequence);
    const picked = shard.slice(3, Math.max(5, shard.length - 3));
    expect(picked.length).toBeGreaterThan(5);

    const report = await replay({
      fromStream: 'range-src',
      select: {
        type: 'range',
        shardId: picked[0].shardId,
        from: picked[0].sequenceNumber,
        to: picked.at(-1)!.sequenceNumber,
      },
      target: { type: 'name', streamName: 'range-dst' },
      keys: { type: 'sequential', prefix: 'r-' },
      transform: {
        mode: 'json',
        template:
          '{"n": {{record.json.n}}, "was": "{{record.key}}", "shard": "{{record.shardId}}", "seq": "{{record.sequenceNumber}}", "at": "{{record.arrival}}", "raw": "{{record.data}}"}',
      },
    });
    expect(report).toMatchObject({ state: 'done', total: picked.length, acknowledged: picked.length });
    const stored = await readWholeStream(endpoint, 'range-dst', SANDBOX_TEST_KEYS);
    expect(stored).toHaveLength(picked.length);
    // Sequential keys follow the source order (record i of the range gets r-i); each key is new, so
    // the target may store them in any order.
    const copies = stored.map((s) => ({ s, copy: JSON.parse(s.data) as Record<string, unknown> }));
    expect(copies.map(({ copy }) => copy.seq).sort()).toEqual(picked.map((p) => p.sequenceNumber).sort());
    picked.forEach((original, i) => {
      const { s, copy } = copies.find(({ copy }) => copy.seq === original.sequenceNumber)!;
      expect(copy).toMatchObject({
        n: nOf(original.data),
        was: original.partitionKey,
        shard: original.shardId,
        seq: original.sequenceNumber,
        raw: original.data,
      });
      expect(Number.isNaN(Date.parse(copy.at as string))).toBe(false);
      expect(s.partitionKey).toBe(`r-${i}`);
    });
  });

  test('picked records (a tail selection) are read again in main and sent, nothing else', async () => {
    await createSandboxStream(ctx.app.handlers, 'pick-src', 2);
    await createSandboxStream(ctx.app.handlers, 'pick-dst', 1);
    await fill('pick-src', 50, 0, 3);
    const source = await readWholeStream(endpoint, 'pick-src', SANDBOX_TEST_KEYS);
    const picked = source.filter((_, i) => i % 7 === 0);
    const report = await replay({
      fromStream: 'pick-src',
      select: { type: 'records', records: picked.map(({ shardId, sequenceNumber }) => ({ shardId, sequenceNumber })) },
      target: { type: 'name', streamName: 'pick-dst' },
      keys: { type: 'row' },
      transform: null,
    });
    expect(report).toMatchObject({ state: 'done', total: picked.length, acknowledged: picked.length });
    const stored = await readWholeStream(endpoint, 'pick-dst', SANDBOX_TEST_KEYS);
    expect(stored.map((s) => s.data).sort()).toEqual(picked.map((s) => s.data).sort());
  });

  test('picked records are read in the order they were picked in, across shards (a tail selection: arrival order)', async () => {
    await createSandboxStream(ctx.app.handlers, 'order-src', 3);
    await fill('order-src', 60, 0, 12);
    const source = await readWholeStream(endpoint, 'order-src', SANDBOX_TEST_KEYS);
    expect(new Set(source.map((s) => s.shardId)).size).toBe(3);
    // Every other record in the order the fill sent them: the shards interleave.
    const picked = [...source].sort((a, b) => nOf(a.data) - nOf(b.data)).filter((_, i) => i % 2 === 0);
    const client = sdkClient(endpoint, SANDBOX_TEST_KEYS);
    const read: string[] = [];
    try {
      const pages = readSelection(client, 'order-src', {
        type: 'records',
        records: picked.map(({ shardId, sequenceNumber }) => ({ shardId, sequenceNumber })),
      });
      for await (const page of pages) read.push(...page.map((r) => new TextDecoder().decode(r.data)));
    } finally {
      client.destroy();
    }
    expect(read).toEqual(picked.map((s) => s.data));
  });

  test('Replay again: the history entry names the source, and getReplayRequest answers the request as it ran', async () => {
    await createSandboxStream(ctx.app.handlers, 'again-src', 2);
    await createSandboxStream(ctx.app.handlers, 'again-dst', 1);
    await fill('again-src', 20, 0, 3);
    const source = await readWholeStream(endpoint, 'again-src', SANDBOX_TEST_KEYS);
    const picked = source
      .filter((_, i) => i % 3 === 1)
      .map(({ shardId, sequenceNumber }) => ({ shardId, sequenceNumber }));
    const request: ReplayRequest = {
      from: { profileId: sandboxId, target: { type: 'name', streamName: 'again-src' } },
      select: { type: 'records', records: picked },
      profileId: sandboxId,
      target: { type: 'name', streamName: 'again-dst' },
      keys: { type: 'fixed', value: 'again' },
      transform: { mode: 'json', template: '{"again": {{record.json.n}}}' },
      plan: { ...plan, ratePerSec: 500 },
    };
    const started = value(await ctx.app.handlers.startReplay(request));
    const report = await reportOf(ctx.events, started.runId, 240_000);
    expect(report).toMatchObject({ state: 'done', acknowledged: picked.length });

    const entry = value(await ctx.app.handlers.getHistoryEntry({ id: report.historyId! }));
    expect(entry.run?.replay).toEqual({
      from: { profileId: sandboxId, streamName: 'again-src' },
      select: { type: 'records', count: picked.length },
    });
    const again = value(await ctx.app.handlers.getReplayRequest({ runId: started.runId }));
    expect(again).toEqual(request);

    // Run as answered, it sends the same records again.
    const second = await reportOf(ctx.events, value(await ctx.app.handlers.startReplay(again)).runId, 240_000);
    expect(second).toMatchObject({ state: 'done', acknowledged: picked.length });
    const stored = await readWholeStream(endpoint, 'again-dst', SANDBOX_TEST_KEYS);
    const once = source.filter((_, i) => i % 3 === 1).map((s) => `{"again": ${nOf(s.data)}}`);
    expect(stored.map((s) => s.data).sort()).toEqual([...once, ...once].sort());
    expect(new Set(stored.map((s) => s.partitionKey))).toEqual(new Set(['again']));
  });

  test('getReplayRequest of a run that was no replay says its source is missing', async () => {
    const batch = value(
      await ctx.app.handlers.startRun({
        profileId: sandboxId,
        target: { type: 'name', streamName: 'again-dst' },
        source: { type: 'rows', rows: [{ partitionKey: 'k', payload: 'x' }] },
        keys: { type: 'row' },
        payloadMode: 'text',
        plan,
      }),
    );
    await reportOf(ctx.events, batch.runId, 240_000);
    const r = await ctx.app.handlers.getReplayRequest({ runId: batch.runId });
    expect(!r.ok && r.error.reason).toBe('runSourceMissing');
  });

  test('a transform that does not compile is refused before anything is read, naming where', async () => {
    const r = await ctx.app.handlers.startReplay({
      from: { profileId: sandboxId, target: { type: 'name', streamName: 'pick-src' } },
      select: { type: 'window', from: new Date(0).toISOString(), to: new Date().toISOString() },
      profileId: sandboxId,
      target: { type: 'name', streamName: 'pick-dst' },
      keys: { type: 'row' },
      transform: { mode: 'text', template: '{{record.dat}}' },
      plan,
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.fields?.[0]).toMatchObject({ path: 'transform.template', params: { line: 1, column: 3 } });
    expect(!r.ok && r.error.fields?.[0].message).toContain("Did you mean 'record.data'");
  });
});

describe('the undelivered records of a replay', () => {
  test('are exported and re-sent as read again from the source stream, transformed as before', async () => {
    await createSandboxStream(ctx.app.handlers, 'undelivered-src', 1);
    await fill('undelivered-src', 40, 0, 3);
    const target = 'undelivered-dst';
    const request = {
      fromStream: 'undelivered-src',
      select: { type: 'window', from: new Date(0).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() },
      target: { type: 'name', streamName: target },
      keys: { type: 'row' },
      transform: { mode: 'json', template: '{"again": {{record.json.n}}}' },
    } as const;
    // No such target yet: the first call stops the run, its records failed, the others pulled not sent.
    const report = await replay(request);
    expect(report.state).toBe('failed');
    expect(report.acknowledged).toBe(0);
    expect(report.total).toBeGreaterThan(0);
    expect(report.failed + report.notSent).toBe(report.total);

    const exported = value(await ctx.app.handlers.exportUndelivered({ runId: runIdOf(report) }));
    expect(exported).toEqual({ path: savePath, count: report.total });
    const lines = (await readFile(savePath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { data: string; index: number; fate: string });
    expect(lines.map((l) => l.index).sort((a, b) => a - b)).toEqual(Array.from({ length: report.total }, (_, i) => i));
    const exportedData = lines.map((l) => l.data).sort();
    expect(exportedData.every((d) => /^\{"again": \d+\}$/.test(d))).toBe(true);

    await createSandboxStream(ctx.app.handlers, target, 1);
    const resent = value(
      await ctx.app.handlers.resendUndelivered({ runId: runIdOf(report), plan: { ...plan, ratePerSec: null } }),
    );
    expect(resent.total).toBe(report.total);
    const second = await reportOf(ctx.events, resent.runId, 240_000);
    expect(second).toMatchObject({ state: 'done', total: report.total, acknowledged: report.total });
    const stored = await readWholeStream(endpoint, target, SANDBOX_TEST_KEYS);
    expect(stored.map((s) => s.data).sort()).toEqual(exportedData);
  });
});

const runIdOf = (report: { historyId: string | null }) =>
  ctx.events.find((e) => e.report?.historyId === report.historyId)!.runId;
