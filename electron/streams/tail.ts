// Following a stream live: per shard GetShardIterator, then GetRecords polling along
// NextShardIterator, the shards of each poll round merged by arrival time into one `tail` event.
// Rounds are at least EMIT_MS apart, so a tail sends at most 4 events a second and reads a shard
// at most 4 times a second (the service allows 5 GetRecords per second per shard).
import { GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-kinesis';
import type { TailEvent, TailRecordView, TailStart, TailState } from '../contract';
import { ServiceError } from '../services';
import type { HintCode } from '../shared/reasons';
import { describeShards, type CommandSender, type StreamShard } from './index';
import { compareArrival } from '../shared/arrival';
import { TAIL_DATA_BYTES } from '../shared/tail-filter';

export interface TailClient {
  send(command: GetShardIteratorCommand | GetRecordsCommand | Parameters<CommandSender['send']>[0]): Promise<unknown>;
}

export interface TailFailure {
  name: string;
  message: string;
  hint: string;
  hintCode?: string;
  retryable: boolean;
}

export interface TailTiming {
  /** The least time between two rounds, hence between two events. */
  emitMs: number;
  /** How long a shard that had nothing new waits before it is read again. */
  idleMs: number;
  /** How often the shard list is read again, to follow a resharding. */
  relistMs: number;
  /** The first wait after a throttled read; doubled on each one after, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_TIMING: TailTiming = {
  emitMs: 250,
  idleMs: 1000,
  relistMs: 30_000,
  backoffMs: 1000,
  maxBackoffMs: 10_000,
};

/** Records in one event: the per-shard page size is this divided among the shards. */
export const MAX_EVENT_RECORDS = 500;
export const MAX_TAILS = 4;
/** How long stopAll waits for reads in flight to answer. */
const STOP_WAIT_MS = 1000;

export interface TailRequest {
  client: TailClient;
  streamName: string;
  from: TailStart;
  /** For AT_TIMESTAMP. */
  timestamp?: Date;
  describe: (error: unknown) => TailFailure;
}

export interface Tails {
  start(req: TailRequest): Promise<{ tailId: string; streamName: string; shards: number }>;
  setPaused(tailId: string, paused: boolean): TailState;
  stop(tailId: string): boolean;
  /** Stops every tail and waits (a little) until none reads any more. */
  stopAll(): Promise<void>;
}

type Position =
  | { type: Exclude<TailStart, 'AT_TIMESTAMP'> }
  | { type: 'AT_TIMESTAMP'; timestamp: Date }
  | { type: 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string };

interface Cursor {
  shardId: string;
  /** Where to open an iterator when there is none (yet, or again after it expired). */
  position: Position;
  iterator: string | null;
  dueAt: number;
  backoffMs: number;
  /** No NextShardIterator came: the shard was closed and read to its end. */
  ended: boolean;
}

const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'LimitExceededException']);

export function createTails(emit: (event: TailEvent) => void, timing: TailTiming = DEFAULT_TIMING): Tails {
  const running = new Map<string, { control: TailControl; done: Promise<void> }>();

  const find = (tailId: string) => {
    const tail = running.get(tailId);
    if (!tail) throw new ServiceError('tailNotFound', { id: tailId }, { hint: 'restartTail' });
    return tail.control;
  };

  return {
    async start(req) {
      if (running.size >= MAX_TAILS) {
        throw new ServiceError('tooManyTails', { max: MAX_TAILS }, { hint: 'stopATail' });
      }
      let shards: StreamShard[];
      try {
        shards = await describeShards(req.client, req.streamName);
      } catch (error) {
        const failure = req.describe(error);
        throw new ServiceError(
          'callFailed',
          { name: failure.name, message: failure.message },
          { hint: failure.hintCode as HintCode },
        );
      }
      const tailId = crypto.randomUUID();
      const control = new TailControl(tailId, req, shards, emit, timing);
      const done = control.run().finally(() => running.delete(tailId));
      running.set(tailId, { control, done });
      return { tailId, streamName: req.streamName, shards: shards.filter((s) => s.open).length };
    },
    setPaused: (tailId, paused) => find(tailId).setPaused(paused),
    stop(tailId) {
      const tail = running.get(tailId);
      tail?.control.stop();
      return Boolean(tail);
    },
    async stopAll() {
      const all = [...running.values()];
      for (const t of all) t.control.stop();
      // A read in flight may wait for its timeout; quitting should not. Its answer is then ignored.
      await Promise.race([Promise.allSettled(all.map((t) => t.done)), delay(STOP_WAIT_MS)]);
    },
  };
}

