// Parts loaded on first use (renderer/ui/lazyPart.tsx), in the real renderer: while a part's file
// is on its way the place says it is loading; a file that cannot be loaded gives an error with
// Reload instead of a blank panel, and Reload brings the part back once the file can be fetched.
import type { BrowserContext, Page, Route } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { withApp } from '../helpers/e2e';

const BATCH_CHUNK = /\/assets\/BatchComposer-[\w-]+\.js$/;
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** Reload the page with the batch composer's file answered by `handler` (the first load fetched it already). */
async function reloadWithBatchChunk(page: Page, context: BrowserContext, handler: (route: Route) => unknown) {
  await context.route(BATCH_CHUNK, handler);
  await page.reload();
  await page.getByLabel('Partition key').waitFor({ timeout: 15_000 });
}

describe('parts loaded on first use', () => {
  test('the batch composer shows a loading note until its file arrives, then the composer', async () => {
    await withApp('lazy-loading-note', {}, async ({ page, context }) => {
      const held: Route[] = [];
      await reloadWithBatchChunk(page, context, (route) => void held.push(route));
      await page.getByRole('tab', { name: 'Batch & load' }).click();
      await poll(() => page.getByRole('status').filter({ hasText: 'Loading…' }).isVisible()).toBe(true);
      await expect.poll(() => held.length, { timeout: 15_000 }).toBeGreaterThan(0);
      for (const route of held) await route.continue();
      await poll(() => page.getByRole('tab', { name: 'Template' }).isVisible()).toBe(true);
      expect(await page.getByRole('status').filter({ hasText: 'Loading…' }).count()).toBe(0);
    });
  });

  test('a file that cannot be loaded shows an error with Reload, and Reload brings the part back', async () => {
    await withApp('lazy-load-failed', {}, async ({ page, context }) => {
      await reloadWithBatchChunk(page, context, (route) => route.abort());
      await page.getByRole('tab', { name: 'Batch & load' }).click();
      const failed = page.getByRole('alert').filter({ hasText: 'This part of the app could not be loaded' });
      await poll(() => failed.isVisible()).toBe(true);
      // The rest of the window still works: the tabs switch back to the single record.
      await page.getByRole('tab', { name: 'Single record' }).click();
      await poll(() => page.getByLabel('Partition key').isVisible()).toBe(true);
      await page.getByRole('tab', { name: 'Batch & load' }).click();
      await poll(() => failed.isVisible()).toBe(true);

      await context.unroute(BATCH_CHUNK);
      await failed.getByRole('button', { name: 'Reload' }).click();
      await page.getByLabel('Partition key').waitFor({ timeout: 15_000 });
      await page.getByRole('tab', { name: 'Batch & load' }).click();
      await poll(() => page.getByRole('tab', { name: 'Template' }).isVisible()).toBe(true);
      expect(await failed.count()).toBe(0);
    });
  });
});
