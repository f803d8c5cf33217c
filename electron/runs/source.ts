// A BatchRequest turned into the records it sends, by index: what previewBatch shows and what a
// run sends are made by the same code from the same seed, so they are the same records.
// Rows and files are turned into records at once (they are at most what the file holds); a
// template renders record i when asked. Its generators are stateful (faker, the seeded random
// source), so records are rendered in order; asking for an earlier index starts over from 0 —
// the run asks in order, and only "undelivered" looks back.
import type { BatchProblem, BatchRequest } from '../contract';
import { checkKeyStrategy, createKeyPicker, type KeyPicker } from '../batch/keys';
import { toRecords } from '../batch/records';
import type { BatchRow, ParsedBatch } from '../batch/types';
import type { OutgoingRecord } from '../load/types';
import { englishOf } from '../messages';
import { encodePayload, validatePartitionKey, validateRecordSize, type LimitFamily } from '../shared/limits';
import { problemOf, reasonOnly, type ReasonWithParams } from '../shared/reasons';
import type {
  CompiledTemplate,
  compileTemplate,
  createTemplateRuntime,
  renderChecked,
  TemplateError,
} from '../templates';

/**
 * The template engine, given by the worker that builds batches with a template: main builds only
 * those without one, and never loads the engine (its compiler evaluates faker, which the
 * command-line runner's main would otherwise parse at every start).
 */
export type TemplateEngine = {
  compileTemplate: typeof compileTemplate;
  createTemplateRuntime: typeof createTemplateRuntime;
  renderChecked: typeof renderChecked;
};

const engineOf = (engine: TemplateEngine | null): TemplateEngine => {
  if (!engine) throw new Error('buildBatch: a batch with a template is built where the template engine is loaded');
  return engine;
};

/** A file source's rows, parsed on main (the file stays there) and passed in. */
export type FileRows = { name: string; parsed: ParsedBatch };

export type RecordAt = { ok: true; record: OutgoingRecord; line: number | null } | { ok: false; problem: BatchProblem };

export interface BuiltBatch {
  /** Problems found while building: the strategy, the template, every bad row or line. */
  problems: BatchProblem[];
  /** Nothing can be sent: the template or the key strategy is wrong. */
  broken: boolean;
  /** Records of a rows or file batch; null for a template (the plan decides). */
  total: number | null;
  /** Deterministic per index; for rows and files only below `total`. */
  recordAt(index: number): RecordAt;
  /** The partition key of record `index`, null when the record cannot be made; cheaper than recordAt when the key does not depend on the payload. */
  keyAt(index: number): string | null;
  /** The file's name for a file source, '' otherwise. */
  label: string;
}

export function buildBatch(
  request: BatchRequest,
  file: FileRows | null,
  family: LimitFamily,
  seed: number,
  engine: TemplateEngine | null,
  /** The stream's own maximum record size (streamMaxRecordBytes); the family's 1 MiB when not given. */
  maxRecordBytes?: number,
): BuiltBatch {
  const { source, keys } = request;
  const problems: BatchProblem[] = [];
  const strategyProblem = keys.type === 'row' ? rowKeyProblem(source.type) : checkKeyStrategy(keys, family);
  if (strategyProblem)
    problems.push(
      batchProblem(strategyProblem.problem, {
        field: keyField(keys.type),
        ...(strategyProblem.column ? { templateColumn: strategyProblem.column } : {}),
      }),
    );
  let keyTemplate: CompiledTemplate | null = null;
  if (keys.type === 'template') {
    const compiled = engineOf(engine).compileTemplate(keys.template, { mode: 'text' });
    if (compiled.ok) keyTemplate = compiled.template;
    else problems.push(templateProblem(compiled.error, 'keys.template'));
  }
  let payloadTemplate: CompiledTemplate | null = null;
  if (source.type === 'template') {
    const compiled = engineOf(engine).compileTemplate(source.template, {
      mode: request.payloadMode === 'json' ? 'json' : 'text',
    });
    if (compiled.ok) payloadTemplate = compiled.template;
    else problems.push(templateProblem(compiled.error, 'source.template'));
  }
  const broken = problems.length > 0;
  if (broken)
    return {
      problems,
      broken,
      total: source.type === 'template' ? null : 0,
      recordAt: () => ({ ok: false, problem: problems[0] }),
      keyAt: () => null,
      label: '',
    };

  const locale = source.type === 'template' ? source.locale : 'en';
  // The key template gets its own generators: its values must not shift the payload's.
  const makePicker = (): KeyPicker => {
    if (keys.type === 'row')
      return rowKeyPicker(source.type === 'rows' ? source.rows.map((r) => r.partitionKey) : [], family);
    const keyRuntime = keyTemplate
      ? engineOf(engine).createTemplateRuntime({ locale, seed: (seed ^ 0x2545f491) >>> 0 })
      : null;
    return createKeyPicker(keys, {
      family,
      seed,
      renderTemplate: (_t, index) => keyTemplate!.render(keyRuntime!, index),
    });
  };

  if (source.type === 'template') {
    const recordAt = templateRecords(
      engineOf(engine),
      payloadTemplate!,
      request,
      locale,
      seed,
      family,
      makePicker,
      maxRecordBytes,
    );
    // Only a key read from the payload needs the payload rendered (faker generators are the slow part).
    const keyAt =
      keys.type === 'field'
        ? (index: number) => keyOf(recordAt(index))
        : inOrder(makePicker, (picker, index) => {
            const key = picker({ line: 0, payload: '' }, index);
            return key.ok ? key.key : null;
          });
    return { problems, broken, total: null, recordAt, keyAt, label: '' };
  }

  let rows: BatchRow[];
  let label = '';
  if (source.type === 'rows') {
    rows = source.rows.map((r, i) => ({ line: i + 1, payload: r.payload, ...jsonValueOf(r.payload) }));
  } else {
    if (!file) throw new Error('buildBatch: a file source needs its rows');
    label = file.name;
    rows = file.parsed.rows;
    for (const e of file.parsed.errors) problems.push(batchProblem(e, { line: e.line }));
  }
  const built = toRecords(rows, makePicker(), family, request.payloadMode, maxRecordBytes);
  for (const e of built.errors)
    problems.push(batchProblem(e, { line: e.line, ...(source.type === 'rows' ? { field: 'source.rows' } : {}) }));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const records = built.records;
  return {
    problems,
    broken,
    total: records.length,
    recordAt: (index) => {
      const r = records[index];
      return r
        ? { ok: true, record: { partitionKey: r.partitionKey, data: r.data }, line: r.line }
        : { ok: false, problem: batchProblem(problemOf('batchNoRecord', { n: index + 1 }), { index }) };
    },
    keyAt: (index) => records[index]?.partitionKey ?? null,
    label,
  };
}

