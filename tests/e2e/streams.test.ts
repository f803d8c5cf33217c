// End to end: the stream browser lists the sandbox's streams, opens one onto its shards, and hands
// the chosen stream to the composer.
import { describe, expect, test } from 'vitest';
import { withApp } from './fixtures';

describe('stream browser, end to end', () => {
  test('lists example-stream with 2 shards, shows its shards, and fills the stream field', async () => {
    await withApp('stream-browser', {}, async ({ page }) => {
      const streamField = page.getByLabel('Stream name', { exact: true });
      await streamField.waitFor({ timeout: 15_000 });
      await streamField.fill('something-else');

      await page.getByRole('button', { name: 'Streams…' }).click({ timeout: 5000 });
      const dialog = page.getByRole('dialog', { name: 'Streams' });
      const row = dialog.getByTestId('stream-row').filter({ hasText: 'example-stream' });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.getByTestId('stream-shards').innerText()).toBe('2');
      expect(await row.innerText()).toContain('ACTIVE');

      await row.getByRole('button', { name: 'example-stream', exact: true }).click({ timeout: 5000 });
      const shardsDialog = page.getByRole('dialog', { name: 'Shards of example-stream' });
      await expect.poll(() => shardsDialog.getByTestId('shard-row').count(), { timeout: 15_000 }).toBe(2);
      expect(await shardsDialog.getByTestId('shard-row').first().innerText()).toMatch(/shardId-\d+\s+0 – \d+/);

      await shardsDialog.getByRole('button', { name: 'Use in composer' }).click({ timeout: 5000 });
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      expect(await streamField.inputValue()).toBe('example-stream');
    });
  });
});
