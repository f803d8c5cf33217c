// Opening a large history file: the newest page comes from the end of the file at once, the rest
// loads in the background; these compare that with replaying the whole file from its start.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { HistoryEntry } from '../../electron/contract';
import { openHistory } from '../../electron/history';
import type { HistoryStore } from '../../electron/services';
import { heldLoad } from '../helpers/held-load';
import { historyEntry, secondOf2025, sentOk } from '../helpers/history-entries';

let dataDir: string;
const opened: HistoryStore[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-history-load-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
  await rm(dataDir, { recursive: true, force: true });
});

/** With `held`, the background load waits for held.release(): the test sees the store mid-load. */
async function open(held?: ReturnType<typeof heldLoad>): Promise<HistoryStore> {
  const h = await openHistory({ dataDir, scheduleLoad: held?.scheduleLoad });
  opened.push(h);
  return h;
}
const historyFile = () => path.join(dataDir, 'history.jsonl');

/** About 1 KB a line, as real sends are, so the file spans many of the reader's chunks. */
function entry(i: number, stream = 'clicks'): HistoryEntry {
  return historyEntry({
    id: `id-${i}`,
    time: secondOf2025(i),
    stream,
    partitionKey: `key-${i}`,
    text: JSON.stringify({ n: i, note: 'y'.repeat(700) }),
    result: sentOk({ sequenceNumber: `4959${i}`, requestId: `r${i}` }),
    latencyMs: 3,
  });
}
const add = (i: number, stream?: string) => JSON.stringify({ op: 'add', entry: entry(i, stream) });
const del = (i: number) => JSON.stringify({ op: 'delete', id: `id-${i}` });

/** The ids a whole-file replay from the start keeps, newest first: the reference the tail-first load must match. */
function replayIds(lines: string[]): string[] {
  const live = new Map<string, true>();
  for (const line of lines) {
    let r: { op?: string; id?: string; entry?: { id: string } };
    try {
      r = JSON.parse(line);
    } catch {
      continue;
    }
    if (r.op === 'clear') live.clear();
    else if (r.op === 'delete') live.delete(r.id!);
    else if (r.op === 'add' && r.entry) {
      live.delete(r.entry.id);
      live.set(r.entry.id, true);
    }
  }
  return [...live.keys()].reverse();
}

const allIds = (h: HistoryStore) => h.matching({}).map((e) => e.id);
const pageIds = (h: HistoryStore, offset: number, limit: number) => h.query({ offset, limit }).entries.map((e) => e.id);

/** 6,000 adds with a clear after the first 1,000, tombstones, re-adds and unreadable lines (one over a chunk long) after it. */
function mixedLog(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) lines.push(add(i));
  lines.push(del(5), '{"op":"clear"}', add(3), 'garbage', 'x'.repeat(1_500_000));
  for (let i = 1000; i < 6000; i++) {
    lines.push(add(i, i % 3 ? 'clicks' : 'orders'));
    // Tombstones both near the end (read first) and far from it, some for entries far older.
    if (i % 97 === 0) lines.push(del(i - 1), del(i - 2500));
    // An entry added again moves to the newest place.
    if (i % 500 === 0) lines.push(add(i - 300));
  }
  lines.push(del(5999), add(3));
  return lines;
}

test('the tail-first open lists the same newest page as a full replay, and the same history once loaded', async () => {
  const lines = mixedLog();
  await writeFile(historyFile(), `${lines.join('\n')}\n`);
  const expected = replayIds(lines);

  const held = heldLoad();
  const h = await open(held);
  const first = h.query({ offset: 0, limit: 200 });
  expect(first.loading).toBe(true);
  expect(first.total).toBeLessThan(expected.length);
  expect(first.entries.map((e) => e.id)).toEqual(expected.slice(0, 200));
  expect(h.notices()).toEqual([]);

  held.release();
  await h.loaded();
  expect(h.query({ offset: 0, limit: 1 })).toMatchObject({
    total: expected.length,
    matched: expected.length,
    loading: false,
  });
  expect(allIds(h)).toEqual(expected);
  expect(h.notices()).toMatchObject([
    { code: 'HISTORY_LINES_SKIPPED', message: expect.stringMatching(/^2 unreadable lines were skipped/) },
  ]);
  expect(h.get('id-5')).toBeUndefined();
  expect(h.get('id-3')?.id).toBe('id-3');
});

