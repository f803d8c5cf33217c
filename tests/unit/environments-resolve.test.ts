import { describe, expect, it } from 'vitest';
import { toAppError } from '../../electron/app-error';
import { runPlanInputSchema, savedRequestBodySchema } from '../../electron/contract';
import { referencedVariables, resolveEnvironment, resolvePlan } from '../../electron/environments/resolve';
import { ServiceError } from '../../electron/services';
import { missingIn } from '../../electron/shared/env-vars';

const vars = { STREAM: 'orders-dev', USER_NAME: 'ann', DB: 'etn123', RATE: ' 250 ', HALF: '1.5' };

function thrown(f: () => unknown): ServiceError {
  try {
    f();
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('resolveEnvironment', () => {
  it('replaces references in every string of nested objects and arrays, leaving other values alone', () => {
    const request = {
      target: { type: 'name', streamName: '{{env.STREAM}}' },
      source: { type: 'rows', rows: [{ partitionKey: 'k-{{env.USER_NAME}}', payload: '{"db":"{{env.DB}}"}' }] },
      seed: 7,
      flag: true,
      none: null,
    };
    expect(resolveEnvironment(request, vars)).toEqual({
      target: { type: 'name', streamName: 'orders-dev' },
      source: { type: 'rows', rows: [{ partitionKey: 'k-ann', payload: '{"db":"etn123"}' }] },
      seed: 7,
      flag: true,
      none: null,
    });
    // The input is not changed in place.
    expect(request.target.streamName).toBe('{{env.STREAM}}');
  });

  it('gives back the very value when no string holds a reference, and copies only the parts that change', () => {
    const plain = {
      target: { type: 'name', streamName: 'orders' },
      payload: { mode: 'json', text: '{"a": [1, {"b": "{{uuid}}"}]}' },
      rows: ['a', 'b'],
    };
    expect(resolveEnvironment(plain, vars)).toBe(plain);
    const request = { ...plain, target: { type: 'name', streamName: '{{env.STREAM}}' }, rows: ['a', '{{env.DB}}'] };
    const out = resolveEnvironment(request, vars);
    expect(out).toEqual({ ...plain, target: { type: 'name', streamName: 'orders-dev' }, rows: ['a', 'etn123'] });
    expect(out).not.toBe(request);
    expect(out.payload).toBe(request.payload);
    expect(request.target.streamName).toBe('{{env.STREAM}}');
    expect(request.rows).toEqual(['a', '{{env.DB}}']);
  });

  it('replaces several references in one string, with spaces inside the braces', () => {
    expect(resolveEnvironment('/ru-central1/{{ env.DB }}/{{env.STREAM  }}-{{env.DB}}', vars)).toBe(
      '/ru-central1/etn123/orders-dev-etn123',
    );
  });

  it('expands in one pass: a value holding {{env.X}} stays as written', () => {
    const out = resolveEnvironment({ a: '{{env.A}}', b: '{{env.B}}' }, { A: '{{env.B}}', B: 'x' });
    expect(out).toEqual({ a: '{{env.B}}', b: 'x' });
  });

  it('keeps a template’s other placeholders untouched', () => {
    const template = '{"id": "{{uuid}}", "n": {{seq}}, "who": "{{ env.USER_NAME }}", "f": "{{faker.person.fullName}}"}';
    expect(resolveEnvironment(template, vars)).toBe(
      '{"id": "{{uuid}}", "n": {{seq}}, "who": "ann", "f": "{{faker.person.fullName}}"}',
    );
  });

  it('names the first missing variable and the field that uses it, as an AppError the form can mark', () => {
    const e = thrown(() =>
      resolveEnvironment(
        { target: { type: 'name', streamName: '{{ env.missing }}' }, payload: { text: '{{env.ALSO_MISSING}}' } },
        vars,
      ),
    );
    expect(e.reason).toBe('envVariableMissing');
    expect(e.params).toEqual({ name: 'missing', field: 'target.streamName' });
    const app = toAppError(e);
    expect(app.message).toContain('missing');
    expect(app.message).toContain('target.streamName');
    expect(app.hintCode).toBe('defineVariable');
    expect(app.fields?.[0]?.path).toBe('target.streamName');
  });

  it('gives array positions in the field path', () => {
    const e = thrown(() => resolveEnvironment({ rows: [{ payload: 'x' }, { payload: '{{env.NOPE}}' }] }, vars));
    expect(e.params).toEqual({ name: 'NOPE', field: 'rows.1.payload' });
  });

  it('takes only the environment’s own variables, never an object’s inherited names', () => {
    expect(thrown(() => resolveEnvironment('{{env.constructor}}', {})).reason).toBe('envVariableMissing');
    expect(missingIn('{{env.toString}} {{env.A}}', { A: '' })).toEqual(['toString']);
    // An empty value is a value.
    expect(resolveEnvironment('[{{env.A}}]', { A: '' })).toBe('[]');
  });

  it('keeps a __proto__ key of a file as a plain key', () => {
    const value = JSON.parse('{"__proto__": {"polluted": "{{env.A}}"}}') as Record<string, unknown>;
    const out = resolveEnvironment(value, { A: 'yes' });
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists the variables a value refers to, each once', () => {
    expect(
      referencedVariables({ a: '{{env.B}} {{ env.A }}', b: ['{{env.B}}', 3, { c: '{{uuid}} {{env.C}}' }] }),
    ).toEqual(['B', 'A', 'C']);
  });
});

describe('resolvePlan', () => {
  it('takes a plan number from a variable, spaces around it allowed', () => {
    expect(
      resolvePlan(
        { count: 10, ratePerSec: '{{env.RATE}}', concurrency: '{{ env.RATE }}', maxAttemptsPerRecord: 3 },
        {
          RATE: ' 4 ',
        },
      ),
    ).toEqual({ count: 10, ratePerSec: 4, concurrency: 4, maxAttemptsPerRecord: 3 });
  });

  it('refuses a value that is not a whole number, naming the variable and the field', () => {
    const e = thrown(() =>
      resolvePlan({ count: '{{env.HALF}}', ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 }, vars),
    );
    expect(e.reason).toBe('envVariableNotNumber');
    expect(e.params).toEqual({ name: 'HALF', field: 'plan.count', value: '1.5' });
  });

  it('holds a variable’s number to the plan’s own limits', () => {
    const e = thrown(() =>
      resolvePlan({ ratePerSec: null, concurrency: '{{env.C}}', maxAttemptsPerRecord: 3 }, { C: '1000' }),
    );
    expect(e.reason).toBe('fieldTooLarge');
    expect(e.params).toEqual({ max: 64 });
    expect(e.field).toBe('plan.concurrency');
  });

  it('names a missing variable of the plan', () => {
    const e = thrown(() =>
      resolvePlan({ durationSec: '{{env.SECONDS}}', ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 }, vars),
    );
    expect(e.params).toEqual({ name: 'SECONDS', field: 'plan.durationSec' });
  });

  it('lets a saved batch keep a plan number as a reference, and nothing else as text', () => {
    const body = {
      kind: 'batch',
      target: { type: 'name', streamName: '{{env.STREAM}}' },
      source: { type: 'template', template: '{"n": {{seq}}}', locale: 'en' },
      keys: { type: 'random' },
      payloadMode: 'text',
      plan: { count: '{{env.COUNT}}', ratePerSec: '{{env.RATE}}', concurrency: 2, maxAttemptsPerRecord: 3 },
    };
    expect(savedRequestBodySchema.safeParse(body).success).toBe(true);
    const plan = { ratePerSec: '100', concurrency: 2, maxAttemptsPerRecord: 3 };
    expect(runPlanInputSchema.safeParse(plan).success).toBe(false);
    expect(runPlanInputSchema.safeParse({ ...plan, ratePerSec: '{{env.R}} {{env.S}}' }).success).toBe(false);
  });
});
