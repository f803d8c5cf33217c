// Batch files main has read: their text stays here (the renderer sees a BatchFileView and names
// the file by id), parsed again when the user picks another format or CSV options. Only the last
// few files are kept: each may be up to 64 MiB.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BatchFileView, BatchFormat } from '../contract';
import { detectFormat, parseBatchText } from '../batch/parse';
import type { ParsedBatch } from '../batch/types';
import { ServiceError } from '../services';

export const MAX_BATCH_FILE_BYTES = 64 * 1024 * 1024;
const KEPT_FILES = 5;
const LISTED_ERRORS = 200;

export interface ParseChoice {
  format: BatchFormat;
  csvPayloadColumn?: string | null;
  csvTyped?: boolean;
}

interface LoadedFile {
  id: string;
  name: string;
  bytes: number;
  text: string;
  /** The last parse, and the choice it was made with. */
  choice: ParseChoice;
  parsed: ParsedBatch;
}

export interface BatchFiles {
  /** Reads a file the user picked; INVALID_INPUT when it is larger than MAX_BATCH_FILE_BYTES. */
  open(file: string): Promise<BatchFileView>;
  load(name: string, text: string): BatchFileView;
  reparse(fileId: string, choice: ParseChoice): BatchFileView;
  /** The file's rows parsed with `choice` (cached: the last parse is reused when the choice is the same). */
  parsed(fileId: string, choice: ParseChoice): { name: string; parsed: ParsedBatch };
  /** The file's name and text, kept beside a run's journal to make its records again. */
  text(fileId: string): { name: string; text: string };
}

export function createBatchFiles(): BatchFiles {
  const files = new Map<string, LoadedFile>();

  const fileOrThrow = (id: string): LoadedFile => {
    const file = files.get(id);
    if (!file) throw new ServiceError('NOT_FOUND', 'The batch file is no longer loaded.', 'Open the file again.', 'source.fileId');
    return file;
  };

  const parseWith = (file: LoadedFile, choice: ParseChoice): ParsedBatch => {
    if (sameChoice(file.choice, choice)) return file.parsed;
    file.parsed = parseBatchText(file.text, choice.format, { csv: { payloadColumn: choice.csvPayloadColumn ?? null, typed: choice.csvTyped ?? false } });
    file.choice = { ...choice };
    return file.parsed;
  };

  const load = (name: string, text: string): BatchFileView => {
    if (Buffer.byteLength(text, 'utf8') > MAX_BATCH_FILE_BYTES) throw tooLarge(Buffer.byteLength(text, 'utf8'));
    const format = detectFormat(name, text);
    const file: LoadedFile = { id: crypto.randomUUID(), name, bytes: Buffer.byteLength(text, 'utf8'), text, choice: { format }, parsed: parseBatchText(text, format) };
    files.set(file.id, file);
    // Maps iterate in insertion order: the first keys are the oldest files.
    for (const id of [...files.keys()].slice(0, Math.max(0, files.size - KEPT_FILES))) files.delete(id);
    return viewOf(file);
  };

  return {
    async open(file) {
      const { size } = await stat(file);
      if (size > MAX_BATCH_FILE_BYTES) throw tooLarge(size);
      return load(path.basename(file), await readFile(file, 'utf8'));
    },
    load,
    reparse(fileId, choice) {
      const file = fileOrThrow(fileId);
      parseWith(file, choice);
      return viewOf(file);
    },
    parsed(fileId, choice) {
      const file = fileOrThrow(fileId);
      return { name: file.name, parsed: parseWith(file, choice) };
    },
    text(fileId) {
      const { name, text } = fileOrThrow(fileId);
      return { name, text };
    },
  };
}

function sameChoice(a: ParseChoice, b: ParseChoice): boolean {
  if (a.format !== b.format) return false;
  return a.format !== 'csv' || ((a.csvPayloadColumn ?? null) === (b.csvPayloadColumn ?? null) && (a.csvTyped ?? false) === (b.csvTyped ?? false));
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

const tooLarge = (bytes: number) =>
  new ServiceError('INVALID_INPUT', `The file is ${(bytes / 1024 / 1024).toFixed(1)} MiB; batch files may be at most 64 MiB.`, 'Split the file into smaller ones, or generate the records with a template.');
