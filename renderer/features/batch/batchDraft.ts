// What the batch composer holds, and how it turns into the contract's BatchRequest and RunPlan.
// Numbers are kept as typed text so a half-typed field never jumps; they are checked on the way out.
import type {
  BatchFileView,
  BatchRequest,
  KeyStrategyInput,
  RunHistory,
  RunPlan,
  RunPlanInput,
  Target,
  UnansweredCalls,
} from '../../../electron/contract';
import type { BatchFormat, TemplateLocale } from '../../../electron/shared/names';
import type { PayloadMode } from '../../../electron/shared/limits';
import { ENV_REFERENCE_ALONE } from '../../../electron/shared/env-vars';

export type SourceKind = 'rows' | 'file' | 'template';
export type KeyKind = KeyStrategyInput['type'];

export interface BatchRow {
  partitionKey: string;
  payload: string;
}

export interface BatchDraft {
  source: SourceKind;
  rows: BatchRow[];
  file: BatchFileView | null;
  /** A file a run from history used: history keeps its name, not its rows. */
  missingFile: string | null;
  /** CSV: the payload column; null: the whole row as a JSON object. */
  csvPayloadColumn: string | null;
  csvTyped: boolean;
  template: string;
  locale: TemplateLocale;
  payloadMode: PayloadMode;
  keyType: KeyKind;
  /** False until the user picks a strategy: till then the strategy follows the source (defaultKeyKind). */
  keyChosen: boolean;
  fixedKey: string;
  keyPrefix: string;
  keyStart: string;
  keyPath: string;
  keyTemplate: string;
  useCount: boolean;
  count: string;
  useDuration: boolean;
  durationSec: string;
  /** Empty: as fast as the service accepts. */
  rate: string;
  concurrency: string;
  maxAttempts: string;
  /** A call without an answer: send it again (at least once) or give its records up as unknown (at most once). */
  unansweredCalls: UnansweredCalls;
  /** Pack user records into KPL aggregated records (AWS targets; a YDS target sends them plain). */
  aggregate: boolean;
  /** Per session: the preview shows exactly the random keys and values the run will send. */
  seed: number;
  /** The run started last from the composer, followed until another starts. */
  runId: string | null;
}

export const initialBatchDraft = (): BatchDraft => ({
  source: 'template',
  rows: [
    { partitionKey: 'user-1', payload: '{"event": "login", "user": 1}' },
    { partitionKey: 'user-2', payload: '{"event": "purchase", "user": 2}' },
  ],
  file: null,
  missingFile: null,
  csvPayloadColumn: null,
  csvTyped: true,
  template: '{\n  "id": "{{uuid}}",\n  "seq": {{seq}},\n  "user": "{{faker.person.fullName}}",\n  "at": "{{now}}"\n}',
  locale: 'en',
  payloadMode: 'json',
  keyType: defaultKeyKind('template'),
  keyChosen: false,
  fixedKey: '',
  keyPrefix: 'key-',
  keyStart: '0',
  keyPath: '',
  keyTemplate: '',
  useCount: true,
  count: '1000',
  useDuration: false,
  durationSec: '60',
  rate: '',
  concurrency: '4',
  maxAttempts: '10',
  unansweredCalls: 'resend',
  aggregate: false,
  seed: Math.floor(Math.random() * 2 ** 31),
  runId: null,
});

/** The row's own key exists only for rows; other sources fall back to a random key. */
export function keyKindsFor(source: SourceKind): KeyKind[] {
  const all: KeyKind[] = ['row', 'fixed', 'random', 'sequential', 'field', 'template'];
  return source === 'rows' ? all : all.filter((k) => k !== 'row');
}

/** Rows typed with their own keys are sent with them; other sources have none and get random keys. */
export function defaultKeyKind(source: SourceKind): KeyKind {
  return source === 'rows' ? 'row' : 'random';
}

/**
 * The key strategy on a change of source: the user's pick stays where the source allows it;
 * otherwise the strategy follows the source again.
 */
export function keysForSource(d: BatchDraft, source: SourceKind): Pick<BatchDraft, 'keyType' | 'keyChosen'> {
  if (d.keyChosen && keyKindsFor(source).includes(d.keyType)) return { keyType: d.keyType, keyChosen: true };
  return { keyType: defaultKeyKind(source), keyChosen: false };
}

function keyStrategy(d: BatchDraft): KeyStrategyInput {
  switch (d.keyType) {
    case 'row':
      return { type: 'row' };
    case 'fixed':
      return { type: 'fixed', value: d.fixedKey };
    case 'random':
      return { type: 'random' };
    case 'sequential':
      return { type: 'sequential', prefix: d.keyPrefix, start: wholeNumber(d.keyStart) ?? 0 };
    case 'field':
      return { type: 'field', path: d.keyPath };
    case 'template':
      return { type: 'template', template: d.keyTemplate };
  }
}

