// npm run screenshots: pictures of the real renderer (the harness: built renderer in Chromium,
// real handler table, a fresh data folder) in English and Russian, at a normal and a small window,
// light and dark (-dark).
// The README shows docs/screenshots/main-en.png.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchApp } from '../tests/harness/launch';
import { pickSetting } from '../tests/harness/settings';
import { shootThemes } from './shoot-themes';

const out = path.resolve(import.meta.dirname, '../docs/screenshots');
const YDS_PATH = '/ru-central1/b1gq90dgh25bebiu75o/etn7a9f8bh1mbc4q3l0p/orders';

const sizes = { normal: { width: 1280, height: 800 }, small: { width: 900, height: 600 } };

async function sendSamples(page: Page) {
  const key = page.getByLabel('Partition key');
  const payload = page.getByLabel('Payload', { exact: true });
  await payload.waitFor({ timeout: 15_000 });
  for (const [k, body] of [
    ['user-17', '{"event": "login", "user": 17}'],
    [
      'user-42',
      '{\n  "event": "purchase",\n  "user": 42,\n  "items": [{"sku": "A-100", "qty": 2}],\n  "total": 1999.5\n}',
    ],
  ]) {
    await key.fill(k);
    await payload.fill(body);
    await key.press('Control+Enter');
    await page.getByTestId('resp-shard').waitFor();
    await page.waitForTimeout(100);
  }
}

for (const locale of ['en-US', 'ru-RU']) {
  const lang = locale.slice(0, 2);
  for (const [sizeName, viewport] of Object.entries(sizes)) {
    const app = await launchApp({ locale, viewport });
    try {
      const { page } = app;
      // Labels are English in the selectors; switch the UI to the shot's language afterwards.
      await pickSetting(page, 'language', 'en');
      await sendSamples(page);
      await pickSetting(page, 'language', 'system');
      await page.waitForTimeout(200);
      const suffix = sizeName === 'normal' ? '' : '-small';
      await shootThemes(page, path.join(out, `main-${lang}${suffix}.png`));

      if (sizeName === 'normal') {
        // A YDS profile pointed at the sandbox with keys of its own, which the sandbox refuses
        // (it takes only its own key of this start): the error view with its hint.
        const sandbox = await app.call('getSandboxStatus', {});
        await app.call('saveProfile', {
          name: 'YDS rehearsal',
          kind: 'yds',
          endpoint: sandbox.ok ? (sandbox.value.endpoint ?? '') : '',
          region: '',
          ydsCloudId: 'b1gq90dgh25bebiu75o',
          ydsDatabaseId: 'etn7a9f8bh1mbc4q3l0p',
          credentials: {
            source: 'static',
            sharedProfile: '',
            accessKeyId: 'YCAJEscreenshotKey0000',
            secretAccessKey: 'screenshot-secret',
          },
          timeoutMs: 5000,
          maxAttempts: 1,
        });
        await page.reload();
        await pickSetting(page, 'language', 'en');
        await page
          .getByLabel('Connection', { exact: true })
          .selectOption({ label: 'YDS rehearsal — Yandex Data Streams' });
        await page.getByLabel('Paste full path').fill(YDS_PATH);
        await page.getByLabel('Paste full path').press('Enter');
        await page.getByLabel('Partition key').fill('order-1001');
        await page.getByRole('button', { name: 'Send', exact: true }).click();
        await page.getByTestId('resp-error-name').waitFor({ timeout: 15_000 });
        await pickSetting(page, 'language', 'system');
        await page.waitForTimeout(200);
        await shootThemes(page, path.join(out, `error-${lang}.png`));
        // The profile picker's first button is Edit, in either language.
        await page.locator('#profile-select ~ button').first().click();
        await page.locator('dialog[open]').waitFor();
        await shootThemes(page, path.join(out, `profile-${lang}.png`));
      }
    } finally {
      await app.close();
    }
  }
}
console.log(`screenshots written to ${out}`);
