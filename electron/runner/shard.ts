// Splitting a run over N processes (`--shard i/N`, or a Kubernetes Indexed Job's
// JOB_COMPLETION_INDEX with STREAM_COMPOSER_SHARDS): process i sends exactly its share of the
// record positions, so the N processes together send every position once.
//
// Shards are 0-based, like JOB_COMPLETION_INDEX, so the Job's index can be passed as it is.
//
// A run of known size (a count, or the rows of a file) is cut into N contiguous blocks, sizes
// differing by at most one. Blocks, not a stride, because a record is made from its position
// (a template from position and seed, a row by its number): a block lets each process make only
// its own records, in order, and keeps the records of one partition key inside a block in the
// order a single process would send them; a stride would hand a key's consecutive records to N
// processes racing each other. A run bounded only by time has no size to cut, so it goes by
// stride: process i sends positions i, i+N, i+2N, … for as long as it runs.
import { createHash } from 'node:crypto';
import type { Shard } from './report';

export const MAX_SHARDS = 10_000;

/** A shard setting that cannot be used; the message says what to fix. The CLI exits with a usage error. */
export class ShardError extends Error {}

/** Environment variables that set the shard without the flag (a Kubernetes Indexed Job sets the first). */
export const SHARD_ENV = { index: 'JOB_COMPLETION_INDEX', count: 'STREAM_COMPOSER_SHARDS' } as const;

const WHOLE = /^\d+$/;

/** `--shard i/N`: i in 0..N-1, N in 1..MAX_SHARDS. */
export function parseShard(text: string): Shard {
  const parts = text.trim().split('/');
  if (parts.length !== 2 || !WHOLE.test(parts[0]) || !WHOLE.test(parts[1])) {
    throw new ShardError(`--shard takes i/N (0-based: 0/4 … 3/4), not "${text}".`);
  }
  return checked(Number(parts[0]), Number(parts[1]), '--shard');
}

/**
 * The shard this process runs: the flag when given, else the environment, else none (the whole
 * run). Half an environment setting is refused, so that N processes never each send everything.
 */
export function shardOf(flag: string | undefined, env: NodeJS.ProcessEnv): Shard | null {
  if (flag !== undefined) return parseShard(flag);
  const index = env[SHARD_ENV.index];
  const count = env[SHARD_ENV.count];
  if (index === undefined && count === undefined) return null;
  if (count === undefined) {
    throw new ShardError(
      `${SHARD_ENV.index} is set but ${SHARD_ENV.count} is not: set ${SHARD_ENV.count} to the Job's completions (the number of shards).`,
    );
  }
  if (index === undefined) {
    throw new ShardError(
      `${SHARD_ENV.count} is set but ${SHARD_ENV.index} is not: run as a Kubernetes Indexed Job, or pass --shard i/N.`,
    );
  }
  if (!WHOLE.test(index.trim())) throw new ShardError(`${SHARD_ENV.index} must be a whole number, not "${index}".`);
  if (!WHOLE.test(count.trim())) throw new ShardError(`${SHARD_ENV.count} must be a whole number, not "${count}".`);
  return checked(Number(index), Number(count), `${SHARD_ENV.index}/${SHARD_ENV.count}`);
}

function checked(index: number, count: number, where: string): Shard {
  if (count < 1 || count > MAX_SHARDS) {
    throw new ShardError(`${where}: the number of shards must be 1 to ${MAX_SHARDS}, not ${count}.`);
  }
  if (index >= count) {
    throw new ShardError(
      `${where}: shard index ${index} is out of range; with ${count} shards it is 0 to ${count - 1}.`,
    );
  }
  return { index, count };
}

/**
 * The positions one shard sends: its k-th record is position `start + k * step` of the whole
 * run, for k below `count` (null: a run bounded by time, no end of its own).
 */
export interface ShardSlice {
  start: number;
  step: number;
  count: number | null;
}

/** Shard `shard`'s positions in a run of `total` records (null: bounded only by time). */
export function sliceOf(shard: Shard, total: number | null): ShardSlice {
  if (total === null) return { start: shard.index, step: shard.count, count: null };
  const start = blockStart(shard.index, shard.count, total);
  return { start, step: 1, count: blockStart(shard.index + 1, shard.count, total) - start };
}

// Exact in floating point: i * total is at most 10^4 shards × 10^8 records, far below 2^53.
const blockStart = (i: number, n: number, total: number) => Math.floor((i * total) / n);

/** Position of the shard's k-th record in the whole run. */
export const positionOf = (slice: ShardSlice, k: number): number => slice.start + k * slice.step;

/**
 * The seed of a sharded run whose request has none. Every shard must make record i the same way,
 * so the seed cannot be drawn per process: it comes from the request file (its path in the
 * workspace and its request), the same in every process that reads the same workspace.
 */
export function derivedSeed(path: string, request: unknown): number {
  const digest = createHash('sha256')
    .update(`${path}\n${JSON.stringify(request)}`)
    .digest();
  return digest.readUInt32BE(0) & 0x7fffffff;
}

/**
 * The shard's source over the whole run's: its k-th record is the run's record at positionOf(k).
 * Blocks ask for contiguous positions, as an unsharded run does; a stride (a run bounded by time)
 * asks for every N-th, so a template feed makes N records for each one sent — the cost of a run
 * that has no size to cut into blocks.
 */
export const shardSource =
  <T>(source: (position: number) => T, slice: ShardSlice) =>
  (k: number): T =>
    source(positionOf(slice, k));
