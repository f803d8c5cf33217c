// The feed between a template batch's worker and the load engine: how much the worker makes before
// the engine has its first record (what a run waits for before its first call).
import { expect, test } from 'vitest';
import { feedOf, hostBatch, recordOf } from '../../electron/runs/batch-host';
import type { BatchInput } from '../../electron/runs/batch-session';
import { budgetFor } from '../../electron/runs/run-rules';

const input: BatchInput = {
  request: {
    profileId: 'feed-test',
    target: { type: 'name', streamName: 'feed' },
    source: { type: 'template', template: '{"n": {{seq}}, "pad": "{{faker.string.alpha(50)}}"}', locale: 'en' },
    keys: { type: 'random' },
    payloadMode: 'json',
    seed: 3,
  },
  file: null,
  family: 'aws',
  seed: 3,
};

test('the first record is handed over before the worker has made a whole call of 500, and the rest follow in order', async () => {
  const batch = await hostBatch(input, budgetFor(input.request, 'run'));
  try {
    let made = 0;
    const counted: typeof batch = {
      ...batch,
      records: async (from, count) => {
        const records = await batch.records(from, count);
        made += records.length;
        return records;
      },
    };
    const feed = feedOf(counted);
    const first = await recordOf(feed, 0);
    expect(JSON.parse(Buffer.from(first.data).toString('utf8'))).toMatchObject({ n: 1 });
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(500);
    // The asks grow: 1,200 records in order, each made once.
    for (let n = 1; n < 1200; n++) {
      const record = await recordOf(feed, n);
      expect(JSON.parse(Buffer.from(record.data).toString('utf8')).n).toBe(n + 1);
    }
    expect(made).toBeLessThanOrEqual(1200 + 8 * 500);
  } finally {
    await batch.close();
  }
});

test("a chunk's records cross from the worker in one buffer that holds nothing else; a record taken to keep has its own bytes", async () => {
  const batch = await hostBatch(input, budgetFor(input.request, 'run'));
  try {
    const made = await batch.records(0, 100);
    expect(made).toHaveLength(100);
    const views = made.map((m) => (m.ok ? m.data : null)).filter((d) => d !== null);
    const buffers = new Set(views.map((d) => d.buffer));
    expect(buffers.size).toBe(1);
    // Nothing but the records rode along: the views cover the buffer end to end.
    const [buffer] = buffers;
    expect(views.reduce((sum, d) => sum + d.byteLength, 0)).toBe(buffer.byteLength);
    expect(JSON.parse(Buffer.from(views[99]).toString('utf8'))).toMatchObject({ n: 100 });
    // recordOf's callers keep what it gives (records made again for a check): not the chunk.
    const kept = await recordOf(feedOf(batch), 5);
    expect(kept.data.byteLength).toBe(kept.data.buffer.byteLength);
    expect(JSON.parse(Buffer.from(kept.data).toString('utf8'))).toMatchObject({ n: 6 });
  } finally {
    await batch.close();
  }
});
