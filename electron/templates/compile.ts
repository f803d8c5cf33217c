// Compiles a template once into literal strings and evaluator closures; rendering a record is then
// a loop of calls and string concatenation, with no parsing or regular expressions.
import { englishOf } from '../messages';
import { encodePayload, MAX_TEMPLATE_CHARS } from '../shared/limits';
import { problemOf, reasonOnly, type ReasonWithParams } from '../shared/reasons';
import { MAX_PLACEHOLDERS, MAX_RENDERED_CHARS } from './bounds';
import { BUILTINS, isBuildFailure } from './builtins';
import { compileFakerCall } from './fakerCalls';
import { parseTemplate } from './parse';
import { ProblemError } from './problem-error';
import { suggestion } from './suggest';
import type { CallNode, Evaluator, Failure, RecordError, TemplateError, TemplateMode, TemplateRuntime } from './types';

export type CompiledTemplate = {
  readonly mode: TemplateMode;
  /** The text of the record with this 0-based index in the run (seq is index + start). */
  render(runtime: TemplateRuntime, index: number): string;
};

export type CompileResult = { ok: true; template: CompiledTemplate } | { ok: false; error: TemplateError };

type Part = string | ((runtime: TemplateRuntime, index: number) => string);

/** `record` is known only where a source record is at hand (a replay's transform). */
export function compileTemplate(
  source: string,
  { mode, record = false }: { mode: TemplateMode; record?: boolean },
): CompileResult {
  if (source.length > MAX_TEMPLATE_CHARS) {
    const problem = problemOf('tplTooLong', { length: source.length, max: MAX_TEMPLATE_CHARS });
    return {
      ok: false,
      error: positioned(source, {
        kind: 'argument',
        ...problem,
        span: { start: MAX_TEMPLATE_CHARS, end: source.length },
      }),
    };
  }
  const parsed = parseTemplate(source);
  if (!parsed.ok) return { ok: false, error: positioned(source, parsed.failure) };
  const calls = parsed.segments.filter((s) => 'call' in s);
  if (calls.length > MAX_PLACEHOLDERS) {
    const extra = calls[MAX_PLACEHOLDERS].call;
    const problem = problemOf('tplTooManyPlaceholders', { found: calls.length, max: MAX_PLACEHOLDERS });
    return {
      ok: false,
      error: positioned(source, { kind: 'argument', ...problem, span: { start: extra.start, end: extra.end } }),
    };
  }
  const parts: Part[] = [];
  for (const segment of parsed.segments) {
    if ('text' in segment) {
      const last = parts[parts.length - 1];
      if (typeof last === 'string') parts[parts.length - 1] = last + segment.text;
      else parts.push(segment.text);
      continue;
    }
    const evaluator =
      record && segment.call.path[0].name === 'record' ? recordField(segment.call) : compileCall(segment.call);
    if (!('call' in evaluator)) return { ok: false, error: positioned(source, evaluator) };
    parts.push(
      formatted(evaluator.call, mode === 'text' ? toText : segment.inString ? toJsonStringContent : toJsonValue),
    );
  }
  return { ok: true, template: { mode, render: renderer(parts) } };
}

function renderer(parts: Part[]): CompiledTemplate['render'] {
  if (parts.length === 1 && typeof parts[0] === 'string') {
    const constant = parts[0];
    return () => constant;
  }
  return (runtime, index) => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      out += typeof part === 'string' ? part : part(runtime, index);
      // Stop before building more than could be sent, however many placeholders are left.
      if (out.length > MAX_RENDERED_CHARS) throw new RecordTooLarge();
    }
    return out;
  };
}

const formatted =
  (evaluate: Evaluator, format: (value: unknown) => string) =>
  (runtime: TemplateRuntime, index: number): string =>
    format(evaluate(runtime, index));

