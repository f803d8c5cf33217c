// The panels' layout, end to end, where the layout test (layout.test.ts) finds only that something
// is wrong: a failed history row to a long YDS path keeps its badge, latency and error whole; the
// read-back sequence number stays in its panel; the tail opened from the composer leaves the form,
// the tail and the history in view (or folds the history to a tab that counts what is new).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { openHistory } from '../../electron/history';
import { withApp } from '../helpers/e2e';
import { pickSetting } from '../harness/settings';
import { historyEntry, SEEDED_PROFILE, sendFailed } from '../helpers/history-entries';

const YDS_PATH = '/ru-central1/b1gq90dgh25bebiu75o8/etnuogblap3e7dok6tf5/orders-events-production-eu';
const ERROR_NAME = 'ProvisionedThroughputExceededException';

/**
 * What keeps `el` from being seen whole: its text cut (wider than its box), its box reaching out of
 * `within`, or another element lying over its centre. An empty list when nothing does.
 */
/** What keeps `el` from being seen whole inside `within`, both measured in the same frame. */
async function hidden(el: Locator, within: Locator): Promise<string[]> {
  const outer = await within.elementHandle();
  return el.evaluate((node, container) => {
    const box = container?.getBoundingClientRect();
    const r = node.getBoundingClientRect();
    const problems: string[] = [];
    if (node.scrollWidth > node.clientWidth + 1) problems.push(`cut: ${node.scrollWidth} > ${node.clientWidth}`);
    if (!box || r.left < box.x - 1 || r.right > box.x + box.width + 1 || r.bottom > box.y + box.height + 1)
      problems.push(`outside its panel: ${JSON.stringify(r)} vs ${JSON.stringify(box)}`);
    if (r.bottom > innerHeight || r.right > innerWidth) problems.push('outside the window');
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10));
    if (!hit || !(hit === node || node.contains(hit)))
      problems.push(`covered by ${hit?.tagName.toLowerCase()}.${hit?.className}`);
    return problems.map((p) => `${node.textContent?.trim().slice(0, 40)}: ${p}`);
  }, outer);
}

async function seededDataDir(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-e2e-panels-'));
  const history = await openHistory({ dataDir });
  void history.append(
    historyEntry({
      id: 'failed-long-path',
      profile: SEEDED_PROFILE,
      stream: YDS_PATH,
      partitionKey: 'customer-42-eu-west-with-a-long-key',
      result: sendFailed({ name: ERROR_NAME }),
      latencyMs: 1234,
    }),
  );
  await history.close();
  return dataDir;
}

const rows = (page: Page) => page.getByTestId('history-row');

