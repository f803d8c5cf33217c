// End to end: records are shown through main's decoders wherever they appear. A gzip'd JSON record
// sent from the composer shows decoded in read-back and in its history entry; in the tail, a
// gzip'd JSON record, a KPL aggregate and junk show their chains, user records and the reason a
// layer failed; a chain picked in the menu and pinned for the stream holds for every record of it,
// after the tail is reopened and after the app starts again.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { aggregate } from '../../electron/decode/kpl';
import type { LaunchedApp } from '../harness/launch';
import { sendToExampleStream, value, withApp } from '../helpers/e2e';
import { checkLayout } from '../helpers/layout';

// Sent as written: a 20-digit id, which a double would round.
const orderText = '{"order":7,"id":12345678901234567890,"items":["tea","milk"]}';
const orderPretty = '{\n  "order": 7,\n  "id": 12345678901234567890,\n  "items": [\n    "tea",\n    "milk"\n  ]\n}';
const gzipped = gzipSync(orderText).toString('base64');
const kpl = Buffer.from(
  aggregate([
    { partitionKey: 'user-1', explicitHashKey: null, data: gzipSync('{"n":1}') },
    { partitionKey: 'user-2', explicitHashKey: '42', data: new TextEncoder().encode('plain words') },
  ]),
).toString('base64');
// Gzip's magic bytes, then nothing gzip can read.
const junk = Buffer.from([0x1f, 0x8b, 0x08, 0x00, ...Array.from({ length: 24 }, (_, i) => (i * 37) & 0xff)]).toString(
  'base64',
);

const chips = (scope: Page | Locator) => scope.getByTestId('decode-chain').locator('.decode-chip').allInnerTexts();
const tailDialog = (page: Page) => page.getByRole('dialog', { name: 'Tail: example-stream' });
const details = (page: Page) => page.locator('.tail-details');

const sendRecords = (app: LaunchedApp, records: { key: string; base64: string }[]) =>
  sendToExampleStream(
    app,
    records.map(({ key, base64 }) => ({ key, payload: { mode: 'base64', text: base64 } })),
  );

async function openTailFromOldest(page: Page, records: number) {
  await page.getByRole('button', { name: 'Tail stream' }).click({ timeout: 15_000 });
  await tailDialog(page).waitFor({ timeout: 15_000 });
  await page.locator('#tail-from').selectOption('TRIM_HORIZON');
  await page.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId('tail-row').count(), { timeout: 20_000 }).toBe(records);
}

const pickRow = (page: Page, key: string) =>
  page.getByTestId('tail-row').filter({ hasText: key }).first().click({ timeout: 15_000 });

