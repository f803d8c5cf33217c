// The quick input check (electron/fast-parse.ts) against zod itself, on every operation's schema:
// whatever input it accepts, zod accepts too and returns the very same value. Inputs are drawn from
// each schema with a seeded generator, mostly valid, with the edges zod cares about (lengths at the
// limit, text that a trim shortens, keys absent, extra or holding undefined, wrong types).
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { operations, OPERATION_NAMES } from '../../electron/contract';
import { compileQuickParse, defOf } from '../../electron/fast-parse';

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WRONG = [null, 0, -1, 1.5, '', ' ', 'x', true, [], {}, Number.NaN, Number.POSITIVE_INFINITY, undefined];

function draw(schema: z.ZodType, rnd: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const def = defOf(schema);
  if (rnd() < 0.04) return pick(WRONG);
  const bound = (kind: string, key: 'minimum' | 'maximum' | 'value') =>
    def.checks?.find((c) => c._zod.def.check === kind)?._zod.def[key];
  switch (def.type) {
    case 'string': {
      const max = bound('max_length', 'maximum');
      const min = bound('min_length', 'minimum') ?? 0;
      const lengths = [0, 1, 3, min, Math.max(0, min - 1), ...(max === undefined ? [40] : [max, max + 1])];
      const core = 'ab-7_Я'.repeat(4096).slice(0, pick(lengths));
      return pick([core, core, ` ${core} `, `\t${core}`, '   ']);
    }
    case 'number': {
      const lo = bound('greater_than', 'value') ?? -5;
      const hi = bound('less_than', 'value') ?? 1e6;
      return pick([lo, lo - 1, lo + 1, hi, hi + 1, hi - 1, 0, 2.5, Math.floor(rnd() * 1000), 2 ** 53]);
    }
    case 'boolean':
      return rnd() < 0.5;
    case 'literal':
      return rnd() < 0.9 ? pick(def.values ?? []) : 'other';
    case 'enum':
      return rnd() < 0.9 ? pick(Object.values(def.entries ?? {})) : 'nope';
    case 'optional':
      return rnd() < 0.3 ? undefined : draw(def.innerType!, rnd, depth);
    case 'nullable':
      return rnd() < 0.3 ? null : draw(def.innerType!, rnd, depth);
    case 'array':
      return depth > 3 ? [] : Array.from({ length: Math.floor(rnd() * 4) }, () => draw(def.element!, rnd, depth + 1));
    case 'union':
      return draw(pick(def.options ?? []), rnd, depth);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, s] of Object.entries(def.shape ?? {})) {
        const v = draw(s, rnd, depth + 1);
        // An optional field left out is absent; now and then a key holds undefined outright.
        if (v !== undefined || rnd() < 0.1) out[key] = v;
        if (rnd() < 0.02) delete out[key];
      }
      if (rnd() < 0.05) out.unexpected = 'x';
      return out;
    }
    default:
      return undefined;
  }
}

const SAMPLES = 800;

describe('the quick input check returns what zod returns, or leaves the input to zod', () => {
  const compiled = OPERATION_NAMES.map((op) => ({ op, quick: compileQuickParse(operations[op].input) }));

  test('the send has a quick path, and most operations do', () => {
    const withQuick = compiled.filter((c) => c.quick).map((c) => c.op);
    expect(withQuick).toContain('sendRecord');
    expect(withQuick.length).toBeGreaterThan(OPERATION_NAMES.length / 2);
  });

  for (const { op, quick } of compiled) {
    if (!quick) continue;
    test(op, () => {
      const schema = operations[op].input;
      const rnd = prng(op.length * 7919 + op.charCodeAt(0));
      let zodAccepted = 0;
      let quickAccepted = 0;
      for (let i = 0; i < SAMPLES; i++) {
        const input = draw(schema, rnd);
        const fast = quick(input);
        const slow = schema.safeParse(input);
        if (slow.success) zodAccepted++;
        if (!fast) continue;
        quickAccepted++;
        expect(slow.success, `zod refuses what the quick path took: ${JSON.stringify(input)}`).toBe(true);
        expect(fast.value).toStrictEqual(slow.data);
      }
      // Not a path that only ever says "ask zod".
      if (zodAccepted > 20) expect(quickAccepted).toBeGreaterThan(zodAccepted * 0.9);
    });
  }

  test('a trimmed stream name, and an optional key absent or undefined, come out as zod has them', () => {
    const quick = compileQuickParse(operations.sendRecord.input)!;
    const input = {
      requestId: 'r1',
      profileId: 'p1',
      target: { type: 'name', streamName: '  orders \t' },
      partitionKey: 'k',
      payload: { mode: 'text', text: 'hi' },
    };
    expect(quick(input)?.value).toStrictEqual(operations.sendRecord.input.parse(input));
    expect(quick(input)?.value).toMatchObject({ target: { streamName: 'orders' } });
    expect(quick({ ...input, extra: 1 })).toBeUndefined();
    // An unset optional field sent as undefined: kept so, as zod keeps it.
    const unset = { ...input, explicitHashKey: undefined };
    expect(quick(unset)?.value).toStrictEqual(operations.sendRecord.input.parse(unset));
    expect(Object.hasOwn(quick(unset)!.value as object, 'explicitHashKey')).toBe(true);
    expect(quick({ ...input, target: { ...input.target, streamName: '   ' } })).toBeUndefined();
  });
});
