// The load run's order keys and sources that end by themselves, against the fake endpoint: with
// entries failing at random (each failed entry is retried later), the records of one order key
// must still be stored in index order, each once; a source that answers null ends the run there.
import { afterEach, describe, expect, it } from 'vitest';
import { startLoadRun } from '../../electron/load/run';
import type { OutgoingRecord } from '../../electron/load/types';
import { seededRandom, startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';
import { sdkClient } from '../helpers/kinesis-fixtures';

const encoder = new TextEncoder();
const KEYS = 12;
const keyOf = (index: number) => `key-${(index * 7) % KEYS}`;
const record = (index: number, ordered: boolean): OutgoingRecord => ({
  partitionKey: keyOf(index),
  data: encoder.encode(String(index)),
  ...(ordered ? { orderKey: keyOf(index) } : {}),
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function endpoint(): Promise<FakeKinesis & { client: ReturnType<typeof sdkClient> }> {
  const fake = await startFakeKinesis({ streams: { load: 3 }, seed: 7, internalFailureRate: 0.2 });
  const client = sdkClient(fake.url);
  closers.push(async () => {
    client.destroy();
    await fake.close();
  });
  return { ...fake, client, stored: fake.stored };
}

/** Per key, the indexes in the order the endpoint stored them; and whether each index came once. */
function storedOrder(fake: FakeKinesis) {
  const perKey = new Map<string, number[]>();
  for (const s of fake.stored) {
    const list = perKey.get(s.partitionKey) ?? [];
    list.push(Number(s.data.toString()));
    perKey.set(s.partitionKey, list);
  }
  return perKey;
}

const ascending = (list: number[]) => list.every((v, i) => i === 0 || list[i - 1] < v);

describe('order keys', () => {
  it('store the records of one order key in index order, each once, although entries fail and are retried', async () => {
    const fake = await endpoint();
    const handle = startLoadRun({
      client: fake.client,
      streamName: 'load',
      source: (index) => record(index, true),
      plan: { count: 600, concurrency: 4, maxAttemptsPerRecord: 50, ratePerSec: 1_000_000 },
      random: seededRandom(3),
    });
    const report = await handle.done;
    expect(report).toMatchObject({ state: 'done', acknowledged: 600, failed: 0 });
    expect(fake.stored).toHaveLength(600);
    const perKey = storedOrder(fake);
    expect(perKey.size).toBe(KEYS);
    for (const list of perKey.values()) expect(ascending(list)).toBe(true);
  });

  it('without order keys the same run does overtake (what the keys are for)', async () => {
    const fake = await endpoint();
    const handle = startLoadRun({
      client: fake.client,
      streamName: 'load',
      source: (index) => record(index, false),
      plan: { count: 600, concurrency: 4, maxAttemptsPerRecord: 50, ratePerSec: 1_000_000 },
      random: seededRandom(3),
    });
    expect((await handle.done).acknowledged).toBe(600);
    expect([...storedOrder(fake).values()].every(ascending)).toBe(false);
  });
});

describe('a source that ends by itself', () => {
  it('ends the run at the first null, with every record before it acknowledged and none after asked for', async () => {
    const fake = await endpoint();
    let highest = -1;
    const handle = startLoadRun({
      client: fake.client,
      streamName: 'load',
      // Made "elsewhere" half the time: a promise first, the record when asked again.
      source: (index) => {
        highest = Math.max(highest, index);
        if (index >= 777) return null;
        return index % 2 === 0 && highest === index && !made.has(index)
          ? (made.add(index), Promise.resolve())
          : record(index, true);
      },
      plan: { untilSourceEnds: true, maxAttemptsPerRecord: 50 },
      random: seededRandom(5),
    });
    const made = new Set<number>();
    const report = await handle.done;
    expect(report).toMatchObject({ state: 'done', total: 777, acknowledged: 777, notSent: 0 });
    expect(highest).toBe(777);
    expect(new Set(fake.stored.map((s) => s.data.toString())).size).toBe(777);
  });

  it('is refused without a count, a duration or untilSourceEnds', () => {
    expect(() =>
      startLoadRun({ client: { send: async () => ({}) as never }, streamName: 'x', source: () => null, plan: {} }),
    ).toThrow(RangeError);
  });
});
