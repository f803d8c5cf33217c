// Following a stream through the handler table, wired with the real services: against the sandbox
// (kinesalite) for what a tail sees and in which order, and against recording endpoints for how
// often it reads, pauses, stops, reopens expired iterators and lists shards where ListShards is missing.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { TailEvent, TailRecordView } from '../../electron/contract';
import { DEFAULT_TIMING, createTails } from '../../electron/streams/tail';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp } from '../helpers/app';
import { customProfileInput } from '../helpers/profiles';
import { createSandboxStream, sandboxProfileOf, value } from '../helpers/results';
import { recordingServer, type Answer, type RecordedCall } from '../helpers/fake-kinesis';
import { sdkClient, type TestServer } from '../helpers/kinesis-fixtures';

let closeApp: () => Promise<void>;
let app: WiredApp;
let events: (TailEvent & { at: number })[];
const servers: TestServer[] = [];

beforeEach(async () => {
  events = [];
  ({ app, close: closeApp } = await wireTestApp({
    emit: (name, payload) => {
      // Records put through the app also change its history; only the tail is looked at here.
      if (name !== 'tail') return;
      // Timed before the clone, which can take a while on a loaded machine.
      const at = Date.now();
      events.push({ ...structuredClone(payload as TailEvent), at });
    },
  }));
});

