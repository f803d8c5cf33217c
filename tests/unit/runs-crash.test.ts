// A run survives a crash of the app: a real child process hosts the handler table, is SIGKILLed at
// several moments of a run against tests/helpers/fake-kinesis.ts, and another child is started on
// the same data folder. The run is then in history as interrupted, with figures recovered from
// its journal that agree record by record with what the endpoint stored; no file was deleted;
// its undelivered records are exported and re-sent exactly.
import { access, appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BatchRequest, HistoryEntry, RunEvent, RunReportView } from '../../electron/contract';
import { Fate, readJournal } from '../../electron/load/results-file';
import { startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';
import { customProfileInput } from '../helpers/profiles';
import { value } from '../helpers/results';
import { startRunHost, type RunHost } from '../helpers/run-host';

let dataDir: string;
let savePath: string;
let fake: FakeKinesis;
const hosts: RunHost[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-crash-'));
  savePath = path.join(dataDir, 'undelivered.ndjson');
  fake = await startFakeKinesis({ streams: { crash: 2 }, latencyMs: 15 });
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function host(): Promise<RunHost> {
  const h = await startRunHost(dataDir, savePath);
  hosts.push(h);
  return h;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const progressOf = async (h: RunHost, runId: string) => value<RunEvent>(await h.call('getRun', { runId }));

async function request(h: RunHost, source: BatchRequest['source'], keys: BatchRequest['keys']): Promise<BatchRequest> {
  const profile = value(
    await h.call(
      'saveProfile',
      customProfileInput('Fake', fake.url, { accessKeyId: 'AKIACRASH0000000000', secretAccessKey: 'crash-secret' }),
    ),
  );
  return {
    profileId: profile.id,
    target: { type: 'name', streamName: 'crash' },
    source,
    keys,
    payloadMode: 'json',
    seed: 7,
  };
}

const storedIndexes = () => fake.stored.map((s) => (JSON.parse(s.data.toString('utf8')) as { n: number }).n);

/** SIGKILL, then wait until the endpoint has closed every connection: each request it got is stored by then. */
async function crash(h: RunHost) {
  await h.kill();
  hosts.splice(hosts.indexOf(h), 1);
  await until('the endpoint to see the connections close', async () => fake.connections() === 0);
}

/** A new child on the same folder; resolves with the run's entry once it is recorded as interrupted. */
async function restart(runId: string): Promise<{ h: RunHost; entry: HistoryEntry; report: RunReportView }> {
  const h = await host();
  const entry = await until('the run to be recovered as interrupted', async () => {
    const page = value(await h.call('listHistory', {}));
    const summary = page.entries.find((e) => e.run?.state === 'interrupted');
    return summary && value(await h.call('getHistoryEntry', { id: summary.id }));
  });
  expect(entry.run!.runId).toBe(runId);
  return { h, entry, report: entry.run!.report };
}

/** Recovered figures against the endpoint, record by record. */
async function expectAgreesWithEndpoint(report: RunReportView, total: number) {
  const journal = await readJournal(report.resultsFile!, { declaredTotal: total, fates: true });
  const fates = journal.fates!;
  const stored = new Set(storedIndexes());
  expect(stored.size).toBe(fake.stored.length);
  const unknown = report.unknown ?? 0;
  expect(report.acknowledged + report.failed + report.notSent + unknown).toBe(total);
  expect(report.total).toBe(total);
  for (let index = 0; index < total; index++) {
    if (fates[index] === Fate.Acknowledged) expect(stored.has(index), `acknowledged ${index} is stored`).toBe(true);
    if (stored.has(index))
      expect([Fate.Acknowledged, Fate.Unknown], `stored ${index} is acknowledged or unknown`).toContain(fates[index]);
  }
  expect(fates.filter((f) => f === Fate.Acknowledged).length).toBe(report.acknowledged);
  expect(report.acknowledgedPerShard.reduce((n, s) => n + s.count, 0)).toBe(report.acknowledged);
  return { stored, unknown };
}

const COUNT = 3000;
const templateSource: BatchRequest['source'] = { type: 'template', template: '{"n": {{seq(0)}}}', locale: 'en' };
const plan = { count: COUNT, ratePerSec: 1500, concurrency: 2, maxAttemptsPerRecord: 3 };

describe('a run whose app is killed', () => {
  const moments: [string, (h: RunHost, runId: string) => Promise<unknown>][] = [
    ['early, with its first calls under way', async () => {}],
    [
      'mid-run',
      (h, runId) =>
        until('half acknowledged', async () => (await progressOf(h, runId)).progress.acknowledged >= COUNT / 2),
    ],
    [
      'near the end',
      (h, runId) =>
        until('90% acknowledged', async () => (await progressOf(h, runId)).progress.acknowledged >= COUNT * 0.9),
    ],
  ];
  for (const [moment, wait] of moments) {
    test(`${moment}: after a restart it is interrupted, with figures that agree with what the endpoint stored`, async () => {
      const first = await host();
      const req = await request(first, templateSource, { type: 'sequential', prefix: 'k-' });
      const { runId } = value(await first.call('startRun', { ...req, plan }));
      await wait(first, runId);
      await crash(first);

      const { report } = await restart(runId);
      expect(report.state).toBe('interrupted');
      const { stored, unknown } = await expectAgreesWithEndpoint(report, COUNT);
      expect(report.acknowledged).toBeLessThanOrEqual(stored.size);
      expect(stored.size).toBeLessThanOrEqual(report.acknowledged + unknown);
      // Nothing was deleted at start: the journal and the source are where they were.
      await access(report.resultsFile!);
      await access(report.resultsFile!.replace(/\.jsonl$/, '.source.json'));
    }, 60_000);
  }

  test('while paused: acknowledged is exactly what was stored, and export and re-send cover exactly the rest', async () => {
    const first = await host();
    const req = await request(first, templateSource, { type: 'sequential', prefix: 'k-' });
    const { runId } = value(await first.call('startRun', { ...req, plan }));
    await until(
      'a third acknowledged',
      async () => (await progressOf(first, runId)).progress.acknowledged >= COUNT / 3,
    );
    value(await first.call('pauseRun', { runId }));
    await until('no call in flight', async () => {
      const { progress } = await progressOf(first, runId);
      return progress.state === 'paused' && progress.inFlight === 0;
    });
    await crash(first);
    // A kill during a write leaves a torn last line: here one that would call a record not stored acknowledged.
    const notStored = Array.from({ length: COUNT }, (_, i) => i).find((i) => !storedIndexes().includes(i))!;
    await appendFile(
      path.join(dataDir, 'runs', `${runId}.jsonl`),
      `{"index":${notStored},"partitionKey":"k-${notStored}","ok":true,"shardId":"shardId-0000`,
    );

    const { h, report } = await restart(runId);
    const { stored } = await expectAgreesWithEndpoint(report, COUNT);
    expect(report.unknown ?? 0).toBe(0);
    expect(report.acknowledged).toBe(stored.size);
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.notSent).toBeGreaterThan(0);

    const missing = Array.from({ length: COUNT }, (_, i) => i).filter((i) => !stored.has(i));
    const exported = value(await h.call('exportUndelivered', { runId }));
    expect(exported).toEqual({ path: savePath, count: missing.length });
    const lines = (await readFile(savePath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { index: number; partitionKey: string; data: string });
    expect(lines.map((l) => l.index)).toEqual(missing);
    for (const l of lines) {
      expect(l.partitionKey).toBe(`k-${l.index}`);
      expect((JSON.parse(l.data) as { n: number }).n).toBe(l.index);
    }

    const resent = value(
      await h.call('resendUndelivered', { runId, plan: { ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 5 } }),
    );
    expect(resent.total).toBe(missing.length);
    const end = await until('the re-send to end', async () => (await progressOf(h, resent.runId)).report);
    expect(end).toMatchObject({ state: 'done', acknowledged: missing.length });
    expect(storedIndexes().sort((a, b) => a - b)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
  }, 60_000);

  test('a rows run larger than history keeps: after a kill while paused, re-send delivers exactly the missing rows', async () => {
    const ROWS = 400;
    // ~300 bytes a row: more than the 64 KiB of rows a history entry keeps.
    const rows = Array.from({ length: ROWS }, (_, n) => ({
      partitionKey: `row-${n}`,
      payload: JSON.stringify({ n, pad: 'x'.repeat(280) }),
    }));
    const first = await host();
    const req = await request(first, { type: 'rows', rows }, { type: 'row' });
    const { runId } = value(
      await first.call('startRun', { ...req, plan: { ratePerSec: 200, concurrency: 1, maxAttemptsPerRecord: 3 } }),
    );
    await until('some rows acknowledged', async () => (await progressOf(first, runId)).progress.acknowledged >= 50);
    value(await first.call('pauseRun', { runId }));
    await until('no call in flight', async () => (await progressOf(first, runId)).progress.inFlight === 0);
    await crash(first);

    const { h, entry, report } = await restart(runId);
    expect(entry.run!.request.source.type === 'rows' && entry.run!.request.source.rows.length).toBeLessThan(ROWS);
    const { stored } = await expectAgreesWithEndpoint(report, ROWS);
    expect(report.acknowledged).toBe(stored.size);
    const missing = rows.map((_, n) => n).filter((n) => !stored.has(n));
    expect(missing.length).toBeGreaterThan(0);

    const resent = value(
      await h.call('resendUndelivered', { runId, plan: { ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 5 } }),
    );
    expect(resent.total).toBe(missing.length);
    await until('the re-send to end', async () => (await progressOf(h, resent.runId)).report);
    expect(storedIndexes().sort((a, b) => a - b)).toEqual(rows.map((_, n) => n));
    expect(
      fake.stored.find((s) => (JSON.parse(s.data.toString('utf8')) as { n: number }).n === ROWS - 1)?.partitionKey,
    ).toBe(`row-${ROWS - 1}`);
  }, 60_000);
});
