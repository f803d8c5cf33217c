// The executable: package.json's bin, and the one bundled file dist/stream-composer.mjs that runs
// with plain Node. The same file is the template worker's script: started as a worker thread it
// runs the worker's entry instead of a command.
import { isMainThread } from 'node:worker_threads';

if (!isMainThread) {
  (await import('./memory')).noYoungGrowth();
  await import('../workers/entry');
} else {
  (await import('./memory')).keepMemoryLow();
  const argv = process.argv.slice(2);
  const workers = await import('../workers/run-task');
  // From source (tsx) the worker starts from its TypeScript entry; the bundle starts itself.
  if (!import.meta.url.endsWith('.ts')) workers.useBundleAsWorker(new URL(import.meta.url));
  // A run's template worker loads (a second isolate parsing this whole file) while main loads the
  // workspace and the credentials, instead of after them; a run with no template leaves it idle.
  if (argv[0] === 'run' && !argv.includes('--help') && !argv.includes('-h'))
    workers.prestartWorker((await import('../runs/run-rules')).RUN_HEAP_MB);
  // The SDK's notice that its future versions want Node 22 says nothing a user of this file can act
  // on (the SDK is inside it); the engines field says which Node this version runs on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Template workers are unref'd (the app's own loop keeps going): a run waiting for one must
  // not let the process end with nothing else scheduled.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  const code = await (await import('./main')).main(argv);
  clearInterval(keepAlive);
  // Exits now, whatever keeps the loop alive (a kept-alive socket, a sandbox closing): every
  // report is written by then, and stdout and stderr are synchronous on files and pipes.
  process.exit(code);
}
