// The largest record a stream takes: MaxRecordSizeInKiB from DescribeStreamSummary (AWS streams
// can be raised to 10 MiB). Endpoints that do not implement the call (YDS) or do not say take
// 1 MiB. Asked once per stream for a short while, so a send of a large record costs no extra call
// each time, and a stream raised in the console is seen soon after.
import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { withFallback } from '../kinesis/capabilities';
import { LIMITS, streamMaxRecordBytes, type LimitFamily } from '../shared/limits';

export interface SummarySender {
  send(command: DescribeStreamSummaryCommand): Promise<unknown>;
}

const KEEP_MS = 30_000;
const known = new WeakMap<object, Map<string, { at: number; kib: Promise<number | null> }>>();

/** MaxRecordSizeInKiB as the endpoint says it, or null when it does not (or does not implement the call). */
export function maxRecordSizeKiBOf(client: SummarySender, streamName: string): Promise<number | null> {
  let streams = known.get(client);
  if (!streams) known.set(client, (streams = new Map<string, { at: number; kib: Promise<number | null> }>()));
  const cached = streams.get(streamName);
  if (cached && performance.now() - cached.at < KEEP_MS) return cached.kib;
  const kib = withFallback(
    client,
    'DescribeStreamSummary',
    async () => {
      const out = (await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }))) as {
        StreamDescriptionSummary?: { MaxRecordSizeInKiB?: number };
      };
      return out.StreamDescriptionSummary?.MaxRecordSizeInKiB ?? null;
    },
    () => Promise.resolve(null),
  );
  const entry = { at: performance.now(), kib };
  streams.set(streamName, entry);
  // A failure (no such stream, offline) is not kept: the next ask tries again.
  kib.catch(() => streams.get(streamName) === entry && streams.delete(streamName));
  return kib;
}

/**
 * The stream's own maximum in bytes (streamMaxRecordBytes). YDS is never asked. When the stream
 * cannot be described, the family's largest: the service then judges the record itself, and its
 * own answer (no such stream, no access) is what the user needs to see.
 */
export async function streamMaxRecordBytesOf(
  client: () => Promise<SummarySender>,
  family: LimitFamily,
  streamName: string,
): Promise<number> {
  if (LIMITS[family].largestRecordBytes === LIMITS[family].maxRecordBytes) return LIMITS[family].maxRecordBytes;
  try {
    return streamMaxRecordBytes(family, await maxRecordSizeKiBOf(await client(), streamName));
  } catch {
    return LIMITS[family].largestRecordBytes;
  }
}
