// Loads the real electron/main.ts with `electron` mocked and a data folder that cannot be used (a
// regular file stands where the folder should be): the user gets a message and the app quits.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { seen } from '../helpers/electron-mock';

vi.mock('electron', async () => (await import('../helpers/electron-mock')).electron);

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-main-fail-'));
  seen.userData = path.join(dir, 'not-a-folder');
  await writeFile(seen.userData, 'a file where the data folder should be');
});

afterAll(() => rm(dir, { recursive: true, force: true }));

test('a data folder that cannot be opened: an error box that names the folder, no window, and quit', async () => {
  const main = await import('../../electron/main');
  await main.started;
  expect(seen.errorBoxes).toHaveLength(1);
  const [box] = seen.errorBoxes;
  expect(box.title).toBe('Stream Composer could not start');
  expect(box.content).toContain(seen.userData);
  expect(box.content).toMatch(/folder you may write to.*start Stream Composer again/s);
  expect(seen.quits).toBe(1);
  expect(seen.windows).toHaveLength(0);
  expect(seen.handlers.size).toBe(0);
});
