// Shared e2e helpers: a test gets its own app (fresh data folder, own sandbox on port 0), or shares
// one with the file's other tests that need nothing of their own; a failing test leaves a
// screenshot in test-results/ for the person who has to fix it.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import type { Payload, ProfileInput, ProfileView } from '../../electron/contract';
import { defaultRegion } from '../../electron/shared/defaults';
import { clockPast } from './clock';
import { value } from './results';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchApp, type LaunchOptions, type LaunchedApp } from '../harness/launch';

export { closedPort } from './ports';

let shared: Promise<Browser> | null = null;
// One Chromium per test file, one context per app: a Chromium takes seconds to start on a busy
// machine, a context milliseconds, and contexts share no storage, cookies or pages.
afterAll(async () => {
  const browser = shared;
  shared = null;
  if (browser) await (await browser).close();
});

/** The file's one Chromium, also for an app a file keeps across several tests. */
export function sharedBrowser(): Promise<Browser> {
  shared ??= chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return shared;
}

export async function withApp(
  name: string,
  options: LaunchOptions,
  fn: (app: LaunchedApp) => Promise<void>,
): Promise<void> {
  const app = await launchApp({ ...options, browser: await sharedBrowser() });
  try {
    await fn(app);
  } catch (e) {
    await screenshotFailure(app, name);
    throw e;
  } finally {
    await app.close();
  }
}

/**
 * One app kept across the tests of a file that need no app of their own: starting an app costs
 * seconds on a busy machine, a reload about half that. Called at the top of a test file; the app
 * closes after the file. `options` is read when the first test starts (so paths made in beforeAll
 * are set). Before each later test `reset` puts main's state back, the page is reloaded, and the
 * app's lists of responses, operations and events start empty. Returns the function a test runs in.
 */
export function sharedApp(
  options: () => LaunchOptions,
  reset: (app: LaunchedApp) => Promise<void>,
): (name: string, fn: (app: LaunchedApp) => Promise<void>) => Promise<void> {
  let app: LaunchedApp | undefined;
  afterAll(async () => {
    await app?.close();
  });
  return async (name, fn) => {
    if (app) {
      await reset(app);
      await app.page.reload();
      app.responses.length = 0;
      app.invoked.length = 0;
      app.events.length = 0;
    } else app = await launchApp({ ...options(), browser: await sharedBrowser() });
    try {
      await fn(app);
    } catch (e) {
      await screenshotFailure(app, name);
      throw e;
    }
  };
}

/** Main's state as a first launch has it: only the sandbox connection, selected, and an empty history. */
export async function backToFirstLaunch(app: LaunchedApp): Promise<void> {
  const { profiles } = value(await app.call('listProfiles', {}));
  const sandbox = profiles.find((p) => p.kind === 'sandbox')!;
  value(await app.call('selectProfile', { id: sandbox.id }));
  for (const p of profiles) if (p.id !== sandbox.id) value(await app.call('deleteProfile', { id: p.id }));
  value(await app.call('clearHistory', {}));
}

/** A failed test's page, for the person who has to fix it. */
async function screenshotFailure(app: LaunchedApp, name: string): Promise<void> {
  const dir = path.resolve(import.meta.dirname, '../../test-results');
  await mkdir(dir, { recursive: true });
  await app.page
    .screenshot({ path: path.join(dir, `${name.replace(/[^\w-]+/g, '_')}.png`), fullPage: true })
    .catch(() => {});
}

/**
 * Waits until the locator shows, looking every 50 ms (expect.poll). Playwright's own waits
 * (waitFor, and an action or innerText on an element not there yet) look again after 20, 50, 100,
 * 100, then every 500 ms, so a part that shows after a few hundred ms is seen up to 500 ms late.
 */
export const shown = (locator: Locator, timeout = 15_000): Promise<void> =>
  expect.poll(() => locator.isVisible(), { timeout }).toBe(true);

/** The texts of what the locator matches now, without waiting for it to be there (see shown). */
export const texts = async (locator: Locator): Promise<string> => (await locator.allInnerTexts()).join('\n');

export const profileDefaults: Omit<ProfileInput, 'name' | 'kind'> = {
  endpoint: '',
  region: '',
  ydsCloudId: '',
  ydsDatabaseId: '',
  credentials: { source: 'static', sharedProfile: '' },
  timeoutMs: 10_000,
  maxAttempts: 1,
};

export async function addProfile(
  app: LaunchedApp,
  input: Partial<ProfileInput> & Pick<ProfileInput, 'name' | 'kind'>,
): Promise<ProfileView> {
  // The region the editor fills in for the kind: main refuses a blank one where it matters.
  return value(await app.call('saveProfile', { ...profileDefaults, region: defaultRegion(input.kind), ...input }));
}

export async function sandboxEndpoint(app: LaunchedApp): Promise<string> {
  const status = value(await app.call('getSandboxStatus', {}));
  return status.endpoint!;
}

/** Creates a stream in the sandbox through the operation the "New stream" dialog uses. */
export async function createSandboxStream(app: LaunchedApp, streamName: string, shardCount: number): Promise<void> {
  const sandbox = value(await app.call('listProfiles', {})).profiles.find((p) => p.kind === 'sandbox')!;
  value(await app.call('createStream', { profileId: sandbox.id, target: { type: 'name', streamName }, shardCount }));
}

/**
 * Sends records to the sandbox's example-stream through main's send operation, one after another
 * (not through the form); returns the sandbox connection's id.
 */
export async function sendToExampleStream(
  app: LaunchedApp,
  records: { key: string; payload: Payload }[],
  after?: () => Promise<unknown>,
): Promise<string> {
  const sandbox = value(await app.call('listProfiles', {})).profiles.find((p) => p.kind === 'sandbox')!;
  for (const { key, payload } of records) {
    const out = value(
      await app.call('sendRecord', {
        requestId: crypto.randomUUID(),
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'example-stream' },
        partitionKey: key,
        payload,
      }),
    );
    if (!out.result.ok) throw new Error(JSON.stringify(out.result.error));
    await after?.();
  }
  return sandbox.id;
}

/**
 * Sends text records to example-stream in order. Arrival times have millisecond precision, so each
 * is sent in a later millisecond than the one before was stored: arrival order is send order.
 */
export const sendTextRecords = (app: LaunchedApp, records: { key: string; text: string }[]): Promise<string> =>
  sendToExampleStream(
    app,
    records.map(({ key, text }) => ({ key, payload: { mode: 'text', text } })),
    () => clockPast(Date.now()),
  );

export { value };
