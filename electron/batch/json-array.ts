// A JSON array file: each element is one record, located by the line where it starts.

import { FILE_LIMITS } from '../shared/file-limits';
import { tooDeepAt } from '../shared/json-depth';
import { problemOf } from '../shared/reasons';
import { describe } from './field-path';
import { tooManyRecords } from './limits';
import { lineStarts, parseJsonWithPosition, positionAt } from './text';
import type { BatchRow, ParsedBatch } from './types';

export function parseJsonArray(text: string): ParsedBatch {
  if (text.trim() === '') return { rows: [], errors: [{ line: 1, ...problemOf('jsonArrayEmpty', {}) }] };
  const deep = tooDeepAt(text, FILE_LIMITS.jsonDepth);
  if (deep >= 0) {
    const { line, column } = positionAt(lineStarts(text), deep);
    return {
      rows: [],
      errors: [{ line, ...problemOf('jsonTooDeepAtLine', { max: FILE_LIMITS.jsonDepth, line, column }) }],
    };
  }
  const parsed = parseJsonWithPosition(text);
  if (!parsed.ok) {
    // One syntax error breaks the whole array: report where, nothing else.
    return { rows: [], errors: [{ line: parsed.line, ...parsed.problem }] };
  }
  if (!Array.isArray(parsed.value)) {
    return {
      rows: [],
      errors: [{ line: 1, ...problemOf('jsonArrayExpected', { found: describe(parsed.value) }) }],
    };
  }
  const values = parsed.value as unknown[];
  if (values.length > FILE_LIMITS.batchRows) throw tooManyRecords(values.length);
  const elements = arrayElements(text);
  const starts = lineStarts(text);
  const rows: BatchRow[] = values.map((value, i) => {
    const { offset, payload } = elements[i];
    return { line: positionAt(starts, offset).line, payload, value };
  });
  return { rows, errors: [] };
}

/**
 * Each top-level element of a JSON array already known to be valid: where it starts, and its text
 * with the whitespace between tokens removed, so a pretty-printed element becomes a one-line
 * payload while its numbers and strings stay byte-for-byte as written. One pass over the characters
 * (a tokenizing visitor plus a separate compaction took several times longer on large files).
 */
function arrayElements(text: string): { offset: number; payload: string }[] {
  const elements: { offset: number; payload: string }[] = [];
  let depth = 0;
  let start = -1;
  let from = 0;
  let compacted = '';
  let inString = false;
  const close = (end: number) => {
    elements.push({ offset: start, payload: compacted + text.slice(from, end) });
    start = -1;
    compacted = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === 1 && start < 0) start = from = i;
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 1) close(i + 1);
      else if (depth === 0) {
        if (start >= 0) close(i);
        break;
      }
    } else if (c === COMMA) {
      if (depth === 1 && start >= 0) close(i);
    } else if (isWhitespace(c)) {
      if (start >= 0) {
        compacted += text.slice(from, i);
        from = i + 1;
      }
    } else {
      if (depth === 1 && start < 0) start = from = i;
      if (c === QUOTE) inString = true;
    }
  }
  return elements;
}

const [BACKSLASH, QUOTE, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COMMA] = [
  0x5c, 0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c,
];

const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
