// Where each record of a replay came from, by its position in the run: runs/<runId>.addresses,
// one "shardId sequenceNumber" line per record, written as pages are read (a synchronous append,
// as the journal's lines are). Export and re-send of a replay's undelivered records read them
// again from the source stream at these addresses: the records are never kept whole.
import { appendFileSync, createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { SourceRecord } from './read';

export type Address = { shardId: string; sequenceNumber: string };

export const addressesPath = (resultsDir: string, runId: string) => path.join(resultsDir, `${runId}.addresses`);

export function appendAddresses(file: string, records: SourceRecord[]): void {
  appendFileSync(file, records.map((r) => `${r.shardId} ${r.sequenceNumber}\n`).join(''), 'utf8');
}

/** The addresses of the records at `positions`, by position (a position past the file's end has none). */
export async function readAddresses(file: string, positions: number[]): Promise<Map<number, Address>> {
  const wanted = new Set(positions);
  const found = new Map<number, Address>();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let index = 0;
  for await (const line of lines) {
    if (wanted.has(index)) {
      const [shardId, sequenceNumber] = line.split(' ');
      if (shardId && sequenceNumber) found.set(index, { shardId, sequenceNumber });
    }
    index++;
  }
  return found;
}
