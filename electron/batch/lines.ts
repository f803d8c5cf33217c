// Line-oriented sources: NDJSON (one JSON value per line) and plain lines (one payload per line).

import { FILE_LIMITS } from '../shared/file-limits';
import { tooDeepAt } from '../shared/json-depth';
import { problemOf, type ReasonWithParams } from '../shared/reasons';
import { tooManyRows } from './limits';
import { parseJsonWithPosition } from './text';
import type { BatchError, BatchRow, ParsedBatch } from './types';

/** Splits on LF and drops the CR of CRLF, so line i of the result is source line i + 1. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

const isBlank = (line: string) => line.trim() === '';

/** Counted before splitting: a file of millions of tiny lines would fill memory with their strings. */
function refuseManyLines(text: string): void {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (++lines > FILE_LIMITS.batchRows) throw tooManyRows('lines');
  }
}

/** Why a line cannot be a record before it is even parsed, or null. */
function lineTooBig(line: string): ReasonWithParams | null {
  if (line.length > FILE_LIMITS.lineChars) {
    return problemOf('lineTooLong', { length: line.length, max: FILE_LIMITS.lineChars });
  }
  return null;
}

export function parseNdjson(text: string): ParsedBatch {
  refuseManyLines(text);
  const rows: BatchRow[] = [];
  const errors: BatchError[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line)) continue;
    const big = lineTooBig(line);
    if (big) {
      errors.push({ line: i + 1, ...big });
      continue;
    }
    const deep = tooDeepAt(line, FILE_LIMITS.jsonDepth);
    if (deep >= 0) {
      errors.push({ line: i + 1, ...problemOf('jsonTooDeep', { max: FILE_LIMITS.jsonDepth, column: deep + 1 }) });
      continue;
    }
    // Parsed untrimmed, so an error column is the column in the file.
    const parsed = parseJsonWithPosition(line);
    if (parsed.ok) rows.push({ line: i + 1, payload: line.trim(), value: parsed.value });
    else errors.push({ line: i + 1, ...parsed.problem });
  }
  return { rows, errors };
}

/** Every non-blank line is a payload, kept as written; a line holding a JSON object or array also gets its value, for field keys. */
export function parsePlainLines(text: string): ParsedBatch {
  refuseManyLines(text);
  const rows: BatchRow[] = [];
  const errors: BatchError[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line)) continue;
    const big = lineTooBig(line);
    if (big) {
      errors.push({ line: i + 1, ...big });
      continue;
    }
    const row: BatchRow = { line: i + 1, payload: line };
    const value = jsonContainer(line);
    if (value !== undefined) row.value = value;
    rows.push(row);
  }
  return { rows, errors };
}

/**
 * The parsed value when `text` is a JSON object or array; only those have fields to pick a key
 * from. A value nested too deep to handle stays text.
 */
export function jsonContainer(text: string): object | undefined {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  if (tooDeepAt(text, FILE_LIMITS.jsonDepth) >= 0) return undefined;
  try {
    return JSON.parse(text) as object;
  } catch {
    return undefined;
  }
}
