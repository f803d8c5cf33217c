// Batch and template problems are reasons with parameters, one family of producers per test: the
// parsers, the key strategies and field paths, the payload rules, the template parser, compiler,
// builtins and faker bounds, and the handler table that refuses a run with a nested problem. Each
// is worded in Russian by the renderer's own helper, with no English sentence left in it.
import { createInstance, type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKeyPicker } from '../../electron/batch/keys';
import { parseBatchText } from '../../electron/batch/parse';
import { toRecords } from '../../electron/batch/records';
import { englishOf } from '../../electron/messages';
import type { ReasonWithParams } from '../../electron/shared/reasons';
import { compileTemplate, createTemplateRuntime, renderChecked } from '../../electron/templates';
import en from '../../renderer/i18n/en.json';
import ru from '../../renderer/i18n/ru.json';
import { errorText, problemText } from '../../renderer/i18n/mainError';
import { englishLeftIn } from '../helpers/english-left';
import { sandboxProfileOf, value } from '../helpers/results';
import { wireRunsApp, type RunsApp } from '../helpers/runs';

let ruT: TFunction;
let enT: TFunction;

beforeAll(async () => {
  const i18n = createInstance();
  await i18n.init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    lng: 'ru',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  ruT = i18n.getFixedT('ru');
  enT = i18n.getFixedT('en');
});

/** Only the reason and its parameters, as they cross to the renderer. */
const reasonOf = (p: ReasonWithParams) => ({ reason: p.reason, params: p.params });

function inRussian(problem: ReasonWithParams): string {
  const text = problemText(ruT, problem);
  expect(text, text).toMatch(/[а-яё]/i);
  expect(englishLeftIn(text), text).toEqual([]);
  // The English says the same as main's log line.
  expect(problemText(enT, problem)).toBe(englishOf(problem));
  return text;
}

describe('each producer names a reason with parameters', () => {
  test('NDJSON, JSON array and CSV parsers', () => {
    const ndjson = parseBatchText('{"id": 1}\n{"id": 2, "x": }\n', 'ndjson');
    expect(ndjson.errors.map((e) => ({ line: e.line, ...reasonOf(e) }))).toEqual([
      { line: 2, reason: 'jsonSyntax', params: { detail: 'value_expected', column: 16 } },
    ]);
    expect(inRussian(ndjson.errors[0])).toBe('некорректный JSON: ожидается значение (столбец 16)');

    const array = parseBatchText('{"id": 1}', 'json');
    expect(reasonOf(array.errors[0])).toEqual({ reason: 'jsonArrayExpected', params: { found: 'object' } });
    expect(inRussian(array.errors[0])).toContain('в файле объект');

    const csv = parseBatchText('a,b\n1\n', 'csv', { csv: { payloadColumn: null } });
    expect(reasonOf(csv.errors[0])).toEqual({ reason: 'csvRowFields', params: { got: 1, want: 2 } });
    inRussian(csv.errors[0]);
  });

  test('key strategies and field paths, a missing field nesting why', () => {
    const pick = createKeyPicker({ type: 'field', path: 'user.id' }, { family: 'yds' });
    const picked = pick({ line: 4, payload: '{"user":{}}', value: { user: {} } }, 0);
    expect(picked.ok).toBe(false);
    if (picked.ok) return;
    expect(reasonOf(picked)).toEqual({
      reason: 'keyFieldMissing',
      params: { path: 'user.id', why: { reason: 'fieldNoField', params: { at: 'user', name: 'id' } } },
    });
    expect(inRussian(picked)).toBe('поля «user.id» нет: в «user» нет «id»');

    const notScalar = pick({ line: 5, payload: '{"user":{"id":[1]}}', value: { user: { id: [1] } } }, 0);
    if (notScalar.ok) throw new Error('a list is no key');
    expect(notScalar.params).toEqual({ path: 'user.id', found: 'list' });
    expect(inRussian(notScalar)).toContain('в поле «user.id» список');
  });

  test('payload and key rules of a record: encodings, key length, record size', () => {
    const rows = [{ line: 1, payload: 'abc' }];
    const hex = toRecords(rows, createKeyPicker({ type: 'fixed', value: 'k' }, { family: 'aws' }), 'aws', 'hex');
    expect(hex.errors.map(reasonOf)).toEqual([{ reason: 'hexOdd', params: {} }]);
    inRussian(hex.errors[0]);

    const long = createKeyPicker({ type: 'fixed', value: 'я'.repeat(200) }, { family: 'yds' });
    const tooLong = toRecords(rows, long, 'yds', 'text');
    expect(tooLong.errors.map(reasonOf)).toEqual([
      { reason: 'partitionKeyTooLongBytes', params: { length: 400, max: 256 } },
    ]);
    inRussian(tooLong.errors[0]);

    const big = [{ line: 2, payload: 'x'.repeat(1024 * 1024) }];
    const tooBig = toRecords(big, createKeyPicker({ type: 'fixed', value: 'k' }, { family: 'aws' }), 'aws', 'text');
    expect(tooBig.errors.map(reasonOf)).toEqual([
      { reason: 'recordTooLargeForStream', params: { size: 1_048_577, max: 1_048_576, over: 1, largest: 10_485_760 } },
    ]);
    expect(inRussian(tooBig.errors[0])).toMatch(
      /^Запись занимает 1\s048\s577 Б \(ключ \+ данные\); этот поток принимает не больше 1\s048\s576 Б\. Уберите 1 Б или поднимите/,
    );
  });

  test('the template parser, compiler and builtins', () => {
    const cases: [string, ReturnType<typeof reasonOf>][] = [
      ['{"a": {{ int(1 2) }}}', { reason: 'tplExpectedArgEnd', params: { found: '2' } }],
      ['{"a": {{ }}}', { reason: 'tplEmpty', params: { open: '{{', close: '}}' } }],
      [
        '{"a": {{ uid }}}',
        {
          reason: 'tplUnknownName',
          params: { name: 'uid', help: { reason: 'didYouMean', params: { names: "'uuid'" } } },
        },
      ],
      ['{"a": {{ int(9, 1) }}}', { reason: 'tplMinAboveMax', params: { name: 'int', min: '9', max: '1' } }],
      ['{"a": {{ int(1) }}}', { reason: 'tplArity', params: { name: 'int', got: 1, signature: 'int(min, max)' } }],
    ];
    for (const [source, expected] of cases) {
      const compiled = compileTemplate(source, { mode: 'json' });
      if (compiled.ok) throw new Error(`${source} compiled`);
      expect(reasonOf(compiled.error), source).toEqual(expected);
      expect(compiled.error.message).toBe(englishOf(compiled.error));
      inRussian(compiled.error);
    }
    expect(problemText(ruT, compileError('{"a": {{ uid }}}'))).toBe(
      "Неизвестное имя «uid». Возможно, имелось в виду 'uuid'?",
    );

    const template = compileTemplate('{"a": {{uuid}} }x', { mode: 'json' });
    if (!template.ok) throw new Error('compiles');
    const rendered = renderChecked(template.template, createTemplateRuntime({ locale: 'en', seed: 1 }), 4);
    if (rendered.ok) throw new Error('not JSON');
    expect(rendered.error).toMatchObject({
      index: 4,
      reason: 'payloadJson',
      params: { detail: 'invalid_symbol', line: 1, column: 47 },
    });
    expect(rendered.error.message).toMatch(/^Record 5: Invalid JSON at line 1/);
    inRussian(rendered.error);
  });

  test("faker's bounds, and its own refusal quoted inside a translated sentence", () => {
    const tooMany = compileError('{{faker.string.alpha(100000000)}}');
    expect(reasonOf(tooMany)).toEqual({
      reason: 'fakerArgTooLarge',
      params: { name: 'faker.string.alpha', arg: 1, value: 100_000_000, max: expect.any(Number) },
    });
    inRussian(tooMany);

    const refused = compileError('{{faker.number.int({"min": 5, "max": 1})}}');
    expect(refused.reason).toBe('fakerCallFailed');
    const why = (refused.params as { why: ReasonWithParams }).why;
    expect(why.reason).toBe('fakerRefused');
    const shown = problemText(ruT, refused);
    // Faker's English stays, quoted, inside the Russian sentence.
    expect(shown).toMatch(/^Вызов faker\.number\.int\(\{"min":5,"max":1\}\) не удался: faker отказал: «Max 1 .*»\./);
    expect(englishLeftIn(shown)).toEqual([]);
  });
});

