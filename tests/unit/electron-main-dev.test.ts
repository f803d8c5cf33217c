// `npm run dev` with the Electron binary: main, run from source, loads its page from Vite's dev
// server (VITE_DEV_SERVER_URL) and trusts that origin and no other; an installed app never does.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { channelOf } from '../../electron/contract';
import { devServerOrigin } from '../../electron/app-protocol';
import { seen as h } from '../helpers/electron-mock';

vi.mock('electron', async () => (await import('../helpers/electron-mock')).electron);

const DEV_URL = 'http://127.0.0.1:5173/';

beforeAll(async () => {
  h.userData = await mkdtemp(path.join(os.tmpdir(), 'sc-main-dev-'));
  process.env.VITE_DEV_SERVER_URL = DEV_URL;
  const main = await import('../../electron/main');
  await main.started;
});

afterAll(async () => {
  delete process.env.VITE_DEV_SERVER_URL;
  h.appListeners.get('before-quit')?.({ preventDefault: () => {} });
  await vi.waitFor(() => expect(h.quits).toBeGreaterThan(0), { timeout: 15_000 });
  await rm(h.userData, { recursive: true, force: true });
});

describe('electron main under npm run dev', () => {
  test('the window loads the dev server, whose page may call main; other pages, other ports included, may not', async () => {
    expect(h.windows[0].loaded).toEqual([DEV_URL]);
    const handler = h.handlers.get(channelOf('listProfiles'))!;
    for (const url of [DEV_URL, 'http://127.0.0.1:5173/index.html', 'app://stream-composer/index.html']) {
      expect({ url, answer: await handler({ senderFrame: { url } }, {}) }).toMatchObject({ url, answer: { ok: true } });
    }
    for (const url of [
      'http://127.0.0.1:5174/',
      'https://127.0.0.1:5173/',
      'http://127.0.0.1.evil.example:5173/',
      'file:///tmp/evil.html',
    ]) {
      expect({ url, answer: await handler({ senderFrame: { url } }, {}) }).toMatchObject({
        url,
        answer: { ok: false, error: { code: 'REJECTED' } },
      });
    }
  });

  test("the dev server's page gets the clipboard write as the app's own page does", () => {
    expect(h.permission.check!({}, 'clipboard-sanitized-write', 'http://127.0.0.1:5173', {})).toBe(true);
    expect(h.permission.check!({}, 'clipboard-sanitized-write', 'http://127.0.0.1:9999', {})).toBe(false);
  });
});

test('only an app run from source, and only for plain http on loopback, takes a dev server', () => {
  expect(devServerOrigin('http://localhost:5173/', false)).toBe('http://localhost:5173');
  expect(devServerOrigin('http://[::1]:5173/', false)).toBe('http://[::1]:5173');
  expect(devServerOrigin(DEV_URL, true)).toBeNull();
  for (const url of [
    undefined,
    '',
    'not a url',
    'https://127.0.0.1:5173/',
    'http://evil.example:5173/',
    'http://user:pw@127.0.0.1:5173/',
    'file:///tmp/index.html',
  ]) {
    expect({ url, origin: devServerOrigin(url, false) }).toEqual({ url, origin: null });
  }
});
