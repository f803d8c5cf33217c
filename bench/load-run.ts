// The load run's two figures for npm run bench:
//  a. unthrottled, against the sandbox: the app's engine as fast as possible against a bare
//     KinesisClient loop of PutRecords of 500, same concurrency, same endpoint, same run
//     (rounds of one each, alternating which goes first; the geometric mean of the rounds' ratios);
//  b. throttled: an endpoint taking 1,000 records/s per shard on 4 shards, answering
//     ProvisionedThroughputExceededException per entry beyond that; a 20-second run as fast as
//     possible, counting what the endpoint stored: achieved records/s, lost, delivered twice, and
//     the share of entry attempts throttled in the first 5 s (the start must not be a storm of
//     rejections); the same on a 2-shard stream of 200 records/s per shard, with the steady rate
//     (acknowledged per second after the first 5 s) against its limit.
//  a'. the same for a template run: the engine fed by the run's worker (records made there, 500 at
//     a time, ahead of the engine) against the bare loop rendering the same template inline;
//  c. calls without an answer (stored, answered after the client's timeout): possible duplicates
//     reported against records really stored twice, at least once and at most once.
import { KinesisClient, PutRecordsCommand, type PutRecordsCommandOutput } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLoadRun, type LoadRunOptions, type RunReport } from '../electron/load/run';
import { feedOf, hostBatch } from '../electron/runs/batch-host';
import { openBatchSession, type BatchInput } from '../electron/runs/batch-session';
import * as templateEngine from '../electron/templates';
import type { OutgoingRecord } from '../electron/load/types';
import { LOCAL_CREDENTIALS } from '../electron/kinesis';
import { createSandbox } from '../electron/sandbox';
import type { KeyPair } from '../electron/services';
import type { Budget } from '../electron/workers/run-task';
import { startFakeKinesis } from '../tests/helpers/fake-kinesis';

const RECORDS = Number(process.env.BENCH_LOAD_RECORDS ?? 20_000);
const CONCURRENCY = 4;
const ROUNDS = 6;
const THROTTLED_SECONDS = Number(process.env.BENCH_THROTTLED_SECONDS ?? 20);

const clientFor = (endpoint: string, credentials: KeyPair) =>
  new KinesisClient({
    endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: { keepAlive: true },
      connectionTimeout: 10_000,
      requestTimeout: 30_000,
    }),
  });

/** A 1 KB record whose data starts with its run id and index, so copies can be told apart. */
function recordSource(run: string, bytes: number) {
  const filler = 'x'.repeat(bytes);
  const encoder = new TextEncoder();
  return (index: number): OutgoingRecord => {
    const head = JSON.stringify({ run, index, pad: '' });
    return { partitionKey: `key-${index}`, data: encoder.encode(head.slice(0, -2) + filler.slice(head.length) + '"}') };
  };
}

async function bareLoop(
  client: KinesisClient,
  streamName: string,
  source: (i: number) => OutgoingRecord,
  count: number,
): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const from = next;
      next = Math.min(count, next + 500);
      const records = [];
      for (let i = from; i < next; i++) {
        const r = source(i);
        records.push({ PartitionKey: r.partitionKey, Data: r.data });
      }
      const out = await client.send(new PutRecordsCommand({ StreamName: streamName, Records: records }));
      if (out.FailedRecordCount) throw new Error(`bare loop: ${out.FailedRecordCount} records failed`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (count / (performance.now() - t0)) * 1000;
}

async function engineRun(
  client: KinesisClient,
  streamName: string,
  source: LoadRunOptions['source'],
  count: number,
): Promise<number> {
  // With a progress listener and a journal, as the app runs it.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sc-bench-run-'));
  const resultsFile = path.join(dir, 'run.jsonl');
  const t0 = performance.now();
  const report = await startLoadRun({
    client,
    streamName,
    source,
    plan: { count, concurrency: CONCURRENCY },
    onProgress: () => {},
    resultsFile,
  }).done;
  const ms = performance.now() - t0;
  await rm(dir, { recursive: true, force: true });
  if (report.acknowledged !== count) throw new Error(`engine run: ${report.acknowledged} of ${count} acknowledged`);
  return (count / ms) * 1000;
}