/** One tail's state and its poll loop; a class because pause and stop reach into the running loop. */
class TailControl {
  private readonly cursors = new Map<string, Cursor>();
  private state: TailState = 'running';
  private pending: TailRecordView[] = [];
  private error: TailEvent['error'];
  private announced: TailState | null = null;
  private lastEmitAt = 0;
  private listedAt = Date.now();
  private wake: () => void = () => {};

  constructor(
    private readonly tailId: string,
    private readonly req: TailRequest,
    shards: StreamShard[],
    private readonly emit: (event: TailEvent) => void,
    private readonly timing: TailTiming,
  ) {
    const start: Position =
      req.from === 'AT_TIMESTAMP'
        ? // A time ahead of now means "from now on"; some endpoints refuse it outright.
          { type: 'AT_TIMESTAMP', timestamp: new Date(Math.min(req.timestamp?.getTime() ?? Date.now(), Date.now())) }
        : { type: req.from };
    // From the newest record on, closed shards hold nothing more to see.
    for (const s of shards) if (s.open || req.from !== 'LATEST') this.add(s.shardId, start);
  }

  setPaused(paused: boolean): TailState {
    if (this.state === 'running' || this.state === 'paused') this.state = paused ? 'paused' : 'running';
    this.wake();
    return this.state;
  }

  stop(): void {
    if (this.state === 'running' || this.state === 'paused') this.state = 'stopped';
    this.wake();
  }

  async run(): Promise<void> {
    while (!this.over()) {
      const roundAt = Date.now();
      if (this.state === 'running') await this.round();
      await this.flush();
      if (this.over()) break;
      await this.sleep(roundAt);
    }
    await this.flush();
  }

  /** A method, not a field read: pause and stop change the state while the loop awaits. */
  private over(): boolean {
    return this.state === 'stopped' || this.state === 'failed';
  }

  private add(shardId: string, position: Position): void {
    this.cursors.set(shardId, { shardId, position, iterator: null, dueAt: 0, backoffMs: 0, ended: false });
  }

  private async round(): Promise<void> {
    if (Date.now() - this.listedAt >= this.timing.relistMs) await this.relist();
    // Records not yet sent hold back further reads: memory stays bounded when the renderer lags.
    if (this.pending.length >= MAX_EVENT_RECORDS) return;
    const now = Date.now();
    const due = [...this.cursors.values()].filter((c) => !c.ended && c.dueAt <= now);
    const live = [...this.cursors.values()].filter((c) => !c.ended).length;
    const limit = Math.max(10, Math.floor(MAX_EVENT_RECORDS / Math.max(1, live)));
    const read = await Promise.all(due.map((c) => this.read(c, limit)));
    this.pending.push(...read.flat());
    this.pending.sort(compareArrival);
  }

  /** Children of a split or merge appear in the shard list; they are read from their start. */
  private async relist(): Promise<void> {
    this.listedAt = Date.now();
    try {
      for (const s of await describeShards(this.req.client, this.req.streamName)) {
        if (!this.cursors.has(s.shardId)) this.add(s.shardId, { type: 'TRIM_HORIZON' });
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private async read(cursor: Cursor, limit: number): Promise<TailRecordView[]> {
    try {
      cursor.iterator ??= await this.open(cursor);
      const page = (await this.req.client.send(
        new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: limit }),
      )) as {
        // YDS leaves out Records when a page is empty.
        Records?: _Record[];
        NextShardIterator?: string;
        MillisBehindLatest?: number;
      };
      const records = page.Records ?? [];
      const last = records.at(-1)?.SequenceNumber;
      if (last) cursor.position = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: last };
      cursor.iterator = page.NextShardIterator ?? null;
      cursor.ended = !page.NextShardIterator;
      cursor.backoffMs = 0;
      const behind = records.length >= limit || (page.MillisBehindLatest ?? 0) > 0;
      cursor.dueAt = behind ? 0 : Date.now() + this.timing.idleMs;
      return records.map((r) => viewOf(cursor.shardId, r));
    } catch (error) {
      const name = (error as { name?: string } | null)?.name ?? '';
      if (name === 'ExpiredIteratorException') {
        // Reopened after the last record seen: nothing is lost and nothing comes twice.
        cursor.iterator = null;
        cursor.dueAt = 0;
        return [];
      }
      const failure = this.req.describe(error);
      if (THROTTLED.has(name) || failure.retryable) {
        cursor.backoffMs = Math.min(
          this.timing.maxBackoffMs,
          cursor.backoffMs ? cursor.backoffMs * 2 : this.timing.backoffMs,
        );
        cursor.dueAt = Date.now() + cursor.backoffMs;
        this.error = errorOf(failure);
      } else this.fail(error);
      return [];
    }
  }

