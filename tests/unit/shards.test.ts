// The shard preview against the real thing: the shard kinesalite assigns, the DescribeStream
// fallback of an endpoint without ListShards, and the describeStream operation.
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { createSandbox } from '../../electron/sandbox';
import { hashKeyInside, hashKeyOf, shardFor } from '../../electron/shared/shards';
import { describeShards } from '../../electron/streams';
import { recordingServer } from '../helpers/fake-kinesis';
import { sandboxClient, sdkClient } from '../helpers/kinesis-fixtures';

const sandbox = createSandbox();
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
  await sandbox.stop();
});

/** Random keys of ASCII, Cyrillic and emoji, 1 to 40 characters. */
function randomKey(): string {
  const alphabet = [...'abcXYZ019-_:/ ', ...'жёЮщ', '😀', '中'];
  const bytes = randomBytes(41);
  return Array.from({ length: 1 + (bytes[0] % 40) }, (_, i) => alphabet[bytes[i + 1] % alphabet.length]).join('');
}

describe('shard preview', () => {
  test('hashKeyOf is MD5 of the UTF-8 key as an unsigned 128-bit integer', () => {
    expect(hashKeyOf('')).toBe(0xd41d8cd98f00b204e9800998ecf8427en);
    for (const key of ['user-1', 'ключ', '😀 emoji']) {
      expect(hashKeyOf(key)).toBe(BigInt(`0x${createHash('md5').update(key, 'utf8').digest('hex')}`));
    }
  });

  test('for 1,000 random keys the previewed shard is the one kinesalite assigns', async () => {
    await sandbox.createStream('preview-4', 4);
    const client = await sandboxClient(sandbox);
    closers.push(async () => client.destroy());
    const shards = await describeShards(client, 'preview-4');
    expect(shards.map((s) => s.open)).toEqual([true, true, true, true]);

    const keys = Array.from({ length: 1000 }, randomKey);
    const assigned: string[] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const out = await client.send(
        new PutRecordsCommand({
          StreamName: 'preview-4',
          Records: keys.slice(i, i + 500).map((k) => ({ PartitionKey: k, Data: new Uint8Array([1]) })),
        }),
      );
      expect(out.FailedRecordCount).toBe(0);
      assigned.push(...out.Records!.map((r) => r.ShardId!));
    }
    const previewed = keys.map((k) => shardFor(hashKeyOf(k), shards)?.shardId);
    expect(previewed).toEqual(assigned);
    // Random keys reach every shard, so each range was really tried.
    expect(new Set(assigned).size).toBe(4);
  });

  test('an explicit hash key from hashKeyInside lands on that shard', async () => {
    const client = await sandboxClient(sandbox);
    closers.push(async () => client.destroy());
    const shards = await describeShards(client, 'preview-4');
    for (const shard of shards) {
      const hashKey = hashKeyInside(shard);
      expect(shardFor(BigInt(hashKey), shards)?.shardId).toBe(shard.shardId);
      const out = await client.send(
        new PutRecordsCommand({
          StreamName: 'preview-4',
          Records: [{ PartitionKey: 'any', ExplicitHashKey: hashKey, Data: new Uint8Array([1]) }],
        }),
      );
      expect(out.Records![0].ShardId).toBe(shard.shardId);
    }
  });
});

/** An endpoint that rejects ListShards as YDS documents it and pages DescribeStream by two. */
async function describeOnlyServer(shardIds: string[]) {
  const step = (2n ** 128n - 1n) / BigInt(shardIds.length);
  const server = await recordingServer(({ target, body }) => {
    if (target !== 'DescribeStream')
      return { status: 400, body: { __type: 'InvalidAction', message: `Action ${target} is not supported` } };
    const from = typeof body.ExclusiveStartShardId === 'string' ? shardIds.indexOf(body.ExclusiveStartShardId) + 1 : 0;
    const page = shardIds.slice(from, from + 2);
    return {
      status: 200,
      body: {
        StreamDescription: {
          StreamName: body.StreamName,
          StreamArn: 'arn',
          StreamStatus: 'ACTIVE',
          HasMoreShards: from + 2 < shardIds.length,
          RetentionPeriodHours: 24,
          Shards: page.map((id) => {
            const n = BigInt(shardIds.indexOf(id));
            const end = n === BigInt(shardIds.length - 1) ? 2n ** 128n - 1n : (n + 1n) * step - 1n;
            return {
              ShardId: id,
              HashKeyRange: { StartingHashKey: String(n * step), EndingHashKey: String(end) },
              SequenceNumberRange: { StartingSequenceNumber: '0' },
            };
          }),
        },
      },
    };
  });
  closers.push(() => server.close());
  return server;
}

describe('describeShards', () => {
  test('falls back to DescribeStream, page by page, when ListShards is not implemented', async () => {
    const ids = ['shard-000000', 'shard-000001', 'shard-000002'];
    const server = await describeOnlyServer(ids);
    const client = sdkClient(server.url);
    closers.push(async () => client.destroy());

    const shards = await describeShards(client, '/ru-central1/b1gcloud/etndb/s');
    expect(shards.map((s) => s.shardId)).toEqual(ids);
    expect(shards.every((s) => s.open)).toBe(true);
    expect(server.calls).toEqual([
      { target: 'ListShards', body: { StreamName: '/ru-central1/b1gcloud/etndb/s' } },
      { target: 'DescribeStream', body: { StreamName: '/ru-central1/b1gcloud/etndb/s' } },
      {
        target: 'DescribeStream',
        body: { StreamName: '/ru-central1/b1gcloud/etndb/s', ExclusiveStartShardId: 'shard-000001' },
      },
    ]);
    // The YDS-style split still previews: every key falls in exactly one of the returned ranges.
    for (const key of ['a', 'b', 'ключ']) expect(shardFor(hashKeyOf(key), shards)).toBeDefined();
  });

  test('other failures are not swallowed by the fallback', async () => {
    const client = await sandboxClient(sandbox);
    closers.push(async () => client.destroy());
    await expect(describeShards(client, 'no-such-stream')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