export async function benchUnthrottled() {
  const sandbox = createSandbox();
  const endpoint = await sandbox.endpoint();
  const client = clientFor(endpoint, sandbox.keysFor(endpoint)!);
  const source = recordSource('bench', 1024);
  try {
    // Warm both paths (connections, JIT) before measuring; the sections before leave garbage too.
    await bareLoop(client, 'example-stream', source, RECORDS / 4);
    await engineRun(client, 'example-stream', source, RECORDS / 4);
    // Kinesalite slows as the stream fills, so the second of a pair is at a disadvantage: each
    // round pairs the two back to back, which goes first alternates over an even number of
    // rounds, and the figure is the geometric mean of the rounds' ratios.
    const app: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2) {
        app.push(await engineRun(client, 'example-stream', source, RECORDS));
        bare.push(await bareLoop(client, 'example-stream', source, RECORDS));
      } else {
        bare.push(await bareLoop(client, 'example-stream', source, RECORDS));
        app.push(await engineRun(client, 'example-stream', source, RECORDS));
      }
    }
    const ratios = app.map((a, i) => a / bare[i]);
    return {
      records: RECORDS,
      app,
      bare,
      ratios,
      ratio: Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length),
    };
  } finally {
    client.destroy();
    await sandbox.stop();
  }
}

/** A template record of about 1 KB, with the generators a user would write. */
const TEMPLATE_INPUT: BatchInput = {
  request: {
    profileId: 'bench',
    target: { type: 'name', streamName: 'example-stream' },
    source: {
      type: 'template',
      template:
        '{"id": "{{uuid}}", "n": {{seq}}, "name": "{{faker.person.fullName}}", "email": "{{faker.internet.email}}", "pad": "{{faker.string.alpha(900)}}"}',
      locale: 'en',
    },
    keys: { type: 'random' },
    payloadMode: 'json',
  },
  file: null,
  family: 'aws',
  seed: 11,
};

/** Records of the template made on main, in order, as a bare script would. */
function inlineTemplate(): (i: number) => OutgoingRecord {
  const session = openBatchSession(TEMPLATE_INPUT, templateEngine);
  return (i) => {
    const [made] = session.records(i, 1);
    if (!made?.ok) throw new Error('the bench template did not render');
    return { partitionKey: made.partitionKey, data: made.data };
  };
}

export async function benchTemplateRun() {
  const sandbox = createSandbox();
  const endpoint = await sandbox.endpoint();
  const client = clientFor(endpoint, sandbox.keysFor(endpoint)!);
  const budget: Budget = {
    timeoutMs: 10_000,
    heapMb: 256,
    over: { time: 'runRecordsOverTime', memory: 'runRecordsOverMemory' },
    hint: 'smallerTemplate',
  };
  const fed = async (count: number) => {
    const batch = await hostBatch(TEMPLATE_INPUT, budget);
    try {
      return await engineRun(client, 'example-stream', feedOf(batch), count);
    } finally {
      await batch.close();
    }
  };
  try {
    await bareLoop(client, 'example-stream', inlineTemplate(), RECORDS / 4);
    await fed(RECORDS / 4);
    const app: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2) {
        app.push(await fed(RECORDS));
        bare.push(await bareLoop(client, 'example-stream', inlineTemplate(), RECORDS));
      } else {
        bare.push(await bareLoop(client, 'example-stream', inlineTemplate(), RECORDS));
        app.push(await fed(RECORDS));
      }
    }
    const ratios = app.map((a, i) => a / bare[i]);
    return {
      records: RECORDS,
      app,
      bare,
      ratios,
      ratio: Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length),
    };
  } finally {
    client.destroy();
    await sandbox.stop();
  }
}

const FIRST_MS = 5000;

