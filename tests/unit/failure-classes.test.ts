// Every way a connection can fail, each against a real local socket that fails that way, named for
// what happened (not "timeout" for a reset after a few ms), with its own hint, and saying whether
// the call can have stored anything: the send path, a load run, and a read (shard details)
// through the handlers.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createCancellation } from '../../electron/cancellation';
import { startLoadRun } from '../../electron/load/run';
import type { Delivery } from '../../electron/contract';
import { createRecordSender, HINTS, type HintCode, type KinesisRecordSender } from '../../electron/kinesis';
import { createSandbox } from '../../electron/sandbox';
import type { Sandbox, SendRequest, StoredProfile } from '../../electron/services';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp } from '../helpers/app';
import { closedPort } from '../helpers/ports';
import { customProfileInput } from '../helpers/profiles';
import { value } from '../helpers/results';
import {
  fixedAnswerServer,
  profileOf,
  resettingServer,
  sdkClient,
  selfSignedServer,
  silentServer,
  type TestServer,
} from '../helpers/kinesis-fixtures';
import { createRedactor } from '../../electron/secrets/redact';

interface Case {
  what: string;
  /** The endpoint, and a count of requests that got through (where the server can tell). */
  endpoint: () => Promise<{ url: string; requests?: () => number }>;
  timeoutMs: number;
  name: string;
  code: HintCode;
  delivery: Delivery;
  message?: RegExp;
}

let sandbox: Sandbox;
const servers: TestServer[] = [];
const senders: KinesisRecordSender[] = [];
const keep = <T extends TestServer>(s: T) => (servers.push(s), s);

const cases: Case[] = [
  {
    what: 'a connection reset a few ms after the request went out',
    endpoint: async () => keep(await resettingServer()),
    // Far above how long the reset takes: a reset must not be called a timeout.
    timeoutMs: 10_000,
    name: 'ECONNRESET',
    code: 'connectionReset',
    delivery: 'noAnswer',
    message: /^The endpoint closed the connection after \d+ ms, before an answer/,
  },
  {
    what: 'a closed port',
    endpoint: async () => ({ url: `http://127.0.0.1:${await closedPort()}` }),
    timeoutMs: 10_000,
    name: 'ECONNREFUSED',
    code: 'connectionRefused',
    delivery: 'notSent',
  },
  {
    what: 'a host name that does not resolve',
    endpoint: async () => ({ url: 'http://nonexistent.invalid:4567' }),
    timeoutMs: 10_000,
    name: 'ENOTFOUND',
    code: 'hostNotFound',
    delivery: 'notSent',
  },
  {
    what: 'a self-signed TLS certificate',
    endpoint: async () => keep(await selfSignedServer()),
    timeoutMs: 10_000,
    name: 'TLS_CERTIFICATE',
    code: 'tlsCertificate',
    delivery: 'notSent',
    message: /\(DEPTH_ZERO_SELF_SIGNED_CERT\)\.$/,
  },
  {
    what: 'https:// to a plain-http port',
    endpoint: async () => {
      const server = keep(await fixedAnswerServer(200, {}));
      return { url: server.url.replace('http:', 'https:'), requests: server.requests };
    },
    timeoutMs: 10_000,
    name: 'TLS_HANDSHAKE',
    code: 'tlsHandshake',
    delivery: 'notSent',
  },
  {
    what: 'a server that never answers',
    endpoint: async () => keep(await silentServer()),
    timeoutMs: 1000,
    name: 'TIMEOUT',
    code: 'timeout',
    delivery: 'noAnswer',
    message: /^No answer within 1000 ms/,
  },
];

beforeAll(() => {
  sandbox = createSandbox();
});

