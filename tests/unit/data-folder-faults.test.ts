// The app starts whatever its data folder holds. For each of its files (profiles.json with the
// settings, history.jsonl, the workspace/ folder of saved requests, an old saved-requests.json still
// to be moved into it, the runs/ folder) and each fault, the wired app
// (services + handler table, as main.ts builds them) starts, getAppInfo names the file in a notice
// the renderer words in English and Russian, and a send to the sandbox still answers and is listed.
//
// How each fault is made, for real (the tests run as root, so permission bits stop nothing):
// - "a folder in its place" / "a file in its place": mkdir / writeFile at the path (EISDIR, ENOTDIR).
// - "unreadable": a symlink to itself, which nobody, root included, can open (ELOOP).
// - "half-written": a JSON file cut mid-way, a history line torn at the end.
// - "write-protected": chattr +i, which refuses writes even to root (EPERM); skipped, saying so,
//   where the file system or the user cannot set it.
// - "disk full": writes to /dev/full fail with ENOSPC (the history file); conf's and the
//   workspace's temp files have random names, so for profiles.json the data folder, and for a saved
//   request the workspace folder, is a 64 KiB tmpfs filled up (needs mount rights: skipped, saying
//   so, where there are none).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Notice } from '../../electron/contract';
import type { SavedFile } from '../../electron/saved/schema';
import type { WiredApp } from '../../electron/wire';
import { createSandboxStream, sandboxProfileOf, value } from '../helpers/results';
import { wireTestApp } from '../helpers/app';
import { reportOf, wireRunsApp } from '../helpers/runs';
import en from '../../renderer/i18n/en.json';
import ru from '../../renderer/i18n/ru.json';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sc-data-faults-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir: string): Promise<WiredApp> {
  const { app, close } = await wireTestApp({ dataDir });
  cleanups.push(close);
  return app;
}

const notices = async (app: WiredApp): Promise<Notice[]> => value(await app.handlers.getAppInfo({})).notices;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Saves one small request with the sandbox profile; returns the handler's result. */
async function saveOneRequest(app: WiredApp) {
  const sandbox = await sandboxProfileOf(app.handlers);
  return app.handlers.saveRequest({
    name: 'n',
    folderId: null,
    profileId: sandbox.id,
    request: {
      kind: 'single',
      target: { type: 'name', streamName: 's' },
      partitionKey: 'k',
      payload: { mode: 'text', text: 'x' },
    },
  });
}

/** A send to the sandbox: it answers ok, and the history lists it (in memory when its file cannot be used). */
async function sendWorks(app: WiredApp): Promise<string> {
  const sandbox = await sandboxProfileOf(app.handlers);
  const out = value(
    await app.handlers.sendRecord({
      requestId: crypto.randomUUID(),
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'example-stream' },
      partitionKey: 'k',
      payload: { mode: 'text', text: 'still sent' },
    }),
  );
  expect(out.result.ok).toBe(true);
  expect(value(await app.handlers.listHistory({})).entries.map((e) => e.id)).toContain(out.historyId);
  return out.historyId;
}

const worded = (code: string) => {
  const enText = (en.notices as Record<string, string>)[code];
  const ruText = (ru.notices as Record<string, string>)[code];
  expect(enText, `en notices.${code}`).toBeTruthy();
  expect(ruText, `ru notices.${code}`).toBeTruthy();
  return { enText, ruText };
};

const HISTORY_LINE = JSON.stringify({ op: 'add', entry: { id: 'x' } });
const HALF_SAVED = '{"version": 1, "folders": [';

type Fault = 'a folder in its place' | 'a file in its place' | 'unreadable (symlink loop)' | 'half-written';
interface Case {
  file: string;
  fault: Fault;
  make: (p: string) => Promise<void>;
  code: Notice['code'];
  /** The notice names this path (the moved-aside copy for a damaged file). */
  named: (dataDir: string, notice: Notice) => void;
  reason?: string;
  /** What stood at the path is still there, untouched. */
  untouched?: (p: string) => Promise<void>;
}

const loop = (p: string) => symlink(path.basename(p), p);
const isFolder = async (p: string) => expect((await stat(p)).isDirectory()).toBe(true);
const isLoop = async (p: string) => expect((await lstat(p)).isSymbolicLink()).toBe(true);
/** An old saved-requests.json the migration could not read stays where it was, as it was, for a retry. */
const leftForRetry = (check: (p: string) => Promise<void>) => async (p: string) => {
  await check(p);
  expect(await readdir(path.dirname(p))).not.toContain('saved-requests.json.migrated');
};
const isText = (text: string) => async (p: string) => expect(await readFile(p, 'utf8')).toBe(text);
const at = (name: string) => (dataDir: string, n: Notice) => expect(n.path).toBe(path.join(dataDir, name));
const asideOf = (base: string) => (dataDir: string, n: Notice) =>
  expect(n.path).toMatch(new RegExp(`^${dataDir}/${base}\\.corrupt-.*\\.json$`));