test('a search, a deep page, an export or a lookup during the load answer for the whole file', async () => {
  const lines = mixedLog();
  await writeFile(historyFile(), `${lines.join('\n')}\n`);
  const expected = replayIds(lines);

  const searched = await open();
  expect(searched.query({ offset: 0, limit: 10, text: 'key-1001' })).toMatchObject({ matched: 1, loading: false });
  const deep = await open();
  expect(pageIds(deep, expected.length - 5, 10)).toEqual(expected.slice(-5));
  const exported = await open();
  expect(allIds(exported)).toEqual(expected);
  const looked = await open();
  expect(looked.get('id-1001')?.partitionKey).toBe('key-1001');
});

test('entries appended, deleted or cleared while the rest loads land where they belong', async () => {
  const lines = mixedLog();
  await writeFile(historyFile(), `${lines.join('\n')}\n`);
  const expected = replayIds(lines);

  const held = heldLoad();
  const h = await open(held);
  await h.append(entry(10_000));
  expect(h.query({ offset: 0, limit: 1 })).toMatchObject({ loading: true, entries: [{ id: 'id-10000' }] });
  // An entry the load has not reached yet: its tombstone still has to be written.
  expect(expected).toContain('id-1001');
  await h.delete('id-1001');
  await h.append(entry(10_001));
  held.release();
  await h.loaded();
  const after = ['id-10001', 'id-10000', ...expected.filter((id) => id !== 'id-1001')];
  expect(allIds(h)).toEqual(after);
  await h.close();
  expect(allIds(await open())).toEqual(after);

  const cleared = await open();
  await cleared.clear();
  await cleared.loaded();
  expect(cleared.query({ offset: 0, limit: 10 })).toMatchObject({ total: 0, entries: [], loading: false });
  await cleared.append(entry(10_002));
  await cleared.close();
  expect(allIds(await open())).toEqual(['id-10002']);
});

test('a truncated last line is skipped, noticed when the load ends, and the next append starts a new line', async () => {
  const lines = Array.from({ length: 5000 }, (_, i) => add(i));
  const half = add(5000).slice(0, 300);
  await writeFile(historyFile(), `${lines.join('\n')}\n${half}`);

  const h = await open();
  expect(pageIds(h, 0, 3)).toEqual(['id-4999', 'id-4998', 'id-4997']);
  await h.append(entry(5001));
  await h.loaded();
  expect(h.notices()).toMatchObject([
    { code: 'HISTORY_LINES_SKIPPED', message: expect.stringMatching(/^1 unreadable line was skipped/) },
  ]);
  await h.close();

  const text = await readFile(historyFile(), 'utf8');
  expect(text.endsWith(`\n${half}\n${add(5001)}\n`)).toBe(true);
  const again = await open();
  await again.loaded();
  expect(pageIds(again, 0, 2)).toEqual(['id-5001', 'id-4999']);
  expect(again.query({ offset: 0, limit: 1 }).total).toBe(5001);
});

test('100,000 entries: the newest page comes at once (time printed), the rest while the process stays responsive', async () => {
  const count = 100_000;
  const chunk = 10_000;
  for (let start = 0; start < count; start += chunk) {
    await appendFile(historyFile(), Array.from({ length: chunk }, (_, k) => `${add(start + k)}\n`).join(''));
  }
  const held = heldLoad();
  const t0 = performance.now();
  const h = await open(held);
  const first = h.query({ offset: 0, limit: 200 });
  const openMs = performance.now() - t0;
  expect(first.entries[0].id).toBe(`id-${count - 1}`);
  expect(first.loading).toBe(true);
  held.release();

  // Timers keep firing while the rest loads: no turn of the event loop waits for the whole file.
  let longestGapMs = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 1);
  const t1 = performance.now();
  await h.loaded();
  const loadMs = performance.now() - t1;
  clearInterval(ticker);
  console.log(
    `history of ${count}: newest page in ${openMs.toFixed(1)} ms; the rest in ${loadMs.toFixed(0)} ms, longest event-loop gap ${longestGapMs.toFixed(1)} ms`,
  );
  expect(h.query({ offset: 0, limit: 1 }).total).toBe(count);
  // A generous bound: a shared 2-core machine under load takes many times longer than a quiet one.
}, 180_000);
