// What esbuild makes of electron/: the main process and the worker thread it starts for long tasks
// (ESM, beside each other, where electron/workers/run-task.ts looks; packages left to
// node_modules, so they are what package.json's dependencies must hold) and the preload (CommonJS,
// self-contained: a sandboxed preload cannot require packages). No source maps: they would ship
// inside the app.
import type { BuildOptions } from 'esbuild';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: false,
  logLevel: 'warning',
};

export const mainBundle: BuildOptions = {
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist-electron/main.js',
  format: 'esm',
  packages: 'external',
};
export const workerBundle: BuildOptions = {
  ...common,
  entryPoints: ['electron/workers/entry.ts'],
  outfile: 'dist-electron/worker.js',
  format: 'esm',
  packages: 'external',
};
/** The bundles that load packages from node_modules when the app runs. */
export const runtimeBundles: BuildOptions[] = [mainBundle, workerBundle];
export const preloadBundle: BuildOptions = {
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
};
