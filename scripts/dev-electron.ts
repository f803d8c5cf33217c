// `npm run dev` where the Electron binary is installed: the real app, its page from Vite's dev
// server (main.ts honours VITE_DEV_SERVER_URL only when not packaged), and main, preload and
// worker rebuilt into dist-electron/ on save. Electron cannot swap its main process, so a rebuild
// restarts the app; a renderer change still hot-reloads inside the open window.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { serveRenderer, watchBundles } from './dev-loop';
import { mainBundle, preloadBundle, workerBundle } from './electron-bundles';

/**
 * The Electron binary where it is installed, else null. Read as the electron package finds it
 * (path.txt, ELECTRON_OVERRIDE_DIST_PATH) but without require('electron'), which would start a
 * download from GitHub when the binary is missing.
 */
export function electronBinary(root: string): string | null {
  try {
    const pkg = path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
    const name = existsSync(path.join(pkg, 'path.txt')) ? readFileSync(path.join(pkg, 'path.txt'), 'utf8') : null;
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const binary = override ? path.join(override, name ?? 'electron') : name && path.join(pkg, 'dist', name);
    return binary && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Runs until the app is quit by its user. */
export async function runElectronDev(root: string, binary: string, port: number): Promise<void> {
  const { url, server } = await serveRenderer(root, port);
  let app: ChildProcess | null = null;
  let restarting: Promise<void> = Promise.resolve();
  let quit!: () => void;
  const quitByUser = new Promise<void>((resolve) => (quit = resolve));
  const launch = () => {
    const child = spawn(binary, ['.'], {
      cwd: root,
      env: { ...process.env, VITE_DEV_SERVER_URL: url },
      stdio: 'inherit',
    });
    child.once('exit', () => {
      if (app === child) quit();
    });
    app = child;
  };
  // Main and preload need a restart; a rebuilt worker (the last) is simply started by the next task.
  const watch = await watchBundles(
    [mainBundle, preloadBundle, workerBundle].map((bundle) => ({ ...bundle, absWorkingDir: root })),
    (index) => {
      if (index === 2) return;
      console.log('[dev] main rebuilt, restarting Electron');
      // One app at a time: the single-instance lock would make a second one quit at once.
      restarting = restarting.then(async () => {
        const old = app;
        app = null;
        if (old && old.exitCode === null) {
          const exited = new Promise((resolve) => old.once('exit', resolve));
          old.kill('SIGTERM');
          await exited;
        }
        launch();
      });
    },
    (text) => process.stdout.write(text),
  );
  launch();
  console.log(`Stream Composer dev loop: Electron with its page from ${url}. Quit the app to stop.`);
  await quitByUser;
  await watch.dispose();
  await server.close();
}
