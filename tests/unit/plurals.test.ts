// Count sentences right in both languages: every plural key has all the forms its language needs
// (English one/other; Russian one/few/many/other), and the counted sentences of a run read right
// for 1, 2, 5, 21. Main's own count messages are worded for any number (failure-classes.test.ts).
import { createInstance } from 'i18next';
import { expect, test } from 'vitest';
import en from '../../renderer/i18n/en.json';
import ru from '../../renderer/i18n/ru.json';

type Tree = { [key: string]: string | Tree };
const flat = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flat(v, `${prefix}${k}.`)));

const FORMS = { en: ['one', 'other'], ru: ['one', 'few', 'many', 'other'] } as const;

test('every plural key has every form of its language', () => {
  for (const [lang, dict] of [
    ['en', en],
    ['ru', ru],
  ] as const) {
    const keys = new Set(flat(dict));
    const plural = new Set(
      [...keys].filter((k) => /_(one|few|many|other)$/.test(k)).map((k) => k.replace(/_(one|few|many|other)$/, '')),
    );
    for (const base of plural)
      for (const form of FORMS[lang]) expect(keys.has(`${base}_${form}`), `${lang}: ${base}_${form}`).toBe(true);
  }
});

test('counted sentences of a run read right for 1, 2, 5 and 21', async () => {
  const i18n = createInstance();
  await i18n.init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
  const report = (lng: string, total: number) =>
    i18n.getFixedT(lng)('batch.report.someUndelivered', { count: total, acknowledged: 0, total, undelivered: total });
  const line = (lng: string, sent: number) =>
    i18n.getFixedT(lng)('batch.run.line', { count: sent, acknowledged: 0, sent });

  expect([1, 2].map((n) => report('en', n))).toEqual([
    '0 of 1 record acknowledged; 1 not delivered.',
    '0 of 2 records acknowledged; 2 not delivered.',
  ]);
  expect([1, 2, 5, 21].map((n) => report('ru', n))).toEqual([
    'Подтверждено 0 из 1 записи; не доставлено 1.',
    'Подтверждено 0 из 2 записей; не доставлено 2.',
    'Подтверждено 0 из 5 записей; не доставлено 5.',
    'Подтверждено 0 из 21 записи; не доставлено 21.',
  ]);
  expect([1, 5, 21].map((n) => line('ru', n))).toEqual([
    'подтверждено 0 из 1 отправленной',
    'подтверждено 0 из 5 отправленных',
    'подтверждено 0 из 21 отправленной',
  ]);
  expect(line('en', 1)).toBe('0 acknowledged of 1 sent');
});
