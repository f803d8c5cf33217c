// Creating a stream outside the sandbox: against a kinesalite of its own that takes a while to make
// a stream ACTIVE (as AWS does), and against an endpoint that records what it was asked; plus the
// stream list's YDS database scoping for both answers ListStreams might give.
import kinesalite from 'kinesalite';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createStream } from '../../electron/streams/create';
import { scopedToDatabase } from '../../electron/streams/list';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp } from '../helpers/app';
import { customProfileInput } from '../helpers/profiles';
import { value } from '../helpers/results';
import { recordingServer } from '../helpers/fake-kinesis';
import { sdkClient } from '../helpers/kinesis-fixtures';

const KEYS = { accessKeyId: 'AKIDCREATE', secretAccessKey: 'create-secret-never-shown' };
let closeApp: () => Promise<void>;
let app: WiredApp;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  ({ app, close: closeApp } = await wireTestApp());
});

afterEach(async () => {
  await closeApp();
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A kinesalite that, like AWS, keeps a new stream CREATING for a while. */
async function slowKinesalite(createStreamMs: number): Promise<string> {
  const server = kinesalite({ createStreamMs, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 50 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createStream on a target other than the sandbox', () => {
  test('waits until the stream is ACTIVE, after which it lists with its shards and takes records', async () => {
    const endpoint = await slowKinesalite(400);
    const profile = value(await app.handlers.saveProfile(customProfileInput('Emulator', endpoint, KEYS)));

    const created = value(
      await app.handlers.createStream({
        profileId: profile.id,
        target: { type: 'name', streamName: 'fresh' },
        shardCount: 3,
      }),
    );
    expect(created).toEqual({ streamName: 'fresh', status: 'ACTIVE', sandbox: null });

    const { streams } = value(await app.handlers.listStreams({ profileId: profile.id }));
    expect(streams).toEqual([{ name: 'fresh', status: 'ACTIVE', shardCount: 3, retentionHours: 24 }]);
    const sent = value(
      await app.handlers.sendRecord({
        requestId: 'r1',
        profileId: profile.id,
        target: { type: 'name', streamName: 'fresh' },
        partitionKey: 'k',
        payload: { mode: 'text', text: 'hello' },
      }),
    );
    expect(sent.result.ok).toBe(true);
  });

  test('a stream that is still CREATING when the wait ends is answered as such', async () => {
    const endpoint = await slowKinesalite(1500);
    const client = sdkClient(endpoint);
    closers.push(async () => client.destroy());

    const created = await createStream(client, 'slow', 1, { waitMs: 100, pollMs: 20 });
    expect(created).toEqual({ streamName: 'slow', status: 'CREATING' });
  });

  test('a stream that already exists is the service error, with the secret nowhere in the answer', async () => {
    const endpoint = await slowKinesalite(0);
    const profile = value(await app.handlers.saveProfile(customProfileInput('Emulator', endpoint, KEYS)));
    value(
      await app.handlers.createStream({
        profileId: profile.id,
        target: { type: 'name', streamName: 'twice' },
        shardCount: 1,
      }),
    );

    const again = await app.handlers.createStream({
      profileId: profile.id,
      target: { type: 'name', streamName: 'twice' },
      shardCount: 1,
    });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.error).toMatchObject({
      code: 'REJECTED',
      message: expect.stringContaining('ResourceInUseException'),
    });
    expect(JSON.stringify(again)).not.toContain(KEYS.secretAccessKey);
  });

  test('a bad name or shard count is refused before anything is sent, naming the field', async () => {
    const server = await recordingServer(() => ({ status: 200, body: {} }));
    closers.push(() => server.close());
    const profile = value(await app.handlers.saveProfile(customProfileInput('Recorder', server.url, KEYS)));

    const badName = await app.handlers.createStream({
      profileId: profile.id,
      target: { type: 'name', streamName: 'spaces are not allowed' },
      shardCount: 1,
    });
    expect(!badName.ok && badName.error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ path: 'target.streamName' }],
    });
    const badYds = await app.handlers.createStream({
      profileId: profile.id,
      target: { type: 'yds', cloudId: 'b1gcloud000000000001', databaseId: 'etndatabase0000000001', stream: 'a/b' },
      shardCount: 1,
    });
    expect(!badYds.ok && badYds.error).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'target.stream' }] });
    for (const shardCount of [0, 201, 1.5]) {
      const r = await app.handlers.createStream({
        profileId: profile.id,
        target: { type: 'name', streamName: 'ok' },
        shardCount,
      });
      expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
    }
    expect(server.calls).toEqual([]);
  });

  test('a YDS target is created by its full path, with no key YDS would reject', async () => {
    const path = '/ru-central1/b1gcloud000000000001/etndatabase0000000001/events';
    const server = await recordingServer(({ target, body }) =>
      target === 'CreateStream'
        ? { status: 200, body: {} }
        : {
            status: 200,
            body: {
              StreamDescriptionSummary: {
                StreamName: body.StreamName,
                StreamStatus: 'ACTIVE',
                OpenShardCount: 2,
                RetentionPeriodHours: 24,
              },
            },
          },
    );
    closers.push(() => server.close());
    const profile = value(
      await app.handlers.saveProfile(customProfileInput('YDS-like', server.url, KEYS, { region: 'ru-central1' })),
    );

    const created = value(
      await app.handlers.createStream({
        profileId: profile.id,
        target: { type: 'yds', cloudId: 'b1gcloud000000000001', databaseId: 'etndatabase0000000001', stream: 'events' },
        shardCount: 2,
      }),
    );
    expect(created.streamName).toBe(path);
    expect(server.calls[0]).toEqual({ target: 'CreateStream', body: { StreamName: path, ShardCount: 2 } });
  });
});

describe('the stream list narrowed to a YDS database', () => {
  const scope = { cloudId: 'b1gcloud000000000001', databaseId: 'etndatabase0000000001' };
  const prefix = `/ru-central1/${scope.cloudId}/${scope.databaseId}/`;

  test('full paths are narrowed to the database, with or without the leading slash', () => {
    const other = `/ru-central1/${scope.cloudId}/etnotherdatabase00001/x`;
    expect(scopedToDatabase([`${prefix}a`, other, `${prefix.slice(1)}b`], scope)).toEqual([`${prefix}a`, `${prefix}b`]);
  });

  test('bare names are taken as the database’s own and given their full path', () => {
    expect(scopedToDatabase(['a', 'b'], scope)).toEqual([`${prefix}a`, `${prefix}b`]);
  });
});
