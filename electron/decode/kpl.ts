// The KPL aggregated record format: magic bytes, a protobuf AggregatedRecord, and the MD5 of that
// protobuf. The Kinesis Client Library splits such a record back into its user records; so do we.
//   message AggregatedRecord { repeated string partition_key_table = 1;
//     repeated string explicit_hash_key_table = 2; repeated Record records = 3; }
//   message Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
//     required bytes data = 3; repeated Tag tags = 4; }
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
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

/** One aggregated record holding `records`, as the KPL writes it (each key stored once in its table). */
export function aggregate(records: readonly KplUserRecord[]): Uint8Array {
  const keys = new Map<string, number>();
  const hashKeys = new Map<string, number>();
  const indexOf = (table: Map<string, number>, key: string) => {
    let i = table.get(key);
    if (i === undefined) table.set(key, (i = table.size));
    return i;
  };
  const indexed = records.map((r) => ({
    key: indexOf(keys, r.partitionKey),
    hashKey: r.explicitHashKey === null ? null : indexOf(hashKeys, r.explicitHashKey),
    data: r.data,
  }));
  const writer = new BinaryWriter();
  for (const key of keys.keys()) writer.tag(1, WireType.LengthDelimited).string(key);
  for (const key of hashKeys.keys()) writer.tag(2, WireType.LengthDelimited).string(key);
  for (const r of indexed) {
    writer.tag(3, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.Varint).uint64(r.key);
    if (r.hashKey !== null) writer.tag(2, WireType.Varint).uint64(r.hashKey);
    writer.tag(3, WireType.LengthDelimited).bytes(r.data);
    writer.join();
  }
  const message = writer.finish();
  const out = new Uint8Array(KPL_MAGIC.length + message.length + DIGEST_BYTES);
  out.set(KPL_MAGIC, 0);
  out.set(message, KPL_MAGIC.length);
  out.set(md5(message), KPL_MAGIC.length + message.length);
  return out;
}
