// End to end: records picked in the tail by hand are replayed. Ten records are tailed from the
// sandbox's example-stream (two shards); a Shift+click range and three Ctrl+clicks select six;
// Ctrl+A and Escape select all and clear; a filter hiding a selected row keeps it, counted as
// hidden; "Replay 6 selected records…" sends exactly those to another sandbox stream, read back
// with the admin client: the same records, each key's in arrival order. "Replay again…" on the
// replay's history entry opens the dialog filled as before and sends the same records again. The
// tail with a selection passes the layout check in English and Russian, light and dark.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createSandboxStream, sandboxEndpoint, sendTextRecords, withApp } from '../helpers/e2e';
import { readWholeStream, SANDBOX_TEST_KEYS } from '../helpers/kinesis-fixtures';
import { checkLayoutEverywhere } from '../helpers/layout';

const ru = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../renderer/i18n/ru.json'), 'utf8')) as {
  composer: { partitionKey: string };
  tail: { open: string; start: string; state: { running: string } };
};

/** Keys on each half of the hash range: example-stream's two shards split it in the middle. */
function keysOnBothShards(): [string, string] {
  const half = (key: string) => createHash('md5').update(key).digest()[0] >> 7;
  const candidates = Array.from({ length: 50 }, (_, i) => `user-${i}`);
  return [candidates.find((k) => half(k) === 0)!, candidates.find((k) => half(k) === 1)!];
}

const row = (page: Page, text: string) => page.getByTestId('tail-row').filter({ hasText: text });
const previews = (page: Page) => page.getByTestId('tail-preview').allInnerTexts();

