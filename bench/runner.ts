// The command-line runner's figures for npm run bench (issue 12):
//  a. throughput against the sandbox: the runner (runRequests, as `stream-composer run` calls it)
//     against the app's engine (the batch host's worker feeding the load engine, with a journal,
//     as the app's startRun runs it), same template, same plan, same sandbox; rounds of one each,
//     alternating which goes first; the geometric mean of the rounds' ratios (target >= 0.95);
//  b. time from process start to the first records sent, without --sandbox: the bundled
//     dist/stream-composer.mjs started with plain node against an endpoint on port 0 that notes
//     when the first PutRecords arrives (the run describes its stream before); the median of
//     several starts (target <= 500 ms);
//  c. memory over a 1,000,000-record run: the bundled file against an endpoint that acknowledges
//     everything and keeps nothing, VmRSS read from /proc/<pid>/status every 200 ms (target <= 150 MB).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SavedRequestBody } from '../electron/contract';
import { LOCAL_CREDENTIALS } from '../electron/kinesis';
import { startLoadRun } from '../electron/load/run';
import { openConnection } from '../electron/runner/connection';
import { runRequests, type RunnableRequest } from '../electron/runner/run';
import { feedOf, hostBatch } from '../electron/runs/batch-host';
import type { BatchInput } from '../electron/runs/batch-session';
import { budgetFor } from '../electron/runs/run-rules';
import { createSandbox } from '../electron/sandbox';
import { createRedactor } from '../electron/secrets/redact';
import { startAckEndpoint } from './ack-endpoint';
import { median } from './median';

const RECORDS = Number(process.env.BENCH_RUNNER_RECORDS ?? 20_000);
const ROUNDS = 6;
const STARTS = Number(process.env.BENCH_RUNNER_STARTS ?? 7);
const MEMORY_RECORDS = Number(process.env.BENCH_RUNNER_MEMORY_RECORDS ?? 1_000_000);
const CONCURRENCY = 4;
const BUNDLE = path.resolve(import.meta.dirname, '../dist/stream-composer.mjs');

const TEMPLATE =
  '{"id": "{{uuid}}", "n": {{seq}}, "name": "{{faker.person.fullName}}", "email": "{{faker.internet.email}}", "pad": "{{faker.string.alpha(900)}}"}';

const body = (streamName: string, count: number): Extract<SavedRequestBody, { kind: 'batch' }> => ({
  kind: 'batch',
  target: { type: 'name', streamName },
  source: { type: 'template', template: TEMPLATE, locale: 'en' },
  keys: { type: 'random' },
  payloadMode: 'json',
  seed: 11,
  plan: { count, ratePerSec: null, concurrency: CONCURRENCY, maxAttemptsPerRecord: 10 },
});

const geomean = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const fmt = (n: number, d = 0) => n.toFixed(d);

export async function benchRunnerThroughput() {
  const sandbox = createSandbox();
  const endpoint = await sandbox.endpoint();
  const keys = sandbox.keysFor(endpoint)!;
  const redactor = createRedactor();
  const connection = await openConnection(
    { endpoint, region: 'us-east-1', profile: null, sandbox: false },
    { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey },
    redactor,
  );
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'sc-bench-runner-'));
  const request: RunnableRequest = {
    path: 'load.request.yaml',
    name: 'Load',
    request: body('example-stream', RECORDS),
    assertions: [],
  };

  const runner = async (count: number) => {
    const t0 = performance.now();
    const report = await runRequests([{ ...request, request: body('example-stream', count) }], {
      connection,
      workspaceDir: workDir,
      variables: {},
      environment: null,
      shard: null,
      signal: new AbortController().signal,
      redactor,
      workDir,
      version: 'bench',
    });
    const ms = performance.now() - t0;
    const acknowledged = report.totals.records.acknowledged;
    if (acknowledged !== count) throw new Error(`runner: ${acknowledged} of ${count} acknowledged`);
    return (count / ms) * 1000;
  };

  // The app's way (electron/runs/handlers.ts startRun): the worker-hosted batch, the engine, a journal.
  const { client } = await connection.sender.loadClientFor(connection.profileFor('example-stream'));
  const app = async (count: number) => {
    const { plan, ...batchBody } = body('example-stream', count);
    const input: BatchInput = {
      request: { ...batchBody, profileId: 'bench', source: batchBody.source as BatchInput['request']['source'] },
      file: null,
      family: 'aws',
      seed: 11,
    };
    const t0 = performance.now();
    const batch = await hostBatch(input, budgetFor(input.request, 'run'));
    try {
      const report = await startLoadRun({
        client,
        streamName: 'example-stream',
        source: feedOf(batch),
        plan: { count, concurrency: plan.concurrency as number, ratePerSec: null, maxAttemptsPerRecord: 10 },
        resultsFile: path.join(workDir, `app-${count}-${t0}.jsonl`),
        onProgress: () => {},
      }).done;
      if (report.acknowledged !== count) throw new Error(`app engine: ${report.acknowledged} of ${count} acknowledged`);
    } finally {
      await batch.close();
    }
    return (count / (performance.now() - t0)) * 1000;
  };

  try {
    await runner(RECORDS / 4);
    await app(RECORDS / 4);
    const runs: { runner: number; app: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2) {
        const r = await runner(RECORDS);
        runs.push({ runner: r, app: await app(RECORDS) });
      } else {
        const a = await app(RECORDS);
        runs.push({ app: a, runner: await runner(RECORDS) });
      }
    }
    const ratios = runs.map((r) => r.runner / r.app);
    return { runs, ratios, ratio: geomean(ratios) };
  } finally {
    client.destroy();
    await connection.close();
    await sandbox.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A workspace with one template request of `count` records to stream `load`. */
async function workspace(count: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sc-bench-ws-'));
  await writeFile(path.join(dir, 'stream-composer.yaml'), 'kind: stream-composer/workspace\nversion: 1\n');
  const text = [
    'kind: stream-composer/request',
    'version: 1',
    'name: Load',
    'request:',
    '  kind: batch',
    '  target: { type: name, streamName: load }',
    '  source:',
    '    type: template',
    `    template: '${TEMPLATE.replaceAll("'", "''")}'`,
    '    locale: en',
    '  keys: { type: random }',
    '  payloadMode: json',
    '  seed: 11',
    '  plan:',
    `    count: ${count}`,
    '    ratePerSec: null',
    `    concurrency: ${CONCURRENCY}`,
    '    maxAttemptsPerRecord: 10',
    '',
  ].join('\n');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'load.request.yaml'), text);
  return dir;
}

