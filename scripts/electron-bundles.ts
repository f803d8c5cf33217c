// What esbuild makes of electron/: the main process and the worker thread it starts for long tasks
// (ESM, beside each other, where electron/workers/run-task.ts looks; packages left to
// node_modules, so they are what package.json's dependencies must hold) and the preload (CommonJS,
// self-contained: a sandboxed preload cannot require packages). No source maps: they would ship
// inside the app.
import { readFile } from 'node:fs/promises';
import type { BuildOptions, Plugin } from 'esbuild';

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
 * `stream-composer` for CI images: one ESM file that runs with plain Node >= 20 and no
 * node_modules, every package inside it (kinesalite for --sandbox too; leveldown, which it loads
 * only for an on-disk store, stays out). CommonJS packages in an ESM file need `require`,
 * `__filename` and `__dirname`, which the banner gives them. It is also its own template worker.
 */
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

export const cliBundle: BuildOptions = {
  ...common,
  entryPoints: ['electron/cli/bin.ts'],
  outfile: 'dist/stream-composer.mjs',
  format: 'esm',
  target: 'node20',
  external: ['leveldown'],
  // ESM builds first: jsonc-parser's UMD main loads its parts with a require esbuild cannot follow.
  mainFields: ['module', 'main'],
  // Identifiers too: a start reads and parses the whole file, and 2.6 MB becomes 2.0 MB.
  minify: true,
  legalComments: 'none',
  plugins: [sandboxInBundle, zodWithoutLocales],
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __scCreateRequire } from 'node:module';",
      "import { fileURLToPath as __scFileURLToPath } from 'node:url';",
      'const require = __scCreateRequire(import.meta.url);',
      'const __filename = __scFileURLToPath(import.meta.url);',
      "const __dirname = __scFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
};
