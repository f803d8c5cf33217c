// The saved-requests store on a real workspace folder in a fresh temp dir: changes, folders,
// persistence across a reopen, the files it writes, and a failed write that leaves the files whole.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { SavedRequestBody } from '../../electron/contract';
import {
  defaultWorkspaceDir,
  openSavedStore,
  type SavedStore,
  type SavedStoreOptions,
} from '../../electron/saved/store';
import { workspaceFiles } from '../helpers/workspace';

const dirs: string[] = [];
const stores: SavedStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'saved-store-'));
  dirs.push(dir);
  return dir;
}
async function open(opts: SavedStoreOptions): Promise<SavedStore> {
  const store = await openSavedStore(opts);
  stores.push(store);
  return store;
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
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

describe('saved requests store', () => {
  test('creates, updates, moves and deletes requests, and keeps them across a reopen', async () => {
    const dataDir = await freshDir();
    const store = await open({ dataDir });
    const folder = await store.createFolder('Orders');
    const a = await store.save({ name: 'First order', folderId: folder.id, profile, request: single('a') });
    const b = await store.save({ name: 'Load', folderId: null, profile, request: batch });
    expect(store.snapshot().requests.map((r) => r.name)).toEqual(['First order', 'Load']);
    expect([a.id, b.id]).toEqual(['Orders/first-order.request.yaml', 'load.request.yaml']);

    const replaced = await store.save({
      id: a.id,
      name: 'First order v2',
      folderId: folder.id,
      profile,
      request: single('a2'),
    });
    // Saved over in place: the same file, so the same id.
    expect(replaced.id).toBe(a.id);
    // A move changes the id (the file's path): the store says to what.
    expect(await store.update(b.id, { name: 'Load run', folderId: folder.id })).toEqual({
      [b.id]: 'Orders/load-run.request.yaml',
    });
    await store.delete(a.id);
    await store.close();

    const reopened = await open({ dataDir });
    expect(reopened.notices()).toEqual([]);
    expect(reopened.snapshot().folders).toEqual([folder]);
    expect(reopened.snapshot().requests).toEqual([
      expect.objectContaining({
        id: 'Orders/load-run.request.yaml',
        name: 'Load run',
        folderId: folder.id,
        profile: { name: profile.name },
        request: batch,
      }),
    ]);
    expect(Object.keys(await workspaceFiles(defaultWorkspaceDir(dataDir)))).toEqual([
      'Orders/load-run.request.yaml',
      'stream-composer.yaml',
    ]);
  });

  test('a rename in place keeps the id; a folder renamed answers the new ids of its requests', async () => {
    const store = await open({ dataDir: await freshDir() });
    const folder = await store.createFolder('Team');
    const r = await store.save({ name: 'Nightly', folderId: folder.id, profile, request: single('n') });
    expect(await store.update(r.id, { name: 'Nightly load' })).toEqual({});
    expect(await store.renameFolder(folder.id, 'Team B')).toEqual({ [r.id]: 'Team B/nightly.request.yaml' });
    expect(store.snapshot().requests.map((s) => s.id)).toEqual(['Team B/nightly.request.yaml']);
  });

  test('folders: names are unique, renaming keeps the requests, deleting moves them to the root', async () => {
    const store = await open({ dataDir: await freshDir() });
    const orders = await store.createFolder('Orders');
    await expect(store.createFolder('orders')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'name' });
    const other = await store.createFolder('Other');
    await expect(store.renameFolder(other.id, 'ORDERS')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await store.renameFolder(orders.id, 'Orders (prod)');
    const prod = store.snapshot().folders.find((f) => f.name === 'Orders (prod)')!;
    const r1 = await store.save({ name: 'one', folderId: prod.id, profile, request: single('1') });
    await store.save({ name: 'two', folderId: prod.id, profile, request: single('2') });
    await store.save({ name: 'three', folderId: other.id, profile, request: single('3') });
    await expect(store.update(r1.id, { folderId: 'no-such-folder' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const movedOut = await store.deleteFolder(prod.id);
    expect(Object.keys(movedOut).sort()).toEqual([r1.id, `${prod.id}/two.request.yaml`].sort());
    expect(Object.values(movedOut).sort()).toEqual(['one.request.yaml', 'two.request.yaml']);
    const { folders, requests } = store.snapshot();
    expect(folders.map((f) => f.name)).toEqual(['Other']);
    expect([...requests].sort(byName).map((r) => [r.name, r.folderId])).toEqual([
      ['one', null],
      ['three', other.id],
      ['two', null],
    ]);
  });

  test('file names come from request names: safe on every system, unique ignoring case', async () => {
    const store = await open({ dataDir: await freshDir() });
    const names = ['Orders: <big> "load"?', 'orders big load', 'CON', '..', 'Заказы / отчёт', '字'.repeat(200)];
    const ids = [];
    for (const name of names) ids.push((await store.save({ name, folderId: null, profile, request: single('k') })).id);
    expect(ids.slice(0, 5)).toEqual([
      'orders-big-load.request.yaml',
      'orders-big-load-2.request.yaml',
      'con-1.request.yaml',
      'request.request.yaml',
      'заказы-отчёт.request.yaml',
    ]);
    expect(Buffer.byteLength(ids[5])).toBeLessThan(200);
    expect(
      store
        .snapshot()
        .requests.map((r) => r.name)
        .sort(),
    ).toEqual([...names].sort());
  });

  test('a failed write leaves the files and the store as they were, and the next change is written', async () => {
    const dataDir = await freshDir();
    const store = await open({ dataDir });
    const folder = await store.createFolder('Orders');
    await store.save({ name: 'kept', folderId: null, profile, request: single('k') });
    const workspace = defaultWorkspaceDir(dataDir);
    // A file where the folder was: writing into it fails for real.
    await rm(path.join(workspace, folder.id), { recursive: true });
    await writeFile(path.join(workspace, folder.id), 'not a folder');
    const before = await workspaceFiles(workspace);

    await expect(
      store.save({ name: 'lost', folderId: folder.id, profile, request: single('l') }),
    ).rejects.toMatchObject({ code: 'REJECTED', reason: 'savedNotWritten' });
    expect(await workspaceFiles(workspace)).toEqual(before);
    expect(store.snapshot().requests.map((r) => r.name)).toEqual(['kept']);

    await store.save({ name: 'next', folderId: null, profile, request: single('n') });
    await store.close();
    expect((await open({ dataDir })).snapshot().requests.map((r) => r.name)).toEqual(['kept', 'next']);
    expect((await readdir(workspace)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('changes made at once all land', async () => {
    const dataDir = await freshDir();
    const store = await open({ dataDir });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.save({ name: `r${i}`, folderId: null, profile, request: single(String(i)) }),
      ),
    );
    await store.close();
    expect(
      (await open({ dataDir }))
        .snapshot()
        .requests.map((r) => r.name)
        .sort(),
    ).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`).sort());
  });

  test('a folder chosen in the settings that is gone: the default workspace, with a notice', async () => {
    const dataDir = await freshDir();
    const gone = path.join(dataDir, 'moved-away');
    const store = await open({ dataDir, workspaceDir: gone });
    expect(store.dir()).toBe(defaultWorkspaceDir(dataDir));
    expect(store.notices()).toEqual([expect.objectContaining({ code: 'WORKSPACE_MISSING', path: gone })]);
    await mkdir(gone);
    await expect(store.open(gone)).rejects.toMatchObject({ reason: 'workspaceNotMarked' });
    await store.open(gone, { mark: true });
    expect(store.workspace()).toEqual({ path: gone, name: 'moved-away', problems: [] });
  });

  test('a large request file is parsed off main (in a worker) and loads like any other', async () => {
    const dataDir = await freshDir();
    const store = await open({ dataDir });
    const big = 'x'.repeat(600 * 1024);
    await store.save({
      name: 'Big',
      folderId: null,
      profile,
      request: {
        ...(single('b') as Extract<SavedRequestBody, { kind: 'single' }>),
        payload: { mode: 'text', text: big },
      },
    });
    await store.close();
    const reopened = await open({ dataDir });
    expect(reopened.snapshot().requests[0].request).toMatchObject({ payload: { text: big } });
    expect(reopened.workspace().problems).toEqual([]);
  });
});
