// The load engine's source for a replay: pages read from the source stream (read.ts), made into
// the target's records (make.ts: on main when they go as they are, in a worker when a template is
// involved), handed to the engine by position. Pages are read ahead while fewer than AHEAD
// records (and AHEAD_BYTES) wait, so memory stays bounded whatever the stream holds. Each record
// carries an order key (its source shard and key): the engine sends the records of one key one
// at a time, so the target gets them in their source order.
import type { OutgoingRecord } from '../load/types';
import { ServiceError } from '../services';
import { openWorker } from '../workers/run-task';
import { openReplayMaker, usesTemplate, type MadeReplayRecord, type MakerProblem, type ReplayMakerInput } from './make';
import type { SourceRecord } from './read';
import { RUN_HEAP_MB } from '../workers/launched';

const AHEAD = 4000;
const AHEAD_BYTES = 32 * 1024 * 1024;

export interface ReplayFeed {
  /** The engine's source: a record, a promise while its page is read, null past the selection's end. */
  source(index: number): OutgoingRecord | Promise<void> | null;
  /** Stops the worker, if any. */
  close(): Promise<void>;
}

type Make = (from: number, records: SourceRecord[]) => Promise<MadeReplayRecord[]>;

/** Opens what makes the records; a broken transform or key strategy is refused here, before anything is read. */
export async function openMaker(input: ReplayMakerInput): Promise<{ make: Make; close: () => Promise<void> }> {
  if (!usesTemplate(input)) {
    const maker = openReplayMaker(input);
    if (maker.problem) throw problemError(maker.problem);
    return { make: async (from, records) => maker.make(from, records), close: async () => {} };
  }
  const worker = openWorker({
    timeoutMs: 10_000,
    heapMb: RUN_HEAP_MB,
    over: { time: 'runRecordsOverTime', memory: 'runRecordsOverMemory' },
    hint: 'smallerTemplate',
    field: input.transform ? 'transform.template' : 'keys.template',
  });
  try {
    const problem = await worker.call('openReplay', input);
    if (problem) throw problemError(problem);
  } catch (error) {
    await worker.close();
    throw error;
  }
  return { make: (from, records) => worker.call('replayRecords', { from, records }), close: () => worker.close() };
}

function problemError(p: MakerProblem): ServiceError {
  const { field, line, column, ...problem } = p;
  return line !== undefined
    ? new ServiceError('templateProblem', { line, column: column ?? 0, problem }, { field })
    : new ServiceError('batchProblem', { problem }, { field });
}

export function replayFeed(
  pages: AsyncGenerator<SourceRecord[]>,
  maker: { make: Make; close: () => Promise<void> },
  /** Each page read, in the run's order (positions from 0 on). */
  onRead: (records: SourceRecord[]) => void = () => {},
): ReplayFeed {
  const ready = new Map<number, { made: MadeReplayRecord; orderKey: string }>();
  let readyBytes = 0;
  let next = 0;
  let ended = false;
  let failure: Error | null = null;
  let fetching: Promise<void> | null = null;

  const fetchMore = (): Promise<void> =>
    (fetching ??= (async () => {
      const page = await pages.next();
      if (page.done) {
        ended = true;
        return;
      }
      onRead(page.value);
      const made = await maker.make(next, page.value);
      made.forEach((m, k) => {
        const r = page.value[k];
        ready.set(next + k, { made: m, orderKey: `${r.shardId}\n${r.partitionKey}` });
        if (m.ok) readyBytes += m.data.length;
      });
      next += made.length;
    })().then(
      () => {
        fetching = null;
      },
      (error: unknown) => {
        failure = error instanceof Error ? error : new Error(String(error));
        fetching = null;
      },
    ));

  return {
    source(n) {
      const got = ready.get(n);
      if (got) {
        ready.delete(n);
        const { made, orderKey } = got;
        if (made.ok) readyBytes -= made.data.length;
        if (ready.size < AHEAD && readyBytes < AHEAD_BYTES && !ended && failure === null) void fetchMore();
        if (!made.ok) throw new Error(made.message);
        return { partitionKey: made.partitionKey, data: made.data, orderKey };
      }
      if (failure !== null) throw failure;
      if (ended && n >= next) return null;
      return fetchMore();
    },
    close: async () => {
      await pages.return(undefined);
      await maker.close();
    },
  };
}
