// Tail filters: a CEL expression over a record, through @marcbachmann/cel-js, which parses and
// evaluates its own syntax tree (no eval, no code from the stream or the user ever runs). A record
// exposes `data` (its JSON value, else its text), `text`, `key`, `shard`, `seq`, `arrival` and
// `size`. Compiling refuses what could cost without bound (length, nodes, nesting) with a reason the
// UI words; evaluating never throws: a record the expression cannot read (a missing field, another
// type) simply does not match.
import { Environment, ParseError, TypeError as CelTypeError } from '@marcbachmann/cel-js';
import { decodedValue, type DecodedValue } from '../decode/chain';
import { FILTER_LIMITS } from '../shared/tail-filter';
import { ServiceError } from '../services';
import type { TailRecordView } from '../contract';

const env = new Environment({
  limits: {
    maxAstNodes: FILTER_LIMITS.nodes,
    maxDepth: FILTER_LIMITS.depth,
    maxListElements: 100,
    maxMapEntries: 100,
    maxCallArguments: 8,
  },
})
  .registerVariable('data', 'dyn')
  .registerVariable('text', 'string')
  .registerVariable('key', 'string')
  .registerVariable('shard', 'string')
  .registerVariable('seq', 'string')
  // dyn: an endpoint may give no arrival time (null), and a typed variable cannot hold null.
  .registerVariable('arrival', 'dyn')
  .registerVariable('size', 'int');

export type FilterProgram = (context: FilterContext) => unknown;

/** What an expression reads of one record. */
export interface FilterContext {
  data: unknown;
  text: string;
  key: string;
  shard: string;
  seq: string;
  arrival: Date | null;
  size: bigint;
}

/** Line and column (from 1) of a character offset, as an editor counts them. */
function positionOf(expression: string, offset: number): { line: number; column: number } {
  const before = expression.slice(0, Math.max(0, offset)).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const hint = { hint: 'fixFilter' as const, field: 'expression' };

/** The expression as a program, or a ServiceError that says where it fails and why. */
export function compileFilter(expression: string): FilterProgram {
  if (expression.length > FILTER_LIMITS.chars)
    throw new ServiceError('filterTooLong', { length: expression.length, max: FILTER_LIMITS.chars }, hint);
  let program: ReturnType<Environment['parse']>;
  try {
    program = env.parse(expression);
  } catch (error) {
    throw refusal(expression, error);
  }
  const checked = program.check();
  if (!checked.valid) throw refusal(expression, checked.error);
  if (checked.type !== 'bool' && checked.type !== 'dyn')
    throw new ServiceError('filterNotBoolean', { type: String(checked.type) }, hint);
  return program as FilterProgram;
}

function refusal(expression: string, error: unknown): ServiceError {
  if (!(error instanceof ParseError || error instanceof CelTypeError)) throw error;
  const at = positionOf(expression, error.range?.start ?? 0);
  if (error.code === 'limit_exceeded')
    return new ServiceError('filterTooComplex', { nodes: FILTER_LIMITS.nodes, depth: FILTER_LIMITS.depth }, hint);
  const unknown = /^Unknown variable: (.+)$/.exec(error.summary ?? '');
  if (unknown) return new ServiceError('filterUnknownName', { name: unknown[1], ...at }, hint);
  return new ServiceError(
    error instanceof ParseError ? 'filterSyntax' : 'filterTypes',
    { detail: error.summary ?? error.message, ...at },
    hint,
  );
}

/** A record's value after its layers; for a split record (KPL, CloudWatch Logs) the list of its parts' values. */
export function recordValue(record: TailRecordView): DecodedValue {
  const value = decodedValue(Buffer.from(record.dataBase64, 'base64'));
  if (!Array.isArray(value)) return value;
  return {
    data: value.map((p) => p.data),
    text: value.map((p) => p.text).join('\n'),
    json: value.every((p) => p.json),
  };
}

/** A record as an expression sees it. */
export function contextOf(record: TailRecordView): FilterContext {
  const { data, text } = recordValue(record);
  const arrival = record.arrivedAt ? new Date(record.arrivedAt) : null;
  return {
    data,
    text,
    key: record.partitionKey,
    shard: record.shardId,
    seq: record.sequenceNumber,
    arrival: arrival && !Number.isNaN(arrival.getTime()) ? arrival : null,
    size: BigInt(record.size),
  };
}

/** True only when the expression answers true: an error on this record (a missing field) is no match. */
export function matchesContext(program: FilterProgram, context: FilterContext): boolean {
  try {
    return program(context) === true;
  } catch {
    return false;
  }
}

let last: { expression: string; program: FilterProgram } | null = null;

/** Which of the records the expression matches; the program of the last expression is kept for the next batch. */
export function matchRecords({ expression, records }: { expression: string; records: TailRecordView[] }): boolean[] {
  if (last?.expression !== expression) last = { expression, program: compileFilter(expression) };
  const { program } = last;
  return records.map((r) => matchesContext(program, contextOf(r)));
}
