// Batch files main has read: their content stays here (the renderer sees a BatchFileView and names
// the file by id), parsed again when the user picks another format or CSV options. Parsing runs in
// a worker, its rows taken in page by page, so main answers other calls meanwhile. The kept files
// are bounded by the memory they take (content and parsed rows), not by their number: the oldest
// go first.
import path from 'node:path';
import type { BatchFileView, BatchFormat } from '../contract';
import type { FileParseHead } from '../batch/file-task';
import type { BatchError, BatchRow, ParsedBatch } from '../batch/types';
import { readInputFile, tooLarge, type InputFileRules } from '../input-file';
import { ServiceError } from '../services';
import { FILE_LIMITS } from '../shared/file-limits';
import { runPaged } from '../workers/paged';
import { transferable } from '../workers/protocol';
import type { Budget } from '../workers/run-task';

const LISTED_ERRORS = 200;
const PARSE_BUDGET: Budget = {
  timeoutMs: 120_000,
  heapMb: 2048,
  over: { time: 'batchFileOverTime', memory: 'batchFileOverMemory' },
  hint: 'splitBatchFile',
};
const FILE_RULES: InputFileRules = {
  maxBytes: FILE_LIMITS.batchFileBytes,
  tooLarge: 'batchFileTooLarge',
  hint: 'splitBatchFile',
};

export interface ParseChoice {
  format: BatchFormat;
  csvPayloadColumn?: string | null;
  csvTyped?: boolean;
}

interface LoadedFile {
  id: string;
  name: string;
  /** What was read (a picked file) or dropped (its text). */
  content: Buffer | string;
  bytes: number;
  /** The last parse, the choice it was made with, and its estimated size in memory. */
  choice: ParseChoice;
  parsed: ParsedBatch;
  parsedBytes: number;
}

export interface BatchFiles {
  /** Reads a file the user picked; INVALID_INPUT when it is not a regular file or is larger than FILE_LIMITS.batchFileBytes. */
  open(file: string): Promise<BatchFileView>;
  load(name: string, text: string): Promise<BatchFileView>;
  reparse(fileId: string, choice: ParseChoice): Promise<BatchFileView>;
  /** The file's rows parsed with `choice` (cached: the last parse is reused when the choice is the same). */
  parsed(fileId: string, choice: ParseChoice): Promise<{ name: string; parsed: ParsedBatch }>;
  /** The file's name and text, kept beside a run's journal to make its records again. */
  text(fileId: string): { name: string; text: string };
  /** Estimated bytes the kept files take (content and parsed rows); at most `maxKeptBytes` after any call, unless one file alone takes more. */
  keptBytes(): number;
}

export function createBatchFiles({ maxKeptBytes = FILE_LIMITS.keptFilesBytes } = {}): BatchFiles {
  const files = new Map<string, LoadedFile>();

  const fileOrThrow = (id: string): LoadedFile => {
    const file = files.get(id);
    if (!file) throw new ServiceError('batchFileGone', {}, { hint: 'openFileAgain', field: 'source.fileId' });
    return file;
  };

  const costOf = (f: LoadedFile) => f.bytes + f.parsedBytes;
  const keptBytes = () => [...files.values()].reduce((sum, f) => sum + costOf(f), 0);

  /** Drops the oldest files until the rest fit, never `keepId` (the file in use). */
  const evict = (keepId: string) => {
    // Maps iterate in insertion order: the first keys are the oldest files.
    for (const [id] of files) {
      if (keptBytes() <= maxKeptBytes) return;
      if (id !== keepId) files.delete(id);
    }
  };

  /** Parses `content` in a worker; bytes move there and back (copying 64 MiB would hold main), so use the returned content. */
  const parse = async (name: string, content: Buffer | string, choice: ParseChoice | null) => {
    const { head, items } = await runPaged(
      'parseBatchFile',
      { name, content, choice },
      PARSE_BUDGET,
      typeof content === 'string' ? [] : transferable(content),
    );
    const back =
      typeof head.content === 'string'
        ? head.content
        : Buffer.from(head.content.buffer, head.content.byteOffset, head.content.byteLength);
    return { ...split(head, items), choice: head.choice, parsedBytes: head.bytes, content: back };
  };

  const add = async (name: string, content: Buffer | string, bytes: number): Promise<BatchFileView> => {
    if (bytes > FILE_RULES.maxBytes) throw tooLarge(name, bytes, FILE_RULES);
    const { parsed, choice, parsedBytes, content: kept } = await parse(name, content, null);
    const file: LoadedFile = { id: crypto.randomUUID(), name, content: kept, bytes, choice, parsed, parsedBytes };
    files.set(file.id, file);
    evict(file.id);
    return viewOf(file);
  };

  const parseWith = async (file: LoadedFile, choice: ParseChoice): Promise<ParsedBatch> => {
    if (sameChoice(file.choice, choice)) return file.parsed;
    const next = await parse(file.name, file.content, choice);
    Object.assign(file, {
      parsed: next.parsed,
      parsedBytes: next.parsedBytes,
      content: next.content,
      choice: { ...choice },
    });
    evict(file.id);
    return file.parsed;
  };

  return {
    async open(file) {
      const content = await readInputFile(file, FILE_RULES);
      return add(path.basename(file), content, content.length);
    },
    load: (name, text) => add(name, text, Buffer.byteLength(text, 'utf8')),
    async reparse(fileId, choice) {
      const file = fileOrThrow(fileId);
      await parseWith(file, choice);
      return viewOf(file);
    },
    async parsed(fileId, choice) {
      const file = fileOrThrow(fileId);
      return { name: file.name, parsed: await parseWith(file, choice) };
    },
    text(fileId) {
      const { name, content } = fileOrThrow(fileId);
      return { name, text: typeof content === 'string' ? content : content.toString('utf8') };
    },
    keptBytes,
  };
}

/** The rows, then the errors, as parseBatchFile kept them. */
function split(head: FileParseHead, items: unknown[]): { parsed: ParsedBatch } {
  const rows = items.slice(0, head.rows) as BatchRow[];
  const errors = items.slice(head.rows) as BatchError[];
  return { parsed: { rows, errors, ...(head.columns ? { columns: head.columns } : {}) } };
}

function sameChoice(a: ParseChoice, b: ParseChoice): boolean {
  if (a.format !== b.format) return false;
  return (
    a.format !== 'csv' ||
    ((a.csvPayloadColumn ?? null) === (b.csvPayloadColumn ?? null) && (a.csvTyped ?? false) === (b.csvTyped ?? false))
  );
}

function viewOf(file: LoadedFile): BatchFileView {
  return {
    fileId: file.id,
    name: file.name,
    bytes: file.bytes,
    format: file.choice.format,
    columns: file.parsed.columns ?? null,
    rows: file.parsed.rows.length,
    errors: file.parsed.errors.slice(0, LISTED_ERRORS),
    errorCount: file.parsed.errors.length,
  };
}
