// The stream browser's operations through the handler table: listing streams with status, shard
// count and retention, narrowing to a YDS database, shard details with hash and sequence ranges,
// and the quiet fallback to DescribeStream on an endpoint that rejects DescribeStreamSummary.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp } from '../helpers/app';
import { createSandboxStream, sandboxProfileOf, value } from '../helpers/results';
import { customProfileInput } from '../helpers/profiles';
import { recordingServer } from '../helpers/fake-kinesis';

const CLOUD = 'b1gbrowsecloud000001';
const DATABASE = 'etnbrowsedatabase00001';
const YDS_PATH = `/ru-central1/${CLOUD}/${DATABASE}/orders`;
const OTHER_DATABASE_PATH = `/ru-central1/${CLOUD}/etnotherdatabase000001/orders`;

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

describe('listStreams and describeStreamDetails on the sandbox', () => {
  test('every stream with its status, open shard count and retention', async () => {
    const sandbox = await sandboxProfileOf(app.handlers);
    await createSandboxStream(app.handlers, 'three-shards', 3);
    await createSandboxStream(app.handlers, YDS_PATH, 1);

    const { streams } = value(await app.handlers.listStreams({ profileId: sandbox.id }));
    expect(streams).toEqual(
      expect.arrayContaining([
        { name: 'example-stream', status: 'ACTIVE', shardCount: 2, retentionHours: 24 },
        { name: 'three-shards', status: 'ACTIVE', shardCount: 3, retentionHours: 24 },
        { name: YDS_PATH, status: 'ACTIVE', shardCount: 1, retentionHours: 24 },
      ]),
    );
    expect(streams).toHaveLength(3);
  });

  test('with a cloud and database, only the streams under that database are listed', async () => {
    const sandbox = await sandboxProfileOf(app.handlers);
    await createSandboxStream(app.handlers, YDS_PATH, 1);
    await createSandboxStream(app.handlers, OTHER_DATABASE_PATH, 1);

    const scoped = value(
      await app.handlers.listStreams({ profileId: sandbox.id, cloudId: CLOUD, databaseId: DATABASE }),
    );
    expect(scoped.streams.map((s) => s.name)).toEqual([YDS_PATH]);
  });

  test('shard details: contiguous hash key ranges over the whole space, open shards with sequence ranges', async () => {
    const sandbox = await sandboxProfileOf(app.handlers);
    await createSandboxStream(app.handlers, 'three-shards', 3);

    const details = value(
      await app.handlers.describeStreamDetails({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'three-shards' },
      }),
    );
    expect(details.streamName).toBe('three-shards');
    expect(details.shards).toHaveLength(3);
    const sorted = [...details.shards].sort((a, b) => (BigInt(a.startingHashKey) < BigInt(b.startingHashKey) ? -1 : 1));
    expect(sorted[0].startingHashKey).toBe('0');
    expect(sorted.at(-1)!.endingHashKey).toBe(String(2n ** 128n - 1n));
    for (let i = 1; i < sorted.length; i++)
      expect(BigInt(sorted[i].startingHashKey)).toBe(BigInt(sorted[i - 1].endingHashKey) + 1n);
    for (const shard of details.shards) {
      expect(shard).toMatchObject({ open: true, endingSequenceNumber: null, parentShardId: null });
      expect(shard.startingSequenceNumber).toMatch(/^\d+$/);
    }

    // A record lands in the shard whose range the details give for its hash key.
    const hashKey = String(BigInt(sorted[1].startingHashKey) + 5n);
    const sent = value(
      await app.handlers.sendRecord({
        requestId: crypto.randomUUID(),
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'three-shards' },
        partitionKey: 'k',
        explicitHashKey: hashKey,
        payload: { mode: 'text', text: 'x' },
      }),
    );
    expect(sent.result.ok && sent.result.response.shardId).toBe(sorted[1].shardId);
  });

  test('a YDS target is described by its path', async () => {
    const sandbox = await sandboxProfileOf(app.handlers);
    await createSandboxStream(app.handlers, YDS_PATH, 2);
    const details = value(
      await app.handlers.describeStreamDetails({
        profileId: sandbox.id,
        target: { type: 'yds', cloudId: CLOUD, databaseId: DATABASE, stream: 'orders' },
      }),
    );
    expect(details.streamName).toBe(YDS_PATH);
    expect(details.shards.map((s) => s.open)).toEqual([true, true]);
  });

  test('an unknown stream is a rejection naming the service error', async () => {
    const sandbox = await sandboxProfileOf(app.handlers);
    const r = await app.handlers.describeStreamDetails({
      profileId: sandbox.id,
      target: { type: 'name', streamName: 'no-such-stream' },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({
      code: 'REJECTED',
      message: expect.stringContaining('ResourceNotFoundException'),
    });
  });
});

/**
 * An endpoint shaped like the YDS docs describe it: ListStreams pages by one name,
 * DescribeStreamSummary and ListShards answer 400 InvalidAction (or `summaryError` when given),
 * DescribeStream answers each stream with one closed and two open shards.
 */
