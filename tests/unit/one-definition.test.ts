// One definition per shape and rule, checked on the source: a type written beside the schema it
// copies, or a rule written out again, is the habit that let two copies drift apart unseen.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { z } from 'zod';

const root = path.resolve(import.meta.dirname, '../..');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

const allSources = async () => [...(await sources('electron')), ...(await sources('renderer'))];

/** The files (of electron/ and renderer/) whose text matches, with the line of the first match. */
async function filesMatching(pattern: RegExp): Promise<string[]> {
  const found: string[] = [];
  for (const file of await allSources()) {
    const lines = (await readFile(path.join(root, file), 'utf8')).split('\n');
    const at = lines.findIndex((l) => pattern.test(l));
    if (at >= 0) found.push(`${file}:${at + 1}`);
  }
  return found;
}

test('the payload modes are listed once, in electron/shared/limits.ts', async () => {
  // A union or array naming all four modes on one line is a copy of PAYLOAD_MODES.
  const all = /(?=.*['"]text['"])(?=.*['"]json['"])(?=.*['"]base64['"])(?=.*['"]hex['"])/;
  const found = await filesMatching(all);
  expect(found.map((f) => f.replace(/:\d+$/, ''))).toEqual(['electron/shared/limits.ts']);
});

test("each shared rule is written once: the limit family, a target's stream name, the arrival order", async () => {
  // The YDS-or-AWS decision: a YDS profile, or a YDS path sent through another.
  expect(await filesMatching(/=== 'yds' \|\| isYdsStreamName\(/)).toEqual([
    expect.stringMatching(/^electron\/shared\/limits\.ts:/),
  ]);
  // Joining a target's YDS parts, or taking its name.
  expect(await filesMatching(/\.type === 'yds'\s*\?\s*buildYdsStreamName\(/)).toEqual([
    expect.stringMatching(/^electron\/shared\/addressing\.ts:/),
  ]);
  // Records ordered by arrival, then shard, then sequence number.
  expect(await filesMatching(/sequenceNumber\.length !== \w+\.sequenceNumber\.length/)).toEqual([
    expect.stringMatching(/^electron\/shared\/arrival\.ts:/),
  ]);
});

/** The property names of each object type written by hand (interface or type literal) in electron/. */
async function handWrittenShapes(): Promise<{ where: string; keys: string[] }[]> {
  const shapes: { where: string; keys: string[] }[] = [];
  for (const file of await sources('electron')) {
    const text = await readFile(path.join(root, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const add = (name: string, members: ts.NodeArray<ts.TypeElement>) => {
      const keys = members.filter(ts.isPropertySignature).map((m) => m.name.getText(source));
      if (keys.length >= 2) shapes.push({ where: `${file}: ${name}`, keys: keys.sort() });
    };
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) add(node.name.text, node.members);
      if (ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type)) add(node.name.text, node.type.members);
    });
  }
  return shapes;
}

/** The keys of every object schema the modules export (discriminated unions by option, operation inputs). */
async function schemaShapes(): Promise<{ where: string; keys: string[] }[]> {
  const shapes: { where: string; keys: string[] }[] = [];
  const add = (where: string, schema: unknown) => {
    if (schema instanceof z.ZodObject) shapes.push({ where, keys: Object.keys(schema.shape).sort() });
    else if (schema instanceof z.ZodDiscriminatedUnion) schema.options.forEach((o, i) => add(`${where}[${i}]`, o));
  };
  for (const file of await sources('electron')) {
    const text = await readFile(path.join(root, file), 'utf8');
    if (!/from 'zod'/.test(text) || !/export const \w+Schema\b/.test(text)) continue;
    const module = (await import(path.join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) if (name.endsWith('Schema')) add(`${file}: ${name}`, value);
  }
  const { operations } = await import('../../electron/contract');
  for (const [name, op] of Object.entries(operations)) add(`operation ${name} input`, op.input);
  return shapes;
}

test("no type is written by hand beside the schema it copies: types are z.infer'd", async () => {
  const schemas = await schemaShapes();
  expect(schemas.length).toBeGreaterThan(20);
  const copies: string[] = [];
  for (const shape of await handWrittenShapes()) {
    const twin = schemas.find((s) => s.keys.join() === shape.keys.join());
    if (twin) copies.push(`${shape.where} has the fields of ${twin.where}`);
  }
  expect(copies).toEqual([]);
});
