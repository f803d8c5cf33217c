// The send path against the real sandbox (kinesalite behind its YDS-aware front) and against
// servers that refuse, hang or answer errors on purpose.
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createCancellation } from '../../electron/cancellation';
import { createRecordSender, HINTS, type KinesisRecordSender } from '../../electron/kinesis';
import { createSandbox } from '../../electron/sandbox';
import type { Sandbox, SendRequest, StoredProfile } from '../../electron/services';
import { botoPrintout } from '../../electron/shared/printout';
import { closedPort } from '../helpers/ports';
import {
  fixedAnswerServer,
  profileOf,
  readBack,
  sandboxClient,
  scriptedServer,
  silentServer,
  type TestServer,
} from '../helpers/kinesis-fixtures';
import { createRedactor } from '../../electron/secrets/redact';

const YDS_PATH = '/ru-central1/b1gtestcloud00000001/etntestdatabase000000001/orders';
const KEYS = { accessKeyId: 'AKIDTESTWRITER01', secretAccessKey: 'sEcReT-writer-key-0123456789' };
const encode = (s: string) => new TextEncoder().encode(s);

let sandbox: Sandbox;
let checking: Sandbox;
let checkingEndpoint: string;
const senders: KinesisRecordSender[] = [];
const servers: TestServer[] = [];
const dirs: string[] = [];

function senderWith(
  opts: { env?: Record<string, string | undefined>; secrets?: Record<string, string>; sandbox?: Sandbox } = {},
) {
  const sender = createRecordSender({
    sandbox: opts.sandbox ?? sandbox,
    env: opts.env ?? {},
    secretOf: async (id) => {
      const secret = opts.secrets?.[id];
      if (secret === undefined) throw new Error(`no secret for ${id}`);
      return secret;
    },
    redactor: createRedactor(),
  });
  senders.push(sender);
  return sender;
}

const request = (profile: StoredProfile, over: Partial<SendRequest> = {}): SendRequest => ({
  profile,
  streamName: 'example-stream',
  partitionKey: 'user-1',
  data: encode('{"n":1}'),
  cancellation: createCancellation().token,
  ...over,
});

beforeAll(async () => {
  sandbox = createSandbox();
  await sandbox.createStream(YDS_PATH, 1);
  checking = createSandbox({ keys: KEYS });
  checkingEndpoint = await checking.endpoint();
});

