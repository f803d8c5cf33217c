// The composer's assertions as the user edits them: every field as typed (a number field may be
// empty or half-written), turned into the contract's Assertion only when whole. Kept in the store,
// saved with a saved request, restored when one is opened.
import type { Assertion } from '../../../electron/contract';

export const ASSERTION_TYPES = [
  'delivered',
  'readBackEqual',
  'jsonField',
  'latencyP95',
  'throttledPercent',
  'noDuplicates',
] as const satisfies readonly Assertion['type'][];
export type AssertionType = (typeof ASSERTION_TYPES)[number];

export const JSON_FIELD_OPS = ['equals', 'matches', 'exists'] as const;
type JsonFieldOp = (typeof JSON_FIELD_OPS)[number];

export interface AssertionRow {
  /** Tells rows apart for React and for labels; never saved. */
  key: string;
  type: AssertionType;
  path: string;
  op: JsonFieldOp;
  value: string;
  /** readBackEqual's sample, latencyP95's limit, throttledPercent's limit: as typed. */
  number: string;
}

const DEFAULT_NUMBER: Partial<Record<AssertionType, string>> = { latencyP95: '500', throttledPercent: '5' };

export function newRow(type: AssertionType = 'delivered'): AssertionRow {
  return { key: crypto.randomUUID(), type, path: '', op: 'equals', value: '', number: DEFAULT_NUMBER[type] ?? '' };
}

export function rowsOf(assertions: readonly Assertion[] | undefined): AssertionRow[] {
  return (assertions ?? []).map((a) => {
    const row = newRow(a.type);
    if (a.type === 'readBackEqual') return { ...row, number: a.sample === undefined ? '' : String(a.sample) };
    if (a.type === 'jsonField') return { ...row, path: a.path, op: a.op, value: a.value ?? '' };
    if (a.type === 'latencyP95') return { ...row, number: String(a.maxMs) };
    if (a.type === 'throttledPercent') return { ...row, number: String(a.maxPercent) };
    return row;
  });
}

/** What is wrong with a row as typed, as an `assertions.problem.*` key; null: it is whole. */
export function rowProblem(row: AssertionRow): string | null {
  const n = Number(row.number);
  switch (row.type) {
    case 'readBackEqual':
      return row.number.trim() === '' || (Number.isInteger(n) && n >= 1 && n <= 10_000) ? null : 'sample';
    case 'jsonField':
      return row.path.trim() === '' ? 'path' : null;
    case 'latencyP95':
      return row.number.trim() !== '' && n > 0 && n <= 3_600_000 ? null : 'maxMs';
    case 'throttledPercent':
      return row.number.trim() !== '' && n >= 0 && n <= 100 ? null : 'maxPercent';
    default:
      return null;
  }
}

/** The whole rows as the contract's assertions (a row still being written is left out). */
export function assertionsOf(rows: readonly AssertionRow[]): Assertion[] {
  return rows.filter((row) => rowProblem(row) === null).map(toAssertion);
}

function toAssertion(row: AssertionRow): Assertion {
  switch (row.type) {
    case 'readBackEqual':
      return row.number.trim() === '' ? { type: row.type } : { type: row.type, sample: Number(row.number) };
    case 'jsonField':
      return {
        type: row.type,
        path: row.path.trim(),
        op: row.op,
        ...(row.op === 'exists' ? {} : { value: row.value }),
      };
    case 'latencyP95':
      return { type: row.type, maxMs: Number(row.number) };
    case 'throttledPercent':
      return { type: row.type, maxPercent: Number(row.number) };
    default:
      return { type: row.type };
  }
}