function compileCall(call: CallNode): { call: Evaluator } | Failure {
  const head = call.path[0];
  if (head.name === 'faker') {
    const faker = compileFakerCall(call);
    return faker.ok ? { call: faker.evaluate } : faker.failure;
  }
  const builtin = Object.hasOwn(BUILTINS, head.name) ? BUILTINS[head.name] : undefined;
  if (!builtin) {
    const help = suggestion(head.name, [...Object.keys(BUILTINS), 'faker']);
    return {
      kind: 'unknown-function',
      ...problemOf('tplUnknownName', { name: head.name, help }),
      span: { start: head.start, end: head.end },
    };
  }
  if (call.path.length > 1) {
    const extra = call.path[1];
    return {
      kind: 'syntax',
      ...problemOf('tplNoDots', { name: head.name, extra: extra.name }),
      span: { start: extra.start - 1, end: call.path[call.path.length - 1].end },
    };
  }
  const args = call.args ?? [];
  if (args.length < builtin.minArgs || args.length > builtin.maxArgs) {
    return {
      kind: 'arity',
      ...problemOf('tplArity', { name: head.name, got: args.length, signature: builtin.signature }),
      span: { start: call.start, end: call.end },
    };
  }
  const built = builtin.build(args);
  return isBuildFailure(built) ? built : { call: built };
}

const RECORD_FIELDS = ['data', 'key', 'sequenceNumber', 'shardId', 'arrival', 'json'] as const;

/** `record.data`, `record.key`, …, `record.json.a.b`: a field of the record being transformed. */
function recordField(call: CallNode): { call: Evaluator } | Failure {
  const [head, field, ...rest] = call.path;
  const name = field?.name as (typeof RECORD_FIELDS)[number] | undefined;
  if (!name || !RECORD_FIELDS.includes(name) || (rest.length > 0 && name !== 'json')) {
    const wrong = rest.length > 0 && name !== 'json' ? rest[0] : (field ?? head);
    const help = suggestion(
      `record.${wrong.name}`,
      RECORD_FIELDS.map((f) => `record.${f}`),
    );
    return {
      kind: 'unknown-function',
      ...problemOf('tplUnknownName', { name: call.path.map((p) => p.name).join('.'), help }),
      span: { start: head.start, end: call.path[call.path.length - 1].end },
    };
  }
  if (call.args !== null)
    return {
      kind: 'arity',
      ...problemOf('tplArity', { name: `record.${name}`, got: call.args.length, signature: `record.${name}` }),
      span: { start: call.start, end: call.end },
    };
  const path = rest.map((p) => p.name);
  return {
    call: (runtime) => {
      const r = runtime.record;
      if (!r) return undefined;
      if (name !== 'json') return r[name];
      let value: unknown = r.json();
      for (const step of path) {
        if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) return undefined;
        value = (value as Record<string, unknown>)[step];
      }
      return value;
    },
  };
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point: JSON must escape them
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

/** The value as it must appear between the quotes of a JSON string. */
function toJsonStringContent(value: unknown): string {
  const text = toText(value);
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}

/** The value as a JSON value of its own: numbers and booleans bare, text quoted. */
function toJsonValue(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  return JSON.stringify(value) ?? 'null';
}

export function positioned(source: string, failure: Failure): TemplateError {
  const problem = reasonOnly(failure);
  return {
    kind: failure.kind,
    ...problem,
    message: englishOf(problem),
    offset: failure.span.start,
    length: Math.max(1, failure.span.end - failure.span.start),
    ...lineColumn(source, failure.span.start),
  };
}

/** text is present on failure when the record rendered but is not valid JSON. */
export type CheckedRender = { ok: true; text: string } | { ok: false; error: RecordError; text?: string };

/** Renders one record and, in json mode, checks it parses; a generator that throws is reported too. */
export function renderChecked(template: CompiledTemplate, runtime: TemplateRuntime, index: number): CheckedRender {
  let text: string;
  try {
    text = template.render(runtime, index);
  } catch (e) {
    return { ok: false, error: recordError(index, ProblemError.of(e)) };
  }
  if (template.mode === 'text') return { ok: true, text };
  try {
    JSON.parse(text);
    return { ok: true, text };
  } catch {
    const encoded = encodePayload('json', text);
    const problem = encoded.ok ? problemOf('tplInvalidJson', {}) : encoded.problem;
    const at = encoded.ok ? undefined : encoded.problem.at;
    const position = at === undefined ? {} : lineColumn(text, at);
    return { ok: false, error: { ...recordError(index, problem), ...position }, text };
  }
}

function recordError(index: number, problem: ReasonWithParams): RecordError {
  const only = reasonOnly(problem);
  return { index, ...only, message: `Record ${index + 1}: ${englishOf(only)}` };
}

class RecordTooLarge extends ProblemError {
  constructor() {
    super(problemOf('tplRecordGrew', { max: MAX_RENDERED_CHARS }));
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
