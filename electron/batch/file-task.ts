// Parsing a batch file, as a worker task: the rows and errors stay in the worker (kept.ts) for
// main to take page by page; main gets the summary at once.
import type { ParseChoice } from '../runs/files';
import { keep } from '../workers/kept';
import { detectFormat, parseBatchText } from './parse';
import type { BatchError, BatchRow } from './types';

export interface FileParseInput {
  name: string;
  /** The file's bytes (read by main) or text (dropped on the window). */
  content: Uint8Array | string;
  /** null: detect the format, parse with the default options. */
  choice: ParseChoice | null;
}

export interface FileParseHead {
  /** The input's content, handed back: bytes moved here are main's no longer. */
  content: Uint8Array | string;
  choice: ParseChoice;
  columns: string[] | null;
  rows: number;
  /** Rows first, then errors. */
  kept: number;
  /** Estimated bytes the rows and errors take in memory. */
  bytes: number;
}

export function parseBatchFile({ name, content, choice }: FileParseInput): FileParseHead {
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  const used: ParseChoice = choice ?? { format: detectFormat(name, text) };
  const parsed = parseBatchText(text, used.format, {
    csv: { payloadColumn: used.csvPayloadColumn ?? null, typed: used.csvTyped ?? false },
  });
  const items: (BatchRow | BatchError)[] = [...parsed.rows, ...parsed.errors];
  return {
    content,
    choice: used,
    columns: parsed.columns ?? null,
    rows: parsed.rows.length,
    kept: items.length,
    bytes: keep(items, sizeOf),
  };
}

/** Roughly what V8 holds for an item: UTF-16 text, a parsed value or row fields about as big again, object overhead. */
function sizeOf(item: BatchRow | BatchError): number {
  if ('reason' in item) return 64 + 2 * JSON.stringify(item.params).length;
  const copies = 1 + (item.value !== undefined ? 1 : 0) + (item.fields !== undefined ? 1 : 0);
  return 64 + 2 * item.payload.length * copies;
}
