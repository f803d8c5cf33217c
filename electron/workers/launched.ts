// A worker thread on its way up. Shared by run-task.ts and the runner's launcher
// (electron/cli/launcher.ts), which starts a run's worker before main's own code is compiled.
import { Worker } from 'node:worker_threads';

/**
 * The heap of a run's worker, which renders the records of a template: a few chunks of 1 MiB
 * records and faker's data, with room to spare.
 */
export const RUN_HEAP_MB = 256;

export interface Launched {
  thread: Worker;
  /** Settles when the worker has loaded its entry (its first message), or fails if it exits first. */
  ready: Promise<void>;
  exited: boolean;
}

export function resourceLimitsOf(heapMb: number) {
  return { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, heapMb >> 3)) };
}

/** A worker running `source`, a CommonJS script, whatever flags main was given (--input-type=module would make it a module). */
export function workerFromSource(source: string, heapMb: number): Worker {
  return new Worker(source, { eval: true, resourceLimits: resourceLimitsOf(heapMb), execArgv: [] });
}

/** Watches `thread` come up from the moment it is made, so that its first message is not missed. */
export function launched(thread: Worker): Launched {
  thread.unref();
  const launch: Launched = { thread, ready: Promise.resolve(), exited: false };
  // The budget counts from the moment the worker can work: loading it (slow from source on a
  // busy machine) is not the task's time.
  launch.ready = new Promise<void>((resolve, reject) => {
    thread.once('message', () => resolve());
    thread.once('exit', () => {
      launch.exited = true;
      reject(new Error('The worker stopped before it started.'));
    });
  });
  launch.ready.catch(() => {});
  // Its own errors come again as a rejected ready; until a caller takes it, nothing else listens.
  thread.on('error', () => {});
  return launch;
}
