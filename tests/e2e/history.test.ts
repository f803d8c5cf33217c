// History at scale, end to end: 500 entries seeded into the data folder through the history module
// before launch; the list renders only about a screenful of rows, and search and filters narrow it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { HistoryEntry } from '../../electron/contract';
import { openHistory } from '../../electron/history';
import { historyEntry, secondOf2025, SEEDED_PROFILE, sendFailed, sentOk } from '../helpers/history-entries';
import { withApp } from '../helpers/e2e';

const COUNT = 500;

function entry(i: number): HistoryEntry {
  return historyEntry({
    id: `seed-${i}`,
    time: secondOf2025(i),
    profile: SEEDED_PROFILE,
    stream: i % 2 ? 'clicks' : 'orders',
    partitionKey: `user-${i}`,
    text: JSON.stringify({ n: i, note: i % 7 === 0 ? 'refund' : 'purchase' }),
    result: i % 10 === 3 ? sendFailed() : sentOk({ sequenceNumber: `49${i}` }),
    latencyMs: 4,
  });
}

async function seededDataDir(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-e2e-history-'));
  const history = await openHistory({ dataDir });
  for (let i = 0; i < COUNT; i++) void history.append(entry(i));
  await history.close();
  return dataDir;
}

const rows = (page: Page) => page.getByTestId('history-row');
const keysShown = async (page: Page) =>
  (await rows(page).locator('.history-key .mono').allInnerTexts()).map((k) => k.trim());

describe('history at scale, end to end', () => {
  test('500 entries: about a screenful of rows exist; search and filters narrow the list', async () => {
    const dataDir = await seededDataDir();
    try {
      await withApp('history-scale', { dataDir }, async ({ page }) => {
        await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);
        expect(await page.locator('#history-title .count').innerText()).toBe('500');
        expect(await rows(page).count()).toBeLessThanOrEqual(40);
        expect((await keysShown(page))[0]).toBe(`user-${COUNT - 1}`);

        // Keyboard: End moves to the oldest entry, which is fetched and rendered on the way.
        await rows(page).first().focus();
        await page.keyboard.press('End');
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-posinset')), { timeout: 15_000 })
          .toBe(String(COUNT));
        await expect.poll(() => keysShown(page)).toContain('user-0');
        expect(await rows(page).count()).toBeLessThanOrEqual(40);

        await page.getByLabel('Search history').fill('USER-42');
        const expected = [
          'user-429',
          'user-428',
          'user-427',
          'user-426',
          'user-425',
          'user-424',
          'user-423',
          'user-422',
          'user-421',
          'user-420',
          'user-42',
        ];
        await expect.poll(() => keysShown(page), { timeout: 15_000 }).toEqual(expected);
        expect(await page.locator('#history-title .count').innerText()).toBe('11 / 500');

        await page.getByLabel('Filter by result').selectOption({ label: 'Failed' });
        await expect.poll(() => keysShown(page)).toEqual(['user-423']);

        await page.getByLabel('Search history').fill('refund');
        await page.getByLabel('Filter by result').selectOption({ label: 'Any result' });
        await page.getByLabel('Filter by stream').selectOption('orders');
        const refundsInOrders = Array.from({ length: COUNT }, (_, i) => i)
          .filter((i) => i % 7 === 0 && i % 2 === 0)
          .reverse();
        await expect
          .poll(() => page.locator('#history-title .count').innerText())
          .toBe(`${refundsInOrders.length} / 500`);
        expect((await keysShown(page)).slice(0, 3)).toEqual(refundsInOrders.slice(0, 3).map((i) => `user-${i}`));
        expect(await rows(page).count()).toBeLessThanOrEqual(40);
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
