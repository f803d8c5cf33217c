// A quick path for checking an operation's input: built once from its zod schema (the one
// definition), it accepts only input it is sure the schema accepts and returns what the schema
// would return; for anything else it returns undefined and the caller asks zod, which also words
// the error. zod itself spends ~15-20 µs of a send here once the SDK and the sandbox have run in
// between (its shared code meets every schema of the app); this path spends ~1 (npm run bench).
// Schemas with parts it does not know (regexes, custom checks, transforms) get no quick path.
import type { z } from 'zod';

/** Returns `{ value }` when the schema surely accepts the input, else undefined (ask zod). */
export type QuickParse = (input: unknown) => { value: unknown } | undefined;

/** Marks "not sure": the input goes to zod. A symbol, so no parsed value can be mistaken for it. */
const UNSURE = Symbol('unsure');
type Step = (input: unknown) => unknown;

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
  entries?: Record<string, unknown>;
  coerce?: boolean;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  tx?: (value: unknown) => unknown;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The quick path for the schema, or null when it has a part this file does not know. */
export function compileQuickParse(schema: z.ZodType): QuickParse | null {
  const step = compile(schema);
  if (!step) return null;
  return (input) => {
    const value = step(input);
    return value === UNSURE ? undefined : { value };
  };
}

function compile(schema: z.ZodType): Step | null {
  const def = defOf(schema);
  if (def.coerce) return null;
  switch (def.type) {
    case 'string':
      return withChecks(def, (v) => typeof v === 'string');
    case 'number':
      return withChecks(def, (v) => typeof v === 'number' && Number.isFinite(v));
    case 'boolean':
      return def.checks?.length ? null : (v) => (typeof v === 'boolean' ? v : UNSURE);
    case 'literal': {
      const values = def.values ?? [];
      return (v) => (values.includes(v) ? v : UNSURE);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => (values.has(v) ? v : UNSURE);
    }
    case 'optional':
    case 'nullable': {
      const inner = def.innerType ? compile(def.innerType) : null;
      const empty = def.type === 'optional' ? undefined : null;
      return inner && ((v) => (v === empty ? v : inner(v)));
    }
    case 'array':
      return arrayStep(def);
    case 'object':
      return objectStep(def);
    case 'union':
      return discriminatedStep(def);
    default:
      return null;
  }
}

/** A type test, then the checks in their order: a trim (overwrite) changes what the next check sees. */
function withChecks(def: Def, isType: (v: unknown) => boolean): Step | null {
  const steps: Step[] = [];
  for (const check of def.checks ?? []) {
    const step = checkStep(check._zod.def);
    if (!step) return null;
    steps.push(step);
  }
  return (input) => {
    if (!isType(input)) return UNSURE;
    let value = input;
    for (const step of steps) {
      value = step(value);
      if (value === UNSURE) return UNSURE;
    }
    return value;
  };
}

function checkStep(c: CheckDef): Step | null {
  const length = (v: unknown) => (v as string | unknown[]).length;
  // Only number schemas carry these checks, behind their type test.
  const n = (v: unknown) => v as number;
  switch (c.check) {
    case 'overwrite':
      return c.tx ?? null;
    case 'min_length':
      return c.minimum === undefined ? null : (v) => (length(v) >= c.minimum! ? v : UNSURE);
    case 'max_length':
      return c.maximum === undefined ? null : (v) => (length(v) <= c.maximum! ? v : UNSURE);
    case 'number_format':
      return c.format === 'safeint' ? (v) => (Number.isSafeInteger(v) ? v : UNSURE) : null;
    case 'greater_than':
      return c.value === undefined ? null : (v) => ((c.inclusive ? n(v) >= c.value! : n(v) > c.value!) ? v : UNSURE);
    case 'less_than':
      return c.value === undefined ? null : (v) => ((c.inclusive ? n(v) <= c.value! : n(v) < c.value!) ? v : UNSURE);
    default:
      return null;
  }
}

function arrayStep(def: Def): Step | null {
  const element = def.element && compile(def.element);
  const checks = withChecks(def, Array.isArray);
  if (!element || !checks) return null;
  return (input) => {
    if (checks(input) === UNSURE) return UNSURE;
    const items = input as unknown[];
    const out: unknown[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const v = element(items[i]);
      if (v === UNSURE) return UNSURE;
      out[i] = v;
    }
    return out;
  };
}

/** A plain object with the shape's keys: an unknown key is zod's to refuse (strict) or drop (strip). */
function objectStep(def: Def): Step | null {
  if (def.checks?.length) return null;
  const strict = def.catchall !== undefined;
  if (strict && defOf(def.catchall!).type !== 'never') return null;
  const fields: [string, Step, boolean][] = [];
  for (const [key, schema] of Object.entries(def.shape ?? {})) {
    const step = compile(schema);
    if (!step) return null;
    fields.push([key, step, defOf(schema).type === 'optional']);
  }
  const known = new Set(fields.map(([key]) => key));
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return UNSURE;
    const record = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, step, optional] of fields) {
      const v = record[key];
      if (v === undefined) {
        // Absent and optional: absent in zod's answer too. A key holding undefined: zod decides.
        if (optional && !(key in record)) continue;
        return UNSURE;
      }
      const parsed = step(v);
      if (parsed === UNSURE) return UNSURE;
      out[key] = parsed;
    }
    if (strict) for (const key in record) if (!known.has(key)) return UNSURE;
    return out;
  };
}

/** z.discriminatedUnion: the option whose literal the discriminator holds. */
function discriminatedStep(def: Def): Step | null {
  const key = def.discriminator;
  if (!key) return null;
  const byValue = new Map<unknown, Step>();
  for (const option of def.options ?? []) {
    const tag = defOf(option).shape?.[key];
    const step = compile(option);
    if (!tag || defOf(tag).type !== 'literal' || !step) return null;
    for (const value of defOf(tag).values ?? []) byValue.set(value, step);
  }
  return (input) => {
    if (typeof input !== 'object' || input === null) return UNSURE;
    const step = byValue.get((input as Record<string, unknown>)[key]);
    return step ? step(input) : UNSURE;
  };
}
