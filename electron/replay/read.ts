// Reads the records a replay sends from the source stream, page by page: per shard an iterator
// (AT_SEQUENCE_NUMBER for picked records and ranges, AT_TIMESTAMP for a time window), then
// GetRecords along NextShardIterator, the shards in turn. Each shard's records come in sequence
// order; one page at a time is held, so a whole stream never sits in memory. Picked records (a
// tail selection) come in the order they were picked in, the shards' reads merged to follow it:
// the shard holding the next one is read, so at most a page per shard waits. A shard is read at
// most MIN_READ_GAP_MS apart (the service allows 5 GetRecords a second per shard); a throttled
// read waits and goes again, an expired iterator is opened again after the last record read.
import { GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-kinesis';
import type { ReplaySelection } from '../contract';
import { describeShards, type CommandSender } from '../streams';

export interface ReplayReader {
  send(command: GetShardIteratorCommand | GetRecordsCommand | Parameters<CommandSender['send']>[0]): Promise<unknown>;
}

export interface SourceRecord {
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  data: Uint8Array;
  /** ISO time; null when the endpoint gave none. */
  arrival: string | null;
}

export interface ReadOptions {
  /** Records asked for per GetRecords. */
  pageLimit?: number;
  minReadGapMs?: number;
  /** The first wait after a throttled read; doubled each time after, up to 8 times as long. */
  backoffMs?: number;
}

const MIN_READ_GAP_MS = 200;
const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'LimitExceededException']);

type Start =
  | { type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string }
  | { type: 'AT_TIMESTAMP'; timestamp: Date };

/** What to do with a record read: send it, pass over it, or stop reading the shard before it. */
type Verdict = 'take' | 'skip' | 'stop';

interface Cursor {
  shardId: string;
  start: Start;
  iterator: string | null;
  judge: (r: SourceRecord) => Verdict;
  readAt: number;
  backoffMs: number;
  done: boolean;
}

/** The selection's records, shard by shard in turn, a page at a time. */
export async function* readSelection(
  client: ReplayReader,
  streamName: string,
  selection: ReplaySelection,
  options: ReadOptions = {},
): AsyncGenerator<SourceRecord[]> {
  const cursors = await cursorsOf(client, streamName, selection);
  const read = (cursor: Cursor) => readPage(client, streamName, cursor, options);
  if (selection.type === 'records') {
    yield* inPickedOrder(selection.records, cursors, read);
    return;
  }
  for (;;) {
    const open = cursors.filter((c) => !c.done);
    if (open.length === 0) return;
    const taken = await read(open.reduce((a, b) => (b.readAt < a.readAt ? b : a)));
    if (taken.length > 0) yield taken;
  }
}

/**
 * The picked records in the order of `picked`: the shard of the next one is read until it has
 * come (or the shard has nothing more: a record trimmed since is left out). Records read before
 * their turn wait; the records ready in turn go out as one page before the next read.
 */
async function* inPickedOrder(
  picked: Extract<ReplaySelection, { type: 'records' }>['records'],
  cursors: Cursor[],
  read: (cursor: Cursor) => Promise<SourceRecord[]>,
): AsyncGenerator<SourceRecord[]> {
  const cursorOf = new Map(cursors.map((c) => [c.shardId, c]));
  const waiting = new Map<string, SourceRecord>();
  const keyOf = (shardId: string, sequenceNumber: string) => `${shardId}\n${BigInt(sequenceNumber)}`;
  let page: SourceRecord[] = [];
  const seen = new Set<string>();
  for (const { shardId, sequenceNumber } of picked) {
    const key = keyOf(shardId, sequenceNumber);
    // A record picked twice goes once.
    if (seen.has(key)) continue;
    seen.add(key);
    const cursor = cursorOf.get(shardId)!;
    while (!waiting.has(key) && !cursor.done) {
      if (page.length > 0) yield page;
      page = [];
      for (const r of await read(cursor)) waiting.set(keyOf(r.shardId, r.sequenceNumber), r);
    }
    const record = waiting.get(key);
    if (!record) continue;
    waiting.delete(key);
    page.push(record);
  }
  if (page.length > 0) yield page;
}

