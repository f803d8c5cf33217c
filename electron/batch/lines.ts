// Line-oriented sources: NDJSON (one JSON value per line) and plain lines (one payload per line).

import { parseJsonWithPosition } from './text';
import type { BatchError, BatchRow, ParsedBatch } from './types';

/** Splits on LF and drops the CR of CRLF, so line i of the result is source line i + 1. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

const isBlank = (line: string) => line.trim() === '';

export function parseNdjson(text: string): ParsedBatch {
  const rows: BatchRow[] = [];
  const errors: BatchError[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    // Parsed untrimmed, so an error column is the column in the file.
    const parsed = parseJsonWithPosition(line);
    if (parsed.ok) rows.push({ line: i + 1, payload: line.trim(), value: parsed.value });
    else errors.push({ line: i + 1, reason: parsed.reason });
  }
  return { rows, errors };
}

/** Every non-blank line is a payload, kept as written; a line holding a JSON object or array also gets its value, for field keys. */
export function parsePlainLines(text: string): ParsedBatch {
  const rows: BatchRow[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    const row: BatchRow = { line: i + 1, payload: line };
    const value = jsonContainer(line);
    if (value !== undefined) row.value = value;
    rows.push(row);
  }
  return { rows, errors: [] };
}

/** The parsed value when `text` is a JSON object or array; only those have fields to pick a key from. */
export function jsonContainer(text: string): object | undefined {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as object;
  } catch {
    return undefined;
  }
}