async function describeOnlyServer(names: string[], summaryError = 'InvalidAction') {
  const half = (2n ** 128n - 1n) / 2n;
  const server = await recordingServer(({ target, body }) => {
    if (target === 'ListStreams') {
      const from =
        typeof body.ExclusiveStartStreamName === 'string' ? names.indexOf(body.ExclusiveStartStreamName) + 1 : 0;
      return {
        status: 200,
        body: { StreamNames: names.slice(from, from + 1), HasMoreStreams: from + 1 < names.length },
      };
    }
    if (target === 'DescribeStreamSummary')
      return { status: 400, body: { __type: summaryError, message: `Action ${target} is not supported` } };
    if (target !== 'DescribeStream')
      return { status: 400, body: { __type: 'InvalidAction', message: `Action ${target} is not supported` } };
    return {
      status: 200,
      body: {
        StreamDescription: {
          StreamName: body.StreamName,
          StreamArn: 'arn',
          StreamStatus: 'ACTIVE',
          RetentionPeriodHours: 12 * (names.indexOf(String(body.StreamName)) + 1),
          HasMoreShards: false,
          Shards: [
            {
              ShardId: 'shard-000000',
              HashKeyRange: { StartingHashKey: '0', EndingHashKey: String(2n ** 128n - 1n) },
              SequenceNumberRange: { StartingSequenceNumber: '0', EndingSequenceNumber: '41' },
            },
            {
              ShardId: 'shard-000001',
              ParentShardId: 'shard-000000',
              HashKeyRange: { StartingHashKey: '0', EndingHashKey: String(half) },
              SequenceNumberRange: { StartingSequenceNumber: '42' },
            },
            {
              ShardId: 'shard-000002',
              ParentShardId: 'shard-000000',
              HashKeyRange: { StartingHashKey: String(half + 1n), EndingHashKey: String(2n ** 128n - 1n) },
              SequenceNumberRange: { StartingSequenceNumber: '42' },
            },
          ],
        },
      },
    };
  });
  closers.push(() => server.close());
  return server;
}

async function customProfileAt(endpoint: string) {
  return value(
    await app.handlers.saveProfile(
      customProfileInput(
        'YDS-like',
        endpoint,
        { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'never-shown-secret' },
        { region: 'ru-central1' },
      ),
    ),
  );
}

describe('an endpoint without DescribeStreamSummary', () => {
  const names = [`/ru-central1/${CLOUD}/${DATABASE}/a`, `/ru-central1/${CLOUD}/${DATABASE}/b`];

  test('the list falls back to DescribeStream quietly, paging ListStreams by the last name', async () => {
    const server = await describeOnlyServer(names);
    const profile = await customProfileAt(server.url);

    const { streams } = value(await app.handlers.listStreams({ profileId: profile.id }));
    expect(streams).toEqual([
      { name: names[0], status: 'ACTIVE', shardCount: 2, retentionHours: 12 },
      { name: names[1], status: 'ACTIVE', shardCount: 2, retentionHours: 24 },
    ]);
    const listCalls = server.calls.filter((c) => c.target === 'ListStreams').map((c) => c.body);
    expect(listCalls).toEqual([{}, { ExclusiveStartStreamName: names[0] }]);
    // Asked once for the connection, not once per stream.
    expect(server.calls.filter((c) => c.target === 'DescribeStreamSummary')).toEqual([
      { target: 'DescribeStreamSummary', body: { StreamName: names[0] } },
    ]);
    for (const name of names)
      expect(server.calls).toContainEqual({ target: 'DescribeStream', body: { StreamName: name } });

    const details = value(
      await app.handlers.describeStreamDetails({
        profileId: profile.id,
        target: { type: 'name', streamName: names[0] },
      }),
    );
    expect(details.shards.map((s) => [s.shardId, s.open, s.startingSequenceNumber, s.endingSequenceNumber])).toEqual([
      ['shard-000000', false, '0', '41'],
      ['shard-000001', true, '42', null],
      ['shard-000002', true, '42', null],
    ]);
  });

  test('other refusals of DescribeStreamSummary are shown, not papered over', async () => {
    const server = await describeOnlyServer(names, 'AccessDeniedException');
    const profile = await customProfileAt(server.url);

    const r = await app.handlers.listStreams({ profileId: profile.id });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({
      code: 'REJECTED',
      message: expect.stringContaining('AccessDeniedException'),
    });
    expect(JSON.stringify(r)).not.toContain('never-shown-secret');
    expect(server.calls.some((c) => c.target === 'DescribeStream')).toBe(false);
  });
});

describe('a connection is asked once what it supports', () => {
  const names = [`/ru-central1/${CLOUD}/${DATABASE}/a`, `/ru-central1/${CLOUD}/${DATABASE}/b`];
  const refused = (server: { calls: { target: string }[] }, target: string) =>
    server.calls.filter((c) => c.target === target).length;

  test('opening a stream and the list again asks ListShards and DescribeStreamSummary no more; an edit of the profile asks afresh', async () => {
    const server = await describeOnlyServer(names);
    const profile = await customProfileAt(server.url);
    const open = { profileId: profile.id, target: { type: 'name' as const, streamName: names[0] } };

    value(await app.handlers.describeStreamDetails(open));
    value(await app.handlers.listStreams({ profileId: profile.id }));
    expect(refused(server, 'ListShards')).toBe(1);
    // The list describes both streams at once: the second waits for the first one's answer.
    expect(refused(server, 'DescribeStreamSummary')).toBe(1);

    const again = value(await app.handlers.describeStreamDetails(open));
    expect(again.shards.map((s) => s.shardId)).toEqual(['shard-000000', 'shard-000001', 'shard-000002']);
    value(await app.handlers.describeStream(open));
    const { streams } = value(await app.handlers.listStreams({ profileId: profile.id }));
    expect(streams.map((s) => s.retentionHours)).toEqual([12, 24]);
    expect(refused(server, 'ListShards')).toBe(1);
    expect(refused(server, 'DescribeStreamSummary')).toBe(1);

    // Pointed elsewhere (here: the same server with another timeout), the connection is new and may support more.
    const edited = customProfileInput(
      'YDS-like',
      server.url,
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'never-shown-secret' },
      { region: 'ru-central1', timeoutMs: 6000 },
    );
    value(await app.handlers.saveProfile({ ...edited, id: profile.id }));
    value(await app.handlers.describeStreamDetails(open));
    expect(refused(server, 'ListShards')).toBe(2);
  });
});
