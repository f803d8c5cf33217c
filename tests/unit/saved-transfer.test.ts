// Saved requests through the real handler table (wireApp on fresh data folders): export → import on
// another "machine", profile matching by name, malformed imports that change nothing, and no
// credential in an export or in the workspace's files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ProfileInput, SavedRequestBody } from '../../electron/contract';
import { SAVED_FILE_NAME } from '../../electron/saved/file';
import { defaultWorkspaceDir } from '../../electron/saved/store';
import { wireTestApp, type TestApp } from '../helpers/app';
import { workspaceFiles } from '../helpers/workspace';
import { value } from '../helpers/results';

const KEY_ID = 'AKIASAVEDEXPORTKEY42';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/saved-export-secret';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** An app on a fresh data folder; exports go to `io.save`, imports read `io.open`. */
async function app(io: { save?: string; open?: string; savedFile?: string } = {}): Promise<TestApp> {
  const wired = await wireTestApp({
    app: { version: '0', systemLocale: 'en' },
    seed: async (dataDir) => {
      if (io.savedFile !== undefined) await writeFile(path.join(dataDir, SAVED_FILE_NAME), io.savedFile);
    },
    chooseSavePath: async () => io.save ?? null,
    chooseOpenPath: async () => io.open ?? null,
  });
  cleanups.push(wired.close);
  return wired;
}

const awsProfile: ProfileInput = {
  name: 'AWS prod',
  kind: 'aws',
  endpoint: '',
  region: 'eu-west-1',
  ydsCloudId: '',
  ydsDatabaseId: '',
  credentials: { source: 'static', sharedProfile: '', accessKeyId: KEY_ID, secretAccessKey: SECRET },
  timeoutMs: 5000,
  maxAttempts: 3,
};

const single: SavedRequestBody = {
  kind: 'single',
  target: { type: 'name', streamName: 'orders' },
  partitionKey: 'user-1',
  explicitHashKey: '42',
  payload: { mode: 'json', text: '{"order": 1}' },
};
const batch: SavedRequestBody = {
  kind: 'batch',
  target: { type: 'name', streamName: 'orders' },
  source: {
    type: 'rows',
    rows: [
      { partitionKey: 'a', payload: '{"n":1}' },
      { partitionKey: 'b', payload: '{"n":2}' },
    ],
  },
  keys: { type: 'row' },
  payloadMode: 'json',
  seed: 7,
  plan: { ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 3 },
};

