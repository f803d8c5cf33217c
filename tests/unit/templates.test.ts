import { describe, expect, test } from 'vitest';
import {
  compileTemplate,
  createTemplateRuntime,
  renderChecked,
  templateHelp,
  type CompiledTemplate,
  type TemplateMode,
} from '../../electron/templates';
import { TEMPLATE_HELP } from '../../electron/templates/help';

const FIXED = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

function compiled(source: string, mode: TemplateMode = 'text'): CompiledTemplate {
  const result = compileTemplate(source, { mode });
  if (!result.ok) throw new Error(`expected ${source} to compile: ${result.error.message}`);
  return result.template;
}

function renderMany(
  source: string,
  count: number,
  options: { mode?: TemplateMode; seed?: number; locale?: 'en' | 'ru' } = {},
): string[] {
  const template = compiled(source, options.mode);
  const runtime = createTemplateRuntime({ locale: options.locale ?? 'en', seed: options.seed, clock: () => FIXED });
  return Array.from({ length: count }, (_, i) => template.render(runtime, i));
}

function compileError(source: string) {
  const result = compileTemplate(source, { mode: 'text' });
  if (result.ok) throw new Error(`expected ${JSON.stringify(source)} not to compile`);
  return result.error;
}

describe('expressions', () => {
  test('uuid is a version 4 UUID, different each record', () => {
    const values = renderMany('{{uuid}}', 200);
    for (const v of values) expect(v).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(values).size).toBe(200);
    const seeded = renderMany('{{uuid}}', 200, { seed: 3 });
    for (const v of seeded) expect(v).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(seeded).size).toBe(200);
  });

  test('now is ISO 8601 and nowMs epoch ms, both from the runtime clock', () => {
    expect(renderMany('{{now}} {{ nowMs }}', 1)[0]).toBe(`2026-01-02T03:04:05.678Z ${FIXED}`);
  });

  test('seq counts from 1, or from the given start, continuously over a run', () => {
    const values = renderMany('{{seq}}/{{seq(1000)}}', 1500).map((v) => v.split('/').map(Number));
    values.forEach(([a, b], i) => {
      expect(a).toBe(i + 1);
      expect(b).toBe(1000 + i);
    });
  });

  test('int stays within min..max and reaches both ends', () => {
    const values = renderMany('{{int(-2, 2)}}', 2000, { seed: 1 }).map(Number);
    expect(new Set(values)).toEqual(new Set([-2, -1, 0, 1, 2]));
  });

  test('float stays within range with at most the given decimals (2 by default)', () => {
    const three = renderMany('{{float(1.5, 2.5, 3)}}', 500, { seed: 2 });
    for (const v of three) {
      expect(Number(v)).toBeGreaterThanOrEqual(1.5);
      expect(Number(v)).toBeLessThanOrEqual(2.5);
      expect(v).toMatch(/^\d+(\.\d{1,3})?$/);
    }
    expect(three.some((v) => /\.\d{3}$/.test(v))).toBe(true);
    for (const v of renderMany('{{float(0, 1)}}', 200, { seed: 2 })) expect(v).toMatch(/^[01](\.\d{1,2})?$/);
  });

  test('pick returns only the given values and each of them', () => {
    const values = renderMany(`{{pick("a", 'b', 3)}}`, 300, { seed: 4 });
    expect(new Set(values)).toEqual(new Set(['a', 'b', '3']));
  });

  test('bool gives both true and false', () => {
    expect(new Set(renderMany('{{bool}}', 100, { seed: 5 }))).toEqual(new Set(['true', 'false']));
  });

  test('faker methods run with literal, and object-literal, arguments', () => {
    const [line] = renderMany(
      '{{faker.person.firstName}}|{{faker.string.alphanumeric(8)}}|{{faker.number.int({"min": 10, max: 12})}}',
      1,
      { seed: 6 },
    );
    const [name, code, number] = line.split('|');
    expect(name).toMatch(/^\p{L}[\p{L}' -]*$/u);
    expect(code).toMatch(/^[A-Za-z0-9]{8}$/);
    expect([10, 11, 12]).toContain(Number(number));
  });

  test('faker dates count from the runtime clock', () => {
    const past = new Date(renderMany('{{faker.date.recent}}', 1)[0]).getTime();
    expect(past).toBeLessThanOrEqual(FIXED);
    expect(past).toBeGreaterThan(FIXED - 2 * 86_400_000);
  });
});

