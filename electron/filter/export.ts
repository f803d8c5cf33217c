// "Export the tail": records as NDJSON, one object a line with their key, shard, sequence number,
// arrival, data (base64) and, when it is JSON, the decoded value. Decoding is done in slices that
// give main back between them, so a long tail does not hold it.
import { open } from 'node:fs/promises';
import type { TailRecordView } from '../contract';
import { recordValue } from './cel';

// Records of up to 64 KiB each: a slice of 50 is a few milliseconds of decoding.
const SLICE = 50;

export function exportLine(record: TailRecordView): string {
  const value = recordValue(record);
  return JSON.stringify({
    partitionKey: record.partitionKey,
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    arrivedAt: record.arrivedAt,
    size: record.size,
    ...(record.truncated ? { truncated: true } : {}),
    dataBase64: record.dataBase64,
    ...(value.json ? { json: value.data } : {}),
  });
}

export async function writeTailExport(file: string, records: TailRecordView[]): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (let i = 0; i < records.length; i += SLICE) {
      const lines = records.slice(i, i + SLICE).map((r) => `${exportLine(r)}\n`);
      await handle.write(lines.join(''));
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await handle.close();
  }
}
