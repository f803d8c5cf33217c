// `stream-composer run` against an endpoint that throttles: the bundled CLI retries until every
// record is stored, and a throttled-share assertion that does not hold exits 1 (not 3) with the
// share found in both reports.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseJunit } from 'junit2json';
import { afterAll, expect, it } from 'vitest';
import { reportSchema } from '../../electron/runner/report';
import { runCli } from '../helpers/cli';
import { startFakeKinesis } from '../helpers/fake-kinesis';

const RECORDS = 300;

const request = `kind: stream-composer/request
version: 1
name: Throttled load
request:
  kind: batch
  target: { type: name, streamName: orders }
  source:
    type: template
    template: '{"n": {{seq}}}'
    locale: en
  keys: { type: random }
  payloadMode: text
  seed: 11
  plan: { count: ${RECORDS}, ratePerSec: null, concurrency: 4, maxAttemptsPerRecord: 100 }
assertions:
  - type: delivered
  - type: throttledPercent
    maxPercent: 1
`;

let dir = '';
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

it('retries throttled records until all are stored; a throttled share over its bound exits 1 with the share reported', async () => {
  // Buckets that start empty at the first write: the first calls are throttled however slowly a busy machine starts.
  const fake = await startFakeKinesis({
    streams: { orders: 2 },
    perShardRecordsPerSec: 100,
    bucketsFromFirstWrite: true,
  });
  try {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cli-throttle-'));
    await writeFile(path.join(dir, 'stream-composer.yaml'), 'kind: stream-composer/workspace\nversion: 1\n');
    await writeFile(path.join(dir, 'load.request.yaml'), request);
    const { code } = await runCli(['run', '--endpoint', fake.url, '-r', 'json,junit', '-o', 'out'], {
      cwd: dir,
      env: {
        AWS_ACCESS_KEY_ID: 'AKIDCLITEST',
        AWS_SECRET_ACCESS_KEY: 'cli-test-secret-value',
        AWS_REGION: 'us-east-1',
      },
    });
    expect(code).toBe(1);
    expect(new Set(fake.stored.map((r) => r.data)).size).toBe(RECORDS);

    const report = reportSchema.parse(JSON.parse(await readFile(path.join(dir, 'out/report.json'), 'utf8')));
    const [ran] = report.requests;
    expect(ran.counts).toMatchObject({ total: RECORDS, acknowledged: RECORDS, failed: 0 });
    expect(ran.throttled).toBeGreaterThan(0);
    expect(ran.assertions.map((a) => [a.assertion.type, a.status])).toEqual([
      ['delivered', 'passed'],
      ['throttledPercent', 'failed'],
    ]);

    const junit = (await parseJunit(await readFile(path.join(dir, 'out/junit.xml'), 'utf8'))) as {
      testsuite?: { testcase?: { failure?: { message?: string }[] }[] }[];
    };
    const failures = (junit.testsuite ?? []).flatMap((s) => s.testcase ?? []).flatMap((c) => c.failure ?? []);
    expect(failures.map((f) => f.message)).toEqual([expect.stringMatching(/^throttled/i)]);
  } finally {
    await fake.close();
  }
});
