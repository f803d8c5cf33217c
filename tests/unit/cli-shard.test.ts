// The test of a load past one machine: 4 processes of `stream-composer run --shard i/4`
// (one of them told by JOB_COMPLETION_INDEX + STREAM_COMPOSER_SHARDS instead, as a Kubernetes
// Indexed Job does) send one 1,002-record template request to one sandbox, with --endpoint and
// credentials from the environment. The stream then holds every record exactly once (by the
// template's {{seq}}), and `stream-composer merge` of their reports gives the counts of the same
// request run by a single process.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../electron/sandbox';
import type { Sandbox } from '../../electron/services';
import { mergedReportSchema } from '../../electron/runner/merge';
import { reportSchema } from '../../electron/runner/report';
import { runCli } from '../helpers/cli';
import { readWholeStream, SANDBOX_TEST_KEYS } from '../helpers/kinesis-fixtures';

// Not a multiple of 4: the blocks differ by one record (250, 251, 250, 251), so a position lost or
// sent twice where uneven blocks meet shows; a larger count would check nothing more.
const RECORDS = 1002;
const BLOCKS = [250, 251, 250, 251];

const REQUEST = `kind: stream-composer/request
version: 1
name: Sharded load
request:
  kind: batch
  target: { type: name, streamName: "{{env.STREAM}}" }
  source:
    type: template
    template: |
      {"n": {{seq}}, "who": "{{faker.person.firstName}}"}
    locale: en
  keys: { type: random }
  payloadMode: json
  plan:
    count: ${RECORDS}
    ratePerSec: null
    concurrency: 2
    maxAttemptsPerRecord: 10
`;

const environment = (stream: string) =>
  `kind: stream-composer/environment\nversion: 1\nvariables:\n  STREAM: ${stream}\n`;

let sandbox: Sandbox;
let endpoint: string;
let dir: string;

beforeAll(async () => {
  sandbox = createSandbox({ keys: SANDBOX_TEST_KEYS });
  endpoint = await sandbox.endpoint();
  await sandbox.createStream('sharded', 4);
  await sandbox.createStream('single', 4);
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-cli-shard-'));
  await writeFile(path.join(dir, 'stream-composer.yaml'), 'kind: stream-composer/workspace\nversion: 1\n');
  await writeFile(path.join(dir, 'load.request.yaml'), REQUEST);
  await mkdir(path.join(dir, 'environments'));
  await writeFile(path.join(dir, 'environments', 'sharded.yaml'), environment('sharded'));
  await writeFile(path.join(dir, 'environments', 'single.yaml'), environment('single'));
});

afterAll(async () => {
  await sandbox?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The runner in the workspace, credentials only in its environment. */
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, {
    cwd: dir,
    env: {
      AWS_ACCESS_KEY_ID: SANDBOX_TEST_KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SANDBOX_TEST_KEYS.secretAccessKey,
      ...env,
    },
  });

const runArgs = (env: string, out: string) => [
  'run',
  'load.request.yaml',
  '--env',
  env,
  '--endpoint',
  endpoint,
  '--region',
  'us-east-1',
  '--reporter',
  'json',
  '--out',
  out,
];

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));

describe('stream-composer run --shard i/4 against one sandbox', () => {
  it('sends every record exactly once, and the merged report has the counts of a single-process run', async () => {
    const shards = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        i === 3
          ? // The Indexed Job's way: no flag, the index and the count from the environment.
            cli(runArgs('sharded', `shard-${i}`), { JOB_COMPLETION_INDEX: '3', STREAM_COMPOSER_SHARDS: '4' })
          : cli([...runArgs('sharded', `shard-${i}`), '--shard', `${i}/4`]),
      ),
    );
    for (const [i, s] of shards.entries()) {
      const report = await readFile(path.join(dir, `shard-${i}`, 'report.json'), 'utf8').catch(() => '(none)');
      expect(s.code, `shard ${i}: ${s.stderr}\n${report}`).toBe(0);
    }

    // What the stream holds: each {{seq}} 1..1002 once.
    const stored = await readWholeStream(endpoint, 'sharded', SANDBOX_TEST_KEYS);
    const seen = new Map<number, number>();
    for (const r of stored) {
      const { n } = JSON.parse(r.data) as { n: number };
      seen.set(n, (seen.get(n) ?? 0) + 1);
    }
    expect(stored).toHaveLength(RECORDS);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: RECORDS }, (_, i) => i + 1));
    expect([...seen.values()].every((n) => n === 1)).toBe(true);

    // Each shard reports its own share, named by its index.
    const reports = await Promise.all([0, 1, 2, 3].map((i) => readJson(path.join(dir, `shard-${i}`, 'report.json'))));
    const parsed = reports.map((r) => reportSchema.parse(r));
    expect(parsed.map((r) => r.shard)).toEqual([0, 1, 2, 3].map((index) => ({ index, count: 4 })));
    expect(parsed.map((r) => r.requests[0].counts.total)).toEqual(BLOCKS);

    const merge = await cli([
      'merge',
      ...[3, 1, 0, 2].map((i) => path.join(`shard-${i}`, 'report.json')),
      '--reporter',
      'json',
      '--out',
      'merged',
    ]);
    expect(merge.code, merge.stderr).toBe(0);
    const merged = mergedReportSchema.parse(await readJson(path.join(dir, 'merged', 'report.json')));

    const single = await cli(runArgs('single', 'single'));
    expect(single.code, single.stderr).toBe(0);
    const whole = reportSchema.parse(await readJson(path.join(dir, 'single', 'report.json')));
    expect((await readWholeStream(endpoint, 'single', SANDBOX_TEST_KEYS)).length).toBe(RECORDS);

    expect(merged.requests[0].counts).toEqual(whole.requests[0].counts);
    expect(merged.requests[0].counts).toMatchObject({ total: RECORDS, acknowledged: RECORDS });
    expect(merged.totals).toEqual(whole.totals);
    expect(merged.exitCode).toBe(whole.exitCode);
    expect(merged.shards.map((s) => s.records.acknowledged)).toEqual(BLOCKS);
  });

  it('refuses to merge when a shard report is missing, saying which (exit 2)', async () => {
    const out = await cli(['merge', path.join('shard-0', 'report.json'), path.join('shard-1', 'report.json')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('the report of shards 2, 3 is missing');
  });
});
