// Pictures of the batch composer (template, preview, spread), a run in progress and a report with
// failures, in English and Russian, at 1280x800 and 900x600, light and dark (-dark). Part of
// `npm run screenshots`; written to docs/screenshots (or SHOTS_DIR).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchApp } from '../tests/harness/launch';
import { pickSetting } from '../tests/harness/settings';
import { shootThemes } from './shoot-themes';
import { startFakeKinesis } from '../tests/helpers/fake-kinesis';
import { customProfileInput } from '../tests/helpers/profiles';

const out = process.env.SHOTS_DIR ?? path.resolve(import.meta.dirname, '../docs/screenshots');
const sizes = { normal: { width: 1280, height: 800 }, small: { width: 900, height: 600 } };

async function toBatch(page: Page) {
  await page.getByLabel('Partition key').waitFor({ timeout: 15_000 });
  await page.getByRole('tab', { name: 'Batch & load' }).click();
}

for (const locale of ['en-US', 'ru-RU']) {
  const lang = locale.slice(0, 2);
  for (const [sizeName, viewport] of Object.entries(sizes)) {
    const app = await launchApp({ locale, viewport });
    try {
      const { page } = app;
      const suffix = sizeName === 'normal' ? '' : '-small';
      await pickSetting(page, 'language', 'en');
      await toBatch(page);
      await page.getByTestId('batch-spread').waitFor({ timeout: 15_000 });
      await pickSetting(page, 'language', 'system');
      await page.waitForTimeout(300);
      await shootThemes(page, path.join(out, `batch-${lang}${suffix}.png`));

      await pickSetting(page, 'language', 'en');
      await page.getByLabel('Number of records').fill('400');
      await page.getByRole('radio', { name: 'Limit to' }).check();
      await page.getByLabel('Records per second').fill('40');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await pickSetting(page, 'language', 'system');
      await page.waitForTimeout(3500);
      await page.getByTestId('batch-run').scrollIntoViewIfNeeded();
      await shootThemes(page, path.join(out, `run-${lang}${suffix}.png`));
      await pickSetting(page, 'language', 'en');
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await page.getByTestId('run-report').waitFor({ timeout: 15_000 });

      // Rows with one bad row: the problem by row number.
      await page.getByRole('tab', { name: 'Rows' }).click();
      await page.getByLabel('Row 2 payload').fill('{"broken": ');
      await page.getByTestId('batch-problems').waitFor();
      await pickSetting(page, 'language', 'system');
      await page.waitForTimeout(300);
      await page.getByTestId('run-report').scrollIntoViewIfNeeded();
      await shootThemes(page, path.join(out, `report-${lang}${suffix}.png`));
      await page.getByTestId('batch-problems').scrollIntoViewIfNeeded();
      await shootThemes(page, path.join(out, `rows-${lang}${suffix}.png`));

      // An endpoint failing some entries, one attempt per record: a report with failures.
      const fake = await startFakeKinesis({ streams: { orders: 4 }, internalFailureRate: 0.03, seed: 3 });
      try {
        await app.call(
          'saveProfile',
          customProfileInput('Flaky endpoint', fake.url, { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
        );
        await page.reload();
        await pickSetting(page, 'language', 'en');
        await page
          .getByLabel('Connection', { exact: true })
          .selectOption({ label: 'Flaky endpoint — Custom endpoint' });
        await page.getByLabel('Stream name').fill('orders');
        await toBatch(page);
        await page.getByLabel('Number of records').fill('2000');
        await page.getByLabel('Attempts per record').fill('1');
        await page.getByRole('button', { name: 'Run', exact: true }).click();
        await page.getByTestId('run-report').waitFor({ timeout: 30_000 });
        await pickSetting(page, 'language', 'system');
        await page.waitForTimeout(300);
        await shootThemes(page, path.join(out, `failures-${lang}${suffix}.png`));
      } finally {
        await fake.close();
      }
    } finally {
      await app.close();
    }
  }
}
console.log(`screenshots written to ${out}`);
