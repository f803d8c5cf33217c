// KPL aggregation on send (issue 13): 100-byte user records delivered per second with aggregation
// against without, same bench run, same kind of endpoint: 4 shards, each taking 1,000 records/s
// and 1 MiB/s (key + data) as AWS does, answering ProvisionedThroughputExceededException per
// entry beyond either. A user record is 100 bytes as Kinesis counts a record (key + data). Each
// way is a run of the app's engine as fast as possible for the same time, on a fresh endpoint;
// delivered counts the user records the endpoint stored (aggregates split again), each once, over
// the whole run and in its steady part (after the first STEADY_AFTER_S seconds, as the throttled
// load-run figure counts it). Target: >= 8x (4,000/s is the plain ceiling; the aggregates' own
// bytes, key tables and framing, leave ~9.6x as the physical limit).
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { deaggregate } from '../electron/decode/kpl';
import { LOCAL_CREDENTIALS } from '../electron/kinesis';
import type { Aggregation } from '../electron/load/aggregate';
import { startLoadRun } from '../electron/load/run';
import { describeShards, openShards } from '../electron/streams';
import type { OutgoingRecord } from '../electron/load/types';
import { startFakeKinesis } from '../tests/helpers/fake-kinesis';

const SHARDS = 4;
const RECORDS_PER_SEC = 1000;
const BYTES_PER_SEC = 1024 * 1024;
const SECONDS = Number(process.env.BENCH_KPL_SECONDS ?? 20);
const STEADY_AFTER_S = 5;
const USER_RECORD_BYTES = 100;

/** Key + data of 100 bytes; the data's head names the record, so each can be counted once. */
function source(index: number): OutgoingRecord {
  const partitionKey = `key-${index}`;
  const head = `{"i":${index},"p":"`;
  const pad = USER_RECORD_BYTES - partitionKey.length - head.length - 2;
  return { partitionKey, data: new TextEncoder().encode(head + 'x'.repeat(pad) + '"}') };
}

async function oneWay(aggregate: boolean) {
  const fake = await startFakeKinesis({
    streams: { kpl: SHARDS },
    perShardRecordsPerSec: RECORDS_PER_SEC,
    perShardBytesPerSec: BYTES_PER_SEC,
    seed: 13,
  });
  const client = new KinesisClient({
    endpoint: fake.url,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true }, requestTimeout: 30_000 }),
  });
  try {
    // The shards as the app reads them (ListShards) before an aggregated run.
    const aggregation: Aggregation | undefined = aggregate
      ? { shards: openShards(await describeShards(client, 'kpl')) }
      : undefined;
    const started = performance.now();
    // Where the endpoint's store stands when the ramp is over: the steady part is what follows.
    let steadyFrom = { stored: 0, at: 0 };
    const mark = setTimeout(
      () => (steadyFrom = { stored: fake.stored.length, at: performance.now() }),
      STEADY_AFTER_S * 1000,
    );
    const report = await startLoadRun({
      client,
      streamName: 'kpl',
      source,
      plan: { durationMs: SECONDS * 1000, concurrency: 4 },
      aggregation,
    }).done;
    const ended = performance.now();
    clearTimeout(mark);
    const seen = new Set<number>();
    let twice = 0;
    let steady = 0;
    fake.stored.forEach((stored, k) => {
      const users = aggregate ? (deaggregate(stored.data) ?? []) : [{ data: stored.data }];
      for (const u of users) {
        const i = (JSON.parse(Buffer.from(u.data).toString('utf8')) as { i: number }).i;
        if (seen.has(i)) twice++;
        seen.add(i);
        if (k >= steadyFrom.stored) steady++;
      }
    });
    const seconds = (ended - started) / 1000;
    return {
      perSec: seen.size / seconds,
      steadyPerSec: steady / ((ended - steadyFrom.at) / 1000),
      acknowledged: report.acknowledged,
      delivered: seen.size,
      twice,
      kinesisRecords: fake.stored.length,
      failed: report.failed,
      seconds,
    };
  } finally {
    client.destroy();
    await fake.close();
  }
}

export async function benchKpl() {
  const plain = await oneWay(false);
  const aggregated = await oneWay(true);
  return {
    plain,
    aggregated,
    ratio: aggregated.perSec / plain.perSec,
    steadyRatio: aggregated.steadyPerSec / plain.steadyPerSec,
  };
}

export async function printKplBench() {
  const { plain, aggregated, ratio, steadyRatio } = await benchKpl();
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  console.log(
    `KPL aggregation (${SHARDS} shards x ${fmt(RECORDS_PER_SEC)} records/s and 1 MiB/s, ${USER_RECORD_BYTES}-byte user records, ${SECONDS} s each way as fast as possible)`,
  );
  for (const [name, w] of [
    ['plain', plain],
    ['aggregated', aggregated],
  ] as const) {
    console.log(
      `  ${name}: ${fmt(w.perSec)} user records/s delivered, ${fmt(w.steadyPerSec)}/s after the first ${STEADY_AFTER_S} s (${fmt(w.delivered)} in ${w.seconds.toFixed(1)} s, in ${fmt(w.kinesisRecords)} Kinesis records; acknowledged ${fmt(w.acknowledged)}, failed ${fmt(w.failed)}, stored twice ${fmt(w.twice)})`,
    );
  }
  console.log(
    `  aggregated / plain: ${steadyRatio.toFixed(1)}x after the first ${STEADY_AFTER_S} s (target >= 8x), ${ratio.toFixed(1)}x over the whole runs`,
  );
}

// Alone: node --import tsx bench/kpl.ts
if (import.meta.filename === process.argv[1]) await printKplBench();