describe('tail selection, end to end', () => {
  test('a Shift range and three Ctrl+clicks are replayed to another stream, exactly those; Replay again sends them again', async () => {
    await withApp(
      'tail-select',
      { sandboxCredentials: SANDBOX_TEST_KEYS, viewport: { width: 1920, height: 1080 } },
      async (app) => {
        const { page } = app;
        await createSandboxStream(app, 'tail-pick-dst', 1);
        const [left, right] = keysOnBothShards();
        const records = Array.from({ length: 10 }, (_, i) => ({ key: i % 2 ? right : left, text: `r${i}` }));

        await page.getByLabel('Partition key').waitFor({ timeout: 15_000 });
        await page.getByRole('button', { name: 'Tail stream' }).click({ timeout: 15_000 });
        const tail = page.getByRole('dialog', { name: 'Tail: example-stream' });
        await tail.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 15_000 });
        await expect.poll(() => page.getByTestId('tail-state').innerText(), { timeout: 15_000 }).toBe('Following');
        await sendTextRecords(app, records);
        await expect.poll(() => previews(page), { timeout: 15_000 }).toEqual(records.map((r) => r.text));

        // Ctrl+A selects every row shown; Escape clears the selection and leaves the view open.
        await row(page, 'r0').focus();
        await page.keyboard.press('Control+A');
        await expect.poll(() => page.getByTestId('tail-selection').innerText()).toContain('10 selected');
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByTestId('tail-selection').count()).toBe(0);
        expect(await tail.isVisible()).toBe(true);

        // A click opens a row without ticking it; Shift+click selects the range from it.
        await row(page, 'r1').click();
        expect(await row(page, 'r1').getAttribute('aria-selected')).toBe('false');
        await row(page, 'r3').click({ modifiers: ['Shift'] });
        for (const text of ['r5', 'r7', 'r9']) await row(page, text).click({ modifiers: ['Control'] });
        // Ctrl+click toggles: a second one takes the row out again, the tick box puts it back.
        await row(page, 'r7').click({ modifiers: ['Control'] });
        await row(page, 'r7').getByTestId('tail-check').click();
        const selected = ['r1', 'r2', 'r3', 'r5', 'r7', 'r9'];
        await expect
          .poll(() =>
            page.locator('[data-testid=tail-row][aria-selected=true] [data-testid=tail-preview]').allInnerTexts(),
          )
          .toEqual(selected);
        expect(await page.getByTestId('tail-selection').innerText()).toContain('6 selected');

        // A filter that hides a selected row keeps it selected, and says so.
        await tail.getByLabel('Filter', { exact: true }).fill('text != "r2"');
        await expect.poll(() => previews(page), { timeout: 15_000 }).not.toContain('r2');
        await expect
          .poll(() => page.getByTestId('tail-selection').innerText())
          .toContain('6 selected · 1 of them hidden by the filter');
        expect(
          await checkLayoutEverywhere(page, { label: 'tail with a selection (en)', scope: '.dialog-tail' }),
        ).toEqual([]);
        await page.setViewportSize({ width: 1920, height: 1080 });

        await tail.getByRole('button', { name: 'Replay 6 selected records…' }).click({ timeout: 15_000 });
        const dialog = page.getByRole('dialog', { name: 'Replay example-stream' });
        expect(await dialog.getByTestId('replay-picked').innerText()).toBe(
          'The 6 records selected in the tail, in arrival order; main reads them again from their shards.',
        );
        await dialog.getByLabel('Target stream').fill('tail-pick-dst', { timeout: 15_000 });
        await dialog.getByRole('button', { name: 'Start replay' }).click({ timeout: 15_000 });
        await page.getByTestId('run-report').waitFor({ timeout: 30_000 });
        expect(await page.getByTestId('run-verdict').innerText()).toBe(
          'All 6 records were acknowledged by the stream.',
        );

        const endpoint = await sandboxEndpoint(app);
        const expected = records.filter((r) => selected.includes(r.text));
        const perKey = (list: { key: string; text: string }[]) =>
          [left, right].map((k) => list.filter((r) => r.key === k).map((r) => r.text));
        const stored = async () =>
          (await readWholeStream(endpoint, 'tail-pick-dst', SANDBOX_TEST_KEYS)).map((s) => ({
            key: s.partitionKey,
            text: s.data,
          }));
        const first = await stored();
        expect(first.map((s) => s.text).sort()).toEqual(selected);
        // One target shard: each key's records in the order they arrived at the source.
        expect(perKey(first)).toEqual(perKey(expected));

        // The replay's history entry: Replay again opens the dialog as it was.
        await page.getByTestId('history-row').first().click({ timeout: 15_000 });
        await expect
          .poll(() => page.getByTestId('run-history-details').innerText(), { timeout: 15_000 })
          .toMatch(/Replayed from\s+example-stream: 6 picked records/);
        await page.getByRole('button', { name: 'Replay again…' }).click({ timeout: 15_000 });
        const again = page.getByRole('dialog', { name: 'Replay example-stream' });
        expect(await again.getByTestId('replay-picked').innerText()).toBe(
          'The 6 records the earlier replay picked; main reads them again from their shards.',
        );
        expect(await again.getByLabel('Target stream').inputValue()).toBe('tail-pick-dst');
        await again.getByRole('button', { name: 'Start replay' }).click({ timeout: 15_000 });
        await expect.poll(async () => (await stored()).length, { timeout: 30_000 }).toBe(2 * selected.length);
        const both = await stored();
        expect(both.map((s) => s.text).sort()).toEqual([...selected, ...selected].sort());
        expect(perKey(both.slice(selected.length))).toEqual(perKey(expected));
      },
    );
  });

  test('the tail with a selection in Russian is laid out cleanly', async () => {
    await withApp('tail-select-ru', { locale: 'ru-RU' }, async (app) => {
      const { page } = app;
      await page.getByLabel(ru.composer.partitionKey).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: ru.tail.open }).click({ timeout: 15_000 });
      await page.getByRole('button', { name: ru.tail.start, exact: true }).click({ timeout: 15_000 });
      await expect
        .poll(() => page.getByTestId('tail-state').innerText(), { timeout: 15_000 })
        .toBe(ru.tail.state.running);
      const records = Array.from({ length: 5 }, (_, i) => ({ key: `ключ-${i}`, text: `{"n": ${i}}` }));
      await sendTextRecords(app, records);
      await expect.poll(() => previews(page), { timeout: 15_000 }).toEqual(records.map((r) => r.text));
      await row(page, '"n": 1').click({ modifiers: ['Control'] });
      await row(page, '"n": 3').click({ modifiers: ['Shift'] });
      await expect.poll(() => page.getByTestId('tail-selection').innerText()).toContain('Выбрано 3');
      expect(await checkLayoutEverywhere(page, { label: 'tail with a selection (ru)', scope: '.dialog-tail' })).toEqual(
        [],
      );
    });
  });
});
