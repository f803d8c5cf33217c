// End to end: nothing the user left empty or pasted wrong is silently replaced or ignored. The YDS
// path helper says at once, on paste and on leaving the field, when its text is not a path (and
// takes one wrapped in quotes, spaces and a trailing slash); the profile editor shows the region a
// profile will use as a value, and a blank AWS region is refused at the field, not made us-east-1.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addProfile, sandboxEndpoint, withApp } from '../helpers/e2e';

const NOT_A_PATH = 'Not a YDS path: expected /ru-central1/<cloud or folder ID>/<database ID>/<stream>.';

/** A paste as the browser delivers it: a paste event carrying the text, at the field's caret. */
async function paste(page: Page, label: string, text: string) {
  await page.getByLabel(label).focus();
  await page.getByLabel(label).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

describe('no silent substitution, no silent ignore', () => {
  test('the YDS path helper: a wrong paste or a wrong text left behind is named at once; a quoted path with a trailing slash fills the fields', async () => {
    await withApp('yds-path-helper', {}, async (app) => {
      const { page } = app;
      await addProfile(app, {
        name: 'YDS rehearsal',
        kind: 'yds',
        endpoint: await sandboxEndpoint(app),
        credentials: {
          source: 'static',
          sharedProfile: '',
          accessKeyId: 'YCAJEexample0001',
          secretAccessKey: 'path-helper-secret',
        },
      });
      await page.reload();
      await page
        .getByLabel('Connection', { exact: true })
        .selectOption({ label: 'YDS rehearsal — Yandex Data Streams' }, { timeout: 15_000 });
      const helper = page.getByLabel('Paste full path');
      const cloud = page.getByLabel('Cloud / folder ID');

      await paste(page, 'Paste full path', 'orders');
      await expect.poll(() => page.locator('#yds-paste-message').innerText()).toBe(NOT_A_PATH);
      expect(await helper.getAttribute('aria-invalid')).toBe('true');
      // The text stays, to be fixed; nothing was filled from it.
      expect(await helper.inputValue()).toBe('orders');
      expect(await cloud.inputValue()).toBe('');

      await helper.fill('');
      await paste(page, 'Paste full path', '  “/ru-central1/b1gabcdefghijklmnopq/etnabcdefghijklmnopqrst/orders/ ”  ');
      await expect.poll(() => cloud.inputValue()).toBe('b1gabcdefghijklmnopq');
      expect(await page.getByLabel('Database ID').inputValue()).toBe('etnabcdefghijklmnopqrst');
      expect(await page.getByLabel('Stream', { exact: true }).inputValue()).toBe('orders');
      expect(await page.locator('#yds-paste-message').innerText()).toBe('Filled from the path.');
      expect(await helper.inputValue()).toBe('');

      // Typed (or pasted in pieces) and left: the check runs on leaving the field, not only on Enter.
      await helper.fill('/ru-central1/b1gother/etnother');
      await page.getByLabel('Partition key').focus();
      await expect.poll(() => page.locator('#yds-paste-message').innerText()).toBe(NOT_A_PATH);
      expect(await cloud.inputValue()).toBe('b1gabcdefghijklmnopq');
      await helper.fill("'/ru-central1/b1gother/etnother/clicks'");
      await page.getByLabel('Partition key').focus();
      await expect.poll(() => cloud.inputValue()).toBe('b1gother');
      expect(await page.getByLabel('Stream', { exact: true }).inputValue()).toBe('clicks');
    });
  });

  test('the profile editor: the region an AWS profile uses is in the field; cleared, it is refused at the field and nothing is saved', async () => {
    await withApp('aws-blank-region', {}, async ({ page }) => {
      await page.getByRole('button', { name: 'New…' }).click({ timeout: 15_000 });
      await page.getByLabel('Connection name').fill('AWS prod');
      await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'AWS Kinesis' });
      const region = page.getByLabel('Region', { exact: true });
      expect(await region.inputValue()).toBe('us-east-1');

      await region.fill('');
      await page.getByLabel('Access key ID').fill('AKIDBLANKREGION01');
      await page.getByLabel('Secret access key').fill('blank-region-secret');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => page.locator('#pf-region-message').innerText())
        .toBe(
          'This connection needs a region: a blank one would be replaced by a default that decides where requests go.',
        );
      expect(await region.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Connection', { exact: true }).locator('option').allInnerTexts()).not.toContain(
        'AWS prod — AWS Kinesis',
      );

      await region.fill('eu-west-1');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => page.getByLabel('Connection', { exact: true }).locator('option:checked').innerText())
        .toBe('AWS prod — AWS Kinesis');
    });
  });
});
