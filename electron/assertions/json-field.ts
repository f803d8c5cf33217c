// A jsonField assertion against one stored record: the record's JSON, a JSONPath into it, and the
// field's value compared. Records come from streams other people write to, and paths from files
// other people commit, so no script ever runs: jsonpath-plus with eval off, a path with a filter or
// script expression refused before use, and a regular expression stopped past a time budget.
import vm from 'node:vm';
import { JSONPath } from 'jsonpath-plus';
import type { Assertion } from '../contract';
import { problemOf, type ReasonWithParams } from '../shared/reasons';

export type FieldFinding =
  | { kind: 'holds'; actual: string }
  | { kind: 'notJson' }
  | { kind: 'missing' }
  | { kind: 'differs'; actual: string }
  | { kind: 'noMatch'; actual: string }
  | { kind: 'tooSlow'; ms: number };

/**
 * How long one regular expression may run on one value (a pattern can backtrack for ever). The
 * budget is wall time, which a busy machine can eat on its own: a test that runs out is tried once
 * more before the pattern is called too slow (a runaway pattern runs out every time).
 */
export const PATTERN_MS = 250;
/** A value shown in a result is cut here. */
const SHOWN_CHARS = 200;
/** Only this much of a value is matched against a pattern. */
const MATCHED_CHARS = 64 * 1024;

type JsonFieldAssertion = Extract<Assertion, { type: 'jsonField' }>;

/** The check of one assertion, or why it cannot be made (a script in the path, a bad pattern). */
export function fieldCheck(
  assertion: JsonFieldAssertion,
): { ok: true; on: (stored: Uint8Array) => FieldFinding } | { ok: false; problem: ReasonWithParams } {
  const { path, op, value = '' } = assertion;
  // `?(…)` filters and `(…)` script subscripts are what evaluates code in JSONPath.
  if (/[?]\s*\(|\[\s*\(/.test(path)) return { ok: false, problem: problemOf('assertionPathScript', { path }) };
  const probe = valuesAt(path, {});
  if (!probe.ok) return { ok: false, problem: problemOf('assertionPathInvalid', { path }) };
  let test: ((text: string) => boolean | 'tooSlow') | null = null;
  if (op === 'matches') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(value);
    } catch {
      return { ok: false, problem: problemOf('assertionPatternInvalid', { pattern: value }) };
    }
    test = timedTest(pattern);
  }
  const expected = parsedOrNull(value);
  return {
    ok: true,
    on: (stored) => {
      const json = parsedOrNull(Buffer.from(stored).toString('utf8'));
      if (!json.ok) return { kind: 'notJson' };
      const found = valuesAt(path, json.value);
      if (!found.ok || found.values.length === 0) return { kind: 'missing' };
      for (const field of found.values) {
        const actual = shown(field);
        if (op === 'equals' && !equals(field, value, expected)) return { kind: 'differs', actual };
        if (test) {
          const matched = test(typeof field === 'string' ? field : JSON.stringify(field));
          if (matched === 'tooSlow') return { kind: 'tooSlow', ms: PATTERN_MS };
          if (!matched) return { kind: 'noMatch', actual };
        }
      }
      return { kind: 'holds', actual: shown(found.values[0]) };
    },
  };
}

/**
 * The findings on the records in order, up to the first that does not hold. A worker task
 * (electron/workers/tasks.ts): a pattern may take PATTERN_MS twice on every record.
 */
export function fieldFindings({
  assertion,
  records,
}: {
  assertion: JsonFieldAssertion;
  records: Uint8Array[];
}): { ok: true; findings: FieldFinding[] } | { ok: false; problem: ReasonWithParams } {
  const check = fieldCheck(assertion);
  if (!check.ok) return check;
  const findings: FieldFinding[] = [];
  for (const stored of records) {
    const finding = check.on(stored);
    findings.push(finding);
    if (finding.kind !== 'holds') break;
  }
  return { ok: true, findings };
}

function valuesAt(path: string, json: unknown): { ok: true; values: unknown[] } | { ok: false } {
  try {
    const values = JSONPath({ path, json: json as object, eval: false, wrap: true }) as unknown[];
    return { ok: true, values: Array.isArray(values) ? values : [] };
  } catch {
    return { ok: false };
  }
}

function parsedOrNull(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** "1" equals the number 1 and the string "1"; `{"a": 1}` equals that object however it is spaced. */
function equals(field: unknown, value: string, expected: { ok: true; value: unknown } | { ok: false }): boolean {
  if (typeof field === 'string' && field === value) return true;
  if (JSON.stringify(field) === value) return true;
  return expected.ok && JSON.stringify(field) === JSON.stringify(expected.value);
}

function shown(field: unknown): string {
  const text = JSON.stringify(field) ?? 'undefined';
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

/** The pattern's test, run where V8 can stop it after PATTERN_MS. */
function timedTest(pattern: RegExp): (text: string) => boolean | 'tooSlow' {
  const context = vm.createContext({ pattern, text: '' });
  const script = new vm.Script('pattern.lastIndex = 0; pattern.test(text)');
  return (text) => {
    context.text = text.slice(0, MATCHED_CHARS);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return script.runInContext(context, { timeout: PATTERN_MS }) === true;
      } catch {
        // Ran out of time: once more, then too slow.
      }
    }
    return 'tooSlow';
  };
}
