// Load runs against tests/helpers/fake-kinesis.ts, which fails entries and throttles calls:
// acknowledged equals what the endpoint stored, every other record is failed or not sent; a
// cancel reports exactly what was stored; the undelivered are exported and re-sent; closing the
// app cancels a run and still records it; no secret reaches events, history, results or exports.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BatchRequest } from '../../electron/contract';
import { readRecordResults } from '../helpers/journal';
import { seededRandom, startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';
import { customProfileInput } from '../helpers/profiles';
import { value } from '../helpers/results';
import { eventGaps, reportOf, wireRunsApp, type RunsApp } from '../helpers/runs';

const SECRET = 'runs-secret-Xq81zzKkP0';
const KEY_ID = 'AKIARUNSTEST00001234';

let ctx: RunsApp;
let fake: FakeKinesis | null = null;
let savePath: string;

beforeEach(async () => {
  ctx = await wireRunsApp({ chooseSavePath: async () => savePath });
  savePath = path.join(ctx.dataDir, 'undelivered.ndjson');
});

afterEach(async () => {
  await ctx.close();
  await fake?.close();
  fake = null;
});

async function templateRequest(stream: string): Promise<BatchRequest> {
  const profile = value(
    await ctx.app.handlers.saveProfile(
      customProfileInput('Fake', fake!.url, { accessKeyId: KEY_ID, secretAccessKey: SECRET }),
    ),
  );
  return {
    profileId: profile.id,
    target: { type: 'name', streamName: stream },
    source: {
      type: 'template',
      template: '{"n": {{seq(0)}}, "pad": "{{faker.string.alphanumeric(40)}}"}',
      locale: 'en',
    },
    keys: { type: 'sequential', prefix: 'dev-' },
    payloadMode: 'json',
    seed: 99,
  };
}

const storedIndexes = (stream: string) =>
  fake!.stored.filter((s) => s.stream === stream).map((s) => (JSON.parse(s.data.toString('utf8')) as { n: number }).n);

/** Everything main wrote under the data folder, and everything the renderer was sent. */
async function everythingWritten(): Promise<string> {
  const runs = path.join(ctx.dataDir, 'runs');
  const files = await readdir(runs).catch(() => []);
  const texts = await Promise.all(files.map((f) => readFile(path.join(runs, f), 'utf8')));
  return [
    await readFile(path.join(ctx.dataDir, 'history.jsonl'), 'utf8').catch(() => ''),
    ...texts,
    JSON.stringify(ctx.events),
  ].join('\n');
}

describe('a run against an endpoint that fails entries and throttles calls', () => {
  test('acknowledged equals what the endpoint stored; the undelivered are exported exactly and re-sent', async () => {
    fake = await startFakeKinesis({
      streams: { faulty: 2 },
      internalFailureRate: 0.1,
      throttleEveryNthCall: 3,
      seed: 5,
    });
    const request = await templateRequest('faulty');
    const started = value(
      await ctx.app.handlers.startRun({
        ...request,
        plan: { count: 2000, ratePerSec: null, concurrency: 4, maxAttemptsPerRecord: 1 },
      }),
    );
    const report = await reportOf(ctx.events, started.runId);

    const stored = storedIndexes('faulty');
    expect(new Set(stored).size).toBe(stored.length);
    expect(report.acknowledged).toBe(stored.length);
    expect(report.throttled).toBeGreaterThan(0);
    expect(report.failed).toBeGreaterThan(0);
    expect(report.acknowledged + report.failed + report.notSent).toBe(2000);
    const failedIndexes = report.failures.map((f) => f.index);
    expect(failedIndexes.filter((i) => stored.includes(i))).toEqual([]);

    // The results file: one line per record; the acknowledged ones are the stored ones.
    const lines = await readRecordResults(report.resultsFile!);
    expect(lines).toHaveLength(2000);
    expect(
      lines
        .filter((l) => l.ok)
        .map((l) => l.index)
        .sort((a, b) => a - b),
    ).toEqual([...stored].sort((a, b) => a - b));

    // The history entry says what did not arrive.
    const entry = value(await ctx.app.handlers.getHistoryEntry({ id: report.historyId! }));
    expect(entry.result.ok).toBe(false);
    if (!entry.result.ok)
      expect(entry.result.error).toMatchObject({
        name: 'RunIncomplete',
        hintCode: 'runIncomplete',
        message: expect.stringMatching(new RegExp(`^${2000 - stored.length} of 2000 records not delivered`)),
      });
    expect(entry.run!.report.failures.length).toBe(Math.min(100, report.failed));

    // Export: exactly the undelivered records, with their data and error. The re-send below starts
    // from the same journal at the same time: each makes the records again in a worker of its own,
    // and the export's runs while the re-send waits out its backoffs.
    const exporting = ctx.app.handlers.exportUndelivered({ runId: started.runId });
    const resending = ctx.app.handlers.resendUndelivered({
      runId: started.runId,
      plan: { ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 30 },
    });
    const exported = value(await exporting);
    expect(exported).toEqual({ path: savePath, count: 2000 - stored.length });
    const exportedLines = (await readFile(savePath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { partitionKey: string; data: string; index: number; error: string });
    const all = new Set(Array.from({ length: 2000 }, (_, i) => i));
    for (const i of stored) all.delete(i);
    expect(exportedLines.map((l) => l.index).sort((a, b) => a - b)).toEqual([...all]);
    for (const l of exportedLines) {
      expect(l.partitionKey).toBe(`dev-${l.index}`);
      expect((JSON.parse(l.data) as { n: number }).n).toBe(l.index);
    }
    expect(exportedLines.find((l) => failedIndexes.includes(l.index))?.error).toMatch(/InternalFailure|Throttl/);

    // Re-send: a new run of exactly those records; now every record 0..1999 is stored exactly once.
    const resent = value(await resending);
    expect(resent.total).toBe(2000 - stored.length);
    const second = await reportOf(ctx.events, resent.runId);
    expect(second).toMatchObject({ state: 'done', acknowledged: resent.total, failed: 0, notSent: 0 });
    const after = storedIndexes('faulty');
    expect(after.sort((a, b) => a - b)).toEqual(Array.from({ length: 2000 }, (_, i) => i));

    expect(await everythingWritten()).not.toContain(SECRET);
    expect(await everythingWritten()).not.toContain(KEY_ID);
    expect(await readFile(savePath, 'utf8')).not.toContain(SECRET);
  }, 60_000);

  test('cancel in the middle: acknowledged is exactly what the endpoint stored, the rest not sent; deleting the entry deletes its results', async () => {
    fake = await startFakeKinesis({ streams: { slow: 2 }, latencyMs: 30 });
    const request = await templateRequest('slow');
    const started = value(
      await ctx.app.handlers.startRun({
        ...request,
        plan: { count: 50_000, ratePerSec: 2000, concurrency: 2, maxAttemptsPerRecord: 3 },
      }),
    );
    while (!ctx.events.some((e) => e.runId === started.runId && e.progress.acknowledged > 0))
      await new Promise((r) => setTimeout(r, 10));
    expect(value(await ctx.app.handlers.pauseRun({ runId: started.runId })).state).toBe('paused');
    expect(value(await ctx.app.handlers.resumeRun({ runId: started.runId })).state).toBe('running');
    value(await ctx.app.handlers.cancelRun({ runId: started.runId }));
    const report = await reportOf(ctx.events, started.runId);
    expect(report.state).toBe('cancelled');
    expect(report.acknowledged).toBe(storedIndexes('slow').length);
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.notSent).toBeGreaterThan(0);
    expect(report.acknowledged + report.failed + report.notSent).toBe(report.total);
    const gaps = eventGaps(ctx.events, started.runId);
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(95);
    const summary = value(await ctx.app.handlers.listHistory({})).entries.find((e) => e.id === report.historyId);
    expect(summary?.run).toMatchObject({
      state: 'cancelled',
      acknowledged: report.acknowledged,
      notSent: report.notSent,
    });
    // Cancelled is its own outcome: not a failure, and found by its own filter.
    expect(summary?.detail).toBe('RunCancelled');
    const outcomeIds = async (outcome: 'failed' | 'cancelled') =>
      value(await ctx.app.handlers.listHistory({ outcome })).entries.map((e) => e.id);
    expect(await outcomeIds('cancelled')).toEqual([report.historyId]);
    expect(await outcomeIds('failed')).not.toContain(report.historyId);

    // The results file and the run's source go with its history entry.
    const sourceFile = report.resultsFile!.replace(/\.jsonl$/, '.source.json');
    await expect(readFile(report.resultsFile!, 'utf8')).resolves.not.toBe('');
    await expect(readFile(sourceFile, 'utf8')).resolves.not.toBe('');
    value(await ctx.app.handlers.deleteHistoryEntry({ id: report.historyId! }));
    await expect(readFile(report.resultsFile!, 'utf8')).rejects.toThrow(/ENOENT/);
    await expect(readFile(sourceFile, 'utf8')).rejects.toThrow(/ENOENT/);
  }, 30_000);

  test('100 pauses at random moments: each time the last event says paused, and resume goes on sending', async () => {
    fake = await startFakeKinesis({ streams: { pausing: 2 }, latencyMs: 5 });
    const request = await templateRequest('pausing');
    const started = value(
      await ctx.app.handlers.startRun({
        ...request,
        plan: { durationSec: 3600, ratePerSec: 2000, concurrency: 2, maxAttemptsPerRecord: 3 },
      }),
    );
    const { runId } = started;
    const last = () => ctx.events.filter((e) => e.runId === runId).at(-1)?.progress;
    const random = seededRandom(8);
    for (let i = 0; i < 100; i++) {
      // A random moment: sometimes right after an event, sometimes between two, sometimes while a call is out.
      // Events come every 100 ms, so a moment within 100 ms of the last one reaches every phase; the
      // paused event waits for the next tick anyway, while a later moment costs a whole extra tick.
      await new Promise((r) => setTimeout(r, random() * 100));
      expect(value(await ctx.app.handlers.pauseRun({ runId })).state).toBe('paused');
      await expect.poll(() => last()?.state, { timeout: 15_000, interval: 5 }).toBe('paused');
      const acknowledged = last()!.acknowledged;
      expect(value(await ctx.app.handlers.resumeRun({ runId })).state).toBe('running');
      await expect.poll(() => last()?.state, { timeout: 15_000, interval: 5 }).toBe('running');
      await expect.poll(() => last()!.acknowledged, { timeout: 15_000, interval: 5 }).toBeGreaterThan(acknowledged);
    }
    value(await ctx.app.handlers.cancelRun({ runId }));
    const report = await reportOf(ctx.events, runId);
    expect(report.acknowledged).toBe(storedIndexes('pausing').length);
    // Still coalesced: at most 10 events a second.
    for (const gap of eventGaps(ctx.events, runId)) expect(gap).toBeGreaterThanOrEqual(95);
  }, 120_000);

  test('a call stored but answered after the timeout: possible duplicates are reported and exported; at most once, those records are exported as unknown', async () => {
    fake = await startFakeKinesis({ streams: { late: 2 }, lateAnswer: { everyNthCall: 3, delayMs: 2500 } });
    const profile = value(
      await ctx.app.handlers.saveProfile(
        customProfileInput('Late', fake.url, { accessKeyId: KEY_ID, secretAccessKey: SECRET }, { timeoutMs: 1000 }),
      ),
    );
    const request = { ...(await templateRequest('late')), profileId: profile.id };
    const atLeastOnce = value(
      await ctx.app.handlers.startRun({
        ...request,
        plan: { count: 1500, ratePerSec: 1_000_000, concurrency: 4, maxAttemptsPerRecord: 10 },
      }),
    );
    const report = await reportOf(ctx.events, atLeastOnce.runId, 60_000);
    const stored = storedIndexes('late');
    const twice = new Set(stored.filter((n, i) => stored.indexOf(n) !== i));
    expect(twice.size).toBeGreaterThan(0);
    expect(report).toMatchObject({ acknowledged: 1500, unknown: 0 });
    expect(report.possibleDuplicates).toBeGreaterThanOrEqual(twice.size);
    expect(report.possibleDuplicateList!.map((d) => d.partitionKey)).toEqual(
      expect.arrayContaining([...twice].map((n) => `dev-${n}`)),
    );
    // The at-most-once run starts now, beside the export: each makes its records in a worker of its
    // own, and the run's calls mostly wait out their timeouts.
    fake.stored.length = 0;
    const starting = ctx.app.handlers.startRun({
      ...request,
      plan: {
        count: 1500,
        ratePerSec: 1_000_000,
        concurrency: 4,
        maxAttemptsPerRecord: 10,
        unansweredCalls: 'giveUp',
      },
    });
    const exported = value(await ctx.app.handlers.exportPossibleDuplicates({ runId: atLeastOnce.runId }));
    expect(exported).toEqual({ path: savePath, count: report.possibleDuplicates });
    const lines = (await readFile(savePath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { index: number; partitionKey: string; data: string; fate: string });
    expect(
      lines.every(
        (l) =>
          l.fate === 'possibleDuplicate' &&
          l.partitionKey === `dev-${l.index}` &&
          (JSON.parse(l.data) as { n: number }).n === l.index,
      ),
    ).toBe(true);
    expect(lines.map((l) => l.index)).toEqual(expect.arrayContaining([...twice]));

    const atMostOnce = value(await starting);
    const second = await reportOf(ctx.events, atMostOnce.runId, 60_000);
    const storedNow = storedIndexes('late');
    expect(new Set(storedNow).size).toBe(storedNow.length);
    expect(second.possibleDuplicates).toBe(0);
    expect(second.unknown).toBeGreaterThan(0);
    expect(second.acknowledged + second.failed + second.unknown! + second.notSent).toBe(1500);
    value(await ctx.app.handlers.exportUndelivered({ runId: atMostOnce.runId }));
    const undelivered = (await readFile(savePath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { index: number; fate: string; error: string });
    expect(undelivered.filter((l) => l.fate === 'unknown')).toHaveLength(second.unknown!);
    expect(undelivered.find((l) => l.fate === 'unknown')?.error).toMatch(/^unknown: /);
    expect(await everythingWritten()).not.toContain(SECRET);
  }, 120_000);

  test('closing the app cancels a live run and still records it in history', async () => {
    fake = await startFakeKinesis({ streams: { closing: 1 }, latencyMs: 20 });
    const request = await templateRequest('closing');
    const started = value(
      await ctx.app.handlers.startRun({
        ...request,
        plan: { durationSec: 600, ratePerSec: 500, concurrency: 1, maxAttemptsPerRecord: 3 },
      }),
    );
    expect(started.total).toBeNull();
    while (!ctx.events.some((e) => e.runId === started.runId && e.progress.acknowledged > 0))
      await new Promise((r) => setTimeout(r, 10));
    await ctx.app.close();
    const report = ctx.events.find((e) => e.runId === started.runId && e.report)?.report;
    expect(report?.state).toBe('cancelled');
    expect(report?.acknowledged).toBe(storedIndexes('closing').length);
    const history = await readFile(path.join(ctx.dataDir, 'history.jsonl'), 'utf8');
    expect(history).toContain(started.runId);

    const refused = await ctx.app.handlers.startRun({
      ...request,
      plan: { count: 10, ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 },
    });
    expect(refused.ok === false && refused.error.code).toBe('REJECTED');
  }, 30_000);
});
