// The tests' build check (tests/setup/build.ts, Vitest's globalSetup): a change to any input the
// build reads makes the build stale, and only an output newer than every input counts as fresh.
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_INPUTS, BUILD_OUTPUTS, staleBecause } from '../setup/build';

let root: string;
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));

async function put(file: string, minutes: number) {
  const full = path.join(root, file);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, file);
  await utimes(full, at(minutes), at(minutes));
}

/** Every input as a file (folders hold one file, set after the folder so its own time counts too). */
async function inputsAt(minutes: number) {
  for (const input of BUILD_INPUTS) {
    if (path.extname(input)) await put(input, minutes);
    else {
      await put(path.join(input, 'nested/source.ts'), minutes);
      for (const dir of [path.join(input, 'nested'), input])
        await utimes(path.join(root, dir), at(minutes), at(minutes));
    }
  }
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'stale-build-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('stale build check', () => {
  it('asks for a build when there is none, or when one output is missing', async () => {
    await inputsAt(0);
    expect(staleBecause(root)).toBe('no build yet');
    for (const out of BUILD_OUTPUTS.slice(1)) await put(out, 10);
    expect(staleBecause(root)).toBe('no build yet');
    await put(BUILD_OUTPUTS[0], 10);
    expect(staleBecause(root)).toBeNull();
  });

  it('asks for a build when a source deep in a folder is newer than the oldest output', async () => {
    await inputsAt(0);
    for (const out of BUILD_OUTPUTS) await put(out, 10);
    await put('electron/nested/source.ts', 20);
    await utimes(path.join(root, 'electron/nested'), at(0), at(0));
    await utimes(path.join(root, 'electron'), at(0), at(0));
    expect(staleBecause(root)).toBe('electron changed since the last build');
  });

  it('compares with the oldest output: one fresh bundle does not make the others fresh', async () => {
    await inputsAt(10);
    for (const out of BUILD_OUTPUTS) await put(out, 20);
    await put('dist-electron/worker.js', 5);
    expect(staleBecause(root)).toBe('renderer changed since the last build');
  });

  it('asks for a build when the build config changed', async () => {
    await inputsAt(0);
    for (const out of BUILD_OUTPUTS) await put(out, 10);
    await put('vite.config.ts', 11);
    expect(staleBecause(root)).toBe('vite.config.ts changed since the last build');
  });
});
