// npm run dev, for real: the dev loop serves a copy of the project (so the test may edit its
// sources) in headless Chromium, and every kind of edit shows in the same window without a build.
// The Electron variant runs against a stand-in binary (the real one cannot be downloaded here).
import { access, appendFile, chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { electronBinary, runElectronDev } from '../../scripts/dev-electron';
import { startDev, type DevLoop } from '../../scripts/dev-loop';

const repo = path.resolve(import.meta.dirname, '../..');
let loop: DevLoop | undefined;
let copy: string | undefined;

afterEach(async () => {
  await loop?.close();
  loop = undefined;
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
  loop = await startDev({
    root: copy,
    dataDir: path.join(copy, 'data'),
    port: 0,
    headless: true,
    log: (text) => (output += text),
  });
  const { page } = loop;
  await page.getByRole('button', { name: 'Send', exact: true }).waitFor({ timeout: 60_000 });
  // Survives a hot update, not a page load.
  await page.evaluate(() => Object.assign(window, { devLoopMarker: 'same page' }));
  const marker = () =>
    page.evaluate(() => (window as unknown as { devLoopMarker?: string }).devLoopMarker ?? 'reloaded');

  await appendFile(path.join(copy, 'renderer/styles.css'), '\n:root { --dev-loop-probe: 7px; }\n');
  await expect
    .poll(
      () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--dev-loop-probe').trim()),
      { timeout: 60_000 },
    )
    .toBe('7px');
  expect(await marker()).toBe('same page');

  const probe = `dev-loop-probe-${process.pid}-${Date.now()}`;
  await appendFile(path.join(copy, 'electron/wire.ts'), `\nconsole.log(${JSON.stringify(probe)});\n`);
  await expect.poll(() => output, { timeout: 60_000 }).toContain(probe);
  // The restarted main answers the page that was already open.
  const profiles = await page.evaluate(() =>
    (
      window as unknown as { composer: { listProfiles(input: object): Promise<{ ok: boolean }> } }
    ).composer.listProfiles({}),
  );
  expect(profiles.ok).toBe(true);
  expect(await marker()).toBe('same page');

  const en = path.join(copy, 'renderer/i18n/en.json');
  await writeFile(en, (await readFile(en, 'utf8')).replaceAll('": "Send"', '": "Send it"'));
  await page.getByRole('button', { name: 'Send it', exact: true }).waitFor({ timeout: 60_000 });
});

/**
 * Stands in for Electron: notes how it was started and what the dev server answered for the page,
 * then runs until it is stopped (SIGTERM) or its user quits (the file `quit` appears). An ES
 * module: it sits in the copy, whose package.json says "type": "module".
 */
const FAKE_ELECTRON = `#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
const dir = import.meta.dirname;
fetch(process.env.VITE_DEV_SERVER_URL).then(async (r) => {
  const page = await r.text();
  const line = { pid: process.pid, args: process.argv.slice(2), cwd: process.cwd(), url: process.env.VITE_DEV_SERVER_URL, status: r.status, page };
  fs.appendFileSync(path.join(dir, 'starts.jsonl'), JSON.stringify(line) + '\\n');
});
setInterval(() => { if (fs.existsSync(path.join(dir, 'quit'))) process.exit(0); }, 50);
`;

test('with an Electron binary: it starts on the dev server, restarts when main changes, and the loop ends when the app quits', async () => {
  copy = await copyOfProject();
  const bin = path.join(copy, 'fake-electron');
  await mkdir(bin);
  await writeFile(path.join(bin, 'electron'), FAKE_ELECTRON);
  await chmod(path.join(bin, 'electron'), 0o755);
  process.env.ELECTRON_OVERRIDE_DIST_PATH = bin;
  let running: Promise<void> | undefined;
  try {
    const binary = electronBinary(copy);
    expect(binary).toBe(path.join(bin, 'electron'));
    const starts = async () =>
      (await readFile(path.join(bin, 'starts.jsonl'), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map(
          (line) =>
            JSON.parse(line) as { pid: number; args: string[]; cwd: string; url: string; status: number; page: string },
        );
    running = runElectronDev(copy, binary!, 0);

    await expect.poll(async () => (await starts()).length, { timeout: 60_000 }).toBe(1);
    const [first] = await starts();
    expect(first).toMatchObject({ args: ['.'], cwd: copy, status: 200 });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // The page Vite serves, with the dev server's relaxed CSP for its inline preamble.
    expect(first.page).toContain('main.tsx');
    expect(first.page).toContain("script-src 'self' 'unsafe-inline'");
    // What `electron .` loads: main, preload and worker built from the copy's sources.
    for (const file of ['main.js', 'preload.cjs', 'worker.js']) await access(path.join(copy, 'dist-electron', file));

    await appendFile(path.join(copy, 'electron/wire.ts'), '\n// changed\n');
    await expect.poll(async () => (await starts()).length, { timeout: 60_000 }).toBe(2);
    const [, second] = await starts();
    expect(second.pid).not.toBe(first.pid);
    expect(() => process.kill(first.pid, 0)).toThrow();
  } finally {
    delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
    // Its user quits the app: the loop ends and stops its watch and server.
    await writeFile(path.join(bin, 'quit'), '');
    await running;
  }
});
