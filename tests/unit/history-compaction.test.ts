// Compaction of the history file, on real files in a fresh temp folder: retention by count and by
// age, payloads of deleted entries really gone, appends racing a compaction kept, a compaction that
// fails or is killed (SIGKILL in a child process) at each step leaving a whole history behind, and
// the retention setting through the handler table.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HistoryEntry } from '../../electron/contract';
import { DEAD_FILE_BYTES, openHistory, type HistoryOptions } from '../../electron/history';
import type { CompactionStep } from '../../electron/history/compact';
import type { HistoryStore } from '../../electron/services';
import { wireTestApp } from '../helpers/app';
import { value } from '../helpers/results';
import { historyEntry, secondOf2025, sentOk } from '../helpers/history-entries';
import { testChild } from '../setup/children';

const DAY_MS = 24 * 60 * 60 * 1000;
let dataDir: string;
const opened: HistoryStore[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-compact-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
  await rm(dataDir, { recursive: true, force: true });
});

async function open(more: Omit<HistoryOptions, 'dataDir'> = {}): Promise<HistoryStore> {
  const h = await openHistory({ dataDir, ...more });
  opened.push(h);
  return h;
}
const historyFile = () => path.join(dataDir, 'history.jsonl');
const tempFile = () => `${historyFile()}.compacting`;
const fileSize = () => statSync(historyFile()).size;
const ids = (h: HistoryStore) => h.matching({}).map((e) => e.id);
/** Every line of the file parsed; throws on one that does not parse. */
const records = async () =>
  (await readFile(historyFile(), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { op: string; entry?: HistoryEntry; id?: string });

function entry(i: number, over: Partial<HistoryEntry> = {}): HistoryEntry {
  return historyEntry({
    id: `id-${i}`,
    time: secondOf2025(i),
    partitionKey: `key-${i}`,
    text: JSON.stringify({ n: i, note: 'payload-' + i }),
    result: sentOk({ sequenceNumber: `4959${i}`, requestId: `req-${i}` }),
    ...over,
  });
}
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const idsOf = (ns: number[]) => ns.map((i) => `id-${i}`);

/** A history file written as the app writes it: adds oldest first, then tombstones for `deleted`. */
async function writeHistory(count: number, deleted: (i: number) => boolean, payloadBytes = 40): Promise<string[]> {
  const lines = range(0, count).map((i) =>
    JSON.stringify({ op: 'add', entry: entry(i, { partitionKey: `key-${i}-${'p'.repeat(payloadBytes)}` }) }),
  );
  const dead = range(0, count).filter(deleted);
  lines.push(...dead.map((i) => JSON.stringify({ op: 'delete', id: `id-${i}` })));
  await writeFile(historyFile(), lines.join('\n') + '\n');
  return idsOf(range(0, count).filter((i) => !deleted(i)));
}

describe('history compaction', () => {
  test('keepLast keeps the newest entries, oldest first in the file, and reports what it did', async () => {
    const h = await open();
    for (const i of range(0, 10)) await h.append(entry(i));
    await h.delete('id-8');
    const before = fileSize();
    const report = await h.compact({ keepLast: 4, keepDays: null });
    expect(report).toEqual({ total: 4, removed: 5, bytesBefore: before, bytesAfter: fileSize() });
    expect(report.bytesAfter).toBeLessThan(before);
    expect(ids(h)).toEqual(idsOf([9, 7, 6, 5]));
    expect((await records()).map((r) => [r.op, r.entry?.id])).toEqual(idsOf([5, 6, 7, 9]).map((id) => ['add', id]));
    // The new file is appended to afterwards, and reads back the same.
    await h.append(entry(10));
    await h.close();
    const again = await open();
    expect(ids(again)).toEqual(idsOf([10, 9, 7, 6, 5]));
    expect(again.notices()).toEqual([]);
  });

  test('keepDays keeps entries younger than that many days; with keepLast too, both must hold', async () => {
    const now = Date.now();
    const ages = [40, 10, 5, 2, 0.5, 0];
    const h = await open();
    for (const [i, days] of ages.entries())
      await h.append(entry(i, { time: new Date(now - days * DAY_MS).toISOString() }));
    expect(await h.compact({ keepLast: null, keepDays: 30 })).toMatchObject({ total: 5, removed: 1 });
    expect(ids(h)).toEqual(idsOf([5, 4, 3, 2, 1]));
    expect(await h.compact({ keepLast: null, keepDays: 3 })).toMatchObject({ total: 3, removed: 2 });
    expect(ids(h)).toEqual(idsOf([5, 4, 3]));
    // The newest 4 would keep all three; within 1 day holds for two of them.
    expect(await h.compact({ keepLast: 4, keepDays: 1 })).toMatchObject({ total: 2, removed: 1 });
    expect(ids(h)).toEqual(idsOf([5, 4]));
    expect((await records()).map((r) => r.entry?.id)).toEqual(idsOf([4, 5]));
    // No limits: nothing dropped, the file rewritten the same.
    const size = fileSize();
    expect(await h.compact({ keepLast: null, keepDays: null })).toEqual({
      total: 2,
      removed: 0,
      bytesBefore: size,
      bytesAfter: size,
    });
  });

  test('the payload of a deleted entry, tombstones and clear records are gone from the file', async () => {
    const secret = 'DELETED-PAYLOAD-8f3a';
    // A file from before clearing emptied the file: a clear record, with an entry behind it.
    await writeFile(
      historyFile(),
      [
        { op: 'add', entry: entry(0, { payload: { mode: 'text', text: 'before-clear', size: 12, truncated: false } }) },
        { op: 'clear' },
      ]
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    );
    const h = await open();
    await h.append(entry(1, { payload: { mode: 'text', text: secret, size: secret.length, truncated: false } }));
    await h.append(entry(2));
    await h.delete('id-1');
    const text = await readFile(historyFile(), 'utf8');
    expect(text).toContain(secret);
    expect(text).toContain('before-clear');

    expect(await h.compact({ keepLast: null, keepDays: null })).toMatchObject({ total: 1, removed: 0 });
    const after = await readFile(historyFile(), 'utf8');
    expect(after).not.toContain(secret);
    expect(after).not.toContain('before-clear');
    expect((await records()).map((r) => r.op)).toEqual(['add']);
    expect(ids(h)).toEqual(['id-2']);
  });

  test('appends made before and during a compaction are all kept, each once', async () => {
    // Enough entries for several chunks: the hook appends after each chunk is written. Not waited
    // for there: an append's write is queued behind the compaction.
    const big = 'z'.repeat(2000);
    const during: Promise<void>[] = [];
    const h = await open({
      compactionHook: (step) => {
        if (step === 'chunk-written') during.push(h.append(entry(10_001 + during.length)));
      },
    });
    await Promise.all(range(0, 2000).map((i) => h.append(entry(i, { partitionKey: `${i}-${big}` }))));
    // Applied but not written yet when the compaction takes its snapshot.
    const racing = [h.append(entry(5000)), h.delete('id-3')];
    const compaction = h.compact({ keepLast: null, keepDays: null });
    racing.push(h.append(entry(5001)));
    const report = await compaction;
    await Promise.all([...racing, ...during]);
    expect(during.length).toBeGreaterThan(1);
    const expected = [
      ...idsOf(range(0, 2000).filter((i) => i !== 3)),
      'id-5000',
      'id-5001',
      ...idsOf(range(10_001, 10_001 + during.length)),
    ];
    expect(new Set(ids(h))).toEqual(new Set(expected));
    // The entries appended during the compaction count too: they are in the index when it ends.
    expect(report.total).toBe(expected.length);
    await h.close();

    const lines = await records();
    const added = lines.filter((r) => r.op === 'add').map((r) => r.entry!.id);
    expect(new Set(added)).toEqual(new Set(expected));
    expect(added).toHaveLength(expected.length);
    const again = await open();
    expect(new Set(ids(again))).toEqual(new Set(expected));
  });

  test.each<CompactionStep>(['chunk-written', 'temp-synced'])(
    'a failure at %s leaves the old file as it was, and loses no record',
    async (failAt) => {
      const h = await open({
        compactionHook: (step) => {
          if (step === failAt) throw new Error(`disk full at ${step}`);
        },
      });
      for (const i of range(0, 5)) await h.append(entry(i));
      await h.delete('id-0');
      const before = await readFile(historyFile());
      const pendingAppend = h.append(entry(5));
      await expect(h.compact({ keepLast: 2, keepDays: null })).rejects.toThrow(`disk full at ${failAt}`);
      await pendingAppend;
      expect(existsSync(tempFile())).toBe(false);
      // The old file, with the append that was waiting for the disk after it.
      const after = await readFile(historyFile());
      expect(after.subarray(0, before.length).equals(before)).toBe(true);
      expect(ids(h)).toEqual(idsOf([5, 4, 3, 2, 1]));
      await h.append(entry(6));
      await h.close();
      const again = await open();
      expect(ids(again)).toEqual(idsOf([6, 5, 4, 3, 2, 1]));
      expect(again.notices()).toEqual([]);
    },
  );

  test('a leftover temp file is removed at open and never read as history', async () => {
    await writeHistory(3, () => false);
    await writeFile(tempFile(), JSON.stringify({ op: 'add', entry: entry(99) }) + '\n');
    const h = await open();
    expect(existsSync(tempFile())).toBe(false);
    expect(ids(h)).toEqual(idsOf([2, 1, 0]));
  });

  test('at open: the saved retention is applied once the file has loaded', async () => {
    await writeHistory(10, () => false);
    const h = await open({ retention: { keepLast: 3, keepDays: null } });
    await h.loaded();
    await h.close();
    expect((await records()).map((r) => r.entry?.id)).toEqual(idsOf([7, 8, 9]));
  });

  test('at open: a file over 1 MiB with more dead lines than live is compacted; a smaller one is not', async () => {
    // 1/3 deleted: its adds and their tombstones make 2/3 of live-count dead lines, then more.
    const small = await writeHistory(300, (i) => i % 2 === 0);
    const smallBytes = fileSize();
    expect(smallBytes).toBeLessThan(DEAD_FILE_BYTES);
    const first = await open();
    await first.loaded();
    await first.close();
    expect(fileSize()).toBe(smallBytes);
    expect(ids(await open())).toEqual([...small].reverse());
    await Promise.all(opened.splice(0).map((h) => h.close()));

    const live = await writeHistory(6000, (i) => i % 2 === 0, 300);
    const bigBytes = fileSize();
    expect(bigBytes).toBeGreaterThan(DEAD_FILE_BYTES);
    const h = await open();
    await h.loaded();
    await h.close();
    const lines = await records();
    expect(lines.every((r) => r.op === 'add')).toBe(true);
    expect(lines.map((r) => r.entry!.id)).toEqual(live);
    expect(fileSize()).toBeLessThan(bigBytes / 2);
  });

  test('at open: a file mostly live is left alone, however large', async () => {
    await writeHistory(6000, (i) => i % 5 === 0, 300);
    const bytes = fileSize();
    expect(bytes).toBeGreaterThan(DEAD_FILE_BYTES);
    const h = await open();
    await h.loaded();
    await h.close();
    expect(fileSize()).toBe(bytes);
  });
});

describe('a compaction killed with SIGKILL', () => {
  const child = testChild('compact-child');
  /** Runs the child compaction; `onTick` may kill it. Answers the signal it died of. */
  const runChild = (killAt?: CompactionStep, onTick?: (kill: () => void) => void) =>
    new Promise<NodeJS.Signals | null>((resolve, reject) => {
      const proc = spawn(process.execPath, [child, dataDir, ...(killAt ? [killAt] : [])], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      proc.stderr.on('data', (d) => (stderr += d));
      const timer = onTick ? setInterval(() => onTick(() => proc.kill('SIGKILL')), 1) : undefined;
      proc.on('error', reject);
      proc.on('exit', (code, signal) => {
        clearInterval(timer);
        if (code) reject(new Error(`child failed (${code}): ${stderr}`));
        else resolve(signal);
      });
    });

  // 10,000 entries of ~1.5 KB, one in five deleted: ~12 MiB to rewrite, in about a dozen chunks,
  // so that a kill from outside lands while the temp file grows. A kill at a step needs only a
  // compaction of several chunks: 3,000 entries, four.
  const COUNT = 10_000;
  const AT_STEP = 3_000;
  const deleted = (i: number) => i % 5 === 0;

  /** Opens the history after the crash: whole, every live entry there, the temp file gone. */
  async function expectWholeHistory(live: string[]) {
    const lines = await records();
    const h = await open();
    expect(existsSync(tempFile())).toBe(false);
    await h.loaded();
    expect(h.notices()).toEqual([]);
    expect(ids(h)).toEqual([...live].reverse());
    return lines;
  }

  test.each<CompactionStep>(['chunk-written', 'temp-synced'])(
    'at %s: the old file is whole and untouched',
    async (step) => {
      const live = await writeHistory(AT_STEP, deleted, 1000);
      const before = await readFile(historyFile());
      expect(await runChild(step)).toBe('SIGKILL');
      expect(existsSync(tempFile())).toBe(true);
      expect((await readFile(historyFile())).equals(before)).toBe(true);
      await expectWholeHistory(live);
    },
    30_000,
  );

  test('right after the rename: the new file is whole, with no tombstone', async () => {
    const live = await writeHistory(AT_STEP, deleted, 1000);
    const before = fileSize();
    expect(await runChild('renamed')).toBe('SIGKILL');
    expect(fileSize()).toBeLessThan(before);
    const lines = await expectWholeHistory(live);
    expect(lines.every((r) => r.op === 'add')).toBe(true);
  }, 30_000);

  test('from outside, while the temp file grows: either file is whole', async () => {
    const live = await writeHistory(COUNT, deleted, 1000);
    const before = await readFile(historyFile());
    let tempBytesAtKill = 0;
    const signal = await runChild(undefined, (kill) => {
      if (tempBytesAtKill || !existsSync(tempFile())) return;
      tempBytesAtKill = statSync(tempFile(), { throwIfNoEntry: false })?.size ?? 0;
      if (tempBytesAtKill > 0) kill();
    });
    expect(signal).toBe('SIGKILL');
    expect(tempBytesAtKill).toBeGreaterThan(0);
    const after = await readFile(historyFile());
    // Killed before the rename (almost always): the old bytes; after it: the compacted file.
    if (!after.equals(before)) expect((await records()).every((r) => r.op === 'add')).toBe(true);
    await expectWholeHistory(live);
  }, 30_000);
});

describe('history retention through the handler table', () => {
  const wire = async () => (await wireTestApp({ dataDir })).app;

  test('setHistoryRetention refuses what is not a positive whole number, and changes nothing then', async () => {
    const app = await wire();
    try {
      for (const bad of [
        { keepLast: 0, keepDays: null },
        { keepLast: -3, keepDays: null },
        { keepLast: 2.5, keepDays: null },
        { keepLast: null, keepDays: 0 },
        { keepLast: null, keepDays: 1.5 },
        { keepLast: null },
        { keepLast: '5', keepDays: null },
      ]) {
        const r = await app.handlers.setHistoryRetention(bad);
        expect(r, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      }
      expect(value(await app.handlers.getAppInfo({})).historyRetention).toEqual({ keepLast: null, keepDays: null });
    } finally {
      await app.close();
    }
  });

  test('setHistoryRetention compacts at once and persists; at the next start it applies again; compactHistory uses it', async () => {
    const seeded = await openHistory({ dataDir });
    for (const i of range(0, 6)) await seeded.append(entry(i));
    await seeded.delete('id-5');
    await seeded.close();

    const app = await wire();
    try {
      const out = value(await app.handlers.setHistoryRetention({ keepLast: 3, keepDays: null }));
      expect(out).toEqual({
        total: 3,
        removed: 2,
        bytesBefore: expect.any(Number),
        bytesAfter: fileSize(),
        retention: { keepLast: 3, keepDays: null },
      });
      expect(out.bytesAfter).toBeLessThan(out.bytesBefore);
      expect(value(await app.handlers.listHistory({})).entries.map((e) => e.id)).toEqual(idsOf([4, 3, 2]));
      expect(value(await app.handlers.getAppInfo({})).historyRetention).toEqual({ keepLast: 3, keepDays: null });
    } finally {
      await app.close();
    }

    // Entries added by another run (an import, say) beyond the limit: trimmed at the next start.
    const more = await openHistory({ dataDir });
    for (const i of range(10, 12)) await more.append(entry(i));
    await more.close();
    const again = await wire();
    try {
      expect(value(await again.handlers.getAppInfo({})).historyRetention).toEqual({ keepLast: 3, keepDays: null });
      await again.close();
      expect((await records()).map((r) => r.entry?.id)).toEqual(idsOf([4, 10, 11]));
    } finally {
      await again.close();
    }

    const third = await wire();
    try {
      expect(value(await third.handlers.compactHistory({}))).toEqual({
        total: 3,
        removed: 0,
        bytesBefore: fileSize(),
        bytesAfter: fileSize(),
      });
      expect(value(await third.handlers.setHistoryRetention({ keepLast: null, keepDays: null })).retention).toEqual({
        keepLast: null,
        keepDays: null,
      });
    } finally {
      await third.close();
    }
  });
});
