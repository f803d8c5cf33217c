// End to end: a CEL filter in the tail view against the sandbox — records put, tailed, a filter
// typed: only the matching rows remain and the count is right; a compile error shows at once with
// its place; highlight keeps every row and marks the matching ones; the export holds exactly the
// matching records (the file read back); a saved filter applies again after the view is reopened.
// The filter bar passes the layout check at small and large windows, light and dark.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { sendTextRecords, withApp } from '../helpers/e2e';
import { checkLayout } from '../helpers/layout';

const previews = (page: Page) => page.getByTestId('tail-preview').allInnerTexts();

async function openTail(page: Page, from?: string) {
  await page.getByRole('button', { name: 'Tail stream' }).click({ timeout: 15_000 });
  const tail = page.getByRole('dialog', { name: 'Tail: example-stream' });
  await tail.waitFor({ timeout: 15_000 });
  if (from) await tail.getByLabel('Start from').selectOption({ label: from });
  await tail.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId('tail-state').innerText(), { timeout: 15_000 }).toBe('Following');
  return tail;
}

const records = [
  ...Array.from({ length: 8 }, (_, i) => ({
    key: `${i % 2 ? 'admin' : 'user'}-${i}`,
    text: JSON.stringify({ n: i, amount: i * 50 }),
  })),
  { key: 'user-log', text: 'ERROR: disk full' },
];
const FILTER = 'data.amount > 100 && key.startsWith("user-")';
const matching = records.filter(
  (r) => r.key.startsWith('user-') && r.text.startsWith('{') && JSON.parse(r.text).amount > 100,
);

describe('tail filter, end to end', () => {
  test('a typed filter keeps only matching rows with the count; export has exactly them; a saved filter applies again after reopening', async () => {
    const savePath = path.join(os.tmpdir(), `sc-tail-export-${crypto.randomUUID()}.ndjson`);
    await withApp('tail-filter', { savePath }, async (app) => {
      const { page } = app;
      await page.getByLabel('Partition key').waitFor({ timeout: 15_000 });
      let tail = await openTail(page);
      await sendTextRecords(app, records);
      await expect.poll(() => previews(page), { timeout: 15_000 }).toEqual(records.map((r) => r.text));

      const box = tail.getByLabel('Filter', { exact: true });
      await box.fill('data.amount >');
      await expect
        .poll(() => tail.locator('#tail-filter-message').innerText(), { timeout: 15_000 })
        .toMatch(/cannot be read at line 1, column 14: Unexpected token: EOF/);
      expect(await box.getAttribute('aria-invalid')).toBe('true');

      await box.fill(FILTER);
      await expect.poll(() => previews(page), { timeout: 15_000 }).toEqual(matching.map((r) => r.text));
      expect(matching.length).toBe(2);
      await expect.poll(() => page.getByTestId('tail-filter-count').innerText()).toBe('2 of 9 match');

      // Records arriving later are matched as they come.
      await sendTextRecords(app, [
        { key: 'user-late', text: '{"amount": 1000}' },
        { key: 'admin-late', text: '{"amount": 1000}' },
      ]);
      await expect
        .poll(() => previews(page), { timeout: 15_000 })
        .toEqual([...matching.map((r) => r.text), '{"amount": 1000}']);
      await expect.poll(() => page.getByTestId('tail-filter-count').innerText()).toBe('3 of 11 match');

      await tail.getByLabel('Filtered records').selectOption({ label: 'Highlight matching' });
      await expect.poll(async () => (await previews(page)).length).toBe(11);
      expect(await page.locator('.tail-row.tail-match [data-testid=tail-preview]').allInnerTexts()).toEqual([
        ...matching.map((r) => r.text),
        '{"amount": 1000}',
      ]);

      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        for (const size of [
          { width: 900, height: 600 },
          { width: 1920, height: 1080 },
        ]) {
          await page.setViewportSize(size);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          expect(await checkLayout(page, { label: 'tail filter', scope: '.tail-filter' })).toEqual([]);
        }
      }
      await page.setViewportSize({ width: 1280, height: 820 });

      await tail.getByRole('button', { name: 'Export matching as NDJSON…' }).click();
      await expect
        .poll(() => tail.getByRole('status').filter({ hasText: 'Exported' }).innerText())
        .toBe(`Exported 3 records → ${savePath}`);
      const lines = (await readFile(savePath, 'utf8'))
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { partitionKey: string; json: unknown; dataBase64: string; shardId: string });
      expect(lines.map((l) => [l.partitionKey, l.json])).toEqual([
        ...matching.map((r) => [r.key, JSON.parse(r.text)]),
        ['user-late', { amount: 1000 }],
      ]);
      expect(Buffer.from(lines[0].dataBase64, 'base64').toString()).toBe(matching[0].text);

      await tail.getByRole('button', { name: 'Save filter…' }).click();
      await tail.getByLabel('Filter name').fill('big users');
      await tail.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => tail.getByLabel('Saved filters').inputValue()).toBe('big users');

      await tail.getByRole('button', { name: 'Close' }).last().click({ timeout: 15_000 });
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

      tail = await openTail(page, 'The oldest kept (TRIM_HORIZON)');
      await expect.poll(async () => (await previews(page)).length, { timeout: 15_000 }).toBe(11);
      expect(await tail.getByLabel('Filter', { exact: true }).inputValue()).toBe('');
      await tail.getByLabel('Saved filters').selectOption({ label: 'big users' });
      expect(await tail.getByLabel('Filter', { exact: true }).inputValue()).toBe(FILTER);
      await expect
        .poll(() => previews(page), { timeout: 15_000 })
        .toEqual([...matching.map((r) => r.text), '{"amount": 1000}']);
      await expect.poll(() => page.getByTestId('tail-filter-count').innerText()).toBe('3 of 11 match');
    });
  });
});