afterEach(async () => {
  await closeApp();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** "Nothing happens for ten seconds", on a fake clock: timers only, real I/O still runs. */
async function tenSecondsPass() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  try {
    await vi.advanceTimersByTimeAsync(10_000);
  } finally {
    vi.useRealTimers();
  }
}
const received = (tailId: string): TailRecordView[] =>
  events.filter((e) => e.tailId === tailId).flatMap((e) => e.records);
const dataOf = (r: TailRecordView) => Buffer.from(r.dataBase64, 'base64').toString();

/** A 3-shard sandbox stream, and a way to put a record on a chosen shard. */
async function threeShardStream(name: string) {
  const sandbox = await sandboxProfileOf(app.handlers);
  await createSandboxStream(app.handlers, name, 3);
  const target = { type: 'name' as const, streamName: name };
  const shards = value(await app.handlers.describeStreamDetails({ profileId: sandbox.id, target })).shards;
  expect(shards).toHaveLength(3);
  const put = async (shard: number, text: string) => {
    const out = value(
      await app.handlers.sendRecord({
        requestId: crypto.randomUUID(),
        profileId: sandbox.id,
        target,
        partitionKey: `key-${text}`,
        explicitHashKey: shards[shard].startingHashKey,
        payload: { mode: 'text', text },
      }),
    );
    if (!out.result.ok) throw new Error(JSON.stringify(out.result.error));
    expect(out.result.response.shardId).toBe(shards[shard].shardId);
    // Arrival times have millisecond precision: a gap keeps them apart, so the order is the send order.
    await sleep(5);
  };
  const tail = async (from: 'LATEST' | 'TRIM_HORIZON' | 'AT_TIMESTAMP', timestamp?: string) =>
    value(await app.handlers.startTail({ profileId: sandbox.id, target, from, ...(timestamp ? { timestamp } : {}) }));
  return { put, tail, shards };
}

function expectSortedByArrival(records: TailRecordView[]) {
  for (let i = 1; i < records.length; i++)
    expect(Date.parse(records[i].arrivedAt!)).toBeGreaterThanOrEqual(Date.parse(records[i - 1].arrivedAt!));
}

describe('tail on the sandbox', () => {
  test('records put to three shards come out merged in arrival order, in one event', async () => {
    const { put, tail } = await threeShardStream('tail-order');
    const order = [2, 0, 1, 1, 0, 2, 0, 2, 1];
    for (const [i, shard] of order.entries()) await put(shard, `r${i}`);
    const { tailId, shards } = await tail('TRIM_HORIZON');
    expect(shards).toBe(3);
    await vi.waitFor(() => expect(received(tailId)).toHaveLength(order.length), { timeout: 15_000 });
    const withRecords = events.filter((e) => e.tailId === tailId && e.records.length > 0);
    expect(withRecords).toHaveLength(1);
    expect(received(tailId).map(dataOf)).toEqual(order.map((_, i) => `r${i}`));
    expect(new Set(received(tailId).map((r) => r.shardId)).size).toBe(3);
    expect(received(tailId)[0]).toMatchObject({ partitionKey: 'key-r0', size: 2, truncated: false });
  });

  test('records put while tailing arrive in order across shards, each event sorted', async () => {
    const { put, tail } = await threeShardStream('tail-live');
    const { tailId } = await tail('LATEST');
    await vi.waitFor(() => expect(events.some((e) => e.tailId === tailId && e.state === 'running')).toBe(true));
    const order = [1, 2, 0, 0, 2, 1, 2, 0];
    for (const [i, shard] of order.entries()) {
      await put(shard, `live${i}`);
      await sleep(40);
    }
    await vi.waitFor(() => expect(received(tailId)).toHaveLength(order.length), { timeout: 15_000 });
    for (const e of events.filter((x) => x.tailId === tailId)) expectSortedByArrival(e.records);
    const all = [...received(tailId)].sort((a, b) => Date.parse(a.arrivedAt!) - Date.parse(b.arrivedAt!));
    expect(all.map(dataOf)).toEqual(order.map((_, i) => `live${i}`));
  });

  test('TRIM_HORIZON sees records put before it started; LATEST does not', async () => {
    const { put, tail } = await threeShardStream('tail-from');
    await put(0, 'old-0');
    await put(1, 'old-1');
    const oldest = await tail('TRIM_HORIZON');
    const latest = await tail('LATEST');
    await vi.waitFor(() => expect(received(oldest.tailId).map(dataOf)).toEqual(['old-0', 'old-1']), {
      timeout: 15_000,
    });
    await put(2, 'new-2');
    await vi.waitFor(() => expect(received(latest.tailId).map(dataOf)).toEqual(['new-2']), { timeout: 15_000 });
    await vi.waitFor(() => expect(received(oldest.tailId).map(dataOf)).toEqual(['old-0', 'old-1', 'new-2']), {
      timeout: 15_000,
    });
  });

  test('AT_TIMESTAMP starts at the time given', async () => {
    const { put, tail } = await threeShardStream('tail-at');
    await put(0, 'before-0');
    await put(1, 'before-1');
    await sleep(50);
    const from = new Date().toISOString();
    await sleep(20);
    // Shard 0 holds nothing after the time: its iterator must still open, and follow new records.
    await put(1, 'after-1');
    await put(2, 'after-2');
    const { tailId } = await tail('AT_TIMESTAMP', from);
    await vi.waitFor(() => expect(received(tailId).map(dataOf)).toEqual(['after-1', 'after-2']), { timeout: 15_000 });
    await put(0, 'later-0');
    await vi.waitFor(() => expect(received(tailId).map(dataOf)).toEqual(['after-1', 'after-2', 'later-0']), {
      timeout: 15_000,
    });
    expect(events.filter((e) => e.tailId === tailId).every((e) => !e.error)).toBe(true);
  });

  test('AT_TIMESTAMP without a time is refused, naming the field', async () => {
    const sandbox = await sandboxProfileOf(app.handlers);
    const out = await app.handlers.startTail({
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'example-stream' },
      from: 'AT_TIMESTAMP',
    });
    expect(out).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'timestamp' }] } });
  });

  test('records put while paused arrive after resume, none lost and none twice', async () => {
    const { put, tail } = await threeShardStream('tail-pause');
    const { tailId } = await tail('LATEST');
    await put(0, 'a');
    await vi.waitFor(() => expect(received(tailId).map(dataOf)).toEqual(['a']), { timeout: 15_000 });
    expect(value(await app.handlers.setTailPaused({ tailId, paused: true }))).toEqual({ state: 'paused' });
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ tailId, state: 'paused' }));
    await put(1, 'b');
    await put(2, 'c');
    await put(0, 'd');
    await tenSecondsPass();
    expect(received(tailId).map(dataOf)).toEqual(['a']);
    value(await app.handlers.setTailPaused({ tailId, paused: false }));
    // Shards read in different rounds reach the renderer in different events (it puts a late
    // record in place): across events, the order is the arrival time's.
    const inArrivalOrder = () =>
      [...received(tailId)].sort((x, y) => Date.parse(x.arrivedAt!) - Date.parse(y.arrivedAt!)).map(dataOf);
    await vi.waitFor(() => expect(inArrivalOrder()).toEqual(['a', 'b', 'c', 'd']), { timeout: 15_000 });
    // A record put afterwards arrives once, after the held ones, and none of them came twice.
    await put(1, 'e');
    await vi.waitFor(() => expect(inArrivalOrder()).toContain('e'), { timeout: 15_000 });
    expect(inArrivalOrder()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  test('an unknown stream is refused at start, with a hint', async () => {
    const sandbox = await sandboxProfileOf(app.handlers);
    const out = await app.handlers.startTail({
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'no-such-stream' },
      from: 'LATEST',
    });
    expect(out).toMatchObject({
      ok: false,
      error: {
        code: 'REJECTED',
        message: expect.stringContaining('ResourceNotFoundException'),
        hint: expect.any(String),
      },
    });
  });
});

