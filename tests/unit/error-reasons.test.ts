// Main's failures are reasons with parameters (electron/shared/reasons.ts), worded by the renderer:
// every reason and hint has an English and a Russian text that render with their parameters, the
// Russian one with every plural form a count needs; en.json says exactly what main's English
// table says; every ServiceError in electron/ names a reason; and zod's refusals become field reasons.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInstance, type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appError } from '../../electron/app-error';
import { englishOf, HINTS, MESSAGES, TERM_TEXTS } from '../../electron/messages';
import {
  ADVICE_HINT_CODES,
  HINT_CODES,
  REASON_NAMES,
  REASONS,
  TERMS,
  type Reason,
  type ReasonParams,
  type ReasonWithParams,
} from '../../electron/shared/reasons';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp } from '../helpers/app';
import en from '../../renderer/i18n/en.json';
import ru from '../../renderer/i18n/ru.json';
import { errorText, problemText } from '../../renderer/i18n/mainError';

const translators: Record<'en' | 'ru', TFunction> = {} as Record<'en' | 'ru', TFunction>;

beforeAll(async () => {
  for (const lng of ['en', 'ru'] as const) {
    const i18n = createInstance();
    // As renderer/i18n/index.ts sets it up, but with no fallback: a missing text must show.
    await i18n.init({
      resources: { en: { translation: en }, ru: { translation: ru } },
      lng,
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
    translators[lng] = i18n.getFixedT(lng);
  }
});

/** Example parameters of a reason: every text param a marker of its own, every number 12345. */
function exampleOf<R extends Reason>(reason: R, count = 12345): ReasonParams<R> {
  const params: Record<string, string | number> = {};
  for (const [name, kind] of Object.entries(REASONS[reason].params))
    params[name] = kind === 'number' ? (name === 'count' ? count : 12345) : `‹${name}›`;
  return params as ReasonParams<R>;
}

const reasonTexts = (lang: 'en' | 'ru') => (lang === 'en' ? en : ru).reason as Record<string, string>;

describe('every reason is worded in both languages', () => {
  test('en.json holds every reason exactly as main words it, and nothing else', () => {
    expect(en.reason).toStrictEqual(MESSAGES);
    expect(Object.keys(MESSAGES).sort()).toEqual([...REASON_NAMES].sort());
  });

  test.each(REASON_NAMES)('%s renders with its parameters in English and Russian', (reason) => {
    const params = exampleOf(reason);
    const shown = (lang: 'en' | 'ru') => {
      const text = translators[lang](`reason.${reason}`, params);
      expect(text, lang).not.toBe(`reason.${reason}`);
      expect(text, lang).not.toMatch(/\{\{|\}\}/);
      return Object.entries(params as Record<string, string | number>)
        .filter(([, value]) => text.includes(typeof value === 'number' ? value.toLocaleString(lang) : value))
        .map(([name]) => name);
    };
    // Russian says all English says; a parameter the message leaves out is there for a hint.
    expect(shown('ru')).toEqual(shown('en'));
    const hinted = Object.values(HINTS).join(' ');
    for (const name of Object.keys(params))
      if (!shown('en').includes(name)) expect(hinted, name).toContain(`{{${name}`);
    expect(translators.ru(`reason.${reason}`, params)).toMatch(/[а-яё]/i);
  });

  const counted = REASON_NAMES.filter((r) => 'count' in REASONS[r].params);

  test.each(counted)('%s has every Russian plural form', (reason) => {
    const texts = reasonTexts('ru');
    for (const form of ['one', 'few', 'many', 'other']) expect(texts[`${reason}_${form}`], form).toBeTruthy();
    // 1, 3, 5 pick three of them, each with its own count.
    for (const n of [1, 3, 5, 21])
      expect(translators.ru(`reason.${reason}`, exampleOf(reason, n))).toContain(String(n));
  });

  // A problem inside a problem, a JSON value's kind, a JSON syntax error: each worded in the UI language.
  const wordedKinds = REASON_NAMES.filter((r) =>
    Object.values(REASONS[r].params as Record<string, string>).some((kind) => kind !== 'text' && kind !== 'number'),
  );
  const inner = { reason: 'partitionKeyEmpty', params: {} } as ReasonWithParams;

  test.each(wordedKinds)('%s words its nested problems and terms in English and Russian', (reason) => {
    const params: Record<string, unknown> = { ...exampleOf(reason) };
    for (const [name, kind] of Object.entries(REASONS[reason].params as Record<string, string>)) {
      if (kind === 'problem') params[name] = inner;
      if (kind === 'term') params[name] = 'list';
      if (kind === 'jsonError') params[name] = 'value_expected';
    }
    const problem = { reason, params } as ReasonWithParams;
    expect(problemText(translators.en, problem)).toBe(englishOf(problem));
    const shown = problemText(translators.ru, problem);
    const kinds = Object.values(REASONS[reason].params as Record<string, string>);
    if (kinds.includes('problem')) {
      expect(shown).toContain(ru.reason.partitionKeyEmpty);
      expect(shown).not.toContain(MESSAGES.partitionKeyEmpty);
    }
    if (kinds.includes('term')) expect(shown).toContain(ru.term.list);
    if (kinds.includes('jsonError')) expect(shown).toContain(ru.validation.jsonError.value_expected);
    expect(shown).not.toMatch(/\{\{|\}\}|\[object Object\]/);
  });

  test('en.json holds every term exactly as main words it', () => {
    expect(en.term).toStrictEqual(TERM_TEXTS);
    expect(Object.keys(ru.term).sort()).toEqual([...TERMS].sort());
    expect(wordedKinds.length).toBeGreaterThanOrEqual(10);
  });

  test('a count picks its Russian form: 1 шард, 3 шарда, 5 шардов', () => {
    const say = (count: number) => translators.ru('reason.sandboxShardLimit', { count, max: 200 });
    expect(say(1)).toContain('1 шарда');
    expect(say(3)).toContain('3 шардов');
    expect(say(5)).toContain('5 шардов');
    expect(counted.length).toBeGreaterThanOrEqual(5);
  });

  test.each(HINT_CODES)('hint %s renders in English and Russian with the parameters of any reason', (code) => {
    const params = { example: 'us-east-1' };
    for (const lang of ['en', 'ru'] as const) {
      const text = translators[lang](`hints.${code}`, params);
      expect(text, lang).not.toBe(`hints.${code}`);
      expect(text, lang).not.toMatch(/\{\{|\}\}/);
    }
    expect(en.hints).toStrictEqual(HINTS);
  });

  test("the renderer shows a reason and its hint in the UI language, never main's English", () => {
    const error = {
      ...appError('regionRequired', { example: 'ru-central1' }),
      hint: 'For example ru-central1.',
      hintCode: 'regionExample' as const,
    };
    const shown = errorText(translators.ru, error);
    expect(shown.message).toBe(ru.reason.regionRequired);
    expect(shown.hint).toBe('Например, ru-central1.');
    expect(errorText(translators.en, error)).toEqual({ message: error.message, hint: error.hint });
  });
});

describe('main names a reason for every refusal', () => {
  let sources: { file: string; text: string }[];

  beforeAll(async () => {
    const root = path.resolve(import.meta.dirname, '../../electron');
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'));
    sources = await Promise.all(
      files.map(async (file) => ({
        file: file.split(path.sep).join('/'),
        text: await readFile(path.join(root, file), 'utf8'),
      })),
    );
  });

  test('every ServiceError names a reason (the constructor takes nothing else), never an error code and a sentence', () => {
    const sites = sources.flatMap((s) =>
      [...s.text.matchAll(/new ServiceError\(\s*([^,\s]+)/g)].map((m) => `${s.file}: ${m[1]}`),
    );
    expect(sites.length).toBeGreaterThan(60);
    expect(
      sites.filter((site) => /'(INVALID_INPUT|NOT_FOUND|NEEDS_CONFIRMATION|REJECTED|INTERNAL)'/.test(site)),
    ).toEqual([]);
  });

  test('every reason and every advice hint is used by main: none of the translations is dead', () => {
    const code = sources
      .filter((s) => !['shared/reasons.ts', 'messages.ts'].includes(s.file))
      .map((s) => s.text)
      .join('\n');
    const unused = (names: readonly string[]) => names.filter((n) => !code.includes(`'${n}'`));
    expect(unused(REASON_NAMES)).toEqual([]);
    expect(unused(ADVICE_HINT_CODES)).toEqual([]);
  });
});

describe('a refusal reaches the renderer as reasons', () => {
  let closeApp: () => Promise<void>;
  let app: WiredApp;

  beforeAll(async () => {
    ({ app, close: closeApp } = await wireTestApp({
      app: { version: 't', systemLocale: 'ru-RU' },
    }));
  });

  afterAll(async () => {
    await closeApp();
  });

  test("zod's refusals become field reasons with the schema's limits", async () => {
    const r = await app.handlers.saveProfile({
      name: 'n'.repeat(101),
      kind: 'kafka',
      endpoint: '',
      region: 'us-east-1',
      ydsCloudId: '',
      ydsDatabaseId: '',
      credentials: { source: 'none', sharedProfile: '' },
      timeoutMs: 5,
      maxAttempts: 1.5,
      colour: 'red',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: 'INVALID_INPUT',
      reason: 'inputInvalid',
      params: { operation: 'saveProfile' },
    });
    const byPath = Object.fromEntries(
      (r.error.fields ?? []).map((f) => [f.path, { reason: f.reason, params: f.params }]),
    );
    expect(byPath).toEqual({
      name: { reason: 'fieldTooLong', params: { max: 100 } },
      kind: { reason: 'fieldOneOf', params: { options: 'sandbox, yds, aws, custom' } },
      timeoutMs: { reason: 'fieldTooSmall', params: { min: 1000 } },
      maxAttempts: { reason: 'fieldNotInteger', params: {} },
      '': { reason: 'fieldUnknown', params: { keys: 'colour' } },
    });
    const missing = await app.handlers.saveProfile({ kind: 'custom' });
    expect(!missing.ok && missing.error.fields?.find((f) => f.path === 'name')).toMatchObject({
      reason: 'fieldRequired',
    });
  });

  test("a service's refusal carries its reason, parameters, field and hint", async () => {
    const r = await app.handlers.saveProfile({
      name: 'Mine',
      kind: 'custom',
      endpoint: 'ftp://example.com',
      region: 'us-east-1',
      ydsCloudId: '',
      ydsDatabaseId: '',
      credentials: { source: 'none', sharedProfile: '' },
      timeoutMs: 5000,
      maxAttempts: 1,
    });
    expect(!r.ok && r.error).toMatchObject({
      code: 'INVALID_INPUT',
      reason: 'endpointProtocol',
      params: { protocol: 'ftp:' },
      message: 'The endpoint must start with http:// or https://, not ftp://.',
      fields: [{ path: 'endpoint', reason: 'endpointProtocol', params: { protocol: 'ftp:' } }],
    });
    if (!r.ok)
      expect(errorText(translators.ru, r.error).message).toBe(
        'Эндпоинт должен начинаться с http:// или https://, а не с ftp://.',
      );
  });
});
