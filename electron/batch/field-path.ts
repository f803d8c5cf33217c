// Field paths such as `user.id` or `items[0].sku`, read from a parsed JSON payload.
import { problemOf, type ReasonWithParams, type Term } from '../shared/reasons';

export type PathStep = { kind: 'key'; name: string } | { kind: 'index'; index: number };

export type ParsedPath = { ok: true; steps: PathStep[] } | { ok: false; problem: ReasonWithParams; column: number };

export function parseFieldPath(path: string): ParsedPath {
  const steps: PathStep[] = [];
  let i = 0;
  const fail = (problem: ReasonWithParams, at: number): ParsedPath => ({ ok: false, problem, column: at + 1 });
  if (path === '') return { ok: false, problem: problemOf('fieldPathEmpty', {}), column: 1 };
  while (i < path.length) {
    const column = i + 1;
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close === -1) return fail(problemOf('fieldPathBracket', { column, path }), i);
      const digits = path.slice(i + 1, close);
      if (!/^\d+$/.test(digits)) return fail(problemOf('fieldPathIndex', { index: digits, column, path }), i);
      steps.push({ kind: 'index', index: Number(digits) });
      i = close + 1;
    } else {
      if (steps.length > 0) {
        if (path[i] !== '.') return fail(problemOf('fieldPathDot', { after: path.slice(0, i), column, path }), i);
        i++;
      }
      const end = nameEnd(path, i);
      if (end === i) return fail(problemOf('fieldPathName', { column: i + 1, path }), i);
      steps.push({ kind: 'key', name: path.slice(i, end) });
      i = end;
    }
  }
  return { ok: true, steps };
}

function nameEnd(path: string, from: number): number {
  let i = from;
  while (i < path.length && path[i] !== '.' && path[i] !== '[' && path[i] !== ']') i++;
  return i;
}

export type Lookup = { found: true; value: unknown } | { found: false; why: ReasonWithParams };

/** Follows the steps; when one fails, says which part of the path was missing and what was there instead. */
export function readFieldPath(root: unknown, steps: PathStep[]): Lookup {
  let value = root;
  let walked = '';
  for (const step of steps) {
    const at = walked;
    const missing = (why: ReasonWithParams): Lookup => ({ found: false, why });
    if (step.kind === 'index') {
      const index = step.index;
      if (!Array.isArray(value)) {
        const found = describe(value);
        return missing(at ? problemOf('fieldNotList', { at, found }) : problemOf('payloadNotList', { found }));
      }
      if (index >= value.length) {
        const length = value.length;
        return missing(
          at ? problemOf('fieldShortList', { at, index, length }) : problemOf('payloadShortList', { index, length }),
        );
      }
      value = value[index];
      walked += `[${index}]`;
    } else {
      const name = step.name;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        const found = describe(value);
        return missing(at ? problemOf('fieldNotObject', { at, found }) : problemOf('payloadNotObject', { found }));
      }
      if (!Object.prototype.hasOwnProperty.call(value, name))
        return missing(at ? problemOf('fieldNoField', { at, name }) : problemOf('payloadNoField', { name }));
      value = (value as Record<string, unknown>)[step.name];
      walked += walked === '' ? step.name : `.${step.name}`;
    }
  }
  return { found: true, value };
}

/** What kind of JSON value this is, as a term the UI words in its language. */
export function describe(value: unknown): Term {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  const kind = typeof value;
  return kind === 'object' || kind === 'string' || kind === 'number' || kind === 'boolean' ? kind : 'other';
}
