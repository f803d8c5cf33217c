// The workspace round trip: the app (the real handler table) saves a single and a batch request
// with assertions into its workspace; the bundled CLI (dist/stream-composer.mjs, plain node) runs
// that folder against a kinesalite this test starts and puts the records in the stream; the app
// reads the requests back unchanged; an edit written to the YAML file is seen by the app (the
// 'saved' event) and run by the CLI.
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import kinesalite from 'kinesalite';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Assertion, EventName, SavedRequestBody } from '../../electron/contract';
import { reportSchema } from '../../electron/runner/report';
import { wireTestApp, type TestApp } from '../helpers/app';
import { runCli } from '../helpers/cli';
import { value } from '../helpers/results';

const STREAM = 'roundtrip';
const env = { AWS_ACCESS_KEY_ID: 'AKIDROUNDTRIP', AWS_SECRET_ACCESS_KEY: 'roundtrip-secret', AWS_REGION: 'us-east-1' };

let server: Server;
let endpoint: string;
let client: KinesisClient;
let app: TestApp;
const events: { name: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new KinesisClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    requestHandler: new NodeHttpHandler(),
  });
  await client.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 2 }));
  for (;;) {
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }));
    if (summary.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
  }
  app = await wireTestApp({ emit: (name, payload) => events.push({ name, payload }) });
});

afterAll(async () => {
  await app?.close();
  client?.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Every record the stream holds, as text. */
async function streamRecords(): Promise<string[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: STREAM }));
  const out: string[] = [];
  for (const shard of Shards) {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: STREAM, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records = [] } = await client.send(new GetRecordsCommand({ ShardIterator, Limit: 10_000 }));
    out.push(...Records.map((r) => Buffer.from(r.Data!).toString('utf8')));
  }
  return out;
}

async function cli(cwd: string): Promise<{ code: number | null; output: string }> {
  const ran = await runCli(['run', '--endpoint', endpoint, '--reporter', 'json', '--out', 'out'], { cwd, env });
  return { code: ran.code, output: ran.stdout + ran.stderr };
}

const report = async (cwd: string) =>
  reportSchema.parse(JSON.parse(await readFile(path.join(cwd, 'out', 'report.json'), 'utf8')));

const single: SavedRequestBody = {
  kind: 'single',
  target: { type: 'name', streamName: STREAM },
  partitionKey: 'user-1',
  payload: { mode: 'json', text: '{"id": 1, "user": "ann"}' },
};
const batch: SavedRequestBody = {
  kind: 'batch',
  target: { type: 'name', streamName: STREAM },
  source: { type: 'template', template: '{"n": {{seq}}, "id": "{{uuid}}"}', locale: 'en' },
  keys: { type: 'random' },
  payloadMode: 'text',
  seed: 7,
  plan: { count: 20, ratePerSec: null, concurrency: 4, maxAttemptsPerRecord: 3 },
};
const singleChecks: Assertion[] = [
  { type: 'delivered' },
  { type: 'jsonField', path: '$.user', op: 'equals', value: 'ann' },
];
const batchChecks: Assertion[] = [
  { type: 'delivered' },
  { type: 'readBackEqual', sample: 5 },
  { type: 'noDuplicates' },
];

test('saved by the app, run by the CLI, read back unchanged; an edit on disk is seen and run', async () => {
  const h = app.app.handlers;
  const profileId = value(await h.listProfiles({})).profiles[0].id;
  value(await h.saveRequest({ name: 'Smoke', folderId: null, profileId, request: single, assertions: singleChecks }));
  value(await h.saveRequest({ name: 'Load', folderId: null, profileId, request: batch, assertions: batchChecks }));
  const before = value(await h.listSaved({})).requests;
  const dir = value(await h.getWorkspace({})).path;

  const first = await cli(dir);
  expect(first.output).not.toContain('Error:');
  expect(first.code).toBe(0);
  const ran = await report(dir);
  expect(ran.requests.map((r) => [r.name, r.status, r.counts.acknowledged]).sort()).toEqual([
    ['Load', 'passed', 20],
    ['Smoke', 'passed', 1],
  ]);
  const stored = await streamRecords();
  expect(stored).toHaveLength(21);
  expect(stored).toContain('{"id": 1, "user": "ann"}');

  // What the CLI ran is what the app saved, read back the same.
  const after = value(await h.listSaved({})).requests;
  expect(after).toEqual(before);
  expect(after.map((r) => [r.name, r.request, r.assertions]).sort()).toEqual([
    ['Load', batch, batchChecks],
    ['Smoke', single, singleChecks],
  ]);

  // Someone edits the single's file (a git pull): the app hears of it, the CLI runs the new text.
  const smoke = after.find((r) => r.name === 'Smoke')!;
  const file = path.join(dir, smoke.id);
  const text = await readFile(file, 'utf8');
  expect(text).toContain('"user": "ann"');
  await writeFile(file, text.replace('"user": "ann"', '"user": "bob"').replace('value: ann', 'value: bob'));
  // A plain write is seen part-way (the file cut to nothing, then written): wait for the whole edit.
  const editedSmoke = async () => value(await h.listSaved({})).requests.find((r) => r.name === 'Smoke');
  await expect
    .poll(async () => (await editedSmoke())?.request, { timeout: 15_000 })
    .toEqual({ ...single, payload: { mode: 'json', text: '{"id": 1, "user": "bob"}' } });
  expect(events.filter((e) => e.name === 'saved').length).toBeGreaterThan(0);
  const edited = (await editedSmoke())!;
  expect(edited.assertions).toEqual([singleChecks[0], { ...singleChecks[1], value: 'bob' }]);

  const second = await cli(dir);
  expect(second.output).not.toContain('Error:');
  expect(second.code).toBe(0);
  expect(await streamRecords()).toContain('{"id": 1, "user": "bob"}');
  expect(await streamRecords()).toHaveLength(42);
});
