// Loads the real electron/main.ts with the `electron` module mocked (the binary cannot run here)
// and checks the security settings and that the IPC surface is exactly the contract's.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { EVENT_NAMES, OPERATION_NAMES, channelOf, eventChannelOf } from '../../electron/contract';
import { seen as h } from './helpers/electron-mock';

type Listener = (...args: unknown[]) => unknown;

vi.mock('electron', async () => (await import('./helpers/electron-mock')).electron);

// electron-store imports electron itself; in the app it is conf with Electron's paths.
vi.mock('electron-store', async () => ({ default: (await import('conf')).default }));

const ownPage = { senderFrame: { url: pathToFileURL(path.resolve(import.meta.dirname, '../../dist/renderer/index.html')).href } };

beforeAll(async () => {
  h.userData = await mkdtemp(path.join(os.tmpdir(), 'sc-main-'));
  const main = await import('../../electron/main');
  await main.started;
});

afterAll(async () => {
  h.appListeners.get('before-quit')?.({ preventDefault: () => {} });
  await new Promise((r) => setTimeout(r, 100));
  await rm(h.userData, { recursive: true, force: true });
});

describe('electron main', () => {
  test('the window is sandboxed and isolated, and loads the built renderer', () => {
    expect(h.errorBoxes).toEqual([]);
    expect(h.windows).toHaveLength(1);
    const prefs = h.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(h.windows[0].loaded[0]).toMatch(/dist[\\/]renderer[\\/]index\.html$/);
  });

  test('the registered IPC channels are exactly the contract operations', () => {
    expect([...h.handlers.keys()].sort()).toEqual(OPERATION_NAMES.map(channelOf).sort());
  });

  test('events main emits reach the app window on their own channel, and none once it is destroyed', async () => {
    expect(EVENT_NAMES.map(eventChannelOf)).toContain('composer-event:tail');
    const win = h.windows[0];
    const profiles = (await h.handlers.get(channelOf('listProfiles'))!(ownPage, {})) as { value: { profiles: { id: string }[] } };
    const started = (await h.handlers.get(channelOf('startTail'))!(ownPage, {
      profileId: profiles.value.profiles[0].id,
      target: { type: 'name', streamName: 'example-stream' },
      from: 'LATEST',
    })) as { ok: boolean; value: { tailId: string } };
    expect(started.ok).toBe(true);
    await vi.waitFor(() => expect(win.sent.length).toBeGreaterThan(0), { timeout: 15_000 });
    expect(win.sent[0]).toMatchObject({ channel: 'composer-event:tail', payload: { tailId: started.value.tailId, state: 'running' } });
    win.destroyed = true;
    const before = win.sent.length;
    await h.handlers.get(channelOf('stopTail'))!(ownPage, { tailId: started.value.tailId });
    await new Promise((r) => setTimeout(r, 600));
    expect(win.sent.length).toBe(before);
    win.destroyed = false;
  });

  test('a frame that is not our page is refused; our page is served', async () => {
    const handler = h.handlers.get(channelOf('listProfiles'))!;
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, error: { code: 'REJECTED' } });
    expect(await handler({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'REJECTED' } });
    const own = (await handler(ownPage, {})) as { ok: boolean; value: { profiles: { kind: string }[] } };
    expect(own.ok).toBe(true);
    expect(own.value.profiles[0].kind).toBe('sandbox');
  });

  test('malformed input is refused with the field named, before any service runs', async () => {
    const res = await h.handlers.get(channelOf('selectProfile'))!(ownPage, { id: 42 });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'id' }] } });
    const extra = await h.handlers.get(channelOf('clearHistory'))!(ownPage, { everything: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('navigation, new windows, webviews and permissions are denied; only https opens outside', async () => {
    const events = new Map<string, Listener>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    h.appListeners.get('web-contents-created')!(
      {},
      {
        on: (e: string, fn: Listener) => events.set(e, fn),
        setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      },
    );
    let prevented = 0;
    events.get('will-navigate')!({ preventDefault: () => prevented++ }, 'https://evil.example/');
    events.get('will-attach-webview')!({ preventDefault: () => prevented++ });
    expect(prevented).toBe(2);
    expect(openHandler!({ url: 'https://yandex.cloud/docs/data-streams' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // Starts with https: but is no URL: denied, and nothing is left to reject unhandled.
      expect(openHandler!({ url: 'https://[broken' })).toEqual({ action: 'deny' });
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(h.opened).toEqual(['https://yandex.cloud/docs/data-streams']);
    let granted: boolean | undefined;
    h.permission.request!({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(h.permission.check!({}, 'clipboard-read')).toBe(false);
  });
});