describe('decoded records, end to end', () => {
  test('read-back, history, tail: detected chains, KPL user records, a failed layer, a pinned chain that holds', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-decode-e2e-'));
    try {
      let profileId = '';
      await withApp('decode', { dataDir }, async (app) => {
        const { page } = app;
        // A gzip'd JSON record from the composer, as base64.
        await page.getByLabel('Partition key').fill('gz-json', { timeout: 15_000 });
        await page.getByLabel('Payload format').selectOption({ label: 'Base64' });
        await page.getByLabel('Payload', { exact: true }).fill(gzipped);
        await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
        await page.getByRole('button', { name: 'Show stored record' }).click({ timeout: 15_000 });
        const stored = page.getByRole('region', { name: 'Stored record' });
        await expect.poll(() => chips(stored), { timeout: 15_000 }).toEqual(['gzip', 'JSON']);
        expect(await stored.getByTestId('stored-data').innerText()).toBe(orderPretty);

        // Its history entry shows what was sent decoded too.
        await page.getByTestId('history-row').filter({ hasText: 'gz-json' }).click({ timeout: 15_000 });
        const history = page.locator('.history-details');
        await expect.poll(() => chips(history), { timeout: 15_000 }).toEqual(['gzip', 'JSON']);
        expect(await history.getByTestId('history-payload-data').innerText()).toBe(orderPretty);
        // JSON folds: the items array collapses to one line.
        await history.getByRole('button', { name: 'Collapse' }).nth(1).click();
        expect(await history.getByTestId('history-payload-data').innerText()).toContain('"items": [ … ]');

        profileId = await sendRecords(app, [
          { key: 'kpl-agg', base64: kpl },
          { key: 'junk-bytes', base64: junk },
        ]);
        await openTailFromOldest(page, 3);

        await pickRow(page, 'gz-json');
        await expect.poll(() => chips(details(page)), { timeout: 15_000 }).toEqual(['gzip', 'JSON']);
        expect(await details(page).getByTestId('stored-data').innerText()).toBe(orderPretty);

        await pickRow(page, 'kpl-agg');
        await expect.poll(() => chips(details(page)), { timeout: 15_000 }).toEqual(['KPL']);
        expect(await details(page).getByTestId('decode-parts-count').innerText()).toContain('2 user records');
        expect(await details(page).getByTestId('decode-part-label').allInnerTexts()).toEqual(['user-1', 'user-2']);
        expect(await details(page).getByTestId('decode-part-data').allInnerTexts()).toEqual([
          '{\n  "n": 1\n}',
          'plain words',
        ]);
        expect(await details(page).getByTestId('decode-part').first().locator('.decode-chip').allInnerTexts()).toEqual([
          'gzip',
          'JSON',
        ]);

        await pickRow(page, 'junk-bytes');
        await expect
          .poll(() => details(page).getByTestId('decode-problem').innerText(), { timeout: 15_000 })
          .toBe('The gzip layer does not fit these bytes; they are shown as they were before it.');
        expect(await details(page).getByTestId('stored-data').innerText()).toMatch(/^00000000 {2}1f 8b 08 00/);

        // Another chain for the gzip record: JSON out, text in; then pinned for the stream.
        await pickRow(page, 'gz-json');
        await expect.poll(() => chips(details(page)), { timeout: 15_000 }).toEqual(['gzip', 'JSON']);
        for (const theme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: theme });
          expect(await checkLayout(page, { label: `decoded record (${theme})`, scope: '.tail-details' })).toEqual([]);
        }
        await details(page).getByText('Change…').click();
        await details(page).getByRole('button', { name: 'Remove JSON' }).click();
        await details(page).getByRole('group', { name: 'Add a layer' }).getByRole('button', { name: 'text' }).click();
        expect(await checkLayout(page, { label: 'decode chain menu', scope: '.decode-menu-list' })).toEqual([]);
        await details(page).getByRole('button', { name: 'Apply' }).click();
        await expect.poll(() => chips(details(page)), { timeout: 15_000 }).toEqual(['gzip', 'text']);
        expect(await details(page).getByTestId('stored-data').innerText()).toBe(orderText);
        await details(page).getByRole('button', { name: 'Pin for this stream' }).click();
        await details(page).getByTestId('decode-pinned').waitFor({ timeout: 15_000 });

        // The pin is the stream's: the KPL record now goes through gzip first, and says it does not fit.
        await pickRow(page, 'kpl-agg');
        await expect
          .poll(() => details(page).getByTestId('decode-problem').innerText(), { timeout: 15_000 })
          .toContain('The gzip layer does not fit');

        // Reopened, the tail still decodes the stream through the pin.
        await tailDialog(page).getByRole('button', { name: 'Close', exact: true }).first().click();
        await openTailFromOldest(page, 3);
        await pickRow(page, 'gz-json');
        await expect.poll(() => chips(details(page)), { timeout: 15_000 }).toEqual(['gzip', 'text']);
        expect(await details(page).getByTestId('decode-pinned').isVisible()).toBe(true);
      });

      // The app started again on the same data folder keeps the pin; unpinning goes back to detection.
      await withApp('decode-restart', { dataDir }, async (app) => {
        const key = { profileId, streamName: 'example-stream' };
        expect(value(await app.call('getDecodePin', key))).toEqual({ layers: ['gzip', 'text'] });
        await sendRecords(app, [{ key: 'gz-again', base64: gzipped }]);
        await openTailFromOldest(app.page, 1);
        await pickRow(app.page, 'gz-again');
        await expect.poll(() => chips(details(app.page)), { timeout: 15_000 }).toEqual(['gzip', 'text']);
        await details(app.page).getByRole('button', { name: 'Unpin' }).click();
        await expect.poll(() => chips(details(app.page)), { timeout: 15_000 }).toEqual(['gzip', 'JSON']);
        expect(value(await app.call('getDecodePin', key))).toEqual({ layers: null });
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
