// The app as main wires it (the real handler table and services) for tests that call it directly:
// a fresh temporary data folder, the test cipher, an empty environment and an English system.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestCipher } from '../../electron/secrets';
import { wireApp, type WireOptions, type WiredApp } from '../../electron/wire';

export interface TestAppOptions extends Partial<WireOptions> {
  /** Writes files into the fresh data folder before the app opens it (a saved file, a corrupt one). */
  seed?: (dataDir: string) => Promise<void>;
}

export interface TestApp {
  app: WiredApp;
  dataDir: string;
  /** Closes the app, then removes the data folder unless the caller passed it in. Safe to call again. */
  close(): Promise<void>;
}

export async function wireTestApp({ seed, ...over }: TestAppOptions = {}): Promise<TestApp> {
  const owned = !over.dataDir;
  const dataDir = over.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'sc-app-')));
  const removeOwned = () => (owned ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());
  let app: WiredApp;
  try {
    await seed?.(dataDir);
    app = await wireApp({
      cipher: createTestCipher(),
      env: {},
      app: { version: 't', systemLocale: 'en-US' },
      openExternal: async () => {},
      ...over,
      dataDir,
    });
  } catch (e) {
    await removeOwned();
    throw e;
  }
  let closed: Promise<void> | undefined;
  const close = async () => {
    await app.close();
    await removeOwned();
  };
  return { app, dataDir, close: () => (closed ??= close()) };
}
