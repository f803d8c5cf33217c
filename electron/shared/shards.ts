// Which shard a record lands on, as Kinesis and YDS decide it: MD5 of the partition key (UTF-8) as
// an unsigned 128-bit integer, or the explicit hash key, matched against the shards' hash key
// ranges. Pure, so the renderer can preview it while the user types.
import { md5 } from 'js-md5';

export interface ShardRange {
  shardId: string;
  /** Decimal, 0 .. 2^128-1, inclusive. */
  startingHashKey: string;
  /** Decimal, 0 .. 2^128-1, inclusive. */
  endingHashKey: string;
}

/** The hash key Kinesis derives from a partition key. js-md5 hashes strings as UTF-8. */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${md5.hex(partitionKey)}`);
}

/** The shard whose range holds the hash key; undefined when none does. Pass open shards only: a closed parent overlaps its children. */
export function shardFor(hashKey: bigint, shards: readonly ShardRange[]): ShardRange | undefined {
  return shards.find((s) => BigInt(s.startingHashKey) <= hashKey && hashKey <= BigInt(s.endingHashKey));
}

/** shardFor with the ranges read once: for a caller that places records by the thousand. */
export function shardFinder(shards: readonly ShardRange[]): (hashKey: bigint) => ShardRange | undefined {
  const ranges = shards.map((s) => ({ shard: s, from: BigInt(s.startingHashKey), to: BigInt(s.endingHashKey) }));
  return (hashKey) => ranges.find((r) => r.from <= hashKey && hashKey <= r.to)?.shard;
}

/** A hash key inside the shard's range (its midpoint), for "send to shard N". */
export function hashKeyInside(shard: ShardRange): string {
  return ((BigInt(shard.startingHashKey) + BigInt(shard.endingHashKey)) / 2n).toString();
}