describe('locale and seeds', () => {
  test('the same seed reproduces every generator; another seed does not', () => {
    const source =
      '{{uuid}} {{int(0, 1000000)}} {{float(0, 1, 6)}} {{pick("x", "y", "z")}} {{bool}} {{faker.person.fullName}} {{faker.internet.email}}';
    const a = renderMany(source, 20, { seed: 42 });
    expect(renderMany(source, 20, { seed: 42 })).toEqual(a);
    expect(renderMany(source, 20, { seed: 43 })).not.toEqual(a);
    // The run source renders through renderChecked with a fresh seeded runtime: the same records.
    const template = compiled(source);
    const runtime = createTemplateRuntime({ locale: 'en', seed: 42, clock: () => FIXED });
    expect(Array.from({ length: 20 }, (_, i) => renderChecked(template, runtime, i))).toEqual(
      a.map((text) => ({ ok: true, text })),
    );
  });

  test('without a seed, runs differ', () => {
    expect(renderMany('{{uuid}} {{faker.person.fullName}}', 5)).not.toEqual(
      renderMany('{{uuid}} {{faker.person.fullName}}', 5),
    );
  });

  test('ru gives Cyrillic names, en Latin ones', () => {
    const ru = renderMany('{{faker.person.firstName}} {{faker.person.lastName}}', 30, { locale: 'ru', seed: 1 });
    for (const v of ru) expect(v).toMatch(/^[А-Яа-яЁё -]+$/);
    const en = renderMany('{{faker.person.firstName}} {{faker.person.lastName}}', 30, { locale: 'en', seed: 1 });
    for (const v of en) expect(v).toMatch(/^[A-Za-z' -]+$/);
  });
});

describe('json mode', () => {
  const tricky = 'say "hi" \\ back\nslash\ttab \u0001 end';

  test('a value inside a JSON string is escaped, so quotes, backslashes and newlines survive', () => {
    const source = `{"text": "<{{pick(${JSON.stringify(tricky)})}}>", "name": "{{faker.person.fullName}}"}`;
    for (const text of renderMany(source, 50, { mode: 'json', seed: 9 })) {
      const parsed = JSON.parse(text);
      expect(parsed.text).toBe(`<${tricky}>`);
      expect(typeof parsed.name).toBe('string');
    }
  });

  test('the same value in text mode is inserted as is', () => {
    expect(renderMany(`"{{pick(${JSON.stringify(tricky)})}}"`, 1)[0]).toBe(`"${tricky}"`);
  });

  test('outside strings numbers and booleans are bare and text is quoted', () => {
    const [text] = renderMany(
      '{"n": {{int(7, 7)}}, "f": {{float(1, 1)}}, "ok": {{bool}}, "s": {{pick("a\\"b")}}, "t": {{now}}, "seq": [{{seq}}]}',
      1,
      { mode: 'json' },
    );
    expect(JSON.parse(text)).toEqual({
      n: 7,
      f: 1,
      ok: expect.any(Boolean),
      s: 'a"b',
      t: '2026-01-02T03:04:05.678Z',
      seq: [1],
    });
    expect(text).toMatch(/^\{"n": 7, "f": 1, "ok": (true|false), "s": "a\\"b",/);
  });

  test('string state follows JSON escapes in the literal text', () => {
    // The \" inside the first string does not end it; the placeholder after it is still inside.
    const [text] = renderMany('{"a": "x\\" {{pick("q\\"")}}", "b": {{pick("v")}}}', 1, { mode: 'json' });
    expect(JSON.parse(text)).toEqual({ a: 'x" q"', b: 'v' });
  });

  test('renderChecked names the record whose JSON is invalid, with its position', () => {
    const template = compiled('{"a": {{int(1, 1)}}\n "b": 2}', 'json');
    const runtime = createTemplateRuntime({ locale: 'en', seed: 1 });
    const result = renderChecked(template, runtime, 4);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ index: 4, line: 2, column: 2 });
    expect(result.error.message).toMatch(/^Record 5: Invalid JSON at line 2, column 2/);
    expect(result.text).toBe('{"a": 1\n "b": 2}');
    expect(renderChecked(compiled('{"a": {{int(1, 1)}}}', 'json'), runtime, 0)).toEqual({ ok: true, text: '{"a": 1}' });
  });

  test('over a seeded run, renderChecked passes valid records and stops the run at the first invalid one, keeping its text', () => {
    // Valid unless the digit is 0: "00" is not a JSON number.
    const template = compiled('{"a": {{int(0, 9)}}0}', 'json');
    const runtime = createTemplateRuntime({ locale: 'en', seed: 3 });
    const results = [];
    for (let i = 0; i < 50; i++) {
      const r = renderChecked(template, runtime, i);
      results.push(r);
      if (!r.ok) break;
    }
    const last = results[results.length - 1];
    expect(last.ok).toBe(false);
    if (last.ok) return;
    expect(results.length).toBeGreaterThan(1);
    expect(last.error.index).toBe(results.length - 1);
    expect(last.error.message).toMatch(new RegExp(`^Record ${results.length}: `));
    expect(last.text).toBe('{"a": 00}');
    for (const r of results.slice(0, -1)) expect(r.ok && JSON.parse(r.text)).toEqual({ a: expect.any(Number) });
  });
});

describe('escapes', () => {
  test('\\{{ writes literal braces; an even run of backslashes still opens a placeholder', () => {
    expect(renderMany('a \\{{uuid}} }} b', 1)[0]).toBe('a {{uuid}} }} b');
    expect(renderMany('\\\\\\{{x', 1)[0]).toBe('\\\\{{x');
    expect(renderMany('\\\\{{seq}}', 1)[0]).toBe('\\\\1');
    const [json] = renderMany('{"path": "C:\\\\{{seq(7)}}", "raw": "\\{{"}', 1, { mode: 'json' });
    expect(JSON.parse(json)).toEqual({ path: 'C:\\7', raw: '{{' });
  });

  test('strings in arguments may hold }}', () => {
    expect(renderMany('{{pick("}}")}}', 1)[0]).toBe('}}');
  });
});

describe('compile errors point at the expression', () => {
  const cases: Array<{ name: string; line: string; kind: string; column: number; message: RegExp }> = [
    { name: 'unclosed', line: '  "a": {{ uuid ', kind: 'unclosed', column: 8, message: /not closed: add }}/ },
    {
      name: 'unclosed before the next placeholder',
      line: '  "a": {{ uuid, "b": {{seq}}',
      kind: 'unclosed',
      column: 8,
      message: /not closed/,
    },
    { name: 'empty', line: '  "a": {{  }}', kind: 'empty', column: 8, message: /Empty placeholder/ },
    {
      name: 'syntax',
      line: '  "a": {{ int(1 2) }}',
      kind: 'syntax',
      column: 17,
      message: /Expected ',' or '\)', found '2'/,
    },
    { name: 'two expressions', line: '  "a": {{ uuid seq }}', kind: 'syntax', column: 16, message: /one expression/ },
    {
      name: 'bad string literal',
      line: '  "a": {{ pick("x) }}',
      kind: 'literal',
      column: 16,
      message: /String is not closed/,
    },
    {
      name: 'bad number literal',
      line: '  "a": {{ int(1.2.3, 4) }}',
      kind: 'literal',
      column: 15,
      message: /'1\.2\.3' is not a number/,
    },
    {
      name: 'unknown function',
      line: '  "a": {{ uid }}',
      kind: 'unknown-function',
      column: 11,
      message: /Unknown name 'uid'\. Did you mean 'uuid'/,
    },
    {
      name: 'too few arguments',
      line: '  "a": {{ int(1) }}',
      kind: 'arity',
      column: 11,
      message: /Wrong number of arguments for int \(1\): write int\(min, max\)/,
    },
    {
      name: 'arguments to uuid',
      line: '  "a": {{ uuid(1) }}',
      kind: 'arity',
      column: 11,
      message: /Wrong number of arguments for uuid \(1\): write uuid\./,
    },
    { name: 'argument type', line: '  "a": {{ int(1, "9") }}', kind: 'argument', column: 18, message: /whole numbers/ },
    { name: 'min above max', line: '  "a": {{ int(9, 1) }}', kind: 'argument', column: 15, message: /swap them/ },
    {
      name: 'unknown faker module',
      line: '  "a": {{ faker.persn.firstName }}',
      kind: 'unknown-faker-module',
      column: 17,
      message: /no module 'persn'\. Did you mean 'person'/,
    },
    {
      name: 'misspelled faker method',
      line: '  "a": {{ faker.person.fristName }}',
      kind: 'unknown-faker-method',
      column: 24,
      message: /no method 'fristName'\. Did you mean 'firstName'/,
    },
    {
      name: 'faker arguments it rejects',
      line: '  "a": {{ faker.number.int({"min": 5, "max": 1}) }}',
      kind: 'faker-call',
      column: 11,
      message: /faker\.number\.int\(\{"min":5,"max":1\}\) failed: Max 1 should be greater than min 5\. Check/,
    },
  ];

  for (const c of cases) {
    test(`${c.name}: line 3, column ${c.column}`, () => {
      const error = compileError(`{\n  "ok": 1,\n${c.line}\n}`);
      expect(error).toMatchObject({ kind: c.kind, line: 3, column: c.column });
      expect(error.message).toMatch(c.message);
      const lineStart = `{\n  "ok": 1,\n`.length;
      expect(error.offset).toBe(lineStart + c.column - 1);
      expect(error.length).toBeGreaterThanOrEqual(1);
    });
  }

  test('misspelled methods list up to three close alternatives', () => {
    const error = compileError('{{faker.person.fullNme}}');
    const suggested = [...error.message.matchAll(/'(\w+)'/g)].slice(1).map((m) => m[1]);
    expect(suggested[0]).toBe('fullName');
    expect(suggested.length).toBeLessThanOrEqual(3);
  });
});