/** The request, or null while the source has nothing to send (no file loaded yet). */
export function toBatchRequest(profileId: string, target: Target, d: BatchDraft): BatchRequest | null {
  const keys = keyStrategy(d);
  const base = { profileId, target, keys, payloadMode: d.payloadMode, seed: d.seed };
  if (d.source === 'rows') return d.rows.length ? { ...base, source: { type: 'rows', rows: d.rows } } : null;
  if (d.source === 'template') return { ...base, source: { type: 'template', template: d.template, locale: d.locale } };
  if (!d.file) return null;
  const format: BatchFormat = d.file.format;
  return {
    ...base,
    source: {
      type: 'file',
      fileId: d.file.fileId,
      format,
      ...(format === 'csv' ? { csvPayloadColumn: d.csvPayloadColumn, csvTyped: d.csvTyped } : {}),
    },
  };
}

function wholeNumber(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 ? n : null;
}

export type PlanField = 'count' | 'durationSec' | 'rate' | 'concurrency' | 'maxAttempts' | 'stop';

/** The plan, or which field is wrong (ranges as in the contract's runPlanSchema). */
export function toPlan(d: BatchDraft): { plan: RunPlanInput; problem: null } | { plan: null; problem: PlanField } {
  // A number, or `{{env.NAME}}` that main takes from the selected environment (and checks) at the start.
  const within = (text: string, min: number, max: number) => {
    if (ENV_REFERENCE_ALONE.test(text)) return text.trim();
    const n = wholeNumber(text);
    return n !== null && n >= min && n <= max ? n : null;
  };
  const rate = d.rate.trim() === '' ? null : within(d.rate, 1, 1_000_000);
  if (d.rate.trim() !== '' && rate === null) return { plan: null, problem: 'rate' };
  const concurrency = within(d.concurrency, 1, 64);
  if (concurrency === null) return { plan: null, problem: 'concurrency' };
  const maxAttemptsPerRecord = within(d.maxAttempts, 1, 100);
  if (maxAttemptsPerRecord === null) return { plan: null, problem: 'maxAttempts' };
  const plan: RunPlanInput = {
    ratePerSec: rate,
    concurrency,
    maxAttemptsPerRecord,
    ...(d.unansweredCalls === 'giveUp' ? { unansweredCalls: 'giveUp' as const } : {}),
    ...(d.aggregate ? { aggregate: true } : {}),
  };
  if (d.source !== 'template') return { plan, problem: null };
  if (!d.useCount && !d.useDuration) return { plan: null, problem: 'stop' };
  if (d.useCount) {
    const count = within(d.count, 1, 100_000_000);
    if (count === null) return { plan: null, problem: 'count' };
    plan.count = count;
  }
  if (d.useDuration) {
    const durationSec = within(d.durationSec, 1, 7 * 24 * 3600);
    if (durationSec === null) return { plan: null, problem: 'durationSec' };
    plan.durationSec = durationSec;
  }
  return { plan, problem: null };
}

/**
 * A run from history back in the composer. A file's rows are not kept in history, so a file run
 * comes back with its settings and the file's name (`missingFile`) but no file.
 */
export function batchDraftFromRun(
  run: Pick<RunHistory, 'request' | 'sourceLabel'> & { plan: RunPlanInput },
  current: BatchDraft,
): BatchDraft {
  const { request, plan } = run;
  const keys = request.keys;
  const d: BatchDraft = {
    ...current,
    payloadMode: request.payloadMode,
    keyType: keys.type,
    keyChosen: true,
    ...(keys.type === 'fixed' ? { fixedKey: keys.value } : {}),
    ...(keys.type === 'sequential' ? { keyPrefix: keys.prefix ?? '', keyStart: String(keys.start ?? 0) } : {}),
    ...(keys.type === 'field' ? { keyPath: keys.path } : {}),
    ...(keys.type === 'template' ? { keyTemplate: keys.template } : {}),
    useCount: plan.count !== undefined,
    count: plan.count !== undefined ? String(plan.count) : current.count,
    useDuration: plan.durationSec !== undefined,
    durationSec: plan.durationSec !== undefined ? String(plan.durationSec) : current.durationSec,
    rate: plan.ratePerSec === null ? '' : String(plan.ratePerSec),
    concurrency: String(plan.concurrency),
    maxAttempts: String(plan.maxAttemptsPerRecord),
    unansweredCalls: plan.unansweredCalls ?? 'resend',
    aggregate: plan.aggregate === true,
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
  };
  const source = request.source;
  if (source.type === 'rows') return { ...d, source: 'rows', rows: source.rows };
  if (source.type === 'template') return { ...d, source: 'template', template: source.template, locale: source.locale };
  return {
    ...d,
    source: 'file',
    file: null,
    missingFile: run.sourceLabel,
    csvPayloadColumn: source.csvPayloadColumn ?? null,
    csvTyped: source.csvTyped ?? true,
  };
}

/** The plan when every number is written out; null while one is `{{env.NAME}}` (only main knows its value). */
export function numericPlan(plan: RunPlanInput | null): RunPlan | null {
  if (!plan) return null;
  return Object.values(plan).some((v) => typeof v === 'string' && v !== 'resend' && v !== 'giveUp')
    ? null
    : (plan as RunPlan);
}
