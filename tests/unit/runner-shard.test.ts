import { describe, expect, it } from 'vitest';
import {
  derivedSeed,
  MAX_SHARDS,
  parseShard,
  positionOf,
  shardSource,
  ShardError,
  shardOf,
  sliceOf,
} from '../../electron/runner/shard';
import type { Shard } from '../../electron/runner/report';

/** Every position the shards of a run send, shard by shard. */
function positionsOf(count: number, total: number): number[][] {
  return Array.from({ length: count }, (_, index) => {
    const slice = sliceOf({ index, count }, total);
    return Array.from({ length: slice.count! }, (_, k) => positionOf(slice, k));
  });
}

describe('sliceOf, a run of known size', () => {
  it('sends every position exactly once across the shards, in blocks of sizes differing by at most one', () => {
    const totals = [1, 2, 3, 7, 10, 99, 100, 101, 499, 500, 501, 1000, 2000, 4099];
    const shardCounts = [1, 2, 3, 4, 5, 7, 8, 16, 33, 100, 1000];
    for (const total of totals)
      for (const n of shardCounts) {
        const shards = positionsOf(n, total);
        const all = shards.flat();
        expect(all.length, `${total} records over ${n} shards`).toBe(total);
        expect(new Set(all).size).toBe(total);
        expect(all).toEqual(Array.from({ length: total }, (_, p) => p));
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // Each shard's positions are one contiguous, increasing block.
        expect(shards.every((s) => s.every((p, k) => k === 0 || p === s[k - 1] + 1))).toBe(true);
      }
  });

  it('cuts the largest run over the most shards without losing a position to rounding', () => {
    const total = 100_000_000;
    let next = 0;
    for (let index = 0; index < MAX_SHARDS; index++) {
      const slice = sliceOf({ index, count: MAX_SHARDS }, total);
      expect(slice.start).toBe(next);
      next += slice.count!;
    }
    expect(next).toBe(total);
  });

  it('gives a shard of a run smaller than the shard count nothing or one record', () => {
    expect(positionsOf(4, 2)).toEqual([[], [0], [], [1]]);
  });
});

describe('sliceOf, a run bounded by time', () => {
  it('sends positions i, i+N, … so that the shards never meet, however long they run', () => {
    for (const n of [1, 2, 4, 9, 64]) {
      const seen = new Map<number, number>();
      for (let index = 0; index < n; index++) {
        const slice = sliceOf({ index, count: n }, null);
        expect(slice.count).toBeNull();
        // Shards run at different speeds: each reaches a different k.
        const reached = 50 + index * 7;
        for (let k = 0; k < reached; k++) {
          const p = positionOf(slice, k);
          expect(seen.has(p), `position ${p} sent by shards ${seen.get(p)} and ${index}`).toBe(false);
          seen.set(p, index);
        }
      }
      // Up to where the slowest shard got, every position was sent.
      for (let p = 0; p < 50 * n; p++) expect(seen.has(p)).toBe(true);
    }
  });
});

describe('parseShard', () => {
  it('reads 0-based i/N', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    expect(parseShard(' 9999/10000 ')).toEqual({ index: 9999, count: 10_000 });
  });

  it.each([
    ['4/4', 'out of range; with 4 shards it is 0 to 3'],
    ['1/0', 'must be 1 to 10000'],
    ['0/10001', 'must be 1 to 10000'],
    ['-1/4', 'takes i/N'],
    ['1.5/4', 'takes i/N'],
    ['2', 'takes i/N'],
    ['a/b', 'takes i/N'],
    ['1/2/3', 'takes i/N'],
    ['', 'takes i/N'],
  ])('refuses %j, saying what is wrong', (text, words) => {
    expect(() => parseShard(text)).toThrow(ShardError);
    expect(() => parseShard(text)).toThrow(words);
  });
});

describe('shardOf', () => {
  const job = { JOB_COMPLETION_INDEX: '2', STREAM_COMPOSER_SHARDS: '5' };

  it('takes the Indexed Job environment when there is no flag', () => {
    expect(shardOf(undefined, job)).toEqual<Shard>({ index: 2, count: 5 });
  });

  it('lets the flag win over the environment', () => {
    expect(shardOf('1/3', job)).toEqual<Shard>({ index: 1, count: 3 });
  });

  it('runs the whole request with neither', () => {
    expect(shardOf(undefined, { PATH: '/bin' })).toBeNull();
  });

  it('refuses half an environment setting, naming the variable to set', () => {
    expect(() => shardOf(undefined, { JOB_COMPLETION_INDEX: '0' })).toThrow(/set STREAM_COMPOSER_SHARDS/);
    expect(() => shardOf(undefined, { STREAM_COMPOSER_SHARDS: '4' })).toThrow(/JOB_COMPLETION_INDEX is not/);
    expect(() => shardOf(undefined, { ...job, JOB_COMPLETION_INDEX: 'x' })).toThrow(/whole number/);
    expect(() => shardOf(undefined, { ...job, JOB_COMPLETION_INDEX: '5' })).toThrow(/0 to 4/);
  });
});

describe('derivedSeed', () => {
  const request = { kind: 'batch', source: { type: 'template', template: '{"n": {{seq}}}' } };

  it('is the same in every process for the same request file, and a valid seed', () => {
    const seed = derivedSeed('orders/big.request.yaml', request);
    expect(derivedSeed('orders/big.request.yaml', structuredClone(request))).toBe(seed);
    expect(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 31 - 1).toBe(true);
  });

  it('differs for another file or another request', () => {
    const seed = derivedSeed('orders/big.request.yaml', request);
    expect(derivedSeed('orders/other.request.yaml', request)).not.toBe(seed);
    expect(derivedSeed('orders/big.request.yaml', { ...request, kind: 'single' })).not.toBe(seed);
  });
});

describe('shardSource', () => {
  it("hands the shard's k-th record as the run's record at the shard's k-th position", () => {
    const run = (p: number) => `record ${p}`;
    const block = shardSource(run, sliceOf({ index: 1, count: 4 }, 10));
    expect([0, 1].map(block)).toEqual(['record 2', 'record 3']);
    const stride = shardSource(run, sliceOf({ index: 1, count: 4 }, null));
    expect([0, 1, 2].map(stride)).toEqual(['record 1', 'record 5', 'record 9']);
  });
});
