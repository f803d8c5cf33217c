// What esbuild makes of electron/: the main process and the worker thread it starts for long tasks
// (ESM, beside each other, where electron/workers/run-task.ts looks; packages left to
// node_modules, so they are what package.json's dependencies must hold) and the preload (CommonJS,
// self-contained: a sandboxed preload cannot require packages). No source maps: they would ship
// inside the app.
import { readFile } from 'node:fs/promises';
import { build, type BuildOptions, type Plugin } from 'esbuild';

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

/**
 * The sandbox's packages, made to work inside one ESM file. kinesalite loads each action with
 * require('./actions/' + name): esbuild bundles every file of the folder for it, but keyed by
 * file name, so the name gets its `.js`. subleveldown's iterator strips its prefix by assigning to
 * a parameter and passing `arguments` on, and kinesalite's createShardIterator misses a comma (its
 * `buffer` becomes an implicit global): both only work in sloppy mode; an ESM file is strict.
 */
const sandboxInBundle: Plugin = {
  name: 'sandbox-in-bundle',
  setup(build) {
    build.onLoad({ filter: /[\\/]kinesalite[\\/]index\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8'))
        .replace("require('./actions/' + action)", "require('./actions/' + action + '.js')")
        .replace("require('./validations/' + action)", "require('./validations/' + action + '.js')"),
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]kinesalite[\\/]db[\\/]index\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(
        'exports.ITERATOR_PWD_IV)\n    buffer = Buffer.concat',
        'exports.ITERATOR_PWD_IV),\n    buffer = Buffer.concat',
      ),
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]subleveldown[\\/]leveldown\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(
        'if (key) key = key.slice(self.prefix.length)\n    cb.apply(null, arguments)',
        'if (key) key = key.slice(self.prefix.length)\n    cb(err, key, value)',
      ),
      loader: 'js',
    }));
  },
};

/**
 * zod's `z` carries `z.locales`, its error messages in some 40 languages, which nothing here uses
 * (zod's own English is imported apart). A bundle cannot drop them from a namespace it keeps
 * whole, and they are an eighth of the runner's file, which every start parses, so they are left out.
 */
const zodWithoutLocales: Plugin = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-without-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** What the runner's two parts share. */
const cliPart: BuildOptions = {
  ...common,
  target: 'node20',
  // ESM builds first: jsonc-parser's UMD main loads its parts with a require esbuild cannot follow.
  mainFields: ['module', 'main'],
  // Identifiers too: a start reads the whole file.
  minify: true,
  legalComments: 'none',
  write: false,
};

/**
 * The runner's worker thread: templates with faker, the file parsers; no SDK, no sandbox. A
 * CommonJS script, which a worker runs from a string. run-task.ts reads import.meta.url only to
 * find a worker's file, which neither part does: the launcher gives workers their source.
 */
const cliWorkerPart: BuildOptions = {
  ...cliPart,
  entryPoints: ['electron/cli/worker.ts'],
  format: 'cjs',
  logOverride: { 'empty-import-meta': 'silent' },
  plugins: [zodWithoutLocales],
};

/**
 * The runner's main code, from start.ts: the SDK, the engine, the sandbox (leveldown stays out).
 * A CommonJS module, which the launcher compiles with node:vm; code compiled so may not import()
 * (the SDK imports node:http on demand), so esbuild makes those imports requires.
 */
const cliMainPart: BuildOptions = {
  ...cliPart,
  entryPoints: ['electron/cli/start.ts'],
  format: 'cjs',
  supported: { 'dynamic-import': false },
  logOverride: { 'empty-import-meta': 'silent' },
  external: ['leveldown'],
  plugins: [sandboxInBundle, zodWithoutLocales],
};

/** `import source from 'cli-main-source'` (or 'cli-worker-source') in the launcher: that part, built, as a string. */
const partsAsStrings: Plugin = {
  name: 'parts-as-strings',
  setup(launcher) {
    const parts: Record<string, BuildOptions> = { 'cli-main-source': cliMainPart, 'cli-worker-source': cliWorkerPart };
    launcher.onResolve({ filter: /^cli-(main|worker)-source$/ }, (args) => ({
      path: args.path,
      namespace: 'cli-part',
    }));
    launcher.onLoad({ filter: /.*/, namespace: 'cli-part' }, async (args) => {
      const { outputFiles } = await build(parts[args.path]);
      return { contents: `export default ${JSON.stringify(outputFiles![0].text)};`, loader: 'js' };
    });
  },
};

/**
 * `stream-composer` for CI images: one ESM file that runs with plain Node >= 20 and no
 * node_modules, every package inside it (kinesalite for --sandbox too; leveldown, which it loads
 * only for an on-disk store, stays out): a small launcher (electron/cli/launcher.ts) carrying
 * main's code and the worker's as strings.
 */
export const cliBundle: BuildOptions = {
  ...common,
  entryPoints: ['electron/cli/launcher.ts'],
  outfile: 'dist/stream-composer.mjs',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  plugins: [partsAsStrings],
  banner: { js: '#!/usr/bin/env node' },
};