afterEach(async () => {
  for (const s of senders.splice(0)) s.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

afterAll(async () => {
  await Promise.all([sandbox.stop(), checking.stop()]);
});

describe('success', () => {
  test('PutRecord to the sandbox answers every field, and the record is in the stream', async () => {
    const sent = await senderWith().send(
      request(profileOf(), { data: encode('{"hello":"world"}'), partitionKey: 'pk-42' }),
    );
    expect(sent.result.ok).toBe(true);
    if (!sent.result.ok) return;
    const r = sent.result.response;
    expect(r.shardId).toMatch(/^shardId-\d{12}$/);
    expect(r.sequenceNumber).toMatch(/^\d{20,}$/);
    expect(r.encryptionType).toBeNull();
    expect(r.httpStatus).toBe(200);
    expect(r.requestId).toMatch(/\S{8,}/);
    expect(r.attempts).toBe(1);
    expect(r.totalRetryDelayMs).toBe(0);
    expect(sent.latencyMs).toBeGreaterThan(0);
    // No EncryptionType from kinesalite: the printout leaves the key out rather than printing null.
    expect(botoPrintout(r)).toStrictEqual({
      ShardId: r.shardId,
      SequenceNumber: r.sequenceNumber,
      ResponseMetadata: { RequestId: r.requestId, HTTPStatusCode: 200, RetryAttempts: 0 },
    });

    const reader = await sandboxClient(sandbox);
    try {
      expect(await readBack(reader, 'example-stream', r.shardId, r.sequenceNumber)).toEqual({
        data: '{"hello":"world"}',
        partitionKey: 'pk-42',
        sequenceNumber: r.sequenceNumber,
      });
    } finally {
      reader.destroy();
    }
  });

  test('an explicit hash key picks the shard', async () => {
    const sender = senderWith();
    const shardOf = async (explicitHashKey: string) => {
      const sent = await sender.send(request(profileOf(), { explicitHashKey }));
      return sent.result.ok ? sent.result.response.shardId : sent.result.error.name;
    };
    expect(await shardOf('0')).toBe('shardId-000000000000');
    expect(await shardOf(String((1n << 128n) - 1n))).toBe('shardId-000000000001');
  });

  test('a YDS profile sends to a YDS path with static keys and prints like boto3', async () => {
    const profile = profileOf({
      kind: 'yds',
      endpoint: checkingEndpoint,
      credentials: { source: 'static', accessKeyId: KEYS.accessKeyId, secretCipher: 'test:x' },
    });
    await checking.createStream(YDS_PATH, 1);
    const sent = await senderWith({ sandbox: checking, secrets: { p1: KEYS.secretAccessKey } }).send(
      request(profile, { streamName: YDS_PATH }),
    );
    expect(sent.result).toMatchObject({ ok: true, response: { shardId: 'shardId-000000000000', httpStatus: 200 } });
    if (!sent.result.ok) return;
    expect(Object.keys(botoPrintout(sent.result.response))).toEqual(['ShardId', 'SequenceNumber', 'ResponseMetadata']);
    expect(JSON.stringify(sent.result.response)).not.toContain('yds_');
  });

  test('a send that succeeds on a retry prints RetryAttempts = attempts - 1 and the EncryptionType it got', async () => {
    const server = await scriptedServer([
      { status: 500, body: { __type: 'InternalFailure', message: 'try again' } },
      {
        status: 200,
        body: {
          ShardId: 'shardId-000000000003',
          SequenceNumber: '49590338271490256608559692538361571095921575989136588898',
          EncryptionType: 'KMS',
        },
      },
    ]);
    servers.push(server);
    const sent = await senderWith().send(request(profileOf({ kind: 'custom', endpoint: server.url, maxAttempts: 3 })));
    expect(sent.result).toMatchObject({ ok: true, response: { attempts: 2, encryptionType: 'KMS' } });
    if (!sent.result.ok) return;
    expect(botoPrintout(sent.result.response)).toStrictEqual({
      ShardId: 'shardId-000000000003',
      SequenceNumber: '49590338271490256608559692538361571095921575989136588898',
      EncryptionType: 'KMS',
      ResponseMetadata: { RequestId: 'fixed-request-id', HTTPStatusCode: 200, RetryAttempts: 1 },
    });
  });
});

describe('failures carry a name and a hint', () => {
  test('unknown YDS stream path: ResourceNotFoundException with the path hint', async () => {
    const missing = '/ru-central1/b1gtestcloud00000001/etntestdatabase000000001/no-such-stream';
    const sent = await senderWith().send(
      request(profileOf({ kind: 'yds', endpoint: await sandbox.endpoint() }), { streamName: missing }),
    );
    expect(sent.result).toMatchObject({
      ok: false,
      error: { name: 'ResourceNotFoundException', httpStatus: 400, retryable: false, hint: HINTS.streamNotFoundYds },
    });
    if (!sent.result.ok)
      expect(sent.result.error.message).toContain(
        'ru-central1/b1gtestcloud00000001/etntestdatabase000000001/no-such-stream',
      );
  });

  test('unknown plain stream: ResourceNotFoundException with the stream-name hint', async () => {
    const sent = await senderWith().send(request(profileOf(), { streamName: 'no-such-stream' }));
    expect(sent.result).toMatchObject({
      ok: false,
      error: { name: 'ResourceNotFoundException', hint: HINTS.streamNotFound },
    });
  });

  test('a refused connection: ECONNREFUSED, the endpoint hint, and one try per attempt', async () => {
    const port = await closedPort();
    const profile = profileOf({ kind: 'custom', endpoint: `http://127.0.0.1:${port}`, maxAttempts: 2 });
    const sent = await senderWith().send(request(profile));
    expect(sent.result).toMatchObject({
      ok: false,
      error: { name: 'ECONNREFUSED', hint: HINTS.connectionRefused, httpStatus: null, attempts: 2 },
    });
  });

  test('an endpoint that never answers: TIMEOUT after the profile timeout', async () => {
    const server = await silentServer();
    servers.push(server);
    const profile = profileOf({ kind: 'custom', endpoint: server.url, timeoutMs: 400 });
    const sent = await senderWith().send(request(profile));
    expect(sent.result).toMatchObject({ ok: false, error: { name: 'TIMEOUT', hint: HINTS.timeout, retryable: true } });
    // TIMEOUT (not a hang to the test's own limit) after at least the profile's 400 ms.
    expect(sent.latencyMs).toBeGreaterThanOrEqual(350);
  });

  test('a cancel answers a send in flight at once', async () => {
    const server = await silentServer();
    servers.push(server);
    const controller = createCancellation();
    const profile = profileOf({ kind: 'custom', endpoint: server.url, timeoutMs: 20_000 });
    const pending = senderWith().send(request(profile, { cancellation: controller.token }));
    setTimeout(() => controller.cancel(), 100);
    const sent = await pending;
    // CANCELLED, not the TIMEOUT the 20 s limit would give: the cancel ended it.
    expect(sent.result).toMatchObject({ ok: false, error: { name: 'CANCELLED', hint: HINTS.cancelled } });
  });

  test('a send cancelled before it starts: CANCELLED without touching the network', async () => {
    const controller = createCancellation();
    controller.cancel();
    const port = await closedPort();
    const sent = await senderWith().send(
      request(profileOf({ kind: 'custom', endpoint: `http://127.0.0.1:${port}` }), { cancellation: controller.token }),
    );
    expect(sent.result).toMatchObject({ ok: false, error: { name: 'CANCELLED' } });
  });

  test('a cancel while the client is being built: CANCELLED, and nothing reaches the endpoint', async () => {
    const server = await fixedAnswerServer(200, { ShardId: 'shardId-000000000000', SequenceNumber: '1' });
    servers.push(server);
    let release = (_secret: string) => {};
    let asked = () => {};
    const secretAsked = new Promise<void>((resolve) => (asked = resolve));
    const sender = createRecordSender({
      sandbox,
      env: {},
      // Decrypting the secret is the slow step here; the user cancels meanwhile.
      secretOf: () => new Promise<string>((resolve) => ((release = resolve), asked())),
      redactor: createRedactor(),
    });
    senders.push(sender);
    const controller = createCancellation();
    const profile = profileOf({
      kind: 'custom',
      endpoint: server.url,
      credentials: { source: 'static', accessKeyId: 'AKIDWAITING', secretCipher: 'test:w' },
    });
    const pending = sender.send(request(profile, { cancellation: controller.token }));
    await secretAsked;
    controller.cancel();
    release('slow-secret');
    expect((await pending).result).toMatchObject({
      ok: false,
      error: { name: 'CANCELLED', hint: HINTS.cancelledBeforeSend, delivery: 'notSent' },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests()).toBe(0);
  });

  test('a timeout says the limit applies per attempt and how many attempts were made', async () => {
    const server = await silentServer();
    servers.push(server);
    const sent = await senderWith().send(
      request(profileOf({ kind: 'custom', endpoint: server.url, timeoutMs: 300, maxAttempts: 2 })),
    );
    expect(sent.result).toMatchObject({
      ok: false,
      error: { name: 'TIMEOUT', attempts: 2, message: 'No answer within 300 ms (per attempt, 2 attempts).' },
    });
  });

  test('wrong secret against an endpoint that checks keys: InvalidSignatureException, YDS role hint, no secret in the message', async () => {
    const wrong = 'wrong-secret-value-987654321';
    const profile = profileOf({
      kind: 'yds',
      endpoint: checkingEndpoint,
      credentials: { source: 'static', accessKeyId: KEYS.accessKeyId, secretCipher: 'test:y' },
    });
    const sent = await senderWith({ sandbox: checking, secrets: { p1: wrong } }).send(
      request(profile, { streamName: YDS_PATH }),
    );
    expect(sent.result).toMatchObject({
      ok: false,
      error: { name: 'InvalidSignatureException', httpStatus: 400, retryable: false, hint: HINTS.badKeyYds },
    });
    expect(HINTS.badKeyYds).toContain('yds.writer');
    expect(JSON.stringify(sent)).not.toContain(wrong);
  });

  test('unknown access key: UnrecognizedClientException with the IAM hint for other kinds', async () => {
    const profile = profileOf({
      kind: 'custom',
      endpoint: checkingEndpoint,
      credentials: { source: 'static', accessKeyId: 'AKIDNOBODY', secretCipher: 'test:z' },
    });
    const sent = await senderWith({ sandbox: checking, secrets: { p1: KEYS.secretAccessKey } }).send(request(profile));
    expect(sent.result).toMatchObject({
      ok: false,
      error: { name: 'UnrecognizedClientException', hint: HINTS.badKeyAws },
    });
  });

  test('a secret echoed by the service is masked in the message', async () => {
    const secret = 'echoed-secret-abcdef';
    const server = await fixedAnswerServer(400, {
      __type: 'AccessDeniedException',
      message: `key with secret ${secret} is denied`,
    });
    servers.push(server);
    const profile = profileOf({
      kind: 'custom',
      endpoint: server.url,
      credentials: { source: 'static', accessKeyId: 'AKID1', secretCipher: 'test:q' },
    });
    const sent = await senderWith({ secrets: { p1: secret } }).send(request(profile));
    expect(sent.result).toMatchObject({
      ok: false,
      error: { name: 'AccessDeniedException', requestId: 'fixed-request-id', message: 'key with secret *** is denied' },
    });
  });

  test('throttling is retryable; an unknown error gets the generic hint', async () => {
    const throttling = await fixedAnswerServer(400, {
      __type: 'ProvisionedThroughputExceededException',
      message: 'slow down',
    });
    const odd = await fixedAnswerServer(400, { __type: 'SomethingNewException', message: 'new' });
    servers.push(throttling, odd);
    const sender = senderWith();
    const a = await sender.send(request(profileOf({ id: 'a', kind: 'custom', endpoint: throttling.url })));
    const b = await sender.send(request(profileOf({ id: 'b', kind: 'custom', endpoint: odd.url })));
    expect(a.result).toMatchObject({
      ok: false,
      error: { name: 'ProvisionedThroughputExceededException', retryable: true, hint: HINTS.throttled },
    });
    expect(b.result).toMatchObject({
      ok: false,
      error: { name: 'SomethingNewException', retryable: false, hint: HINTS.unknown },
    });
  });

  test('a custom profile without an endpoint, or with a malformed one, fails before sending', async () => {
    const sender = senderWith();
    const missing = await sender.send(request(profileOf({ kind: 'custom' })));
    expect(missing.result).toMatchObject({
      ok: false,
      error: { name: 'ENDPOINT_MISSING', hint: HINTS.endpointMissing, attempts: 0 },
    });
    const malformed = await sender.send(request(profileOf({ kind: 'custom', endpoint: 'ftp://127.0.0.1:21' })));
    expect(malformed.result).toMatchObject({
      ok: false,
      error: { name: 'ENDPOINT_INVALID', hint: HINTS.endpointInvalid },
    });
  });
});

describe('credential sources', () => {
  const onChecking = (credentials: Partial<StoredProfile['credentials']>) =>
    profileOf({ kind: 'custom', endpoint: checkingEndpoint, credentials });

  test('environment variables come from the injected env object', async () => {
    const env = { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey };
    expect((await senderWith({ env }).send(request(onChecking({ source: 'env' })))).result.ok).toBe(true);
    const none = await senderWith({ env: {} }).send(request(onChecking({ source: 'env' })));
    expect(none.result).toMatchObject({ ok: false, error: { name: 'CREDENTIALS', hint: HINTS.credentials } });
  });

  async function awsFiles(profileName: string) {
    const home = await mkdtemp(path.join(os.tmpdir(), 'sc-aws-'));
    dirs.push(home);
    await mkdir(path.join(home, '.aws'));
    await writeFile(
      path.join(home, '.aws', 'credentials'),
      `[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = nope\n\n[${profileName}]\naws_access_key_id = ${KEYS.accessKeyId}\naws_secret_access_key = ${KEYS.secretAccessKey}\n`,
    );
    await writeFile(path.join(home, '.aws', 'config'), `[profile ${profileName}]\nregion = ru-central1\n`);
    return home;
  }

  test('a named profile from the shared files given by AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE', async () => {
    const home = await awsFiles('yds-writer');
    const env = {
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
      AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
    };
    const sent = await senderWith({ env }).send(request(onChecking({ source: 'shared', sharedProfile: 'yds-writer' })));
    expect(sent.result.ok).toBe(true);
    const wrongProfile = await senderWith({ env }).send(
      request(onChecking({ source: 'shared', sharedProfile: 'absent' })),
    );
    expect(wrongProfile.result).toMatchObject({ ok: false, error: { name: 'CREDENTIALS', hint: HINTS.credentials } });
  });

  test('the shared files default to ~/.aws under the injected HOME', async () => {
    const home = await awsFiles('yds-writer');
    const sent = await senderWith({ env: { HOME: home } }).send(
      request(onChecking({ source: 'shared', sharedProfile: 'yds-writer' })),
    );
    expect(sent.result.ok).toBe(true);
    // The default profile there has a key the endpoint does not know.
    const byDefault = await senderWith({ env: { HOME: home } }).send(
      request(onChecking({ source: 'shared', sharedProfile: '' })),
    );
    expect(byDefault.result).toMatchObject({ ok: false, error: { name: 'UnrecognizedClientException' } });
  });

  test('an access key id echoed by the service keeps only its last 4 characters, whatever the source', async () => {
    const echo = (keyId: string) =>
      `Credential=${keyId}/20250101/us-east-1/kinesis/aws4_request is not a valid key=value pair; key ${keyId} rejected`;
    const masked = (last4: string) =>
      `Credential=…${last4}/20250101/us-east-1/kinesis/aws4_request is not a valid key=value pair; key …${last4} rejected`;
    const messageVia = async (
      keyId: string,
      profile: StoredProfile,
      opts: Parameters<typeof senderWith>[0],
      message = echo(keyId),
    ) => {
      const server = await fixedAnswerServer(400, { __type: 'IncompleteSignatureException', message });
      servers.push(server);
      const sent = await senderWith(opts).send(request({ ...profile, kind: 'custom', endpoint: server.url }));
      expect(JSON.stringify(sent)).not.toContain(keyId);
      return sent.result.ok ? '' : sent.result.error.message;
    };

    const staticKey = 'AKIAIOSFODNN7STATIC1';
    expect(
      await messageVia(staticKey, onChecking({ source: 'static', accessKeyId: staticKey, secretCipher: 'test:s' }), {
        secrets: { p1: 'static-secret' },
      }),
    ).toBe(masked('TIC1'));
    const envKey = 'AKIAIOSFODNN7ENVKEY2';
    expect(
      await messageVia(envKey, onChecking({ source: 'env' }), {
        env: { AWS_ACCESS_KEY_ID: envKey, AWS_SECRET_ACCESS_KEY: 'env-secret' },
      }),
    ).toBe(masked('KEY2'));
    // From the shared files only the Credential= quote can be recognised.
    const home = await awsFiles('echo');
    const quote = `Credential=${KEYS.accessKeyId}/20250101/us-east-1/kinesis/aws4_request`;
    expect(
      await messageVia(
        KEYS.accessKeyId,
        onChecking({ source: 'shared', sharedProfile: 'echo' }),
        { env: { HOME: home } },
        quote,
      ),
    ).toBe(`Credential=…${KEYS.accessKeyId.slice(-4)}/20250101/us-east-1/kinesis/aws4_request`);
  });

  test('a static profile whose secret cannot be read fails with CREDENTIALS', async () => {
    const sent = await senderWith({ secrets: {} }).send(
      request(onChecking({ source: 'static', accessKeyId: KEYS.accessKeyId, secretCipher: '' })),
    );
    expect(sent.result).toMatchObject({ ok: false, error: { name: 'CREDENTIALS', attempts: 0 } });
  });
});

describe('clients', () => {
  test('one client per profile, reused across sends, rebuilt after forget or a settings change', async () => {
    const sender = senderWith();
    const profile = profileOf();
    const first = await sender.clientFor(profile);
    const sendSpy = vi.spyOn(first, 'send');
    const destroySpy = vi.spyOn(first, 'destroy');
    expect((await sender.send(request(profile))).result.ok).toBe(true);
    expect((await sender.send(request(profile))).result.ok).toBe(true);
    expect(sendSpy).toHaveBeenCalledTimes(2);
    expect(await sender.clientFor(profile)).toBe(first);

    sender.forget(profile.id);
    await vi.waitFor(() => expect(destroySpy).toHaveBeenCalled());
    const second = await sender.clientFor(profile);
    expect(second).not.toBe(first);
    expect(await sender.clientFor({ ...profile, timeoutMs: 9000 })).not.toBe(second);
    expect(await sender.clientFor(profileOf({ id: 'other' }))).not.toBe(second);
  });

  test('HTTP/1.1 for every endpoint but AWS itself', async () => {
    const sender = senderWith();
    const handlerOf = async (p: StoredProfile) => (await sender.clientFor(p)).config.requestHandler;
    expect(await handlerOf(profileOf({ id: 'a', kind: 'aws' }))).toBeInstanceOf(NodeHttp2Handler);
    expect(
      await handlerOf(profileOf({ id: 'v', kind: 'aws', endpoint: 'https://kinesis.eu-west-1.amazonaws.com' })),
    ).toBeInstanceOf(NodeHttp2Handler);
    expect(await handlerOf(profileOf({ id: 'y', kind: 'yds' }))).toBeInstanceOf(NodeHttpHandler);
    expect(await handlerOf(profileOf({ id: 'l', kind: 'aws', endpoint: 'http://127.0.0.1:4566' }))).toBeInstanceOf(
      NodeHttpHandler,
    );
    expect(await handlerOf(profileOf({ id: 's' }))).toBeInstanceOf(NodeHttpHandler);
  });

  test('closes an idle connection before the server hint runs out, so a later send never meets a reset', async () => {
    // The server keeps the connection itself but says it will drop it after 2 s: the client must
    // hang up first (its FIN reaches the server), not reuse the connection as the server closes it.
    const hungUp: number[] = [];
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'keep-alive': 'timeout=2' });
        res.end(JSON.stringify({ ShardId: 'shardId-000000000000', SequenceNumber: '1' }));
      });
    });
    server.keepAliveTimeout = 600_000;
    server.on('connection', (socket) => socket.on('end', () => hungUp.push(Date.now())));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ url: '', close: () => new Promise((resolve) => server.close(() => resolve())) });
    const { port } = server.address() as AddressInfo;
    const profile = profileOf({ kind: 'aws', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' });
    const sender = senderWith();
    expect((await sender.send(request(profile))).result).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(hungUp).toHaveLength(1), { timeout: 30_000, interval: 100 });
  });

  test('endpoint and region defaults per kind', async () => {
    const sender = senderWith();
    const yds = await sender.clientFor(profileOf({ id: 'y', kind: 'yds' }));
    expect(await yds.config.region()).toBe('ru-central1');
    const ydsEndpoint = await yds.config.endpoint?.();
    expect(ydsEndpoint?.hostname).toBe('yds.serverless.yandexcloud.net');
    const aws = await sender.clientFor(profileOf({ id: 'a', kind: 'aws' }));
    expect(await aws.config.region()).toBe('us-east-1');
    expect(aws.config.endpoint).toBeUndefined();
    const sb = await sender.clientFor(profileOf({ id: 's', kind: 'sandbox', region: 'eu-west-1' }));
    expect(await sb.config.region()).toBe('eu-west-1');
    expect(`http://${(await sb.config.endpoint?.())?.hostname}:${(await sb.config.endpoint?.())?.port}`).toBe(
      await sandbox.endpoint(),
    );
  });
});
