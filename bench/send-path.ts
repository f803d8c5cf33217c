// The send path for npm run bench: the app's handler → SDK → sandbox, against a bare
// KinesisClient.send(PutRecordCommand) with the same settings (endpoint, region, keys, attempts,
// timeouts, a keep-alive HTTP/1.1 agent), interleaved so both see the same machine state.
// A send is timed until its answer; then one turn of the event loop runs what it left for after
// the answer (the app's history write), timed on its own: run back to back, that work landed in
// the next send, which half the time was the bare client's.
// The process's CPU time until the answer is shown beside it: on a busy machine the wall clock
// mostly measures waiting for a core, the CPU time still what each send costs.
// Runs alone too, for a profile: node --import tsx bench/send-path.ts (BENCH_SENDS=…, BENCH_ROUNDS=…).
import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestCipher } from '../electron/secrets';
import { wireApp } from '../electron/wire';
import { median } from './median';

const SENDS = Number(process.env.BENCH_SENDS ?? 2100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const fmt = (n: number, d = 3) => n.toFixed(d);

export async function benchSendPath() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-bench-'));
  // A known sandbox key, so the bare client signs as the app does.
  const keys = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-sandbox-secret' };
  const app = await wireApp({
    dataDir,
    cipher: createTestCipher(),
    env: {},
    app: { version: 'bench', systemLocale: 'en-US' },
    openExternal: async () => {},
    sandboxCredentials: keys,
  });
  try {
    const status = await app.handlers.getSandboxStatus({});
    if (!status.ok || !status.value.endpoint) throw new Error('sandbox did not start');
    const profiles = await app.handlers.listProfiles({});
    if (!profiles.ok) throw new Error('no profiles');
    const profileId = profiles.value.profiles[0].id;
    const bare = new KinesisClient({
      endpoint: status.value.endpoint,
      region: 'us-east-1',
      credentials: keys,
      maxAttempts: 3,
      requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: 10_000 }),
    });
    const payload = JSON.stringify({ event: 'bench', value: 'x'.repeat(200) });
    const data = new TextEncoder().encode(payload);
    /** [until the answer, the turn after it] in ms, and the CPU time until the answer in µs. */
    const timed = async (send: () => Promise<unknown>): Promise<[number, number, number]> => {
      // Read outside both timed spans, so the wall figures are what they were without it.
      const cpu = process.cpuUsage();
      const t = performance.now();
      await send();
      const answered = performance.now();
      const used = process.cpuUsage(cpu);
      const after = performance.now();
      await new Promise((resolve) => setImmediate(resolve));
      return [answered - t, performance.now() - after, used.user + used.system];
    };
    const app_ = (i: number) =>
      timed(async () => {
        const r = await app.handlers.sendRecord({
          requestId: `bench-${i}`,
          profileId,
          target: { type: 'name', streamName: 'example-stream' },
          partitionKey: `key-${i}`,
          payload: { mode: 'json', text: payload },
        });
        if (!r.ok || !r.value.result.ok) throw new Error(`app send failed: ${JSON.stringify(r)}`);
      });
    const bare_ = (i: number) =>
      timed(() =>
        bare.send(new PutRecordCommand({ StreamName: 'example-stream', PartitionKey: `key-${i}`, Data: data })),
      );
    for (let i = 0; i < 500; i++) {
      await app_(i);
      await bare_(i);
    }
    // Rounds, each with its own ratio: a burst of load from other processes skews the round it
    // lands in, and the median of the rounds' ratios leaves it out; the spread shows how busy the
    // machine was.
    const rounds: { ratio: number; app: number; bare: number; cpuRatio: number }[] = [];
    const appAfter: number[] = [];
    const bareAfter: number[] = [];
    const perRound = Math.max(1, Math.round(SENDS / ROUNDS));
    for (let round = 0, i = 0; round < ROUNDS; round++) {
      const appTimes: number[] = [];
      const bareTimes: number[] = [];
      const appCpu: number[] = [];
      const bareCpu: number[] = [];
      for (let k = 0; k < perRound; k++, i++) {
        // Alternate which goes first so neither gets a systematic warm-cache advantage.
        const [first, second] = i % 2 ? [app_, bare_] : [bare_, app_];
        const a = await first(i);
        const b = await second(i);
        const [appT, bareT] = i % 2 ? [a, b] : [b, a];
        appTimes.push(appT[0]);
        appAfter.push(appT[1]);
        appCpu.push(appT[2]);
        bareTimes.push(bareT[0]);
        bareAfter.push(bareT[1]);
        bareCpu.push(bareT[2]);
      }
      rounds.push({
        ratio: median(appTimes) / median(bareTimes),
        app: median(appTimes),
        bare: median(bareTimes),
        cpuRatio: median(appCpu) / median(bareCpu),
      });
    }
    bare.destroy();
    const ratios = rounds.map((r) => r.ratio);
    const cpuRatios = rounds.map((r) => r.cpuRatio);
    return {
      sends: perRound * ROUNDS,
      rounds: ROUNDS,
      appMedianMs: median(rounds.map((r) => r.app)),
      bareMedianMs: median(rounds.map((r) => r.bare)),
      ratio: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      cpuRatio: median(cpuRatios),
      cpuRatioMin: Math.min(...cpuRatios),
      cpuRatioMax: Math.max(...cpuRatios),
      appAfterMedianMs: median(appAfter),
      bareAfterMedianMs: median(bareAfter),
    };
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function printSendPathBench() {
  const send = await benchSendPath();
  console.log(`send path (${send.sends} sends each in ${send.rounds} rounds, interleaved, sandbox on 127.0.0.1)`);
  console.log(
    `  app    median ${fmt(send.appMedianMs)} ms   bare median ${fmt(send.bareMedianMs)} ms  (medians of the rounds' medians)`,
  );
  console.log(
    `  ratio  app/bare, median of the rounds = ${fmt(send.ratio)}  (rounds ${fmt(send.ratioMin)}-${fmt(send.ratioMax)}; target <= 1.05)`,
  );
  console.log(
    `  cpu    app/bare, the process's CPU time until the answer, median of the rounds = ${fmt(send.cpuRatio)}  (rounds ${fmt(send.cpuRatioMin)}-${fmt(send.cpuRatioMax)})`,
  );
  console.log(
    `  the turn after the answer: app ${fmt(send.appAfterMedianMs * 1000, 0)} µs (its history write), bare ${fmt(send.bareAfterMedianMs * 1000, 0)} µs (median)`,
  );
}

if (import.meta.filename === process.argv[1]) await printSendPathBench();
