// End to end: the built renderer in Chromium, its window.composer served by the handler table
// Electron registers (tests/harness/launch.ts). A test that needs its own data folder or sandbox
// keys gets an app of its own; the others share one, reset between them.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  addProfile,
  closedPort,
  createSandboxStream,
  backToFirstLaunch,
  sandboxEndpoint,
  sharedApp,
  withApp,
} from '../helpers/e2e';

const YDS_PATH = '/ru-central1/b1gabcdefghijklmnopq/etnabcdefghijklmnopqrst/orders';
const SECRET = 'e2e-Secret-Key-Never-Shown-7f3a9c';

const payload = (page: Page) => page.getByLabel('Payload', { exact: true });
const send = (page: Page) => page.getByRole('button', { name: 'Send', exact: true });
const responseText = (page: Page) => page.getByTestId('response').innerText();

async function waitForEditor(page: Page) {
  await payload(page).waitFor({ timeout: 15_000 });
}

async function historyRows(page: Page) {
  return page.getByTestId('history-row').allInnerTexts();
}

/**
 * The history list refreshes after the response is shown, and a row's text arrives after the row:
 * wait until it holds `count` rows with text.
 */
async function historyRowsOnce(page: Page, count: number) {
  await expect
    .poll(async () => (await historyRows(page)).filter((t) => t.trim() !== '').length, { timeout: 15_000 })
    .toBe(count);
  return historyRows(page);
}

// The tests that need no data folder, locale, secret store or sandbox keys of their own.
const inSharedApp = sharedApp(() => ({}), backToFirstLaunch);

