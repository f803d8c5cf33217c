// npm run dev, for real: the dev loop serves a copy of the project (so the test may edit its
// sources) in headless Chromium, and every kind of edit shows in the same window without a build.
import { appendFile, cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startDev, type DevLoop } from '../../scripts/dev-loop';

const repo = path.resolve(import.meta.dirname, '../..');
let loop: DevLoop | undefined;
let copy: string | undefined;

afterEach(async () => {
  await loop?.close();
  if (copy) await rm(copy, { recursive: true, force: true });
});

async function copyOfProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sc-dev-loop-'));
  for (const part of ['renderer', 'electron', 'scripts', 'package.json', 'tsconfig.json', 'vite.config.ts']) {
    await cp(path.join(repo, part), path.join(dir, part), { recursive: true });
  }
  await symlink(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

test('the renderer hot-reloads, a translation shows after a save, and main is rebuilt and restarted under the same window', async () => {
  copy = await copyOfProject();
  let output = '';
  loop = await startDev({ root: copy, dataDir: path.join(copy, 'data'), port: 0, headless: true, log: (text) => (output += text) });
  const { page } = loop;
  await page.getByRole('button', { name: 'Send', exact: true }).waitFor({ timeout: 60_000 });
  // Survives a hot update, not a page load.
  await page.evaluate(() => Object.assign(window, { devLoopMarker: 'same page' }));
  const marker = () => page.evaluate(() => (window as unknown as { devLoopMarker?: string }).devLoopMarker ?? 'reloaded');

  await appendFile(path.join(copy, 'renderer/styles.css'), '\n:root { --dev-loop-probe: 7px; }\n');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--dev-loop-probe').trim()), { timeout: 60_000 }).toBe('7px');
  expect(await marker()).toBe('same page');

  const probe = `dev-loop-probe-${process.pid}-${Date.now()}`;
  await appendFile(path.join(copy, 'electron/wire.ts'), `\nconsole.log(${JSON.stringify(probe)});\n`);
  await expect.poll(() => output, { timeout: 60_000 }).toContain(probe);
  // The restarted main answers the page that was already open.
  const profiles = await page.evaluate(() => (window as unknown as { composer: { listProfiles(input: object): Promise<{ ok: boolean }> } }).composer.listProfiles({}));
  expect(profiles.ok).toBe(true);
  expect(await marker()).toBe('same page');

  const en = path.join(copy, 'renderer/i18n/en.json');
  await writeFile(en, (await readFile(en, 'utf8')).replaceAll('": "Send"', '": "Send it"'));
  await page.getByRole('button', { name: 'Send it', exact: true }).waitFor({ timeout: 60_000 });
});