/** The bundled runner as a CI image runs it: plain node, no node_modules, credentials in the environment. */
function startBundle(dir: string, endpoint: string) {
  return spawn(
    process.execPath,
    [BUNDLE, 'run', '--endpoint', endpoint, '--region', 'us-east-1', '--reporter', 'json', '--out', dir],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}

function exited(child: ReturnType<typeof spawn>, stderr: () => string): Promise<void> {
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the runner exited ${code}: ${stderr()}`)))),
  );
}

/** The floor any Node process pays on this machine now: plain node sending one request with fetch. */
function startBare(endpoint: string) {
  const script = `await fetch(${JSON.stringify(endpoint)}, { method: 'POST', headers: { 'x-amz-target': 'Kinesis_20131202.PutRecords' }, body: '{"Records":[]}' });`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Milliseconds from spawn to the endpoint's first records (PutRecord/PutRecords), for a process `start` makes. */
async function firstRequestMs(start: (endpoint: string) => ReturnType<typeof spawn>): Promise<number> {
  const endpoint = await startAckEndpoint();
  try {
    const t0 = Date.now();
    const child = start(endpoint.url);
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    await exited(child, () => stderr);
    return endpoint.firstRecordsAt()! - t0;
  } finally {
    await endpoint.close();
  }
}

export async function benchRunnerStart() {
  const dir = await workspace(10);
  const startsMs: number[] = [];
  const bareMs: number[] = [];
  try {
    // Interleaved, so that both see the same machine load.
    for (let i = 0; i < STARTS; i++) {
      startsMs.push(await firstRequestMs((url) => startBundle(dir, url)));
      bareMs.push(await firstRequestMs(startBare));
    }
    return { startsMs, medianMs: median(startsMs), bareMs, bareMedianMs: median(bareMs) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function rssKb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export async function benchRunnerMemory() {
  const dir = await workspace(MEMORY_RECORDS);
  const endpoint = await startAckEndpoint();
  try {
    const t0 = performance.now();
    const child = startBundle(dir, endpoint.url);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const samples: number[] = [];
    const sampler = setInterval(() => {
      void rssKb(child.pid!).then((kb) => kb !== null && samples.push(kb));
    }, 200);
    try {
      await exited(child, () => stderr);
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - t0) / 1000;
    if (endpoint.records() < MEMORY_RECORDS) throw new Error(`the endpoint got ${endpoint.records()} records`);
    const tenth = Math.max(1, Math.floor(samples.length / 10));
    return {
      seconds,
      records: endpoint.records(),
      samples: samples.length,
      peakMb: Math.max(...samples) / 1024,
      firstTenthMb: Math.max(...samples.slice(0, tenth)) / 1024,
      lastTenthMb: Math.max(...samples.slice(-tenth)) / 1024,
    };
  } finally {
    await endpoint.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function printRunnerBench() {
  const t = await benchRunnerThroughput();
  console.log(
    `runner throughput (${RECORDS} template records of ~1 KB, ${CONCURRENCY} calls in flight, sandbox on 127.0.0.1, ${ROUNDS} rounds)`,
  );
  console.log(`  runner     records/s by round: ${t.runs.map((r) => fmt(r.runner)).join(', ')}`);
  console.log(`  app engine records/s by round: ${t.runs.map((r) => fmt(r.app)).join(', ')}`);
  console.log(
    `  ratio runner/app by round: ${t.ratios.map((r) => fmt(r, 3)).join(', ')}; geometric mean = ${fmt(t.ratio, 3)}  (target >= 0.95)`,
  );
  const s = await benchRunnerStart();
  console.log(`runner start (dist/stream-composer.mjs with plain node, no --sandbox, ${STARTS} starts)`);
  console.log(
    `  process start to first records sent: ${s.startsMs.map((x) => fmt(x)).join(', ')} ms; median ${fmt(s.medianMs)} ms (target <= 500 ms)`,
  );
  console.log(
    `  plain node sending one request with fetch (the floor, same run): median ${fmt(s.bareMedianMs)} ms; runner/floor ${fmt(s.medianMs / s.bareMedianMs, 2)}`,
  );
  const m = await benchRunnerMemory();
  console.log(
    `runner memory (${m.records.toLocaleString('en')} template records to an endpoint that acknowledges all, ${fmt(m.seconds, 1)} s, ${m.samples} samples of VmRSS every 200 ms)`,
  );
  console.log(
    `  RSS peak ${fmt(m.peakMb, 1)} MB (target <= 150 MB); largest in the first tenth of the run ${fmt(m.firstTenthMb, 1)} MB, in the last tenth ${fmt(m.lastTenthMb, 1)} MB`,
  );
}
