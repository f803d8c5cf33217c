// Field paths such as `user.id` or `items[0].sku`, read from a parsed JSON payload.

export type PathStep = { kind: 'key'; name: string } | { kind: 'index'; index: number };

export type ParsedPath = { ok: true; steps: PathStep[] } | { ok: false; message: string; column: number };

export function parseFieldPath(path: string): ParsedPath {
  const steps: PathStep[] = [];
  let i = 0;
  const fail = (message: string, at: number): ParsedPath => ({
    ok: false,
    message: `${message} at column ${at + 1} of the path "${path}"`,
    column: at + 1,
  });
  if (path === '')
    return { ok: false, message: 'the field path is empty; write one such as user.id or items[0].sku', column: 1 };
  while (i < path.length) {
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close === -1) return fail('"[" is not closed', i);
      const digits = path.slice(i + 1, close);
      if (!/^\d+$/.test(digits)) return fail(`"[${digits}]" is not a list index; write a number such as [0]`, i);
      steps.push({ kind: 'index', index: Number(digits) });
      i = close + 1;
    } else {
      if (steps.length > 0) {
        if (path[i] !== '.') return fail(`expected "." or "[" after "${path.slice(0, i)}"`, i);
        i++;
      }
      const end = nameEnd(path, i);
      if (end === i) return fail('a field name is missing', i);
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

export type Lookup = { found: true; value: unknown } | { found: false; why: string };

/** Follows the steps; when one fails, says which part of the path was missing and what was there instead. */
export function readFieldPath(root: unknown, steps: PathStep[]): Lookup {
  let value = root;
  let walked = '';
  for (const step of steps) {
    const here = walked === '' ? 'the payload' : `"${walked}"`;
    if (step.kind === 'index') {
      if (!Array.isArray(value)) return { found: false, why: `${here} is ${describe(value)}, not a list` };
      if (step.index >= value.length)
        return {
          found: false,
          why: `${here} has ${value.length} element${value.length === 1 ? '' : 's'}, no [${step.index}]`,
        };
      value = value[step.index];
      walked += `[${step.index}]`;
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return { found: false, why: `${here} is ${describe(value)}, not an object` };
      if (!Object.prototype.hasOwnProperty.call(value, step.name))
        return { found: false, why: `${here} has no "${step.name}"` };
      value = (value as Record<string, unknown>)[step.name];
      walked += walked === '' ? step.name : `.${step.name}`;
    }
  }
  return { found: true, value };
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
