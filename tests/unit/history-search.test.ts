// History at scale: search and filters over the real history module (a real file in a fresh temp
// folder), export/import through the handler table with a temp path for the save/open dialogs.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HistoryEntry, HistoryQuery, Result } from '../../electron/contract';
import { openHistory } from '../../electron/history';
import { createHistoryIndex } from '../../electron/history/search';
import type { HistoryStore } from '../../electron/services';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp } from '../helpers/app';
import { closedPort } from '../helpers/ports';
import { historyEntry, secondOf2025, sendFailed, sentOk } from '../helpers/history-entries';

let dataDir: string;
const closers: (() => Promise<void>)[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-history-search-'));
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await rm(dataDir, { recursive: true, force: true });
});

function entry(i: number, over: Partial<HistoryEntry> = {}): HistoryEntry {
  return historyEntry({
    id: `id-${i}`,
    time: secondOf2025(i),
    profile:
      i % 2
        ? { id: 'p-aws', name: 'AWS prod', kind: 'aws', endpoint: '', region: 'eu-west-1' }
        : {
            id: 'p-local',
            name: 'Local sandbox',
            kind: 'sandbox',
            endpoint: 'http://127.0.0.1:4567',
            region: 'us-east-1',
          },
    stream: i % 4 === 0 ? 'orders' : 'clicks',
    partitionKey: `Key-${i}`,
    text: JSON.stringify({ n: i, note: i % 3 === 0 ? 'Fizz Order' : 'plain' }),
    result:
      i % 5 === 0
        ? sendFailed({ message: `Stream Missing-${i} not found`, hint: 'h' })
        : sentOk({ sequenceNumber: `49${i}`, requestId: `r-${i}` }),
    latencyMs: 3,
    ...over,
  });
}

async function openStore(): Promise<HistoryStore> {
  const h = await openHistory({ dataDir });
  closers.push(() => h.close());
  return h;
}

const ALL = { offset: 0, limit: 1000 };
const ids = (h: HistoryStore, q: Partial<HistoryQuery>) => h.query({ ...ALL, ...q }).entries.map((e) => e.id);
/** The same filter, worked out the slow obvious way over the source entries. */
const expected = (all: HistoryEntry[], keep: (e: HistoryEntry) => boolean) =>
  all
    .filter(keep)
    .map((e) => e.id)
    .reverse();

