// A built batch asked for its records in chunks, its preview and its spread over shards: the
// work that runs in a worker when the batch has a template (electron/workers/tasks.ts), or on
// main for rows and files without one. Everything here is pure and structured-clonable.
import type { BatchPreviewRecord, BatchProblem, BatchRequest } from '../contract';
import { bytesToHex, type LimitFamily } from '../shared/limits';
import { hashKeyOf, shardFor, type ShardRange } from '../shared/shards';
import { buildBatch, type BuiltBatch, type FileRows, type TemplateEngine } from './source';

export type BatchInput = {
  request: BatchRequest;
  file: FileRows | null;
  family: LimitFamily;
  /** The stream's own maximum record size (streamMaxRecordBytes); the family's 1 MiB when not given. */
  maxRecordBytes?: number;
  seed: number;
  /** A re-send: record n of the session is record indexes[n] of the batch. */
  indexes?: number[];
};

export type BatchSummary = {
  /** The first LISTED_PROBLEMS problems. */
  problems: BatchProblem[];
  problemCount: number;
  broken: boolean;
  total: number | null;
  label: string;
  /** Why a template's first record cannot be made, if it cannot. */
  firstProblem: BatchProblem | null;
};

export type MadeRecord =
  { ok: true; partitionKey: string; data: Uint8Array; line: number | null } | { ok: false; problem: BatchProblem };

export type Spread = { spread: { shardId: string; count: number }[]; spreadOf: number };

export interface BatchSession {
  summary: BatchSummary;
  /** Records from..from+count (fewer once they hold CHUNK_BYTES), positions past the end left out. */
  records(from: number, count: number): MadeRecord[];
  /** The first `count` records for the preview, and the problems met making them. */
  preview(count: number): { records: BatchPreviewRecord[]; problems: BatchProblem[] };
  spread(shards: ShardRange[]): Spread;
}

export const LISTED_PROBLEMS = 200;
/** Records the spread counts; the preview shows the first of them. */
const SPREAD_RECORDS = 10_000;
/** A chunk of records carries at most this many bytes (a record may be 1 MiB). */
const CHUNK_BYTES = 8 * 1024 * 1024;

/** `engine` is given where a batch with a template may be built (the worker); main builds the others. */
export function openBatchSession(
  { request, file, family, maxRecordBytes, seed, indexes }: BatchInput,
  engine: TemplateEngine | null = null,
): BatchSession {
  const batch = buildBatch(request, file, family, seed, engine, maxRecordBytes);
  const first = !batch.broken && batch.total === null ? batch.recordAt(0) : null;
  const size = indexes ? indexes.length : batch.total;
  /** Where a chunk's records are put together (kept: it is as large as a chunk). */
  let scratch = new Uint8Array(64 * 1024);
  return {
    summary: {
      problems: batch.problems.slice(0, LISTED_PROBLEMS),
      problemCount: batch.problems.length,
      broken: batch.broken,
      total: batch.total,
      label: batch.label,
      firstProblem: first && !first.ok ? first.problem : null,
    },
    records(from, count) {
      const made: ({ partitionKey: string; start: number; end: number; line: number | null } | BatchProblem)[] = [];
      let bytes = 0;
      for (let n = from; n < from + count && (size === null || n < size) && bytes < CHUNK_BYTES; n++) {
        const m = batch.recordAt(indexes ? indexes[n] : n);
        if (!m.ok) {
          made.push(m.problem);
          continue;
        }
        scratch = roomFor(scratch, bytes + m.record.data.length);
        scratch.set(m.record.data, bytes);
        made.push({
          partitionKey: m.record.partitionKey,
          start: bytes,
          end: (bytes += m.record.data.length),
          line: m.line,
        });
      }
      // One buffer for the chunk, copied out of the scratch: the worker gives it away whole (one
      // transfer and one allocation a chunk, not one per record), and a rows batch keeps its own.
      const chunk = scratch.slice(0, bytes);
      return made.map((m): MadeRecord =>
        'start' in m
          ? { ok: true, partitionKey: m.partitionKey, data: chunk.subarray(m.start, m.end), line: m.line }
          : { ok: false, problem: m },
      );
    },
    preview(count) {
      const records: BatchPreviewRecord[] = [];
      const problems: BatchProblem[] = [];
      if (batch.broken) return { records, problems };
      for (let index = 0; index < Math.min(count, batch.total ?? count); index++) {
        const made = batch.recordAt(index);
        if (made.ok)
          records.push({
            index,
            line: made.line,
            partitionKey: made.record.partitionKey,
            payload: displayText(made.record.data),
            bytes: made.record.data.length,
            shardId: null,
          });
        else problems.push(made.problem);
      }
      return { records, problems };
    },
    spread: (shards) => spreadOver(batch, shards),
  };
}

/** Records per shard over the first SPREAD_RECORDS records (a template's first record without a key ends the count). */
function spreadOver(batch: BuiltBatch, shards: ShardRange[]): Spread {
  const counts = new Map(shards.map((s) => [s.shardId, 0]));
  const n = Math.min(SPREAD_RECORDS, batch.total ?? SPREAD_RECORDS);
  let spreadOf = 0;
  for (let index = 0; index < n; index++) {
    const key = batch.keyAt(index);
    if (key === null) break;
    const shard = shardFor(hashKeyOf(key), shards);
    if (shard) counts.set(shard.shardId, (counts.get(shard.shardId) ?? 0) + 1);
    spreadOf++;
  }
  return { spread: [...counts].map(([shardId, count]) => ({ shardId, count })), spreadOf };
}

function roomFor(bytes: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  if (size <= bytes.length) return bytes;
  const larger = new Uint8Array(Math.max(size, bytes.length * 2));
  larger.set(bytes);
  return larger;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function displayText(bytes: Uint8Array): string {
  return utf8Text(bytes) ?? bytesToHex(bytes);
}
