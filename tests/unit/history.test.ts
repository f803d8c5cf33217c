import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HistoryEntry } from '../../electron/contract';
import { openHistory, type HistoryOptions } from '../../electron/history';
import type { HistoryStore } from '../../electron/services';
import { botoPrintout } from '../../electron/shared/printout';
import { heldLoad } from '../helpers/held-load';
import { historyEntry, secondOf2025, sentOk } from '../helpers/history-entries';

let dataDir: string;
const opened: HistoryStore[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-history-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
  await rm(dataDir, { recursive: true, force: true });
});

async function open(payloadCap?: number, writeBytes?: HistoryOptions['writeBytes']): Promise<HistoryStore> {
  const h = await openHistory({ dataDir, payloadCap, writeBytes });
  opened.push(h);
  return h;
}
const historyFile = () => path.join(dataDir, 'history.jsonl');

function entry(i: number, over: Partial<HistoryEntry> = {}): HistoryEntry {
  return historyEntry({
    id: `id-${i}`,
    time: secondOf2025(i),
    partitionKey: `key-${i}`,
    text: `{"n": ${i},\n  "msg": "hello"}`,
    result: sentOk({ shardId: `shardId-00000000000${i % 2}`, sequenceNumber: `4959${i}`, requestId: `req-${i}` }),
    latencyMs: 5 + i,
    ...over,
  });
}

const failed = (i: number): HistoryEntry =>
  entry(i, {
    result: {
      ok: false,
      error: {
        name: 'ECONNREFUSED',
        message: 'connect ECONNREFUSED',
        hint: 'check the endpoint',
        httpStatus: null,
        requestId: null,
        retryable: true,
        attempts: 3,
      },
    },
  });

const ids = (h: HistoryStore) => h.query({ offset: 0, limit: 1000 }).entries.map((e) => e.id);

