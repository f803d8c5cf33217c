// What makes a run's records again after the app has restarted, kept beside its journal as
// runs/<runId>.source.json and deleted with it. A template needs only its request (the seed makes
// record i the same every time); rows are kept whole here because the history entry keeps only
// their first 64 KiB; a file's text is kept because the file may have changed or gone. A re-send
// keeps the source of the run it re-sends and which of that batch's records it consists of.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BatchRequest, ReplayRequest } from '../contract';

export interface RunSource {
  /** With its seed. A file source's fileId is that of the session that ran it: `file` stands in. */
  request: BatchRequest & { seed: number };
  file?: { name: string; text: string };
  /** A re-send: record n of this run is record indexes[n] of the batch `request` makes. */
  indexes?: number[];
  /** A replay: its records are read again from the source stream (runs/<runId>.addresses says where); `request` stands for its target. */
  replay?: ReplayRequest;
}

export const sourcePath = (resultsDir: string, runId: string) => path.join(resultsDir, `${runId}.source.json`);

/** Which run a file under runs/ belongs to: its journal and its source share the run's id. */
export const runIdOfFile = (name: string): string => name.slice(0, name.indexOf('.'));

export async function saveRunSource(resultsDir: string, runId: string, source: RunSource): Promise<void> {
  await writeFile(sourcePath(resultsDir, runId), JSON.stringify(source), 'utf8');
}

/** The run's source; null when it is gone (a run recorded before sources were kept). */
export async function loadRunSource(resultsDir: string, runId: string): Promise<RunSource | null> {
  try {
    return JSON.parse(await readFile(sourcePath(resultsDir, runId), 'utf8')) as RunSource;
  } catch {
    return null;
  }
}

/** The source of a run made of records `positions` of the run `source` describes. */
export function subsetOf(source: RunSource, positions: number[]): RunSource {
  return { ...source, indexes: source.indexes ? positions.map((p) => source.indexes![p]) : positions };
}
