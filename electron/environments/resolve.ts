// `{{env.NAME}}` in a request becomes the value NAME has in the chosen environment, before anything
// is sent, previewed, run or printed as code. One pass over every string of the value: a variable's
// value is never scanned again, and a template's own `{{…}}` stay as they are. A reference the
// variables lack stops everything, naming the variable and the field that uses it.
// Plain Node: the app's main and the CLI runner both call it.
import { fieldOfIssue } from '../app-error';
import { runPlanSchema, type RunPlan, type RunPlanInput } from '../contract';
import { ServiceError } from '../services';
import { ENV_REFERENCE_ALONE, hasVariable, missingIn, referencesIn, substituteIn } from '../shared/env-vars';

type Variables = Readonly<Record<string, string>>;

/** The value with every reference in every string replaced (the value itself when it holds none); throws envVariableMissing for the first one lacking. */
export function resolveEnvironment<T>(value: T, variables: Variables): T {
  return mayHoldReference(value) ? (walk(value, variables, []) as T) : value;
}

/** Every variable name the value's strings refer to, each once, in order of first use. */
export function referencedVariables(value: unknown): string[] {
  const names = new Set<string>();
  eachString(value, (text) => referencesIn(text).forEach((n) => names.add(n)));
  return [...names];
}

/** A dotted path of the operation's input, as the form marks fields: `target.streamName`, `source.rows.2.payload`. */
export const fieldPath = (path: readonly (string | number)[]) => path.join('.');

export function missingVariable(name: string, path: readonly (string | number)[]): ServiceError {
  const field = fieldPath(path);
  return new ServiceError('envVariableMissing', { name, field }, { field, hint: 'defineVariable' });
}

/**
 * A plan whose numbers may be `{{env.NAME}}`, with each such number taken from the variables: the
 * value must be a whole number, and the plan's own limits hold for it (fieldTooLarge at `plan.ratePerSec`).
 */
export function resolvePlan(plan: RunPlanInput, variables: Variables, path: readonly string[] = ['plan']): RunPlan {
  const out: Record<string, unknown> = { ...plan };
  for (const [key, value] of Object.entries(plan)) {
    if (typeof value !== 'string') continue;
    const name = ENV_REFERENCE_ALONE.exec(value)?.[1];
    // The contract lets only a lone reference through; anything else is the schema's to refuse below.
    if (name === undefined) continue;
    if (!hasVariable(variables, name)) throw missingVariable(name, [...path, key]);
    const text = variables[name].trim();
    if (!/^-?\d{1,16}$/.test(text)) {
      const field = fieldPath([...path, key]);
      throw new ServiceError('envVariableNotNumber', { name, field, value: text.slice(0, 100) }, { field });
    }
    out[key] = Number(text);
  }
  const parsed = runPlanSchema.safeParse(out);
  if (parsed.success) return parsed.data;
  const issue = fieldOfIssue(out, parsed.error.issues[0]);
  const field = fieldPath(issue.path ? [...path, issue.path] : path);
  throw new ServiceError(issue.reason, issue.params, { field });
}

/**
 * The value with its references replaced, or the value itself when it holds none: a send's request
 * usually has none, and copying it costs the send ~2-3 µs (npm run bench). Only what changes is
 * copied. `path` is the field being walked, one stack for the whole walk, copied only for an error.
 */
function walk(value: unknown, variables: Variables, path: (string | number)[]): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return value;
    const [missing] = missingIn(value, variables);
    if (missing !== undefined) throw missingVariable(missing, path);
    return substituteIn(value, variables);
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let out: unknown[] | undefined;
    for (let i = 0; i < items.length; i++) {
      path.push(i);
      const resolved = walk(items[i], variables, path);
      path.pop();
      if (resolved !== items[i]) (out ??= [...items])[i] = resolved;
    }
    return out ?? value;
  }
  const record = value as Record<string, unknown>;
  let changed: Map<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    path.push(key);
    const resolved = walk(record[key], variables, path);
    path.pop();
    if (resolved !== record[key]) (changed ??= new Map()).set(key, resolved);
  }
  if (!changed) return value;
  // fromEntries defines own keys, so a `__proto__` key from a file stays a key.
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, changed.has(key) ? changed.get(key) : item]),
  );
}

/**
 * Whether any string of the value holds `{{`: a send's request usually holds none, and this look,
 * allocating nothing, costs it less than the walk that keeps the path for an error.
 */
function mayHoldReference(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return (value as unknown[]).some(mayHoldReference);
  for (const key in value)
    if (Object.hasOwn(value, key) && mayHoldReference((value as Record<string, unknown>)[key])) return true;
  return false;
}

function eachString(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((item) => eachString(item, visit));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => eachString(item, visit));
}
