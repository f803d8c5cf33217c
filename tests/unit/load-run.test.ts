// The load run against a local endpoint that fails entries, throttles calls and shards, and
// stores what it accepts: every record must end acknowledged once or reported failed, and the
// acknowledged ones must be exactly what the endpoint stored.
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readRecordResults } from '../helpers/journal';
import { startLoadRun, type LoadRunOptions, type RunProgress, type RunReport } from '../../electron/load/run';
import type { OutgoingRecord } from '../../electron/load/types';
import { seededRandom, startFakeKinesis, type FakeKinesis, type FakeKinesisOptions } from '../helpers/fake-kinesis';
import { fixedAnswerServer, sdkClient } from '../helpers/kinesis-fixtures';

const encoder = new TextEncoder();
const source = (index: number): OutgoingRecord => ({
  partitionKey: `user-${(index * 7919) % 1009}`,
  data: encoder.encode(JSON.stringify({ id: index, note: 'x'.repeat(100) })),
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open: { fake: FakeKinesis; client: KinesisClient }[] = [];
afterEach(async () => {
  for (const { fake, client } of open.splice(0)) {
    client.destroy();
    await fake.close();
  }
});

async function endpoint(opts: Partial<FakeKinesisOptions> = {}) {
  const fake = await startFakeKinesis({ streams: { load: 4 }, seed: 42, ...opts });
  const client = sdkClient(fake.url);
  open.push({ fake, client });
  return { fake, client };
}

/** A user rate high enough for full calls of 500 from the first one ("as fast as possible" ramps up in small calls). */
const FULL_CALLS = 1_000_000;

let runNo = 0;
function run(client: KinesisClient, extra: Partial<LoadRunOptions> & Pick<LoadRunOptions, 'plan'>) {
  const resultsFile = path.join(dir, `results-${++runNo}.jsonl`);
  const handle = startLoadRun({
    client,
    streamName: 'load',
    source,
    resultsFile,
    random: seededRandom(runNo),
    ...extra,
  });
  return { handle, resultsFile };
}

const storedIds = (fake: FakeKinesis) =>
  fake.stored.map((r) => (JSON.parse(r.data.toString('utf8')) as { id: number }).id);

/** Every record exactly once in the results; acknowledged ones exactly the endpoint's stored ones, with its shard and sequence number. */
async function expectFullAccount(report: RunReport, resultsFile: string, fake: FakeKinesis) {
  const results = await readRecordResults(resultsFile);
  // Problems are collected and compared once: an expect per record is slow on 50,000 records.
  const seen = new Uint8Array(report.total);
  const twice = results.filter((r) => seen[r.index]++ > 0).map((r) => r.index);
  expect(twice, 'records reported twice').toEqual([]);
  expect(results.length).toBe(report.total);
  expect(seen.every((n) => n === 1)).toBe(true);

  const ids = storedIds(fake);
  expect(new Set(ids).size, 'the endpoint stored a record twice').toBe(ids.length);
  const acked = results.filter((r) => r.ok);
  expect(acked.length).toBe(report.acknowledged);
  expect(ids.length).toBe(report.acknowledged);
  const stored = new Map(fake.stored.map((r, k) => [ids[k], r]));
  const mismatched = acked.filter((r) => {
    const s = stored.get(r.index);
    return !s || s.shardId !== r.shardId || s.sequenceNumber !== r.sequenceNumber || s.partitionKey !== r.partitionKey;
  });
  expect(mismatched, 'acknowledged records not stored as reported').toEqual([]);
  expect(results.filter((r) => !r.ok && r.errorCode !== 'NotSent').length).toBe(report.failed);
  expect(results.filter((r) => r.errorCode === 'NotSent').length).toBe(report.notSent);
  expect(report.acknowledged + report.failed + report.notSent).toBe(report.total);
  expect(report.sent).toBe(report.acknowledged + report.failed);
  expect(Object.values(report.acknowledgedPerShard).reduce((a, b) => a + b, 0)).toBe(report.acknowledged);
  return results;
}

describe('load run against a misbehaving endpoint', () => {
  it('retries failed entries and throttled calls until every record is stored once', async () => {
    const { fake, client } = await endpoint({ internalFailureRate: 0.05, throttleEveryNthCall: 5 });
    // Enough attempts that a record rejected by chance every time is out of the question.
    const { handle, resultsFile } = run(client, { plan: { count: 3000, concurrency: 4, maxAttemptsPerRecord: 30 } });
    const report = await handle.done;
    expect(report.state).toBe('done');
    expect(report.acknowledged).toBe(3000);
    expect(report.failed).toBe(0);
    const results = await expectFullAccount(report, resultsFile, fake);
    // Some records needed more than one attempt, and only failed entries were sent again.
    expect(results.some((r) => r.attempts > 1)).toBe(true);
    expect(fake.putRecordsCalls.length).toBeGreaterThan(3000 / 500);
    expect(Object.keys(report.acknowledgedPerShard).sort()).toEqual([
      'shardId-000000000000',
      'shardId-000000000001',
      'shardId-000000000002',
      'shardId-000000000003',
    ]);
  });

  it('on a YDS-style endpoint (failed entries with empty sequence numbers, whole shards throttled) counts only real acknowledgements', async () => {
    const { fake, client } = await endpoint({
      flavor: 'yds',
      perShardRecordsPerSec: 500,
      bucketsFromFirstWrite: true,
      internalFailureRate: 0.05,
    });
    const { handle, resultsFile } = run(client, { plan: { count: 3000 } });
    const report = await handle.done;
    expect(report.throttled).toBeGreaterThan(0);
    expect(report.acknowledged).toBe(3000);
    await expectFullAccount(report, resultsFile, fake);
    expect(Object.keys(report.acknowledgedPerShard).every((s) => /^shard-\d{6}$/.test(s))).toBe(true);
  });

  it("under per-shard throttling finds the endpoint's capacity and loses nothing", async () => {
    const { fake, client } = await endpoint({ perShardRecordsPerSec: 500, bucketsFromFirstWrite: true });
    const progress: RunProgress[] = [];
    const { handle, resultsFile } = run(client, { plan: { durationMs: 3000 }, onProgress: (p) => progress.push(p) });
    const report = await handle.done;
    expect(report.throttled).toBeGreaterThan(0);
    expect(report.failed).toBe(0);
    // Throttling set a ceiling on the send rate instead of hammering the endpoint. How close the
    // rate comes to the capacity is a wall-clock figure: `npm run bench` measures it.
    expect(progress.some((p) => p.sendRateLimit !== null)).toBe(true);
    await expectFullAccount(report, resultsFile, fake);
  });

  it('reports a record failed with its last error after the last attempt, and hands it back as undelivered', async () => {
    const { fake, client } = await endpoint({ internalFailureRate: 1 });
    const { handle, resultsFile } = run(client, {
      plan: { count: 30, maxAttemptsPerRecord: 3, ratePerSec: FULL_CALLS },
    });
    const report = await handle.done;
    expect(report.state).toBe('done');
    expect(report.acknowledged).toBe(0);
    expect(report.failed).toBe(30);
    expect(report.failures[0]).toMatchObject({
      index: 0,
      partitionKey: source(0).partitionKey,
      errorCode: 'InternalFailure',
      attempts: 3,
    });
    expect(fake.putRecordsCalls.length).toBe(3);
    const undelivered = [...report.undelivered()];
    expect(undelivered.map((u) => u.index)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(undelivered[7].record).toEqual(source(7));
    await expectFullAccount(report, resultsFile, fake);
  });

  it('keeps a failed record with bytes of its own, not the chunk its source made it in', async () => {
    const { client } = await endpoint({ internalFailureRate: 1 });
    // Records as a worker-fed source hands them over: views of one buffer per chunk.
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const { handle } = run(client, {
      source: (index) => ({ partitionKey: `k${index}`, data: chunk.subarray(index * 100, index * 100 + 100) }),
      plan: { count: 10, maxAttemptsPerRecord: 1, ratePerSec: FULL_CALLS },
    });
    const report = await handle.done;
    expect(report.failed).toBe(10);
    const kept = [...report.undelivered()].map((u) => u.record.data);
    expect(kept.map((d) => d.buffer.byteLength)).toEqual(Array(10).fill(100));
    expect(kept.every((d) => d.every((b) => b === 0x61))).toBe(true);
  });

  it('never counts an entry without a sequence number as delivered', async () => {
    const server = await fixedAnswerServer(200, {
      FailedRecordCount: 0,
      Records: [{ ShardId: 'shardId-000000000000' }, { SequenceNumber: '7', ShardId: 'shardId-000000000000' }],
    });
    const client = sdkClient(server.url);
    try {
      const report = await startLoadRun({ client, streamName: 'load', source, plan: { count: 2 } }).done;
      expect(report.acknowledged).toBe(1);
      expect(report.failures).toEqual([
        expect.objectContaining({ index: 0, errorCode: 'MissingSequenceNumber', attempts: 1 }),
      ]);
      expect(server.requests()).toBe(1);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('cancelled in the middle, reports exactly what the endpoint stored as acknowledged and the rest as failed or not sent', async () => {
    const { fake, client } = await endpoint({ latencyMs: 150, internalFailureRate: 0.2 });
    const { handle, resultsFile } = run(client, { plan: { count: 50_000, ratePerSec: 5000, concurrency: 4 } });
    // Cancel once some records are acknowledged and while calls are out: those must still be accounted for.
    while (handle.snapshot().acknowledged === 0 || handle.snapshot().inFlight === 0)
      await new Promise((r) => setTimeout(r, 5));
    handle.cancel();
    expect(handle.snapshot().state).toBe('cancelling');
    const report = await handle.done;
    expect(report.state).toBe('cancelled');
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.notSent).toBeGreaterThan(40_000);
    expect(report.failures.some((f) => f.errorMessage.includes('cancelled'))).toBe(true);
    await expectFullAccount(report, resultsFile, fake);
    // Every call the endpoint saw was answered and counted before the run ended: none is left to go.
    expect(fake.putRecordsCalls.length).toBe(report.calls);
    const undelivered = [...report.undelivered()];
    expect(undelivered.length).toBe(report.failed + report.notSent);
    expect(undelivered.at(-1)).toEqual({ index: 49_999, record: source(49_999) });
    expect(undelivered.filter((u) => u.record.partitionKey !== source(u.index).partitionKey)).toEqual([]);
  });

  it('makes no calls while paused, and goes on after resume', async () => {
    const { fake, client } = await endpoint({ latencyMs: 10 });
    const { handle, resultsFile } = run(client, { plan: { count: 4000, ratePerSec: 4000 } });
    await expect.poll(() => handle.snapshot().acknowledged, { timeout: 15_000 }).toBeGreaterThan(0);
    handle.pause();
    expect(handle.snapshot().state).toBe('paused');
    // Calls already sent still answer; none goes out after them.
    await expect.poll(() => handle.snapshot().inFlight, { timeout: 15_000 }).toBe(0);
    const callsWhenPaused = fake.putRecordsCalls.length;
    const elapsedWhenPaused = handle.snapshot().elapsedMs;
    expect(handle.snapshot().acknowledged).toBeLessThan(4000);
    // Ten seconds of timers, on a fake clock: a paused run schedules no call.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate'] });
    try {
      await vi.advanceTimersByTimeAsync(10_000);
    } finally {
      vi.useRealTimers();
    }
    expect(fake.putRecordsCalls.length).toBe(callsWhenPaused);
    expect(handle.snapshot().elapsedMs).toBe(elapsedWhenPaused);
    handle.resume();
    const report = await handle.done;
    expect(fake.putRecordsCalls.length).toBeGreaterThan(callsWhenPaused);
    expect(report.state).toBe('done');
    expect(report.acknowledged).toBe(4000);
    await expectFullAccount(report, resultsFile, fake);
  });

  it('holds the requested rate and reports progress at most 10 times a second', async () => {
    const { fake, client } = await endpoint();
    const progress: { at: number; p: RunProgress }[] = [];
    const { handle } = run(client, {
      plan: { durationMs: 2500, ratePerSec: 1000 },
      onProgress: (p) => progress.push({ at: performance.now(), p }),
    });
    const report = await handle.done;
    // Never above 1,000/s for 2.5 s (plus the one call's worth the bucket starts with); a busy
    // machine may send fewer, so how close it comes is left to `npm run bench`.
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.acknowledged).toBeLessThanOrEqual(2500 + 100);
    expect(fake.stored.length).toBe(report.acknowledged);
    // Paced calls hold a tenth of a second's records.
    expect(fake.putRecordsCalls.length).toBeGreaterThanOrEqual(Math.ceil(report.acknowledged / 100));
    // At most one every 100 ms while running; the final state may follow the last one sooner.
    const gaps = progress.slice(1, -1).map((x, i) => x.at - progress[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(95);
    expect(progress.length).toBeGreaterThan(2);
    const last = progress.at(-1)!.p;
    expect(last.state).toBe('done');
    expect(last.acknowledged).toBe(report.acknowledged);
    expect(progress.filter((x) => x.p.state === 'done')).toHaveLength(1);
    // The chart has one point per second, each at most the rate (and its first call's worth).
    expect(last.ratePerSecond.map((p) => p.second)).toEqual([0, 1, 2]);
    expect(Math.max(...last.ratePerSecond.map((p) => p.acknowledged))).toBeLessThanOrEqual(1000 + 100);
    const running = progress.filter((x) => x.p.state === 'running' && x.p.acknowledged > 0);
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((x) => x.p.latencyP50Ms !== null && x.p.etaMs !== null && x.p.etaMs >= 0)).toBe(true);
  });

  it('with both a count and a duration, ends at whichever comes first', async () => {
    const { fake, client } = await endpoint();
    const { handle, resultsFile } = run(client, { plan: { count: 100_000, durationMs: 600, ratePerSec: 2000 } });
    const report = await handle.done;
    expect(report.state).toBe('done');
    expect(report.notSent).toBe(0);
    expect(report.total).toBe(report.acknowledged);
    // The duration ended it: at 2,000/s, 0.6 s holds at most 1,200 records and a call's worth.
    expect(report.total).toBeGreaterThan(0);
    expect(report.total).toBeLessThanOrEqual(1200 + 200);
    await expectFullAccount(report, resultsFile, fake);
    const quick = await run(client, { plan: { count: 700, durationMs: 60_000 } }).handle.done;
    expect(quick).toMatchObject({ state: 'done', total: 700, acknowledged: 700 });
  });

  it('stops early with a clear error when the stream does not exist', async () => {
    const { fake, client } = await endpoint();
    const { handle, resultsFile } = run(client, {
      streamName: 'no-such-stream',
      plan: { count: 10_000, concurrency: 2, ratePerSec: FULL_CALLS },
    });
    const report = await handle.done;
    expect(report.state).toBe('failed');
    expect(report.stopError).toMatchObject({
      name: 'ResourceNotFoundException',
      hintCode: 'streamNotFound',
      retryable: false,
    });
    expect(report.stopError!.message).toContain('no-such-stream');
    expect(fake.putRecordsCalls.length).toBeLessThanOrEqual(2);
    expect(report.failed).toBe(500 * fake.putRecordsCalls.length);
    expect(report.notSent).toBe(10_000 - report.failed);
    expect(report.failures[0]).toMatchObject({ errorCode: 'ResourceNotFoundException', attempts: 1 });
    await expectFullAccount(report, resultsFile, fake);
  });

  it('stops on a record the source cannot make, and still hands over every other undelivered record', async () => {
    const { fake, client } = await endpoint();
    const failing = (index: number) => {
      if (index === 700) throw new Error('record 700 is too large');
      return source(index);
    };
    const { handle } = run(client, { source: failing, plan: { count: 1000, concurrency: 1 } });
    const report = await handle.done;
    expect(report.state).toBe('failed');
    expect(report.stopError).toMatchObject({ name: 'SourceError', message: expect.stringContaining('Record 700') });
    expect(report.acknowledged).toBe(fake.stored.length);
    expect(report.acknowledged + report.failed + report.notSent).toBe(1000);
    const undelivered = [...report.undelivered()];
    // Every one of them but the record that cannot be made, failed ones first, each once.
    expect(undelivered.map((u) => u.index)).not.toContain(700);
    expect(undelivered).toHaveLength(report.undeliveredCount - 1);
    expect(new Set(undelivered.map((u) => u.index)).size).toBe(undelivered.length);
    // Random access for a re-send: the last one, without walking the ones before it.
    expect(report.undeliveredAt(report.undeliveredCount - 1)).toEqual(source(999));
  });

  it('takes records from a source that makes them elsewhere (a promise until made), and stops with its error when making one fails', async () => {
    const { fake, client } = await endpoint();
    // Records are made in chunks of 300, each a moment after it is first asked for, as a worker does.
    const made = new Map<number, OutgoingRecord>();
    const pending = new Map<number, Promise<void>>();
    let asked = 0;
    const later = (failAt: number | null) => (index: number) => {
      asked++;
      if (made.has(index)) return made.get(index)!;
      const chunk = Math.floor(index / 300);
      if (!pending.has(chunk)) {
        pending.set(
          chunk,
          new Promise<void>((resolve, reject) =>
            setTimeout(() => {
              if (failAt !== null && chunk === Math.floor(failAt / 300))
                return reject(new Error('the worker needed more than 256 MB of memory'));
              for (let i = chunk * 300; i < chunk * 300 + 300; i++) made.set(i, source(i));
              resolve();
            }, 5),
          ),
        );
      }
      return pending.get(chunk)!;
    };
    const whole = run(client, { source: later(null), plan: { count: 2000 } });
    const report = await whole.handle.done;
    expect(report.state).toBe('done');
    expect(report.acknowledged).toBe(2000);
    expect(asked).toBeGreaterThan(2000);
    await expectFullAccount(report, whole.resultsFile, fake);

    made.clear();
    pending.clear();
    const broken = run(client, { source: later(1000), plan: { count: 2000 } });
    const stopped = await broken.handle.done;
    expect(stopped.state).toBe('failed');
    expect(stopped.stopError).toMatchObject({
      name: 'SourceError',
      message: 'Record 900 could not be made: the worker needed more than 256 MB of memory',
    });
    expect(stopped.acknowledged).toBe(900);
    expect(stopped.notSent).toBe(1100);
  });

  it('stops after the first answer when the key is refused, naming the cause', async () => {
    const server = await fixedAnswerServer(400, {
      __type: 'AccessDeniedException',
      message: 'Access denied for the key',
    });
    const client = sdkClient(server.url);
    try {
      const report = await startLoadRun({
        client,
        streamName: 'load',
        source,
        plan: { durationMs: 60_000, concurrency: 1, ratePerSec: FULL_CALLS },
      }).done;
      expect(report.state).toBe('failed');
      expect(report.stopError).toMatchObject({
        name: 'AccessDeniedException',
        hintCode: 'badKeyAws',
        message: 'Access denied for the key',
      });
      expect(server.requests()).toBe(1);
      expect(report).toMatchObject({ total: 500, failed: 500, acknowledged: 0, notSent: 0 });
    } finally {
      client.destroy();
      await server.close();
    }
  });
});

describe('load run call sizes', () => {
  const MiB = 1024 * 1024;

  it('sends records totalling exactly 5 MiB of keys and data in one call, and one byte more in two', async () => {
    const { fake, client } = await endpoint();
    const data = new Uint8Array(MiB - 1);
    // Key "k" + 1 MiB - 1 bytes of data, five times: 5 MiB exactly.
    const exact = (): OutgoingRecord => ({ partitionKey: 'k', data });
    const report = await run(client, { source: exact, plan: { count: 5, ratePerSec: FULL_CALLS } }).handle.done;
    expect(report).toMatchObject({ state: 'done', acknowledged: 5 });
    expect(fake.putRecordsCalls).toHaveLength(1);

    const overByOne = (index: number): OutgoingRecord => ({ partitionKey: index === 4 ? 'kk' : 'k', data });
    const over = await run(client, { source: overByOne, plan: { count: 5, ratePerSec: FULL_CALLS } }).handle.done;
    expect(over).toMatchObject({ state: 'done', acknowledged: 5 });
    expect(fake.putRecordsCalls).toHaveLength(3);
    expect(fake.stored.map((r) => r.partitionKey).sort()).toEqual([...Array(9).fill('k'), 'kk']);
  });

  it('sends 501 records in a call of 500 and a call of 1', async () => {
    const { fake, client } = await endpoint();
    const small = (index: number): OutgoingRecord => ({
      partitionKey: `p${index}`,
      data: encoder.encode(String(index)),
    });
    const report = await run(client, { source: small, plan: { count: 501, concurrency: 1, ratePerSec: FULL_CALLS } })
      .handle.done;
    expect(report).toMatchObject({ state: 'done', acknowledged: 501, calls: 2 });
    expect(fake.putRecordsCalls).toHaveLength(2);
  });
});

describe('calls that got no answer (the endpoint stored them, then answered after the client gave up)', () => {
  // Every 4th call is stored at once and answered 1.5 s later; the client waits 300 ms.
  async function lateEndpoint() {
    const fake = await startFakeKinesis({
      streams: { load: 4 },
      seed: 42,
      lateAnswer: { everyNthCall: 4, delayMs: 1500 },
    });
    const client = new KinesisClient({
      endpoint: fake.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true }),
    });
    open.push({ fake, client });
    return { fake, client };
  }

  /** Indexes the endpoint stored more than once. */
  const storedTwice = (fake: FakeKinesis) => {
    const seen = new Map<number, number>();
    for (const id of storedIds(fake)) seen.set(id, (seen.get(id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  };

  it('at least once (the default): sends them again and reports every record that may be stored twice', async () => {
    const { fake, client } = await lateEndpoint();
    const { handle, resultsFile } = run(client, { plan: { count: 3000, concurrency: 4, maxAttemptsPerRecord: 10 } });
    const report = await handle.done;
    expect(report).toMatchObject({ state: 'done', acknowledged: 3000, failed: 0, unknown: 0 });
    const twice = storedTwice(fake);
    // The endpoint really stored some records twice, and the report names every one of them.
    expect(twice.length).toBeGreaterThan(0);
    expect(report.possibleDuplicates.length).toBeGreaterThanOrEqual(twice.length);
    const possible = new Set(report.possibleDuplicates);
    expect(twice.filter((i) => !possible.has(i))).toEqual([]);
    const results = await readRecordResults(resultsFile);
    expect(
      results
        .filter((r) => r.possibleDuplicate)
        .map((r) => r.index)
        .sort((a, b) => a - b),
    ).toEqual(report.possibleDuplicates);
    expect(report.possibleDuplicateKeys).toEqual(report.possibleDuplicates.map((i) => source(i).partitionKey));
  }, 60_000);

  it('at most once: never sends them again; those records end unknown, and nothing is stored twice', async () => {
    const { fake, client } = await lateEndpoint();
    const { handle, resultsFile } = run(client, {
      plan: { count: 3000, concurrency: 4, maxAttemptsPerRecord: 10, unansweredCalls: 'giveUp' },
    });
    const report = await handle.done;
    expect(storedTwice(fake)).toEqual([]);
    expect(report.possibleDuplicates).toEqual([]);
    expect(report.unknown).toBeGreaterThan(0);
    expect(report.acknowledged + report.failed + report.unknown + report.notSent).toBe(3000);
    const results = await readRecordResults(resultsFile);
    expect(results).toHaveLength(3000);
    const unknown = results.filter((r) => r.unknown);
    expect(unknown).toHaveLength(report.unknown);
    expect(unknown.every((r) => !r.ok && r.errorCode === 'TIMEOUT')).toBe(true);
    // The late calls were stored: every stored record is acknowledged or unknown, never failed.
    const fate = new Map(results.map((r) => [r.index, r]));
    expect(storedIds(fake).filter((i) => !(fate.get(i)!.ok || fate.get(i)!.unknown))).toEqual([]);
    expect(storedIds(fake).length).toBe(report.acknowledged + report.unknown);
    // Handed back as undelivered, marked unknown.
    const unknownIndexes = report.failures.filter((f) => f.unknown).map((f) => f.index);
    expect(unknownIndexes).toHaveLength(report.unknown);
    expect([...report.undelivered()].map((u) => u.index)).toEqual(expect.arrayContaining(unknownIndexes));
  }, 60_000);
});