function templateRecords(
  { createTemplateRuntime, renderChecked }: TemplateEngine,
  template: CompiledTemplate,
  request: BatchRequest,
  locale: 'en' | 'ru',
  seed: number,
  family: LimitFamily,
  makePicker: () => KeyPicker,
  maxRecordBytes: number | undefined,
): (index: number) => RecordAt {
  const wantsValue = request.keys.type === 'field';
  const start = () => {
    const runtime = createTemplateRuntime({ locale, seed });
    const picker = makePicker();
    return { runtime, picker };
  };
  return inOrder(start, ({ runtime, picker }, index): RecordAt => {
    const bad = (problem: ReasonWithParams, where: { templateLine?: number } = {}): RecordAt => ({
      ok: false,
      problem: batchProblem(problem, { index, field: 'source.template', ...where }),
    });
    const rendered = renderChecked(template, runtime, index);
    if (!rendered.ok) return bad(rendered.error);
    const row: BatchRow = { line: 0, payload: rendered.text, ...(wantsValue ? jsonValueOf(rendered.text) : {}) };
    const key = picker(row, index);
    if (!key.ok)
      return {
        ok: false,
        problem: batchProblem(key, { index, field: keyField(request.keys.type) }),
      };
    const encoded =
      request.payloadMode === 'json'
        ? { ok: true as const, bytes: encoder.encode(rendered.text) }
        : encodePayload(request.payloadMode, rendered.text);
    if (!encoded.ok) return bad(encoded.problem);
    const tooLarge = validateRecordSize(key.key, encoded.bytes, family, maxRecordBytes);
    if (tooLarge) return bad(tooLarge);
    return { ok: true, record: { partitionKey: key.key, data: encoded.bytes }, line: null };
  });
}

const encoder = new TextEncoder();

const keyOf = (made: RecordAt) => (made.ok ? made.record.partitionKey : null);

/**
 * Makes item `index` from state that advances record by record (seeded generators): items are
 * made in order from a fresh state, and asking for an earlier one starts over.
 */
function inOrder<State, T>(start: () => State, make: (state: State, index: number) => T): (index: number) => T {
  let state = start();
  let next = 0;
  let last: T | undefined;
  return (index) => {
    if (index === next - 1 && next > 0) return last!;
    if (index < next) {
      state = start();
      next = 0;
    }
    while (next <= index) last = make(state, next++);
    return last!;
  };
}

function rowKeyProblem(
  sourceType: BatchRequest['source']['type'],
): { problem: ReasonWithParams; column?: number } | null {
  return sourceType === 'rows' ? null : { problem: problemOf('rowKeysOnlyInRows', {}) };
}

function rowKeyPicker(keys: string[], family: LimitFamily): KeyPicker {
  return (row, index) => {
    const key = keys[index] ?? '';
    const problem = validatePartitionKey(key, family);
    return problem ? ({ ok: false, line: row.line, ...reasonOnly(problem) } as const) : { ok: true, key };
  };
}

function keyField(type: BatchRequest['keys']['type']): string {
  switch (type) {
    case 'fixed':
      return 'keys.value';
    case 'field':
      return 'keys.path';
    case 'template':
      return 'keys.template';
    case 'sequential':
      return 'keys.start';
    default:
      return 'keys';
  }
}

function templateProblem(error: TemplateError, field: string): BatchProblem {
  return batchProblem(error, { templateLine: error.line, templateColumn: error.column, field });
}

/** A problem with where it is; its English rides along for logs. */
function batchProblem(
  problem: ReasonWithParams,
  where: Omit<BatchProblem, 'reason' | 'params' | 'message'>,
): BatchProblem {
  const only = reasonOnly(problem);
  return { ...only, message: englishOf(only), ...where };
}

/** A JSON object or array payload, for the field key strategy; text stays text. */
function jsonValueOf(text: string): { value?: unknown } {
  const head = text.trimStart()[0];
  if (head !== '{' && head !== '[') return {};
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return {};
  }
}
