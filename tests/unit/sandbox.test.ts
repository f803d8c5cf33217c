// The local sandbox: kinesalite in memory behind the YDS-aware front, driven with the plain SDK
// and raw HTTP the way other clients would talk to it.
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DescribeStreamCommand,
  ListStreamsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import kinesalite from 'kinesalite';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox } from '../../electron/sandbox';
import { closeServer } from '../../electron/sandbox/front';
import { BACKEND_KEY_HEADER, guardBackend } from '../../electron/sandbox/guard';
import { CLIENT_IDLE_MS } from '../../electron/kinesis/keep-alive';
import { ServiceError, type Sandbox } from '../../electron/services';
import { readBack, readWholeStream, sandboxClient, sdkClient } from '../helpers/kinesis-fixtures';

const YDS_PATH = '/ru-central1/b1gsandboxcloud000001/etnsandboxdatabase00001/events';
const MiB = 1024 * 1024;

let sandbox: Sandbox;
let client: KinesisClient;

beforeAll(async () => {
  sandbox = createSandbox();
  client = await sandboxClient(sandbox);
  await sandbox.createStream(YDS_PATH, 2);
});

afterAll(async () => {
  client.destroy();
  await sandbox.stop();
});

/** Sends an error name or 'ok', so limits can be compared between stream kinds. */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (e) {
    return (e as Error).name;
  }
}

async function failureOf(run: () => Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await run();
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected a failure');
}

/** A plain HTTP POST with exactly these headers (fetch would add Sec-Fetch-Mode), and what came back. */
function rawPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  method = 'POST',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const PUT_RECORD_HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'Kinesis_20131202.PutRecord',
};
const putRecordBody = (data: string) =>
  JSON.stringify({ StreamName: 'example-stream', PartitionKey: 'k', Data: Buffer.from(data).toString('base64') });

/** How many records example-stream holds, read with the sandbox's own key. */
async function recordCount(of: Sandbox): Promise<number> {
  const endpoint = await of.endpoint();
  return (await readWholeStream(endpoint, 'example-stream', of.keysFor(endpoint))).length;
}