function compileError(source: string) {
  const compiled = compileTemplate(source, { mode: 'text' });
  if (compiled.ok) throw new Error(`${source} compiled`);
  return compiled.error;
}

describe('through the handler table', () => {
  let ctx: RunsApp;
  beforeAll(async () => {
    ctx = await wireRunsApp({ chooseOpenPath: async () => null });
  });
  afterAll(async () => {
    await ctx.app.close();
  });

  test('a bad file line reaches the view and the preview as a reason; a refused run nests it whole', async () => {
    const view = value(await ctx.app.handlers.loadBatchText({ name: 'e.ndjson', text: '{"id":1}\n{"id":\n' }));
    expect(view.errors.map((e) => ({ line: e.line, ...reasonOf(e) }))).toEqual([
      { line: 2, reason: 'jsonSyntax', params: { detail: 'value_expected', column: 7 } },
    ]);
    const sandbox = await sandboxProfileOf(ctx.app.handlers);
    const request = {
      profileId: sandbox.id,
      target: { type: 'name' as const, streamName: 'no-such-stream-offline' },
      source: { type: 'template' as const, template: '{"n": {{ uid }}}', locale: 'en' as const },
      keys: { type: 'random' as const },
      payloadMode: 'json' as const,
      seed: 1,
    };
    const preview = value(await ctx.app.handlers.previewBatch({ ...request, count: 5 }));
    expect(preview.problems[0]).toMatchObject({ reason: 'tplUnknownName', templateLine: 1, templateColumn: 10 });
    expect(preview.problems[0].message).toBe(englishOf(preview.problems[0]));

    const run = await ctx.app.handlers.startRun({
      ...request,
      plan: { count: 5, ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 },
    });
    expect(run.ok).toBe(false);
    if (run.ok) return;
    expect(run.error).toMatchObject({
      reason: 'templateProblem',
      params: { line: 1, column: 10, problem: { reason: 'tplUnknownName', params: { name: 'uid' } } },
      message: "Line 1, column 10: Unknown name 'uid'. Did you mean 'uuid'?",
    });
    const shown = errorText(ruT, run.error).message;
    expect(shown).toBe("Шаблон, строка 1, столбец 10: Неизвестное имя «uid». Возможно, имелось в виду 'uuid'?");
    expect(englishLeftIn(shown)).toEqual([]);
  });
});
