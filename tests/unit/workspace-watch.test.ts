// Edits made outside the app, on real files: added, changed and deleted request files (as a
// `git pull` makes them) and environment files reload the workspace and announce it once; the
// app's own writes announce nothing. Waits are for the event, never fixed sleeps.
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { SavedRequestBody } from '../../electron/contract';
import { openSavedStore, type SavedStore } from '../../electron/saved/store';
import { requestFileText } from '../../electron/workspace/format';

const dirs: string[] = [];
const stores: SavedStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const body: SavedRequestBody = {
  kind: 'single',
  target: { type: 'name', streamName: 'orders' },
  partitionKey: 'k',
  payload: { mode: 'text', text: 'hello' },
};
const fileText = (name: string, text = 'hello') =>
  requestFileText({
    kind: 'stream-composer/request',
    version: 1,
    name,
    request: { ...body, payload: { mode: 'text', text } },
  });

/** A store on a fresh data folder, and a way to wait for its next change event. */
async function watched() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'workspace-watch-'));
  dirs.push(dataDir);
  let events = 0;
  const waiters: (() => void)[] = [];
  const store = await openSavedStore({
    dataDir,
    watchDelayMs: 50,
    onChange: () => {
      events++;
      waiters.splice(0).forEach((w) => w());
    },
  });
  stores.push(store);
  const nextChange = () => new Promise<void>((resolve) => waiters.push(resolve));
  return { store, dir: store.dir(), nextChange, events: () => events };
}

test('files added, changed and deleted outside the app are picked up and announced', async () => {
  const { store, dir, nextChange } = await watched();

  let changed = nextChange();
  await writeFile(path.join(dir, 'pulled.request.yaml'), fileText('Pulled'));
  await changed;
  expect(store.snapshot().requests.map((r) => r.name)).toEqual(['Pulled']);

  changed = nextChange();
  await writeFile(path.join(dir, 'pulled.request.yaml'), fileText('Pulled', 'edited elsewhere'));
  await changed;
  expect(store.snapshot().requests[0].request).toMatchObject({ payload: { text: 'edited elsewhere' } });

  changed = nextChange();
  await writeFile(path.join(dir, 'broken.request.yaml'), 'kind: [');
  await changed;
  expect(store.workspace().problems).toEqual([
    expect.objectContaining({ path: 'broken.request.yaml', reason: 'workspaceNotYaml' }),
  ]);

  changed = nextChange();
  await unlink(path.join(dir, 'pulled.request.yaml'));
  await unlink(path.join(dir, 'broken.request.yaml'));
  await changed;
  expect(store.snapshot().requests).toEqual([]);
  expect(store.workspace().problems).toEqual([]);
});

test('an environment file changed outside the app is announced too', async () => {
  const { store, dir, nextChange } = await watched();
  const changed = nextChange();
  const { mkdir } = await import('node:fs/promises');
  await mkdir(path.join(dir, 'environments'));
  await writeFile(
    path.join(dir, 'environments', 'dev.yaml'),
    'kind: stream-composer/environment\nversion: 1\nvariables:\n  STREAM: orders-dev\n',
  );
  await changed;
  // The directory may be seen before the file: wait until the environment is there.
  while (store.environments().length === 0) await nextChange();
  expect(store.environments()).toEqual([{ name: 'dev', variables: { STREAM: 'orders-dev' } }]);
});

test("the app's own writes announce nothing; an outside edit after them is announced once", async () => {
  const { store, dir, nextChange, events } = await watched();
  await store.save({ name: 'Mine', folderId: null, request: body });
  await store.createFolder('Orders');
  // An outside edit after the app's writes: once its event has come, every earlier event would have too.
  const changed = nextChange();
  await writeFile(path.join(dir, 'Orders', 'theirs.request.yaml'), fileText('Theirs'));
  await changed;
  expect(events()).toBe(1);
  expect(
    store
      .snapshot()
      .requests.map((r) => r.name)
      .sort(),
  ).toEqual(['Mine', 'Theirs']);
});