describe('stream composer, end to end', () => {
  test('a history file that cannot be used, an unreadable old saved requests file and a file in place of the workspace: the app starts, says so naming each, and sends', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-e2e-faults-'));
    try {
      await mkdir(path.join(dataDir, 'history.jsonl'));
      // A symlink to itself: unreadable even for root (ELOOP).
      await symlink('saved-requests.json', path.join(dataDir, 'saved-requests.json'));
      await writeFile(path.join(dataDir, 'workspace'), 'not a folder');
      await withApp('data-files-unusable', { dataDir }, async ({ page }) => {
        await waitForEditor(page);
        const history = page.locator('.notice[data-code="HISTORY_UNUSABLE"]');
        const saved = page.locator('.notice[data-code="SAVED_NOT_MIGRATED"]');
        const workspace = page.locator('.notice[data-code="WORKSPACE_UNUSABLE"]');
        await expect
          .poll(() => history.innerText())
          .toContain("The history file cannot be used (EISDIR). This session's sends are kept in memory only");
        expect(await history.innerText()).toContain(path.join(dataDir, 'history.jsonl'));
        expect(await saved.innerText()).toContain(
          'The saved requests file could not be moved into the workspace (ELOOP)',
        );
        expect(await saved.innerText()).toContain(path.join(dataDir, 'saved-requests.json'));
        expect(await workspace.innerText()).toContain('The workspace folder below cannot be used (EEXIST)');
        expect(await workspace.innerText()).toContain(path.join(dataDir, 'workspace'));
        await page.getByLabel('Partition key').fill('kept-in-memory');
        await payload(page).fill('{"kept": true}');
        await send(page).click();
        await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
        const rows = await historyRowsOnce(page, 1);
        expect(rows[0]).toContain('kept-in-memory');
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('a full disk under the history: the send shows its response, and a notice says the history could not be written', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-e2e-full-'));
    try {
      // /dev/full refuses every write with ENOSPC, as a full disk does.
      await symlink('/dev/full', path.join(dataDir, 'history.jsonl'));
      await withApp('history-disk-full', { dataDir }, async ({ page }) => {
        await waitForEditor(page);
        expect(await page.locator('.notice').count()).toBe(0);
        await page.getByLabel('Partition key').fill('disk-full');
        await payload(page).fill('{"n": 1}');
        await send(page).click();
        await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
        expect((await historyRowsOnce(page, 1))[0]).toContain('disk-full');
        // The notice comes with the next look at the history (each send refreshes it).
        await payload(page).fill('{"n": 2}');
        await send(page).click();
        const notice = page.locator('.notice[data-code="HISTORY_WRITE_FAILED"]');
        await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(1);
        expect(await notice.innerText()).toContain('The history file could not be written');
        expect(await notice.innerText()).toContain(path.join(dataDir, 'history.jsonl'));
        expect(await page.getByTestId('resp-shard').textContent()).toMatch(/^shardId-/);
        await historyRowsOnce(page, 2);
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
  test('first launch: a JSON record goes to the sandbox with Ctrl+Enter; response and history show it', async () => {
    await inSharedApp('first-launch', async ({ page }) => {
      await waitForEditor(page);
      await expect.poll(() => page.getByLabel('Connection', { exact: true }).inputValue()).not.toBe('');
      expect(await page.getByLabel('Connection', { exact: true }).locator('option:checked').innerText()).toContain(
        'Local sandbox',
      );
      await page.getByLabel('Partition key').fill('user-42');
      await page.getByLabel('Payload format').selectOption({ label: 'JSON' });
      await payload(page).fill('{"event": "signup", "user": 42}');
      await page.getByLabel('Partition key').press('Control+Enter');
      await expect
        .poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 })
        .toMatch(/^shardId-00000000000[01]$/);
      expect(await page.getByTestId('resp-http').textContent()).toBe('200');
      expect(await page.getByTestId('resp-seq').textContent()).toMatch(/^\d{20,}$/);
      const text = await responseText(page);
      for (const field of [
        'Shard',
        'Sequence number',
        'Encryption type',
        'HTTP status',
        'Request ID',
        'Attempts',
        'Latency',
      ]) {
        expect(text).toContain(field);
      }
      const rows = await historyRowsOnce(page, 1);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain('example-stream');
      expect(rows[0]).toContain('user-42');
    });
  });

  test('YDS: a pasted path fills the three fields and the record lands in a YDS-addressed sandbox stream', async () => {
    // The sandbox stands in for YDS: it requires the key pair the profile is given.
    await withApp(
      'yds-paste',
      { sandboxCredentials: { accessKeyId: 'YCAJEexampleKeyId1234', secretAccessKey: SECRET } },
      async (app) => {
        const { page } = app;
        await createSandboxStream(app, YDS_PATH, 1);
        const endpoint = await sandboxEndpoint(app);
        await waitForEditor(page);
        // The profile is created through the editor, as a user would.
        await page.getByRole('button', { name: 'New…' }).click();
        await page.getByLabel('Connection name').fill('YDS rehearsal');
        await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Yandex Data Streams' });
        await page.getByLabel('Endpoint').fill(endpoint);
        await page.getByLabel('Access key ID').fill('YCAJEexampleKeyId1234');
        await page.getByLabel('Secret access key').fill(SECRET);
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByLabel('Paste full path').fill(YDS_PATH);
        await page.getByLabel('Paste full path').press('Enter');
        expect(await page.getByLabel('Cloud / folder ID').inputValue()).toBe('b1gabcdefghijklmnopq');
        expect(await page.getByLabel('Database ID').inputValue()).toBe('etnabcdefghijklmnopqrst');
        expect(await page.getByLabel('Stream', { exact: true }).inputValue()).toBe('orders');
        expect(await page.locator('body').innerText()).toContain(YDS_PATH);
        await page.getByLabel('Partition key').fill('заказ-1');
        await payload(page).fill('{"order": 1}');
        await send(page).click();
        await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
        const rows = await historyRowsOnce(page, 1);
        expect(rows[0]).toContain(YDS_PATH);
        expect(await page.content()).not.toContain(SECRET);
      },
    );
  });

  test('invalid JSON is pointed at and nothing is sent', async () => {
    await inSharedApp('invalid-json', async ({ page }) => {
      await waitForEditor(page);
      await page.getByLabel('Partition key').fill('k');
      await page.getByLabel('Payload format').selectOption({ label: 'JSON' });
      await payload(page).fill('{"a": 1,\n "b": }');
      await send(page).click();
      await expect.poll(() => page.locator('body').innerText()).toMatch(/Invalid JSON at line 2, column 7/);
      expect(await page.getByTestId('resp-shard').count()).toBe(0);
      expect(await historyRows(page)).toHaveLength(0);
    });
  });

  test('a payload over the 1 MiB limit is refused before sending, with the excess named', async () => {
    await inSharedApp('over-limit', async ({ page }) => {
      await waitForEditor(page);
      await page.getByLabel('Partition key').fill('k');
      await page.getByLabel('Payload format').selectOption({ label: 'Text' });
      await payload(page).fill('x'.repeat(1024 * 1024));
      await expect
        .poll(() => page.locator('body').innerText(), { timeout: 15_000 })
        .toMatch(/1,048,577 \/ 1,048,576 bytes/);
      await send(page).click();
      await expect.poll(() => page.locator('body').innerText()).toMatch(/limit/i);
      expect(await page.getByTestId('resp-shard').count()).toBe(0);
      expect(await historyRows(page)).toHaveLength(0);
    });
  });

  test('empty and too-long partition keys are explained; a fixed key sends', async () => {
    await inSharedApp('partition-key', async ({ page }) => {
      await waitForEditor(page);
      await payload(page).fill('"hello"');
      await send(page).click();
      await expect.poll(() => page.locator('body').innerText()).toContain('Enter a partition key');
      await page.getByLabel('Partition key').fill('k'.repeat(257));
      await expect
        .poll(() => page.locator('body').innerText())
        .toContain('Partition key is 257 characters; the limit is 256');
      await send(page).click();
      expect(await historyRows(page)).toHaveLength(0);
      await page.getByLabel('Partition key').fill('k'.repeat(256));
      await send(page).click();
      await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
    });
  });

  test('an endpoint that refuses connections: a clear error with a hint, and a history entry', async () => {
    await inSharedApp('refused', async (app) => {
      const port = await closedPort();
      await addProfile(app, {
        name: 'Dead endpoint',
        kind: 'custom',
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { source: 'static', sharedProfile: '', accessKeyId: 'AKIDDEAD', secretAccessKey: SECRET },
      });
      const { page } = app;
      await page.reload();
      await waitForEditor(page);
      await page.getByLabel('Connection', { exact: true }).selectOption({ label: 'Dead endpoint — Custom endpoint' });
      await page.getByLabel('Stream name').fill('orders');
      await page.getByLabel('Partition key').fill('k');
      await payload(page).fill('{"n": 1}');
      await send(page).click();
      await expect
        .poll(() => page.getByTestId('resp-error-name').textContent(), { timeout: 15_000 })
        .toBe('ECONNREFUSED');
      expect(await page.getByTestId('resp-hint').innerText()).toMatch(/endpoint/i);
      const rows = await historyRowsOnce(page, 1);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain('ECONNREFUSED');
    });
  });

  test('wrong credentials against an endpoint that checks them: the error says to check the key', async () => {
    const keys = { accessKeyId: 'AKIDGOODKEY', secretAccessKey: 'the-right-secret' };
    await withApp('wrong-credentials', { sandboxCredentials: keys }, async (app) => {
      const endpoint = await sandboxEndpoint(app);
      await addProfile(app, {
        name: 'Wrong key',
        kind: 'custom',
        endpoint,
        credentials: {
          source: 'static',
          sharedProfile: '',
          accessKeyId: keys.accessKeyId,
          secretAccessKey: 'not-the-right-secret',
        },
      });
      await addProfile(app, {
        name: 'Right key',
        kind: 'custom',
        endpoint,
        credentials: { source: 'static', sharedProfile: '', ...keys },
      });
      const { page } = app;
      await page.reload();
      await waitForEditor(page);
      await page.getByLabel('Connection', { exact: true }).selectOption({ label: 'Wrong key — Custom endpoint' });
      await page.getByLabel('Stream name').fill('example-stream');
      await page.getByLabel('Partition key').fill('k');
      await payload(page).fill('{"n": 1}');
      await send(page).click();
      await expect
        .poll(() => page.getByTestId('resp-error-name').textContent(), { timeout: 15_000 })
        .toBe('InvalidSignatureException');
      expect(await page.getByTestId('resp-hint').innerText()).toMatch(/secret/i);
      await page.getByLabel('Connection', { exact: true }).selectOption({ label: 'Right key — Custom endpoint' });
      await page.getByLabel('Stream name').fill('example-stream');
      await send(page).click();
      await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
    });
  });

  test('a restart keeps the profiles, the last used profile and the history', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-restart-'));
    try {
      await withApp('restart-1', { dataDir }, async (app) => {
        const { page } = app;
        await waitForEditor(page);
        await page.getByRole('button', { name: 'New…' }).click();
        await page.getByLabel('Connection name').fill('Second sandbox');
        await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Local sandbox' });
        await page.getByRole('button', { name: 'Save' }).click();
        await expect
          .poll(() => page.getByLabel('Connection', { exact: true }).locator('option:checked').innerText())
          .toContain('Second sandbox');
        await page.getByLabel('Partition key').fill('before-restart');
        await payload(page).fill('"kept"');
        await send(page).click();
        await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
      });
      await withApp('restart-2', { dataDir }, async ({ page }) => {
        await waitForEditor(page);
        await expect
          .poll(() => page.getByLabel('Connection', { exact: true }).locator('option:checked').innerText())
          .toContain('Second sandbox');
        const rows = await historyRowsOnce(page, 1);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toContain('before-restart');
        await page.getByTestId('history-row').first().click();
        await expect.poll(() => responseText(page)).toContain('before-restart');
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('the secret key appears nowhere in the renderer, in what main sends it, or in clear on disk', async () => {
    await inSharedApp('secret', async (app) => {
      const { page } = app;
      await waitForEditor(page);
      await page.getByRole('button', { name: 'New…' }).click();
      await page.getByLabel('Connection name').fill('AWS prod');
      await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'AWS Kinesis' });
      await page.getByLabel('Access key ID').fill('AKIAEXAMPLEKEYID9876');
      await page.getByLabel('Secret access key').fill(SECRET);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('button', { name: 'Edit…' }).click();
      const dialog = await page.locator('dialog[open]').innerText();
      expect(dialog).toContain('9876');
      expect(dialog).not.toContain('AKIAEXAMPLEKEYID9876');
      expect(await page.getByLabel('Secret access key').inputValue()).toBe('');
      await page.keyboard.press('Escape');
      expect(await page.content()).not.toContain(SECRET);
      expect(
        await page.evaluate(() => JSON.stringify(window.localStorage) + JSON.stringify(window.sessionStorage)),
      ).not.toContain(SECRET);
      const everything = JSON.stringify(app.responses);
      expect(everything).not.toContain(SECRET);
      expect(everything).not.toContain('AKIAEXAMPLEKEYID9876');
      for (const file of await readdir(app.dataDir, { recursive: true })) {
        const text = await readFile(path.join(app.dataDir, file)).then(
          (b) => b.toString('utf8'),
          () => '',
        );
        expect(text, file).not.toContain(SECRET);
      }
    });
  });
});
