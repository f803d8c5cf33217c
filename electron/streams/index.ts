// What a stream is made of: its shards with their hash key and sequence number ranges. ListShards
// first; DescribeStream when the endpoint does not implement it (YDS documents ListShards as
// unsupported), quietly — the fallback is not a failure the user should see.
import { DescribeStreamCommand, ListShardsCommand, type Shard } from '@aws-sdk/client-kinesis';
import type { StreamShardView } from '../contract';

export type StreamShard = StreamShardView;

/** The part of a KinesisClient used here, so tests and callers can hand in any sender of commands. */
export interface CommandSender {
  send(command: ListShardsCommand | DescribeStreamCommand): Promise<unknown>;
}

/** Names endpoints answer with when they do not implement an action. */
const NOT_IMPLEMENTED = new Set(['InvalidAction', 'UnknownOperation', 'UnknownOperationException', 'UnsupportedOperation', 'UnsupportedOperationException']);

export function isNotImplemented(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  if (!e || !e.name || !NOT_IMPLEMENTED.has(e.name)) return false;
  const status = e.$metadata?.httpStatusCode;
  return status === undefined || status === 400 || status === 501;
}

export async function describeShards(client: CommandSender, streamName: string): Promise<StreamShard[]> {
  try {
    return await listShards(client, streamName);
  } catch (error) {
    if (!isNotImplemented(error)) throw error;
    return describeStreamShards(client, streamName);
  }
}

async function listShards(client: CommandSender, streamName: string): Promise<StreamShard[]> {
  const shards: StreamShard[] = [];
  let nextToken: string | undefined;
  do {
    // StreamName only on the first page: the API rejects it together with NextToken, and YDS
    // rejects keys it does not know (StreamARN).
    const page = (await client.send(new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: streamName }))) as {
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
    const page = (await client.send(new DescribeStreamCommand({ StreamName: streamName, ...(last ? { ExclusiveStartShardId: last } : {}) }))) as {
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