/** A one-shard stream on a recording endpoint; `records` answers each GetRecords. */
async function recorded(answer: (call: RecordedCall, calls: RecordedCall[]) => Answer | undefined) {
  const server = await recordingServer((call) => {
    const own = answer(call, server.calls);
    if (own) return own;
    if (call.target === 'ListShards') return { status: 200, body: { Shards: [shard('shardId-000000000000')] } };
    if (call.target === 'GetShardIterator')
      return { status: 200, body: { ShardIterator: `it-${server.calls.length}` } };
    return { status: 200, body: { NextShardIterator: `it-${server.calls.length}`, MillisBehindLatest: 0 } };
  });
  servers.push(server);
  const profile = value(
    await app.handlers.saveProfile(
      customProfileInput('Recorded', server.url, { accessKeyId: 'AKIDTAIL', secretAccessKey: 'tail-secret' }),
    ),
  );
  const start = async (from: 'LATEST' | 'TRIM_HORIZON' = 'TRIM_HORIZON') =>
    value(
      await app.handlers.startTail({ profileId: profile.id, target: { type: 'name', streamName: 'recorded' }, from }),
    );
  const reads = () => server.calls.filter((c) => c.target === 'GetRecords').length;
  return { server, start, reads };
}

function shard(id: string) {
  return {
    ShardId: id,
    HashKeyRange: { StartingHashKey: '0', EndingHashKey: '340282366920938463463374607431768211455' },
    SequenceNumberRange: { StartingSequenceNumber: '0' },
  };
}

function record(seq: number) {
  return {
    SequenceNumber: String(seq),
    PartitionKey: 'k',
    Data: Buffer.from(`d${seq}`).toString('base64'),
    ApproximateArrivalTimestamp: Date.now() / 1000,
  };
}

