// npm run preview: the app in a Chromium window, for people without the Electron binary. The same
// renderer and handler table as the desktop app; data is kept in ./.preview-data between runs.
import path from 'node:path';
import { launchApp } from '../tests/harness/launch';

const dataDir = path.resolve(process.env.PREVIEW_DATA_DIR ?? '.preview-data');
const app = await launchApp({
  dataDir,
  headless: false,
  locale: Intl.DateTimeFormat().resolvedOptions().locale,
  env: process.env,
});
console.log(`Stream Composer preview is open (data in ${dataDir}). Close the window to stop.`);
await new Promise<void>((resolve) => app.page.on('close', () => resolve()));
await app.close();
