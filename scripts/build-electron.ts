// Bundles main, its worker and the preload (see electron-bundles.ts) into a fresh dist-electron:
// a file an earlier build left there (a source map) would otherwise ship.
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { preloadBundle, runtimeBundles } from './electron-bundles';

await rm('dist-electron', { recursive: true, force: true });
await Promise.all([...runtimeBundles, preloadBundle].map((options) => build(options)));
