// `stream-composer run` end to end: the bundled dist/stream-composer.mjs run with plain node as a
// child process, against the embedded sandbox (--sandbox), a kinesalite this test starts
// (--endpoint with credentials from the environment) and the fake endpoint failing everything.
// Exit codes, report.json checked against the report's schema, junit.xml read by a JUnit parser.
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import kinesalite from 'kinesalite';
import { parse as parseJunit } from 'junit2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { RUN_OPTIONS } from '../../electron/cli/args';
import { deaggregate } from '../../electron/decode/kpl';
import { reportSchema } from '../../electron/runner/report';
import { hashKeyOf } from '../../electron/shared/shards';
import { runCli } from '../helpers/cli';
import { startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';

const WORKSPACE = 'kind: stream-composer/workspace\nversion: 1\n';

const single = (name: string, stream: string, payload: string, assertions = '') =>
  `kind: stream-composer/request
version: 1
name: ${name}
request:
  kind: single
  target: { type: name, streamName: "${stream}" }
  partitionKey: user-1
  payload:
    mode: text
    text: |
      ${payload}
${assertions}`;

const batch = (
  name: string,
  stream: string,
  count: number | string,
  plan = '',
  assertions = '',
  template = '{"n": {{seq}}, "id": "{{uuid}}"}',
) =>
  `kind: stream-composer/request
version: 1
name: ${name}
request:
  kind: batch
  target: { type: name, streamName: "${stream}" }
  source:
    type: template
    template: '${template}'
    locale: en
  keys: { type: random }
  payloadMode: text
  seed: 7
  plan: { count: ${count}, ratePerSec: null, concurrency: 4, maxAttemptsPerRecord: 3${plan} }
${assertions}`;

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-ws-'));
  await writeFile(path.join(dir, 'stream-composer.yaml'), WORKSPACE);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

async function reports(dir: string) {
  const report = reportSchema.parse(JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')));
  const junit = await parseJunit(await readFile(path.join(dir, 'junit.xml'), 'utf8'));
  return {
    report,
    junit: junit as {
      testsuite?: { testcase?: { name?: string; failure?: { message?: string; inner?: string }[] }[] }[];
    },
  };
}

const testcases = (junit: Awaited<ReturnType<typeof reports>>['junit']) =>
  (junit.testsuite ?? []).flatMap((s) => s.testcase ?? []);

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const track = (dir: string) => (dirs.push(dir), dir);

describe('help and usage', () => {
  it('--help names both commands and every exit code; run --help names every option of the parser', async () => {
    const cwd = track(await mkdtemp(path.join(os.tmpdir(), 'cli-help-')));
    const main = await runCli(['--help'], { cwd });
    expect(main.code).toBe(0);
    for (const word of ['run [PATH...]', 'merge REPORT.json', '0 ', '1 ', '2 ', '3 ', '130'])
      expect(main.stdout).toContain(word);
    const run = await runCli(['run', '--help'], { cwd });
    expect(run.code).toBe(0);
    for (const [name, option] of Object.entries(RUN_OPTIONS)) {
      expect(run.stdout).toContain(`--${name}`);
      if ('short' in option) expect(run.stdout).toContain(`-${option.short}, --${name}`);
    }
    const merge = await runCli(['merge', '--help'], { cwd });
    expect(merge.code).toBe(0);
    expect(merge.stdout).toContain('--out DIR');
    expect((await runCli(['--version'], { cwd })).stdout.trim()).toBe(packageJson.version);
    expect((await runCli([], { cwd })).code).toBe(2);
  });

  it('a bad flag or value is a usage error (exit 2) that names it and points at the help', async () => {
    const cwd = track(await workspace({ 'a.request.yaml': single('A', 's', '{}') }));
    const bogus = await runCli(['run', '--bogus'], { cwd });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('--bogus');
    expect(bogus.stderr).toContain('stream-composer run --help');
    const reporter = await runCli(['run', '--reporter', 'cli,xml', '--sandbox'], { cwd });
    expect(reporter.code).toBe(2);
    expect(reporter.stderr).toContain('"xml"');
    const shard = await runCli(['run', '--shard', '4/4', '--sandbox'], { cwd });
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/shard/i);
  });
});

describe('against the embedded sandbox', () => {
  it('runs the whole workspace, single and batch, and reports them (exit 0)', async () => {
    const cwd = track(
      await workspace({
        'smoke.request.yaml': single(
          'Smoke',
          '{{env.STREAM}}',
          '{"id": 1, "user": "{{env.USER_NAME}}"}',
          'assertions:\n  - type: delivered\n',
        ),
        'orders/load.request.yaml': batch(
          'Load',
          '{{env.STREAM}}',
          300,
          '',
          'assertions:\n  - type: delivered\n  - type: noDuplicates\n',
        ),
        'environments/dev.yaml':
          'kind: stream-composer/environment\nversion: 1\nvariables:\n  STREAM: cli-orders\n  USER_NAME: ann\n',
      }),
    );
    const out = path.join(cwd, 'out');
    const ran = await runCli(['run', '--sandbox', '--env', 'dev', '-r', 'cli,json', '-r', 'junit', '--out', out], {
      cwd,
    });
    expect(ran.stderr + ran.stdout).not.toContain('Error:');
    expect(ran.code).toBe(0);
    const { report, junit } = await reports(out);
    expect(report.exitCode).toBe(0);
    expect(report.environment).toBe('dev');
    expect(report.requests.map((r) => [r.path, r.kind, r.status, r.streamName, r.counts.acknowledged])).toEqual([
      ['orders/load.request.yaml', 'batch', 'passed', 'cli-orders', 300],
      ['smoke.request.yaml', 'single', 'passed', 'cli-orders', 1],
    ]);
    expect(report.totals.records).toMatchObject({ total: 301, acknowledged: 301, failed: 0, notSent: 0, unknown: 0 });
    expect(report.requests[0].acknowledgedPerShard.reduce((n, s) => n + s.count, 0)).toBe(300);
    expect(report.requests.flatMap((r) => r.assertions.map((a) => a.status))).toEqual(['passed', 'passed', 'passed']);
    expect(
      testcases(junit)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['Load', 'Smoke']);
    expect(testcases(junit).flatMap((t) => t.failure ?? [])).toEqual([]);
    expect(ran.stdout).toContain('✓ Smoke (smoke.request.yaml)');
    expect(ran.stdout).toContain('Exit code 0');
  });
});

describe('a batch that uses variables and the clock', () => {
  it('runs the count its plan takes from a variable; a clock-reading template is not compared byte for byte', async () => {
    const cwd = track(
      await workspace({
        'counted.request.yaml': batch(
          'Counted',
          'cli-counted',
          '"{{env.COUNT}}"',
          '',
          'assertions:\n  - type: delivered\n',
        ),
        'timed.request.yaml': batch(
          'Timed',
          'cli-timed',
          5,
          '',
          'assertions:\n  - type: readBackEqual\n',
          '{"n": {{seq}}, "at": {{nowMs}}}',
        ),
        'environments/dev.yaml': 'kind: stream-composer/environment\nversion: 1\nvariables:\n  COUNT: "23"\n',
      }),
    );
    const out = path.join(cwd, 'out');
    const ran = await runCli(['run', '--sandbox', '--env', 'dev', '-r', 'json', '--out', out], { cwd });
    const report = reportSchema.parse(JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')));
    expect(report.problems).toEqual([]);
    const byPath = Object.fromEntries(report.requests.map((r) => [r.path, r]));
    expect(byPath['counted.request.yaml'].counts).toMatchObject({ total: 23, acknowledged: 23 });
    // Made again, records with the time in them differ from the ones sent: not a failure, not checked.
    expect(byPath['timed.request.yaml'].counts.acknowledged).toBe(5);
    expect(byPath['timed.request.yaml'].assertions).toMatchObject([
      { status: 'notChecked', reason: 'assertionRecordsTimed' },
    ]);
    // An assertion that could not be checked did not hold: a CI job does not pass on it.
    expect(ran.code).toBe(1);
  });
});

describe('against a kinesalite this test starts (--endpoint, credentials from the environment)', () => {
  let server: Server;
  let endpoint: string;
  const env = {
    AWS_ACCESS_KEY_ID: 'AKIDCLITEST',
    AWS_SECRET_ACCESS_KEY: 'cli-test-secret-value',
    AWS_REGION: 'us-east-1',
  };

  beforeAll(async () => {
    server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new KinesisClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      requestHandler: new NodeHttpHandler(),
    });
    await client.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 2 }));
    // kinesalite makes streams ACTIVE at once (createStreamMs 0); asked until it says so.
    for (;;) {
      const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: 'orders' }));
      if (summary.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
    }
    client.destroy();
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a folder runs only its requests; a failing assertion exits 1 with the value found in the JUnit failure', async () => {
    const cwd = track(
      await workspace({
        'smoke.request.yaml': single('Not picked', 'orders', '{"id": 9}'),
        'orders/check.request.yaml': single(
          'Check id',
          'orders',
          '{"id": 1}',
          'assertions:\n  - type: delivered\n  - type: jsonField\n    path: $.id\n    op: equals\n    value: "2"\n',
        ),
      }),
    );
    const ran = await runCli(['run', 'orders', '--endpoint', endpoint, '--reporter', 'json,junit', '--out', 'out'], {
      cwd,
      env,
    });
    expect(ran.code).toBe(1);
    const { report, junit } = await reports(path.join(cwd, 'out'));
    expect(report.requests.map((r) => r.path)).toEqual(['orders/check.request.yaml']);
    expect(report.requests[0].status).toBe('failed');
    expect(report.requests[0].endpoint).toBe(endpoint);
    expect(report.requests[0].assertions.map((a) => a.status)).toEqual(['passed', 'failed']);
    const [testcase] = testcases(junit);
    expect(testcase.name).toBe('Check id');
    expect(testcase.failure).toHaveLength(1);
    expect(testcase.failure![0].message).toContain('$.id is 1, expected 2');
    // Secrets never reach a report.
    expect(JSON.stringify(report)).not.toContain(env.AWS_SECRET_ACCESS_KEY);
  });

  it('a missing variable, a bad file or no credentials: exit 2 before anything is sent, the problem named', async () => {
    const cwd = track(
      await workspace({
        'a.request.yaml': single('Uses a variable', '{{env.NOPE}}', '{"id": 1}'),
        'environments/dev.yaml': 'kind: stream-composer/environment\nversion: 1\nvariables:\n  STREAM: orders\n',
      }),
    );
    const fake = await startFakeKinesis({ streams: { orders: 1 } });
    try {
      const missing = await runCli(['run', '--env', 'dev', '--endpoint', fake.url, '-r', 'json,junit', '-o', 'out'], {
        cwd,
        env,
      });
      expect(missing.code).toBe(2);
      const { report } = await reports(path.join(cwd, 'out'));
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0]).toMatchObject({ path: 'a.request.yaml', reason: 'envVariableMissing' });
      expect(report.problems[0].message).toContain('NOPE');
      expect(report.problems[0].message).toContain('target.streamName');
      expect(fake.putRecordsCalls).toEqual([]);
      expect(fake.stored).toEqual([]);

      await writeFile(
        path.join(cwd, 'b.request.yaml'),
        'kind: stream-composer/request\nversion: 1\nname: Broken\nrequest: { kind: single }\n',
      );
      await writeFile(path.join(cwd, 'a.request.yaml'), single('Fine', 'orders', '{"id": 1}'));
      const bad = await runCli(['run', '--endpoint', fake.url, '-r', 'json,junit', '-o', 'out'], { cwd, env });
      expect(bad.code).toBe(2);
      const after = await reports(path.join(cwd, 'out'));
      expect(after.report.problems.map((p) => p.path)).toEqual(['b.request.yaml']);
      expect(fake.stored).toEqual([]);

      await rm(path.join(cwd, 'b.request.yaml'));
      const noKeys = await runCli(['run', '--endpoint', fake.url, '-r', 'cli'], {
        cwd,
        env: { AWS_REGION: 'us-east-1' },
      });
      expect(noKeys.code).toBe(2);
      expect(noKeys.stdout).toContain('No credentials');
      expect(fake.stored).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

describe('against the fake endpoint', () => {
  let fake: FakeKinesis;
  beforeAll(async () => {
    fake = await startFakeKinesis({ streams: { orders: 2 }, internalFailureRate: 1, seed: 3 });
  });
  afterAll(() => fake.close());

  it('records not delivered exit 3, and outrank a failed assertion', async () => {
    const cwd = track(
      await workspace({
        'load.request.yaml': batch('Load', 'orders', 50, '', 'assertions:\n  - type: delivered\n'),
      }),
    );
    const ran = await runCli(['run', '--endpoint', fake.url, '-r', 'json,junit', '-o', 'out'], {
      cwd,
      env: {
        AWS_ACCESS_KEY_ID: 'AKIDCLITEST',
        AWS_SECRET_ACCESS_KEY: 'cli-test-secret-value',
        AWS_REGION: 'us-east-1',
      },
    });
    expect(ran.code).toBe(3);
    const { report, junit } = await reports(path.join(cwd, 'out'));
    expect(report.requests[0]).toMatchObject({
      status: 'undelivered',
      counts: { total: 50, acknowledged: 0, failed: 50 },
    });
    expect(report.requests[0].assertions[0].status).toBe('failed');
    const failures = testcases(junit)[0].failure ?? [];
    expect(failures.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^0 of 50 records acknowledged, 50 failed/),
    );
    expect(failures.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^delivered: 0 of 50 records acknowledged/),
    );
  });
});