const cases: Case[] = [
  {
    file: 'profiles.json',
    fault: 'a folder in its place',
    make: (p) => mkdir(p),
    code: 'PROFILES_UNUSABLE',
    reason: 'EISDIR',
    named: at('profiles.json'),
    untouched: isFolder,
  },
  {
    file: 'profiles.json',
    fault: 'unreadable (symlink loop)',
    make: loop,
    code: 'PROFILES_UNUSABLE',
    reason: 'ELOOP',
    named: at('profiles.json'),
    untouched: isLoop,
  },
  {
    file: 'profiles.json',
    fault: 'half-written',
    make: (p) => writeFile(p, '{"profiles": [{"id": "a", "na'),
    code: 'STORE_MOVED_ASIDE',
    named: asideOf('profiles'),
  },
  {
    file: 'history.jsonl',
    fault: 'a folder in its place',
    make: (p) => mkdir(p),
    code: 'HISTORY_UNUSABLE',
    reason: 'EISDIR',
    named: at('history.jsonl'),
    untouched: isFolder,
  },
  {
    file: 'history.jsonl',
    fault: 'unreadable (symlink loop)',
    make: loop,
    code: 'HISTORY_UNUSABLE',
    reason: 'ELOOP',
    named: at('history.jsonl'),
    untouched: isLoop,
  },
  {
    file: 'history.jsonl',
    fault: 'half-written',
    make: (p) => writeFile(p, HISTORY_LINE.slice(0, 20)),
    code: 'HISTORY_LINES_SKIPPED',
    named: at('history.jsonl'),
  },
  {
    file: 'saved-requests.json',
    fault: 'a folder in its place',
    make: (p) => mkdir(p),
    code: 'SAVED_NOT_MIGRATED',
    reason: 'EISDIR',
    named: at('saved-requests.json'),
    untouched: leftForRetry(isFolder),
  },
  {
    file: 'saved-requests.json',
    fault: 'unreadable (symlink loop)',
    make: loop,
    code: 'SAVED_NOT_MIGRATED',
    reason: 'ELOOP',
    named: at('saved-requests.json'),
    untouched: leftForRetry(isLoop),
  },
  {
    file: 'saved-requests.json',
    fault: 'half-written',
    make: (p) => writeFile(p, HALF_SAVED),
    code: 'SAVED_NOT_MIGRATED',
    named: at('saved-requests.json'),
    untouched: leftForRetry(isText(HALF_SAVED)),
  },
  {
    file: 'workspace',
    fault: 'a file in its place',
    make: (p) => writeFile(p, 'not a folder'),
    code: 'WORKSPACE_UNUSABLE',
    reason: 'EEXIST',
    named: at('workspace'),
    untouched: isText('not a folder'),
  },
  {
    file: 'workspace',
    fault: 'unreadable (symlink loop)',
    make: loop,
    code: 'WORKSPACE_UNUSABLE',
    reason: 'ELOOP',
    named: at('workspace'),
    untouched: isLoop,
  },
  {
    file: 'runs',
    fault: 'a file in its place',
    make: (p) => writeFile(p, 'not a folder'),
    code: 'RUNS_FOLDER_UNUSABLE',
    reason: 'ENOTDIR',
    named: at('runs'),
  },
  {
    file: 'runs',
    fault: 'unreadable (symlink loop)',
    make: loop,
    code: 'RUNS_FOLDER_UNUSABLE',
    reason: 'ELOOP',
    named: at('runs'),
    untouched: isLoop,
  },
];

