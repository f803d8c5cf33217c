// The history panel's time filter, multi-select with export and compare, and retention settings,
// end to end: entries are seeded into the data folder through the history module before launch.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { HistoryEntry } from '../../electron/contract';
import { openHistory } from '../../electron/history';
import { historyEntry, SEEDED_PROFILE, sentOk } from '../helpers/history-entries';
import { withApp } from '../helpers/e2e';

function entry(key: string, time: Date, text = JSON.stringify({ key }), stream = 'orders'): HistoryEntry {
  return historyEntry({
    id: `seed-${key}`,
    time: time.toISOString(),
    profile: SEEDED_PROFILE,
    stream,
    partitionKey: key,
    text,
    result: sentOk({ sequenceNumber: `49${key.length}` }),
    latencyMs: 4,
  });
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A data folder whose history holds `entries`, oldest first as they were appended. */
async function seeded(entries: HistoryEntry[]): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-e2e-history-select-'));
  dirs.push(dataDir);
  const history = await openHistory({ dataDir });
  for (const e of entries) void history.append(e);
  await history.close();
  return dataDir;
}

const rows = (page: Page) => page.getByTestId('history-row');
const keysShown = async (page: Page) =>
  (await rows(page).locator('.history-key .mono').allInnerTexts()).map((k) => k.trim());
const row = (page: Page, key: string) =>
  rows(page).filter({ has: page.locator('.history-key .mono', { hasText: new RegExp(`^${key}$`) }) });
const exportedKeys = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as HistoryEntry).partitionKey);

