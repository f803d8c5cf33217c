// Reading a sent record back through the handler table, wired with the real services: records sent
// to the sandbox come back byte for byte, and endpoints that answer GetRecords without a Records
// key (YDS does, when a page is empty) are followed to the record.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ReadBackOutcome, SendOutcome } from '../../electron/contract';
import { MAX_PAGES } from '../../electron/streams/read-back';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp, type TestApp } from '../helpers/app';
import { closedPort } from '../helpers/ports';
import { customProfileInput } from '../helpers/profiles';
import { createSandboxStream, sandboxProfileOf, value } from '../helpers/results';
import { scriptedServer, type TestServer } from '../helpers/kinesis-fixtures';

let first: TestApp;
/** The app on first's data folder: first's, or the one started again on it. */
let app: WiredApp;
const servers: TestServer[] = [];

beforeEach(async () => {
  first = await wireTestApp();
  app = first.app;
});

afterEach(async () => {
  await app.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await first.close();
});

const sandboxProfile = () => sandboxProfileOf(app.handlers);

const customProfile = (name: string, endpoint: string) =>
  customProfileInput(name, endpoint, { accessKeyId: 'AKIDREADBACK', secretAccessKey: 'read-back-secret' });

async function sendOk(input: Record<string, unknown>): Promise<SendOutcome & { result: { ok: true } }> {
  const out = value(await app.handlers.sendRecord({ requestId: crypto.randomUUID(), ...input }));
  if (!out.result.ok) throw new Error(`send failed: ${JSON.stringify(out.result.error)}`);
  return out as SendOutcome & { result: { ok: true } };
}

const bytesOf = (outcome: ReadBackOutcome) => Buffer.from(outcome.record!.dataBase64, 'base64');

