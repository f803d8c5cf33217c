// Loads the real electron/main.ts with the `electron` module mocked (the binary cannot run here)
// and checks the security settings and that the IPC surface is exactly the contract's.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { EVENT_NAMES, OPERATION_NAMES, channelOf, eventChannelOf } from '../../electron/contract';
import { seen as h } from '../helpers/electron-mock';

type Listener = (...args: unknown[]) => unknown;

vi.mock('electron', async () => (await import('../helpers/electron-mock')).electron);

const ownPage = { senderFrame: { url: 'app://stream-composer/index.html' } };
const builtIndex = path.resolve(import.meta.dirname, '../../dist/renderer/index.html');

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
    // From the app's own scheme, not file://, whose origin would take in every file on disk.
    expect(h.windows[0].loaded).toEqual(['app://stream-composer/index.html']);
  });

  test('the app scheme is registered before ready as standard, secure and fetchable, without bypassing CSP', () => {
    expect(h.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(h.calls.indexOf('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(h.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(h.calls.indexOf('whenReady'));
    expect(h.calls.indexOf('protocol.handle')).toBeGreaterThan(h.calls.indexOf('whenReady'));
  });

  test("the app scheme serves the built renderer and nothing beside it, whatever the install folder's name", async () => {
    const serve = h.protocolHandlers.get('app')!;
    const index = await serve(new Request('app://stream-composer/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await index.text();
    expect(html).toContain('<div id="root"></div>');
    // The page's own script, by the URL the page names it with.
    const script = /<script[^>]+src="\.\/([^"]+)"/.exec(html)![1];
    const js = await serve(new Request(`app://stream-composer/${script}`));
    expect([js.status, js.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    // package.json is two folders above dist/renderer: reachable only by leaving it.
    for (const url of [
      'app://stream-composer/..%2F..%2Fpackage.json',
      'app://stream-composer/assets/..%2F..%2F..%2Fpackage.json',
      'app://stream-composer/package.json',
    ]) {
      expect({ url, status: (await serve(new Request(url))).status }).toEqual({ url, status: 404 });
    }
  });

  test("the registered IPC channels, electron-store's or any other package's included, are exactly the contract operations", () => {
    expect([...h.handlers.keys(), ...h.listeners.keys()].sort()).toEqual(OPERATION_NAMES.map(channelOf).sort());
  });

  test('events main emits reach the app window on their own channel, and none once it is destroyed', async () => {
    expect(EVENT_NAMES.map((name) => eventChannelOf(name))).toContain('composer-event:history');
    const win = h.windows[0];
    const profiles = (await h.handlers.get(channelOf('listProfiles'))!(ownPage, {})) as {
      value: { profiles: { id: string }[] };
    };
    const started = (await h.handlers.get(channelOf('startTail'))!(ownPage, {
      profileId: profiles.value.profiles[0].id,
      target: { type: 'name', streamName: 'example-stream' },
      from: 'LATEST',
    })) as { ok: boolean; value: { tailId: string } };
    expect(started.ok).toBe(true);
    await vi.waitFor(() => expect(win.sent.length).toBeGreaterThan(0), { timeout: 15_000 });
    // A tail's events go out on its own channel: only the page's listener of this tail hears them.
    expect(win.sent[0]).toMatchObject({
      channel: `composer-event:tail:${started.value.tailId}`,
      payload: { tailId: started.value.tailId, state: 'running' },
    });
    win.destroyed = true;
    const before = win.sent.length;
    await h.handlers.get(channelOf('stopTail'))!(ownPage, { tailId: started.value.tailId });
    await new Promise((r) => setTimeout(r, 600));
    expect(win.sent.length).toBe(before);
    win.destroyed = false;
  });

  test('a frame that is not our page is refused, a file:// page too; our page is served', async () => {
    const handler = h.handlers.get(channelOf('listProfiles'))!;
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({
      ok: false,
      error: { code: 'REJECTED' },
    });
    expect(await handler({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'REJECTED' } });
    // Any local HTML file (a download opened in the app, say) is file://, like the old page was.
    for (const url of [
      pathToFileURL(builtIndex).href,
      'file:///tmp/evil.html',
      'app://stream-composer.evil.example/index.html',
    ]) {
      expect(await handler({ senderFrame: { url } }, {})).toMatchObject({ ok: false, error: { code: 'REJECTED' } });
    }
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
    h.permission.request!({}, 'media', (g: boolean) => (granted = g), {
      requestingUrl: 'app://stream-composer/index.html',
    });
    expect(granted).toBe(false);
    expect(h.permission.check!({}, 'clipboard-read', 'app://stream-composer', {})).toBe(false);
  });

  test("copy buttons may write the clipboard from the app's own page, and no other page may", () => {
    const request = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      h.permission.request!({}, permission, (g: boolean) => (granted = g), { requestingUrl, isMainFrame: true });
      return granted;
    };
    expect(request('clipboard-sanitized-write', 'app://stream-composer/index.html')).toBe(true);
    expect(
      h.permission.check!({}, 'clipboard-sanitized-write', 'app://stream-composer', {
        requestingUrl: 'app://stream-composer/index.html',
      }),
    ).toBe(true);
    for (const url of ['https://evil.example/', pathToFileURL(builtIndex).href, 'app://other/index.html']) {
      expect({ url, granted: request('clipboard-sanitized-write', url) }).toEqual({ url, granted: false });
      expect({
        url,
        granted: h.permission.check!({}, 'clipboard-sanitized-write', url, { requestingUrl: url }),
      }).toEqual({ url, granted: false });
    }
    for (const permission of [
      'clipboard-read',
      'media',
      'notifications',
      'geolocation',
      'openExternal',
      'fileSystem',
    ]) {
      expect({ permission, granted: request(permission, 'app://stream-composer/index.html') }).toEqual({
        permission,
        granted: false,
      });
      expect({ permission, granted: h.permission.check!({}, permission, 'app://stream-composer', {}) }).toEqual({
        permission,
        granted: false,
      });
    }
  });

  test('a second start of the app brings the running window forward, restored if minimized', () => {
    const win = h.windows[0];
    win.minimized = true;
    const focused = win.focused;
    h.appListeners.get('second-instance')!({}, ['stream-composer'], '/');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(focused + 1);
  });
});