describe('serves the app only', () => {
  test('each start makes its own key pair, given only for its own URL; other keys are refused', async () => {
    const other = createSandbox();
    try {
      expect(other.keysFor(undefined)).toBeUndefined();
      const endpoint = await sandbox.endpoint();
      const otherEndpoint = await other.endpoint();
      const keys = sandbox.keysFor(endpoint)!;
      expect(keys.secretAccessKey.length).toBeGreaterThanOrEqual(32);
      expect(other.keysFor(otherEndpoint)).not.toEqual(keys);
      expect(sandbox.keysFor(endpoint.replace('127.0.0.1', 'localhost'))).toEqual(keys);
      expect(sandbox.keysFor(otherEndpoint)).toBeUndefined();
      expect(sandbox.keysFor('https://yds.serverless.yandexcloud.net')).toBeUndefined();

      const before = await recordCount(sandbox);
      for (const wrong of [
        { accessKeyId: 'local', secretAccessKey: 'local' },
        other.keysFor(otherEndpoint)!,
        { ...keys, secretAccessKey: 'guessed' },
      ]) {
        const c = sdkClient(endpoint, wrong);
        try {
          const failure = await failureOf(() =>
            c.send(new PutRecordCommand({ StreamName: 'example-stream', PartitionKey: 'k', Data: Buffer.from('x') })),
          );
          expect(['UnrecognizedClientException', 'InvalidSignatureException']).toContain(failure.name);
        } finally {
          c.destroy();
        }
      }
      expect(await recordCount(sandbox)).toBe(before);
    } finally {
      await other.stop();
    }
  });

  test('a request from a page (Origin, Sec-Fetch-*), a preflight, or for another Host is refused with no CORS grant', async () => {
    const endpoint = await sandbox.endpoint();
    const before = await recordCount(sandbox);
    const port = new URL(endpoint).port;
    const answers = [
      await rawPost(endpoint, { ...PUT_RECORD_HEADERS, origin: 'https://evil.example' }, putRecordBody('from a page')),
      await rawPost(endpoint, { ...PUT_RECORD_HEADERS, origin: 'null' }, putRecordBody('from a sandboxed frame')),
      await rawPost(
        endpoint,
        { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
        putRecordBody('simple request'),
      ),
      await rawPost(
        endpoint,
        {
          origin: 'https://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-amz-target',
        },
        '',
        'OPTIONS',
      ),
      await rawPost(endpoint, {}, '', 'OPTIONS'),
      // DNS rebinding: the page's own name resolving to 127.0.0.1.
      await rawPost(
        endpoint,
        { ...PUT_RECORD_HEADERS, host: `rebound.evil.example:${port}` },
        putRecordBody('rebound'),
      ),
    ];
    for (const a of answers) {
      expect(a.status).toBe(403);
      expect(JSON.parse(a.body)).toMatchObject({ __type: 'AccessDeniedException' });
      expect(Object.keys(a.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    expect(await recordCount(sandbox)).toBe(before);
  });

  test('kinesalite behind the front answers only requests carrying the backend key', async () => {
    const backend = kinesalite({ createStreamMs: 0 });
    guardBackend(backend, 'the-backend-key');
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    try {
      const listStreams = {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Kinesis_20131202.ListStreams',
        authorization:
          'AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=00',
        'x-amz-date': '20260101T000000Z',
      };
      const preflight = { origin: 'https://evil.example', 'access-control-request-method': 'POST' };
      for (const [method, headers] of [
        ['POST', listStreams],
        ['POST', { ...listStreams, [BACKEND_KEY_HEADER]: 'a-guess' }],
        ['OPTIONS', preflight],
      ] as const) {
        const refused = await rawPost(url, headers, '{}', method);
        expect(refused.status).toBe(403);
        expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      }
      const letIn = await rawPost(url, { ...listStreams, [BACKEND_KEY_HEADER]: 'the-backend-key' }, '{}');
      expect([letIn.status, JSON.parse(letIn.body)]).toEqual([200, { StreamNames: [], HasMoreStreams: false }]);
    } finally {
      await closeServer(backend);
    }
  });
});

describe('lifecycle', () => {
  test('starts once for concurrent callers, on 127.0.0.1, with example-stream of 2 active shards', async () => {
    const fresh = createSandbox();
    try {
      const [a, b, status] = await Promise.all([fresh.endpoint(), fresh.endpoint(), fresh.status()]);
      expect(a).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(b).toBe(a);
      expect(status).toEqual({
        running: true,
        endpoint: a,
        streams: [{ name: 'example-stream', shardCount: 2, status: 'ACTIVE' }],
      });
    } finally {
      await fresh.stop();
    }
  });

  test('runs in memory without the native leveldown', () => {
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.some((p) => p.includes('/kinesalite/'))).toBe(true);
    expect(loaded.some((p) => /[/\\]leveldown[/\\]/.test(p))).toBe(false);
  });

  test('stop() does not wait for idle keep-alive clients, and the port is closed afterwards', async () => {
    const fresh = createSandbox();
    const endpoint = await fresh.endpoint();
    const keepAlive = sdkClient(endpoint, fresh.keysFor(endpoint));
    try {
      await keepAlive.send(
        new PutRecordCommand({ StreamName: 'example-stream', PartitionKey: 'k', Data: new Uint8Array([1]) }),
      );
      const started = Date.now();
      await fresh.stop();
      // Well under the 5 s keep-alive timeout that waiting for the idle client would take.
      expect(Date.now() - started).toBeLessThan(4000);
      const after = await failureOf(() =>
        keepAlive.send(
          new PutRecordCommand({ StreamName: 'example-stream', PartitionKey: 'k', Data: new Uint8Array([1]) }),
        ),
      );
      expect(after.message).toMatch(/ECONNREFUSED|socket hang up|ECONNRESET/);
    } finally {
      keepAlive.destroy();
    }
  });

  test('keeps an idle connection far longer than its own clients do, so no reused connection is reset', async () => {
    // Node's default of 5 s let a read-back reuse a connection the server was closing (ECONNRESET).
    const refused = await rawPost(await sandbox.endpoint(), PUT_RECORD_HEADERS, putRecordBody('unsigned'));
    expect(refused.status).toBe(400);
    const announced = Number(/timeout=(\d+)/.exec(String(refused.headers['keep-alive']))?.[1]) * 1000;
    expect(announced).toBeGreaterThanOrEqual(60_000);
    expect(CLIENT_IDLE_MS).toBeLessThan(announced - 10_000);
  });

  test('runningEndpoint names the URL only while it runs, and starts nothing', async () => {
    const fresh = createSandbox();
    try {
      expect(fresh.runningEndpoint()).toBeUndefined();
      const endpoint = await fresh.endpoint();
      expect(fresh.runningEndpoint()).toBe(endpoint);
      const stopping = fresh.stop();
      // A send then asks endpoint(), which refuses: no send goes to a sandbox being stopped.
      expect(fresh.runningEndpoint()).toBeUndefined();
      await stopping;
      expect(fresh.runningEndpoint()).toBeUndefined();
    } finally {
      await fresh.stop();
    }
  });

  test('once stopped it stays stopped: endpoint, status and createStream refuse with a ServiceError', async () => {
    const fresh = createSandbox();
    const endpoint = await fresh.endpoint();
    await fresh.stop();
    for (const call of [() => fresh.endpoint(), () => fresh.status(), () => fresh.createStream('late', 1)]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceError);
      expect(err).toMatchObject({ code: 'REJECTED', message: expect.stringMatching(/stopped/) });
    }
    // Nothing listens at the old address either.
    const late = sdkClient(endpoint);
    try {
      expect((await failureOf(() => late.send(new ListStreamsCommand({})))).message).toMatch(/ECONNREFUSED/);
    } finally {
      late.destroy();
    }
  });
});

describe('streams', () => {
  test('createStream takes plain names and YDS paths, and status shows names as the user typed them', async () => {
    const status = await sandbox.createStream('clicks.v2', 3);
    expect(status.streams).toEqual(
      expect.arrayContaining([
        { name: 'clicks.v2', shardCount: 3, status: 'ACTIVE' },
        { name: YDS_PATH, shardCount: 2, status: 'ACTIVE' },
        { name: 'example-stream', shardCount: 2, status: 'ACTIVE' },
      ]),
    );
    expect(JSON.stringify(status)).not.toContain('yds_');
  });

  test('a pasted path without the leading slash is stored under the canonical path', async () => {
    const status = await sandbox.createStream('ru-central1/b1gsandboxcloud000001/etnsandboxdatabase00001/pasted', 1);
    expect(status.streams.map((s) => s.name)).toContain(
      '/ru-central1/b1gsandboxcloud000001/etnsandboxdatabase00001/pasted',
    );
  });

  test('bad names and existing streams are INVALID_INPUT', async () => {
    for (const bad of [
      'has space',
      'x'.repeat(129),
      'yds_0123456789abcdef0123456789abcdef01234567',
      '/ru-central1/only-two',
    ]) {
      const err = await sandbox.createStream(bad, 1).catch((e: unknown) => e);
      expect(err, bad).toBeInstanceOf(ServiceError);
      expect((err as ServiceError).code).toBe('INVALID_INPUT');
    }
    for (const existing of ['example-stream', YDS_PATH]) {
      const err = await sandbox.createStream(existing, 1).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceError);
      expect((err as ServiceError).message).toContain(`${existing} already exists`);
    }
  });
});

describe('YDS-style paths through the front', () => {
  test('PutRecord, read back, DescribeStream and ListStreams all speak the path', async () => {
    const put = await client.send(
      new PutRecordCommand({ StreamName: YDS_PATH, PartitionKey: 'order-7', Data: Buffer.from('paid') }),
    );
    expect(await readBack(client, YDS_PATH, put.ShardId!, put.SequenceNumber!)).toEqual({
      data: 'paid',
      partitionKey: 'order-7',
      sequenceNumber: put.SequenceNumber,
    });
    const described = await client.send(new DescribeStreamCommand({ StreamName: YDS_PATH }));
    expect(described.StreamDescription?.StreamName).toBe(YDS_PATH);
    expect(described.StreamDescription?.StreamARN).toContain(YDS_PATH);
    const listed = await client.send(new ListStreamsCommand({}));
    expect(listed.StreamNames).toContain(YDS_PATH);
    expect(listed.StreamNames?.some((n) => n.startsWith('yds_'))).toBe(false);
  });

  test('CreateStream over the wire registers a new path', async () => {
    const path = '/ru-central1/b1gsandboxcloud000001/etnsandboxdatabase00001/over-the-wire';
    await client.send(new CreateStreamCommand({ StreamName: path, ShardCount: 1 }));
    await expect.poll(async () => (await sandbox.status()).streams.find((s) => s.name === path)?.status).toBe('ACTIVE');
    expect(
      await outcome(() =>
        client.send(new PutRecordCommand({ StreamName: path, PartitionKey: 'k', Data: Buffer.from('x') })),
      ),
    ).toBe('ok');
  });

  test('an unknown path answers 400 ResourceNotFoundException in YDS words', async () => {
    const missing = '/ru-central1/b1gsandboxcloud000001/etnsandboxdatabase00001/absent';
    const put = await failureOf(() =>
      client.send(new PutRecordCommand({ StreamName: missing, PartitionKey: 'k', Data: Buffer.from('x') })),
    );
    expect(put).toEqual({
      name: 'ResourceNotFoundException',
      status: 400,
      message:
        "<main>: Error: path 'ru-central1/b1gsandboxcloud000001/etnsandboxdatabase00001/absent' does not exist or you do not have access rights, code: 500018",
    });
    const batch = await failureOf(() =>
      client.send(
        new PutRecordsCommand({ StreamName: missing, Records: [{ PartitionKey: 'k', Data: Buffer.from('x') }] }),
      ),
    );
    expect(batch.name).toBe('ResourceNotFoundException');
  });

  test('a partition key of 257 UTF-8 bytes (129 characters) breaks the YDS limit, not the AWS one', async () => {
    const key = 'я'.repeat(128) + 'a';
    const put = (StreamName: string) => () =>
      client.send(new PutRecordCommand({ StreamName, PartitionKey: key, Data: Buffer.from('x') }));
    expect(await outcome(put('example-stream'))).toBe('ok');
    const yds = await failureOf(put(YDS_PATH));
    expect(yds).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(yds.message).toContain('257 bytes');
    const atLimit = 'я'.repeat(128);
    expect(
      await outcome(() =>
        client.send(new PutRecordCommand({ StreamName: YDS_PATH, PartitionKey: atLimit, Data: Buffer.from('x') })),
      ),
    ).toBe('ok');
  });

  test('a record of 1 MiB + 1 byte (data + key) breaks the YDS limit; 1 MiB exactly passes', async () => {
    const data = Buffer.alloc(MiB, 0x61);
    const put = (StreamName: string, PartitionKey: string) => () =>
      client.send(new PutRecordCommand({ StreamName, PartitionKey, Data: data }));
    expect(await outcome(put('example-stream', 'k'))).toBe('ok');
    const yds = await failureOf(put(YDS_PATH, 'k'));
    expect(yds).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(yds.message).toContain(`${MiB + 1} bytes`);
    const exact = () =>
      client.send(new PutRecordCommand({ StreamName: YDS_PATH, PartitionKey: 'k', Data: data.subarray(1) }));
    expect(await outcome(exact)).toBe('ok');
  });

  test('PutRecords over 500 records or 5 MiB is refused whole for YDS paths', async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ PartitionKey: `k${i}`, Data: Buffer.from('x') }));
    expect(
      await failureOf(() => client.send(new PutRecordsCommand({ StreamName: YDS_PATH, Records: many }))),
    ).toMatchObject({ name: 'ValidationException' });
    const big = Array.from({ length: 6 }, (_, i) => ({ PartitionKey: `k${i}`, Data: Buffer.alloc(900 * 1024) }));
    const tooBig = await failureOf(() => client.send(new PutRecordsCommand({ StreamName: YDS_PATH, Records: big })));
    expect(tooBig).toMatchObject({ name: 'ValidationException' });
    expect(tooBig.message).toContain(`limit is ${5 * MiB} bytes`);
    const fine = await client.send(new PutRecordsCommand({ StreamName: YDS_PATH, Records: many.slice(0, 500) }));
    expect(fine.FailedRecordCount).toBe(0);
  });

  test('StreamARN next to a YDS path is an unexpected key, as on YDS', async () => {
    const withArn = await failureOf(() =>
      client.send(
        new PutRecordCommand({
          StreamName: YDS_PATH,
          StreamARN: 'arn:aws:kinesis:ru-central1:000000000000:stream/events',
          PartitionKey: 'k',
          Data: Buffer.from('x'),
        }),
      ),
    );
    expect(withArn).toEqual({
      name: 'InvalidArgumentException',
      status: 400,
      message: 'Unexpected json key: StreamARN',
    });
  });

  test('actions YDS does not implement answer InvalidAction for YDS paths', async () => {
    expect(
      await failureOf(() => client.send(new AddTagsToStreamCommand({ StreamName: YDS_PATH, Tags: { a: 'b' } }))),
    ).toMatchObject({ name: 'InvalidAction', status: 400 });
  });
});

