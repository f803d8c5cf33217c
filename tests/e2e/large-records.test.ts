// End to end: a record over 1 MiB from the composer. On a sandbox stream raised to 10 MiB the size
// meter shows the stream's own limit and the record is sent and stored; on a 1 MiB stream it is
// refused before sending, saying how to raise the stream. The connection editor's probe lists
// what the sandbox supports, in English and Russian, and passes the layout check.
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-kinesis';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { sdkClient, SANDBOX_TEST_KEYS } from '../helpers/kinesis-fixtures';
import { checkLayout } from '../helpers/layout';
import { sandboxEndpoint, withApp } from '../helpers/e2e';

const MiB = 1024 * 1024;
const payload = (page: Page) => page.getByLabel('Payload', { exact: true });
const send = (page: Page) => page.getByRole('button', { name: 'Send', exact: true });

describe('large records, end to end', () => {
  test('a 2 MiB record: sent to a stream raised to 10 MiB, refused on a 1 MiB one', async () => {
    await withApp('large-record', { sandboxCredentials: SANDBOX_TEST_KEYS }, async (app) => {
      const { page } = app;
      await payload(page).waitFor({ timeout: 15_000 });
      const client = sdkClient(await sandboxEndpoint(app), SANDBOX_TEST_KEYS);
      try {
        await client.send(new CreateStreamCommand({ StreamName: 'large', ShardCount: 1, MaxRecordSizeInKiB: 10240 }));
        await page.getByLabel('Stream name', { exact: true }).fill('large');
        await page.getByLabel('Partition key').fill('k');
        await page.getByLabel('Payload format').selectOption({ label: 'Text' });
        await payload(page).fill('z'.repeat(2 * MiB));
        await expect
          .poll(() => page.locator('.size-text').innerText(), { timeout: 20_000 })
          .toMatch(/2,097,153 \/ 10,485,760 bytes \(key \+ data, stream limit 10 MiB\)/);
        await send(page).click();
        await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 30_000 }).toMatch(/^shardId-/);
        const iterator = await client.send(
          new GetShardIteratorCommand({
            StreamName: 'large',
            ShardId: 'shardId-000000000000',
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        const got = await client.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
        expect(got.Records?.map((r) => r.Data?.length)).toEqual([2 * MiB]);

        await page.getByLabel('Stream name', { exact: true }).fill('example-stream');
        await expect
          .poll(() => page.locator('.size-text').innerText(), { timeout: 20_000 })
          .toMatch(/2,097,153 \/ 1,048,576 bytes \(key \+ data, stream limit 1 MiB\)/);
        await send(page).click();
        await expect
          .poll(() => page.locator('body').innerText(), { timeout: 15_000 })
          .toMatch(/Or raise the stream's maximum record size \(UpdateMaxRecordSize/);
      } finally {
        client.destroy();
      }
    });
  });

  // The meter names the limit it shows: the stream's own when the stream said it, else the family's.
  for (const [locale, streamLabel, own, family] of [
    [
      'en-US',
      'Stream name',
      /\/ 4,194,304 bytes \(key \+ data, stream limit 4 MiB\)/,
      /\/ 1,048,576 bytes \(key \+ data, YDS limit\)/,
    ],
    [
      'ru-RU',
      'Имя потока',
      /4\s194\s304 байт \(ключ \+ данные, лимит потока 4 МиБ\)/,
      /1\s048\s576 байт \(ключ \+ данные, лимит YDS\)/,
    ],
  ] as const) {
    test(`the size meter says whose limit it shows (${locale})`, async () => {
      await withApp(
        `size-meter-${locale}`,
        { locale, sandboxCredentials: SANDBOX_TEST_KEYS, viewport: { width: 900, height: 600 } },
        async (app) => {
          const { page } = app;
          const meter = page.locator('.size-text');
          await meter.waitFor({ timeout: 15_000 });
          const client = sdkClient(await sandboxEndpoint(app), SANDBOX_TEST_KEYS);
          try {
            await client.send(new CreateStreamCommand({ StreamName: 'four', ShardCount: 1, MaxRecordSizeInKiB: 4096 }));
          } finally {
            client.destroy();
          }
          const stream = page.getByLabel(streamLabel, { exact: true });
          await stream.fill('four');
          await expect.poll(() => meter.innerText(), { timeout: 20_000 }).toMatch(own);
          // A YDS path: YDS streams do not say, and take 1 MiB.
          await stream.fill('/ru-central1/b1gaaaaaaaaaaaaaaaaa/etnbbbbbbbbbbbbbbbbbbbb/four');
          await expect.poll(() => meter.innerText(), { timeout: 20_000 }).toMatch(family);
          expect(await checkLayout(page, { label: `size meter (${locale})` })).toEqual([]);
        },
      );
    });
  }

  // New stream… raises a stream to large records; on a YDS path the size stays 1 MiB, saying why.
  for (const [locale, open, title, name, size, create, ownLimit, ydsReason] of [
    [
      'en-US',
      'New stream…',
      'New sandbox stream',
      'Stream name',
      'Maximum record size',
      'Create',
      'stream limit 4 MiB',
      'Yandex Data Streams takes records of at most 1 MiB.',
    ],
    [
      'ru-RU',
      'Новый поток…',
      'Новый поток в песочнице',
      'Имя потока',
      'Максимальный размер записи',
      'Создать',
      'лимит потока 4 МиБ',
      'Yandex Data Streams принимает записи не больше 1 МиБ.',
    ],
  ] as const) {
    test(`New stream… makes a stream with a 4 MiB maximum record size (${locale})`, async () => {
      await withApp(
        `new-large-stream-${locale}`,
        { locale, sandboxCredentials: SANDBOX_TEST_KEYS, viewport: { width: 900, height: 600 } },
        async (app) => {
          const { page } = app;
          await page.getByRole('button', { name: open, exact: true }).click({ timeout: 15_000 });
          const dialog = page.getByRole('dialog', { name: title });
          const sizeField = dialog.getByLabel(size, { exact: true });
          await dialog
            .getByLabel(name, { exact: true })
            .fill('/ru-central1/b1gaaaaaaaaaaaaaaaaa/etnbbbbbbbbbbbbbbbbbbbb/big');
          expect(await sizeField.isDisabled()).toBe(true);
          expect(await dialog.innerText()).toContain(ydsReason);
          await dialog.getByLabel(name, { exact: true }).fill(`big-${locale}`);
          expect(await sizeField.isDisabled()).toBe(false);
          await sizeField.fill('4');
          expect(await checkLayout(page, { label: `new stream dialog (${locale})` })).toEqual([]);
          await dialog.getByRole('button', { name: create, exact: true }).click();
          await expect.poll(() => page.getByRole('dialog').count(), { timeout: 20_000 }).toBe(0);
          const client = sdkClient(await sandboxEndpoint(app), SANDBOX_TEST_KEYS);
          try {
            const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: `big-${locale}` }));
            expect(summary.StreamDescriptionSummary?.MaxRecordSizeInKiB).toBe(4096);
          } finally {
            client.destroy();
          }
          // The composer takes the new stream, and its meter the stream's own limit.
          await expect.poll(() => page.locator('.size-text').innerText(), { timeout: 20_000 }).toContain(ownLimit);
        },
      );
    });
  }

  for (const [locale, edit, check, yes] of [
    ['en-US', 'Edit…', 'Check', 'answers'],
    ['ru-RU', 'Изменить…', 'Проверить', 'отвечает'],
  ] as const) {
    test(`the connection editor checks what the sandbox supports (${locale})`, async () => {
      await withApp(`capabilities-${locale}`, { locale, viewport: { width: 900, height: 600 } }, async ({ page }) => {
        await page.getByRole('button', { name: edit, exact: true }).click({ timeout: 15_000 });
        const section = page.getByTestId('capabilities');
        await section.waitFor({ timeout: 15_000 });
        expect(await section.locator('[data-answer="notChecked"]').count()).toBe(4);
        await section.getByRole('button', { name: check, exact: true }).click();
        await expect
          .poll(() => section.locator('[data-capability="largeRecords"]').getAttribute('data-answer'), {
            timeout: 20_000,
          })
          .toBe('yes');
        expect(await section.locator('[data-capability="consumers"]').getAttribute('data-answer')).toBe('no');
        expect(await section.locator('[data-capability="listShards"]').innerText()).toContain(yes);
        await section.getByTestId('capabilities-when').waitFor();
        expect(await checkLayout(page, { label: `connection editor (${locale})` })).toEqual([]);
      });
    });
  }
});
