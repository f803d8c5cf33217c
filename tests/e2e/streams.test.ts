// End to end: the stream browser lists the sandbox's streams, opens one onto its shards, and hands
// the chosen stream to the composer; on an endpoint of the user's own it creates a stream.
import kinesalite from 'kinesalite';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { addProfile, withApp } from '../helpers/e2e';

describe('stream browser, end to end', () => {
  test('lists example-stream with 2 shards, shows its shards, and fills the stream field', async () => {
    await withApp('stream-browser', {}, async ({ page }) => {
      const streamField = page.getByLabel('Stream name', { exact: true });
      await streamField.waitFor({ timeout: 15_000 });
      await streamField.fill('something-else');

      await page.getByRole('button', { name: 'Streams…' }).click({ timeout: 15_000 });
      const dialog = page.getByRole('dialog', { name: 'Streams' });
      const row = dialog.getByTestId('stream-row').filter({ hasText: 'example-stream' });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.getByTestId('stream-shards').innerText()).toBe('2');
      expect(await row.innerText()).toContain('ACTIVE');

      await row.getByRole('button', { name: 'example-stream', exact: true }).click({ timeout: 15_000 });
      const shardsDialog = page.getByRole('dialog', { name: 'Shards of example-stream' });
      await expect.poll(() => shardsDialog.getByTestId('shard-row').count(), { timeout: 15_000 }).toBe(2);
      expect(await shardsDialog.getByTestId('shard-row').first().innerText()).toMatch(/shardId-\d+\s+0 – \d+/);

      await shardsDialog.getByRole('button', { name: 'Use in composer' }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      expect(await streamField.inputValue()).toBe('example-stream');
    });
  });

  test('creates a stream on a custom endpoint, warning that it is real, and the composer sends to it', async () => {
    // Its own emulator, slow to make streams ACTIVE the way AWS is: the dialog waits for it.
    const emulator = kinesalite({ createStreamMs: 600, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 20 });
    await new Promise<void>((resolve) => emulator.listen(0, '127.0.0.1', () => resolve()));
    const endpoint = `http://127.0.0.1:${(emulator.address() as AddressInfo).port}`;
    try {
      await withApp('create-stream', {}, async (app) => {
        const { page } = app;
        await addProfile(app, {
          name: 'Local emulator',
          kind: 'custom',
          endpoint,
          region: 'us-east-1',
          credentials: {
            source: 'static',
            sharedProfile: '',
            accessKeyId: 'AKIDEMULATOR',
            secretAccessKey: 'emulator-secret',
          },
        });
        await page.reload();
        await page
          .getByLabel('Connection', { exact: true })
          .selectOption({ label: 'Local emulator — Custom endpoint' }, { timeout: 15_000 });

        await page.getByRole('button', { name: 'Streams…' }).click({ timeout: 15_000 });
        await page.getByRole('dialog', { name: 'Streams' }).getByText('No streams here.').waitFor({ timeout: 15_000 });
        await page.getByRole('button', { name: 'New stream…' }).click({ timeout: 15_000 });
        const dialog = page.getByRole('dialog', { name: 'New stream in “Local emulator”' });
        expect(await dialog.getByTestId('new-stream-billing').innerText()).toContain(endpoint);
        await dialog.getByLabel('Stream name').fill('orders');
        await dialog.getByLabel('Shards').fill('2');
        await dialog.getByRole('button', { name: 'Create' }).click({ timeout: 15_000 });
        await expect.poll(() => page.getByRole('dialog').count(), { timeout: 15_000 }).toBe(0);
        expect(await page.getByLabel('Stream name', { exact: true }).inputValue()).toBe('orders');

        await page.getByLabel('Partition key').fill('k-1');
        await page.getByLabel('Payload', { exact: true }).fill('{"made": "it"}');
        await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
        await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);

        await page.getByRole('button', { name: 'Streams…' }).click({ timeout: 15_000 });
        const row = page.getByTestId('stream-row').filter({ hasText: 'orders' });
        await expect.poll(() => row.getByTestId('stream-shards').innerText(), { timeout: 15_000 }).toBe('2');
      });
    } finally {
      await new Promise<void>((resolve) => emulator.close(() => resolve()));
    }
  });
});