describe('read back from the sandbox', () => {
  const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const cases = [
    {
      name: 'text',
      payload: { mode: 'text', text: 'привет, stream ✓' },
      expected: Buffer.from('привет, stream ✓', 'utf8'),
    },
    {
      name: 'JSON',
      payload: { mode: 'json', text: '{\n  "order": 7,\n  "paid": true\n}' },
      expected: Buffer.from('{\n  "order": 7,\n  "paid": true\n}'),
    },
    { name: 'binary (bytes 0..255)', payload: { mode: 'hex', text: allBytes.toString('hex') }, expected: allBytes },
  ];

  test.each(cases)(
    '$name comes back byte for byte, with its key, sequence number and arrival time',
    async ({ payload, expected }) => {
      const sandbox = await sandboxProfile();
      const before = Date.now();
      const sent = await sendOk({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'example-stream' },
        partitionKey: 'user-7',
        payload,
      });
      const back = value(await app.handlers.readBack({ historyId: sent.historyId }));
      expect(back).toMatchObject({ found: true, matches: true, sentSize: expected.length });
      expect(bytesOf(back).equals(expected)).toBe(true);
      expect(back.record).toMatchObject({
        partitionKey: 'user-7',
        sequenceNumber: sent.result.response.sequenceNumber,
      });
      // The service stamps arrival in whole seconds at most.
      expect(Date.parse(back.record!.arrivedAt!)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    },
  );

  test('a record sent to a YDS-addressed stream is read back by its path', async () => {
    const sandbox = await sandboxProfile();
    const target = {
      type: 'yds',
      cloudId: 'b1gsandboxcloud000001',
      databaseId: 'etnsandboxdatabase00001',
      stream: 'orders',
    };
    await createSandboxStream(app.handlers, '/ru-central1/b1gsandboxcloud000001/etnsandboxdatabase00001/orders', 3);
    const sent = await sendOk({
      profileId: sandbox.id,
      target,
      partitionKey: 'order-7',
      payload: { mode: 'json', text: '{"paid":true}' },
    });
    const back = value(await app.handlers.readBack({ historyId: sent.historyId }));
    expect(back).toMatchObject({
      found: true,
      matches: true,
      record: { partitionKey: 'order-7', sequenceNumber: sent.result.response.sequenceNumber },
    });
    expect(bytesOf(back).toString()).toBe('{"paid":true}');
  });

  test('a payload history kept only the start of is read back whole, and cannot be compared', async () => {
    const sandbox = await sandboxProfile();
    const text = 'x'.repeat(100 * 1024);
    const sent = await sendOk({
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'example-stream' },
      partitionKey: 'big',
      payload: { mode: 'text', text },
    });
    expect(value(await app.handlers.getHistoryEntry({ id: sent.historyId })).payload.truncated).toBe(true);
    const back = value(await app.handlers.readBack({ historyId: sent.historyId }));
    expect(back).toMatchObject({ found: true, matches: null, sentSize: text.length });
    expect(bytesOf(back).toString()).toBe(text);
  });

  test('a failed send is refused: nothing was stored', async () => {
    const port = await closedPort();
    const profile = value(await app.handlers.saveProfile(customProfile('Nowhere', `http://127.0.0.1:${port}`)));
    const out = value(
      await app.handlers.sendRecord({
        requestId: 'r1',
        profileId: profile.id,
        target: { type: 'name', streamName: 's' },
        partitionKey: 'k',
        payload: { mode: 'text', text: 'x' },
      }),
    );
    expect(out.result.ok).toBe(false);
    const back = await app.handlers.readBack({ historyId: out.historyId });
    expect(back).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('read back from scripted endpoints', () => {
  const put = { status: 200, body: { ShardId: 'shard-000000', SequenceNumber: '5' } };
  const iterator = (name: string) => ({ status: 200, body: { ShardIterator: name } });
  // YDS leaves the Records key out of an empty answer.
  const emptyPage = (next: string) => ({ status: 200, body: { NextShardIterator: next, MillisBehindLatest: 0 } });

  async function sentTo(answers: { status: number; body: unknown }[]) {
    const server = await scriptedServer(answers);
    servers.push(server);
    const profile = value(await app.handlers.saveProfile(customProfile('Scripted', server.url)));
    const sent = await sendOk({
      profileId: profile.id,
      target: { type: 'name', streamName: 'events' },
      partitionKey: 'k-1',
      payload: { mode: 'text', text: 'hello' },
    });
    return { server, sent };
  }

  test('pages without a Records key are followed to the record', async () => {
    const { server, sent } = await sentTo([
      put,
      iterator('it-0'),
      emptyPage('it-1'),
      emptyPage('it-2'),
      {
        status: 200,
        body: {
          Records: [
            {
              Data: Buffer.from('hello').toString('base64'),
              PartitionKey: 'k-1',
              SequenceNumber: '5',
              ApproximateArrivalTimestamp: 1_764_000_000,
            },
          ],
          NextShardIterator: 'it-3',
        },
      },
    ]);
    const back = value(await app.handlers.readBack({ historyId: sent.historyId }));
    expect(back).toEqual({
      found: true,
      matches: true,
      sentSize: 5,
      record: {
        dataBase64: Buffer.from('hello').toString('base64'),
        partitionKey: 'k-1',
        sequenceNumber: '5',
        arrivedAt: new Date(1_764_000_000_000).toISOString(),
      },
    });
    expect(server.requests()).toBe(5);
  });

  test('a record that never shows up is "not found" after a bounded number of pages', async () => {
    const { server, sent } = await sentTo([put, iterator('it-0'), emptyPage('it-next')]);
    const back = value(await app.handlers.readBack({ historyId: sent.historyId }));
    expect(back).toEqual({ found: false, matches: null, sentSize: 5 });
    expect(server.requests()).toBe(2 + MAX_PAGES);
  });

  test('a different record at the position (the sent one was trimmed) is "not found"', async () => {
    const other = { Data: Buffer.from('later').toString('base64'), PartitionKey: 'k-2', SequenceNumber: '9' };
    const { sent } = await sentTo([
      put,
      iterator('it-0'),
      { status: 200, body: { Records: [other], NextShardIterator: 'it-1' } },
    ]);
    expect(value(await app.handlers.readBack({ historyId: sent.historyId }))).toMatchObject({ found: false });
  });

  test('a service error becomes a refusal with a hint', async () => {
    const { sent } = await sentTo([
      put,
      {
        status: 400,
        body: { __type: 'ResourceNotFoundException', message: 'Stream events under account 000000000000 not found.' },
      },
    ]);
    const back = await app.handlers.readBack({ historyId: sent.historyId });
    expect(back.ok).toBe(false);
    if (!back.ok) {
      expect(back.error.code).toBe('REJECTED');
      expect(back.error.message).toMatch(/^ResourceNotFoundException: Stream events/);
      expect(back.error.hint).toMatch(/stream was not found/i);
    }
  });

  test('a key that may send but not read is told which permissions reading needs', async () => {
    const { sent } = await sentTo([
      put,
      {
        status: 400,
        body: {
          __type: 'AccessDeniedException',
          message: 'User is not authorized to perform kinesis:GetShardIterator',
        },
      },
    ]);
    const back = await app.handlers.readBack({ historyId: sent.historyId });
    expect(back).toMatchObject({
      ok: false,
      error: { code: 'REJECTED', message: expect.stringMatching(/^AccessDeniedException: /) },
    });
    if (!back.ok) expect(back.error.hint).toMatch(/kinesis:GetRecords/);
  });
});

test('"Verify every send" is off at first and is remembered across restarts', async () => {
  expect(value(await app.handlers.getAppInfo({})).verifySends).toBe(false);
  expect(value(await app.handlers.setVerifySends({ on: true })).verifySends).toBe(true);
  await app.close();
  ({ app } = await wireTestApp({ dataDir: first.dataDir }));
  expect(value(await app.handlers.getAppInfo({}))).toMatchObject({ verifySends: true, language: 'system' });
  expect(value(await app.handlers.setVerifySends({ on: false })).verifySends).toBe(false);
  expect(await app.handlers.setVerifySends({ on: 'yes' })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT' },
  });
});
