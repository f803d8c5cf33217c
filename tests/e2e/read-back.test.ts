// End to end: a record sent from the UI is read back from its shard and shown decoded, with the
// verdict on its bytes.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { withApp } from '../helpers/e2e';

const payload = (page: Page) => page.getByLabel('Payload', { exact: true });
const storedData = (page: Page) => page.getByTestId('stored-data').innerText();
/** The stored record's own Hex button: a history entry's payload, shown decoded too, has one as well. */
const storedHex = (page: Page) =>
  page.getByRole('region', { name: 'Stored record' }).getByRole('button', { name: 'Hex', exact: true });
const verdict = (page: Page) => page.getByTestId('stored-verdict').innerText();

describe('read back, end to end', () => {
  test('a JSON record sent from the UI shows as stored: pretty JSON, arrival time, bytes match', async () => {
    await withApp('read-back', {}, async ({ page }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      await page.getByLabel('Partition key').fill('order-7');
      await page.getByLabel('Payload format').selectOption({ label: 'JSON' });
      await payload(page).fill('{"order":7,"items":["tea","milk"]}');
      await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);

      await page.getByRole('button', { name: 'Show stored record' }).click({ timeout: 15_000 });
      await expect.poll(() => verdict(page), { timeout: 15_000 }).toContain('Bytes match what was sent');
      expect(await storedData(page)).toBe(JSON.stringify({ order: 7, items: ['tea', 'milk'] }, null, 2));
      expect(await page.getByTestId('stored-arrived').innerText()).toMatch(/\d{2}:\d{2}/);

      await storedHex(page).click({ timeout: 15_000 });
      await expect.poll(() => storedData(page), { timeout: 15_000 }).toMatch(/^00000000 {2}7b 22 6f 72 64 65 72 22/);
    });
  });

  test('with "Verify every send" on, a send is read back and judged without a click', async () => {
    await withApp('verify-every-send', {}, async ({ page }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      // The box follows what main stored, so it ticks once the setting is saved.
      await page.getByLabel('Verify every send').click({ timeout: 15_000 });
      await expect.poll(() => page.getByLabel('Verify every send').isChecked()).toBe(true);
      await page.getByLabel('Partition key').fill('k-1', { timeout: 15_000 });
      await page.getByLabel('Payload format').selectOption({ label: 'Text' }, { timeout: 15_000 });
      await payload(page).fill('plain words', { timeout: 15_000 });
      await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => verdict(page), { timeout: 15_000 }).toContain('Bytes match what was sent');
      expect(await storedData(page)).toBe('plain words');
    });
  });

  test('an older send is read back from its history row, binary bytes and all', async () => {
    await withApp('read-back-history', {}, async ({ page }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      await page.getByLabel('Partition key').fill('first-key');
      await page.getByLabel('Payload format').selectOption({ label: 'Hex' });
      await payload(page).fill('00 ff 10 80');
      await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
      await page.getByLabel('Partition key').fill('second-key');
      await page.getByLabel('Payload format').selectOption({ label: 'Text' });
      await payload(page).fill('later words');
      await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
      const rows = page.getByTestId('history-row');
      await expect.poll(() => rows.filter({ hasText: 'first-key' }).count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => rows.filter({ hasText: 'second-key' }).count(), { timeout: 15_000 }).toBe(1);

      await rows.filter({ hasText: 'first-key' }).click({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Show stored record' }).click({ timeout: 15_000 });
      await expect.poll(() => verdict(page), { timeout: 15_000 }).toContain('Bytes match what was sent');
      await storedHex(page).click({ timeout: 15_000 });
      await expect.poll(() => storedData(page), { timeout: 15_000 }).toMatch(/^00000000 {2}00 ff 10 80\b/);
    });
  });
});
