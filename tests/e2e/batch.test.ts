// The batch composer and load runs end to end: the real renderer, the real handler table and the
// sandbox (kinesalite). Runs are checked against what the stream holds, read back with the SDK.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RunEvent } from '../../electron/contract';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LaunchedApp } from '../harness/launch';
import { readWholeStream, SANDBOX_TEST_KEYS } from '../helpers/kinesis-fixtures';
import { createSandboxStream, sandboxEndpoint, sharedApp, value } from '../helpers/e2e';

let dir: string;
// What the app's open and save dialogs answer: the file test writes the one, the cancel test reads the other.
const ndjsonPath = () => path.join(dir, 'events.ndjson');
const undeliveredPath = () => path.join(dir, 'undelivered.ndjson');
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-e2e-batch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// One app for the file: each test gets an empty history and only its own events; its streams have names of their own.
const inApp = sharedApp(
  () => ({ sandboxCredentials: SANDBOX_TEST_KEYS, openPath: ndjsonPath(), savePath: undeliveredPath() }),
  async (app) => void value(await app.call('clearHistory', {})),
);

/** Every record the stream holds, per shard, read with the key the app's sandbox was given. */
async function storedPerShard(app: LaunchedApp, streamName: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const r of await readWholeStream(await sandboxEndpoint(app), streamName, SANDBOX_TEST_KEYS))
    counts.set(r.shardId, (counts.get(r.shardId) ?? 0) + 1);
  return counts;
}

/** Waits for a value from the page to settle (vitest has no Playwright matchers). */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });

const number = (text: string) => Number(text.replace(/[^\d]/g, ''));

async function openBatch(page: Page, streamName?: string) {
  await page.getByLabel('Partition key').waitFor({ timeout: 15_000 });
  if (streamName) await page.getByLabel('Stream name').fill(streamName);
  await page.getByRole('tab', { name: 'Batch & load' }).click();
}

/** The report's acknowledged-per-shard bars, as shard → count ("#2" → "shardId-000000000002"). */
async function reportShards(page: Page): Promise<Map<string, number>> {
  const items = page.getByTestId('report-shards').locator('li');
  const out = new Map<string, number>();
  for (const item of await items.all()) {
    const id = await item.locator('.shard-bar-name').getAttribute('title');
    out.set(id!, number(await item.locator('.shard-bar-count').innerText()));
  }
  return out;
}

