// Entry points for batch sources: pick the parser for a format, and guess the format of a file.

import { parseCsv, guessDelimiter } from './csv';
import { parseJsonArray } from './json-array';
import { jsonContainer, parseNdjson, parsePlainLines, splitLines } from './lines';
import { stripBom } from './text';
import type { BatchFormat, ParseOptions, ParsedBatch } from './types';

/**
 * Parses a batch file. Blank lines are skipped silently; every other problem is reported as
 * { line, reason } with the 1-based line of the source, and the good rows stay usable.
 */
export function parseBatchText(text: string, format: BatchFormat, options: ParseOptions = {}): ParsedBatch {
  const body = stripBom(text);
  switch (format) {
    case 'ndjson':
      return parseNdjson(body);
    case 'json':
      return parseJsonArray(body);
    case 'csv':
      return parseCsv(body, options.csv ?? { payloadColumn: null });
    case 'lines':
      return parsePlainLines(body);
  }
}

/** A specific extension decides; for .json and unknown names the content does. */
export function detectFormat(fileName: string, text: string): BatchFormat {
  const ext = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1];
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'txt' || ext === 'log') return 'lines';
  const body = stripBom(text).trimStart();
  const firstLines = splitLines(body.slice(0, 64 * 1024)).filter((l) => l.trim() !== '');
  const first = firstLines[0] ?? '';
  // "[1,2]\n[3,4]" is NDJSON of arrays; "[\n {...}" is one array.
  if (firstLines.length > 1 && jsonContainer(first) !== undefined) return 'ndjson';
  if (body.startsWith('[')) return 'json';
  if (body.startsWith('{')) return 'ndjson';
  if (ext === 'json') return 'json';
  if (firstLines.length > 1 && looksLikeCsv(firstLines[0], firstLines[1])) return 'csv';
  return 'lines';
}

function looksLikeCsv(header: string, next: string): boolean {
  const d = guessDelimiter(header);
  const count = (line: string) => line.replace(/"[^"]*"/g, '').split(d).length - 1;
  return count(header) > 0 && count(header) === count(next);
}
