// Load runs on the sandbox (kinesalite) through the handler table: every record acknowledged once
// and held by the stream, the preview equal to what was sent, the spread equal to the per-shard
// acknowledgements, `run` events at most 10 a second, and one history entry with its results file.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BatchRequest } from '../../electron/contract';
import { readRecordResults } from '../helpers/journal';
import { createSandboxStream, sandboxProfileOf, value } from '../helpers/results';
import { readWholeStream, SANDBOX_TEST_KEYS } from '../helpers/kinesis-fixtures';
import { eventGaps, reportOf, wireRunsApp, type RunsApp } from '../helpers/runs';

let ctx: RunsApp;
let endpoint: string;

beforeAll(async () => {
  ctx = await wireRunsApp({ sandboxCredentials: SANDBOX_TEST_KEYS });
  await createSandboxStream(ctx.app.handlers, 'runs-three', 3);
  await createSandboxStream(ctx.app.handlers, 'runs-rows', 2);
  endpoint = value(await ctx.app.handlers.getSandboxStatus({})).endpoint!;
});

afterAll(async () => {
  await ctx.close();
});

const plan = { ratePerSec: null, concurrency: 4, maxAttemptsPerRecord: 5 };

describe('a template run on the sandbox', () => {
  test('10,000 records: each acknowledged once, stored, as previewed, spread as predicted, recorded once', async () => {
    const sandbox = await sandboxProfileOf(ctx.app.handlers);
    const request: BatchRequest = {
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'runs-three' },
      source: {
        type: 'template',
        template: '{"n": {{seq(0)}}, "id": "{{uuid}}", "city": "{{faker.location.city}}"}',
        locale: 'ru',
      },
      keys: { type: 'random' },
      payloadMode: 'json',
      seed: 4242,
    };
    const preview = value(await ctx.app.handlers.previewBatch({ ...request, count: 20 }));
    expect(preview.problems).toEqual([]);
    expect(preview.records).toHaveLength(20);
    expect(preview.spreadOf).toBe(10_000);
    expect(preview.spread).toHaveLength(3);

    const started = value(await ctx.app.handlers.startRun({ ...request, plan: { ...plan, count: 10_000 } }));
    expect(started.total).toBe(10_000);
    const report = await reportOf(ctx.events, started.runId);
    expect(report).toMatchObject({
      state: 'done',
      total: 10_000,
      acknowledged: 10_000,
      failed: 0,
      notSent: 0,
      failures: [],
      stopError: null,
    });

    // The stream holds each record once, and the first 20 are the previewed ones, key and payload.
    const stored = await readWholeStream(endpoint, 'runs-three', SANDBOX_TEST_KEYS);
    expect(stored).toHaveLength(10_000);
    expect(new Set(stored.map((s) => s.data)).size).toBe(10_000);
    const byN = new Map(stored.map((s) => [(JSON.parse(s.data) as { n: number }).n, s]));
    for (const r of preview.records) {
      const s = byN.get(r.index)!;
      expect([s.partitionKey, s.data, s.shardId]).toEqual([r.partitionKey, r.payload, r.shardId]);
    }

    // The spread over the first 10,000 records is what each shard acknowledged.
    const storedPerShard = new Map<string, number>();
    for (const s of stored) storedPerShard.set(s.shardId, (storedPerShard.get(s.shardId) ?? 0) + 1);
    expect(new Map(preview.spread!.map((s) => [s.shardId, s.count]))).toEqual(storedPerShard);
    expect(new Map(report.acknowledgedPerShard.map((s) => [s.shardId, s.count]))).toEqual(storedPerShard);

    // The results file: one line per record, each with the shard and sequence number the stream holds.
    const lines = await readRecordResults(report.resultsFile!);
    expect(lines).toHaveLength(10_000);
    expect(new Set(lines.map((l) => l.index)).size).toBe(10_000);
    const bySequence = new Map(stored.map((s) => [s.sequenceNumber, s]));
    for (const line of lines) expect(bySequence.get(line.sequenceNumber!)?.shardId).toBe(line.shardId);

    // One history entry: the run, with its summary; it cannot be read back or turned into code.
    const page = value(await ctx.app.handlers.listHistory({}));
    const runs = page.entries.filter((e) => e.run);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      id: report.historyId,
      ok: true,
      streamName: 'runs-three',
      run: { state: 'done', total: 10_000, acknowledged: 10_000, failed: 0, notSent: 0 },
    });
    const entry = value(await ctx.app.handlers.getHistoryEntry({ id: report.historyId! }));
    expect(entry.run).toMatchObject({ runId: started.runId, plan: { count: 10_000 }, request: { seed: 4242 } });
    expect(entry.payload.text).toBe(request.source.type === 'template' ? request.source.template : '');
    const readBack = await ctx.app.handlers.readBack({ historyId: entry.id });
    expect(readBack.ok).toBe(false);
    const code = await ctx.app.handlers.generateCode({
      language: 'python',
      source: { type: 'history', historyId: entry.id },
    });
    expect(code.ok).toBe(false);

    // Events: at most 10 a second, the report once and last, equal to getRun.
    // (timers may fire a millisecond or so early)
    for (const gap of eventGaps(ctx.events, started.runId)) expect(gap).toBeGreaterThanOrEqual(95);
    const mine = ctx.events.filter((e) => e.runId === started.runId);
    expect(mine.filter((e) => e.report)).toHaveLength(1);
    expect(mine.at(-1)!.report).toEqual(report);
    expect(value(await ctx.app.handlers.getRun({ runId: started.runId })).report).toEqual(report);
  }, 60_000);
});

describe('rows on the sandbox', () => {
  test('rows with their own keys: the good rows are sent, each once, the bad one is not', async () => {
    const sandbox = await sandboxProfileOf(ctx.app.handlers);
    const rows = Array.from({ length: 30 }, (_, i) => ({ partitionKey: `k${i % 4}`, payload: `line ${i}` }));
    rows[7] = { partitionKey: '', payload: 'no key' };
    const started = value(
      await ctx.app.handlers.startRun({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'runs-rows' },
        source: { type: 'rows', rows },
        keys: { type: 'row' },
        payloadMode: 'text',
        plan,
      }),
    );
    expect(started.total).toBe(29);
    const report = await reportOf(ctx.events, started.runId);
    expect(report).toMatchObject({ state: 'done', total: 29, acknowledged: 29 });
    const stored = await readWholeStream(endpoint, 'runs-rows', SANDBOX_TEST_KEYS);
    expect(stored.map((s) => `${s.partitionKey}|${s.data}`).sort()).toEqual(
      rows
        .filter((_, i) => i !== 7)
        .map((r) => `${r.partitionKey}|${r.payload}`)
        .sort(),
    );
  }, 30_000);
});
