// The streams an endpoint holds, each with its status, open shard count and retention: what the
// stream browser lists. DescribeStreamSummary is one call per stream; endpoints that do not
// implement it (the YDS docs list it as unsupported) are asked DescribeStream instead, quietly,
// and are not asked DescribeStreamSummary again on that connection.
import {
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  ListStreamsCommand,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { buildYdsStreamName } from '../shared/addressing';
import { withFallback } from '../kinesis/capabilities';
import { describeStreamShards, type CommandSender } from './index';

export interface StreamSummary {
  name: string;
  status: string;
  shardCount: number;
  retentionHours: number;
}

/** The part of a KinesisClient used here, so tests and callers can hand in any sender of commands. */
export interface StreamLister {
  send(
    command: ListStreamsCommand | DescribeStreamSummaryCommand | Parameters<CommandSender['send']>[0],
  ): Promise<unknown>;
}

export interface YdsScope {
  cloudId: string;
  databaseId: string;
}

// Streams are described a few at a time: one call each, without flooding the endpoint.
const PARALLEL_DESCRIBES = 4;

export async function listStreams(client: StreamLister, scope: YdsScope | null): Promise<StreamSummary[]> {
  let names = await listStreamNames(client);
  if (scope) names = scopedToDatabase(names, scope);
  const summaries: (StreamSummary | null)[] = [];
  for (let i = 0; i < names.length; i += PARALLEL_DESCRIBES) {
    summaries.push(...(await Promise.all(names.slice(i, i + PARALLEL_DESCRIBES).map((n) => summaryOrGone(client, n)))));
  }
  return summaries.filter((s): s is StreamSummary => s !== null);
}

/**
 * Unverified: the public YDS API documents no database argument for ListStreams, so whether it
 * answers full paths (of one database, or of every one the key may see) or bare names of the
 * database it serves is not known. Both are handled: paths are narrowed to the database the user
 * named (with or without the leading slash YDS's storage layer drops), and bare names are taken as
 * that database's and given their full path, which is what every other call needs.
 */
export function scopedToDatabase(names: string[], scope: YdsScope): string[] {
  const prefix = buildYdsStreamName({ ...scope, stream: '' });
  return names.flatMap((n) => {
    if (!n.includes('/')) return [prefix + n];
    const path = n.startsWith('/') ? n : `/${n}`;
    return path.startsWith(prefix) ? [path] : [];
  });
}

async function listStreamNames(client: StreamLister): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  let more = true;
  while (more) {
    // AWS pages by NextToken; kinesalite and older endpoints only by the last name answered.
    const last = names.at(-1);
    const page = (await client.send(
      new ListStreamsCommand(nextToken ? { NextToken: nextToken } : last ? { ExclusiveStartStreamName: last } : {}),
    )) as { StreamNames?: string[]; HasMoreStreams?: boolean; NextToken?: string };
    const got = page.StreamNames ?? [];
    names.push(...got);
    nextToken = page.NextToken;
    // An endpoint that says "more" but sends nothing would loop forever.
    more = page.HasMoreStreams === true && got.length > 0;
  }
  return names;
}

/** A stream deleted between the listing and its description is left out rather than failing the list. */
async function summaryOrGone(client: StreamLister, name: string): Promise<StreamSummary | null> {
  try {
    return await summarizeStream(client, name);
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return null;
    throw error;
  }
}

export function summarizeStream(client: StreamLister, name: string): Promise<StreamSummary> {
  return withFallback(
    client,
    'DescribeStreamSummary',
    async () => {
      const out = (await client.send(new DescribeStreamSummaryCommand({ StreamName: name }))) as {
        StreamDescriptionSummary?: { StreamStatus?: string; OpenShardCount?: number; RetentionPeriodHours?: number };
      };
      const s = out.StreamDescriptionSummary;
      return {
        name,
        status: s?.StreamStatus ?? 'UNKNOWN',
        shardCount: s?.OpenShardCount ?? 0,
        retentionHours: s?.RetentionPeriodHours ?? 0,
      };
    },
    () => summaryFromDescribeStream(client, name),
  );
}

async function summaryFromDescribeStream(client: StreamLister, name: string): Promise<StreamSummary> {
  const out = (await client.send(new DescribeStreamCommand({ StreamName: name }))) as {
    StreamDescription?: {
      StreamStatus?: string;
      RetentionPeriodHours?: number;
      Shards?: Shard[];
      HasMoreShards?: boolean;
    };
  };
  const d = out.StreamDescription;
  // The first page usually holds every shard; only a long stream needs the rest paged in.
  const shardCount = d?.HasMoreShards
    ? (await describeStreamShards(client, name)).filter((s) => s.open).length
    : (d?.Shards ?? []).filter((s) => !s.SequenceNumberRange?.EndingSequenceNumber).length;
  return { name, status: d?.StreamStatus ?? 'UNKNOWN', shardCount, retentionHours: d?.RetentionPeriodHours ?? 0 };
}
