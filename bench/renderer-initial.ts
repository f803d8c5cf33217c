// What the window loads before its first screen: the entry script of dist/renderer/index.html and
// every chunk it imports statically (dynamic import() chunks load on first use), gzipped as a
// server or an installer would. Shared by `npm run bench` and the size budget test.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget of issue 11: a first screen that starts fast on a slow machine. */
export const RENDERER_INITIAL_BUDGET_KB = 120;

/** Static imports in a built chunk: `import{a}from"./x.js"` and `import"./x.js"`, never `import("./x.js")`. */
const STATIC_IMPORT = /\b(?:from|import)\s*"\.\/([^"]+\.js)"/g;

async function gzipKB(file: string) {
  const buf = await readFile(file);
  return { rawKB: buf.length / 1024, gzipKB: gzipSync(buf, { level: 9 }).length / 1024 };
}

export async function rendererInitialJs(dir: string) {
  const html = await readFile(path.join(dir, 'index.html'), 'utf8');
  const pending = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g),
  ].map((m) => m[1]);
  const files: string[] = [];
  let rawKB = 0;
  let gzKB = 0;
  while (pending.length) {
    const file = pending.shift()!;
    if (files.includes(file)) continue;
    files.push(file);
    const size = await gzipKB(path.join(dir, file));
    rawKB += size.rawKB;
    gzKB += size.gzipKB;
    const text = await readFile(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) pending.push(path.posix.join(path.posix.dirname(file), m[1]));
  }
  return { files, rawKB, gzipKB: gzKB };
}

/** The UI texts of each language: one of them is loaded before the first paint, on top of the initial set. */
export async function rendererLanguageJs(dir: string) {
  const assets = path.join(dir, 'assets');
  const sizes: Record<string, number> = {};
  for (const file of await readdir(assets)) {
    const lang = /^(en|ru)-[\w-]+\.js$/.exec(file)?.[1];
    if (lang) sizes[lang] = (await gzipKB(path.join(assets, file))).gzipKB;
  }
  return sizes;
}
