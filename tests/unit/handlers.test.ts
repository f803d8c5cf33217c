// The handler table wired with the real services (temp data folder, test cipher, the real
// sandbox): what the renderer gets for each operation, including the refusals.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { SendOutcome } from '../../electron/contract';
import { botoPrintout } from '../../electron/shared/printout';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp } from '../helpers/app';
import { openHistory } from '../../electron/history';
import { hashKeyOf, shardFor } from '../../electron/shared/shards';
import { closedPort } from '../helpers/ports';
import { customProfileInput } from '../helpers/profiles';
import { sandboxProfileOf, value } from '../helpers/results';
import { scriptedServer, silentServer, type TestServer } from '../helpers/kinesis-fixtures';

let dataDir: string;
let closeApp: () => Promise<void>;
let app: WiredApp;
const servers: TestServer[] = [];

beforeEach(async () => {
  ({
    app,
    dataDir,
    close: closeApp,
  } = await wireTestApp({
    app: { version: 't', systemLocale: 'ru-RU' },
  }));
});

afterEach(async () => {
  await closeApp();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const sandboxProfile = () => sandboxProfileOf(app.handlers);

const send = (input: Record<string, unknown>) => app.handlers.sendRecord({ requestId: crypto.randomUUID(), ...input });

describe('handlers', () => {
  test('first start: the sandbox profile is selected and a send lands in history', async () => {
    const list = value(await app.handlers.listProfiles({}));
    const sandbox = await sandboxProfile();
    expect(list.lastUsedId).toBe(sandbox.id);
    const out: SendOutcome = value(
      await send({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'example-stream' },
        partitionKey: 'user-1',
        payload: { mode: 'json', text: '{"a":1}' },
      }),
    );
    expect(out.result.ok).toBe(true);
    if (out.result.ok) {
      expect(out.result.response.shardId).toMatch(/^shardId-/);
      expect(out.result.response.httpStatus).toBe(200);
      expect(botoPrintout(out.result.response)).toMatchObject({
        ShardId: out.result.response.shardId,
        ResponseMetadata: { HTTPStatusCode: 200, RetryAttempts: 0 },
      });
    }
    const history = value(await app.handlers.listHistory({}));
    expect(history.total).toBe(1);
    expect(history.entries[0]).toMatchObject({
      id: out.historyId,
      ok: true,
      streamName: 'example-stream',
      partitionKey: 'user-1',
    });
    const entry = value(await app.handlers.getHistoryEntry({ id: out.historyId }));
    expect(entry.payload).toMatchObject({ mode: 'json', text: '{"a":1}', size: 7 });
    // History keeps the answer's fields once; the printout is derived from them when shown.
    expect(entry.result).toStrictEqual(out.result);
    expect(entry.profile.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('bad records are refused with every problem named, and nothing is sent or recorded', async () => {
    const sandbox = await sandboxProfile();
    const r = await send({
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'bad/name' },
      partitionKey: '',
      explicitHashKey: '99999999999999999999999999999999999999999',
      payload: { mode: 'json', text: '{"a":' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.fields?.map((f) => f.path).sort()).toEqual([
        'explicitHashKey',
        'partitionKey',
        'payload',
        'stream',
      ]);
    }
    expect(value(await app.handlers.listHistory({})).total).toBe(0);
  });

  test('YDS limits apply to YDS-addressed streams: 256 bytes of key, 1 MiB of key + data', async () => {
    const sandbox = await sandboxProfile();
    const target = { type: 'yds', cloudId: 'b1gcloud', databaseId: 'etndb', stream: 's' };
    const key = 'ж'.repeat(129); // 129 characters: fine on AWS, 258 bytes: too long on YDS
    const r = await send({ profileId: sandbox.id, target, partitionKey: key, payload: { mode: 'text', text: 'x' } });
    expect(!r.ok && r.error.fields?.[0]).toMatchObject({ path: 'partitionKey' });
    const big = await send({
      profileId: sandbox.id,
      target,
      partitionKey: 'k',
      payload: { mode: 'text', text: 'x'.repeat(1024 * 1024) },
    });
    expect(!big.ok && big.error.message).toMatch(/1,048,577 bytes.*Remove 1 bytes/);
  });

  test('a refused connection is a recorded failure with a hint', async () => {
    const port = await closedPort();
    const profile = value(
      await app.handlers.saveProfile(
        customProfileInput('Nowhere', `http://127.0.0.1:${port}`, {
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: 'never-shown-secret',
        }),
      ),
    );
    const out = value(
      await send({
        profileId: profile.id,
        target: { type: 'name', streamName: 's' },
        partitionKey: 'k',
        payload: { mode: 'text', text: 'x' },
      }),
    );
    expect(out.result.ok).toBe(false);
    if (!out.result.ok) {
      expect(out.result.error.name).toBe('ECONNREFUSED');
      expect(out.result.error.hint).toMatch(/endpoint/i);
      expect(out.result.error.hintCode).toBe('connectionRefused');
    }
    expect(value(await app.handlers.getHistoryEntry({ id: out.historyId })).result).toStrictEqual(out.result);
    const summary = value(await app.handlers.listHistory({})).entries[0];
    expect(summary).toMatchObject({ ok: false, detail: 'ECONNREFUSED', profileName: 'Nowhere' });
    const files = await readdir(dataDir);
    for (const f of files) {
      const text = await readFile(path.join(dataDir, f), 'utf8').catch(() => '');
      expect(text).not.toContain('never-shown-secret');
    }
  });

  test('cancel stops a send that hangs, and the history says it was cancelled', async () => {
    const silent = await silentServer();
    try {
      const profile = value(
        await app.handlers.saveProfile(
          customProfileInput(
            'Silent',
            silent.url,
            { accessKeyId: 'AKIDSILENT', secretAccessKey: 'silent-secret' },
            { timeoutMs: 60_000 },
          ),
        ),
      );
      const requestId = crypto.randomUUID();
      const pending = app.handlers.sendRecord({
        requestId,
        profileId: profile.id,
        target: { type: 'name', streamName: 's' },
        partitionKey: 'k',
        payload: { mode: 'text', text: 'x' },
      });
      // Cancelled while the request is out, not before it went.
      await vi.waitFor(() => expect(silent.connections()).toBeGreaterThan(0), { timeout: 15_000 });
      expect(value(await app.handlers.cancelSend({ requestId })).cancelled).toBe(true);
      const out = value(await pending);
      expect(!out.result.ok && out.result.error.name).toBe('CANCELLED');
      expect(value(await app.handlers.listHistory({})).entries[0]).toMatchObject({ ok: false, detail: 'CANCELLED' });
      expect(value(await app.handlers.cancelSend({ requestId })).cancelled).toBe(false);
    } finally {
      await silent.close();
    }
  });

  const customProfile = (name: string, endpoint: string) =>
    customProfileInput(
      name,
      endpoint,
      { accessKeyId: 'AKIDINFLIGHT', secretAccessKey: 'in-flight-secret' },
      { timeoutMs: 20_000 },
    );
  const record = { target: { type: 'name', streamName: 's' }, partitionKey: 'k', payload: { mode: 'text', text: 'x' } };

  test('a send in flight survives a rename of its profile', async () => {
    const slow = await scriptedServer([
      { status: 200, body: { ShardId: 'shardId-000000000007', SequenceNumber: '42' }, delayMs: 2000 },
    ]);
    servers.push(slow);
    const input = customProfile('Before', slow.url);
    const profile = value(await app.handlers.saveProfile(input));
    const pending = send({ profileId: profile.id, ...record });
    await vi.waitFor(() => expect(slow.requests()).toBe(1), { timeout: 15_000 });
    const { secretAccessKey: _kept, ...credentials } = input.credentials;
    expect(value(await app.handlers.saveProfile({ ...input, id: profile.id, name: 'After', credentials })).name).toBe(
      'After',
    );
    const out = value(await pending);
    expect(out.result).toMatchObject({ ok: true, response: { shardId: 'shardId-000000000007', sequenceNumber: '42' } });
  });

  test('close cancels sends in flight, records them, and afterwards refuses sends and keeps the sandbox stopped', async () => {
    const silent = await silentServer();
    servers.push(silent);
    const profile = value(await app.handlers.saveProfile(customProfile('Silent', silent.url)));
    const sandbox = await sandboxProfile();
    const hanging = send({ profileId: profile.id, ...record });
    await vi.waitFor(() => expect(silent.connections()).toBeGreaterThan(0), { timeout: 15_000 });
    await app.close();
    // Cancelled, not timed out: close did not wait for the send's 20 s timeout.
    const out = value(await hanging);
    expect(!out.result.ok && out.result.error.name).toBe('CANCELLED');

    const refused = await send({
      profileId: sandbox.id,
      ...record,
      target: { type: 'name', streamName: 'example-stream' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'REJECTED' } });
    expect(await app.handlers.getSandboxStatus({})).toMatchObject({ ok: false, error: { code: 'REJECTED' } });

    // The cancelled send reached the disk before the history closed.
    const history = await openHistory({ dataDir });
    try {
      expect(history.get(out.historyId)?.result).toStrictEqual(out.result);
    } finally {
      await history.close();
    }
  });

  test('copy as code from history reproduces the sent request, without secrets', async () => {
    const sandbox = await sandboxProfile();
    const out = value(
      await send({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'example-stream' },
        partitionKey: 'pk-7',
        payload: { mode: 'hex', text: '00ff' },
      }),
    );
    const code = value(
      await app.handlers.generateCode({ language: 'python', source: { type: 'history', historyId: out.historyId } }),
    ).code;
    expect(code).toContain("StreamName='example-stream'");
    expect(code).toContain('pk-7');
  });

  test('delete and clear history; unknown ids are NOT_FOUND', async () => {
    const sandbox = await sandboxProfile();
    const base = {
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'example-stream' },
      partitionKey: 'k',
      payload: { mode: 'text', text: 'x' },
    };
    const a = value(await send(base));
    value(await send(base));
    expect(value(await app.handlers.deleteHistoryEntry({ id: a.historyId })).total).toBe(1);
    expect(await app.handlers.getHistoryEntry({ id: a.historyId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(value(await app.handlers.clearHistory({})).total).toBe(0);
    expect(await app.handlers.selectProfile({ id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('an unknown profile is one answer in every operation that names a profile: NOT_FOUND with a hint and no field, so the renderer can translate it', async () => {
    const profileId = 'no-such-profile';
    const target = { type: 'name', streamName: 'example-stream' } as const;
    const composed = { profileId, target, partitionKey: 'k', payload: { mode: 'text', text: 'x' } } as const;
    const batch = {
      profileId,
      target,
      source: { type: 'rows', rows: [{ partitionKey: 'a', payload: '1' }] },
      keys: { type: 'row' },
      payloadMode: 'text',
    } as const;
    const h = app.handlers;
    const answers = {
      selectProfile: await h.selectProfile({ id: profileId }),
      sendRecord: await send(composed),
      createStream: await h.createStream({ profileId, target, shardCount: 1 }),
      describeStream: await h.describeStream({ profileId, target }),
      describeStreamDetails: await h.describeStreamDetails({ profileId, target }),
      listStreams: await h.listStreams({ profileId }),
      startTail: await h.startTail({ profileId, target, from: 'LATEST' }),
      generateCode: await h.generateCode({ language: 'python', source: { type: 'composed', request: composed } }),
      previewBatch: await h.previewBatch({ ...batch, count: 1 }),
      startRun: await h.startRun({ ...batch, plan: { ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 2 } }),
      saveRequest: await h.saveRequest({
        name: 'n',
        folderId: null,
        profileId,
        request: { kind: 'single', target, partitionKey: 'k', payload: { mode: 'text', text: 'x' } },
      }),
    };
    const expected = {
      ok: false,
      error: {
        code: 'NOT_FOUND',
        reason: 'profileNotFound',
        params: { id: profileId },
        message: `No connection with id ${profileId}.`,
        hint: 'Pick a connection from the list; it may have been deleted.',
        hintCode: 'pickProfile',
      },
    };
    for (const [op, answer] of Object.entries(answers)) expect(answer, op).toStrictEqual(expected);
  });

  test('only https links are opened', async () => {
    expect(await app.handlers.openExternal({ url: 'https://yandex.cloud/' })).toMatchObject({ ok: true });
    expect(await app.handlers.openExternal({ url: 'file:///etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'REJECTED' },
    });
    expect(await app.handlers.openExternal({ url: 'javascript:alert(1)' })).toMatchObject({
      ok: false,
      error: { code: 'REJECTED' },
    });
  });

  test('language follows the OS until chosen', async () => {
    const info = value(await app.handlers.getAppInfo({}));
    expect(info).toMatchObject({
      systemLocale: 'ru-RU',
      language: 'system',
      secretStorage: { backend: 'test', strong: true },
    });
    expect(value(await app.handlers.setLanguage({ language: 'en' })).language).toBe('en');
  });

  test('describeStream answers the open shards covering the whole hash space, or a hinted error', async () => {
    const sandbox = await sandboxProfile();
    const described = value(
      await app.handlers.describeStream({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'example-stream' },
      }),
    );
    expect(described.streamName).toBe('example-stream');
    expect(described.shards).toHaveLength(2);
    expect(described.shards[0].startingHashKey).toBe('0');
    expect(BigInt(described.shards[1].startingHashKey)).toBe(BigInt(described.shards[0].endingHashKey) + 1n);
    expect(described.shards[1].endingHashKey).toBe(String(2n ** 128n - 1n));
    // The shard a send reports is the one the preview would compute from these ranges.
    const out = value(
      await send({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'example-stream' },
        partitionKey: 'user-7',
        payload: { mode: 'text', text: 'x' },
      }),
    );
    expect(out.result.ok && out.result.response.shardId).toBe(shardFor(hashKeyOf('user-7'), described.shards)?.shardId);

    const missing = await app.handlers.describeStream({
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'no-such-stream' },
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error).toMatchObject({
        code: 'REJECTED',
        message: expect.stringMatching(/^ResourceNotFoundException: /),
      });
      expect(missing.error.hint).toBeTruthy();
    }
    const unknownProfile = await app.handlers.describeStream({
      profileId: 'nope',
      target: { type: 'name', streamName: 'example-stream' },
    });
    expect(!unknownProfile.ok && unknownProfile.error.code).toBe('NOT_FOUND');
  });
});
