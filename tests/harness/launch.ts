// launchApp(): the whole app without the Electron binary. The built renderer (dist/renderer) runs
// in Chromium; window.composer is served by the very handler table Electron registers (wireApp),
// with a fresh data folder, the test cipher and an injected environment. Used by the e2e tests,
// `npm run preview` and `npm run screenshots`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  EVENT_NAMES,
  OPERATION_NAMES,
  SUBJECT_EVENT_NAMES,
  eventSubjectOf,
  type EventName,
  type EventPayloads,
  type OperationName,
} from '../../electron/contract';
import { createTestCipher } from '../../electron/secrets';
import type { KeyPair } from '../../electron/services';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp } from '../helpers/app';
import { serveStatic, type StaticServer } from './static-server';

export interface LaunchOptions {
  /** The app's data folder; a new temporary one when omitted (removed again by close()). */
  dataDir?: string;
  /** The environment main sees (AWS_* variables, AWS_SHARED_CREDENTIALS_FILE, ...). */
  env?: Record<string, string | undefined>;
  /** The OS locale the app reports, e.g. 'en-US' or 'ru-RU'. */
  locale?: string;
  viewport?: { width: number; height: number };
  headless?: boolean;
  /** Simulate an OS without a real secret store (Linux basic_text). */
  weakSecretStore?: boolean;
  /** The key pair the local sandbox requires, in place of a random one per start. */
  sandboxCredentials?: KeyPair;
  /** Where an export is written in place of the save dialog; a new file in the data folder when omitted. */
  savePath?: string;
  /** The file an import reads in place of the open dialog; every import is cancelled when omitted. */
  openPath?: string;
  /** Answers the folder dialog (Open / New workspace); every one is cancelled when omitted. */
  chooseFolder?: () => string | null;
  /**
   * A running Chromium to open the app in, in a context of its own (its owner closes it): starting
   * one per app costs seconds on a busy machine. A new one, closed by close(), when omitted.
   */
  browser?: Browser;
  /**
   * A window of its own, like the desktop app's (`npm run preview`): Chromium's --app mode (no tabs,
   * no address bar), sized to the screen, resizable, the page filling it. Needs a display.
   */
  appWindow?: boolean;
}

export interface LaunchedApp {
  page: Page;
  context: BrowserContext;
  dataDir: string;
  /** Every value main sent to the renderer, as the page received it (for secret-leak checks). */
  responses: unknown[];
  /** The operation the page called, in order. */
  invoked: OperationName[];
  /** Every event main emitted to the page, with when (ms since epoch) it was sent. */
  events: { name: EventName; payload: unknown; at: number }[];
  /** Call an operation the way the renderer does, outside the page. */
  call<K extends OperationName>(op: K, input: unknown): ReturnType<WiredApp['handlers'][K]>;
  close(): Promise<void>;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');

const APP_WINDOW_BLANK = 'data:text/html,<title>Stream Composer</title>';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const locale = options.locale ?? 'en-US';
  const events: LaunchedApp['events'] = [];
  // Like webContents.send: a structured clone to the page, dropped while there is no page yet.
  let deliver: ((name: EventName, subject: string | null, payload: unknown) => void) | null = null;
  const {
    app: wired,
    dataDir,
    close: closeWired,
  } = await wireTestApp({
    dataDir: options.dataDir,
    emit: <E extends EventName>(name: E, payload: EventPayloads[E]) =>
      deliver?.(name, eventSubjectOf(name, payload), structuredClone(payload)),
    cipher: createTestCipher({ strong: !options.weakSecretStore }),
    env: options.env ?? {},
    app: { version: 'test', systemLocale: locale },
    sandboxCredentials: options.sandboxCredentials,
    chooseSavePath: async (suggestedName) =>
      options.savePath ?? path.join(dataDir, `export-${Date.now()}-${suggestedName}`),
    chooseOpenPath: async () => options.openPath ?? null,
    chooseFolder: async () => options.chooseFolder?.() ?? null,
  });
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let profileDir: string | undefined;
  try {
    server = await serveStatic(RENDERER_DIR);
    if (options.appWindow) {
      profileDir = await mkdtemp(path.join(os.tmpdir(), 'stream-composer-chromium-'));
      context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM_PATH,
        headless: false,
        locale,
        viewport: null,
        // The window opens on a blank page with the app's title: the app itself is loaded below,
        // once the bridge it needs is in place.
        args: [...CHROMIUM_ARGS, `--app=${APP_WINDOW_BLANK}`, '--start-maximized'],
      });
    } else {
      browser =
        options.browser ??
        (await chromium.launch({
          executablePath: CHROMIUM_PATH,
          headless: options.headless ?? true,
          args: CHROMIUM_ARGS,
        }));
      context = await browser.newContext({ locale, viewport: options.viewport ?? { width: 1280, height: 820 } });
    }
    const responses: unknown[] = [];
    const invoked: OperationName[] = [];
    const allowed = new Set<string>(OPERATION_NAMES);
    // Like Electron's IPC: values cross as structured clones, and only the contract's channels exist.
    await context.exposeBinding('__composerInvoke', async (_source, op: string, input: unknown) => {
      if (!allowed.has(op)) return { ok: false, error: { code: 'REJECTED', message: `No such operation: ${op}` } };
      invoked.push(op as OperationName);
      const result = structuredClone(await wired.handlers[op as OperationName](structuredClone(input)));
      responses.push(result);
      return result;
    });
    await context.addInitScript(exposeComposer, {
      ops: [...OPERATION_NAMES],
      eventNames: [...EVENT_NAMES],
      subjectEventNames: [...SUBJECT_EVENT_NAMES],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    deliver = (name, subject, payload) => {
      events.push({ name, payload, at: Date.now() });
      page
        .evaluate(
          ([n, s, p]) =>
            (
              window as unknown as { __composerEmit?: (n: string, s: string | null, p: unknown) => void }
            ).__composerEmit?.(n, s, p),
          [name, subject, payload] as const,
        )
        .catch(() => {});
    };
    if (options.appWindow) await fillScreen(page);
    await page.goto(server.url);
    const s = server;
    const b = browser;
    const c = context;
    const ownBrowser = !options.browser && !options.appWindow;
    const p = profileDir;
    return {
      page,
      context,
      dataDir,
      responses,
      invoked,
      events,
      call: ((op: OperationName, input: unknown) => wired.handlers[op](input)) as LaunchedApp['call'],
      async close() {
        deliver = null;
        await (ownBrowser ? b!.close() : c.close()).catch(() => {});
        await s.close();
        await closeWired();
        if (p) await removeProfile(p);
      },
    };
  } catch (e) {
    await (options.browser || options.appWindow ? context?.close() : browser?.close())?.catch(() => {});
    await server?.close();
    await closeWired();
    if (profileDir) await removeProfile(profileDir);
    throw e;
  }
}

