// The move of saved-requests.json (the format before workspaces) into the default workspace, on a
// real old file: every folder and request arrives, the old file stays as .migrated, a move cut short
// resumes without doubles, and a file that cannot be read is left alone with a notice.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { SAVED_FILE_NAME } from '../../electron/saved/file';
import { defaultWorkspaceDir, openSavedStore, type SavedStore } from '../../electron/saved/store';
import type { SavedFile } from '../../electron/saved/schema';
import { workspaceFiles } from '../helpers/workspace';

const dirs: string[] = [];
const stores: SavedStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workspace-migration-'));
  dirs.push(dir);
  return dir;
}
async function open(dataDir: string): Promise<SavedStore> {
  const store = await openSavedStore({
    dataDir,
    profileName: (id) => (id === 'p-prod' ? 'AWS prod (renamed)' : undefined),
  });
  stores.push(store);
  return store;
}

const at = (day: number) => `2026-0${day}-01T10:00:00.000Z`;
/** A file as version 0.x wrote it: two folders, one of them empty, four requests. */
const OLD: SavedFile = {
  version: 1,
  folders: [
    { id: 'f-1', name: 'Orders' },
    { id: 'f-2', name: 'Empty: for later' },
  ],
  requests: [
    {
      id: 'r-1',
      name: 'Smoke',
      folderId: null,
      profile: { id: 'p-sandbox', name: 'Local sandbox' },
      request: {
        kind: 'single',
        target: { type: 'name', streamName: 'example-stream' },
        partitionKey: 'user-1',
        payload: { mode: 'json', text: '{\n  "id": 1\n}' },
      },
      createdAt: at(1),
      updatedAt: at(2),
    },
    {
      id: 'r-2',
      name: 'Big load',
      folderId: 'f-1',
      profile: { id: 'p-prod', name: 'AWS prod' },
      request: {
        kind: 'batch',
        target: { type: 'yds', cloudId: 'b1g', databaseId: 'etn', stream: 'orders' },
        source: { type: 'template', template: '{"n": {{seq}}}', locale: 'en' },
        keys: { type: 'random' },
        payloadMode: 'json',
        seed: 3,
        plan: { count: 500, ratePerSec: 100, concurrency: 2, maxAttemptsPerRecord: 3 },
      },
      assertions: [{ type: 'delivered' }, { type: 'noDuplicates' }],
      createdAt: at(1),
      updatedAt: at(3),
    },
    {
      id: 'r-3',
      name: 'Big load',
      folderId: 'f-1',
      profile: { id: 'p-gone', name: 'Old connection' },
      request: {
        kind: 'batch',
        target: { type: 'name', streamName: 'orders' },
        source: { type: 'file', fileName: 'orders.csv', format: 'csv', csvPayloadColumn: null },
        keys: { type: 'field', path: 'user.id' },
        payloadMode: 'text',
        plan: { ratePerSec: null, concurrency: 4, maxAttemptsPerRecord: 5 },
      },
      createdAt: at(4),
      updatedAt: at(5),
    },
    {
      id: 'r-4',
      name: 'Smoke',
      folderId: null,
      profile: { id: 'p-sandbox', name: 'Local sandbox' },
      request: {
        kind: 'single',
        target: { type: 'name', streamName: 'other' },
        partitionKey: 'k',
        payload: { mode: 'base64', text: 'aGk=' },
      },
      createdAt: at(6),
      updatedAt: at(7),
    },
  ],
};
const OLD_TEXT = `${JSON.stringify(OLD, null, 2)}\n`;

