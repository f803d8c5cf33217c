// The KPL aggregated record format: magic bytes, a protobuf AggregatedRecord, and the MD5 of that
// protobuf. The Kinesis Client Library splits such a record back into its user records; so do we.
//   message AggregatedRecord { repeated string partition_key_table = 1;
//     repeated string explicit_hash_key_table = 2; repeated Record records = 3; }
//   message Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
//     required bytes data = 3; repeated Tag tags = 4; }
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { createHash } from 'node:crypto';

export const KPL_MAGIC = Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2);
const DIGEST_BYTES = 16;

export interface KplUserRecord {
  partitionKey: string;
  explicitHashKey: string | null;
  data: Uint8Array;
}

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest();

export function hasKplMagic(bytes: Uint8Array): boolean {
  return bytes.length >= KPL_MAGIC.length + DIGEST_BYTES && KPL_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * The user records of an aggregated record; null when `bytes` is not one (no magic, a digest that
 * does not match, or a protobuf that does not parse), which is how the KCL tells them apart too.
 */
export function deaggregate(bytes: Uint8Array): KplUserRecord[] | null {
  if (!hasKplMagic(bytes)) return null;
  const message = bytes.subarray(KPL_MAGIC.length, bytes.length - DIGEST_BYTES);
  if (!md5(message).equals(bytes.subarray(bytes.length - DIGEST_BYTES))) return null;
  try {
    return userRecordsOf(message);
  } catch {
    return null;
  }
}

interface RawRecord {
  keyIndex: number;
  hashKeyIndex: number | null;
  data: Uint8Array;
}

function userRecordsOf(message: Uint8Array): KplUserRecord[] | null {
  const keys: string[] = [];
  const hashKeys: string[] = [];
  const raw: RawRecord[] = [];
  const reader = new BinaryReader(message);
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.LengthDelimited) keys.push(reader.string());
    else if (field === 2 && wireType === WireType.LengthDelimited) hashKeys.push(reader.string());
    else if (field === 3 && wireType === WireType.LengthDelimited) raw.push(recordOf(reader.bytes()));
    else reader.skip(wireType);
  }
  const records: KplUserRecord[] = [];
  for (const r of raw) {
    const partitionKey = keys[r.keyIndex];
    if (partitionKey === undefined) return null;
    const explicitHashKey = r.hashKeyIndex === null ? null : hashKeys[r.hashKeyIndex];
    if (explicitHashKey === undefined) return null;
    records.push({ partitionKey, explicitHashKey, data: r.data });
  }
  return records;
}

function recordOf(bytes: Uint8Array): RawRecord {
  const reader = new BinaryReader(bytes);
  let keyIndex: number | null = null;
  let hashKeyIndex: number | null = null;
  let data: Uint8Array | null = null;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.Varint) keyIndex = Number(reader.uint64());
    else if (field === 2 && wireType === WireType.Varint) hashKeyIndex = Number(reader.uint64());
    else if (field === 3 && wireType === WireType.LengthDelimited) data = reader.bytes();
    else reader.skip(wireType);
  }
  if (keyIndex === null || data === null) throw new Error('A KPL record needs a partition key index and data.');
  return { keyIndex, hashKeyIndex, data };
}

/**
 * One aggregated record holding `records`, as the KPL writes it (each key stored once in its
 * table). Written straight into a buffer of the exact size: a load run packs tens of thousands of
 * user records a second, and a general protobuf writer's chunks and forks cost more than the rest.
 */
export function aggregate(records: readonly KplUserRecord[]): Uint8Array {
  const keys = new Map<string, number>();
  const hashKeys = new Map<string, number>();
  const keyBytes: Uint8Array[] = [];
  const hashKeyBytes: Uint8Array[] = [];
  const indexOf = (table: Map<string, number>, bytes: Uint8Array[], key: string) => {
    let i = table.get(key);
    if (i === undefined) {
      table.set(key, (i = table.size));
      bytes.push(encoder.encode(key));
    }
    return i;
  };
  const keyIndex = new Array<number>(records.length);
  const hashKeyIndex = new Array<number>(records.length);
  const inner = new Array<number>(records.length);
  let size = 0;
  records.forEach((r, k) => {
    keyIndex[k] = indexOf(keys, keyBytes, r.partitionKey);
    hashKeyIndex[k] = r.explicitHashKey === null ? -1 : indexOf(hashKeys, hashKeyBytes, r.explicitHashKey);
    inner[k] =
      1 +
      varintBytes(keyIndex[k]) +
      (hashKeyIndex[k] < 0 ? 0 : 1 + varintBytes(hashKeyIndex[k])) +
      1 +
      varintBytes(r.data.length) +
      r.data.length;
    size += 1 + varintBytes(inner[k]) + inner[k];
  });
  for (const b of [...keyBytes, ...hashKeyBytes]) size += 1 + varintBytes(b.length) + b.length;
  const out = new Uint8Array(KPL_MAGIC.length + size + DIGEST_BYTES);
  out.set(KPL_MAGIC, 0);
  let at = KPL_MAGIC.length;
  const varint = (n: number) => {
    while (n >= 0x80) {
      out[at++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    out[at++] = n;
  };
  const field = (tag: number, bytes: Uint8Array) => {
    out[at++] = tag;
    varint(bytes.length);
    out.set(bytes, at);
    at += bytes.length;
  };
  for (const b of keyBytes) field((1 << 3) | WireType.LengthDelimited, b);
  for (const b of hashKeyBytes) field((2 << 3) | WireType.LengthDelimited, b);
  records.forEach((r, k) => {
    out[at++] = (3 << 3) | WireType.LengthDelimited;
    varint(inner[k]);
    out[at++] = (1 << 3) | WireType.Varint;
    varint(keyIndex[k]);
    if (hashKeyIndex[k] >= 0) {
      out[at++] = (2 << 3) | WireType.Varint;
      varint(hashKeyIndex[k]);
    }
    field((3 << 3) | WireType.LengthDelimited, r.data);
  });
  out.set(md5(out.subarray(KPL_MAGIC.length, at)), at);
  return out;
}

const encoder = new TextEncoder();

/** Bytes of `n` as a protobuf varint. */
export function varintBytes(n: number): number {
  let bytes = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    bytes++;
  }
  return bytes;
}