/**
 * Chromium's profile folder, once the window is gone. A browser closed from outside (the user
 * closing the window, a SIGTERM) ends the connection before it has finished writing its profile,
 * so a plain remove can meet files still being created (ENOTEMPTY): it is tried again.
 */
const removeProfile = (dir: string) => rm(dir, { recursive: true, force: true, maxRetries: 10 });

/**
 * The window over the whole screen: --start-maximized needs a window manager to act on it, and a
 * bare X server (Xvfb) has none. The window stays resizable; with viewport null the page follows it.
 */
async function fillScreen(page: Page) {
  const screen = await page.evaluate(() => ({ width: window.screen.availWidth, height: window.screen.availHeight }));
  const cdp = await page.context().newCDPSession(page);
  const { windowId, bounds } = await cdp.send('Browser.getWindowForTarget');
  if (bounds.windowState === 'normal')
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left: 0, top: 0, ...screen } });
  await cdp.detach();
}

/**
 * Runs in the page before its scripts, in place of the preload: one method per operation, and `on`.
 * No function here may be bound to a name (`const f = () => ...`, `value: () => ...`): tsx
 * (npm run preview, screenshots) would wrap it in a `__name` helper the page does not have.
 */
export function exposeComposer({
  ops,
  eventNames,
  subjectEventNames,
}: {
  ops: string[];
  eventNames: string[];
  subjectEventNames: string[];
}): void {
  const invoke = (window as unknown as { __composerInvoke: (op: string, input: unknown) => Promise<unknown> })
    .__composerInvoke;
  // Keyed like the preload's channels: one per event, or per event and subject (a run, a tail).
  // One entry per subscription, so the same function subscribed twice is removed one at a time.
  const listeners = new Map<string, Set<{ listener: (payload: unknown) => void }>>();
  const bridge = {
    on(event: string, subject: string | null, listener: (payload: unknown) => void) {
      if (!eventNames.includes(event)) throw new Error(`No such event: ${event}`);
      const needsSubject = subjectEventNames.includes(event);
      if (needsSubject ? typeof subject !== 'string' || subject === '' : subject !== null)
        throw new Error(`Wrong subject for the ${event} event: ${String(subject)}`);
      const key = subject === null ? event : `${event}:${subject}`;
      if (!listeners.has(key)) listeners.set(key, new Set());
      const set = listeners.get(key)!;
      const entry = { listener };
      set.add(entry);
      return () => void set.delete(entry);
    },
    emit(event: string, subject: string | null, payload: unknown) {
      listeners.get(subject === null ? event : `${event}:${subject}`)?.forEach((entry) => entry.listener(payload));
    },
  };
  const api = { ...Object.fromEntries(ops.map((op) => [op, (input: unknown) => invoke(op, input)])), on: bridge.on };
  Object.defineProperty(window, 'composer', { value: Object.freeze(api), enumerable: true });
  Object.defineProperty(window, '__composerEmit', { value: bridge.emit });
}
