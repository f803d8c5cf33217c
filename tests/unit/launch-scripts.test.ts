// `npm start` and `npm run preview` as a newcomer meets them, run as child processes: without the
// Electron binary or without a display each says in one line what to do instead and exits non-zero;
// with a display (a real Xvfb) the preview is a Chromium app window over the whole screen.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const appRoot = path.resolve(import.meta.dirname, '../..');
const script = (name: string) => path.join(appRoot, 'scripts', name);
const XVFB = '/usr/bin/Xvfb';

const temps: string[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sc-launch-'));
  temps.push(dir);
  return dir;
}

/** The environment without any display. */
function withoutDisplay(extra: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return { ...env, ...extra };
}

function runScript(name: string, env: Record<string, string | undefined>) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script(name)], { cwd: appRoot, env, encoding: 'utf8' });
  const lines = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.trim() !== '');
  return { status: run.status, lines };
}

/** A display number no X server answers on. */
function unusedDisplay() {
  for (let n = 900; ; n++) if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return `:${n}`;
}

/** Every process started (directly or not) by `pid`, from /proc. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length) {
    frontier = [...parentOf].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...frontier);
  }
  return found;
}

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
};

/** Starts a bare X server on a display number it picks itself (-displayfd), so tests never collide. */
async function startXvfb(width: number, height: number) {
  const xvfb = spawn(XVFB, ['-displayfd', '1', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(xvfb);
  let out = '';
  xvfb.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await expect.poll(() => /^\d+\n/.test(out), { timeout: 30_000 }).toBe(true);
  return `:${out.trim()}`;
}

describe('npm start without the Electron binary', () => {
  it('says in one line that Electron is missing, points to npm run preview, and builds nothing', async () => {
    const empty = await tempDir();
    const run = runScript('start.ts', { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toContain('The Electron binary is missing and could not be downloaded');
    expect(run.lines[0]).toContain(path.join(empty, 'electron'));
    expect(run.lines[0]).toContain('npm run preview');
    expect(run.status).toBe(1);
  });
});

describe('npm run preview without a display', () => {
  it('says in one line to run it under xvfb-run when there is no DISPLAY or WAYLAND_DISPLAY', () => {
    const run = runScript('preview.ts', withoutDisplay());
    expect(run.lines).toEqual(['Stream Composer preview needs a display: run it as `xvfb-run -a npm run preview`.']);
    expect(run.status).toBe(1);
  });

  it('says the same when Chromium cannot open the display it was given, with no stack trace', async () => {
    const run = runScript(
      'preview.ts',
      withoutDisplay({ DISPLAY: unusedDisplay(), PREVIEW_DATA_DIR: await tempDir() }),
    );
    expect(run.lines).toEqual(['Stream Composer preview needs a display: run it as `xvfb-run -a npm run preview`.']);
    expect(run.status).toBe(1);
  });
});

describe.skipIf(!existsSync(XVFB))('npm run preview with a display', () => {
  it('opens the app in a Chromium app window (--app=) over the whole screen, and stops when the window closes', async () => {
    const display = await startXvfb(1600, 900);
    const preview = spawn(process.execPath, ['--import', 'tsx', script('preview.ts')], {
      cwd: appRoot,
      env: withoutDisplay({ DISPLAY: display, PREVIEW_DATA_DIR: await tempDir() }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(preview);
    let out = '';
    preview.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    preview.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await expect
      .poll(() => (preview.exitCode === null ? out : `exited ${preview.exitCode}: ${out}`), { timeout: 90_000 })
      .toMatch(/Stream Composer preview is open|^exited/);
    expect(out).toContain('Stream Composer preview is open');

    const browser = descendants(preview.pid!).find((pid) => commandLine(pid).some((a) => a.startsWith('--app=')));
    expect(browser, 'a Chromium started with --app=').toBeDefined();
    const args = commandLine(browser!);
    expect(args.some((a) => a.startsWith('--headless'))).toBe(false);

    // The window as the X server sees it: the app's title, the screen's size.
    const windows = () =>
      spawnSync('xwininfo', ['-root', '-tree'], { env: { ...process.env, DISPLAY: display }, encoding: 'utf8' }).stdout;
    const appWindow = () => /"Stream Composer":.*?\s(\d+)x(\d+)\+/.exec(windows());
    await expect.poll(() => appWindow() !== null, { timeout: 30_000 }).toBe(true);
    const [, width, height] = appWindow()!.map(Number);
    expect(width).toBeGreaterThanOrEqual(1590);
    expect(height).toBeGreaterThanOrEqual(890);

    // Closing the window ends Chromium; the preview then stops by itself, without an error.
    process.kill(browser!, 'SIGTERM');
    const code = await new Promise<number | null>((resolve) => preview.on('exit', (c) => resolve(c)));
    expect({ code, out }).toEqual({ code: 0, out: expect.any(String) });
  });
});