describe('the app starts whatever its data folder holds', () => {
  test.each(cases)('$file, $fault: starts, notice $code names it, sending works', async (c) => {
    const dataDir = await tempDir();
    const target = path.join(dataDir, c.file);
    await c.make(target);
    const app = await start(dataDir);
    const found = (await notices(app)).filter((n) => n.code === c.code);
    expect(found).toHaveLength(1);
    c.named(dataDir, found[0]);
    if (c.reason) expect(found[0].reason).toBe(c.reason);
    const { enText, ruText } = worded(c.code);
    if (c.reason) for (const text of [enText, ruText]) expect(text).toContain('{{reason}}');
    await sendWorks(app);
    await c.untouched?.(target);
  });

  test('a history file that cannot be used: the session keeps its sends in memory, and the file is left alone', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'history.jsonl');
    await mkdir(file);
    const app = await start(dataDir);
    const ids = [await sendWorks(app), await sendWorks(app)];
    expect(value(await app.handlers.listHistory({})).entries.map((e) => e.id)).toEqual([...ids].reverse());
    expect(value(await app.handlers.getHistoryEntry({ id: ids[0] })).payload.text).toBe('still sent');
    // Compaction has no file to work on: a clear refusal, not a crash.
    const compacted = await app.handlers.setHistoryRetention({ keepLast: 1, keepDays: null });
    expect(compacted.ok).toBe(false);
    await app.close();
    await isFolder(file);
  });

  test('profiles that cannot be used: the sandbox profile and settings work in memory for the session', async () => {
    const dataDir = await tempDir();
    await mkdir(path.join(dataDir, 'profiles.json'));
    const app = await start(dataDir);
    expect(value(await app.handlers.setLanguage({ language: 'ru' })).language).toBe('ru');
    expect((await sandboxProfileOf(app.handlers)).kind).toBe('sandbox');
  });

  test.each([
    {
      fault: 'a file in its place',
      make: (p: string) => writeFile(p, 'not a folder'),
      untouched: isText('not a folder'),
    },
    { fault: 'unreadable (symlink loop)', make: loop, untouched: isLoop },
  ])(
    'a workspace folder that cannot be used ($fault) is not written over: saving is refused with what to do',
    async (c) => {
      const dataDir = await tempDir();
      const workspace = path.join(dataDir, 'workspace');
      await c.make(workspace);
      const app = await start(dataDir);
      const r = await saveOneRequest(app);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toMatchObject({ code: 'REJECTED', reason: 'workspaceUnusable', hintCode: 'repairWorkspace' });
        // Saved requests are a folder of files now: the refusal speaks of that folder, never of "the file".
        for (const [lang, texts] of [
          ['en', en],
          ['ru', ru],
        ] as const) {
          const said = `${texts.reason.workspaceUnusable} ${texts.hints.repairWorkspace}`;
          expect(said, lang).toMatch(lang === 'en' ? /workspace folder/ : /рабоч\S* папк/i);
          expect(said, lang).not.toMatch(lang === 'en' ? /\bfile\b/ : /файл/i);
        }
      }
      expect((await app.handlers.createFolder({ name: 'f' })).ok).toBe(false);
      await c.untouched(workspace);
      expect(value(await app.handlers.listSaved({})).requests).toEqual([]);
    },
  );

  test('a workspace folder that cannot be used leaves Open workspace and New workspace as the way out', async () => {
    const dataDir = await tempDir();
    const workspace = path.join(dataDir, 'workspace');
    await writeFile(workspace, 'not a folder');
    const elsewhere = [await tempDir(), await tempDir()];
    const chosen = [...elsewhere];
    const { app, close } = await wireTestApp({ dataDir, chooseFolder: async () => chosen.shift() ?? null });
    cleanups.push(close);
    expect((await saveOneRequest(app)).ok).toBe(false);

    const made = value(await app.handlers.newWorkspace({}));
    expect(made.workspace?.path).toBe(elsewhere[0]);
    expect((await saveOneRequest(app)).ok).toBe(true);
    expect(value(await app.handlers.listSaved({})).requests.map((r) => r.name)).toEqual(['n']);

    const opened = value(await app.handlers.openWorkspace({ path: elsewhere[1], makeWorkspace: true }));
    expect(opened.workspace?.path).toBe(elsewhere[1]);
    expect(value(await app.handlers.listSaved({})).requests).toEqual([]);
    await isText('not a folder')(workspace);
  });

  test('every notice the UI has words for is one main raises: no text is kept for a notice that never comes', async () => {
    const sources = await readdir(path.resolve(import.meta.dirname, '../../electron'), { recursive: true });
    const code = await Promise.all(
      sources
        .filter((f) => f.endsWith('.ts') && f !== 'contract.ts')
        .map((f) => readFile(path.resolve(import.meta.dirname, '../../electron', f), 'utf8')),
    );
    const raised = new Set(code.flatMap((text) => [...text.matchAll(/code: '([A-Z_]+)'/g)].map((m) => m[1])));
    for (const texts of [en.notices, ru.notices]) {
      const worded = Object.keys(texts).filter((key) => key !== 'dismiss');
      expect(worded.filter((key) => !raised.has(key))).toEqual([]);
    }
  });

  test('an old saved-requests file that cannot be read loses nothing: saving still works, and once repaired it moves in at the next start', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'saved-requests.json');
    await writeFile(file, HALF_SAVED);
    const first = await start(dataDir);
    expect(value(await saveOneRequest(first)).saved.name).toBe('n');
    await isText(HALF_SAVED)(file);
    await first.close();
    const repaired: SavedFile = {
      version: 1,
      folders: [],
      requests: [
        {
          id: 'r-old',
          name: 'Old one',
          folderId: null,
          request: {
            kind: 'single',
            target: { type: 'name', streamName: 'example-stream' },
            partitionKey: 'k',
            payload: { mode: 'text', text: 'old' },
          },
          createdAt: '2026-01-01T10:00:00.000Z',
          updatedAt: '2026-01-01T10:00:00.000Z',
        },
      ],
    };
    await writeFile(file, JSON.stringify(repaired));
    const app = await start(dataDir);
    expect((await notices(app)).map((n) => n.code)).not.toContain('SAVED_NOT_MIGRATED');
    expect(
      value(await app.handlers.listSaved({}))
        .requests.map((r) => r.name)
        .sort(),
    ).toEqual(['Old one', 'n']);
    expect(await readdir(dataDir)).toContain('saved-requests.json.migrated');
  });

  test('runs with a file in place of their folder: a run still delivers and is recorded, its report says why no results file', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, 'runs'), 'not a folder');
    const { app, events } = await wireRunsApp({ dataDir });
    cleanups.push(() => app.close());
    await createSandboxStream(app.handlers, 'faults-runs', 1);
    const sandbox = await sandboxProfileOf(app.handlers);
    const started = value(
      await app.handlers.startRun({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'faults-runs' },
        source: {
          type: 'rows',
          rows: [
            { partitionKey: 'a', payload: '1' },
            { partitionKey: 'b', payload: '2' },
          ],
        },
        keys: { type: 'row' },
        payloadMode: 'text',
        plan: { ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 2 },
      }),
    );
    const report = await reportOf(events, started.runId);
    expect(report.state).toBe('done');
    expect(report.resultsFileError).toBeTruthy();
    expect(value(await app.handlers.getHistoryEntry({ id: report.historyId! })).run?.report.acknowledged).toBe(2);
  });
});

