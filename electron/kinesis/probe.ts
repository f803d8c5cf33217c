// What a connection supports, asked with harmless calls: reading a stream's shards and summary,
// listing its consumers, and whether its streams say a maximum record size (large records). The
// answers go into capabilities.ts too, so the rest of the app uses them at once.
import {
  DescribeStreamSummaryCommand,
  ListShardsCommand,
  ListStreamConsumersCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-kinesis';
import type { CapabilityAnswer, ConnectionCapabilities } from '../contract';
import { isNotImplemented, remember } from './capabilities';

export interface ProbeClient {
  send(
    command: ListStreamsCommand | ListShardsCommand | DescribeStreamSummaryCommand | ListStreamConsumersCommand,
  ): Promise<unknown>;
}

/** A name no stream has: asking about it tells whether the call exists, and changes nothing. */
export const PROBE_STREAM = 'stream-composer-probe-no-such-stream';

/** Answers that show the endpoint knows the call: it judged the request itself. */
const KNOWN_CALL = new Set([
  'ResourceNotFoundException',
  'InvalidArgumentException',
  'ValidationException',
  'ResourceInUseException',
  'LimitExceededException',
]);

type Asked = { answer: CapabilityAnswer; problem: string | null; value?: unknown };

async function ask(call: () => Promise<unknown>): Promise<Asked> {
  try {
    return { answer: 'yes', problem: null, value: await call() };
  } catch (error) {
    const e = error as { name?: string; message?: string };
    if (isNotImplemented(error)) return { answer: 'no', problem: null };
    if (e.name && KNOWN_CALL.has(e.name)) return { answer: 'yes', problem: null };
    return { answer: 'unknown', problem: `${e.name ?? 'Error'}: ${e.message ?? String(error)}` };
  }
}

/** The ARN to ask about when an endpoint does not say a stream's own (emulators): account ids are not checked there. */
export const assumedStreamArn = (region: string, streamName: string): string =>
  `arn:aws:kinesis:${region}:000000000000:stream/${streamName}`;

export interface ProbeOptions {
  /** YDS takes 1 MiB records whatever a stream says, so large records are not asked. */
  yds: boolean;
  region: string;
  now?: () => Date;
}

/**
 * Asks the connection's calls. A stream of its own is described when ListStreams names one; with
 * none, large records stay unknown. `describe` words a failure of ListStreams itself (no network,
 * a bad key): then nothing is known and the report says why.
 */
export async function probeConnection(client: ProbeClient, opts: ProbeOptions): Promise<ConnectionCapabilities> {
  const checkedAt = (opts.now ?? (() => new Date()))().toISOString();
  const listed = await ask(() => client.send(new ListStreamsCommand({ Limit: 1 })));
  if (listed.answer === 'unknown')
    return {
      checkedAt,
      stream: null,
      calls: { listShards: 'unknown', describeStreamSummary: 'unknown', consumers: 'unknown', largeRecords: 'unknown' },
      problem: listed.problem,
    };
  const stream = ((listed.value as { StreamNames?: string[] } | undefined)?.StreamNames ?? [])[0] ?? null;
  const name = stream ?? PROBE_STREAM;
  const shards = await ask(() => client.send(new ListShardsCommand({ StreamName: name, MaxResults: 1 })));
  const summary = await ask(() => client.send(new DescribeStreamSummaryCommand({ StreamName: name })));
  const described = (
    summary.value as { StreamDescriptionSummary?: { StreamARN?: string; MaxRecordSizeInKiB?: number } } | undefined
  )?.StreamDescriptionSummary;
  const arn = described?.StreamARN ?? assumedStreamArn(opts.region, name);
  const consumers = await ask(() => client.send(new ListStreamConsumersCommand({ StreamARN: arn, MaxResults: 1 })));
  for (const [call, asked] of [
    ['ListShards', shards],
    ['DescribeStreamSummary', summary],
    ['ListStreamConsumers', consumers],
  ] as const)
    if (asked.answer !== 'unknown') remember(client, call, asked.answer === 'yes');
  const largeRecords: CapabilityAnswer = opts.yds
    ? 'no'
    : summary.answer === 'no'
      ? 'no'
      : described
        ? described.MaxRecordSizeInKiB === undefined
          ? 'no'
          : 'yes'
        : 'unknown';
  return {
    checkedAt,
    stream,
    calls: {
      listShards: shards.answer,
      describeStreamSummary: summary.answer,
      consumers: consumers.answer,
      largeRecords,
    },
    problem: [shards, summary, consumers].find((a) => a.problem)?.problem ?? null,
  };
}
