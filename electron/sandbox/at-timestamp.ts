// kinesalite never answers GetShardIterator AT_TIMESTAMP on a shard that holds no record at or after
// the time: its lookup waits for a record that never comes. The front answers it instead, from
// what kinesalite does answer: the shard read from its start, up to the first record at or after
// the time (an iterator at that record), or to its end (the iterator just past the last record).

export interface BackendAnswer {
  status: number;
  body: Record<string, unknown>;
}

export type BackendCall = (action: string, body: Record<string, unknown>) => Promise<BackendAnswer>;

interface Page {
  Records?: { SequenceNumber: string; ApproximateArrivalTimestamp: number }[];
  NextShardIterator?: string;
}

/** Whether the front must answer this GetShardIterator itself: AT_TIMESTAMP with a time not ahead of now. */
export function needsTimestampLookup(action: string, fields: Record<string, unknown>): boolean {
  return (
    action === 'GetShardIterator' &&
    fields.ShardIteratorType === 'AT_TIMESTAMP' &&
    typeof fields.Timestamp === 'number' &&
    // A time ahead of now is kinesalite's to refuse, as AWS does.
    fields.Timestamp * 1000 <= Date.now()
  );
}

export async function iteratorAtTimestamp(call: BackendCall, fields: Record<string, unknown>): Promise<BackendAnswer> {
  const { Timestamp, ...shard } = fields;
  const at = Timestamp as number;
  const opened = await call('GetShardIterator', { ...shard, ShardIteratorType: 'TRIM_HORIZON' });
  if (opened.status !== 200) return opened;
  let iterator = opened.body.ShardIterator as string;
  for (;;) {
    const page = await call('GetRecords', { ShardIterator: iterator, Limit: 10000 });
    if (page.status !== 200) return page;
    const { Records = [], NextShardIterator } = page.body as Page;
    const hit = Records.find((r) => r.ApproximateArrivalTimestamp >= at);
    if (hit)
      return call('GetShardIterator', {
        ...shard,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        StartingSequenceNumber: hit.SequenceNumber,
      });
    if (Records.length === 0 || !NextShardIterator)
      return { status: 200, body: NextShardIterator ? { ShardIterator: NextShardIterator } : {} };
    iterator = NextShardIterator;
  }
}