const immutable = canMakeImmutable();
describe.skipIf(!immutable.ok)(
  `write-protected files (chattr +i)${immutable.ok ? '' : ` (skipped: ${immutable.why})`}`,
  () => {
    const protect = (file: string) => {
      execFileSync('chattr', ['+i', file]);
      cleanups.push(async () => {
        execFileSync('chattr', ['-i', file]);
      });
    };

    test('history.jsonl: its entries are shown, new sends are kept in memory, and a notice says so', async () => {
      const dataDir = await tempDir();
      const first = await start(dataDir);
      const old = await sendWorks(first);
      await first.close();
      protect(path.join(dataDir, 'history.jsonl'));
      const app = await start(dataDir);
      expect((await notices(app)).find((n) => n.code === 'HISTORY_UNUSABLE')).toMatchObject({
        path: path.join(dataDir, 'history.jsonl'),
        reason: 'EPERM',
      });
      const fresh = await sendWorks(app);
      expect(value(await app.handlers.listHistory({})).entries.map((e) => e.id)).toEqual([fresh, old]);
    });

    test('profiles.json: a send that cannot remember its profile still answers, with a notice; an explicit change is refused naming the cause', async () => {
      const dataDir = await tempDir();
      const first = await start(dataDir);
      const sandbox = await sandboxProfileOf(first.handlers);
      const copy = value(await first.handlers.duplicateProfile({ id: sandbox.id }));
      value(await first.handlers.selectProfile({ id: copy.id }));
      await first.close();
      protect(path.join(dataDir, 'profiles.json'));
      const app = await start(dataDir);
      expect(await notices(app)).toEqual([]);
      await sendWorks(app);
      expect((await notices(app)).find((n) => n.code === 'PROFILES_WRITE_FAILED')).toMatchObject({
        path: path.join(dataDir, 'profiles.json'),
        reason: 'EPERM',
      });
      worded('PROFILES_WRITE_FAILED');
      const r = await app.handlers.setLanguage({ language: 'ru' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'REJECTED', message: expect.stringContaining('EPERM') });
      expect(value(await app.handlers.getAppInfo({})).language).toBe('system');
    });
  },
);

