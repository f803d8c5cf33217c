// End to end: "Replay…" in the stream browser opens the replay dialog (laid out cleanly at every
// size and theme, in English and Russian), sends a small stream's records to another stream, and
// the run panel reports every record acknowledged; the target holds each record once.
import { describe, expect, test } from 'vitest';
import { createSandboxStream, sandboxEndpoint, value, withApp } from '../helpers/e2e';
import { readWholeStream, SANDBOX_TEST_KEYS } from '../helpers/kinesis-fixtures';
import { checkLayoutEverywhere } from '../helpers/layout';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ru = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../renderer/i18n/ru.json'), 'utf8')) as {
  replay: Record<string, string>;
};

describe('replay, end to end', () => {
  test('from the stream browser: a time window of one stream sent to another, every record once', async () => {
    await withApp('replay', { sandboxCredentials: SANDBOX_TEST_KEYS }, async (app) => {
      const { page } = app;
      await createSandboxStream(app, 'replay-e2e-src', 2);
      await createSandboxStream(app, 'replay-e2e-dst', 1);
      const sandbox = value(await app.call('listProfiles', {})).profiles.find((p) => p.kind === 'sandbox')!;
      const rows = Array.from({ length: 30 }, (_, i) => ({ partitionKey: `k-${i % 4}`, payload: `{"n": ${i}}` }));
      const started = value(
        await app.call('startRun', {
          profileId: sandbox.id,
          target: { type: 'name', streamName: 'replay-e2e-src' },
          source: { type: 'rows', rows },
          keys: { type: 'row' },
          payloadMode: 'json',
          plan: { ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 10 },
        }),
      );
      await expect
        .poll(async () => value(await app.call('getRun', { runId: started.runId })).report?.acknowledged, {
          timeout: 20_000,
        })
        .toBe(30);

      await page.getByRole('button', { name: 'Streams…' }).click({ timeout: 15_000 });
      const row = page.getByTestId('stream-row').filter({ hasText: 'replay-e2e-src' });
      await row.getByRole('button', { name: 'Replay records of replay-e2e-src' }).click({ timeout: 15_000 });
      const dialog = page.getByRole('dialog', { name: 'Replay replay-e2e-src' });
      await dialog.getByLabel('Target stream').fill('replay-e2e-dst', { timeout: 15_000 });

      expect(await checkLayoutEverywhere(page, { label: 'replay dialog (en)', scope: '.dialog-replay' })).toEqual([]);

      await page.getByRole('button', { name: 'Start replay' }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByRole('dialog').count(), { timeout: 15_000 }).toBe(0);
      await page.getByTestId('run-report').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('run-verdict').innerText()).toBe('All 30 records were acknowledged by the stream.');

      const stored = await readWholeStream(await sandboxEndpoint(app), 'replay-e2e-dst', SANDBOX_TEST_KEYS);
      expect(stored.map((s) => s.data).sort()).toEqual(rows.map((r) => r.payload).sort());
      // One target shard: per key, the source order.
      for (let k = 0; k < 4; k++) {
        const ns = stored
          .filter((s) => s.partitionKey === `k-${k}`)
          .map((s) => (JSON.parse(s.data) as { n: number }).n);
        expect(ns).toEqual([...ns].sort((a, b) => a - b));
      }

      // Its history entry: no transform and no payload format, since the bytes went as they were.
      const details = page.getByTestId('run-history-details');
      await page.getByTestId('history-row').first().click({ timeout: 15_000 });
      await expect.poll(() => details.innerText(), { timeout: 15_000 }).toMatch(/Replayed from\s+replay-e2e-src/);
      expect(await details.getByRole('region', { name: 'Transform' }).count()).toBe(0);
      expect(await details.innerText()).not.toMatch(/Payload format|record\.data/);

      // A replay through a transform shows it, and what it makes.
      const template = '{"copy": {{record.data}}, "was": "{{record.key}}"}';
      const transformed = value(
        await app.call('startReplay', {
          from: { profileId: sandbox.id, target: { type: 'name', streamName: 'replay-e2e-src' } },
          select: {
            type: 'window',
            from: new Date(Date.now() - 3_600_000).toISOString(),
            to: new Date().toISOString(),
          },
          profileId: sandbox.id,
          target: { type: 'name', streamName: 'replay-e2e-dst' },
          keys: { type: 'row' },
          transform: { template, mode: 'json' },
          plan: { ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 10 },
        }),
      );
      await expect
        .poll(async () => value(await app.call('getRun', { runId: transformed.runId })).report?.state, {
          timeout: 30_000,
        })
        .toBe('done');
      await expect.poll(() => page.getByTestId('history-row').count(), { timeout: 15_000 }).toBe(3);
      await page.getByTestId('history-row').first().click({ timeout: 15_000 });
      const shown = details.getByRole('region', { name: 'Transform' });
      await expect.poll(() => shown.innerText(), { timeout: 15_000 }).toBe(template);
      expect(await details.innerText()).toMatch(/Payload format\s+JSON/);
    });
  });

  test('the dialog in Russian, with a sequence-number range, is laid out cleanly', async () => {
    await withApp('replay-ru', { locale: 'ru-RU', sandboxCredentials: SANDBOX_TEST_KEYS }, async (app) => {
      const { page } = app;
      await createSandboxStream(app, 'replay-ru-src', 1);
      await page.getByRole('button', { name: 'Потоки…' }).click({ timeout: 15_000 });
      const row = page.getByTestId('stream-row').filter({ hasText: 'replay-ru-src' });
      await row
        .getByRole('button', { name: ru.replay.openNamed.replace('{{name}}', 'replay-ru-src') })
        .click({ timeout: 15_000 });
      const dialog = page.getByRole('dialog', { name: ru.replay.title.replace('{{name}}', 'replay-ru-src') });
      await dialog.getByLabel(ru.replay.source).selectOption('range', { timeout: 15_000 });
      await dialog.getByLabel(ru.replay.fromSeq).waitFor();
      expect(await checkLayoutEverywhere(page, { label: 'replay dialog (ru)', scope: '.dialog-replay' })).toEqual([]);
    });
  });
});