afterEach(async () => {
  for (const s of senders.splice(0)) s.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(() => sandbox.stop());

function sender(): KinesisRecordSender {
  const s = createRecordSender({ sandbox, env: {}, secretOf: async () => '', redactor: createRedactor() });
  senders.push(s);
  return s;
}

const request = (profile: StoredProfile, over: Partial<SendRequest> = {}): SendRequest => ({
  profile,
  streamName: 'example-stream',
  partitionKey: 'k',
  data: new TextEncoder().encode('{}'),
  cancellation: createCancellation().token,
  ...over,
});

describe('a single send', () => {
  for (const c of cases) {
    test(`${c.what}: ${c.name}, hint ${c.code}, ${c.delivery}`, async () => {
      const { url, requests } = await c.endpoint();
      const sent = await sender().send(request(profileOf({ kind: 'custom', endpoint: url, timeoutMs: c.timeoutMs })));
      expect(sent.result).toMatchObject({
        ok: false,
        error: { name: c.name, hintCode: c.code, hint: HINTS[c.code], delivery: c.delivery },
      });
      if (c.message && !sent.result.ok) expect(sent.result.error.message).toMatch(c.message);
      // What never reached the service really did not: no request got through.
      if (requests) expect(requests()).toBe(0);
    });
  }

  test('a reset retried by the SDK says how many attempts were made, and stays a reset', async () => {
    const server = keep(await resettingServer());
    const sent = await sender().send(
      request(profileOf({ kind: 'custom', endpoint: server.url, timeoutMs: 10_000, maxAttempts: 3 })),
    );
    expect(sent.result).toMatchObject({ ok: false, error: { name: 'ECONNRESET', attempts: 3, retryable: true } });
    if (!sent.result.ok) expect(sent.result.error.message).toMatch(/attempts made: 3\)\.$/);
  });

  test('a user cancel while the call is out: CANCELLED, no answer; before it went out: not sent', async () => {
    let arrived = () => {};
    const connected = new Promise<void>((resolve) => (arrived = resolve));
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => (sockets.push(s), arrived()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    servers.push({
      url: '',
      close: () => new Promise((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
    });
    const profile = profileOf({ kind: 'custom', endpoint: `http://127.0.0.1:${port}`, timeoutMs: 20_000 });

    const inFlight = createCancellation();
    const pending = sender().send(request(profile, { cancellation: inFlight.token }));
    await connected;
    inFlight.cancel();
    expect((await pending).result).toMatchObject({
      ok: false,
      error: { name: 'CANCELLED', hintCode: 'cancelled', delivery: 'noAnswer' },
    });

    const early = createCancellation();
    early.cancel();
    const notSent = await sender().send(request(profile, { cancellation: early.token }));
    expect(notSent.result).toMatchObject({
      ok: false,
      error: { name: 'CANCELLED', hintCode: 'cancelledBeforeSend', delivery: 'notSent' },
    });
  });
});

describe('a read: shard details through the handlers', () => {
  let closeApp: () => Promise<void>;
  let app: WiredApp;

  beforeAll(async () => {
    ({ app, close: closeApp } = await wireTestApp());
  });

  afterAll(async () => {
    await closeApp();
  });

  for (const c of cases) {
    test(`${c.what}: ${c.name} with the ${c.code} hint`, async () => {
      const { url } = await c.endpoint();
      const profile = value(
        await app.handlers.saveProfile(
          customProfileInput(
            `read ${c.name}`,
            url,
            { accessKeyId: 'AKIDREADER', secretAccessKey: 'reader-secret' },
            { timeoutMs: c.timeoutMs },
          ),
        ),
      );
      const r = await app.handlers.describeStreamDetails({
        profileId: profile.id,
        target: { type: 'name', streamName: 'orders' },
      });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatchObject({
        code: 'REJECTED',
        message: expect.stringMatching(new RegExp(`^${c.name}: `)),
        hint: HINTS[c.code],
        hintCode: c.code,
      });
      if (c.message && !r.ok) expect(r.error.message.slice(c.name.length + 2)).toMatch(c.message);
    });
  }
});

describe('a load run', () => {
  const record = () => ({ partitionKey: 'k', data: new TextEncoder().encode('{}') });

  test('retries calls cut off by a reset, and words the attempts right for any number', async () => {
    const server = keep(await resettingServer());
    const client = sdkClient(server.url);
    try {
      const report = await startLoadRun({
        client,
        streamName: 's',
        source: record,
        plan: { count: 3, concurrency: 1, maxAttemptsPerRecord: 1 },
      }).done;
      expect(report).toMatchObject({ state: 'done', failed: 3, stopError: null });
      expect(report.failures[0]).toMatchObject({ errorCode: 'ECONNRESET', attempts: 1 });
      expect(report.failures[0].errorMessage).toMatch(/given up after the allowed number of attempts: 1\)/);
      // A reset is a call without an answer: the record may be stored all the same.
      expect(report.failures[0].errorMessage).toContain('it may have been stored');
    } finally {
      client.destroy();
    }
  });

  test('stops at the first call an untrusted certificate refuses: every further call would meet it too', async () => {
    const server = keep(await selfSignedServer());
    const client = sdkClient(server.url);
    try {
      const report = await startLoadRun({
        client,
        streamName: 's',
        source: record,
        plan: { count: 5000, concurrency: 1 },
      }).done;
      expect(report.state).toBe('failed');
      expect(report.stopError).toMatchObject({
        name: 'TLS_CERTIFICATE',
        hintCode: 'tlsCertificate',
        delivery: 'notSent',
      });
      expect(report.calls).toBe(1);
      expect(server.requests()).toBe(0);
    } finally {
      client.destroy();
    }
  });
});
