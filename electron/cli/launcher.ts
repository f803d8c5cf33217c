// Where dist/stream-composer.mjs starts. V8 compiles code several times slower than it reads a
// string, so main's code and its worker's travel in this file as strings: a run's worker starts
// first and loads while main's code is compiled, instead of after the whole file is.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFunction } from 'node:vm';
import mainSource from 'cli-main-source';
import workerSource from 'cli-worker-source';
import { launched, RUN_HEAP_MB, workerFromSource } from '../workers/launched';
import type { start } from './start';
import { wantsRunWorker } from './wants-run-worker';

const argv = process.argv.slice(2);
const warm = wantsRunWorker(argv) ? launched(workerFromSource(workerSource, RUN_HEAP_MB)) : null;
const filename = fileURLToPath(import.meta.url);
const main = { exports: {} as { start: typeof start } };
const runMain = compileFunction(mainSource, ['exports', 'require', 'module', '__filename', '__dirname'], {
  filename,
}) as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
runMain(main.exports, createRequire(filename), main, filename, path.dirname(filename));
await main.exports.start(argv, { workerSource, warm });
