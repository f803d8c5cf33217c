// npm run dev: the app from source. A renderer change shows at once (Vite's hot reload); a change
// to main is rebuilt and main restarted. In Electron where its binary is installed, else (or with
// DEV_BROWSER=chromium) in a Chromium window as `npm run preview`, keeping the window across
// restarts of main, with data in ./.dev-data (DEV_DATA_DIR to move it). DEV_PORT: Vite's first port.
import path from 'node:path';
import { electronBinary, runElectronDev } from './dev-electron';
import { startDev } from './dev-loop';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.DEV_PORT ?? 5173);
const electron = process.env.DEV_BROWSER === 'chromium' ? null : electronBinary(root);

if (electron) {
  await runElectronDev(root, electron, port);
} else {
  const dataDir = path.resolve(process.env.DEV_DATA_DIR ?? '.dev-data');
  const loop = await startDev({
    root,
    dataDir,
    port,
    headless: false,
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
  });
  console.log(
    `Stream Composer dev loop: ${loop.url} in the Chromium window (data in ${dataDir}). Close the window to stop.`,
  );
  await new Promise<void>((resolve) => loop.page.on('close', () => resolve()));
  await loop.close();
}