export async function benchThrottled(flavor: 'aws' | 'yds' = 'aws', shards = 4, perShard = 1000) {
  const fake = await startFakeKinesis({ streams: { load: shards }, perShardRecordsPerSec: perShard, flavor, seed: 7 });
  const client = clientFor(fake.url, LOCAL_CREDENTIALS);
  try {
    const run = `throttled-${flavor}`;
    const encoder = new TextEncoder();
    const source = (index: number): OutgoingRecord => ({
      partitionKey: `user-${(index * 2654435761) % 1_000_003}`,
      data: encoder.encode(JSON.stringify({ run, index, note: 'y'.repeat(200) })),
    });
    let progressCalls = 0;
    const t0 = performance.now();
    // Entry attempts and their outcome by when the call went, counted on the way.
    const calls: { at: number; entries: number; throttled: number; acknowledged: number }[] = [];
    const counting = {
      async send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput> {
        const at = performance.now() - t0;
        const entries = command.input.Records?.length ?? 0;
        try {
          const out = await client.send(command);
          const throttled = (out.Records ?? []).filter(
            (r) => r.ErrorCode && /Throttl|ProvisionedThroughput/.test(r.ErrorCode),
          ).length;
          calls.push({ at, entries, throttled, acknowledged: (out.Records ?? []).filter((r) => !r.ErrorCode).length });
          return out;
        } catch (e) {
          calls.push({ at, entries, throttled: entries, acknowledged: 0 });
          throw e;
        }
      },
    };
    const report: RunReport = await startLoadRun({
      client: counting,
      streamName: 'load',
      source,
      plan: { durationMs: THROTTLED_SECONDS * 1000, concurrency: CONCURRENCY },
      onProgress: () => progressCalls++,
    }).done;
    const ms = performance.now() - t0;
    const seen = new Map<number, number>();
    for (const r of fake.stored) {
      const { index } = JSON.parse(r.data.toString('utf8')) as { index: number };
      seen.set(index, (seen.get(index) ?? 0) + 1);
    }
    let twice = 0;
    for (const n of seen.values()) if (n > 1) twice++;
    // Lost: generated but neither acknowledged nor reported failed, or acknowledged but not stored.
    const lost =
      report.total -
      report.acknowledged -
      report.failed -
      report.notSent +
      Math.max(0, report.acknowledged - seen.size);
    const first = calls.filter((c) => c.at < FIRST_MS);
    const later = calls.filter((c) => c.at >= FIRST_MS);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      flavor,
      shards,
      perShard,
      firstThrottledShare: sum(first.map((c) => c.throttled)) / Math.max(1, sum(first.map((c) => c.entries))),
      steady: (sum(later.map((c) => c.acknowledged)) / (ms - FIRST_MS)) * 1000,
      capacity: shards * perShard,
      seconds: ms / 1000,
      achieved: (report.acknowledged / ms) * 1000,
      acknowledged: report.acknowledged,
      stored: fake.stored.length,
      failed: report.failed,
      lost,
      twice,
      throttled: report.throttled,
      calls: report.calls,
      progressPerSec: progressCalls / (ms / 1000),
    };
  } finally {
    client.destroy();
    await fake.close();
  }
}

/**
 * Calls without an answer: an endpoint that stores every 5th call and answers it only after the
 * client's 500 ms timeout. At least once, the possible duplicates the report names against the
 * records the endpoint really stored twice; at most once, what it stored twice (must be none).
 */
export async function benchUnanswered(unansweredCalls: 'resend' | 'giveUp') {
  const fake = await startFakeKinesis({
    streams: { load: 4 },
    seed: 9,
    lateAnswer: { everyNthCall: 5, delayMs: 1500 },
  });
  const client = new KinesisClient({
    endpoint: fake.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: { keepAlive: true },
      requestTimeout: 500,
      throwOnRequestTimeout: true,
    }),
  });
  try {
    const source = recordSource(`unanswered-${unansweredCalls}`, 200);
    const report = await startLoadRun({
      client,
      streamName: 'load',
      source,
      plan: { count: 5000, concurrency: CONCURRENCY, ratePerSec: 1_000_000, unansweredCalls },
    }).done;
    const seen = new Map<number, number>();
    for (const r of fake.stored) {
      const { index } = JSON.parse(r.data.toString('utf8')) as { index: number };
      seen.set(index, (seen.get(index) ?? 0) + 1);
    }
    const twice = [...seen].filter(([, n]) => n > 1).map(([index]) => index);
    const reported = new Set(report.possibleDuplicates);
    return {
      unansweredCalls,
      acknowledged: report.acknowledged,
      unknown: report.unknown,
      reported: reported.size,
      twice: twice.length,
      missed: twice.filter((i) => !reported.has(i)).length,
    };
  } finally {
    client.destroy();
    await fake.close();
  }
}

