// End to end: assertions added in the composer are checked after a send to the sandbox, and the
// response panel shows the checklist: all held; then, with another expected value, the failed one
// with what the stored record holds. In Russian too, and the entry's results come back with it.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { withApp } from '../helpers/e2e';

type Words = {
  locale: string;
  payload: string;
  key: string;
  format: string;
  send: string;
  section: string;
  add: string;
  row: (n: number) => string;
  jsonField: string;
  path: string;
  expected: string;
  allHeld: string;
  holds: string;
  differs: string;
};

const WORDS: Words[] = [
  {
    locale: 'en-US',
    payload: 'Payload',
    key: 'Partition key',
    format: 'Payload format',
    send: 'Send',
    section: 'Assertions',
    add: 'Add assertion',
    row: (n) => `Assertion ${n}`,
    jsonField: 'JSON field',
    path: 'JSONPath',
    expected: 'Expected value',
    allHeld: 'all held',
    holds: '$.order is 7 (records checked: 1).',
    differs: '$.order is 7, expected 8 (record 0).',
  },
  {
    locale: 'ru-RU',
    payload: 'Данные',
    key: 'Ключ партиционирования',
    format: 'Формат данных',
    send: 'Отправить',
    section: 'Проверки',
    add: 'Добавить проверку',
    row: (n) => `Проверка ${n}`,
    jsonField: 'Поле JSON',
    path: 'JSONPath',
    expected: 'Ожидаемое значение',
    allHeld: 'все выполнены',
    holds: '$.order = 7 (проверена 1 запись).',
    differs: '$.order = 7, ожидалось 8 (запись 0).',
  },
];

const checklist = (page: Page) => page.getByTestId('assertion-checklist');
const statuses = (page: Page) =>
  checklist(page)
    .locator('[data-status]')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-status')));

describe('assertions, end to end', () => {
  test.each(WORDS)('$locale: added in the composer, checked after a send, passed then failed', async (w) => {
    await withApp(`assertions-${w.locale}`, { locale: w.locale }, async ({ page }) => {
      const payload = page.getByLabel(w.payload, { exact: true });
      await payload.waitFor({ timeout: 15_000 });
      await page.getByLabel(w.key, { exact: true }).fill('order-7');
      await page.getByLabel(w.format, { exact: true }).selectOption('json');
      await payload.fill('{"order":7,"items":["tea"]}');

      await page.getByTestId('assertions').locator('summary').click({ timeout: 15_000 });
      await page.getByRole('button', { name: w.add }).click({ timeout: 15_000 });
      await page.getByRole('button', { name: w.add }).click({ timeout: 15_000 });
      await page.getByLabel(w.row(2), { exact: true }).selectOption({ label: w.jsonField });
      await page.getByLabel(w.path, { exact: true }).fill('$.order');
      await page.getByLabel(w.expected, { exact: true }).fill('7');

      await page.getByRole('button', { name: w.send, exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => statuses(page), { timeout: 20_000 }).toEqual(['passed', 'passed']);
      expect(await checklist(page).innerText()).toContain(w.allHeld);
      expect(await checklist(page).innerText()).toContain(w.holds);

      await page.getByLabel(w.expected, { exact: true }).fill('8');
      await page.getByRole('button', { name: w.send, exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => statuses(page), { timeout: 20_000 }).toEqual(['passed', 'failed']);
      const failed = checklist(page).locator('[data-status="failed"]');
      expect(await failed.innerText()).toContain(w.differs);
      expect(await failed.locator('.assertion-mark').innerText()).toBe('✕');
    });
  });

  test('a history entry shows the results it kept; a saved request brings its assertions back', async () => {
    await withApp('assertions-kept', {}, async ({ page }) => {
      const payload = page.getByLabel('Payload', { exact: true });
      await payload.waitFor({ timeout: 15_000 });
      await page.getByLabel('Partition key', { exact: true }).fill('kept-1');
      await payload.fill('{"kept":1}');
      await page.getByTestId('assertions').locator('summary').click({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Add assertion' }).click({ timeout: 15_000 });
      await page.getByLabel('Assertion 1', { exact: true }).selectOption('readBackEqual');
      await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => statuses(page), { timeout: 20_000 }).toEqual(['passed']);

      // Saved with the request, then cleared from the composer, then back with the saved request.
      await page.getByLabel('Partition key', { exact: true }).press('Control+s');
      const dialog = page.getByRole('dialog', { name: 'Save request' });
      await dialog.getByLabel('Name').fill('with checks');
      await dialog.getByRole('button', { name: 'Save' }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByRole('button', { name: 'Collections (1)' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Remove assertion 1' }).click({ timeout: 15_000 });
      expect(await page.getByTestId('assertion-row').count()).toBe(0);

      // A reload starts a fresh session: only what main kept can show.
      await page.reload();
      await page.getByTestId('history-row').filter({ hasText: 'kept-1' }).click({ timeout: 20_000 });
      await expect.poll(() => statuses(page), { timeout: 15_000 }).toEqual(['passed']);

      await page.getByRole('button', { name: 'Collections (1)' }).click({ timeout: 15_000 });
      const item = page.getByRole('listitem', { name: 'with checks', exact: true });
      await item.getByRole('button', { name: 'Open' }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('assertion-row').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByLabel('Assertion 1', { exact: true }).inputValue()).toBe('readBackEqual');
    });
  });
});
