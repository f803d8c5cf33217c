// A stream's enhanced fan-out consumers, for the stream browser. The call needs the stream's ARN,
// read from its summary (or DescribeStream where the summary is missing). Endpoints without the
// consumer calls (YDS documents them as unsupported; kinesalite lacks them) answer null, quietly,
// and are not asked again on that connection; a probe that found them missing skips the call.
import {
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  ListStreamConsumersCommand,
  type Consumer,
} from '@aws-sdk/client-kinesis';
import type { StreamConsumerView } from '../contract';
import { withFallback } from '../kinesis/capabilities';
import { assumedStreamArn } from '../kinesis/probe';

interface ConsumerLister {
  send(command: ListStreamConsumersCommand | DescribeStreamSummaryCommand | DescribeStreamCommand): Promise<unknown>;
}

/** The consumers, or null when the connection does not offer enhanced fan-out. */
export function listConsumers(
  client: ConsumerLister,
  streamName: string,
  region: string,
): Promise<StreamConsumerView[] | null> {
  return withFallback<StreamConsumerView[] | null>(
    client,
    'ListStreamConsumers',
    async () => consumersOf(client, (await streamArnOf(client, streamName)) ?? assumedStreamArn(region, streamName)),
    () => Promise.resolve(null),
  );
}

function streamArnOf(client: ConsumerLister, streamName: string): Promise<string | undefined> {
  return withFallback(
    client,
    'DescribeStreamSummary',
    async () => {
      const out = (await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }))) as {
        StreamDescriptionSummary?: { StreamARN?: string };
      };
      return out.StreamDescriptionSummary?.StreamARN;
    },
    async () => {
      const out = (await client.send(new DescribeStreamCommand({ StreamName: streamName, Limit: 1 }))) as {
        StreamDescription?: { StreamARN?: string };
      };
      return out.StreamDescription?.StreamARN;
    },
  );
}

async function consumersOf(client: ConsumerLister, streamArn: string): Promise<StreamConsumerView[]> {
  const consumers: StreamConsumerView[] = [];
  let nextToken: string | undefined;
  do {
    const page = (await client.send(
      new ListStreamConsumersCommand({ StreamARN: streamArn, ...(nextToken ? { NextToken: nextToken } : {}) }),
    )) as { Consumers?: Consumer[]; NextToken?: string };
    const got = page.Consumers ?? [];
    consumers.push(...got.map(viewOf));
    // An endpoint that pages on but sends nothing would loop forever.
    nextToken = got.length > 0 ? page.NextToken : undefined;
  } while (nextToken);
  return consumers;
}

function viewOf(c: Consumer): StreamConsumerView {
  const created = c.ConsumerCreationTimestamp;
  return {
    name: c.ConsumerName ?? '',
    status: c.ConsumerStatus ?? 'UNKNOWN',
    createdAt: created && !Number.isNaN(created.getTime()) ? created.toISOString() : null,
  };
}
