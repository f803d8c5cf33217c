// No credential value leaves main: against an endpoint that echoes the request's credentials
// (tests/helpers/fake-kinesis.ts echoCredentials) in error messages, per-entry errors and request
// ids, each credential source (environment with a session token, a stored key pair, an AWS shared
// credentials file with aws_session_token) drives every way out — a send that succeeds and one that
// fails, read-back, tail, stream listing and creation, shard details, a load run, history export,
// export of the undelivered — and then every IPC answer, every event, every file in the data
// folder, every exported file and the console are scanned for the secret key and the session token,
// as they are and URL- or base64-encoded.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import type { CredentialSource, ProfileInput, TailEvent } from '../../electron/contract';
import type { HandlerTable } from '../../electron/handlers';
import { createRedactor } from '../../electron/secrets/redact';
import { wireTestApp } from '../helpers/app';
import { startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';
import { customProfileInput } from '../helpers/profiles';
import { value } from '../helpers/results';

// Made of the characters real keys and tokens use ('/', '+', '='), so URL-encoding changes them.
const KEY_ID = 'AKIAECHOTEST00001234';
const SECRETS: Record<Exclude<CredentialSource, 'none'>, { secretAccessKey: string; sessionToken?: string }> = {
  env: {
    secretAccessKey: 'envSecret/K7MDENG+bPxRfiCYEXAMPLEKEY01',
    sessionToken: 'FwoGZXIvYXdzEJr//////////wEaDENVtoken+env/IQoJb3JpZ2luX2VjEHcaCXVzLWVhc3QtMSJH==',
  },
  static: { secretAccessKey: 'staticSecret/Q9xLmN+pRsTuVwXyZ0123456789ab' },
  shared: {
    secretAccessKey: 'sharedSecret/a1B2c3D4+e5F6g7H8i9J0kLmNoPq',
    sessionToken: 'IQoJb3JpZ2luX2VjEshared+token/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abc=',
  },
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A custom-endpoint profile whose keys come from the environment or the AWS shared files. */
const profileFrom = (endpoint: string, source: 'env' | 'shared', sharedProfile: string): ProfileInput => ({
  ...customProfileInput(`From ${source}`, endpoint, { accessKeyId: '', secretAccessKey: '' }),
  credentials: { source, sharedProfile },
});

/** Every form of a value the scan looks for: plain, URL-encoded, base64 (aligned, and at another byte offset). */
function formsOf(secret: string): string[] {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return [secret, encodeURIComponent(secret), b64(secret).slice(0, -4), b64(`t:${secret}`).slice(4, -4)];
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function until<T>(what: string, find: () => T | undefined): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test.each(['env', 'static', 'shared'] as const)(
  'credentials from %s: the secret key and the session token reach no output',
  async (source) => {
    const secrets = SECRETS[source];
    const root = await mkdtemp(path.join(os.tmpdir(), 'sc-secrets-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const dataDir = path.join(root, 'data');
    const exportsDir = path.join(root, 'exports');
    const consoleSeen = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) => vi.spyOn(console, m));

    const fake: FakeKinesis = await startFakeKinesis({
      streams: { orders: 2 },
      echoCredentials: { values: [secrets.secretAccessKey] },
    });
    cleanups.push(() => fake.close());

    const env: Record<string, string> = {};
    if (source === 'env')
      Object.assign(env, {
        AWS_ACCESS_KEY_ID: KEY_ID,
        AWS_SECRET_ACCESS_KEY: secrets.secretAccessKey,
        AWS_SESSION_TOKEN: secrets.sessionToken,
      });
    if (source === 'shared') {
      const credentialsFile = path.join(root, 'aws-credentials');
      await writeFile(
        credentialsFile,
        `[echo]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${secrets.secretAccessKey}\naws_session_token = ${secrets.sessionToken}\n`,
      );
      Object.assign(env, {
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        AWS_CONFIG_FILE: path.join(root, 'aws-config'),
        HOME: root,
      });
    }

    const events: unknown[] = [];
    let saveCount = 0;
    const exported: string[] = [];
    const { app, close } = await wireTestApp({
      dataDir,
      env,
      chooseSavePath: async (name) => {
        const file = path.join(exportsDir, `${saveCount++}-${name}`);
        exported.push(file);
        return file;
      },
      emit: (_name, payload) => void events.push(structuredClone(payload)),
    });
    cleanups.push(close);
    await mkdir(exportsDir);

    // Every answer as the renderer receives it.
    const answers: unknown[] = [];
    const h = new Proxy(app.handlers, {
      get: (table, op: keyof HandlerTable) => async (input: unknown) => {
        const answer = structuredClone(await table[op](input));
        answers.push(answer);
        return answer;
      },
    });

    const profile = value(
      await h.saveProfile(
        source === 'static'
          ? customProfileInput('Echo', fake.url, { accessKeyId: KEY_ID, secretAccessKey: secrets.secretAccessKey })
          : profileFrom(fake.url, source, source === 'shared' ? 'echo' : ''),
      ),
    );
    const target = (streamName: string) => ({ type: 'name' as const, streamName });
    const send = (streamName: string) =>
      h.sendRecord({
        requestId: crypto.randomUUID(),
        profileId: profile.id,
        target: target(streamName),
        partitionKey: 'k',
        payload: { mode: 'text', text: 'hello' },
      });

    // A send the endpoint stores (its request id echoes the credentials), and one it refuses.
    const stored = value(await send('orders'));
    expect(stored.result.ok).toBe(true);
    const refused = value(await send('missing'));
    expect(refused.result.ok).toBe(false);
    if (!refused.result.ok) expect(refused.result.error.message).toContain('***');

    // Read-back, stream listing, creation and shard details: each call fails with the echo.
    expect((await h.readBack({ historyId: stored.historyId })).ok).toBe(false);
    expect((await h.listStreams({ profileId: profile.id })).ok).toBe(false);
    expect((await h.createStream({ profileId: profile.id, target: target('new-stream'), shardCount: 1 })).ok).toBe(
      false,
    );
    expect((await h.describeStreamDetails({ profileId: profile.id, target: target('missing') })).ok).toBe(false);

    // A tail whose reads fail: the failure arrives as an event.
    const tail = value(await h.startTail({ profileId: profile.id, target: target('orders'), from: 'LATEST' }));
    await until('the tail to report its failure', () =>
      (events as TailEvent[]).find((e) => e.tailId === tail.tailId && e.error),
    );
    value(await h.stopTail({ tailId: tail.tailId }));

    // A load run whose every entry is refused with the echo; its journal, report and history entry.
    const run = value(
      await h.startRun({
        profileId: profile.id,
        target: target('orders'),
        source: { type: 'rows', rows: [1, 2, 3].map((n) => ({ partitionKey: `k${n}`, payload: `{"a":${n}}` })) },
        keys: { type: 'row' },
        payloadMode: 'json',
        plan: { ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 1 },
      }),
    );
    const report = await until(
      'the run to end',
      () =>
        (events as { runId?: string; report?: { failed: number } }[]).find((e) => e.runId === run.runId && e.report)
          ?.report,
    );
    expect(report.failed).toBe(3);

    expect(value(await h.exportHistory({ format: 'ndjson' })).count).toBeGreaterThan(0);
    expect(value(await h.exportUndelivered({ runId: run.runId })).count).toBe(3);
    value(await h.listHistory({}));
    for (const entry of value(await h.listHistory({})).entries) value(await h.getHistoryEntry({ id: entry.id }));

    // The endpoint did see the token (so the echo carried it), and the app said so without it.
    if (secrets.sessionToken) expect(fake.sessionTokens).toContain(secrets.sessionToken);
    await app.close();

    const outputs: [string, string][] = [
      ['IPC answers', JSON.stringify(answers)],
      ['events', JSON.stringify(events)],
      ['console', JSON.stringify(consoleSeen.flatMap((s) => s.mock.calls))],
    ];
    for (const file of [...(await filesUnder(dataDir)), ...exported])
      outputs.push([path.relative(root, file), await readFile(file, 'utf8')]);
    // The scan reads something: the failures are there, with the echo cut.
    expect(outputs.find(([where]) => where === 'IPC answers')![1]).toContain('KMSAccessDeniedException');
    expect(outputs.some(([where]) => where.endsWith('.jsonl') && where.includes('runs'))).toBe(true);

    const leaks: string[] = [];
    for (const [what, secret] of Object.entries(secrets)) {
      for (const form of formsOf(secret))
        for (const [where, text] of outputs) if (text.includes(form)) leaks.push(`${what} (${form}) in ${where}`);
    }
    expect(leaks).toEqual([]);
  },
  60_000,
);

test('a token a shared profile refreshes later (credential_process, about to expire) is cut as well as the first', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sc-secrets-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const fake = await startFakeKinesis({ streams: { orders: 1 }, echoCredentials: {} });
  cleanups.push(() => fake.close());
  // A real child process per resolution, each time a new token that expires within the SDK's
  // refresh window: every call signs with a token the app has not seen before.
  const counter = path.join(root, 'count');
  const script = path.join(root, 'creds.cjs');
  await writeFile(counter, '0');
  await writeFile(
    script,
    `const fs = require('fs'); const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1; fs.writeFileSync(${JSON.stringify(counter)}, String(n));
process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: '${KEY_ID}', SecretAccessKey: 'procSecret/' + n + '+abcdefghijklmnop', SessionToken: 'procToken/' + n + '+QRSTUVWXYZ0123456789abcdef==', Expiration: new Date(Date.now() + 60000).toISOString() }));`,
  );
  const credentialsFile = path.join(root, 'aws-credentials');
  await writeFile(
    credentialsFile,
    `[proc]\ncredential_process = ${JSON.stringify(process.execPath)} ${JSON.stringify(script)}\n`,
  );
  const { app, close } = await wireTestApp({
    dataDir: path.join(root, 'data'),
    env: { AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: path.join(root, 'aws-config'), HOME: root },
  });
  cleanups.push(close);
  const profile = value(await app.handlers.saveProfile(profileFrom(fake.url, 'shared', 'proc')));
  const answers: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    answers.push(
      await app.handlers.sendRecord({
        requestId: crypto.randomUUID(),
        profileId: profile.id,
        target: { type: 'name', streamName: 'missing' },
        partitionKey: 'k',
        payload: { mode: 'text', text: 'x' },
      }),
    );
  }
  await app.close();
  const tokens = [...new Set(fake.sessionTokens)];
  expect(tokens.length).toBeGreaterThan(1);
  const outputs = JSON.stringify(answers) + (await readFile(path.join(root, 'data', 'history.jsonl'), 'utf8'));
  expect(outputs).toContain('ResourceNotFoundException');
  expect(tokens.flatMap(formsOf).filter((form) => outputs.includes(form))).toEqual([]);
}, 60_000);

test('the redactor cuts every string field of a credential object but the public ones, in every encoded form, and only once it knows them', () => {
  const redactor = createRedactor();
  const token = 'Tok/en+value=with-enough-length';
  const before = `echo ${token}`;
  // Nothing known yet: text passes as it is (and values are not copied).
  expect(redactor.text(before)).toBe(before);
  const value = { a: [before] };
  expect(redactor.deep(value)).toBe(value);

  redactor.learn({
    accessKeyId: 'AKIAPUBLIC00000001',
    secretAccessKey: 'secret-key-of-forty-characters-0123456',
    sessionToken: token,
    credentialScope: 'us-east-1',
    someFutureToken: 'future-token-value-xyz',
    expiration: new Date(),
    accountId: '123456789012',
    short: 'local',
  });
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const text = [
    token,
    encodeURIComponent(token),
    b64(token),
    b64(`x${token}`),
    b64(`xy${token}`),
    Buffer.from(token).toString('base64url'),
    JSON.stringify({ t: token }),
    'future-token-value-xyz',
    'secret-key-of-forty-characters-0123456',
  ].join(' | ');
  const cut = redactor.text(text);
  for (const form of formsOf(token)) expect(cut).not.toContain(form);
  expect(cut).not.toContain('future-token-value-xyz');
  expect(cut).not.toContain('secret-key-of-forty-characters');
  // Public fields and short values stay: region names, the key id (masked elsewhere), words like "local".
  expect(redactor.text('AKIAPUBLIC00000001 us-east-1 123456789012 local')).toBe(
    'AKIAPUBLIC00000001 us-east-1 123456789012 local',
  );
  expect(redactor.deep({ a: [before], n: 1, bytes: new Uint8Array([1]) })).toEqual({
    a: ['echo ***'],
    n: 1,
    bytes: new Uint8Array([1]),
  });
});
