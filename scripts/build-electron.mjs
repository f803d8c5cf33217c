// Bundles the main process (ESM, dependencies left to node_modules), the worker thread main starts
// for long tasks (beside main.js, where electron/workers/run-task.ts looks for it) and the preload
// (CommonJS, self-contained: a sandboxed preload cannot require packages).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.js', format: 'esm', packages: 'external' }),
  build({ ...common, entryPoints: ['electron/workers/entry.ts'], outfile: 'dist-electron/worker.js', format: 'esm', packages: 'external' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs', format: 'cjs', external: ['electron'] }),
]);