/** One GetRecords of the cursor's shard, when its gap allows: the records it takes (none after a throttled read). */
async function readPage(
  client: ReplayReader,
  streamName: string,
  cursor: Cursor,
  options: ReadOptions,
): Promise<SourceRecord[]> {
  const gap = options.minReadGapMs ?? MIN_READ_GAP_MS;
  const limit = options.pageLimit ?? 1000;
  const firstBackoff = options.backoffMs ?? 500;
  const wait = cursor.readAt - performance.now();
  if (wait > 0) await delay(wait);
  cursor.readAt = performance.now() + gap;
  let page: { Records?: _Record[]; NextShardIterator?: string; MillisBehindLatest?: number };
  try {
    cursor.iterator ??= await openIterator(client, streamName, cursor);
    page = (await client.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: limit }))) as typeof page;
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (THROTTLED.has(name)) {
      cursor.readAt = performance.now() + cursor.backoffMs;
      cursor.backoffMs = Math.min(cursor.backoffMs * 2, firstBackoff * 8);
      return [];
    }
    if (name === 'ExpiredIteratorException') {
      cursor.iterator = null;
      return [];
    }
    throw error;
  }
  cursor.backoffMs = firstBackoff;
  // YDS leaves out Records when a page is empty.
  const records = (page.Records ?? []).map((r) => sourceRecordOf(cursor.shardId, r));
  const taken: SourceRecord[] = [];
  for (const r of records) {
    const verdict = cursor.judge(r);
    if (verdict === 'stop') {
      cursor.done = true;
      break;
    }
    if (verdict === 'take') taken.push(r);
  }
  const last = records.at(-1);
  if (last) cursor.start = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: last.sequenceNumber };
  cursor.iterator = page.NextShardIterator ?? null;
  // No next iterator: a closed shard read to its end. A short page with nothing behind it: the
  // shard's last record now (records arriving during the replay are not part of it).
  if (!page.NextShardIterator) cursor.done = true;
  else if (records.length < limit && (page.MillisBehindLatest ?? 0) === 0) cursor.done = true;
  return taken;
}

async function openIterator(client: ReplayReader, streamName: string, cursor: Cursor): Promise<string> {
  const { start } = cursor;
  const opened = (await client.send(
    new GetShardIteratorCommand({
      // StreamName only: YDS rejects keys it does not know, StreamARN included.
      StreamName: streamName,
      ShardId: cursor.shardId,
      ShardIteratorType: start.type,
      ...(start.type === 'AT_TIMESTAMP'
        ? { Timestamp: start.timestamp }
        : { StartingSequenceNumber: start.sequenceNumber }),
    }),
  )) as { ShardIterator?: string };
  if (!opened.ShardIterator) throw new Error(`The stream gave no iterator for shard ${cursor.shardId}.`);
  return opened.ShardIterator;
}

async function cursorsOf(client: ReplayReader, streamName: string, selection: ReplaySelection): Promise<Cursor[]> {
  const cursor = (shardId: string, start: Start, judge: Cursor['judge']): Cursor => ({
    shardId,
    start,
    judge,
    iterator: null,
    readAt: 0,
    backoffMs: 0,
    done: false,
  });
  switch (selection.type) {
    case 'range': {
      const to = selection.to === null ? null : BigInt(selection.to);
      return [
        cursor(selection.shardId, { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: selection.from }, (r) =>
          to !== null && BigInt(r.sequenceNumber) > to ? 'stop' : 'take',
        ),
      ];
    }
    case 'records': {
      const perShard = new Map<string, Set<string>>();
      for (const { shardId, sequenceNumber } of selection.records) {
        const set = perShard.get(shardId) ?? new Set();
        set.add(BigInt(sequenceNumber).toString());
        perShard.set(shardId, set);
      }
      return [...perShard].map(([shardId, wanted]) => {
        const sorted = [...wanted].map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const last = sorted.at(-1)!;
        return cursor(shardId, { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: sorted[0].toString() }, (r) => {
          const n = BigInt(r.sequenceNumber);
          if (n > last) return 'stop';
          return wanted.has(n.toString()) ? 'take' : 'skip';
        });
      });
    }
    case 'window': {
      const from = new Date(selection.from);
      const to = Date.parse(selection.to);
      const shards = await describeShards(client, streamName);
      // Every shard, closed ones too: a window in the past may lie before a resharding.
      return shards.map((s) =>
        cursor(s.shardId, { type: 'AT_TIMESTAMP', timestamp: from }, (r) =>
          r.arrival !== null && Date.parse(r.arrival) >= to ? 'stop' : 'take',
        ),
      );
    }
  }
}

function sourceRecordOf(shardId: string, r: _Record): SourceRecord {
  const arrived = r.ApproximateArrivalTimestamp;
  return {
    shardId,
    sequenceNumber: r.SequenceNumber ?? '',
    partitionKey: r.PartitionKey ?? '',
    data: r.Data ?? new Uint8Array(),
    arrival: arrived && !Number.isNaN(arrived.getTime()) ? arrived.toISOString() : null,
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