const fmt = (n: number, d = 0) => n.toFixed(d);

export async function printLoadRunBench() {
  const u = await benchUnthrottled();
  console.log(
    `load run, unthrottled (${u.records} records of 1 KB, ${CONCURRENCY} calls in flight, sandbox on 127.0.0.1, ${ROUNDS} rounds)`,
  );
  console.log(`  app engine records/s by round: ${u.app.map((x) => fmt(x)).join(', ')}`);
  console.log(`  bare loop  records/s by round: ${u.bare.map((x) => fmt(x)).join(', ')}`);
  console.log(
    `  ratio app/bare by round: ${u.ratios.map((r) => fmt(r, 3)).join(', ')}; geometric mean = ${fmt(u.ratio, 3)}  (target >= 0.90)`,
  );
  const tr = await benchTemplateRun();
  console.log(
    `load run, template (${tr.records} records of ~1 KB made by a worker vs rendered inline by the bare loop, ${ROUNDS} rounds)`,
  );
  console.log(`  app engine records/s by round: ${tr.app.map((x) => fmt(x)).join(', ')}`);
  console.log(`  bare loop  records/s by round: ${tr.bare.map((x) => fmt(x)).join(', ')}`);
  console.log(
    `  ratio app/bare by round: ${tr.ratios.map((r) => fmt(r, 3)).join(', ')}; geometric mean = ${fmt(tr.ratio, 3)}  (target >= 0.90)`,
  );
  for (const [flavor, shards, perShard] of [
    ['aws', 4, 1000],
    ['yds', 4, 1000],
    ['aws', 2, 200],
  ] as const) {
    const t = await benchThrottled(flavor, shards, perShard);
    console.log(
      `load run, throttled (${flavor} style: ${shards} shards x ${perShard.toLocaleString('en')} records/s, ${THROTTLED_SECONDS} s as fast as possible)`,
    );
    console.log(
      `  achieved ${fmt(t.achieved)} records/s = ${fmt((100 * t.achieved) / t.capacity, 1)}% of ${t.capacity} (target >= 85%) over ${fmt(t.seconds, 1)} s; ` +
        `acknowledged ${t.acknowledged}, stored ${t.stored}, failed ${t.failed}, lost ${t.lost}, delivered twice ${t.twice}`,
    );
    console.log(
      `  ${t.calls} calls, ${t.throttled} entries throttled on the way; progress messages ${fmt(t.progressPerSec, 1)}/s (target <= 10)`,
    );
    console.log(
      `  throttled share of entry attempts in the first 5 s: ${fmt(100 * t.firstThrottledShare, 1)}% (target <= 10%); ` +
        `steady rate after 5 s ${fmt(t.steady)} records/s = ${fmt((100 * t.steady) / t.capacity, 1)}% of the limit (target >= 95%)`,
    );
  }
  for (const mode of ['resend', 'giveUp'] as const) {
    const d = await benchUnanswered(mode);
    console.log(
      `load run, every 5th call stored but answered after the client's timeout (${mode === 'resend' ? 'at least once' : 'at most once'}, 5,000 records)`,
    );
    console.log(
      `  acknowledged ${d.acknowledged}, unknown ${d.unknown}; reported possibly stored twice ${d.reported}, really stored twice ${d.twice}, stored twice but not reported ${d.missed} (target 0` +
        `${mode === 'giveUp' ? '; at most once: really stored twice target 0' : ''})`,
    );
  }
}
