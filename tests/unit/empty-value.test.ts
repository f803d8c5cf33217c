// Empty values are shown one way: the dash of renderer/ui/emptyValue.ts. The helper's rule, and a
// check on the source that no screen writes its own empty marker (a literal in the renderer or a
// translation that is only a marker) beside it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { EMPTY_VALUE, shown } from '../../renderer/ui/emptyValue';

const root = path.resolve(import.meta.dirname, '../..');
const HELPER = 'renderer/ui/emptyValue.ts';
/** What screens write for "nothing here" when they do not use the helper. */
const MARKERS = new Set(['—', '–', '-', '−', '--', 'n/a', 'N/A', '(none)', '(empty)', '<empty>', '∅', 'нет данных']);

test('shown() gives the dash for a missing or blank value and the value as text otherwise', () => {
  expect(EMPTY_VALUE).toBe('—');
  for (const missing of [null, undefined, '', '   ', '\n']) expect(shown(missing)).toBe('—');
  expect(shown(0)).toBe('0');
  expect(shown(200)).toBe('200');
  expect(shown('shardId-000000000001')).toBe('shardId-000000000001');
  expect(shown(' x ')).toBe(' x ');
});

async function rendererSources(): Promise<string[]> {
  const entries = await readdir(path.join(root, 'renderer'), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .filter((f) => f !== HELPER)
    .sort();
}

/**
 * Every string literal, and every JSX text alone in its element, that is (trimmed) an empty marker:
 * file:line "text". A dash between two values (`{from} – {to}`) is a range, not an empty value.
 */
function markersIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const alone =
      ts.isJsxText(node) &&
      ts.isJsxElement(node.parent) &&
      node.parent.children.filter((c) => !(ts.isJsxText(c) && c.containsOnlyTriviaWhiteSpaces)).length === 1;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || alone) {
      const value = node.text.trim();
      if (MARKERS.has(value)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${file}:${line} ${JSON.stringify(value)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function translationMarkers(file: string, tree: unknown, at = ''): string[] {
  if (typeof tree === 'string') return MARKERS.has(tree.trim()) ? [`${file} ${at} ${JSON.stringify(tree)}`] : [];
  if (tree && typeof tree === 'object')
    return Object.entries(tree).flatMap(([k, v]) => translationMarkers(file, v, at ? `${at}.${k}` : k));
  return [];
}

test('no screen writes its own empty marker: the renderer and its translations leave it to shown()', async () => {
  const found: string[] = [];
  for (const file of await rendererSources())
    found.push(...markersIn(file, await readFile(path.join(root, file), 'utf8')));
  for (const lang of ['en', 'ru']) {
    const file = `renderer/i18n/${lang}.json`;
    found.push(...translationMarkers(file, JSON.parse(await readFile(path.join(root, file), 'utf8'))));
  }
  expect(found).toEqual([]);
});

test('the check sees a marker in a literal, in JSX text and in a translation', () => {
  const sample =
    "const a = x ?? '—';\nconst b = <td>n/a</td>;\nconst c = `-`;\nconst ok = 'a-b';\nconst range = <td>{a} – {b}</td>;";
  expect(markersIn('sample.tsx', sample)).toEqual(['sample.tsx:1 "—"', 'sample.tsx:2 "n/a"', 'sample.tsx:3 "-"']);
  expect(translationMarkers('t.json', { a: { none: '—' }, b: 'fine' })).toEqual(['t.json a.none "—"']);
});