test('every folder and request moves into the default workspace; the old file is kept as .migrated', async () => {
  const dataDir = await freshDir();
  await writeFile(path.join(dataDir, SAVED_FILE_NAME), OLD_TEXT);
  const store = await open(dataDir);
  expect(store.notices()).toEqual([]);
  expect(store.dir()).toBe(defaultWorkspaceDir(dataDir));

  const { folders, requests } = store.snapshot();
  expect(folders.map((f) => f.name)).toEqual(['Empty- for later', 'Orders']);
  const migrated = requests.map(({ id, name, folderId, profile, request, assertions, updatedAt }) => ({
    id,
    name,
    folderId,
    profile,
    request,
    assertions,
    updatedAt,
  }));
  expect(migrated).toEqual([
    {
      id: 'Orders/big-load-2.request.yaml',
      name: 'Big load',
      folderId: 'Orders',
      profile: { name: 'Old connection' },
      request: OLD.requests[2].request,
      assertions: undefined,
      updatedAt: at(5),
    },
    {
      id: 'Orders/big-load.request.yaml',
      name: 'Big load',
      folderId: 'Orders',
      // Named as the connection is called today.
      profile: { name: 'AWS prod (renamed)' },
      request: OLD.requests[1].request,
      assertions: OLD.requests[1].assertions,
      updatedAt: at(3),
    },
    {
      id: 'smoke-2.request.yaml',
      name: 'Smoke',
      folderId: null,
      profile: { name: 'Local sandbox' },
      request: OLD.requests[3].request,
      assertions: undefined,
      updatedAt: at(7),
    },
    {
      id: 'smoke.request.yaml',
      name: 'Smoke',
      folderId: null,
      profile: { name: 'Local sandbox' },
      request: OLD.requests[0].request,
      assertions: undefined,
      updatedAt: at(2),
    },
  ]);
  expect(await readFile(path.join(dataDir, `${SAVED_FILE_NAME}.migrated`), 'utf8')).toBe(OLD_TEXT);
  await expect(stat(path.join(dataDir, SAVED_FILE_NAME))).rejects.toMatchObject({ code: 'ENOENT' });
  expect((await workspaceFiles(store.dir()))['smoke.request.yaml']).toContain(
    '    text: |-\n      {\n        "id": 1\n      }\n',
  );

  // The next start finds nothing to move and changes nothing.
  const files = await workspaceFiles(store.dir());
  await store.close();
  const again = await open(dataDir);
  expect(again.notices()).toEqual([]);
  expect(await workspaceFiles(again.dir())).toEqual(files);
});

test('a move cut short resumes at the next start: no request lost, none doubled', async () => {
  const dataDir = await freshDir();
  await writeFile(path.join(dataDir, SAVED_FILE_NAME), OLD_TEXT);
  const workspace = defaultWorkspaceDir(dataDir);
  // A folder where a later request's file goes: the move writes the first files, then fails there.
  await mkdir(path.join(workspace, 'smoke-2.request.yaml', 'blocker'), { recursive: true });
  const first = await open(dataDir);
  expect(first.notices()).toEqual([
    expect.objectContaining({ code: 'SAVED_NOT_MIGRATED', path: path.join(dataDir, SAVED_FILE_NAME) }),
  ]);
  expect(await readFile(path.join(dataDir, SAVED_FILE_NAME), 'utf8')).toBe(OLD_TEXT);
  expect(first.snapshot().requests).toHaveLength(3);
  await first.close();

  await rm(path.join(workspace, 'smoke-2.request.yaml'), { recursive: true });
  const second = await open(dataDir);
  expect(second.notices()).toEqual([]);
  expect(
    second
      .snapshot()
      .requests.map((r) => r.id)
      .sort(),
  ).toEqual([
    'Orders/big-load-2.request.yaml',
    'Orders/big-load.request.yaml',
    'smoke-2.request.yaml',
    'smoke.request.yaml',
  ]);
  expect(await readFile(path.join(dataDir, `${SAVED_FILE_NAME}.migrated`), 'utf8')).toBe(OLD_TEXT);
});

test('an old file that cannot be read or parsed is left alone, with a notice, and the app still saves', async () => {
  for (const make of [
    (file: string) => mkdir(file),
    (file: string) => writeFile(file, '{"version": 1, "folders": ['),
    (file: string) => writeFile(file, JSON.stringify({ version: 1, folders: [], requests: [{ id: 'x' }] })),
  ]) {
    const dataDir = await freshDir();
    const file = path.join(dataDir, SAVED_FILE_NAME);
    await make(file);
    const before = (await stat(file)).isFile() ? await readFile(file, 'utf8') : null;
    const store = await open(dataDir);
    expect(store.notices()).toEqual([expect.objectContaining({ code: 'SAVED_NOT_MIGRATED', path: file })]);
    if (before !== null) expect(await readFile(file, 'utf8')).toBe(before);
    else expect((await stat(file)).isDirectory()).toBe(true);
    const saved = await store.save({
      name: 'new',
      folderId: null,
      request: OLD.requests[0].request,
    });
    expect(saved.id).toBe('new.request.yaml');
  }
});
