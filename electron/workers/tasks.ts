// What a worker can be asked to do: pure functions of structured-clonable input, run off the main
// thread (see run-task.ts). Each domain adds its tasks here; main imports only the types.
import { fieldFindings } from '../assertions/json-field';
import type { DecodeLayer } from '../contract';
import { decodeRecord } from '../decode/chain';
import { parseBatchFile } from '../batch/file-task';
import { decodeHistoryTask } from '../history/transfer';
import { openBatchSession, type BatchInput, type BatchSession } from '../runs/batch-session';
import { decodeSavedTask } from '../saved/transfer';
import type { ShardRange } from '../shared/shards';
import { parseRequestFile, parseWorkspaceFile } from '../workspace/format';
import * as templateEngine from '../templates';
import { openReplayMaker, type ReplayMaker, type ReplayMakerInput } from '../replay/make';
import type { SourceRecord } from '../replay/read';
import { pageOf } from './kept';
import { matchRecords } from '../filter/cel';

/** The batch this worker serves (a worker is opened for one preview or one run). */
let batch: BatchSession | null = null;
/** The replay this worker makes records for (a worker is opened for one replay). */
let replay: ReplayMaker | null = null;
const openReplay = (): ReplayMaker => {
  if (!replay) throw new Error('No replay is open in this worker.');
  return replay;
};
const openBatch = (): BatchSession => {
  if (!batch) throw new Error('No batch is open in this worker.');
  return batch;
};

export const tasks = {
  /** A batch file's rows and errors, kept for keptPage. */
  parseBatchFile,
  /** A history export's entries, checked, kept for keptPage. */
  decodeHistory: decodeHistoryTask,
  /** A saved-requests export, checked. */
  decodeSaved: decodeSavedTask,
  /** A large workspace file, parsed and checked (electron/workspace/load.ts). */
  parseWorkspaceFile: ({ text, path, kind }: { text: string; path: string; kind: 'request' | 'environment' }) =>
    kind === 'request' ? parseRequestFile(text, path) : parseWorkspaceFile(text, path, 'environment'),
  /** The next page of what the last task kept (see kept.ts, paged.ts). */
  keptPage: ({ from }: { from: number }) => pageOf(from),
  /** Builds a batch (compiles its templates) and keeps it for the tasks below. */
  openBatch: (input: BatchInput) => (batch = openBatchSession(input, templateEngine)).summary,
  batchRecords: ({ from, count }: { from: number; count: number }) => openBatch().records(from, count),
  batchPreview: ({ count }: { count: number }) => openBatch().preview(count),
  batchSpread: ({ shards }: { shards: ShardRange[] }) => openBatch().spread(shards),
  /** A JSON field assertion on the records read back: its regular expression may backtrack for long. */
  jsonFieldFindings: fieldFindings,
  /** A large record through its layers (electron/decode). */
  decodeRecord: ({ bytes, layers }: { bytes: Uint8Array; layers: DecodeLayer[] }) => decodeRecord(bytes, layers),
  /** Which tail records a filter matches (electron/filter): its matches() may backtrack for long. */
  matchTailRecords: matchRecords,
  /** Compiles a replay's transform and key strategy and keeps them for replayRecords. */
  openReplay: (input: ReplayMakerInput) => (replay = openReplayMaker(input)).problem,
  /** A page of source records as the replay's target gets them. */
  replayRecords: ({ from, records }: { from: number; records: SourceRecord[] }) => openReplay().make(from, records),
} satisfies Record<string, (input: never) => unknown>;

export type TaskName = keyof typeof tasks;
export type TaskInput<K extends TaskName> = Parameters<(typeof tasks)[K]>[0];
export type TaskOutput<K extends TaskName> = Awaited<ReturnType<(typeof tasks)[K]>>;
