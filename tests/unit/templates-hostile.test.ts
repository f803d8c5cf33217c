// Hostile templates (a shared saved request can carry one): each is refused when it compiles, with
// the call, the number and the limit at its line and column, or stopped by the worker's budget with
// a clear error, while main keeps answering other calls.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { compileTemplate, createTemplateRuntime, renderChecked } from '../../electron/templates';
import { pingWhile } from '../helpers/main-responsiveness';
import { sandboxProfileOf, value } from '../helpers/results';
import { wireRunsApp, type RunsApp } from '../helpers/runs';

const refusal = (template: string) => {
  const result = compileTemplate(template, { mode: 'text' });
  return result.ok ? null : result.error;
};

describe('hostile templates are refused when they compile', () => {
  test.each([
    [
      'a mustache pattern (its keys become regular expressions)',
      'id {{faker.helpers.mustache("aaaaaaaaaaaaaaaaaaaaaaaaaaaa!", {"(a+)+$": "x"})}}',
      20,
      /faker\.helpers\.mustache is not available/,
    ],
    [
      'a count of 50,000,000',
      '{{faker.lorem.words(50000000)}}',
      21,
      /faker\.lorem\.words: argument 1 is 50,000,000, too large: counts and lengths go up to 100,000/,
    ],
    [
      'a count of 50,000,000 written as a string',
      '{{faker.lorem.words("50000000")}}',
      21,
      /argument 1 is 50,000,000, too large/,
    ],
    [
      'a length of 50,000,000 in an option object',
      'x\n{{faker.string.alpha({"length": 50000000})}}',
      22,
      /faker\.string\.alpha: "length" is 50,000,000, too large/,
    ],
    [
      'a {min, max} count of 50,000,000',
      '{{faker.lorem.words({"min": 1, "max": 50000000})}}',
      21,
      /"max" is 50,000,000, too large/,
    ],
    [
      'a count inside a module of values',
      '{{faker.date.betweens({"from": "2020-01-01", "to": "2021-01-01", "count": "50000000"})}}',
      23,
      /faker\.date\.betweens: "count" is 50,000,000, too large/,
    ],
    [
      'fromRegExp("a{100000000}")',
      '{{faker.helpers.fromRegExp("a{100000000}")}}',
      28,
      /the number 100000000 in "a\{100000000\}" is too large; counts and lengths go up to 100,000/,
    ],
    [
      'quantifiers that add up past the limit',
      '{{faker.helpers.fromRegExp("[ab]{60000}[cd]{60000}")}}',
      28,
      /ask for 120,000 characters in all; a pattern makes at most 100,000/,
    ],
    [
      'a character class of every character',
      '{{faker.helpers.fromRegExp("[\\u0000-\\uffff]{3}[\\u0000-\\uffff]")}}',
      28,
      /character ranges .* hold 131,072 characters/,
    ],
    [
      'a card pattern with a huge repeat',
      '{{faker.finance.creditCardNumber("4###-x{1,200000}")}}',
      34,
      /the number 200000 .* is too large/,
    ],
    [
      'an account number of 100,000,000 digits',
      '{{faker.finance.accountNumber(100000000)}}',
      31,
      /argument 1 is 100,000,000, too large/,
    ],
    [
      'paragraphs that could never fit a record',
      '{{faker.lorem.paragraphs(50000)}}',
      26,
      /counts and lengths go up to 1,000 here/,
    ],
  ])('%s', (_what, template, column, message) => {
    const error = refusal(template);
    expect(error).toMatchObject({
      kind: expect.stringMatching(/argument|unknown-faker-method/),
      column,
      message: expect.stringMatching(message),
    });
    expect(error!.line).toBe(template.startsWith('x\n') ? 2 : 1);
  });

  test('a template longer than the largest record (10 MiB) is refused before it is parsed', () => {
    const error = refusal(`{{uuid}}${'x'.repeat(10 * 1024 * 1024)}`);
    expect(error?.message).toMatch(/The template is 10,485,768 characters long; a template may be at most 10,485,760/);
  });

  test('values stay free: ranges, amounts and dates are not counts', () => {
    for (const ok of [
      '{{faker.number.int({"min": 1, "max": 1000000000})}}',
      '{{faker.date.past({"refDate": "2020-01-01"})}}',
      '{{faker.helpers.fromRegExp("[A-Z]{3}-[0-9]{4}")}}',
      '{{faker.string.alpha(100000)}}',
    ]) {
      expect(refusal(ok), ok).toBeNull();
    }
  });

  test('rendering stops once a record has grown past what the largest record holds', () => {
    // Text up to the largest template, then one placeholder more: faker's 10 MiB of letters would take minutes here.
    const compiled = compileTemplate(`${'x'.repeat(10 * 1024 * 1024 - 100)}{{faker.string.alpha(1000)}}`, {
      mode: 'text',
    });
    if (!compiled.ok) throw new Error(compiled.error.message);
    const rendered = renderChecked(compiled.template, createTemplateRuntime({ locale: 'en', seed: 1 }), 0);
    expect(rendered).toEqual({
      ok: false,
      error: {
        index: 0,
        reason: 'tplRecordGrew',
        params: { max: 10_485_760 },
        message: expect.stringMatching(/^Record 1: it grew past 10,485,760 characters, more than any record holds/),
      },
    });
  });
});