describe('history search and filters', () => {
  const all = Array.from({ length: 40 }, (_, i) => entry(i));

  test('text search covers key, stream, payload and error, case-insensitively, and survives a restart', async () => {
    const h = await openStore();
    for (const e of all) await h.append(e);
    const checks: [string, (e: HistoryEntry) => boolean][] = [
      ['key-1', (e) => e.partitionKey.toLowerCase().includes('key-1')],
      ['ORDERS', (e) => e.streamName === 'orders'],
      ['fizz order', (e) => e.payload.text.includes('Fizz Order')],
      ['resourcenotfound', (e) => !e.result.ok],
      ['missing-35', (e) => e.id === 'id-35'],
    ];
    for (const [text, keep] of checks) {
      const want = expected(all, keep);
      expect(want.length).toBeGreaterThan(0);
      expect(ids(h, { text })).toEqual(want);
      expect(h.query({ ...ALL, text }).matched).toBe(want.length);
    }
    expect(ids(h, { text: 'no such thing' })).toEqual([]);
    await h.close();
    const again = await openStore();
    expect(ids(again, { text: 'fizz order' })).toEqual(expected(all, (e) => e.payload.text.includes('Fizz Order')));
  });

  test('filters by profile, stream, outcome and time range combine, and page newest first', async () => {
    const h = await openStore();
    for (const e of all) await h.append(e);
    expect(ids(h, { profileId: 'p-aws' })).toEqual(expected(all, (e) => e.profile.id === 'p-aws'));
    expect(ids(h, { stream: 'orders', outcome: 'failed' })).toEqual(
      expected(all, (e) => e.streamName === 'orders' && !e.result.ok),
    );
    expect(ids(h, { outcome: 'ok', profileId: 'p-local' })).toEqual(
      expected(all, (e) => e.result.ok && e.profile.id === 'p-local'),
    );
    const from = new Date(Date.UTC(2025, 0, 1, 0, 0, 10)).toISOString();
    const to = new Date(Date.UTC(2025, 0, 1, 0, 0, 19)).toISOString();
    expect(ids(h, { from, to })).toEqual(expected(all, (e) => e.time >= from && e.time <= to));

    const page = h.query({ offset: 5, limit: 3, stream: 'clicks' });
    const clicks = expected(all, (e) => e.streamName === 'clicks');
    expect(page.entries.map((e) => e.id)).toEqual(clicks.slice(5, 8));
    expect(page).toMatchObject({ total: 40, matched: clicks.length, streams: ['clicks', 'orders'] });
    expect(page.profiles).toEqual([
      { id: 'p-aws', name: 'AWS prod' },
      { id: 'p-local', name: 'Local sandbox' },
    ]);
  });

  test('deleted, replaced and cleared entries leave the results and the facets', async () => {
    const h = await openStore();
    for (const e of all.slice(0, 8)) await h.append(e);
    await h.delete('id-4');
    await h.delete('id-0');
    expect(ids(h, { stream: 'orders' })).toEqual([]);
    expect(h.query(ALL).streams).toEqual(['clicks']);
    await h.append(entry(3, { partitionKey: 'renamed' }));
    expect(ids(h, {})[0]).toBe('id-3');
    expect(ids(h, { text: 'key-3' })).toEqual([]);
    expect(ids(h, { text: 'renamed' })).toEqual(['id-3']);
    await h.clear();
    expect(h.query(ALL)).toMatchObject({ entries: [], total: 0, matched: 0, streams: [], profiles: [] });
  });

  test('entries appended in this turn, not yet inserted nor written, are listed, searched, counted, found and deletable', async () => {
    const h = await openStore();
    await h.append(all[1]);
    // Not awaited: the index only queues them until the turn after (or the first read).
    const appended = [all[4], all[5], entry(1, { partitionKey: 'replaced' })].map((e) => h.append(e));
    // Read synchronously: an await here would let the turn that writes them come.
    expect(readFileSync(path.join(dataDir, 'history.jsonl'), 'utf8')).not.toContain('"id-4"');
    expect(h.query({ ...ALL, text: 'replaced' }).entries.map((e) => e.id)).toEqual(['id-1']);
    expect(h.query(ALL)).toMatchObject({ total: 3, matched: 3, streams: ['clicks', 'orders'] });
    expect(h.get('id-5')?.partitionKey).toBe('Key-5');
    expect(ids(h, {})).toEqual(['id-1', 'id-5', 'id-4']);
    expect(ids(h, { stream: 'orders' })).toEqual(['id-4']);
    expect(await h.delete('id-4')).toBe(2);
    await Promise.all(appended);
    expect(ids(h, {})).toEqual(['id-1', 'id-5']);
    await h.close();
    expect(ids(await openStore(), {})).toEqual(['id-1', 'id-5']);
  });

  // Timings are the bench's (bench/run.ts); this checks what the index finds among many large entries.
  test('10,000 entries of ~1 KB: the index finds by key, payload and error, and nothing else', () => {
    const big = (i: number): HistoryEntry => {
      const e = entry(i);
      const text = JSON.stringify({ n: i, user: `user-${i}`, note: 'lorem ipsum '.repeat(80) });
      return { ...e, id: `big-${i}`, partitionKey: `user-${i}`, payload: { ...e.payload, text, size: text.length } };
    };
    const index = createHistoryIndex(Array.from({ length: 10_000 }, (_, i) => big(i)));
    for (const text of ['user-9999', 'LOREM', 'resourcenotfound', 'nothing-like-this', 'user-5'])
      expect(index.query({ offset: 0, limit: 50, text }).total).toBe(10_000);
    expect(index.query({ offset: 0, limit: 50, text: 'user-9999"' }).entries.map((e) => e.id)).toEqual(['big-9999']);
    expect(index.query({ offset: 0, limit: 50, text: 'nothing-like-this' }).matched).toBe(0);
    expect(index.query({ offset: 0, limit: 50, text: 'resourcenotfound' }).matched).toBe(2_000);
  });
});

