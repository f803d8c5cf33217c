// `stream-composer run` with records over 1 MiB: the bundled dist/stream-composer.mjs, run with
// plain node against a sandbox this test starts (--endpoint, the sandbox's keys in the
// environment). A stream raised to large records takes them, as the app's own sends and runs do;
// a 1 MiB stream refuses them before anything is sent, saying the stream's limit and how to raise it.
import { CreateStreamCommand, DescribeStreamSummaryCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../electron/sandbox';
import { reportSchema } from '../../electron/runner/report';
import { runCli } from '../helpers/cli';
import { readWholeStream, SANDBOX_TEST_KEYS, sdkClient } from '../helpers/kinesis-fixtures';

const MiB = 1024 * 1024;
const env = {
  AWS_ACCESS_KEY_ID: SANDBOX_TEST_KEYS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SANDBOX_TEST_KEYS.secretAccessKey,
  AWS_REGION: 'us-east-1',
};

const single = (stream: string, key: string, text: string) =>
  [
    'kind: stream-composer/request',
    'version: 1',
    `name: Single to ${stream}`,
    'request:',
    '  kind: single',
    `  target: { type: name, streamName: ${stream} }`,
    `  partitionKey: ${key}`,
    '  payload:',
    '    mode: text',
    `    text: ${text}`,
    '',
  ].join('\n');

const rows = (stream: string, payloads: string[]) =>
  [
    'kind: stream-composer/request',
    'version: 1',
    `name: Rows to ${stream}`,
    'request:',
    '  kind: batch',
    `  target: { type: name, streamName: ${stream} }`,
    '  source:',
    '    type: rows',
    '    rows:',
    ...payloads.map((p, i) => `      - { partitionKey: row-${i}, payload: ${p} }`),
    '  keys: { type: row }',
    '  payloadMode: text',
    '  seed: 3',
    '  plan: { ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 3 }',
    '',
  ].join('\n');

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-large-'));
  await writeFile(path.join(dir, 'stream-composer.yaml'), 'kind: stream-composer/workspace\nversion: 1\n');
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe('stream-composer run with large records', () => {
  const sandbox = createSandbox({ keys: SANDBOX_TEST_KEYS });
  let endpoint: string;
  let client: KinesisClient;
  const dirs: string[] = [];

  beforeAll(async () => {
    endpoint = await sandbox.endpoint();
    client = sdkClient(endpoint, SANDBOX_TEST_KEYS);
    await client.send(new CreateStreamCommand({ StreamName: 'raised', ShardCount: 1, MaxRecordSizeInKiB: 4096 }));
    await client.send(new CreateStreamCommand({ StreamName: 'plain', ShardCount: 1 }));
    for (const name of ['raised', 'plain'])
      while (
        (await client.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary
          ?.StreamStatus !== 'ACTIVE'
      );
  });

  afterAll(async () => {
    client?.destroy();
    await sandbox.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  const run = async (files: Record<string, string>) => {
    const cwd = await workspace(files);
    dirs.push(cwd);
    const ran = await runCli(['run', '--endpoint', endpoint, '-r', 'json', '-o', 'out'], { cwd, env });
    const report = reportSchema.parse(JSON.parse(await readFile(path.join(cwd, 'out', 'report.json'), 'utf8')));
    return { ran, report };
  };

  it('a 2 MiB record and a batch of 2 MiB rows go to a stream raised to 4 MiB and are stored whole', async () => {
    const big = (c: string) => c.repeat(2 * MiB);
    const { ran, report } = await run({
      'single.request.yaml': single('raised', 'one', big('s')),
      'rows.request.yaml': rows('raised', [big('a'), big('b'), big('c')]),
    });
    expect(report.problems).toEqual([]);
    expect(ran.code).toBe(0);
    expect(report.requests.map((r) => [r.path, r.status, r.counts.acknowledged])).toEqual([
      ['rows.request.yaml', 'passed', 3],
      ['single.request.yaml', 'passed', 1],
    ]);
    const stored = await readWholeStream(endpoint, 'raised', SANDBOX_TEST_KEYS);
    expect(stored.map((r) => [r.partitionKey, r.data.length, r.data[0]]).sort()).toEqual([
      ['one', 2 * MiB, 's'],
      ['row-0', 2 * MiB, 'a'],
      ['row-1', 2 * MiB, 'b'],
      ['row-2', 2 * MiB, 'c'],
    ]);
  });

  it('the same record to a 1 MiB stream: exit 2, nothing sent, the stream limit named with how to raise it', async () => {
    const { ran, report } = await run({ 'single.request.yaml': single('plain', 'one', 'p'.repeat(2 * MiB)) });
    expect(ran.code).toBe(2);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0].message).toMatch(
      /this stream takes at most 1,048,576 bytes\. Remove 1,048,579 bytes, or raise the stream's maximum record size \(UpdateMaxRecordSize/,
    );
    const batch = await run({ 'rows.request.yaml': rows('plain', ['q'.repeat(2 * MiB)]) });
    expect(batch.ran.code).toBe(2);
    // The terminal has no preview to list the batch's problems: the first is in the message.
    expect(batch.report.requests[0].error?.message).toMatch(
      /^No record of the batch can be sent.* The first: line 1: Record is 2,097,157 bytes \(key \+ data\); this stream takes at most 1,048,576 bytes/,
    );
    expect(await readWholeStream(endpoint, 'plain', SANDBOX_TEST_KEYS)).toEqual([]);
  });
});
