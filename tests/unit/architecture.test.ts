// The structure rules, checked on the source: only the two thin shell files touch Electron, and
// the renderer reaches main only through window.composer (types from the contract, pure shared code).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { EVENT_NAMES } from '../../electron/shared/names';

const root = path.resolve(import.meta.dirname, '../..');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const importsOf = (text: string) =>
  [...text.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({
    typeOnly: !!m[1],
    from: m[2],
  }));

test('only electron/main.ts and electron/preload.ts import electron', async () => {
  const offenders: string[] = [];
  for (const file of [...(await sources('electron')), ...(await sources('renderer'))]) {
    const text = await readFile(path.join(root, file), 'utf8');
    if (importsOf(text).some((i) => i.from === 'electron' || i.from.startsWith('electron/'))) offenders.push(file);
  }
  expect(offenders.sort()).toEqual(['electron/main.ts', 'electron/preload.ts']);
});

test('the renderer imports only types from the contract and pure shared code from electron/', async () => {
  const offenders: string[] = [];
  for (const file of await sources('renderer')) {
    const text = await readFile(path.join(root, file), 'utf8');
    if (/ipcRenderer|require\(/.test(text)) offenders.push(`${file}: ipcRenderer/require`);
    for (const i of importsOf(text)) {
      if (!i.from.includes('electron/')) continue;
      const target = i.from.replace(/^.*electron\//, 'electron/');
      const allowed = target.startsWith('electron/shared/') || (target === 'electron/contract' && i.typeOnly);
      if (!allowed) offenders.push(`${file}: ${i.typeOnly ? 'type ' : ''}import from ${i.from}`);
    }
  }
  expect(offenders).toEqual([]);
});

test('the built preload holds only the operation names and the bridge, not the schemas', async () => {
  const preload = await readFile(path.join(root, 'dist-electron/preload.cjs'), 'utf8');
  expect(preload.length).toBeLessThan(5_000);
  expect(preload).not.toMatch(/zod|ZodError/);
  expect(preload).toContain('exposeInMainWorld');
  // The event channels come from the same list main sends on (shared/names.ts EVENT_NAMES).
  expect(preload).toContain('composer-event:');
  for (const name of EVENT_NAMES) expect(preload).toContain(`"${name}"`);
});
