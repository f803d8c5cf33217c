// npm run preview: the app in a Chromium app window (no tabs, no address bar, sized to the screen),
// for people without the Electron binary. The same renderer and handler table as the desktop app;
// data is kept in ./.preview-data between runs. Whatever stops it is said in one line, never a
// stack trace: most often there is no display (a server, a container, CI).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { staleBecause } from '../tests/setup/build';

const appRoot = path.resolve(import.meta.dirname, '..');
const NO_DISPLAY = 'Stream Composer preview needs a display: run it as `xvfb-run -a npm run preview`.';

function stop(line: string): never {
  console.error(line);
  process.exit(1);
}

/** Chromium's own words when it finds no display to open a window on (X11 or Wayland). */
const isDisplayError = (message: string) =>
  /Missing X server|\$DISPLAY|cannot open display|Failed to connect to Wayland/i.test(message);

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) stop(NO_DISPLAY);

const stale = staleBecause(appRoot);
if (stale) {
  console.log(`Building the app (${stale}).`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: appRoot, stdio: 'inherit' });
  if (build.status !== 0) stop(`Stream Composer preview: the build failed (exit ${build.status ?? build.signal}).`);
}

// Loaded after the checks: the handler table pulls in the AWS SDK, which is slow to load.
const { launchApp } = await import('../tests/harness/launch');
const dataDir = path.resolve(process.env.PREVIEW_DATA_DIR ?? '.preview-data');
const app = await launchApp({
  dataDir,
  appWindow: true,
  locale: Intl.DateTimeFormat().resolvedOptions().locale,
  env: process.env,
}).catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  if (isDisplayError(message)) stop(NO_DISPLAY);
  return stop(`Stream Composer preview could not open its window: ${message.split('\n')[0]}`);
});
console.log(`Stream Composer preview is open (data in ${dataDir}). Close the window to stop.`);
// Closing the app window ends Chromium, and with it the context.
await new Promise<void>((resolve) => app.context.on('close', () => resolve()));
await app.close();