describe('a disk that is full', () => {
  test('history appends fail with ENOSPC: the send still answers ok and is listed, and one notice says so', async () => {
    const dataDir = await tempDir();
    // /dev/full takes the open and refuses every write with ENOSPC, as a full disk does.
    await symlink('/dev/full', path.join(dataDir, 'history.jsonl'));
    const app = await start(dataDir);
    expect(await notices(app)).toEqual([]);
    await sendWorks(app);
    const failed = await until('the write-failed notice', async () =>
      (await notices(app)).find((n) => n.code === 'HISTORY_WRITE_FAILED'),
    );
    expect(failed).toMatchObject({ path: path.join(dataDir, 'history.jsonl'), reason: 'ENOSPC' });
    worded('HISTORY_WRITE_FAILED');
    // Every later append fails too: still one notice, and every send still answers.
    const later = await sendWorks(app);
    expect(value(await app.handlers.getHistoryEntry({ id: later })).payload.text).toBe('still sent');
    // Closing waits for that append to have been tried; quitting is not stopped by the full disk.
    await app.close();
    expect((await notices(app)).filter((n) => n.code === 'HISTORY_WRITE_FAILED')).toHaveLength(1);
  });

  const tmpfs = mountTinyDisk.available();
  test.skipIf(!tmpfs.ok)(
    `saving a request fails with ENOSPC: refused, naming the cause, and the list is as it was${tmpfs.ok ? '' : ` (skipped: ${tmpfs.why})`}`,
    async () => {
      const dataDir = await tempDir();
      // A request is written to a temp file of a random name, then renamed: the workspace folder
      // itself is the small disk, filled up after a first save.
      const workspace = await mountTinyDisk(path.join(dataDir, 'workspace'));
      const app = await start(dataDir);
      const kept = value(await saveOneRequest(app)).saved;
      const before = (await readdir(workspace)).sort();
      await writeFile(path.join(workspace, 'filler'), Buffer.alloc(64 * 1024)).catch(() => {});
      const r = await saveOneRequest(app);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('ENOSPC');
      expect(value(await app.handlers.listSaved({})).requests.map((s) => s.id)).toEqual([kept.id]);
      // The failed write leaves no temp file behind.
      expect((await readdir(workspace)).sort()).toEqual([...before, 'filler'].sort());
      await sendWorks(app);
    },
  );

  test.skipIf(!tmpfs.ok)(
    `first start on a full disk: profiles live in memory, with a notice, and sending works${tmpfs.ok ? '' : ` (skipped: ${tmpfs.why})`}`,
    async () => {
      const dataDir = await mountTinyDisk();
      // Fill it: the history file can still be opened, but conf cannot write profiles.json.
      await writeFile(path.join(dataDir, 'filler'), Buffer.alloc(64 * 1024)).catch(() => {});
      const app = await start(dataDir);
      const found = (await notices(app)).find((n) => n.code === 'PROFILES_UNUSABLE');
      expect(found).toMatchObject({ path: path.join(dataDir, 'profiles.json'), reason: 'ENOSPC' });
      await sendWorks(app);
      // The send's last-used profile could not be remembered either: no crash, and the answer came back.
      expect(
        await readFile(path.join(dataDir, 'profiles.json'), 'utf8').catch((e: NodeJS.ErrnoException) => e.code),
      ).toBe('ENOENT');
    },
  );
});

/** A 64 KiB tmpfs mounted on `at` (made here) or a fresh folder, unmounted after the test. */
async function mountTinyDisk(at?: string): Promise<string> {
  const dir = at ?? (await mkdtemp(path.join(os.tmpdir(), 'sc-tiny-disk-')));
  if (at) await mkdir(at);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
  cleanups.push(async () => {
    execFileSync('umount', ['-l', dir]);
    await rm(dir, { recursive: true, force: true });
  });
  return dir;
}

mountTinyDisk.available = (): { ok: true } | { ok: false; why: string } => {
  if (process.platform !== 'linux') return { ok: false, why: 'tmpfs is Linux only' };
  if (process.getuid?.() !== 0) return { ok: false, why: 'mounting a tmpfs needs root' };
  return { ok: true };
};

function canMakeImmutable(): { ok: true } | { ok: false; why: string } {
  const probe = path.join(os.tmpdir(), `sc-chattr-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return { ok: true };
  } catch {
    return { ok: false, why: 'chattr +i is not available here (needs root and a file system that supports it)' };
  } finally {
    rmSync(probe, { force: true });
  }
}