describe('faker access is limited to module.method', () => {
  test.each([
    '{{faker.constructor}}',
    '{{faker.constructor.constructor("return process")}}',
    '{{faker.person.__proto__}}',
    '{{faker.person.constructor}}',
    '{{faker.person.faker.person.firstName}}',
    '{{faker._randomizer.next}}',
    '{{faker.fakerCore.randomizer.next}}',
    '{{faker.seed}}',
    '{{faker.person}}',
    '{{faker.person.firstName.call}}',
    '{{faker.rawDefinitions.person}}',
    '{{faker}}',
    '{{faker.helpers.fake("{{constructor}}")}}',
    '{{constructor}}',
    '{{__proto__}}',
    '{{toString}}',
  ])('%s is refused', (source) => {
    expect(compileError(source).kind).toMatch(/^(unknown-faker-module|unknown-faker-method|unknown-function|syntax)$/);
  });

  test('an object argument with a "__proto__" key stays an own property', () => {
    const [value] = renderMany('{{faker.number.int({"__proto__": 1, "max": 3})}}', 1);
    expect(Number(value)).toBeLessThanOrEqual(3);
    expect(({} as Record<string, unknown>).max).toBeUndefined();
  });
});

describe('help', () => {
  test('every built-in is documented, and every example compiles', () => {
    for (const name of ['uuid', 'now', 'nowMs', 'seq', 'int', 'float', 'pick', 'bool', 'faker']) {
      expect(TEMPLATE_HELP.some((e) => e.expr.startsWith(name))).toBe(true);
    }
    for (const entry of TEMPLATE_HELP) {
      expect(compileTemplate(entry.example, { mode: 'text' }).ok).toBe(true);
      expect(entry.en.length).toBeGreaterThan(0);
      expect(entry.ru).toMatch(/[а-яё]/i);
    }
  });

  test('rendered help outputs come from the engine in the chosen locale', () => {
    const ru = templateHelp('ru');
    expect(ru).toHaveLength(TEMPLATE_HELP.length);
    expect(ru.find((e) => e.example === '{{faker.person.fullName}}')?.output).toMatch(/^[А-Яа-яЁё -]+$/);
    expect(ru.find((e) => e.example === '{{seq(1000)}}')?.output).toBe('1000');
    const json = ru.find((e) => e.example.startsWith('{"'))!;
    expect(JSON.parse(json.output).id).toBe(1);
  });
});

describe('faker arguments that would stall or crash the main process', () => {
  test('refuses a count or length above 100,000 with the position, and keeps value ranges free', () => {
    const huge = compileTemplate('{"text": "{{faker.string.alpha(1000000000)}}"}', { mode: 'json' });
    expect(huge.ok).toBe(false);
    expect(!huge.ok && huge.error).toMatchObject({
      kind: 'argument',
      line: 1,
      message: expect.stringContaining('too large'),
    });
    const inObject = compileTemplate('{{faker.lorem.paragraphs({"min": 1, "max": 5000000})}}', { mode: 'text' });
    expect(inObject.ok).toBe(false);
    expect(compileTemplate('{{faker.number.int({"min": 1, "max": 1000000000})}}', { mode: 'text' }).ok).toBe(true);
    expect(compileTemplate('{{faker.string.alpha(100)}}', { mode: 'text' }).ok).toBe(true);
  });
});
