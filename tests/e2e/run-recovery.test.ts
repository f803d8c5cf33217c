// A run the app was killed during, seen in the real renderer after a restart: a child process
// hosting the handler table runs a template batch against tests/helpers/fake-kinesis.ts, is paused
// and SIGKILLed; the app then opens on the same data folder. The run's history entry says it was
// interrupted, with what was acknowledged, and its Export and Re-send deliver exactly the rest.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunEvent } from '../../electron/contract';
import { startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';
import { customProfileInput } from '../helpers/profiles';
import { value } from '../helpers/results';
import { startRunHost } from '../helpers/run-host';
import { withApp } from '../helpers/e2e';

let dir: string;
let fake: FakeKinesis;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-e2e-recovery-'));
  fake = await startFakeKinesis({ streams: { recovered: 2 }, latencyMs: 10 });
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const number = (text: string) => Number(text.replace(/[^\d]/g, ''));
const COUNT = 2000;
const storedIndexes = () => fake.stored.map((s) => (JSON.parse(s.data.toString('utf8')) as { n: number }).n);

test('an interrupted run is shown as such after a restart, and its undelivered records are exported and re-sent from its history entry', async () => {
  const dataDir = path.join(dir, 'data');
  const savePath = path.join(dir, 'undelivered.ndjson');
  const host = await startRunHost(dataDir, savePath);
  const profile = value(
    await host.call(
      'saveProfile',
      customProfileInput('Fake', fake.url, { accessKeyId: 'AKIARECOVER00000000', secretAccessKey: 'recover-secret' }),
    ),
  );
  const { runId } = value(
    await host.call('startRun', {
      profileId: profile.id,
      target: { type: 'name', streamName: 'recovered' },
      source: { type: 'template', template: '{"n": {{seq(0)}}}', locale: 'en' },
      keys: { type: 'sequential', prefix: 'r-' },
      payloadMode: 'json',
      seed: 3,
      plan: { count: COUNT, ratePerSec: 1000, concurrency: 2, maxAttemptsPerRecord: 3 },
    }),
  );
  const progress = async () => value<RunEvent>(await host.call('getRun', { runId })).progress;
  await poll(async () => (await progress()).acknowledged).toBeGreaterThan(COUNT / 4);
  value(await host.call('pauseRun', { runId }));
  await poll(async () => (await progress()).inFlight).toBe(0);
  await host.kill();
  await poll(async () => fake.connections()).toBe(0);
  const stored = storedIndexes().length;
  expect(stored).toBeGreaterThan(0);
  expect(stored).toBeLessThan(COUNT);

  await withApp('run-recovery', { dataDir, savePath }, async ({ page }) => {
    await poll(() => page.getByTestId('history-run').first().innerText()).toContain('Interrupted');
    await page.getByTestId('history-run').first().click();
    const details = page.getByTestId('run-history-details');
    await poll(() => details.getByTestId('run-verdict').innerText()).toContain('The app stopped during the run');
    expect(number(await details.getByTestId('report-acknowledged').innerText())).toBe(stored);
    expect(
      number(await details.getByTestId('report-not-sent').innerText()) +
        number(await details.getByTestId('report-failed').innerText()),
    ).toBe(COUNT - stored);

    await details.getByRole('button', { name: 'Export undelivered (NDJSON)' }).click();
    await poll(async () => (await readFile(savePath, 'utf8').catch(() => '')).split('\n').filter(Boolean).length).toBe(
      COUNT - stored,
    );

    await details.getByRole('button', { name: /^Re-send [\d,]+ undelivered$/ }).click();
    await poll(() => page.getByTestId('run-state').innerText()).toBe('Done');
    expect(storedIndexes().sort((a, b) => a - b)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
  });
}, 90_000);
