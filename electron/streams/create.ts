// Creates a stream on any Kinesis-compatible target (AWS, YDS, an emulator) and waits, for a
// while, until it can take records: CreateStream only starts the work, and a send before the
// stream is ACTIVE fails with ResourceInUseException or ResourceNotFoundException.
import { CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { summarizeStream, type StreamLister } from './list';

export interface StreamCreator {
  send(command: CreateStreamCommand | Parameters<StreamLister['send']>[0]): Promise<unknown>;
}

export interface CreateOptions {
  /** MaxRecordSizeInKiB for a stream raised to large records (AWS); absent: the service's 1 MiB. */
  maxRecordSizeKiB?: number;
  /** How long to wait for ACTIVE before answering with the status reached. */
  waitMs?: number;
  pollMs?: number;
}

export async function createStream(
  client: StreamCreator,
  streamName: string,
  shardCount: number,
  opts: CreateOptions = {},
): Promise<{ streamName: string; status: string }> {
  await client.send(
    new CreateStreamCommand({
      StreamName: streamName,
      ShardCount: shardCount,
      ...(opts.maxRecordSizeKiB !== undefined ? { MaxRecordSizeInKiB: opts.maxRecordSizeKiB } : {}),
    }),
  );
  const deadline = Date.now() + (opts.waitMs ?? 30_000);
  const pollMs = opts.pollMs ?? 500;
  for (;;) {
    const status = await statusOf(client, streamName);
    if (status === 'ACTIVE' || Date.now() >= deadline) return { streamName, status };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The status, or CREATING while the endpoint does not know the stream yet (eventual consistency). */
async function statusOf(client: StreamLister, streamName: string): Promise<string> {
  try {
    return (await summarizeStream(client, streamName)).status;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return 'CREATING';
    throw error;
  }
}