describe('a fixed key pair', () => {
  const KEYS = { accessKeyId: 'AKIDSANDBOXCHECK', secretAccessKey: 'sandbox-check-secret-000111' };
  let checking: Sandbox;
  let endpoint: string;

  beforeAll(async () => {
    checking = createSandbox({ keys: KEYS });
    endpoint = await checking.endpoint();
  });
  afterAll(() => checking.stop());

  const putWith = (credentials: { accessKeyId: string; secretAccessKey: string }) => async () => {
    const c = sdkClient(endpoint, credentials);
    try {
      return await c.send(
        new PutRecordCommand({ StreamName: 'example-stream', PartitionKey: 'k', Data: Buffer.from('x') }),
      );
    } finally {
      c.destroy();
    }
  };

  test('the right key pair is accepted', async () => {
    expect(await outcome(putWith(KEYS))).toBe('ok');
  });

  test('a wrong secret is InvalidSignatureException', async () => {
    expect(await failureOf(putWith({ ...KEYS, secretAccessKey: 'not-the-secret' }))).toMatchObject({
      name: 'InvalidSignatureException',
      status: 400,
    });
  });

  test('an unknown access key id is UnrecognizedClientException', async () => {
    expect(await failureOf(putWith({ ...KEYS, accessKeyId: 'AKIDSOMEONEELSE' }))).toMatchObject({
      name: 'UnrecognizedClientException',
      status: 400,
    });
  });

  test('a request without a signature is refused', async () => {
    const res = await rawPost(
      endpoint,
      { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' },
      '{}',
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });
});
