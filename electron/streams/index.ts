// What a stream is made of: its shards with their hash key and sequence number ranges. ListShards
// first; DescribeStream when the endpoint does not implement it (YDS documents ListShards as
// unsupported), quietly, and without asking ListShards again on that connection.
import { DescribeStreamCommand, ListShardsCommand, type Shard } from '@aws-sdk/client-kinesis';
import type { StreamShardView } from '../contract';
import { withFallback } from '../kinesis/capabilities';

export type StreamShard = StreamShardView;

/** The part of a KinesisClient used here, so tests and callers can hand in any sender of commands. */
export interface CommandSender {
  send(command: ListShardsCommand | DescribeStreamCommand): Promise<unknown>;
}

/** The shards records can go to now: a closed parent overlaps its children's hash key ranges. */
export const openShards = (shards: StreamShard[]): StreamShard[] => shards.filter((s) => s.open);

export function describeShards(client: CommandSender, streamName: string): Promise<StreamShard[]> {
  return withFallback(
    client,
    'ListShards',
    () => listShards(client, streamName),
    () => describeStreamShards(client, streamName),
  );
}

async function listShards(client: CommandSender, streamName: string): Promise<StreamShard[]> {
  const shards: StreamShard[] = [];
  let nextToken: string | undefined;
  do {
    // StreamName only on the first page: the API rejects it together with NextToken, and YDS
    // rejects keys it does not know (StreamARN).
    const page = (await client.send(
      new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: streamName }),
    )) as {
      Shards?: Shard[];
      NextToken?: string;
    };
    shards.push(...(page.Shards ?? []).map(shardOf));
    nextToken = page.NextToken;
  } while (nextToken);
  return shards;
}

/** The shards as DescribeStream pages them: for endpoints that implement neither ListShards nor DescribeStreamSummary. */
export async function describeStreamShards(client: CommandSender, streamName: string): Promise<StreamShard[]> {
  const shards: StreamShard[] = [];
  let more = true;
  while (more) {
    const last = shards.at(-1)?.shardId;
    const page = (await client.send(
      new DescribeStreamCommand({ StreamName: streamName, ...(last ? { ExclusiveStartShardId: last } : {}) }),
    )) as {
      StreamDescription?: { Shards?: Shard[]; HasMoreShards?: boolean };
    };
    const got = (page.StreamDescription?.Shards ?? []).map(shardOf);
    shards.push(...got);
    // An endpoint that says "more" but sends nothing would loop forever.
    more = page.StreamDescription?.HasMoreShards === true && got.length > 0;
  }
  return shards;
}

function shardOf(s: Shard): StreamShard {
  const ending = s.SequenceNumberRange?.EndingSequenceNumber ?? null;
  return {
    shardId: s.ShardId ?? '',
    startingHashKey: s.HashKeyRange?.StartingHashKey ?? '0',
    endingHashKey: s.HashKeyRange?.EndingHashKey ?? '0',
    parentShardId: s.ParentShardId ?? null,
    startingSequenceNumber: s.SequenceNumberRange?.StartingSequenceNumber ?? '',
    endingSequenceNumber: ending,
    open: ending === null,
  };
}