describe('history panel: time range, selection, compare, retention', () => {
  test('the time filter narrows to recent windows and to a custom range; a reversed range says so and keeps the list', async () => {
    const now = Date.now();
    const ago = (ms: number) => new Date(now - ms);
    const dataDir = await seeded([
      entry('old-1', new Date(Date.UTC(2025, 0, 1, 12))),
      entry('old-2', new Date(Date.UTC(2025, 0, 2, 12))),
      entry('days-3', ago(3 * 86_400_000)),
      entry('hours-3', ago(3 * 3_600_000)),
      entry('recent-1', ago(10 * 60_000)),
      entry('recent-2', ago(5 * 60_000)),
    ]);
    await withApp('history-time-range', { dataDir }, async ({ page }) => {
      await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(6);
      const time = page.getByLabel('Filter by time');
      await time.selectOption({ label: 'Last hour' });
      await expect.poll(() => keysShown(page)).toEqual(['recent-2', 'recent-1']);
      await time.selectOption({ label: 'Last 24 hours' });
      await expect.poll(() => keysShown(page)).toEqual(['recent-2', 'recent-1', 'hours-3']);
      await time.selectOption({ label: 'Last 7 days' });
      await expect.poll(() => keysShown(page)).toEqual(['recent-2', 'recent-1', 'hours-3', 'days-3']);
      expect(await page.locator('#history-title .count').innerText()).toBe('4 / 6');

      await time.selectOption({ label: 'Custom…' });
      await page.getByLabel('Sent from').fill('2024-12-31T00:00');
      await page.getByLabel('Sent until').fill('2025-01-01T23:59');
      await expect.poll(() => keysShown(page)).toEqual(['old-1']);

      await page.getByLabel('Sent from').fill('2025-01-05T00:00');
      await expect(page.getByRole('alert').filter({ hasText: 'The start is after the end' }).isVisible()).resolves.toBe(
        true,
      );
      expect(await page.getByLabel('Sent from').getAttribute('aria-invalid')).toBe('true');
      await page.waitForTimeout(300);
      expect(await keysShown(page)).toEqual(['old-1']);

      await page.getByLabel('Sent until').fill('2025-01-06T00:00');
      await expect.poll(() => page.getByText('No entry matches the search and filters.').isVisible()).toBe(true);
      await page.getByLabel('Sent from').fill('');
      await expect.poll(() => keysShown(page)).toEqual(['old-2', 'old-1']);
      await time.selectOption({ label: 'Any time' });
      await expect.poll(() => rows(page).count()).toBe(6);
    });
  });

  test('Shift+click selects a range across rows never loaded, Ctrl+click toggles, export writes exactly the selection; Ctrl+A and Escape', async () => {
    const COUNT = 250;
    const base = Date.UTC(2025, 2, 1);
    const dataDir = await seeded(
      Array.from({ length: COUNT }, (_, i) =>
        entry(`k-${i}`, new Date(base + i * 1000), undefined, i % 2 ? 'clicks' : 'orders'),
      ),
    );
    const savePath = path.join(dataDir, 'selection.ndjson');
    await withApp('history-multi-select', { dataDir, savePath }, async ({ page }) => {
      await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await page.getByRole('listbox').getAttribute('aria-multiselectable')).toBe('true');
      const exportSelected = page.getByRole('button', { name: /^Export selected/ });
      expect(await exportSelected.isDisabled()).toBe(true);

      // Newest first: row 0 is k-249. Tick it, jump to the oldest with End, Shift+click that.
      await row(page, 'k-249').locator('.history-check').click();
      expect(await row(page, 'k-249').getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('End');
      await expect.poll(() => keysShown(page), { timeout: 15_000 }).toContain('k-0');
      await row(page, 'k-0').click({ modifiers: ['Shift'] });
      await expect.poll(() => exportSelected.innerText()).toBe(`Export selected (${COUNT})`);
      expect(await row(page, 'k-0').getAttribute('aria-selected')).toBe('true');

      // Ctrl+click takes two rows out again.
      await row(page, 'k-0').click({ modifiers: ['Control'] });
      await row(page, 'k-1').click({ modifiers: ['Control'] });
      expect(await row(page, 'k-1').getAttribute('aria-selected')).toBe('false');
      await expect.poll(() => exportSelected.innerText()).toBe(`Export selected (${COUNT - 2})`);

      await exportSelected.click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Exported' }).innerText())
        .toBe(`Exported: ${COUNT - 2} → ${savePath}`);
      const keys = await exportedKeys(savePath);
      expect(new Set(keys)).toEqual(new Set(Array.from({ length: COUNT - 2 }, (_, i) => `k-${i + 2}`)));
      expect(keys).toHaveLength(COUNT - 2);

      // Escape clears; Ctrl+A selects everything the filter lets through, loaded or not.
      await row(page, 'k-2').focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => exportSelected.isDisabled()).toBe(true);
      await page.getByLabel('Filter by stream').selectOption('clicks');
      await expect.poll(() => page.locator('#history-title .count').innerText()).toBe(`${COUNT / 2} / ${COUNT}`);
      await rows(page).first().focus();
      await page.keyboard.press('Control+a');
      await expect.poll(() => exportSelected.innerText()).toBe(`Export selected (${COUNT / 2})`);
      await exportSelected.click();
      await expect.poll(async () => (await exportedKeys(savePath)).length).toBe(COUNT / 2);
      expect((await exportedKeys(savePath)).every((k) => Number(k.slice(2)) % 2 === 1)).toBe(true);
    });
  });

  test('a click opens a row without ticking it; the tick box alone ticks; Enter opens, Space ticks', async () => {
    const dataDir = await seeded([
      entry('one', new Date(Date.UTC(2025, 4, 1, 10))),
      entry('two', new Date(Date.UTC(2025, 4, 1, 11))),
      entry('three', new Date(Date.UTC(2025, 4, 1, 12))),
    ]);
    await withApp('history-click-opens', { dataDir }, async ({ page }) => {
      await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(3);
      const ticked = () =>
        page.locator('[data-testid="history-row"][aria-selected="true"] .history-key .mono').allInnerTexts();
      const opened = () =>
        page.locator('[data-testid="history-row"][aria-current="true"] .history-key .mono').allInnerTexts();
      const exportSelected = page.getByRole('button', { name: /^Export selected/ });

      await row(page, 'two').click();
      await expect.poll(opened).toEqual(['two']);
      expect(await ticked()).toEqual([]);
      expect(await exportSelected.isDisabled()).toBe(true);

      await row(page, 'one').locator('.history-check').click();
      await expect.poll(ticked).toEqual(['one']);
      // Opening another row keeps what is ticked.
      await row(page, 'three').click();
      await expect.poll(opened).toEqual(['three']);
      expect(await ticked()).toEqual(['one']);

      await row(page, 'three').press(' ');
      await expect.poll(ticked).toEqual(['three', 'one']);
      expect(await opened()).toEqual(['three']);
      await row(page, 'two').press('Enter');
      await expect.poll(opened).toEqual(['two']);
      expect(await ticked()).toEqual(['three', 'one']);
    });
  });

  test('Compare shows two entries side by side with the differing payload lines marked', async () => {
    const older = '{\n  "event": "purchase",\n  "total": 10,\n  "currency": "EUR"\n}';
    const newer = '{\n  "event": "purchase",\n  "total": 12,\n  "currency": "EUR"\n}';
    const dataDir = await seeded([
      entry('first', new Date(Date.UTC(2025, 3, 1, 10)), older),
      entry('middle', new Date(Date.UTC(2025, 3, 1, 11))),
      entry('second', new Date(Date.UTC(2025, 3, 1, 12)), newer, 'clicks'),
    ]);
    await withApp('history-compare', { dataDir }, async ({ page }) => {
      await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(3);
      const compare = page.getByRole('button', { name: 'Compare' });
      await row(page, 'second').locator('.history-check').click();
      expect(await compare.isDisabled()).toBe(true);
      await row(page, 'first').click({ modifiers: ['Control'] });
      await compare.click();

      const dialog = page.getByRole('dialog', { name: 'Compare two entries' });
      await dialog.locator('.diff-line').first().waitFor();
      const fieldRow = (name: string) => dialog.getByRole('row', { name: new RegExp(`^${name}`) });
      expect(await fieldRow('Partition key').locator('td').allInnerTexts()).toEqual(['first', 'second']);
      expect(await fieldRow('StreamName').getAttribute('data-differs')).toBe('true');
      expect(await fieldRow('Result').getAttribute('data-differs')).toBeNull();
      expect((await dialog.locator('del').allInnerTexts()).map((t) => t.trim())).toEqual(['"total": 10,']);
      expect((await dialog.locator('ins').allInnerTexts()).map((t) => t.trim())).toEqual(['"total": 12,']);
      expect(await dialog.locator('[data-side="left"]').allInnerTexts()).toEqual(older.split('\n'));
      expect(await dialog.locator('[data-side="right"]').allInnerTexts()).toEqual(newer.split('\n'));
      expect(await dialog.getByRole('status').innerText()).toBe('1 line differs; it is highlighted.');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
    });
  });

  test('history settings: keeping the last N entries shrinks the list at once and is kept; bad numbers are refused', async () => {
    const dataDir = await seeded(
      Array.from({ length: 12 }, (_, i) => entry(`r-${i}`, new Date(Date.now() - (12 - i) * 60_000))),
    );
    await withApp('history-retention', { dataDir }, async ({ page, call }) => {
      await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(12);
      await page.getByRole('button', { name: 'History settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'History settings' });
      expect(await dialog.innerText()).toContain('deleted from the history file permanently');
      await dialog.getByLabel('Limit the number of entries').check();
      const count = dialog.getByLabel('Entries to keep');
      await count.fill('0');
      expect(await dialog.getByRole('button', { name: 'Save and apply' }).isDisabled()).toBe(true);
      expect(await dialog.innerText()).toContain('Enter a whole number from 1 to 10,000,000.');
      await count.fill('5');
      await dialog.getByRole('button', { name: 'Save and apply' }).click();
      await expect
        .poll(() => dialog.getByRole('status').innerText())
        .toMatch(/^Removed 7 entries; 5 kept\. History file: .+ → .+\.$/);
      await expect.poll(() => keysShown(page)).toEqual(['r-11', 'r-10', 'r-9', 'r-8', 'r-7']);
      const info = await call('getAppInfo', {});
      expect(info.ok && info.value.historyRetention).toEqual({ keepLast: 5, keepDays: null });

      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'History settings' }).click();
      expect(await dialog.getByLabel('Entries to keep').inputValue()).toBe('5');
      await dialog.getByRole('button', { name: 'Compact now' }).click();
      await expect.poll(() => dialog.getByRole('status').innerText()).toMatch(/^Removed 0 entries; 5 kept\./);
    });
  });
});