describe('history', () => {
  test('entries are listed newest first and survive a restart whole and in order', async () => {
    const h = await open();
    for (let i = 0; i < 5; i++) await h.append(entry(i));
    expect(ids(h)).toEqual(['id-4', 'id-3', 'id-2', 'id-1', 'id-0']);
    expect(h.query({ offset: 0, limit: 2 })).toMatchObject({ total: 5, entries: [{ id: 'id-4' }, { id: 'id-3' }] });
    await h.close();

    const again = await open();
    expect(ids(again)).toEqual(['id-4', 'id-3', 'id-2', 'id-1', 'id-0']);
    expect(again.get('id-2')).toEqual(entry(2));
    expect(again.get('nope')).toBeUndefined();
    expect(again.notices()).toEqual([]);
    const lines = (await readFile(historyFile(), 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l).op)).toEqual(['add', 'add', 'add', 'add', 'add']);
  });

  test('a summary shows the shard on success, the error name on failure, and a one-line preview', async () => {
    const h = await open();
    await h.append(entry(1));
    await h.append(failed(2));
    const long = 'x'.repeat(200);
    await h.append(
      entry(3, { payload: { mode: 'text', text: `  first\n\tsecond  ${long}`, size: 218, truncated: false } }),
    );
    const [third, second, first] = h.query({ offset: 0, limit: 10 }).entries;
    expect(first).toEqual({
      id: 'id-1',
      time: entry(1).time,
      profileName: 'Local sandbox',
      streamName: 'example-stream',
      partitionKey: 'key-1',
      ok: true,
      detail: 'shardId-000000000001',
      latencyMs: 6,
      preview: '{"n": 1, "msg": "hello"}',
    });
    expect(second).toMatchObject({ ok: false, detail: 'ECONNREFUSED' });
    expect(third.preview.startsWith('first second xxx')).toBe(true);
    expect(third.preview).not.toMatch(/\n/);
    expect([...third.preview]).toHaveLength(121);
    expect(third.preview.endsWith('x…')).toBe(true);
  });

  test('a line cut short by a crash is skipped, the rest kept, and the next append still parses', async () => {
    const h = await open();
    for (let i = 0; i < 3; i++) await h.append(entry(i));
    await h.close();
    const half = JSON.stringify({ op: 'add', entry: entry(3) }).slice(0, 150);
    await appendFile(historyFile(), half);

    const reopened = await open();
    expect(ids(reopened)).toEqual(['id-2', 'id-1', 'id-0']);
    expect(reopened.notices()).toEqual([
      {
        code: 'HISTORY_LINES_SKIPPED',
        message: expect.stringMatching(/^1 unreadable line was skipped/),
        path: historyFile(),
      },
    ]);
    await reopened.append(entry(4));
    await reopened.close();

    const lines = (await readFile(historyFile(), 'utf8')).split('\n');
    expect(lines[3]).toBe(half);
    expect(JSON.parse(lines[4]).entry.id).toBe('id-4');
    const last = await open();
    expect(ids(last)).toEqual(['id-4', 'id-2', 'id-1', 'id-0']);
    expect(last.notices()[0].message).toMatch(/^1 unreadable line was skipped/);
  });

  test('garbled lines in the middle are skipped and counted; lines after them are kept', async () => {
    const good = (i: number) => JSON.stringify({ op: 'add', entry: entry(i) });
    await writeFile(
      historyFile(),
      [good(0), 'garbage', '', good(1), '{"op":"add","entry":{"id":"no-fields"}}', '[1,2]', good(2), ''].join('\n'),
    );
    const h = await open();
    expect(ids(h)).toEqual(['id-2', 'id-1', 'id-0']);
    expect(h.notices()[0].message).toMatch(/^3 unreadable lines were skipped/);
  });

  test('entries from before hint codes, with the printout stored as `raw`, still load and print', async () => {
    const old = (i: number, result: unknown) => JSON.stringify({ op: 'add', entry: { ...entry(i), result } });
    const storedRaw = {
      ShardId: 'shardId-000000000000',
      SequenceNumber: '4959',
      ResponseMetadata: { RequestId: 'req-0', HTTPStatusCode: 200, RetryAttempts: 0 },
    };
    const response = {
      shardId: 'shardId-000000000000',
      sequenceNumber: '4959',
      encryptionType: null,
      httpStatus: 200,
      requestId: 'req-0',
      attempts: 1,
      totalRetryDelayMs: 0,
      raw: storedRaw,
    };
    const error = {
      name: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED',
      hint: 'Nothing answered at the endpoint.',
      httpStatus: null,
      requestId: null,
      retryable: false,
      attempts: 1,
    };
    await writeFile(historyFile(), `${old(0, { ok: true, response })}\n${old(1, { ok: false, error })}\n`);
    const h = await open();
    expect(h.notices()).toEqual([]);
    expect(ids(h)).toEqual(['id-1', 'id-0']);
    const ok = h.get('id-0')!.result;
    expect(ok.ok && botoPrintout(ok.response)).toStrictEqual(storedRaw);
    const failed = h.get('id-1')!.result;
    expect(failed.ok ? undefined : failed.error).toStrictEqual(error);
  });

  test('update replaces an entry by id, the newest version wins after a restart, and a deleted entry stays deleted', async () => {
    const h = await open();
    await h.append(entry(1));
    await h.append(entry(2));
    expect(await h.update(entry(1, { latencyMs: 999 }))).toBe(true);
    expect(h.get('id-1')?.latencyMs).toBe(999);
    expect(h.query({ offset: 0, limit: 10 }).total).toBe(2);
    await h.delete('id-2');
    expect(await h.update(entry(2, { latencyMs: 777 }))).toBe(false);
    await h.close();
    const again = await open();
    await again.loaded();
    expect(again.get('id-1')?.latencyMs).toBe(999);
    expect(again.get('id-2')).toBeUndefined();
    expect(again.query({ offset: 0, limit: 10 }).total).toBe(1);
  });

  test('deletions are tombstones that survive a restart', async () => {
    const h = await open();
    for (let i = 0; i < 4; i++) await h.append(entry(i));
    expect(await h.delete('id-1')).toBe(3);
    const sizeBefore = (await readFile(historyFile())).length;
    expect(await h.delete('id-1')).toBe(3);
    expect((await readFile(historyFile())).length).toBe(sizeBefore);
    await h.close();

    const again = await open();
    expect(ids(again)).toEqual(['id-3', 'id-2', 'id-0']);
    const ops = (await readFile(historyFile(), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).op);
    expect(ops).toEqual(['add', 'add', 'add', 'add', 'delete']);
  });

  test('clear removes the payloads from disk, and later entries are appended to the emptied file', async () => {
    const h = await open();
    const secretText = (i: number) => `private payload number ${i}`;
    for (let i = 0; i < 3; i++)
      await h.append(entry(i, { payload: { mode: 'text', text: secretText(i), size: 24, truncated: false } }));
    // Queued in the same turn as the clear: cleared with the rest, never written.
    void h.append(entry(3, { payload: { mode: 'text', text: secretText(3), size: 24, truncated: false } }));
    expect(await h.clear()).toBe(0);
    expect(await readFile(historyFile(), 'utf8')).toBe('');
    await h.append(entry(9));
    await h.close();

    const text = await readFile(historyFile(), 'utf8');
    expect(text).not.toContain('private payload');
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).entry.id),
    ).toEqual(['id-9']);
    const again = await open();
    expect(ids(again)).toEqual(['id-9']);
    expect(again.notices()).toEqual([]);
  });

  test('clear records from older files still clear on replay', async () => {
    const add = (i: number) => JSON.stringify({ op: 'add', entry: entry(i) });
    await writeFile(historyFile(), [add(0), add(1), '{"op":"clear"}', add(2), ''].join('\n'));
    expect(ids(await open())).toEqual(['id-2']);
  });

  test('after a write that fails part-way, the next record starts on a new line', async () => {
    let calls = 0;
    const h = await open(undefined, async (handle, bytes) => {
      if (++calls === 2) {
        await handle.write(bytes, 0, Math.floor(bytes.length / 2));
        throw new Error('ENOSPC: no space left on device');
      }
      await handle.write(bytes);
    });
    await h.append(entry(0));
    expect(h.notices()).toEqual([]);
    await expect(h.append(entry(1))).rejects.toThrow(/ENOSPC/);
    expect(h.notices()).toMatchObject([{ code: 'HISTORY_WRITE_FAILED', message: expect.stringContaining('ENOSPC') }]);
    await h.append(entry(2));
    await h.close();

    const reopened = await open();
    expect(ids(reopened)).toEqual(['id-2', 'id-0']);
    expect(reopened.notices()[0].message).toMatch(/^1 unreadable line was skipped/);
  });

  test('payload text over the cap is cut on a character boundary, keeping the full size', async () => {
    const h = await open(10);
    const euro = 'ab€€€€'; // 2 + 4×3 bytes
    await h.append(entry(1, { payload: { mode: 'text', text: euro, size: 14, truncated: false } }));
    await h.append(entry(2, { payload: { mode: 'text', text: '😀😀😀', size: 12, truncated: false } }));
    await h.append(entry(3, { payload: { mode: 'text', text: '0123456789', size: 10, truncated: false } }));
    expect(h.get('id-1')!.payload).toEqual({ mode: 'text', text: 'ab€€', size: 14, truncated: true });
    expect(h.get('id-2')!.payload).toEqual({ mode: 'text', text: '😀😀', size: 12, truncated: true });
    expect(h.get('id-3')!.payload).toEqual({ mode: 'text', text: '0123456789', size: 10, truncated: false });
    await h.close();
    expect((await open()).get('id-1')!.payload.text).toBe('ab€€');
  });

  test('the default cap keeps 64 KiB of text', async () => {
    const h = await open();
    const text = 'я'.repeat(40_000); // 80,000 bytes
    await h.append(entry(1, { payload: { mode: 'text', text, size: 80_000, truncated: false } }));
    const kept = h.get('id-1')!.payload;
    expect(kept).toMatchObject({ truncated: true, size: 80_000 });
    expect(kept.text).toBe('я'.repeat(32_768));
  });

  test('appends made at once are written one at a time, in call order', async () => {
    const h = await open();
    await Promise.all(Array.from({ length: 50 }, (_, i) => h.append(entry(i))));
    const expected = Array.from({ length: 50 }, (_, i) => `id-${49 - i}`);
    expect(ids(h)).toEqual(expected);
    await h.close();
    expect(ids(await open())).toEqual(expected);
  });

  test('close waits for pending writes; later appends are refused', async () => {
    const h = await open();
    const pending = h.append(entry(1));
    await h.close();
    await pending;
    await expect(h.append(entry(2))).rejects.toThrow(/closed/);
    expect(ids(await open())).toEqual(['id-1']);
  });

  test('10,000 entries: the newest page at once, the rest loaded in the background', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ op: 'add', entry: entry(i) })).join('\n');
    await writeFile(historyFile(), `${lines}\n`);
    const held = heldLoad();
    const h = await openHistory({ dataDir, scheduleLoad: held.scheduleLoad });
    opened.push(h);
    const first = h.query({ offset: 0, limit: 3 });
    expect(first.loading).toBe(true);
    expect(first.entries.map((e) => e.id)).toEqual(['id-9999', 'id-9998', 'id-9997']);
    held.release();
    await h.loaded();
    const { entries, total, loading } = h.query({ offset: 0, limit: 3 });
    expect({ total, loading }).toEqual({ total: 10_000, loading: false });
    expect(entries).toEqual(first.entries);
  });
});

