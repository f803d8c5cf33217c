// The send path for npm run bench: the app's handler → SDK → sandbox, against a bare
// KinesisClient.send(PutRecordCommand) with the same settings (endpoint, region, keys, attempts,
// timeouts, a keep-alive HTTP/1.1 agent), interleaved so both see the same machine state.
// A send is timed until its answer; then one turn of the event loop runs what it left for after
// the answer (the app's history write), timed on its own: run back to back, that work landed in
// the next send, which half the time was the bare client's.
// Runs alone too, for a profile: node --import tsx bench/send-path.ts (BENCH_SENDS=…).
import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestCipher } from '../electron/secrets';
import { wireApp } from '../electron/wire';

const SENDS = Number(process.env.BENCH_SENDS ?? 2000);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (n: number, d = 3) => n.toFixed(d);

export async function benchSendPath() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-bench-'));
  // A known sandbox key, so the bare client signs as the app does.
  const keys = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-sandbox-secret' };
  const app = await wireApp({ dataDir, cipher: createTestCipher(), env: {}, app: { version: 'bench', systemLocale: 'en-US' }, openExternal: async () => {}, sandboxCredentials: keys });
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
    /** [until the answer, the turn after it], in ms. */
    const timed = async (send: () => Promise<unknown>): Promise<[number, number]> => {
      const t = performance.now();
      await send();
      const answered = performance.now();
      await new Promise((resolve) => setImmediate(resolve));
      return [answered - t, performance.now() - answered];
    };
    const app_ = (i: number) => timed(async () => {
      const r = await app.handlers.sendRecord({
        requestId: `bench-${i}`,
        profileId,
        target: { type: 'name', streamName: 'example-stream' },
        partitionKey: `key-${i}`,
        payload: { mode: 'json', text: payload },
      });
      if (!r.ok || !r.value.result.ok) throw new Error(`app send failed: ${JSON.stringify(r)}`);
    });
    const bare_ = (i: number) => timed(() => bare.send(new PutRecordCommand({ StreamName: 'example-stream', PartitionKey: `key-${i}`, Data: data })));
    for (let i = 0; i < 500; i++) {
      await app_(i);
      await bare_(i);
    }
    const appTimes: number[] = [];
    const bareTimes: number[] = [];
    const appAfter: number[] = [];
    const bareAfter: number[] = [];
    const record = ([sent, after]: [number, number], times: number[], afters: number[]) => {
      times.push(sent);
      afters.push(after);
    };
    for (let i = 0; i < SENDS; i++) {
      // Alternate which goes first so neither gets a systematic warm-cache advantage.
      if (i % 2) {
        record(await app_(i), appTimes, appAfter);
        record(await bare_(i), bareTimes, bareAfter);
      } else {
        record(await bare_(i), bareTimes, bareAfter);
        record(await app_(i), appTimes, appAfter);
      }
    }
    bare.destroy();
    return {
      sends: SENDS,
      appMedianMs: median(appTimes),
      bareMedianMs: median(bareTimes),
      appP95Ms: pct(appTimes, 95),
      bareP95Ms: pct(bareTimes, 95),
      ratio: median(appTimes) / median(bareTimes),
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
  console.log(`send path (${send.sends} sends each, interleaved, sandbox on 127.0.0.1)`);
  console.log(`  app    median ${fmt(send.appMedianMs)} ms  p95 ${fmt(send.appP95Ms)} ms`);
  console.log(`  bare   median ${fmt(send.bareMedianMs)} ms  p95 ${fmt(send.bareP95Ms)} ms`);
  console.log(`  ratio  app/bare median = ${fmt(send.ratio)}  (target <= 1.05)`);
  console.log(`  the turn after the answer: app ${fmt(send.appAfterMedianMs * 1000, 0)} µs (its history write), bare ${fmt(send.bareAfterMedianMs * 1000, 0)} µs (median)`);
}

if (import.meta.filename === process.argv[1]) await printSendPathBench();
