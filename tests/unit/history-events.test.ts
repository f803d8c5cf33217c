// The history's `history` events, on real files in a fresh temp folder: every kind of change
// (append, update of a run's entry, delete, clear, import, compaction) is told, after its write has
// settled, and a burst of changes comes as one event.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { HistoryEntry, HistoryEvent } from '../../electron/contract';
import { openHistory, type HistoryOptions } from '../../electron/history';
import { MAX_EVENT_IDS } from '../../electron/history/changes';
import type { HistoryStore } from '../../electron/services';

let dataDir: string;
const opened: HistoryStore[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-history-events-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
  await rm(dataDir, { recursive: true, force: true });
});

async function open(over: Partial<HistoryOptions> = {}): Promise<{ history: HistoryStore; events: HistoryEvent[] }> {
  const events: HistoryEvent[] = [];
  const history = await openHistory({ dataDir, onChange: (e) => events.push(e), ...over });
  opened.push(history);
  await history.loaded();
  return { history, events };
}

function entry(i: number, time = new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString()): HistoryEntry {
  const text = `{"n": ${i}}`;
  return {
    id: `id-${i}`,
    time,
    profile: {
      id: 'p1',
      name: 'Local sandbox',
      kind: 'sandbox',
      endpoint: 'http://127.0.0.1:4567',
      region: 'us-east-1',
    },
    streamName: 'example-stream',
    target: { type: 'name', streamName: 'example-stream' },
    partitionKey: `key-${i}`,
    payload: { mode: 'json', text, size: text.length, truncated: false },
    result: {
      ok: true,
      response: {
        shardId: 'shardId-000000000000',
        sequenceNumber: `4959${i}`,
        encryptionType: null,
        httpStatus: 200,
        requestId: `r-${i}`,
        attempts: 1,
        totalRetryDelayMs: 0,
      },
    },
    latencyMs: 5,
  };
}

/** Waits for the next event (events go out at most every 200 ms). */
async function next(events: HistoryEvent[], count: number): Promise<HistoryEvent> {
  await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(count), { timeout: 5000 });
  return events[count - 1];
}

test('append, update, delete, clear, import and compaction each send a history event saying what changed', async () => {
  const { history, events } = await open();
  await history.append(entry(1));
  expect(await next(events, 1)).toEqual({ kind: 'changed', added: ['id-1'], updated: [], removed: [], total: 1 });

  await history.append(entry(2));
  expect(await history.update({ ...entry(1), latencyMs: 99 })).toBe(true);
  // Both changes close together: one event.
  expect(await next(events, 2)).toEqual({ kind: 'changed', added: ['id-2'], updated: ['id-1'], removed: [], total: 2 });

  await history.delete('id-2');
  expect(await next(events, 3)).toEqual({ kind: 'changed', added: [], updated: [], removed: ['id-2'], total: 1 });

  await history.clear();
  expect(await next(events, 4)).toEqual({ kind: 'reset', total: 0 });

  expect(await history.importEntries([entry(3), entry(4), entry(5)])).toBe(3);
  expect(await next(events, 5)).toEqual({ kind: 'reset', total: 3 });

  // Retention by count drops the oldest two.
  expect((await history.compact({ keepLast: 1, keepDays: null })).total).toBe(1);
  expect(await next(events, 6)).toEqual({ kind: 'reset', total: 1 });

  // What the events said is what the file holds.
  await history.close();
  const reopened = await openHistory({ dataDir });
  opened.push(reopened);
  await reopened.loaded();
  expect(reopened.query({ offset: 0, limit: 10 }).entries.map((e) => e.id)).toEqual(['id-5']);
});

test('nothing that changes nothing is told: an update of an entry deleted meanwhile, a delete of an unknown id', async () => {
  const { history, events } = await open();
  await history.append(entry(1));
  await next(events, 1);
  expect(await history.update(entry(7))).toBe(false);
  await history.delete('no-such-id');
  // A change after them is the next event, and it is alone in it.
  await history.append(entry(2));
  expect(await next(events, 2)).toEqual({ kind: 'changed', added: ['id-2'], updated: [], removed: [], total: 2 });
  expect(events).toHaveLength(2);
});

test('a burst of changes is one event, and past MAX_EVENT_IDS ids the list is told to start over', async () => {
  const { history, events } = await open();
  // A run's entry updated many times in a row, as a load run's progress would.
  await history.append(entry(1));
  await next(events, 1);
  await Promise.all(Array.from({ length: 50 }, (_, i) => history.update({ ...entry(1), latencyMs: i })));
  expect(await next(events, 2)).toEqual({ kind: 'changed', added: [], updated: ['id-1'], removed: [], total: 1 });

  await Promise.all(Array.from({ length: MAX_EVENT_IDS + 1 }, (_, i) => history.append(entry(100 + i))));
  expect(await next(events, 3)).toEqual({ kind: 'reset', total: MAX_EVENT_IDS + 2 });
  expect(events).toHaveLength(3);
});

test('a write that fails is told too, with its notice already there when the event comes', async () => {
  let fail = false;
  const { history, events } = await open({
    onChange: (e) => events.push(e) && noticesAtEvent.push(history.notices().map((n) => n.code)),
    writeBytes: async () => {
      if (fail) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    },
  });
  const noticesAtEvent: string[][] = [];
  fail = true;
  await history.append(entry(1)).catch(() => {});
  await next(events, 1);
  expect(events[0]).toEqual({ kind: 'changed', added: ['id-1'], updated: [], removed: [], total: 1 });
  expect(noticesAtEvent[0]).toContain('HISTORY_WRITE_FAILED');
});

test('after close no event is sent for changes still waiting', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    const { history, events } = await open();
    await history.append(entry(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toHaveLength(1);
    // The next change waits for the interval; the history closes before it is up.
    await history.update({ ...entry(1), latencyMs: 7 });
    await history.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events).toHaveLength(1);
  } finally {
    vi.useRealTimers();
  }
});
