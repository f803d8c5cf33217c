// Saved requests end to end: the real renderer in Chromium over the real handler table. Save the
// composed request into a folder with Ctrl+S, restart on the same data folder, open it, run it in
// one click; export the picked ones and import them into another app's data folder.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sharedApp, value, withApp } from '../helpers/e2e';
import type { LaunchedApp } from '../harness/launch';

const payload = (page: Page) => page.getByLabel('Payload', { exact: true });
const savedItem = (page: Page, name: string) => page.getByRole('listitem', { name, exact: true });
const savedPanel = (page: Page) => page.getByRole('dialog', { name: 'Collections: saved requests' });

async function openSavedPanel(page: Page) {
  await page.getByRole('button', { name: /^Collections \(\d+\)$/ }).click();
  await savedPanel(page).waitFor();
}

async function lastSent(app: LaunchedApp) {
  const page = value(await app.call('listHistory', { limit: 1 }));
  return value(await app.call('getHistoryEntry', { id: page.entries[0].id }));
}

let dir: string;
// Where the shared app's save dialog writes an export.
const exportPath = () => path.join(dir, 'saved.json');
// The tests about no restart or fresh app: each starts with no saved requests or folders and an empty history.
const inSharedApp = sharedApp(
  () => ({ savePath: exportPath() }),
  async (app) => {
    const { folders, requests } = value(await app.call('listSaved', {}));
    for (const r of requests) value(await app.call('deleteSaved', { id: r.id }));
    for (const f of folders) value(await app.call('deleteFolder', { id: f.id }));
    value(await app.call('clearHistory', {}));
  },
);

