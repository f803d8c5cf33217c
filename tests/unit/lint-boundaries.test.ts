// The process boundaries are lint rules (eslint.config.js), so an editor flags a wrong import as it
// is typed. This runs the project's own config on small sources placed, by path, in each part.
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// Type information is for the typed rules; the boundary rules read only the import, and these
// sources are not files on disk for the type checker to find.
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

const BOUNDARY_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax']);

/** Whether a boundary rule flags `code` as if it were the file at `file` (relative to the project). */
async function flagged(file: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.some((m) => m.ruleId && BOUNDARY_RULES.has(m.ruleId));
}

test('the renderer imports only types from the contract and pure code from electron/shared', async () => {
  const cases: [string, string, boolean][] = [
    [
      'renderer/Probe.tsx',
      "import type { Result } from '../electron/contract';\nexport type R = Result<number>;",
      false,
    ],
    [
      'renderer/features/x/Probe.tsx',
      "import { OPERATION_NAMES } from '../../../electron/shared/names';\nexport const n = OPERATION_NAMES;",
      false,
    ],
    [
      'renderer/Probe.tsx',
      "import { OPERATION_NAMES } from '../electron/contract';\nexport const n = OPERATION_NAMES;",
      true,
    ],
    [
      'renderer/features/x/Probe.tsx',
      "import { wireApp } from '../../../electron/wire';\nexport const w = wireApp;",
      true,
    ],
    ['renderer/Probe.tsx', "import type { WiredApp } from '../electron/wire';\nexport type W = WiredApp;", true],
    ['renderer/Probe.tsx', "import { app } from 'electron';\nexport const a = app;", true],
    ['renderer/Probe.tsx', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;", true],
    ['renderer/Probe.tsx', 'declare const ipcRenderer: { send(c: string): void };\nipcRenderer.send("x");', true],
  ];
  for (const [file, code, expected] of cases)
    expect({ file, code, flagged: await flagged(file, code) }).toEqual({ file, code, flagged: expected });
});

test("electron/shared imports nothing of main but the contract's types", async () => {
  const cases: [string, string, boolean][] = [
    [
      'electron/shared/probe.ts',
      "import type { ProfileKind } from '../contract';\nimport { parseStreamPath } from './addressing';\nexport type K = ProfileKind;\nexport const p = parseStreamPath;",
      false,
    ],
    [
      'electron/shared/probe.ts',
      "import { OPERATION_NAMES } from '../contract';\nexport const n = OPERATION_NAMES;",
      true,
    ],
    ['electron/shared/probe.ts', "import { openHistory } from '../history';\nexport const h = openHistory;", true],
    ['electron/shared/probe.ts', "import { app } from 'electron';\nexport const a = app;", true],
    ['electron/shared/probe.ts', "import path from 'node:path';\nexport const p = path;", true],
  ];
  for (const [file, code, expected] of cases)
    expect({ file, code, flagged: await flagged(file, code) }).toEqual({ file, code, flagged: expected });
});

test('only electron/main.ts and electron/preload.ts import electron or touch raw IPC', async () => {
  const ipc = "import { app, ipcMain } from 'electron';\nexport const a = app;\nipcMain.handle('x', () => 1);";
  expect(await flagged('electron/main.ts', ipc)).toBe(false);
  expect(
    await flagged('electron/preload.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer.invoke('x');"),
  ).toBe(false);
  expect(await flagged('electron/history/probe.ts', ipc)).toBe(true);
  expect(await flagged('electron/history/probe.ts', "import { app } from 'electron';\nexport const a = app;")).toBe(
    true,
  );
  expect(
    await flagged('electron/probe.ts', 'declare const ipcMain: { handle(c: string): void };\nipcMain.handle("x");'),
  ).toBe(true);
});
