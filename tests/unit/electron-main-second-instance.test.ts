// Loads the real electron/main.ts with `electron` mocked as for a second copy of the app started
// while one runs: it must not open the data folder (two writers of one history) nor a window.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { seen } from '../helpers/electron-mock';

vi.mock('electron', async () => (await import('../helpers/electron-mock')).electron);

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-main-second-'));
  seen.userData = dir;
  seen.singleInstanceLock = false;
});

afterAll(() => rm(dir, { recursive: true, force: true }));

test('a second instance quits at once: no window, no channels, nothing written to the data folder', async () => {
  const main = await import('../../electron/main');
  await main.started;
  expect(seen.quits).toBe(1);
  expect(seen.windows).toHaveLength(0);
  expect(seen.handlers.size + seen.listeners.size).toBe(0);
  expect(seen.calls).not.toContain('whenReady');
  expect(seen.errorBoxes).toEqual([]);
  expect(await readdir(dir)).toEqual([]);
});
