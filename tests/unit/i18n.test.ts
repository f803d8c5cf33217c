// Every UI string goes through i18next: the two languages hold the same keys, and every literal
// key the renderer asks for exists in both (a missing one would show as a raw key on screen).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import en from '../../renderer/i18n/en.json';
import ru from '../../renderer/i18n/ru.json';

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keysOf(v, `${prefix}${k}.`)));
}

/** i18next plural forms: `x_one`, `x_few`... answer to `x`; Russian has more forms than English. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

test('English and Russian hold the same keys', () => {
  const enKeys = new Set(keysOf(en as Tree).map(base));
  const ruKeys = new Set(keysOf(ru as Tree).map(base));
  expect([...enKeys].filter((k) => !ruKeys.has(k))).toEqual([]);
  expect([...ruKeys].filter((k) => !enKeys.has(k))).toEqual([]);
});

test('every literal key the renderer uses exists in both languages', async () => {
  const root = path.resolve(import.meta.dirname, '../../renderer');
  const files = (await readdir(root, { recursive: true })).filter((f) => /\.(ts|tsx)$/.test(f));
  const used = new Set<string>();
  for (const file of files) {
    const text = await readFile(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
  }
  expect(used.size).toBeGreaterThan(50);
  for (const [name, dict] of [
    ['en', en],
    ['ru', ru],
  ] as const) {
    const keys = new Set(keysOf(dict as Tree).map(base));
    expect(
      [...used].filter((k) => !keys.has(k)),
      name,
    ).toEqual([]);
  }
});

test('every value is translated: no empty strings, no English left in the Russian file', () => {
  const flat = (tree: Tree, prefix = ''): [string, string][] =>
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v, `${prefix}${k}.`),
    );
  const enValues = new Map(flat(en));
  const untranslated = flat(ru as Tree).filter(
    ([k, v]) => v.trim() === '' || (/[a-z]{4,}/i.test(v) && !/[а-яё]/i.test(v) && enValues.get(k) === v),
  );
  // Names that are the same in both languages (product and service names, formats) are fine.
  const allowed =
    /^(app\.title|kind\.(yds|aws)|composer\.(mode|family)\.|code\.language\.|history\.streamName|composer\.(resolvedName|shortcut|placeholder\.json)|response\.(tab\.raw|sentTo)|decode\.layer\.)/;
  expect(untranslated.filter(([k]) => !allowed.test(k))).toEqual([]);
});
