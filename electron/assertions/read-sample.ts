// The records readBackEqual and jsonField look at: a single send's record, or up to `size`
// acknowledged records of a run spread over it (every k-th acknowledgement in its journal), each
// read back from its shard at its sequence number. Reading is bounded: past the time allowed it
// stops, keeping what it has read, and says so; a failed read stops it too.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RecordResult } from '../load/results-file';
import { problemOf, type ReasonWithParams } from '../shared/reasons';
import { readStoredRecord, type RecordAddress } from '../streams/read-back';
import type { AssertionIo, AssertionOutcome } from './evaluate';

export interface SampledRecord {
  index: number;
  /** null: the shard holds no record at that sequence number (trimmed, or never stored). */
  stored: Uint8Array | null;
  /** The bytes sent; null when they cannot be had (see ReadSample.unmade). */
  sent: Uint8Array | null;
}

export interface ReadSample {
  /** The records read, by index. */
  records: SampledRecord[];
  /** Why reading stopped before the whole sample was read; null: it was read whole. */
  stopped: ReasonWithParams | null;
  /** Why the bytes sent are not known, when they are not. */
  unmade: string;
}

/** How long reading back may take in all, unless the caller says otherwise. */
export const READ_BACK_MS = 30_000;
/** Shards read at once; each shard's records are read one after another (GetRecords is limited per shard). */
const SHARDS_AT_ONCE = 8;

type Wanted = RecordAddress & { index: number };

export async function readSample(size: number, outcome: AssertionOutcome, io: AssertionIo): Promise<ReadSample> {
  let wanted: Wanted[];
  let sent = new Map<number, Uint8Array>();
  let unmade = '';
  if (outcome.kind === 'single') {
    if (!outcome.result.ok) return stoppedAt(problemOf('assertionSendFailed', { name: outcome.result.error.name }));
    const { shardId, sequenceNumber } = outcome.result.response;
    wanted = [{ index: 0, streamName: outcome.streamName, shardId, sequenceNumber }];
    if (outcome.data) sent.set(0, outcome.data);
    else unmade = 'only the first 64 KiB of the payload were kept';
  } else {
    if (outcome.report.acknowledged === 0) return stoppedAt(problemOf('assertionNothingToRead', {}));
    if (!outcome.journalFile) {
      const cause = outcome.report.resultsFileError ?? 'the run has no results file';
      return stoppedAt(problemOf('assertionRecordsUnavailable', { cause }));
    }
    try {
      wanted = await sampleOfJournal(outcome.journalFile, outcome.streamName, size, outcome.report.acknowledged);
    } catch (error) {
      return stoppedAt(problemOf('assertionRecordsUnavailable', { cause: (error as Error).message }));
    }
    if (!outcome.remake) unmade = 'the run cannot make its records again';
    else {
      try {
        sent = await outcome.remake(wanted.map((w) => w.index));
      } catch (error) {
        unmade = (error as Error).message;
      }
    }
  }
  return { ...(await readStored(wanted, sent, io)), unmade };
}

const stoppedAt = (stopped: ReasonWithParams): ReadSample => ({ records: [], stopped, unmade: '' });

/** Every k-th acknowledged record of the journal, k spreading `size` of them over the run. */
async function sampleOfJournal(
  file: string,
  streamName: string,
  size: number,
  acknowledged: number,
): Promise<Wanted[]> {
  const every = Math.max(1, Math.floor(acknowledged / size));
  const wanted: Wanted[] = [];
  let seen = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith('{"index":') || !line.includes('"ok":true')) continue;
    // Only the lines kept are parsed: a journal may hold millions.
    if (seen++ % every !== 0) continue;
    let r: RecordResult;
    try {
      r = JSON.parse(line) as RecordResult;
    } catch {
      continue;
    }
    if (!r.ok || !r.shardId || !r.sequenceNumber) continue;
    wanted.push({ index: r.index, streamName, shardId: r.shardId, sequenceNumber: r.sequenceNumber });
    if (wanted.length >= size) {
      lines.close();
      break;
    }
  }
  return wanted.sort((a, b) => a.index - b.index);
}

async function readStored(
  wanted: Wanted[],
  sent: Map<number, Uint8Array>,
  io: AssertionIo,
): Promise<Omit<ReadSample, 'unmade'>> {
  const budgetMs = io.readBackMs ?? READ_BACK_MS;
  const read = new Map<number, Uint8Array | null>();
  let stopped: ReasonWithParams | null = null;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), budgetMs)));
  const describe = io.describe ?? ((e: unknown) => ({ name: (e as Error).name, message: (e as Error).message }));
  try {
    const reader = await Promise.race([io.reader(), expired]);
    if (reader === 'expired') throw new Expired();
    const byShard = new Map<string, Wanted[]>();
    for (const w of wanted) byShard.set(w.shardId, [...(byShard.get(w.shardId) ?? []), w]);
    const queues = [...byShard.values()];
    const readShards = async () => {
      for (let queue = queues.shift(); queue && !stopped; queue = queues.shift()) {
        for (const w of queue) {
          if (stopped) return;
          const got = await Promise.race([readStoredRecord(reader, w), expired]);
          if (got === 'expired') throw new Expired();
          read.set(w.index, got ? got.data : null);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SHARDS_AT_ONCE, queues.length) }, readShards));
  } catch (error) {
    stopped =
      error instanceof Expired
        ? problemOf('assertionReadTimeout', { seconds: Math.round(budgetMs / 1000), checked: read.size })
        : problemOf('assertionReadFailed', describe(error));
  } finally {
    clearTimeout(timer);
  }
  const records = wanted
    .filter((w) => read.has(w.index))
    .map((w) => ({ index: w.index, stored: read.get(w.index)!, sent: sent.get(w.index) ?? null }));
  return { records, stopped };
}

class Expired extends Error {}