describe('saved requests, end to end', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sc-saved-transfer-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('saved into a folder, kept across a restart, opened, and run in one click', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-saved-'));
    try {
      await withApp('saved-1', { dataDir }, async ({ page }) => {
        await payload(page).waitFor({ timeout: 15_000 });
        await openSavedPanel(page);
        await page.getByRole('button', { name: 'New folder' }).click();
        await page.getByLabel('Folder name').fill('Orders');
        await page.getByLabel('Folder name').press('Enter');
        await page.getByRole('listitem', { name: 'Orders' }).waitFor();
        await savedPanel(page).getByRole('button', { name: 'Close' }).click();

        await page.getByLabel('Partition key').fill('saved-key');
        await payload(page).fill('{"order": 7}');
        await page.getByLabel('Partition key').press('Control+s');
        const dialog = page.getByRole('dialog', { name: 'Save request' });
        await dialog.getByLabel('Name').fill('Order seven');
        await dialog.getByLabel('Folder').selectOption({ label: 'Orders' });
        await dialog.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved “Order seven”' }).count()).toBe(1);
        expect(await page.getByRole('button', { name: 'Collections (1)' }).count()).toBe(1);
      });

      await withApp('saved-2', { dataDir }, async (app) => {
        const { page } = app;
        await payload(page).waitFor({ timeout: 15_000 });
        await openSavedPanel(page);
        const item = page.getByRole('listitem', { name: 'Orders' }).getByRole('listitem', { name: 'Order seven' });
        await expect.poll(() => item.innerText()).toContain('example-stream · key saved-key');
        await page.getByLabel('Partition key').fill('something else');
        await item.getByRole('button', { name: 'Open' }).click();
        await expect.poll(() => page.getByLabel('Partition key').inputValue()).toBe('saved-key');
        expect(await payload(page).innerText()).toBe('{"order": 7}');

        await page.getByLabel('Partition key').fill('edited, not saved');
        await item.getByRole('button', { name: 'Run' }).click();
        await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
        const sent = await lastSent(app);
        expect(sent.partitionKey).toBe('saved-key');
        expect(sent.payload.text).toBe('{"order": 7}');
        expect(sent.streamName).toBe('example-stream');
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('rename, move and delete; a deleted folder leaves its requests at the top level', async () => {
    await inSharedApp('saved-organize', async ({ page, call }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      const profileId = value(await call('listProfiles', {})).lastUsedId!;
      const { folder } = value(await call('createFolder', { name: 'Clicks' }));
      const request = {
        kind: 'single',
        target: { type: 'name', streamName: 'example-stream' },
        partitionKey: 'k',
        payload: { mode: 'text', text: 'x' },
      };
      value(await call('saveRequest', { name: 'Loose one', folderId: null, profileId, request }));
      await page.reload();
      await openSavedPanel(page);
      const loose = savedItem(page, 'Loose one');
      await loose.getByRole('button', { name: 'Rename' }).click();
      await loose.getByLabel('New name').fill('Click one');
      await loose.getByLabel('New name').press('Enter');
      const renamed = savedItem(page, 'Click one');
      await renamed.getByLabel('Move “Click one” to folder').selectOption({ label: 'Clicks' });
      await page.getByRole('listitem', { name: 'Clicks' }).getByRole('listitem', { name: 'Click one' }).waitFor();

      await page.getByRole('button', { name: 'Delete folder “Clicks”' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete folder' });
      expect(await confirm.innerText()).toContain('Its 1 request moves to the top level');
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => page.getByRole('listitem', { name: 'Clicks' }).count()).toBe(0);
      const list = value(await call('listSaved', {}));
      expect(list.folders).toEqual([]);
      expect(list.requests.map((r) => [r.name, r.folderId])).toEqual([['Click one', null]]);
      expect(folder.name).toBe('Clicks');

      await savedItem(page, 'Click one').getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog', { name: 'Delete saved request' }).getByRole('button', { name: 'Delete' }).click();
      await page.getByText('Nothing saved yet').waitFor();
      expect(value(await call('listSaved', {})).requests).toEqual([]);
    });
  });

  test('the composer follows its saved request when it moves or its folder is renamed: Save still replaces it', async () => {
    await inSharedApp('saved-follow', async ({ page, call }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      const saveAgain = async (text: string) => {
        await payload(page).fill(text);
        await page.getByLabel('Partition key').press('Control+s');
        const dialog = page.getByRole('dialog', { name: 'Save request' });
        expect(await dialog.getByLabel('Replace “Order” (untick to save a new one)').isChecked()).toBe(true);
        await dialog.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => dialog.count()).toBe(0);
      };
      const requests = async () => value(await call('listSaved', {})).requests.map((r) => [r.id, r.request]);
      const sent = (text: string) => expect.objectContaining({ payload: { mode: 'json', text } });

      await page.getByLabel('Partition key').fill('k-1');
      await payload(page).fill('{"v": 1}');
      await page.getByLabel('Partition key').press('Control+s');
      const dialog = page.getByRole('dialog', { name: 'Save request' });
      await dialog.getByLabel('Name').fill('Order');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved “Order”' }).count()).toBe(1);

      // Moved into a folder from the drawer: its file, so its id, changes.
      await openSavedPanel(page);
      await page.getByRole('button', { name: 'New folder' }).click();
      await page.getByLabel('Folder name').fill('Team');
      await page.getByLabel('Folder name').press('Enter');
      await savedItem(page, 'Order').getByLabel('Move “Order” to folder').selectOption({ label: 'Team' });
      await page.getByRole('listitem', { name: 'Team' }).getByRole('listitem', { name: 'Order' }).waitFor();
      await savedPanel(page).getByRole('button', { name: 'Close' }).click();
      await saveAgain('{"v": 2}');
      await expect.poll(requests).toEqual([['Team/order.request.yaml', sent('{"v": 2}')]]);

      // Its folder renamed: every id in it changes, and the composer follows again.
      await openSavedPanel(page);
      await page.getByRole('button', { name: 'Rename folder “Team”' }).click();
      await page.getByLabel('Folder name').fill('Team B');
      await page.getByLabel('Folder name').press('Enter');
      await page.getByRole('listitem', { name: 'Team B' }).waitFor();
      await savedPanel(page).getByRole('button', { name: 'Close' }).click();
      await saveAgain('{"v": 3}');
      await expect.poll(requests).toEqual([['Team B/order.request.yaml', sent('{"v": 3}')]]);
      expect(await page.getByRole('alert').count()).toBe(0);
    });
  });

  test('a saved batch opens in the batch composer, saves again from there, and runs in one click', async () => {
    await inSharedApp('saved-batch', async (app) => {
      const { page, call } = app;
      await payload(page).waitFor({ timeout: 15_000 });
      const profileId = value(await call('listProfiles', {})).lastUsedId!;
      const request = {
        kind: 'batch',
        target: { type: 'name', streamName: 'example-stream' },
        source: { type: 'template', template: '{"n": {{seq}}}', locale: 'en' },
        keys: { type: 'sequential', prefix: 'saved-' },
        payloadMode: 'json',
        plan: { count: 7, ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 3 },
      };
      value(await call('saveRequest', { name: 'Seven', folderId: null, profileId, request }));
      await page.reload();
      await openSavedPanel(page);
      await savedItem(page, 'Seven').getByRole('button', { name: 'Open' }).click();
      await expect
        .poll(() => page.getByRole('tab', { name: 'Batch & load' }).getAttribute('aria-selected'))
        .toBe('true');
      // Saved again from the batch composer, as a new request: the same batch comes out.
      await page.keyboard.press('Control+s');
      const dialog = page.getByRole('dialog', { name: 'Save request' });
      await dialog.getByLabel('Replace “Seven”', { exact: false }).uncheck();
      await dialog.getByLabel('Name').fill('Seven again');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect.poll(async () => value(await call('listSaved', {})).requests.length).toBe(2);
      const copy = value(await call('listSaved', {})).requests.find((r) => r.name === 'Seven again')!;
      // The composer states the sequence's default start; the session's seed makes its preview reproducible.
      expect(copy.request).toEqual({ ...request, keys: { ...request.keys, start: 0 }, seed: expect.any(Number) });
      await page.getByRole('tab', { name: 'Single record' }).click();

      await savedItem(page, 'Seven').getByRole('button', { name: 'Run' }).click();
      const runEntries = async () => value(await call('listHistory', {})).entries.filter((e) => e.run);
      await expect.poll(async () => (await runEntries()).length, { timeout: 15_000 }).toBe(1);
      expect(await page.getByRole('tab', { name: 'Batch & load' }).getAttribute('aria-selected')).toBe('true');
      // The batch composer follows the run the saved request started.
      await expect.poll(() => page.getByText('7 acknowledged of 7 sent').count()).toBe(1);
      const runs = await runEntries();
      expect(runs[0].run).toMatchObject({ state: 'done', total: 7, acknowledged: 7, failed: 0 });
      const entry = value(await call('getHistoryEntry', { id: runs[0].id }));
      expect(entry.run?.request.keys).toEqual({ type: 'sequential', prefix: 'saved-' });
    });
  });

  test('export the picked requests, import them into a fresh app, and run one there', async () => {
    const file = exportPath();
    await inSharedApp('saved-export', async ({ page, call }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      const profileId = value(await call('listProfiles', {})).lastUsedId!;
      const { folder } = value(await call('createFolder', { name: 'Shared' }));
      const body = (key: string) => ({
        kind: 'single',
        target: { type: 'name', streamName: 'example-stream' },
        partitionKey: key,
        payload: { mode: 'json', text: `{"k": "${key}"}` },
      });
      value(await call('saveRequest', { name: 'Take me', folderId: folder.id, profileId, request: body('taken') }));
      value(await call('saveRequest', { name: 'Leave me', folderId: null, profileId, request: body('left') }));
      await page.reload();
      await openSavedPanel(page);
      await page.getByLabel('Pick “Take me” for export').check();
      await page.getByRole('button', { name: 'Export picked (1)…' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Exported' }).innerText())
        .toBe(`Exported 1 request → ${file}`);
      const written = JSON.parse(await readFile(file, 'utf8'));
      expect(written.requests.map((r: { name: string }) => r.name)).toEqual(['Take me']);
      expect(written.folders.map((f: { name: string }) => f.name)).toEqual(['Shared']);
    });

    // The fresh app's open dialog answers one file: a broken one first, then the export.
    const incoming = path.join(dir, 'incoming.json');
    await writeFile(incoming, '{"kind": "stream-composer/saved-requests",\n  "version": 1,,\n}');
    await withApp('saved-import', { openPath: incoming }, async (app) => {
      const { page, call } = app;
      await payload(page).waitFor({ timeout: 15_000 });
      await openSavedPanel(page);
      await savedPanel(page).getByRole('button', { name: 'Import…' }).click();
      await expect
        .poll(() => savedPanel(page).getByRole('alert').innerText())
        .toMatch(/not valid JSON at line 2, column 16[\s\S]*nothing was imported/);
      expect(value(await call('listSaved', {}))).toEqual({ folders: [], requests: [] });

      await copyFile(file, incoming);
      await savedPanel(page).getByRole('button', { name: 'Import…' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Imported' }).innerText())
        .toBe(`Imported 1 request from ${incoming}`);
      const item = page.getByRole('listitem', { name: 'Shared' }).getByRole('listitem', { name: 'Take me' });
      await item.getByRole('button', { name: 'Run' }).click();
      await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
      expect((await lastSent(app)).partitionKey).toBe('taken');
    });
  });
});