describe('KPL aggregation', () => {
  it('a workspace batch with aggregate: true runs aggregated, grouped per shard, and counts user records', async () => {
    const fake = await startFakeKinesis({ streams: { orders: 4 } });
    try {
      const cwd = track(
        await workspace({ 'kpl.request.yaml': batch('Aggregated', 'orders', 2000, ', aggregate: true') }),
      );
      const ran = await runCli(['run', '--endpoint', fake.url, '-r', 'json,junit', '-o', 'out'], {
        cwd,
        env: {
          AWS_ACCESS_KEY_ID: 'AKIDCLITEST',
          AWS_SECRET_ACCESS_KEY: 'cli-test-secret-value',
          AWS_REGION: 'us-east-1',
        },
      });
      expect(ran.code).toBe(0);
      const { report } = await reports(path.join(cwd, 'out'));
      expect(report.requests[0]).toMatchObject({ status: 'passed', counts: { total: 2000, acknowledged: 2000 } });
      // Far fewer Kinesis records than user records; split, each user record once, on the shard its key hashes to.
      expect(fake.stored.length).toBeLessThan(100);
      const space = 1n << 128n;
      const shardOf = (key: string) => `shardId-${String(hashKeyOf(key) / (space / 4n)).padStart(12, '0')}`;
      const ns = fake.stored.flatMap((s) =>
        deaggregate(s.data)!.map((u) => {
          expect(shardOf(u.partitionKey)).toBe(s.shardId);
          return (JSON.parse(Buffer.from(u.data).toString('utf8')) as { n: number }).n;
        }),
      );
      expect(ns.sort((a, b) => a - b)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    } finally {
      await fake.close();
    }
  });
});

describe('Ctrl+C', () => {
  it('stops sending, writes both reports marked interrupted and exits 130', async () => {
    const fake = await startFakeKinesis({ streams: { orders: 2 } });
    try {
      const cwd = track(await workspace({ 'long.request.yaml': batch('Long', 'orders', 1_000_000, '', '') }));
      const ran = await runCli(['run', '--endpoint', fake.url, '-r', 'json,junit', '-o', 'out'], {
        cwd,
        env: {
          AWS_ACCESS_KEY_ID: 'AKIDCLITEST',
          AWS_SECRET_ACCESS_KEY: 'cli-test-secret-value',
          AWS_REGION: 'us-east-1',
        },
        // Once records are flowing: checked every 20 ms until the fake has stored some.
        onSpawn: (child) => {
          const watch = setInterval(() => {
            if (fake.stored.length === 0) return;
            clearInterval(watch);
            child.kill('SIGINT');
          }, 20);
          child.on('close', () => clearInterval(watch));
        },
      });
      expect(ran.code).toBe(130);
      const { report, junit } = await reports(path.join(cwd, 'out'));
      expect(report.interrupted).toBe(true);
      expect(report.exitCode).toBe(130);
      expect(report.requests[0].status).toBe('interrupted');
      expect(report.requests[0].counts.acknowledged).toBeGreaterThan(0);
      expect(report.requests[0].counts.acknowledged).toBeLessThan(1_000_000);
      expect(testcases(junit)[0].name).toBe('Long');
    } finally {
      await fake.close();
    }
  });
});