describe('heavy template work runs in a worker with a budget', () => {
  let ctx: RunsApp;
  beforeEach(async () => {
    ctx = await wireRunsApp();
  });
  afterEach(async () => {
    await ctx.close();
  });

  test('a preview whose spread would take minutes is stopped at its budget, and main answers every call meanwhile within 100 ms', async () => {
    const sandbox = await sandboxProfileOf(ctx.app.handlers);
    // Each record is ~900 KB of random letters, and its key is read from it: the spread over
    // 10,000 records would render 9 GB. Every count is within bounds; only the budget stops it.
    const template = `{"id": "{{uuid}}", "text": "${'{{faker.string.alpha(100000)}}'.repeat(9)}"}`;
    const request = {
      profileId: sandbox.id,
      target: { type: 'name' as const, streamName: 'example-stream' },
      source: { type: 'template' as const, template, locale: 'en' as const },
      keys: { type: 'field' as const, path: 'id' },
      payloadMode: 'json' as const,
      seed: 5,
      count: 1,
    };
    // The sandbox and its stream are up before the clock starts.
    value(
      await ctx.app.handlers.previewBatch({
        ...request,
        source: { ...request.source, template: '{"id": "{{uuid}}"}' },
      }),
    );

    const { result: preview, waits } = await pingWhile(ctx.app.handlers.previewBatch(request), async () => {
      value(await ctx.app.handlers.getAppInfo({}));
      value(await ctx.app.handlers.listProfiles({}));
    });
    const answer = value(preview);
    expect(answer.records).toHaveLength(1);
    expect(answer.records[0].bytes).toBeGreaterThan(900_000);
    expect(answer.spread).toBeNull();
    expect(answer.problems.at(-1)).toMatchObject({
      message: 'The shard spread of the preview took longer than 5 s and was stopped.',
      field: 'source.template',
    });
    // The worker worked for its whole budget while main answered every call within 100 ms of its
    // own time (had main made the spread itself, it would have been held for minutes).
    expect(waits.count).toBeGreaterThan(50);
    console.log(
      `templates-hostile: ${waits.count} pings during the preview; slowest answer ${waits.slowestMs.toFixed(0)} ms after it was due, most main-thread CPU between two answers ${waits.busiestMs.toFixed(0)} ms`,
    );
    expect(waits.busiestMs).toBeLessThan(100);
  }, 60_000);

  test('a run with a hostile template is refused at its start, with the position and the limit', async () => {
    const sandbox = await sandboxProfileOf(ctx.app.handlers);
    const base = {
      profileId: sandbox.id,
      target: { type: 'name' as const, streamName: 'example-stream' },
      keys: { type: 'random' as const },
      payloadMode: 'text' as const,
      seed: 2,
    };
    const refused = await ctx.app.handlers.startRun({
      ...base,
      source: { type: 'template', template: 'x {{faker.helpers.fromRegExp("a{100000000}")}}', locale: 'en' },
      plan: { count: 10, ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(
          /^Line 1, column 30: faker\.helpers\.fromRegExp: the number 100000000 in "a\{100000000\}" is too large/,
        ),
        fields: [{ path: 'source.template' }],
      },
    });
  }, 60_000);
});
