// What the runner does first, from source (bin.ts) and from its one bundled file (launcher.ts).
import { keepMemoryLow } from './memory';
import { keepWarm, prestartWorker, useWorkerSource } from '../workers/run-task';
import { RUN_HEAP_MB, type Launched } from '../workers/launched';
import { wantsRunWorker } from './wants-run-worker';

/** What the bundled file's launcher did before main's code was compiled. */
export interface Launch {
  /** The worker's whole script; null from source, where workers start from their TypeScript entry. */
  workerSource: string | null;
  /** A run's worker, already loading. */
  warm: Launched | null;
}

export async function start(argv: string[], { workerSource, warm }: Launch): Promise<never> {
  keepMemoryLow();
  if (workerSource) useWorkerSource(workerSource);
  // A run's worker loads while main loads the workspace and the credentials, instead of after
  // them; a run with no template leaves it idle.
  if (warm) keepWarm(RUN_HEAP_MB, warm);
  else if (wantsRunWorker(argv)) prestartWorker(RUN_HEAP_MB);
  // The SDK's notice that its future versions want Node 22 says nothing a user of this file can act
  // on (the SDK is inside it); the engines field says which Node this version runs on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Workers are unref'd (the app's own loop keeps going): a run waiting for one must not let the
  // process end with nothing else scheduled.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  const code = await (await import('./main')).main(argv);
  clearInterval(keepAlive);
  // Exits now, whatever keeps the loop alive (a kept-alive socket, a sandbox closing): every
  // report is written by then, and stdout and stderr are synchronous on files and pipes.
  process.exit(code);
}
