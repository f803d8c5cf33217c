// Where a batch's work runs. A template can ask for slow or huge work (a generator with a big
// count, a record that grows without end), so a batch with one is built and rendered in a worker
// with a time and memory budget, and main keeps answering meanwhile; rows and files without a
// template are cheap and bounded (at most what the file holds), and stay on main.
import type { BatchRequest } from '../contract';
import { ownBytes, type OutgoingRecord } from '../load/types';
import { openWorker, type Budget } from '../workers/run-task';
import type { BatchInput, BatchSession } from './batch-session';

export type HostedBatch = {
  [K in 'records' | 'preview' | 'spread']: (
    ...args: Parameters<BatchSession[K]>
  ) => Promise<ReturnType<BatchSession[K]>>;
} & {
  summary: BatchSession['summary'];
  close(): Promise<void>;
};

const usesTemplate = (request: BatchRequest) => request.source.type === 'template' || request.keys.type === 'template';

export async function hostBatch(input: BatchInput, budget: Budget): Promise<HostedBatch> {
  if (!usesTemplate(input.request)) {
    // Loaded here only: through the template compiler it evaluates faker, which a template batch
    // leaves to its worker (the command-line runner's start waits for neither).
    const session = (await import('./batch-session')).openBatchSession(input);
    return {
      summary: session.summary,
      records: async (from, count) => session.records(from, count),
      preview: async (count) => session.preview(count),
      spread: async (shards) => session.spread(shards),
      close: async () => {},
    };
  }
  const worker = openWorker(budget);
  try {
    const summary = await worker.call('openBatch', input);
    return {
      summary,
      records: (from, count) => worker.call('batchRecords', { from, count }),
      preview: (count) => worker.call('batchPreview', { count }),
      spread: (shards) => worker.call('batchSpread', { shards }),
      close: () => worker.close(),
    };
  } catch (error) {
    await worker.close();
    throw error;
  }
}

/**
 * Records asked for at once, and how far ahead of the engine they are asked for: enough for
 * several calls of 500 in flight, and never more than AHEAD_BYTES held (records may be 1 MiB).
 * The first asks are small and double up to CHUNK: the first call waits for the first chunk, and
 * 500 records of a heavy template take the worker a good part of a second to make.
 */
const FIRST_CHUNK = 16;
const CHUNK = 500;
const AHEAD = 8 * CHUNK;
const AHEAD_BYTES = 32 * 1024 * 1024;

/**
 * The engine's source over a hosted batch: record n at once when it has arrived, else a promise
 * that settles when it has (records are asked for in chunks, ahead of the engine, so a run's
 * throughput holds). A record is handed over once; asking for it again makes it again.
 */
export function feedOf(batch: HostedBatch): (n: number) => OutgoingRecord | Promise<void> {
  const ready = new Map<number, Awaited<ReturnType<HostedBatch['records']>>[number]>();
  let next = 0;
  let readyBytes = 0;
  let ended = false;
  let failure: Error | null = null;
  let fetching: Promise<void> | null = null;
  let chunk = FIRST_CHUNK;

  const fetchFrom = (from: number): Promise<void> =>
    (fetching ??= batch.records(from, chunk).then(
      (made) => {
        chunk = Math.min(CHUNK, chunk * 2);
        made.forEach((m, k) => {
          ready.set(from + k, m);
          if (m.ok) readyBytes += m.data.length;
        });
        next = from + made.length;
        ended = made.length === 0;
        fetching = null;
      },
      (error: unknown) => {
        failure = error instanceof Error ? error : new Error(String(error));
        fetching = null;
      },
    ));

  const arrived = async (n: number): Promise<void> => {
    // A position apart from the last ones (export asks for any, in any order) is fetched from there.
    while (!ready.has(n) && failure === null && !(ended && n >= next)) await (fetching ?? fetchFrom(n));
  };

  return (n) => {
    const made = ready.get(n);
    if (made) {
      ready.delete(n);
      if (made.ok) readyBytes -= made.data.length;
      // Positions passed over (export skips some) go too; the map holds them in order.
      for (const [k, m] of ready) {
        if (k > n) break;
        ready.delete(k);
        if (m.ok) readyBytes -= m.data.length;
      }
      if (next - n < AHEAD && readyBytes < AHEAD_BYTES && !ended && failure === null) void fetchFrom(next);
      if (!made.ok) throw new UnmadeRecord(made.problem.message);
      return { partitionKey: made.partitionKey, data: made.data };
    }
    if (failure !== null) throw failure;
    if (ended && n >= next) throw new UnmadeRecord(`The batch has no record ${n + 1}.`);
    return arrived(n);
  };
}

/** A record the batch cannot make (unlike a worker stopped by its budget, which stops everything). */
export class UnmadeRecord extends Error {}

/** Record n of a feed, waiting for it to arrive; with bytes of its own, as its caller keeps it. */
export async function recordOf(
  feed: (n: number) => OutgoingRecord | Promise<void>,
  n: number,
): Promise<OutgoingRecord> {
  for (;;) {
    const made = feed(n);
    if (!(made instanceof Promise)) return ownBytes(made);
    await made;
  }
}
