// Positions in source text: BOM, line starts, and where strict JSON first goes wrong.

import { parseTree, type ParseError } from 'jsonc-parser';
import { jsonErrorName } from '../shared/limits';
import { problemOf, type ReasonWithParams } from '../shared/reasons';

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Offsets where each line begins; index i is line i + 1. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionAt(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/**
 * The first syntax error of `text` as strict JSON. JSON.parse's messages carry no reliable
 * position across engines, so the strict jsonc-parser settings locate it; call only after
 * JSON.parse has failed.
 */
function jsonSyntaxError(text: string, fallback: unknown): { offset: number; detail: string } {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { offset: 0, detail: fallback instanceof Error ? fallback.message : String(fallback) };
  return { offset: first.offset, detail: jsonErrorName(first.error) };
}

/** Parses JSON, or describes the first error with its column (and line when the text has several). */
export function parseJsonWithPosition(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: ReasonWithParams; line: number; column: number } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const { offset, detail } = jsonSyntaxError(text, e);
    const { line, column } = positionAt(lineStarts(text), offset);
    const problem = text.includes('\n')
      ? problemOf('jsonSyntaxAtLine', { detail, line, column })
      : problemOf('jsonSyntax', { detail, column });
    return { ok: false, problem, line, column };
  }
}