describe('tail on recording endpoints', () => {
  test('paused means no GetRecords at all; stopped ends polling with a last event', async () => {
    const { start, reads } = await recorded(() => undefined);
    const { tailId } = await start();
    await vi.waitFor(() => expect(reads()).toBeGreaterThanOrEqual(2), { timeout: 15_000 });
    value(await app.handlers.setTailPaused({ tailId, paused: true }));
    // The paused event comes once the read in flight (if any) has settled.
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ tailId, state: 'paused' }), { timeout: 15_000 });
    const whilePaused = reads();
    await tenSecondsPass();
    expect(reads()).toBe(whilePaused);
    value(await app.handlers.setTailPaused({ tailId, paused: false }));
    await vi.waitFor(() => expect(reads()).toBeGreaterThan(whilePaused), { timeout: 15_000 });
    expect(value(await app.handlers.stopTail({ tailId }))).toEqual({ stopped: true });
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ tailId, state: 'stopped' }), { timeout: 15_000 });
    const afterStop = reads();
    await tenSecondsPass();
    expect(reads()).toBe(afterStop);
    expect(await app.handlers.setTailPaused({ tailId, paused: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  test('a busy shard is read as often as allowed: at most 4 events and 5 reads a second', async () => {
    let seq = 0;
    const { start, server } = await recorded((call, calls) =>
      call.target === 'GetRecords'
        ? {
            status: 200,
            body: {
              Records: [record(seq++), record(seq++)],
              NextShardIterator: `it-${calls.length}`,
              MillisBehindLatest: 5000,
            },
          }
        : undefined,
    );
    const startedAt = Date.now();
    const { tailId } = await start();
    const withRecords = () => events.filter((e) => e.tailId === tailId && e.records.length > 0);
    await vi.waitFor(() => expect(withRecords().length).toBeGreaterThanOrEqual(7), { timeout: 30_000 });
    value(await app.handlers.stopTail({ tailId }));
    const seconds = (Date.now() - startedAt) / 1000;
    const mine = withRecords();
    // Times are taken as each event is emitted: a slow machine only spreads them further apart. The
    // tail spaces events by its own clock reading, taken a moment before the emit: 20 ms allow for that.
    for (const e of mine) expect(mine.filter((x) => x.at >= e.at && x.at < e.at + 980).length).toBeLessThanOrEqual(4);
    const reads = server.calls.filter((c) => c.target === 'GetRecords').length;
    // Per second of the tail's life, rounded up: the first read goes at once.
    expect(reads).toBeLessThanOrEqual(5 * Math.ceil(seconds));
    expect(received(tailId).map((r) => r.sequenceNumber)).toEqual(received(tailId).map((_, i) => String(i)));
  });

  test('an expired iterator is reopened after the last record seen', async () => {
    let expired = false;
    const { start, server } = await recorded((call, calls) => {
      if (call.target !== 'GetRecords') return undefined;
      const n = calls.filter((c) => c.target === 'GetRecords').length;
      if (n === 1)
        return {
          status: 200,
          body: { Records: [record(41), record(42)], NextShardIterator: 'it-old', MillisBehindLatest: 0 },
        };
      if (call.body.ShardIterator === 'it-old' && !expired) {
        expired = true;
        return { status: 400, body: { __type: 'ExpiredIteratorException', message: 'Iterator expired.' } };
      }
      return undefined;
    });
    const { tailId } = await start();
    await vi.waitFor(() => expect(server.calls.filter((c) => c.target === 'GetShardIterator')).toHaveLength(2), {
      timeout: 15_000,
    });
    const reopened = server.calls.filter((c) => c.target === 'GetShardIterator')[1].body;
    expect(reopened).toMatchObject({
      ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
      StartingSequenceNumber: '42',
      StreamName: 'recorded',
    });
    expect(received(tailId).map((r) => r.sequenceNumber)).toEqual(['41', '42']);
    expect(events.filter((e) => e.tailId === tailId).every((e) => e.state === 'running' && !e.error)).toBe(true);
  });

  test('an iterator from LATEST that expires before any record is reopened at the time it was opened', async () => {
    const { start, server } = await recorded((call, calls) =>
      call.target === 'GetRecords' && calls.filter((c) => c.target === 'GetRecords').length === 1
        ? { status: 400, body: { __type: 'ExpiredIteratorException', message: 'Iterator expired.' } }
        : undefined,
    );
    const before = Date.now();
    await start('LATEST');
    await vi.waitFor(() => expect(server.calls.filter((c) => c.target === 'GetShardIterator')).toHaveLength(2), {
      timeout: 15_000,
    });
    const [first, again] = server.calls.filter((c) => c.target === 'GetShardIterator').map((c) => c.body);
    expect(first.ShardIteratorType).toBe('LATEST');
    expect(again.ShardIteratorType).toBe('AT_TIMESTAMP');
    // The SDK sends the time as epoch seconds.
    expect(Number(again.Timestamp) * 1000).toBeGreaterThanOrEqual(before - 1);
    expect(Number(again.Timestamp) * 1000).toBeLessThanOrEqual(Date.now());
  });

  test('at most 4 tails run at once; stopping one makes room', async () => {
    const { start } = await recorded(() => undefined);
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await start()).tailId);
    const sandbox = await sandboxProfileOf(app.handlers);
    const fifth = await app.handlers.startTail({
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'example-stream' },
      from: 'LATEST',
    });
    expect(fifth).toMatchObject({
      ok: false,
      error: { code: 'REJECTED', hint: expect.stringContaining('Stop a tail') },
    });
    value(await app.handlers.stopTail({ tailId: ids[0] }));
    await vi.waitFor(async () => expect((await start()).tailId).toBeTruthy(), { timeout: 15_000 });
  });

  test('an endpoint without ListShards is listed with DescribeStream, and empty pages need no Records key', async () => {
    const { start, server, reads } = await recorded((call) => {
      if (call.target === 'ListShards')
        return { status: 400, body: { __type: 'InvalidAction', message: 'ListShards is not supported' } };
      if (call.target === 'DescribeStream') {
        return {
          status: 200,
          body: {
            StreamDescription: {
              StreamName: 'recorded',
              Shards: [shard('shard-000000'), shard('shard-000001')],
              HasMoreShards: false,
            },
          },
        };
      }
      return undefined;
    });
    const { shards, tailId } = await start();
    expect(shards).toBe(2);
    await vi.waitFor(() => expect(reads()).toBeGreaterThanOrEqual(2), { timeout: 15_000 });
    const opened = server.calls.filter((c) => c.target === 'GetShardIterator').map((c) => c.body.ShardId);
    expect(opened.sort()).toEqual(['shard-000000', 'shard-000001']);
    expect(events.filter((e) => e.tailId === tailId).every((e) => e.state === 'running')).toBe(true);
  });

  test('a read the service refuses fails the tail with the error and its hint; throttling only slows it', async () => {
    let throttled = 0;
    const { start, reads } = await recorded((call) => {
      if (call.target !== 'GetRecords') return undefined;
      if (throttled < 2) {
        throttled++;
        return {
          status: 400,
          body: { __type: 'ProvisionedThroughputExceededException', message: 'Rate exceeded for shard' },
        };
      }
      return { status: 400, body: { __type: 'AccessDeniedException', message: 'no read for you' } };
    });
    const { tailId } = await start();
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ tailId, state: 'failed' }), { timeout: 15_000 });
    const mine = events.filter((e) => e.tailId === tailId);
    expect(mine.find((e) => e.error?.name === 'ProvisionedThroughputExceededException')).toMatchObject({
      state: 'running',
      error: { hintCode: 'throttled' },
    });
    expect(mine.at(-1)!.error).toMatchObject({
      name: 'AccessDeniedException',
      message: 'no read for you',
      hint: expect.stringContaining('key'),
    });
    const after = reads();
    await tenSecondsPass();
    expect(reads()).toBe(after);
  }, 60_000);
});

