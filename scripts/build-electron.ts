// Bundles main, its worker and the preload (see electron-bundles.ts) into a fresh dist-electron
// (a file an earlier build left there, a source map, would otherwise ship), and the command-line
// runner into dist/stream-composer.mjs.

import { build } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';
import { cliBundle, preloadBundle, runtimeBundles } from './electron-bundles';

await rm('dist-electron', { recursive: true, force: true });
await Promise.all([...runtimeBundles, preloadBundle, cliBundle].map((options) => build(options)));
await chmod(cliBundle.outfile!, 0o755);
