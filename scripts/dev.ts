// npm run dev: the app from source in a Chromium window. A renderer change shows at once (Vite's hot
// reload); a change to main is rebuilt and main restarted under the same window. Data is kept in
// ./.dev-data between runs (DEV_DATA_DIR to move it); DEV_PORT picks Vite's first port (5173).
import path from 'node:path';
import { startDev } from './dev-loop';

const dataDir = path.resolve(process.env.DEV_DATA_DIR ?? '.dev-data');
const loop = await startDev({
  root: path.resolve(import.meta.dirname, '..'),
  dataDir,
  port: Number(process.env.DEV_PORT ?? 5173),
  headless: false,
  locale: Intl.DateTimeFormat().resolvedOptions().locale,
});
console.log(`Stream Composer dev loop: ${loop.url} in the Chromium window (data in ${dataDir}). Close the window to stop.`);
await new Promise<void>((resolve) => loop.page.on('close', () => resolve()));
await loop.close();