describe('panels at every window size, end to end', () => {
  test('a failed history row to a long YDS path shows its badge, latency and error whole, in English and Russian', async () => {
    const dataDir = await seededDataDir();
    try {
      // Opened small: the history's filters start folded there, as they do for a user.
      await withApp('panels-history-row', { dataDir, viewport: { width: 900, height: 600 } }, async ({ page }) => {
        const row = rows(page).first();
        await row.waitFor({ timeout: 15_000 });
        for (const [lang, failed, ms] of [
          ['en', 'Failed', '1,234 ms'],
          ['ru', 'Ошибка', '1 234 мс'],
        ]) {
          await pickSetting(page, 'language', lang);
          await expect.poll(() => row.locator('.status-badge').innerText()).toContain(failed);
          for (const size of [
            { width: 900, height: 600 },
            { width: 1280, height: 800 },
            { width: 1366, height: 768 },
            { width: 1920, height: 1080 },
          ]) {
            await page.setViewportSize(size);
            const at = `${lang} ${size.width}x${size.height}`;
            const badge = row.locator('.status-badge');
            const latency = row.locator('.history-latency');
            const error = row.locator('.history-detail');
            expect([at, (await badge.innerText()).replace(/\s+/g, ' ')]).toEqual([at, `✕ ${failed}`]);
            expect([at, (await latency.innerText()).replace(/\s/g, ' ')]).toEqual([at, ms]);
            expect([at, await error.innerText()]).toEqual([at, ERROR_NAME]);
            await row.scrollIntoViewIfNeeded();
            for (const part of [badge, latency, error])
              await expect.poll(async () => [at, await hidden(part, row)], { timeout: 15_000 }).toEqual([at, []]);
            // The path gives way instead, and says itself whole in its tooltip.
            expect(await row.locator('.history-stream').getAttribute('title')).toBe(YDS_PATH);
          }
        }
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('the read-back sequence number stays inside the response panel and can be copied', async () => {
    await withApp('panels-read-back', { viewport: { width: 1280, height: 800 } }, async ({ page }) => {
      await page.getByLabel('Partition key').fill('order-7', { timeout: 15_000 });
      await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
      await page.getByRole('button', { name: 'Show stored record' }).click({ timeout: 15_000 });
      const sequence = page.getByTestId('stored-sequence');
      await expect.poll(() => sequence.innerText(), { timeout: 15_000 }).toMatch(/^\d{40,}$/);
      const sent = await page.getByTestId('resp-seq').innerText();
      expect((await sequence.innerText()).replace(/\s/g, '')).toBe(sent.replace(/\s/g, ''));
      for (const size of [
        { width: 900, height: 600 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(size);
        await sequence.scrollIntoViewIfNeeded();
        await expect.poll(() => hidden(sequence, page.locator('.response-panel')), { timeout: 15_000 }).toEqual([]);
      }
      const copy = page.getByRole('button', { name: 'Copy Sequence number' }).last();
      await copy.scrollIntoViewIfNeeded();
      expect(await hidden(copy, page.locator('.response-panel'))).toEqual([]);
    });
  });

  test('the tail opened from the composer leaves the form, the tail and the history in view; in a small window the history folds to a tab counting new entries', async () => {
    await withApp('panels-tail-docked', { viewport: { width: 900, height: 600 } }, async ({ page }) => {
      const key = page.getByLabel('Partition key');
      const send = page.getByRole('button', { name: 'Send', exact: true });
      const sendOne = async (k: string, count: number) => {
        await key.fill(k);
        await send.click({ timeout: 15_000 });
        await expect.poll(() => page.getByTestId('tail-row').count(), { timeout: 15_000 }).toBe(count);
      };
      await key.waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Tail stream' }).click({ timeout: 15_000 });
      const tail = page.getByRole('dialog', { name: 'Tail: example-stream' });
      await tail.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('tail-state').innerText(), { timeout: 15_000 }).toBe('Following');
      await sendOne('first', 1);

      const inView = async () => [
        ...(await hidden(key, page.locator('.composer-panel'))),
        ...(await hidden(send, page.locator('.composer-panel'))),
        ...(await hidden(tail.getByRole('button', { name: 'Pause' }), tail)),
        ...(await hidden(page.getByTestId('tail-row').first(), tail)),
        ...(await hidden(rows(page).first(), page.locator('.history-panel'))),
      ];
      for (const size of [
        { width: 1280, height: 800 },
        { width: 1366, height: 768 },
        { width: 1920, height: 1080 },
      ]) {
        await page.setViewportSize(size);
        await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(1);
        await expect.poll(async () => [size.width, await inView()], { timeout: 15_000 }).toEqual([size.width, []]);
        expect(await page.getByTestId('fold-tab-history').count()).toBe(0);
      }

      // 900 wide: the response stays in front, the history behind a tab that counts what is new.
      await page.setViewportSize({ width: 900, height: 600 });
      const historyTab = page.getByTestId('fold-tab-history');
      await expect.poll(() => historyTab.innerText()).toBe('History');
      expect(await page.locator('.history-panel').isVisible()).toBe(false);
      await sendOne('second', 2);
      await sendOne('third', 3);
      await expect.poll(() => historyTab.innerText(), { timeout: 15_000 }).toBe('History · 2 new');
      expect(await hidden(historyTab, page.locator('.workspace'))).toEqual([]);
      await historyTab.click();
      await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(3);
      expect(await historyTab.innerText()).toBe('History');
      expect([
        ...(await hidden(key, page.locator('.composer-panel'))),
        ...(await hidden(send, page.locator('.composer-panel'))),
        ...(await hidden(tail.getByRole('button', { name: 'Pause' }), tail)),
        ...(await hidden(rows(page).first(), page.locator('.history-panel'))),
      ]).toEqual([]);

      // A short laptop window: the tail's share grows, so its three records are all in view.
      await page.setViewportSize({ width: 1280, height: 720 });
      // The panels settle a frame after the resize, so the check waits for them.
      for (const n of [0, 1, 2])
        await expect.poll(() => hidden(page.getByTestId('tail-row').nth(n), tail), { timeout: 15_000 }).toEqual([]);

      // Closing the tail gives the panels their places back.
      await tail.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => historyTab.count()).toBe(0);
      expect(await page.locator('.response-panel').isVisible()).toBe(true);
      expect(await page.locator('.history-panel').isVisible()).toBe(true);
    });
  });
});