describe('an append is taken in after its caller has gone on, and never missed', () => {
  test('a read or a change in the same turn finds the entry, and the file gets every record in order', async () => {
    const h = await open();
    const bytesBefore = (await readFile(historyFile())).length;
    const written = h.append(entry(1));
    // The same turn: nothing has been taken in yet, but every read takes the arrivals in first.
    expect(h.get('id-1')?.partitionKey).toBe('key-1');
    void h.append(entry(2));
    expect(h.query({ offset: 0, limit: 10 }).entries.map((e) => e.id)).toEqual(['id-2', 'id-1']);
    void h.append(entry(3));
    expect(await h.delete('id-3')).toBe(2);
    await written;
    const lines = (await readFile(historyFile(), 'utf8')).slice(bytesBefore).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).entry?.id ?? `-${JSON.parse(l).id}`)).toEqual([
      'id-1',
      'id-2',
      'id-3',
      '-id-3',
    ]);
  });

  test('appends closed over before their turn still reach the file', async () => {
    const h = await open();
    void h.append(entry(1));
    void h.append(entry(2));
    await h.close();
    const again = await open();
    expect(again.query({ offset: 0, limit: 10 }).entries.map((e) => e.id)).toEqual(['id-2', 'id-1']);
    await expect(h.append(entry(3))).rejects.toThrow(/closed/);
  });
});
