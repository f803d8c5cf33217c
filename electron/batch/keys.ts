// Partition key strategies for a batch: one picker per batch, called per record.

import { validatePartitionKey, type LimitFamily } from '../shared/limits';
import { problemOf, reasonOnly, type ReasonWithParams } from '../shared/reasons';
import { ProblemError } from '../templates/problem-error';
import { describe, parseFieldPath, readFieldPath, type Lookup, type PathStep } from './field-path';
import { seededUuids } from './random-key';
import type { BatchRow } from './types';

export type KeyStrategy =
  | { type: 'fixed'; value: string }
  | { type: 'random' }
  | { type: 'sequential'; prefix?: string; start?: number }
  | { type: 'field'; path: string }
  | { type: 'template'; template: string };

export type KeyPickerOptions = {
  family: LimitFamily;
  /** Makes 'random' reproducible: the key of record i depends only on (seed, i). */
  seed?: number;
  /** Renders a key template for record `index`; throws (a ProblemError when it can say why) when it cannot. */
  renderTemplate?: (template: string, index: number) => string;
};

export type PickedKey = { ok: true; key: string } | ({ ok: false; line: number } & ReasonWithParams);

export type KeyPicker = (row: BatchRow, index: number) => PickedKey;

/** A problem with the strategy itself, to show once instead of on every row; null when it can run. */
export function checkKeyStrategy(
  strategy: KeyStrategy,
  family: LimitFamily,
): { problem: ReasonWithParams; column?: number } | null {
  if (strategy.type === 'fixed') {
    const problem = validatePartitionKey(strategy.value, family);
    return problem && { problem: reasonOnly(problem) };
  }
  if (strategy.type === 'field') {
    const parsed = parseFieldPath(strategy.path);
    return parsed.ok ? null : { problem: parsed.problem, column: parsed.column };
  }
  if (strategy.type === 'sequential' && strategy.start !== undefined && !Number.isSafeInteger(strategy.start)) {
    return { problem: problemOf('keySequenceStart', { start: String(strategy.start) }) };
  }
  return null;
}

/**
 * `index` is the record's position in the run (0-based). Sequential keys are prefix + (start + index),
 * start defaulting to 0. Every key is checked against the family's key rules; a failure names
 * the source line and what to fix.
 */
export function createKeyPicker(strategy: KeyStrategy, options: KeyPickerOptions): KeyPicker {
  const generate = keyGenerator(strategy, options);
  return (row, index) => {
    const made = generate(row, index);
    if (!made.ok) return { ok: false, line: row.line, ...made.problem };
    const problem = validatePartitionKey(made.key, options.family);
    if (problem)
      return { ok: false, line: row.line, ...(made.from ? made.from(reasonOnly(problem)) : reasonOnly(problem)) };
    return { ok: true, key: made.key };
  };
}

/** `from` says where a key that breaks the key rules came from, around the rule's problem. */
type Generated =
  | { ok: true; key: string; from?: (problem: ReasonWithParams) => ReasonWithParams }
  | { ok: false; problem: ReasonWithParams };

function keyGenerator(strategy: KeyStrategy, options: KeyPickerOptions): (row: BatchRow, index: number) => Generated {
  switch (strategy.type) {
    case 'fixed':
      return () => ({ ok: true, key: strategy.value });
    case 'random': {
      if (options.seed === undefined) return () => ({ ok: true, key: globalThis.crypto.randomUUID() });
      const uuidAt = seededUuids(options.seed);
      return (_row, index) => ({ ok: true, key: uuidAt(index) });
    }
    case 'sequential': {
      const prefix = strategy.prefix ?? '';
      const start = strategy.start ?? 0;
      return (_row, index) => ({ ok: true, key: `${prefix}${start + index}` });
    }
    case 'field': {
      const parsed = parseFieldPath(strategy.path);
      if (!parsed.ok) return () => ({ ok: false, problem: parsed.problem });
      const steps = parsed.steps;
      return (row) => fieldKey(row, strategy.path, steps);
    }
    case 'template': {
      const render = options.renderTemplate;
      // A missing renderer is a wiring bug, not a user error.
      if (!render) throw new Error('createKeyPicker: a template strategy needs options.renderTemplate');
      return (_row, index) => {
        try {
          return { ok: true, key: render(strategy.template, index), from: fromTemplate };
        } catch (e) {
          return { ok: false, problem: problemOf('keyTemplateFailed', { problem: ProblemError.of(e) }) };
        }
      };
    }
  }
}

/** The JSON payload is searched first; a CSV row also offers its columns, by exact name or by path. */
const fromTemplate = (problem: ReasonWithParams) => problemOf('keyFromTemplate', { problem });

function fieldKey(row: BatchRow, path: string, steps: PathStep[]): Generated {
  const from = (problem: ReasonWithParams) => problemOf('keyFromField', { problem, path });
  const attempts: Lookup[] = [];
  if (row.value !== undefined) attempts.push(readFieldPath(row.value, steps));
  if (row.fields) {
    attempts.push(
      Object.prototype.hasOwnProperty.call(row.fields, path)
        ? { found: true, value: row.fields[path] }
        : readFieldPath(row.fields, steps),
    );
  }
  const lookup = attempts.find((a) => a.found) ?? attempts[0];
  if (!lookup) return { ok: false, problem: problemOf('keyFieldNotJson', { path }) };
  if (!lookup.found) return { ok: false, problem: problemOf('keyFieldMissing', { path, why: lookup.why }) };
  const v = lookup.value;
  if (typeof v === 'string') return { ok: true, key: v, from };
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
    return { ok: true, key: String(v), from };
  return { ok: false, problem: problemOf('keyFieldNotScalar', { path, found: describe(v) }) };
}
