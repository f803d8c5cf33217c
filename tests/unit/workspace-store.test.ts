// The workspace operations through the real handler table (wireTestApp on a fresh data folder):
// which workspace is open, New workspace only in an empty folder, Open of a folder that is not a
// workspace yet, assertions kept in the file, and the 'saved' event for an edit made outside.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { EventName, SavedRequestBody } from '../../electron/contract';
import { defaultWorkspaceDir } from '../../electron/saved/store';
import { wireTestApp } from '../helpers/app';
import { value } from '../helpers/results';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const body: SavedRequestBody = {
  kind: 'single',
  target: { type: 'name', streamName: '{{env.STREAM}}' },
  partitionKey: 'k',
  payload: { mode: 'json', text: '{"id": 1}' },
};

async function app(folder: () => string | null) {
  const events: { name: EventName; payload: unknown }[] = [];
  const wired = await wireTestApp({
    chooseFolder: async () => folder(),
    emit: (name, payload) => events.push({ name, payload }),
  });
  cleanups.push(wired.close);
  const root = await mkdtemp(path.join(os.tmpdir(), 'workspace-store-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  return { ...wired, events, root };
}

test('new workspace: refused in a folder that holds files, made in an empty one and kept for the next start', async () => {
  let folder: string | null = null;
  const { app: a, dataDir, root, events } = await app(() => folder);
  expect(value(await a.handlers.getWorkspace({}))).toEqual({
    path: defaultWorkspaceDir(dataDir),
    name: 'workspace',
    problems: [],
  });

  folder = null;
  expect(value(await a.handlers.newWorkspace({})).workspace).toBeNull();
  folder = path.join(root, 'busy');
  await mkdir(folder);
  await writeFile(path.join(folder, 'notes.txt'), 'mine');
  const refused = await a.handlers.newWorkspace({});
  expect(refused).toMatchObject({ ok: false, error: { reason: 'workspaceNotEmpty', params: { dir: folder } } });
  expect(await readFile(path.join(folder, 'notes.txt'), 'utf8')).toBe('mine');

  folder = path.join(root, 'fresh');
  await mkdir(folder);
  const made = value(await a.handlers.newWorkspace({}));
  expect(made.workspace).toEqual({ path: folder, name: 'fresh', problems: [] });
  // Whatever shows the workspace (the environment picker too) hears that it changed; a refusal said nothing.
  expect(events.filter((e) => e.name === 'saved').map((e) => e.payload)).toEqual([{ workspace: folder }]);
  const profileId = value(await a.handlers.listProfiles({})).profiles[0].id;
  const assertions = [
    { type: 'delivered' as const },
    { type: 'jsonField' as const, path: '$.id', op: 'equals' as const, value: '1' },
  ];
  const { saved } = value(
    await a.handlers.saveRequest({ name: 'Checked', folderId: null, profileId, request: body, assertions }),
  );
  expect(saved).toMatchObject({ id: 'checked.request.yaml', assertions, profileId });
  expect(await readFile(path.join(folder, 'checked.request.yaml'), 'utf8')).toContain(
    'assertions:\n  - { type: delivered }\n  - type: jsonField\n    path: $.id\n    op: equals\n    value: "1"\n',
  );
  await a.close();

  const again = await wireTestApp({ dataDir });
  cleanups.push(again.close);
  expect(value(await again.app.handlers.getWorkspace({})).path).toBe(folder);
  expect(value(await again.app.handlers.listSaved({})).requests.map((r) => r.name)).toEqual(['Checked']);
});

test('open: a folder without stream-composer.yaml is named, not opened, until the user says to make it one', async () => {
  let folder: string | null = null;
  const { app: a, dataDir, root } = await app(() => folder);
  folder = path.join(root, 'repo');
  await mkdir(folder);
  const asked = value(await a.handlers.openWorkspace({}));
  expect(asked).toMatchObject({ workspace: null, unmarked: folder });
  expect(value(await a.handlers.getWorkspace({})).path).toBe(defaultWorkspaceDir(dataDir));
  const opened = value(await a.handlers.openWorkspace({ path: folder, makeWorkspace: true }));
  expect(opened).toMatchObject({ workspace: { path: folder, name: 'repo' }, unmarked: null });
  expect(await readFile(path.join(folder, 'stream-composer.yaml'), 'utf8')).toBe(
    'kind: stream-composer/workspace\nversion: 1\n',
  );
});

test("an edit outside the app emits 'saved'; the app's own save does not", async () => {
  const { app: a, dataDir, events } = await app(() => null);
  const profileId = value(await a.handlers.listProfiles({})).profiles[0].id;
  value(await a.handlers.saveRequest({ name: 'Mine', folderId: null, profileId, request: body }));
  const dir = defaultWorkspaceDir(dataDir);
  await writeFile(
    path.join(dir, 'theirs.request.yaml'),
    'kind: stream-composer/request\nversion: 1\nname: Theirs\nrequest:\n  kind: single\n  target: { type: name, streamName: s }\n  partitionKey: k\n  payload: { mode: text, text: x }\n',
  );
  await expect.poll(() => events.filter((e) => e.name === 'saved'), { timeout: 15_000 }).toHaveLength(1);
  expect(events.find((e) => e.name === 'saved')?.payload).toEqual({ workspace: dir });
  expect(value(await a.handlers.listSaved({})).requests.map((r) => r.name)).toEqual(['Mine', 'Theirs']);
});