describe('saved requests: export and import', () => {
  test('round trip onto a fresh data folder keeps folders and bodies, and matches the profile by name', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'saved-export-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'saved.json');

    const first = await app({ save: file });
    const prod = value(await first.app.handlers.saveProfile(awsProfile));
    const { folder } = value(await first.app.handlers.createFolder({ name: 'Orders' }));
    value(
      await first.app.handlers.saveRequest({
        name: 'One order',
        folderId: folder.id,
        profileId: prod.id,
        request: single,
      }),
    );
    const { saved: rows } = value(
      await first.app.handlers.saveRequest({ name: 'Two rows', folderId: null, profileId: prod.id, request: batch }),
    );
    // A workspace file names its connection, never an id of this machine.
    expect(rows.profile).toEqual({ name: 'AWS prod' });
    expect(value(await first.app.handlers.exportSaved({}))).toEqual({ path: file, count: 2 });

    // Another machine: a profile of the same name (another id) and one of another name.
    const second = await app({ open: file });
    const sameName = value(
      await second.app.handlers.saveProfile({
        ...awsProfile,
        credentials: { ...awsProfile.credentials, accessKeyId: 'AKIAOTHERMACHINE0001', secretAccessKey: 'other' },
      }),
    );
    const result = value(await second.app.handlers.importSaved({}));
    expect(result).toMatchObject({ path: file, imported: 2, renamed: 0 });
    expect(result.list.folders.map((f) => f.name)).toEqual(['Orders']);
    const byName = Object.fromEntries(result.list.requests.map((r) => [r.name, r]));
    expect(byName['One order']).toMatchObject({
      folderId: result.list.folders[0].id,
      request: single,
      profile: { name: 'AWS prod' },
      profileId: sameName.id,
    });
    expect(byName['Two rows']).toMatchObject({ folderId: null, request: batch, profileId: sameName.id });

    // The same file again: the folder merges by name, the requests get new ids.
    const again = value(await second.app.handlers.importSaved({}));
    expect(again).toMatchObject({ imported: 2, renamed: 2 });
    expect(again.list.folders).toHaveLength(1);
    expect(new Set(again.list.requests.map((r) => r.id)).size).toBe(4);

    // No profile of that name or id here: profileId null, the renderer uses the current profile.
    const third = await app({ open: file });
    expect(value(await third.app.handlers.importSaved({})).list.requests.every((r) => r.profileId === null)).toBe(true);
  });

  test('an export of picked requests holds only them and their folders', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'saved-export-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'picked.json');
    const { app: a } = await app({ save: file });
    const profileId = value(await a.handlers.listProfiles({})).profiles[0].id;
    const f1 = value(await a.handlers.createFolder({ name: 'A' })).folder;
    value(await a.handlers.createFolder({ name: 'B' }));
    const { saved } = value(
      await a.handlers.saveRequest({ name: 'in A', folderId: f1.id, profileId, request: single }),
    );
    value(await a.handlers.saveRequest({ name: 'at root', folderId: null, profileId, request: single }));
    expect(value(await a.handlers.exportSaved({ ids: [saved.id] })).count).toBe(1);
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written.folders).toEqual([f1]);
    expect(written.requests.map((r: { name: string }) => r.name)).toEqual(['in A']);
  });

  test('a malformed import changes nothing and says what is wrong, by line or by field', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'saved-import-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'bad.json');
    const { app: a, dataDir } = await app({ open: file });
    const profileId = value(await a.handlers.listProfiles({})).profiles[0].id;
    value(await a.handlers.saveRequest({ name: 'existing', folderId: null, profileId, request: single }));
    const before = await workspaceFiles(defaultWorkspaceDir(dataDir));
    const good = {
      kind: 'stream-composer/saved-requests',
      version: 1,
      exportedAt: new Date().toISOString(),
      folders: [],
    };
    const request = {
      id: 'r1',
      name: 'Broken one',
      folderId: null,
      profile: { id: 'p', name: 'P' },
      createdAt: good.exportedAt,
      updatedAt: good.exportedAt,
    };

    const cases: [string, RegExp][] = [
      ['{\n  "kind": "stream-composer/saved-requests",\n  "version": 1\n  "folders": []\n}', /line 4, column 3/],
      [JSON.stringify({ ...good, kind: 'history' }), /"kind" is not "stream-composer\/saved-requests"/],
      [
        JSON.stringify({
          ...good,
          requests: [{ ...request, request: { ...single, target: { type: 'name', streamName: '' } } }],
        }),
        /requests\[0\]\.request\.target\.streamName \("Broken one"\)/,
      ],
      // A stray field (say, a credential someone added by hand) is refused, not carried along.
      [
        JSON.stringify({ ...good, requests: [{ ...request, request: { ...single, secretAccessKey: SECRET } }] }),
        /requests\[0\]\.request \("Broken one"\).*secretAccessKey/,
      ],
    ];
    for (const [contents, message] of cases) {
      await writeFile(file, contents);
      const result = await a.handlers.importSaved({});
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(message);
      expect(await workspaceFiles(defaultWorkspaceDir(dataDir))).toEqual(before);
      expect(value(await a.handlers.listSaved({})).requests.map((r) => r.name)).toEqual(['existing']);
    }
  });

  test('a damaged saved-requests file is reported at start, beside the other notices, and left alone', async () => {
    const { app: a, dataDir } = await app({ savedFile: '{"version": 1' });
    const { notices } = value(await a.handlers.getAppInfo({}));
    expect(notices).toEqual([
      expect.objectContaining({ code: 'SAVED_NOT_MIGRATED', path: path.join(dataDir, SAVED_FILE_NAME) }),
    ]);
    expect(await readFile(path.join(dataDir, SAVED_FILE_NAME), 'utf8')).toBe('{"version": 1');
    expect(value(await a.handlers.listSaved({}))).toEqual({ folders: [], requests: [] });
  });

  test('no credential of the profile gets into an export or the saved-requests file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'saved-secret-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'export.json');
    const { app: a, dataDir } = await app({ save: file });
    const prod = value(await a.handlers.saveProfile(awsProfile));
    value(await a.handlers.saveRequest({ name: 'One', folderId: null, profileId: prod.id, request: single }));
    value(await a.handlers.saveRequest({ name: 'Batch', folderId: null, profileId: prod.id, request: batch }));
    // A body carrying a credential is refused at the door.
    const smuggled = await a.handlers.saveRequest({
      name: 'x',
      folderId: null,
      profileId: prod.id,
      request: { ...single, secretAccessKey: SECRET },
    });
    expect(smuggled.ok).toBe(false);
    value(await a.handlers.exportSaved({}));
    for (const text of [
      await readFile(file, 'utf8'),
      JSON.stringify(await workspaceFiles(defaultWorkspaceDir(dataDir))),
      JSON.stringify(value(await a.handlers.listSaved({}))),
    ]) {
      expect(text).toContain('AWS prod');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(KEY_ID);
      expect(text).not.toMatch(/secretCipher|accessKeyId|"test:/);
    }
  });
});