describe('tail across a resharding', () => {
  test('a closed parent ends, and the children the next shard listing shows are read from their start', async () => {
    let resharded = false;
    const server = await recordingServer((call) => {
      if (call.target === 'ListShards') {
        const parent = {
          ...shard('shardId-000000000000'),
          SequenceNumberRange: { StartingSequenceNumber: '0', ...(resharded ? { EndingSequenceNumber: '9' } : {}) },
        };
        const children = resharded
          ? [
              { ...shard('shardId-000000000001'), ParentShardId: 'shardId-000000000000' },
              { ...shard('shardId-000000000002'), ParentShardId: 'shardId-000000000000' },
            ]
          : [];
        return { status: 200, body: { Shards: [parent, ...children] } };
      }
      if (call.target === 'GetShardIterator')
        return {
          status: 200,
          body: { ShardIterator: `it:${String(call.body.ShardId)}:${String(call.body.ShardIteratorType)}` },
        };
      const iterator = String(call.body.ShardIterator);
      const [, shardId] = iterator.split(':');
      if (shardId.endsWith('0') && resharded) return { status: 200, body: { Records: [] } };
      const records = shardId.endsWith('0') ? [] : [{ ...record(Number(shardId.slice(-1))), PartitionKey: shardId }];
      return {
        status: 200,
        body: {
          Records: iterator.endsWith(':done') ? [] : records,
          NextShardIterator: `it:${shardId}:done`,
          MillisBehindLatest: 0,
        },
      };
    });
    servers.push(server);
    const seen: TailEvent[] = [];
    const tails = createTails((e) => seen.push(e), { ...DEFAULT_TIMING, idleMs: 100, relistMs: 400 });
    const client = sdkClient(server.url);
    try {
      const { tailId, shards } = await tails.start({
        client,
        streamName: 'resharded',
        from: 'LATEST',
        describe: (e) => ({ name: String(e), message: '', hint: '', retryable: false }),
      });
      expect(shards).toBe(1);
      await sleep(300);
      resharded = true;
      await vi.waitFor(
        () =>
          expect(
            seen
              .flatMap((e) => e.records)
              .map((r) => r.shardId)
              .sort(),
          ).toEqual(['shardId-000000000001', 'shardId-000000000002']),
        { timeout: 15_000 },
      );
      const opened = server.calls
        .filter((c) => c.target === 'GetShardIterator')
        .map((c) => [c.body.ShardId, c.body.ShardIteratorType]);
      expect(opened).toEqual(
        expect.arrayContaining([
          ['shardId-000000000000', 'LATEST'],
          ['shardId-000000000001', 'TRIM_HORIZON'],
          ['shardId-000000000002', 'TRIM_HORIZON'],
        ]),
      );
      // The parent answered an empty page without a next iterator: it is not read again.
      const parentReads = () =>
        server.calls.filter((c) => c.target === 'GetRecords' && String(c.body.ShardIterator).includes('000000000000'))
          .length;
      const before = parentReads();
      // Several more rounds of reading the children, and none of the parent.
      const childReads = () =>
        server.calls.filter((c) => c.target === 'GetRecords' && !String(c.body.ShardIterator).includes('000000000000'))
          .length;
      const childrenBefore = childReads();
      await vi.waitFor(() => expect(childReads()).toBeGreaterThanOrEqual(childrenBefore + 6), { timeout: 15_000 });
      expect(parentReads()).toBe(before);
      expect(seen.every((e) => e.tailId === tailId && e.state === 'running')).toBe(true);
    } finally {
      await tails.stopAll();
      client.destroy();
    }
  });
});
