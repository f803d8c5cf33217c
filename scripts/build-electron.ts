// Bundles main, its worker and the preload (see electron-bundles.ts).
import { build } from 'esbuild';
import { preloadBundle, runtimeBundles } from './electron-bundles';

await Promise.all([...runtimeBundles, preloadBundle].map((options) => build(options)));
