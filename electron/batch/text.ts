// Positions in source text: BOM, line starts, and where strict JSON first goes wrong.

import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';

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
function jsonSyntaxError(text: string, fallback: unknown): { offset: number; description: string } {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { offset: 0, description: fallback instanceof Error ? fallback.message : String(fallback) };
  // CloseBraceExpected -> "close brace expected"
  const description = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return { offset: first.offset, description };
}

/** Parses JSON, or describes the first error with its column (and line when the text has several). */
export function parseJsonWithPosition(
  text: string,
): { ok: true; value: unknown } | { ok: false; reason: string; line: number; column: number } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const { offset, description } = jsonSyntaxError(text, e);
    const { line, column } = positionAt(lineStarts(text), offset);
    const where = text.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
    return { ok: false, reason: `not valid JSON: ${description} at ${where}`, line, column };
  }
}