describe('history export and import', () => {
  async function wire(dir: string, paths: { save?: string; open?: string }): Promise<WiredApp> {
    const { app, close } = await wireTestApp({
      dataDir: dir,
      chooseSavePath: async () => paths.save ?? null,
      chooseOpenPath: async () => paths.open ?? null,
    });
    closers.push(close);
    return app;
  }
  const value = <T>(r: Result<T>): T => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };

  async function seed(dir: string, entries: HistoryEntry[]) {
    const h = await openHistory({ dataDir: dir });
    for (const e of entries) await h.append(e);
    await h.close();
  }

  test.each(['ndjson', 'json'] as const)(
    '%s: an export of the filter imports back whole into another history',
    async (format) => {
      const source = path.join(dataDir, 'a');
      const target = path.join(dataDir, 'b');
      const file = path.join(dataDir, `out.${format}`);
      const entries = Array.from({ length: 12 }, (_, i) => entry(i));
      await seed(source, entries);
      const app = await wire(source, { save: file });
      const out = value(await app.handlers.exportHistory({ format, filter: { outcome: 'failed' } }));
      const failed = entries.filter((e) => !e.result.ok);
      expect(out).toEqual({ path: file, count: failed.length });
      const text = await readFile(file, 'utf8');
      if (format === 'ndjson') expect(text.trim().split('\n')).toHaveLength(failed.length);
      else expect(JSON.parse(text)).toHaveLength(failed.length);

      const picked = value(await app.handlers.exportHistory({ format, ids: ['id-2', 'id-7'] }));
      expect(picked.count).toBe(2);

      await seed(target, [entries[0]]);
      const other = await wire(target, { open: file });
      // Reading the picked export back: entries 2 and 7 are new, nothing else was in it.
      expect(value(await other.handlers.importHistory({}))).toEqual({ path: file, imported: 2, skipped: 0, total: 3 });
      expect(value(await other.handlers.getHistoryEntry({ id: 'id-7' }))).toEqual(entries[7]);
      expect(value(await other.handlers.importHistory({}))).toMatchObject({ imported: 0, skipped: 2, total: 3 });
      // Newest first by time: the imported ones sort by their own times.
      expect(value(await other.handlers.listHistory({})).entries.map((e) => e.id)).toEqual(['id-7', 'id-2', 'id-0']);
    },
  );

  test('a cancelled dialog writes and imports nothing', async () => {
    await seed(dataDir, [entry(1)]);
    const app = await wire(dataDir, {});
    expect(value(await app.handlers.exportHistory({ format: 'ndjson' }))).toEqual({ path: null, count: 0 });
    expect(value(await app.handlers.importHistory({}))).toMatchObject({ path: null, imported: 0, total: 1 });
  });

  test('a malformed export is refused naming its line, and the history is left as it was', async () => {
    const good = [entry(1), entry(2), entry(3)].map((e) => JSON.stringify(e));
    const broken = JSON.stringify({ ...entry(4), result: { ok: 'maybe' } });
    const cases: [string, RegExp][] = [
      [[good[0], good[1], '{"id": "x", "time": ', good[2]].join('\n'), /Line 3 is not valid JSON/],
      [[good[0], broken].join('\n'), /Line 2 is not a history entry: result/],
      [`[${good[0]}, {"id": 5}]`, /Entry 2 is not a history entry/],
    ];
    const file = path.join(dataDir, 'in.ndjson');
    const home = path.join(dataDir, 'home');
    await seed(home, [entry(9)]);
    const historyFile = path.join(home, 'history.jsonl');
    const before = await readFile(historyFile, 'utf8');
    const app = await wire(home, { open: file });
    for (const [text, message] of cases) {
      await writeFile(file, text);
      const r = await app.handlers.importHistory({});
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message).toMatch(message);
      }
      expect(value(await app.handlers.listHistory({})).entries.map((e) => e.id)).toEqual(['id-9']);
    }
    await app.close();
    expect(await readFile(historyFile, 'utf8')).toBe(before);
  });

  test('an export of a real send holds no secret and no access key id', async () => {
    const file = path.join(dataDir, 'out.json');
    const app = await wire(path.join(dataDir, 'app'), { save: file });
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
    const keyId = 'AKIAIOSFODNN7EXAMPLE';
    const profile = value(
      await app.handlers.saveProfile({
        name: 'Custom',
        kind: 'custom',
        endpoint: `http://127.0.0.1:${await closedPort()}`,
        region: 'us-east-1',
        ydsCloudId: '',
        ydsDatabaseId: '',
        credentials: { source: 'static', sharedProfile: '', accessKeyId: keyId, secretAccessKey: secret },
        timeoutMs: 2000,
        maxAttempts: 1,
      }),
    );
    const sent = value(
      await app.handlers.sendRecord({
        requestId: 'r1',
        profileId: profile.id,
        target: { type: 'name', streamName: 's' },
        partitionKey: 'k',
        payload: { mode: 'text', text: 'hi' },
      }),
    );
    expect(sent.result.ok).toBe(false);
    expect(value(await app.handlers.exportHistory({ format: 'json' })).count).toBe(1);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('"partitionKey": "k"');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(keyId);
  });
});
