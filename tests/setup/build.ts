// Vitest's globalSetup: the e2e tests serve dist/renderer, and several unit tests read
// dist-electron (the preload, the bundled worker). A build older than the sources would test
// yesterday's app and pass or fail for the wrong reason, so the build is redone whenever any
// input is newer than the oldest output — also for `npx vitest run tests/e2e/one.test.ts` alone.
// The child processes some tests start (tests/setup/children.ts) are bundled the same way.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { workerBundle } from '../../scripts/electron-bundles';
import { CHILD_ENTRIES, CHILD_INPUTS, CHILD_OUTPUTS, CHILDREN_DIR } from './children';

const appRoot = path.resolve(import.meta.dirname, '../..');

/** What the build reads: vite.config.ts and scripts/electron-bundles.ts name the rest. */
export const BUILD_INPUTS = [
  'renderer',
  'electron',
  'vite.config.ts',
  'scripts/build-electron.ts',
  'scripts/electron-bundles.ts',
  'package.json',
  // How the tests build (below): a build made by an older setup may differ from the shipped one.
  'tests/setup/build.ts',
];
export const BUILD_OUTPUTS = [
  'dist/renderer/index.html',
  'dist-electron/main.js',
  'dist-electron/worker.js',
  'dist-electron/preload.cjs',
  // The command-line runner's one file (tests/unit/cli-*.test.ts run it with plain node).
  'dist/stream-composer.mjs',
];

function newest(file: string): number {
  const s = statSync(file);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

function oldestOutput(root: string, outputs: string[]): number | null {
  let oldest = Infinity;
  for (const file of outputs) {
    try {
      oldest = Math.min(oldest, statSync(path.join(root, file)).mtimeMs);
    } catch {
      return null;
    }
  }
  return oldest;
}

/** Why the build must be redone, or null when it is up to date. */
export function staleBecause(root: string, inputs = BUILD_INPUTS, outputs = BUILD_OUTPUTS): string | null {
  const built = oldestOutput(root, outputs);
  if (built === null) return 'no build yet';
  const changed = inputs.find((input) => newest(path.join(root, input)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

export default async function setup(): Promise<void> {
  buildApp();
  const why = staleBecause(appRoot, CHILD_INPUTS, CHILD_OUTPUTS);
  if (why) {
    console.log(`Bundling the tests' child processes (${why}).`);
    // The options main's worker is bundled with (ESM, packages from node_modules), several entries.
    await build({
      ...workerBundle,
      absWorkingDir: appRoot,
      entryPoints: CHILD_ENTRIES,
      outfile: undefined,
      outdir: CHILDREN_DIR,
    });
  }
}

function buildApp(): void {
  const why = staleBecause(appRoot);
  if (!why) return;
  console.log(`Building the app for the tests (${why}).`);
  // Vitest sets NODE_ENV=test, which Vite would honour with React's development build: the tests
  // would then check a renderer (another React, a bigger bundle) that no user runs.
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: appRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0)
    throw new Error(`npm run build failed (exit ${build.status ?? build.signal}); the tests would read a stale build.`);
}
