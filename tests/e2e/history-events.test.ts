// Main tells the window what changed in the history (`history` events), so entries that did not
// come from the window's own send — a send through the handler table from the test, a load run
// ending, a delete — show in the list without a reload. And a run's events reach only the
// listeners of that run.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { RunPlan } from '../../electron/contract';
import { value } from '../helpers/results';
import { withApp } from '../helpers/e2e';

const rows = (page: Page) => page.getByTestId('history-row');
const keysShown = async (page: Page) =>
  (await rows(page).locator('.history-key .mono').allInnerTexts()).map((k) => k.trim());

const plan: RunPlan = { ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 };
const rowsSource = {
  type: 'rows' as const,
  rows: ['a', 'b', 'c'].map((payload) => ({ partitionKey: `k-${payload}`, payload })),
};

describe('history events, end to end', () => {
  test('an entry added or removed outside the window shows in the list without a reload', async () => {
    await withApp('history-events', {}, async (app) => {
      const { page } = app;
      const sandbox = value(await app.call('listProfiles', {})).profiles.find((p) => p.kind === 'sandbox')!;
      await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(0);

      const sent = value(
        await app.call('sendRecord', {
          requestId: crypto.randomUUID(),
          profileId: sandbox.id,
          target: { type: 'name', streamName: 'example-stream' },
          partitionKey: 'from-outside',
          payload: { mode: 'text', text: 'hi' },
        }),
      );
      expect(sent.result.ok).toBe(true);
      await expect.poll(() => keysShown(page), { timeout: 15_000 }).toEqual(['from-outside']);
      expect(await page.locator('#history-title .count').innerText()).toBe('1');

      // A load run's entry appears when it starts and shows its end, with no send from the window.
      const started = value(
        await app.call('startRun', {
          profileId: sandbox.id,
          target: { type: 'name', streamName: 'example-stream' },
          source: rowsSource,
          keys: { type: 'row' },
          payloadMode: 'text',
          plan,
        }),
      );
      await expect
        .poll(() => page.getByTestId('history-run').allInnerTexts(), { timeout: 30_000 })
        .toEqual(['Run · 3 records']);
      await expect
        .poll(async () => value(await app.call('getRun', { runId: started.runId })).report?.state, { timeout: 30_000 })
        .toBe('done');

      await app.call('deleteHistoryEntry', { id: sent.historyId });
      await expect.poll(() => keysShown(page), { timeout: 15_000 }).toEqual([]);
      expect(await page.locator('#history-title .count').innerText()).toBe('1');
    });
  });

  test("a run's listener in the page gets only that run's events", async () => {
    await withApp('run-events-per-run', {}, async (app) => {
      const { page } = app;
      const sandbox = value(await app.call('listProfiles', {})).profiles.find((p) => p.kind === 'sandbox')!;
      const start = async () =>
        value(
          await app.call('startRun', {
            profileId: sandbox.id,
            target: { type: 'name', streamName: 'example-stream' },
            // Slow enough for both runs to be under way at once.
            source: {
              type: 'rows',
              rows: Array.from({ length: 100 }, (_, i) => ({ partitionKey: `k-${i}`, payload: `r-${i}` })),
            },
            keys: { type: 'row' },
            payloadMode: 'text',
            plan: { ...plan, ratePerSec: 50 },
          }),
        ).runId;
      const first = await start();
      await page.evaluate((runId) => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        window.composer!.on('run', runId, (e) => seen.push(e.report ? `${e.runId}:report` : e.runId));
      }, first);
      const second = await start();
      // Both runs talk: main emits for each, and the page hears only the first.
      await expect
        .poll(
          () => app.events.filter((e) => e.name === 'run' && (e.payload as { runId: string }).runId === second).length,
          { timeout: 30_000 },
        )
        .toBeGreaterThan(0);
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen), { timeout: 60_000 })
        .toContain(`${first}:report`);
      const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      expect(new Set(seen.map((s) => s.split(':')[0]))).toEqual(new Set([first]));
    });
  });
});
