// The saved-requests store on real files in a fresh temp folder: changes, folders, persistence
// across a reopen, a corrupt file moved aside, and a failed write that leaves the old file whole.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { SavedRequestBody } from '../../electron/contract';
import { SAVED_FILE_NAME } from '../../electron/saved/file';
import { openSavedStore } from '../../electron/saved/store';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'saved-store-'));
  dirs.push(dir);
  return dir;
}

const profile = { id: 'p-1', name: 'Local sandbox' };
const single = (key: string): SavedRequestBody => ({
  kind: 'single',
  target: { type: 'name', streamName: 'orders' },
  partitionKey: key,
  payload: { mode: 'json', text: `{"key":"${key}"}` },
});
const batch: SavedRequestBody = {
  kind: 'batch',
  target: { type: 'yds', cloudId: 'b1g', databaseId: 'etn', stream: 'clicks' },
  source: { type: 'template', template: '{"id": "{{ uuid() }}"}', locale: 'ru' },
  keys: { type: 'sequential', prefix: 'k-' },
  payloadMode: 'json',
  plan: { count: 1000, ratePerSec: 100, concurrency: 4, maxAttemptsPerRecord: 5 },
};

describe('saved requests store', () => {
  test('creates, updates, moves and deletes requests, and keeps them across a reopen', async () => {
    const dataDir = await freshDir();
    const store = await openSavedStore({ dataDir });
    const folder = await store.createFolder('Orders');
    const a = await store.save({ name: 'First order', folderId: folder.id, profile, request: single('a') });
    const b = await store.save({ name: 'Load', folderId: null, profile, request: batch });
    expect(store.snapshot().requests.map((r) => r.name)).toEqual(['First order', 'Load']);

    const replaced = await store.save({
      id: a.id,
      name: 'First order v2',
      folderId: folder.id,
      profile,
      request: single('a2'),
    });
    expect(replaced.id).toBe(a.id);
    expect(replaced.createdAt).toBe(a.createdAt);
    await store.update(b.id, { name: 'Load run', folderId: folder.id });
    await store.delete(a.id);

    const reopened = await openSavedStore({ dataDir });
    expect(reopened.notices()).toEqual([]);
    expect(reopened.snapshot().folders).toEqual([folder]);
    expect(reopened.snapshot().requests).toEqual([
      expect.objectContaining({ id: b.id, name: 'Load run', folderId: folder.id, profile, request: batch }),
    ]);
  });

  test('folders: names are unique, renaming keeps the requests, deleting moves them to the root', async () => {
    const store = await openSavedStore({ dataDir: await freshDir() });
    const orders = await store.createFolder('Orders');
    await expect(store.createFolder('orders')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'name' });
    const other = await store.createFolder('Other');
    await expect(store.renameFolder(other.id, 'ORDERS')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await store.renameFolder(orders.id, 'Orders (prod)');
    const r1 = await store.save({ name: 'one', folderId: orders.id, profile, request: single('1') });
    await store.save({ name: 'two', folderId: orders.id, profile, request: single('2') });
    await store.save({ name: 'three', folderId: other.id, profile, request: single('3') });
    await expect(store.update(r1.id, { folderId: 'no-such-folder' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await store.deleteFolder(orders.id)).toBe(2);
    const { folders, requests } = store.snapshot();
    expect(folders.map((f) => f.name)).toEqual(['Other']);
    expect(requests.map((r) => [r.name, r.folderId])).toEqual([
      ['one', null],
      ['two', null],
      ['three', other.id],
    ]);
  });

  test('a file that is not JSON, or not the expected structure, is moved aside with a notice', async () => {
    for (const [contents, reason] of [
      ['{"version": 1, "folders": [', /not valid JSON at line 1, column 28/],
      ['{\n  "version": 1,\n  "folders": [],,\n}', /not valid JSON at line 3, column 17/],
      [
        JSON.stringify({ version: 1, folders: [], requests: [{ id: 'x', name: 'n' }] }),
        /requests\[0\]\.folderId \("n"\)/,
      ],
    ] as const) {
      const dataDir = await freshDir();
      await writeFile(path.join(dataDir, SAVED_FILE_NAME), contents);
      const store = await openSavedStore({ dataDir });
      expect(store.snapshot().requests).toEqual([]);
      const [notice] = store.notices();
      expect(notice.code).toBe('SAVED_MOVED_ASIDE');
      expect(notice.message).toMatch(reason);
      expect(await readFile(notice.path!, 'utf8')).toBe(contents);
      expect(await readdir(dataDir)).not.toContain(SAVED_FILE_NAME);
      // The fresh store works and writes a new file.
      await store.createFolder('New');
      expect(JSON.parse(await readFile(path.join(dataDir, SAVED_FILE_NAME), 'utf8')).folders).toHaveLength(1);
    }
  });

  test('a failed write leaves the old file and the store as they were', async () => {
    const dataDir = await freshDir();
    const store = await openSavedStore({ dataDir });
    await store.save({ name: 'kept', folderId: null, profile, request: single('k') });
    const before = await readFile(path.join(dataDir, SAVED_FILE_NAME), 'utf8');
    // A directory where the temp file goes: opening it for writing fails for real.
    await mkdir(path.join(dataDir, `${SAVED_FILE_NAME}.tmp`));

    await expect(store.save({ name: 'lost', folderId: null, profile, request: single('l') })).rejects.toMatchObject({
      code: 'REJECTED',
    });
    expect(await readFile(path.join(dataDir, SAVED_FILE_NAME), 'utf8')).toBe(before);
    expect(store.snapshot().requests.map((r) => r.name)).toEqual(['kept']);

    // The queue goes on after a failure: once the obstacle is gone, the next change is written.
    await rm(path.join(dataDir, `${SAVED_FILE_NAME}.tmp`), { recursive: true });
    await store.save({ name: 'next', folderId: null, profile, request: single('n') });
    expect((await openSavedStore({ dataDir })).snapshot().requests.map((r) => r.name)).toEqual(['kept', 'next']);
  });

  test('changes made at once all land, in order', async () => {
    const dataDir = await freshDir();
    const store = await openSavedStore({ dataDir });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.save({ name: `r${i}`, folderId: null, profile, request: single(String(i)) }),
      ),
    );
    expect((await openSavedStore({ dataDir })).snapshot().requests.map((r) => r.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `r${i}`),
    );
  });
});
