// The top bar in a small window: at 900×600 it keeps to two rows at most, in English and in Russian
// (the longest labels), and to one from a laptop's width; the language and theme sit in a settings menu that
// the keyboard opens, goes through and closes.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { withApp } from '../helpers/e2e';

/** How many rows the top bar's items take: an item starting below the current row's bottom starts a new one. */
const rowsOf = (page: Page) =>
  page.locator('.topbar').evaluate((bar) => {
    const boxes = [...bar.children]
      .map((item) => item.getBoundingClientRect())
      .filter((box) => box.width > 0)
      .sort((a, b) => a.top - b.top);
    let rows = 0;
    let bottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= bottom - 1) rows++;
      bottom = box.top >= bottom - 1 ? box.bottom : Math.max(bottom, box.bottom);
    }
    return rows;
  });

describe('the top bar', () => {
  for (const { locale, partitionKey, menu, oneRowFrom } of [
    // One row from a common laptop width: 1280 px in English, 1366 px in Russian's longer words.
    { locale: 'en-US', partitionKey: 'Partition key', menu: 'Language and theme', oneRowFrom: 1280 },
    { locale: 'ru-RU', partitionKey: 'Ключ партиционирования', menu: 'Язык и тема', oneRowFrom: 1366 },
  ])
    test(`fits two rows at 900 px and one from ${oneRowFrom} px; its settings menu works from the keyboard (${locale})`, async () => {
      await withApp(`topbar-${locale}`, { locale, viewport: { width: 900, height: 600 } }, async ({ page }) => {
        await page.getByLabel(partitionKey).waitFor({ timeout: 15_000 });
        expect(await rowsOf(page)).toBeLessThanOrEqual(2);
        for (const width of [oneRowFrom, 1920]) {
          await page.setViewportSize({ width, height: 800 });
          await expect.poll(() => rowsOf(page)).toBe(1);
        }
        await page.setViewportSize({ width: 900, height: 600 });

        const summary = page.locator('.settings-menu > summary');
        expect(await summary.innerText()).toBe(menu);
        const language = page.locator('#language-select');
        expect(await language.isVisible()).toBe(false);
        await summary.focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => language.isVisible()).toBe(true);
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('language-select');
        await page.keyboard.press('Escape');
        await expect.poll(() => language.isVisible()).toBe(false);
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');

        // A click elsewhere closes it too.
        await summary.click();
        await expect.poll(() => language.isVisible()).toBe(true);
        await page.getByLabel(partitionKey).click();
        await expect.poll(() => language.isVisible()).toBe(false);
      });
    });
});
