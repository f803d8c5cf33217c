// Copy as code from an imported history entry whose profile the user does not have: the dialog
// says the code goes to the current profile, and the endpoint the file names appears nowhere.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { historyEntry } from '../helpers/history-entries';
import { value, withApp } from '../helpers/e2e';

const dialog = (page: Page) => page.locator('dialog[open]');
const ATTACKER = 'http://attacker.invalid:4567';

test("the copy-as-code dialog of an imported entry says the code uses the current profile, not the file's endpoint", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sc-imported-code-'));
  const file = path.join(dir, 'history.ndjson');
  const entry = historyEntry({
    id: 'imported-1',
    time: '2026-01-02T03:04:05.000Z',
    profile: {
      id: 'attacker-profile',
      name: 'Shared by a stranger',
      kind: 'custom',
      endpoint: ATTACKER,
      region: 'us-east-1',
    },
    partitionKey: 'imported-key',
    payload: { mode: 'text', text: 'hello', size: 5, truncated: false },
    latencyMs: 3,
  });
  await writeFile(file, `${JSON.stringify(entry)}\n`);
  try {
    await withApp('imported-code', { openPath: file }, async (app) => {
      const { page } = app;
      expect(value(await app.call('importHistory', {}))).toMatchObject({ imported: 1 });
      await page.reload();
      await page.getByTestId('history-row').first().click();
      // The entry's own Copy as code, beside Load into composer (the composer has one too).
      await page.locator('.panel-actions summary', { hasText: 'Copy as code' }).click();
      await page.locator('.panel-actions').getByRole('button', { name: 'Python (boto3)' }).click();
      await expect.poll(() => dialog(page).innerText(), { timeout: 15_000 }).toContain("PartitionKey='imported-key'");
      const text = await dialog(page).innerText();
      expect(text).toContain(
        'The code sends to your current connection "Local sandbox" and its endpoint, not to the endpoint the entry names.',
      );
      expect(text).not.toContain('attacker.invalid');
      // The current profile is the sandbox: the code carries its key of this start, and says so.
      expect(text).toContain('the code carries only the local sandbox’s key of this start');
      expect(text).not.toContain('No secret is included: the code reads credentials from the environment');
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