describe('batch composer and load runs', () => {
  test('a template run of 200 records shows progress, then a report matching what the stream stored, and a history entry', async () => {
    await inApp('batch-template-run', async (app) => {
      const { page } = app;
      await createSandboxStream(app, 'batch-run', 3);
      await openBatch(page, 'batch-run');
      await page.getByRole('tab', { name: 'Template' }).click();
      await expect
        .poll(() => page.getByTestId('batch-preview').locator('tbody tr').count(), { timeout: 15_000 })
        .toBe(10);
      // The spread covers the stream's three shards.
      await expect.poll(() => page.getByTestId('batch-spread').locator('li').count()).toBe(3);

      await page.getByLabel('Number of records').fill('200');
      await page.getByRole('radio', { name: 'Limit to' }).check();
      await page.getByLabel('Records per second').fill('100');
      await page.getByLabel('Payload template').press('Control+Enter');

      // Live progress while it runs (about 2 s at 100/s).
      await poll(() => page.getByTestId('run-state').innerText()).toBe('Running');
      await page.getByLabel('Acknowledged records').waitFor();
      await page.getByTestId('run-report').waitFor({ timeout: 20_000 });
      await poll(() => page.getByTestId('run-state').innerText()).toBe('Done');
      expect(await page.getByTestId('run-verdict').innerText()).toBe(
        'All 200 records were acknowledged by the stream.',
      );
      expect(number(await page.getByTestId('report-acknowledged').innerText())).toBe(200);
      expect(number(await page.getByTestId('report-not-sent').innerText())).toBe(0);

      const shown = await reportShards(page);
      expect([...shown.values()].reduce((a, b) => a + b, 0)).toBe(200);
      const stored = await storedPerShard(app, 'batch-run');
      expect(Object.fromEntries([...stored].filter(([, n]) => n > 0))).toEqual(Object.fromEntries(shown));

      // At most ~10 progress events a second reached the page.
      const runEvents = app.events.filter((e) => e.name === 'run');
      const span = (runEvents.at(-1)!.at - runEvents[0].at) / 1000;
      expect(runEvents.length).toBeLessThanOrEqual(Math.ceil(span * 10) + 2);

      // The run is one history entry, shown as a run, whose details carry its report.
      const row = page.getByTestId('history-run');
      await poll(() => row.innerText()).toBe('Run · 200 records');
      await page.getByRole('button', { name: 'Open in history' }).click();
      const details = page.getByTestId('run-history-details');
      await details.waitFor();
      expect(number(await details.getByTestId('report-acknowledged').innerText())).toBe(200);

      // Loaded back, the template and plan return to the batch composer.
      await page.getByLabel('Payload template').fill('{"changed": true}');
      await page.getByRole('tab', { name: 'Single record' }).click();
      await page.getByRole('button', { name: 'Load into composer' }).click();
      await poll(() => page.getByRole('tab', { name: 'Batch & load' }).getAttribute('aria-selected')).toBe('true');
      await poll(() => page.getByLabel('Payload template').inputValue()).toMatch(/\{\{uuid\}\}/);
      await poll(() => page.getByLabel('Number of records').inputValue()).toBe('200');
    });
  });

  test('pause at random moments: the page shows Paused and a Resume button, and Resume goes on sending; the plan and live figures say how the run sends', async () => {
    await inApp('batch-pause', async (app) => {
      const { page } = app;
      await createSandboxStream(app, 'batch-pause', 2);
      await openBatch(page, 'batch-pause');
      await page.getByRole('tab', { name: 'Template' }).click();
      await page.getByLabel('Number of records').fill('100000');
      await page.getByRole('radio', { name: 'Limit to' }).check();
      await page.getByLabel('Records per second').fill('500');
      // The plan says what becomes of a call without an answer.
      await poll(() => page.getByTestId('batch-unanswered-help').innerText()).toMatch(/^At least once: /);
      await page.getByRole('radio', { name: 'Never send it again' }).check();
      await poll(() => page.getByTestId('batch-unanswered-help').innerText()).toMatch(/^At most once: /);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await poll(() => page.getByTestId('run-state').innerText()).toBe('Running');
      // The live figures include throttled entries and the rate the run holds itself to.
      await poll(() => page.getByTestId('run-sendRateLimit').innerText()).toBe('500 records/s');
      await poll(() => page.getByTestId('run-throttled').innerText()).toBe('0');
      const acknowledged = async () => number(await page.getByTestId('run-acknowledged').innerText());
      for (let i = 0; i < 15; i++) {
        // A random moment between progress events.
        await new Promise((r) => setTimeout(r, Math.random() * 150));
        await page.getByRole('button', { name: 'Pause' }).click();
        await poll(() => page.getByTestId('run-state').innerText()).toBe('Paused');
        // The last event main sent says paused too, so the page stays there.
        await expect
          .poll(
            () => (app.events.filter((e) => e.name === 'run').at(-1)?.payload as RunEvent | undefined)?.progress.state,
            { timeout: 15_000 },
          )
          .toBe('paused');
        expect(await page.getByTestId('run-state').innerText()).toBe('Paused');
        const before = await acknowledged();
        await page.getByRole('button', { name: 'Resume' }).click();
        await poll(() => page.getByTestId('run-state').innerText()).toBe('Running');
        await poll(acknowledged).toBeGreaterThan(before);
      }
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await poll(() => page.getByTestId('run-state').innerText()).toBe('Cancelled');
      // Nothing went without an answer against the sandbox: no unknown and no possibly-stored-twice figure.
      await page.getByTestId('run-report').waitFor();
      expect(await page.getByTestId('report-unknown').count()).toBe(0);
      expect(await page.getByTestId('report-possible-duplicates').count()).toBe(0);
    });
  });

  test('rows with their own keys are sent with those keys unless another strategy is picked', async () => {
    await inApp('batch-own-keys', async (app) => {
      const { page } = app;
      await createSandboxStream(app, 'own-keys', 2);
      await openBatch(page, 'own-keys');
      // The first batch tab is the template; going to rows and back keeps the strategy following the source.
      await page.getByRole('tab', { name: 'Rows' }).click();
      await page.getByRole('tab', { name: 'Template' }).click();
      await page.getByRole('tab', { name: 'Rows' }).click();
      const strategy = page.locator('#batch-key-strategy');
      expect(await strategy.inputValue()).toBe('row');
      await page.getByLabel('Row 1 partition key').fill('alice');
      await page.getByLabel('Row 2 partition key').fill('bob');
      await page.getByRole('button', { name: 'Add row' }).click();
      await page.getByLabel('Row 3 partition key').fill('carol');
      await page.getByLabel('Row 3 payload').fill('{"user": 3}');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByTestId('run-report').waitFor({ timeout: 20_000 });
      await poll(() => page.getByTestId('run-state').innerText()).toBe('Done');
      const keys = async () =>
        (await readWholeStream(await sandboxEndpoint(app), 'own-keys', SANDBOX_TEST_KEYS)).map((r) => r.partitionKey);
      expect((await keys()).sort()).toEqual(['alice', 'bob', 'carol']);

      // A strategy the user picks wins over the rows' keys.
      await strategy.selectOption('fixed');
      await page.locator('#batch-key-fixed').fill('everyone');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await poll(async () => (await keys()).length).toBe(6);
      expect((await keys()).filter((k) => k === 'everyone')).toHaveLength(3);
      // Finished, history entry and all, before the next test clears the history.
      const done = async () =>
        value(await app.call('listHistory', {})).entries.filter((e) => e.run?.state === 'done').length;
      await poll(done).toBe(2);
    });
  });

  test('the rate chart labels its axes and its line fills the box at a low and at a high rate', async () => {
    await inApp('batch-rate-chart', async (app) => {
      const { page } = app;
      await createSandboxStream(app, 'chart', 2);
      await openBatch(page, 'chart');
      await page.getByRole('tab', { name: 'Template' }).click();
      await page.getByLabel('Number of records').fill('1000000');
      for (const rate of ['4', '']) {
        if (rate) {
          await page.getByRole('radio', { name: 'Limit to' }).check();
          await page.getByLabel('Records per second').fill(rate);
        } else await page.getByRole('radio', { name: 'As fast as possible' }).check();
        await page.getByRole('button', { name: 'Run', exact: true }).click();
        const chart = page.getByTestId('rate-chart');
        // Measured in one step, since the chart redraws every second: three whole seconds drawn, the
        // highest point near the top whatever the rate, and the line across the whole width.
        await expect
          .poll(
            () =>
              chart.evaluate((root) => {
                const box = root.querySelector('svg')?.getBoundingClientRect();
                const polyline = root.querySelector('polyline');
                const line = polyline?.getBoundingClientRect();
                const points = polyline?.getAttribute('points')?.trim().split(/\s+/).length ?? 0;
                if (!box || !line || points < 3) return { points, top: 0, width: 0 };
                return { points, top: (box.bottom - line.top) / box.height, width: line.width / box.width };
              }),
            { timeout: 30_000 },
          )
          .toSatisfy(({ top, width }) => top >= 0.9 && width >= 0.95);
        const axis = (await chart.locator('.rate-chart-y, .rate-chart-x').allInnerTexts()).join(' ');
        expect(axis).toContain('records/s');
        expect(axis).toContain('time since the start');
        expect(axis).toMatch(/\b0 s\b/);
        await page.getByRole('button', { name: 'Cancel run' }).click();
        await poll(() => page.getByTestId('run-state').innerText()).toBe('Cancelled');
      }
    });
  });

  test('a bad JSON row is reported by its row number; a template error by line and column', async () => {
    await inApp('batch-problems', async ({ page }) => {
      await openBatch(page);
      await page.getByRole('tab', { name: 'Rows' }).click();
      await page.getByRole('button', { name: 'Add row' }).click();
      // Rows are sent with their own keys: the new row needs one.
      await page.getByLabel('Row 3 partition key').fill('user-3');
      await page.getByLabel('Row 3 payload').fill('{"ok": 3}');
      await page.getByLabel('Row 2 payload').fill('{"broken": ');
      const problems = page.getByTestId('batch-problems');
      await poll(() => problems.innerText()).toContain('Row 2:');
      await poll(() => problems.innerText()).not.toContain('Row 1:');
      await poll(() => page.getByLabel('Row 2 payload').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Row 2 payload').fill('{"fixed": 2}');
      await problems.waitFor({ state: 'hidden' });

      await page.getByRole('tab', { name: 'Template' }).click();
      await page.getByLabel('Payload template').fill('{\n  "a": {{nope}}\n}');
      await poll(() => problems.innerText()).toContain('Template, line 2, column 10:');
      await poll(() => problems.innerText()).toContain("Unknown name 'nope'");
      // "Show" puts the cursor on the position.
      await problems.getByRole('button', { name: 'Show' }).click();
      expect(await page.getByLabel('Payload template').evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(
        11,
      );

      // The help panel's examples come from main's table and insert where the cursor is.
      const template = page.getByLabel('Payload template');
      await template.fill('{"a": }');
      await template.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(6, 6));
      await page.getByRole('button', { name: 'Template help' }).click();
      await page
        .getByRole('region', { name: 'Template expressions' })
        .getByRole('button', { name: '{{nowMs}}', exact: true })
        .click();
      await poll(() => template.inputValue()).toBe('{"a": {{nowMs}}}');
      await problems.waitFor({ state: 'hidden' });
    });
  });

  test('a file with bad lines, opened or dropped, lists them by line number and keeps the good ones', async () => {
    const ndjson = ndjsonPath();
    await writeFile(
      ndjson,
      [
        '{"user": {"id": "u1"}}',
        '{"user": {"id": "u2"}}',
        '{broken',
        '{"user": {"id": "u3"}}',
        'not json at all',
        '',
      ].join('\n'),
    );
    await inApp('batch-file', async ({ page, invoked }) => {
      await openBatch(page);
      await page.getByRole('tab', { name: 'File' }).click();
      await page.getByRole('button', { name: 'Open file…' }).click();
      const summary = page.getByTestId('batch-file-summary');
      await poll(() => summary.innerText()).toContain('events.ndjson');
      await poll(() => summary.innerText()).toContain('3 records');
      await poll(() => summary.innerText()).toContain('2 bad lines');
      const bad = page.getByRole('region', { name: 'Bad lines' });
      await poll(() => bad.locator('li').count()).toBe(2);
      await poll(() => bad.locator('li').first().innerText()).toContain('Line 3:');
      await poll(() => bad.locator('li').nth(1).innerText()).toContain('Line 5:');

      // Keys from a payload field: the preview shows the good records with their own ids.
      await page.getByLabel('Partition key').selectOption({ label: 'From a payload field' });
      await page.getByLabel('Field path').fill('user.id');
      const keys = page.getByTestId('batch-preview').locator('tbody tr td:nth-child(2)');
      await expect.poll(() => keys.allInnerTexts(), { timeout: 15_000 }).toEqual(['u1', 'u2', 'u3']);

      // Dropped: a CSV, read in the page and parsed by main.
      const csv = 'id,name,score\n1,Ann,10\n2,"Bob\n3,Cid,30\n';
      await page.getByTestId('batch-composer').evaluate((el, text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], 'scores.csv', { type: 'text/csv' }));
        el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }, csv);
      await poll(() => summary.innerText()).toContain('scores.csv');
      await poll(() => page.getByLabel('Read as').inputValue()).toBe('csv');
      await poll(() => page.getByLabel('Payload', { exact: true }).inputValue()).toBe('');
      await page.getByLabel('Payload', { exact: true }).selectOption('name');
      await poll(() => page.getByLabel('Payload', { exact: true }).inputValue()).toBe('name');

      // A file over the cap is refused in the page, before it is read: main never sees it.
      const loads = () => invoked.filter((op) => op === 'loadBatchText').length;
      const loadsBefore = loads();
      await page.getByTestId('batch-composer').evaluate((el) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(65 * 1024 * 1024)], 'huge.ndjson'));
        el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      });
      await poll(() => page.getByRole('alert').allInnerTexts()).toContainEqual(
        expect.stringContaining('“huge.ndjson” is 65 MiB; a batch file may be at most 64 MiB.'),
      );
      expect(loads()).toBe(loadsBefore);
      await poll(() => summary.innerText()).toContain('scores.csv');
    });
  });

  test('cancel mid-run reports what was acknowledged and what was not sent, matching the stream; the undelivered are exported and re-sent', async () => {
    const savePath = undeliveredPath();
    await inApp('batch-cancel', async (app) => {
      const { page } = app;
      await createSandboxStream(app, 'batch-cancel', 2);
      await openBatch(page, 'batch-cancel');
      await page.getByRole('tab', { name: 'Template' }).click();
      await page.getByLabel('Number of records').fill('1000');
      await page.getByRole('radio', { name: 'Limit to' }).check();
      await page.getByLabel('Records per second').fill('20');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect
        .poll(async () => number(await page.getByTestId('run-acknowledged').innerText()), { timeout: 15_000 })
        .toBeGreaterThan(10);
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await page.getByTestId('run-report').waitFor({ timeout: 15_000 });
      await poll(() => page.getByTestId('run-state').innerText()).toBe('Cancelled');

      const acknowledged = number(await page.getByTestId('report-acknowledged').innerText());
      const failed = number(await page.getByTestId('report-failed').innerText());
      const notSent = number(await page.getByTestId('report-not-sent').innerText());
      expect(acknowledged).toBeGreaterThan(10);
      expect(acknowledged).toBeLessThan(1000);
      expect(acknowledged + failed + notSent).toBe(1000);
      const stored = await storedPerShard(app, 'batch-cancel');
      expect([...stored.values()].reduce((a, b) => a + b, 0)).toBe(acknowledged);
      expect(await page.getByTestId('run-verdict').innerText()).toContain(`not delivered`);
      await poll(() => page.getByRole('button', { name: /^Re-send \d+ undelivered$/ }).isEnabled()).toBe(true);
      await poll(() => page.getByTestId('history-run').innerText()).toContain('Run · 1,000 records');
      await poll(() => page.getByTestId('history-run').innerText()).toContain('not sent');

      await page.getByRole('button', { name: 'Export undelivered (NDJSON)' }).click();
      await poll(
        async () => (await readFile(savePath, 'utf8').catch(() => '')).split('\n').filter(Boolean).length,
      ).toBe(failed + notSent);
      const exported = (await readFile(savePath, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { index: number });
      expect(new Set(exported.map((r) => r.index)).size).toBe(failed + notSent);

      // The re-send takes the composer's plan: as fast as possible now.
      await page.getByRole('radio', { name: 'As fast as possible' }).check();
      await page.getByRole('button', { name: /^Re-send \d+ undelivered$/ }).click();
      await poll(() => page.getByTestId('run-state').innerText()).toBe('Done');
      expect(number(await page.getByTestId('report-acknowledged').innerText())).toBe(failed + notSent);
      const after = await storedPerShard(app, 'batch-cancel');
      expect([...after.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    });
  });
});
