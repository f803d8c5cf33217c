// Shapes shared by the batch parsers, the key strategies and the record builder.

import type { ReasonWithParams } from '../shared/reasons';

export type { BatchFormat } from '../shared/names';

/** One record-to-be from a batch source. `line` is the 1-based line of the source where it starts. */
export type BatchRow = {
  line: number;
  /** The text that becomes the record's data (before the payload mode encodes it). */
  payload: string;
  /** The parsed payload when it is JSON (NDJSON, JSON array, CSV whole-row, a JSON object/array line). */
  value?: unknown;
  /** CSV only: the row's columns by header name. */
  fields?: Record<string, unknown>;
};

/** What is wrong with one line or row, as a reason with its parameters (electron/shared/reasons.ts). */
export type BatchError = { line: number } & ReasonWithParams;

export type ParsedBatch = { rows: BatchRow[]; errors: BatchError[]; columns?: string[] };

export type CsvOptions = {
  /** The column whose text is the payload; null sends the whole row as a JSON object. */
  payloadColumn: string | null;
  /** One character; omitted: guessed from the header line (comma, tab, semicolon or pipe). */
  delimiter?: string;
  /** Turn numbers and true/false into JSON numbers/booleans; otherwise every value stays a string. */
  typed?: boolean;
};

export type ParseOptions = { csv?: CsvOptions };