  private async open(cursor: Cursor): Promise<string> {
    const p = cursor.position;
    const openedAt = new Date();
    const out = (await this.req.client.send(
      new GetShardIteratorCommand({
        // StreamName only: YDS rejects keys it does not know, StreamARN included.
        StreamName: this.req.streamName,
        ShardId: cursor.shardId,
        ShardIteratorType: p.type,
        ...(p.type === 'AT_TIMESTAMP' ? { Timestamp: p.timestamp } : {}),
        ...(p.type === 'AFTER_SEQUENCE_NUMBER' ? { StartingSequenceNumber: p.sequenceNumber } : {}),
      }),
    )) as { ShardIterator?: string };
    if (!out.ShardIterator)
      throw Object.assign(new Error(`No iterator for shard ${cursor.shardId}`), { name: 'NoShardIterator' });
    // Should this iterator expire before a record came, reopening at LATEST would skip what arrived meanwhile.
    if (p.type === 'LATEST') cursor.position = { type: 'AT_TIMESTAMP', timestamp: openedAt };
    return out.ShardIterator;
  }

  private fail(error: unknown): void {
    this.error = errorOf(this.req.describe(error));
    if (this.state !== 'stopped') this.state = 'failed';
  }

  /** One event for the round: its records (up to the cap) and the state, when there is news. */
  private async flush(): Promise<void> {
    if (this.pending.length === 0 && this.announced === this.state && !this.error) return;
    // A loop: timers may fire a millisecond before Date.now() says the time has come.
    for (
      let gap = this.lastEmitAt + this.timing.emitMs - Date.now();
      gap > 0;
      gap = this.lastEmitAt + this.timing.emitMs - Date.now()
    )
      await delay(gap);
    const records = this.pending.splice(0, MAX_EVENT_RECORDS);
    this.lastEmitAt = Date.now();
    this.announced = this.state;
    const error = this.error;
    this.error = undefined;
    this.emit({ tailId: this.tailId, records, state: this.state, ...(error ? { error } : {}) });
  }

  /** Until the next round: the earliest due shard, never sooner than a round's length; paused, until woken. */
  private sleep(roundAt: number): Promise<void> {
    const live = [...this.cursors.values()].filter((c) => !c.ended);
    // With every shard read to its end, only a relist can bring more.
    const nextDue = Math.min(...live.map((c) => c.dueAt), this.listedAt + this.timing.relistMs);
    const wait = this.state === 'paused' ? Infinity : Math.max(roundAt + this.timing.emitMs, nextDue) - Date.now();
    return new Promise((resolve) => {
      const timer = wait === Infinity ? undefined : setTimeout(resolve, Math.max(0, wait));
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function viewOf(shardId: string, r: _Record): TailRecordView {
  const data = r.Data ?? new Uint8Array();
  const arrived = r.ApproximateArrivalTimestamp;
  return {
    shardId,
    sequenceNumber: r.SequenceNumber ?? '',
    partitionKey: r.PartitionKey ?? '',
    arrivedAt: arrived && !Number.isNaN(arrived.getTime()) ? arrived.toISOString() : null,
    dataBase64: Buffer.from(data.subarray(0, TAIL_DATA_BYTES)).toString('base64'),
    size: data.length,
    truncated: data.length > TAIL_DATA_BYTES,
  };
}

function errorOf(f: TailFailure): NonNullable<TailEvent['error']> {
  return { name: f.name, message: f.message, hint: f.hint, ...(f.hintCode ? { hintCode: f.hintCode } : {}) };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
