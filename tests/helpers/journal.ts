// A run's journal read in tests: the records' fate lines, without the lines about calls.
import { readFile } from 'node:fs/promises';
import type { RecordResult } from '../../electron/load/results-file';

export async function readRecordResults(file: string): Promise<RecordResult[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.startsWith('{"index":'))
    .map((l) => JSON.parse(l) as RecordResult);
}
