// A quick path for checking an operation's input: built once from its zod schema (the one
// definition), it accepts only input it is sure the schema accepts and returns what the schema
// would return; for anything else it returns undefined and the caller asks zod, which also words
// the error. Each schema becomes one straight-line function (source built here from the schema's
// own limits, no input ever reaches it): zod's shared code, and a tree of small closures, cost a
// send ~17-20 µs once the SDK and the sandbox have run in between and left the caches cold.
// Schemas with parts it does not know (regexes, custom checks, transforms) get no quick path.
import type { z } from 'zod';

/** Returns `{ value }` when the schema surely accepts the input, else undefined (ask zod). */
export type QuickParse = (input: unknown) => { value: unknown } | undefined;

/** Marks "not sure": the input goes to zod. A symbol, so no parsed value can be mistaken for it. */
const UNSURE = Symbol('unsure');

/** The parts of a zod schema's definition this file reads (zod's own `_zod.def`). */
export interface SchemaDef {
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

export const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The quick path for the schema, or null when it has a part this file does not know. */
export function compileQuickParse(schema: z.ZodType): QuickParse | null {
  const gen = createGenerator();
  const result = gen.value(schema, 'input');
  if (result === null) return null;
  const source = `return (input) => {\n${gen.lines.join('\n')}\nreturn ${result};\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source holds only the schema's own keys and limits
  const make = new Function('U', 'fns', 'sets', source) as (
    unsure: symbol,
    fns: ((value: unknown) => unknown)[],
    sets: Set<unknown>[],
  ) => (input: unknown) => unknown;
  const check = make(UNSURE, gen.fns, gen.sets);
  return (input) => {
    const value = check(input);
    return value === UNSURE ? undefined : { value };
  };
}

/** Writes the checks as statements: each value lands in a fresh local; any doubt is `return U`. */
function createGenerator() {
  const lines: string[] = [];
  const fns: ((value: unknown) => unknown)[] = [];
  const sets: Set<unknown>[] = [];
  let n = 0;
  const fresh = () => `v${n++}`;
  const lit = (v: unknown) => (v === undefined ? 'undefined' : typeof v === 'bigint' ? null : JSON.stringify(v));
  const oneOf = (v: string, values: unknown[]): string | null => {
    const parts = values.map(lit);
    if (parts.some((p) => p === null)) return null;
    if (parts.length <= 8) return parts.map((p) => `${v} !== ${p}`).join(' && ') || 'true';
    sets.push(new Set(values));
    return `!sets[${sets.length - 1}].has(${v})`;
  };

  /** Emits the checks of `expr`; returns the local holding the parsed value, or null if unsupported. */
  function value(schema: z.ZodType, expr: string): string | null {
    const def = defOf(schema);
    if (def.coerce) return null;
    const v = fresh();
    lines.push(`let ${v} = ${expr};`);
    switch (def.type) {
      case 'string':
        lines.push(`if (typeof ${v} !== 'string') return U;`);
        return checks(def, v) ? v : null;
      case 'number':
        lines.push(`if (typeof ${v} !== 'number' || !Number.isFinite(${v})) return U;`);
        return checks(def, v) ? v : null;
      case 'boolean':
        if (def.checks?.length) return null;
        lines.push(`if (typeof ${v} !== 'boolean') return U;`);
        return v;
      case 'literal':
      case 'enum': {
        const values = def.type === 'literal' ? (def.values ?? []) : Object.values(def.entries ?? {});
        const test = oneOf(v, values);
        if (test === null) return null;
        lines.push(`if (${test}) return U;`);
        return v;
      }
      case 'optional':
      case 'nullable': {
        if (!def.innerType) return null;
        lines.push(`if (${v} !== ${def.type === 'optional' ? 'undefined' : 'null'}) {`);
        const inner = value(def.innerType, v);
        if (inner === null) return null;
        lines.push(`${v} = ${inner};`, '}');
        return v;
      }
      case 'array':
        return array(def, v);
      case 'object':
        return object(def, v);
      case 'union':
        return union(def, v);
      default:
        return null;
    }
  }

  /** The checks in their order: a trim (overwrite) changes what the next check sees. */
  function checks(def: SchemaDef, v: string): boolean {
    for (const check of def.checks ?? []) {
      const c = check._zod.def;
      const bound = c.check === 'min_length' ? c.minimum : c.check === 'max_length' ? c.maximum : c.value;
      if (c.check !== 'overwrite' && c.check !== 'number_format' && typeof bound !== 'number') return false;
      switch (c.check) {
        case 'overwrite':
          if (!c.tx) return false;
          fns.push(c.tx);
          lines.push(`${v} = fns[${fns.length - 1}](${v});`);
          break;
        case 'min_length':
          lines.push(`if (${v}.length < ${bound}) return U;`);
          break;
        case 'max_length':
          lines.push(`if (${v}.length > ${bound}) return U;`);
          break;
        case 'number_format':
          if (c.format !== 'safeint') return false;
          lines.push(`if (!Number.isSafeInteger(${v})) return U;`);
          break;
        case 'greater_than':
          lines.push(`if (!(${v} ${c.inclusive ? '>=' : '>'} ${bound})) return U;`);
          break;
        case 'less_than':
          lines.push(`if (!(${v} ${c.inclusive ? '<=' : '<'} ${bound})) return U;`);
          break;
        default:
          return false;
      }
    }
    return true;
  }

  function array(def: SchemaDef, v: string): string | null {
    if (!def.element) return null;
    lines.push(`if (!Array.isArray(${v})) return U;`);
    if (!checks(def, v)) return null;
    const out = fresh();
    const i = fresh();
    lines.push(`const ${out} = new Array(${v}.length);`, `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`);
    const item = value(def.element, `${v}[${i}]`);
    if (item === null) return null;
    lines.push(`${out}[${i}] = ${item};`, '}');
    return out;
  }

  /** A plain object with the shape's keys: an unknown key is zod's to refuse (strict) or drop (strip). */
  function object(def: SchemaDef, v: string): string | null {
    if (def.checks?.length) return null;
    const strict = def.catchall !== undefined;
    if (strict && defOf(def.catchall!).type !== 'never') return null;
    lines.push(`if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})) return U;`);
    const out = fresh();
    lines.push(`const ${out} = {};`);
    const keys = Object.keys(def.shape ?? {});
    for (const key of keys) {
      const schema = def.shape![key];
      const k = JSON.stringify(key);
      const optional = defOf(schema).type === 'optional';
      // Absent and optional: absent in zod's answer too; present holding undefined: kept so, as zod
      // keeps it (the renderer sends an unset optional field that way).
      lines.push(
        optional
          ? `if (${v}[${k}] === undefined) { if (Object.hasOwn(${v}, ${k})) ${out}[${k}] = undefined; } else {`
          : `if (${v}[${k}] === undefined) return U; {`,
      );
      const field = value(optional ? defOf(schema).innerType! : schema, `${v}[${k}]`);
      if (field === null) return null;
      lines.push(`${out}[${k}] = ${field};`, '}');
    }
    if (strict) {
      const known = oneOf('k', keys);
      if (known === null) return null;
      lines.push(`for (const k in ${v}) if (${known}) return U;`);
    }
    return out;
  }

  /** z.discriminatedUnion: the option whose literal the discriminator holds. */
  function union(def: SchemaDef, v: string): string | null {
    const key = def.discriminator;
    if (!key) return null;
    lines.push(`if (typeof ${v} !== 'object' || ${v} === null) return U;`);
    const out = fresh();
    lines.push(`let ${out};`, `switch (${v}[${JSON.stringify(key)}]) {`);
    for (const option of def.options ?? []) {
      const tag = defOf(option).shape?.[key];
      if (!tag || defOf(tag).type !== 'literal') return null;
      const cases = (defOf(tag).values ?? []).map(lit);
      if (cases.some((c) => c === null)) return null;
      lines.push(`${cases.map((c) => `case ${c}:`).join(' ')} {`);
      const parsed = value(option, v);
      if (parsed === null) return null;
      lines.push(`${out} = ${parsed};`, 'break;', '}');
    }
    lines.push('default: return U;', '}');
    return out;
  }

  return { lines, fns, sets, value };
}
