// CSV with a header row: each later row is a record, its payload one column or the whole row as JSON.

import Papa from 'papaparse';
import { FILE_LIMITS } from '../shared/file-limits';
import { problemOf, type ReasonWithParams } from '../shared/reasons';
import { tooManyColumns, tooManyRows } from './limits';
import { jsonContainer } from './lines';
import { lineStarts, positionAt } from './text';
import type { BatchError, BatchRow, CsvOptions, ParsedBatch } from './types';

const DELIMITERS = [',', '\t', ';', '|'];

export function parseCsv(text: string, options: CsvOptions): ParsedBatch {
  const starts = lineStarts(text);
  const rows: BatchRow[] = [];
  const errors: BatchError[] = [];
  let columns: string[] | undefined;
  let headerProblem = false;
  let rowStart = 0;
  // Declared wide: the parser's callbacks set it, which the type checker's narrowing cannot see.
  let refusal = null as Error | null;
  Papa.parse<string[]>(text, {
    delimiter: options.delimiter ?? guessDelimiter(text),
    skipEmptyLines: false,
    step: (result, parser) => {
      if (refusal) return;
      // meta.cursor is where the next row begins, so the previous value is where this one began.
      const line = positionAt(starts, rowStart).line;
      rowStart = result.meta.cursor;
      const cells = result.data;
      if (cells.every((c) => c.trim() === '')) return;
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        // Papa folds everything up to the next closing quote into this row, so the rows it swallowed are not listed.
        errors.push({
          line,
          ...problemOf(quoteError.code === 'MissingQuotes' ? 'csvQuoteNotClosed' : 'csvTextAfterQuote', {}),
        });
        return;
      }
      if (!columns) {
        if (cells.length > FILE_LIMITS.csvColumns) {
          refusal = tooManyColumns(cells.length);
          return parser.abort();
        }
        columns = cells;
        const problem = headerError(columns, options.payloadColumn);
        if (problem) {
          errors.push({ line, ...problem });
          headerProblem = true;
        }
        return;
      }
      if (headerProblem) return;
      if (cells.length !== columns.length) {
        errors.push({ line, ...problemOf('csvRowFields', { got: cells.length, want: columns.length }) });
        return;
      }
      if (rows.length === FILE_LIMITS.batchRows) {
        refusal = tooManyRows('rows');
        return parser.abort();
      }
      rows.push(toRow(line, columns, cells, options));
    },
  });
  if (refusal) throw refusal;
  return { rows, errors, ...(columns ? { columns } : {}) };
}

function headerError(columns: string[], payloadColumn: string | null): ReasonWithParams | null {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) return problemOf('csvColumnTwice', { column: c });
    seen.add(c);
  }
  if (payloadColumn !== null && !seen.has(payloadColumn)) {
    return problemOf('csvNoPayloadColumn', { column: payloadColumn, columns: columns.join(', ') });
  }
  return null;
}

function toRow(line: number, columns: string[], cells: string[], options: CsvOptions): BatchRow {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) fields[columns[i]] = options.typed ? typedValue(cells[i]) : cells[i];
  if (options.payloadColumn === null) return { line, payload: JSON.stringify(fields), value: fields, fields };
  const payload = cells[columns.indexOf(options.payloadColumn)];
  const row: BatchRow = { line, payload, fields };
  const value = jsonContainer(payload);
  if (value !== undefined) row.value = value;
  return row;
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** Plain JSON-style numbers and true/false; "007" or an integer past 2^53 stays a string so nothing is lost. */
function typedValue(cell: string): unknown {
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  if (!NUMBER.test(cell)) return cell;
  const n = Number(cell);
  if (!Number.isFinite(n) || (/^-?\d+$/.test(cell) && !Number.isSafeInteger(n))) return cell;
  return n;
}

/**
 * The candidate that splits the header line most often (outside quotes). Papa's own guess
 * averages over all rows and gives up on short files with a trailing newline.
 */
export function guessDelimiter(text: string): string {
  const header = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const unquoted = header.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
