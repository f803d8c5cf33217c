// Work that could take long or grow without bound (templates, parsing hostile files, big
// previews) runs in a worker thread with a budget of time and memory, so main keeps answering
// calls meanwhile and a runaway task is stopped, with a clear error, instead of hanging or
// killing the app. A worker that blows its budget is terminated: nothing it held survives.
import { Worker } from 'node:worker_threads';
import { ServiceError } from '../services';
import type { HintCode, Reason, ReasonParams } from '../shared/reasons';
import type { TaskReply, TaskRequest } from './protocol';
import type { TaskInput, TaskName, TaskOutput } from './tasks';
import { launched, resourceLimitsOf, workerFromSource, type Launched } from './launched';

/** Names a built worker for main run from source to start instead of the TypeScript entry. */
export const WORKER_BUNDLE_ENV = 'STREAM_COMPOSER_WORKER_BUNDLE';

type OverTime = { [R in Reason]: ReasonParams<R> extends { seconds: number } ? R : never }[Reason];
type OverMemory = { [R in Reason]: ReasonParams<R> extends { mb: number } ? R : never }[Reason];

export interface Budget {
  /** Longest one task may run before its worker is stopped. */
  timeoutMs: number;
  /** The worker's whole JavaScript heap. */
  heapMb: number;
  /** The reasons of the error when the task runs out of time or memory: they name what was stopped. */
  over: { time: OverTime; memory: OverMemory };
  /** What to change so the task fits, for the error's hint. */
  hint: HintCode;
  /** The input field at fault, for the form to mark. */
  field?: string;
}

export interface TaskWorker {
  /** Runs one task; tasks run one after another, each with the whole time budget. */
  call<K extends TaskName>(name: K, input: TaskInput<K>, transfer?: ArrayBuffer[]): Promise<TaskOutput<K>>;
  /** Stops the worker; calls still waiting fail. */
  close(): Promise<void>;
}

/** Runs one task in a worker of its own, which ends with it. */
export async function runTask<K extends TaskName>(
  name: K,
  input: TaskInput<K>,
  budget: Budget,
  transfer?: ArrayBuffer[],
): Promise<TaskOutput<K>> {
  const worker = openWorker(budget);
  try {
    return await worker.call(name, input, transfer);
  } finally {
    await worker.close();
  }
}

/** A worker kept for a series of tasks (a run's records): state built by one task stays for the next. */
export function openWorker(budget: Budget): TaskWorker {
  let worker: { thread: Worker; ready: Promise<void> } | null = null;
  let broken: ServiceError | Error | null = null;
  let nextId = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const start = () => {
    const { thread, ready } = takeWarm(budget.heapMb) ?? launch(budget.heapMb);
    // A worker stopped by its heap limit emits 'error' (ERR_WORKER_OUT_OF_MEMORY) then 'exit'.
    thread.on('error', (error: Error & { code?: string }) => {
      broken = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? overBudget(budget, 'memory') : error;
    });
    return { thread, ready: ready.catch((error: Error) => Promise.reject(broken ?? error)) };
  };

  const runOne = async <K extends TaskName>(name: K, input: TaskInput<K>, transfer: ArrayBuffer[] | undefined) => {
    if (broken) throw broken;
    const { thread: w, ready } = (worker ??= start());
    await ready;
    return new Promise<TaskOutput<K>>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = nextId++;
      const finish = () => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('exit', onExit);
      };
      const onMessage = (reply: TaskReply) => {
        if (reply.id !== id) return;
        finish();
        if (reply.ok) resolve(reply.value as TaskOutput<K>);
        else
          reject(
            reply.error.service
              ? new ServiceError(reply.error.reason, reply.error.params, {
                  hint: reply.error.hint,
                  field: reply.error.field,
                })
              : new Error(reply.error.message),
          );
      };
      const onExit = () => {
        finish();
        broken ??= new Error('The worker stopped unexpectedly.');
        reject(broken);
      };
      const timer = setTimeout(() => {
        finish();
        broken = overBudget(budget, 'time');
        reject(broken);
        void w.terminate();
      }, budget.timeoutMs);
      w.on('message', onMessage);
      w.on('exit', onExit);
      w.postMessage({ id, name, input } satisfies TaskRequest, transfer ?? []);
    });
  };

  return {
    call(name, input, transfer) {
      const result = queue.then(() => runOne(name, input, transfer));
      queue = result.catch(() => {});
      return result;
    },
    async close() {
      broken ??= new Error('The worker was closed.');
      const w = worker;
      worker = null;
      if (w) await w.thread.terminate();
    },
  };
}

function overBudget(budget: Budget, kind: 'time' | 'memory'): ServiceError {
  const options = { hint: budget.hint, field: budget.field };
  return kind === 'time'
    ? new ServiceError(budget.over.time, { seconds: Math.round(budget.timeoutMs / 100) / 10 }, options)
    : new ServiceError(budget.over.memory, { mb: budget.heapMb }, options);
}

const launch = (heapMb: number): Launched => launched(spawn(heapMb));

/** Workers started before anyone asked for one (prestartWorker), by heap size. */
const warm = new Map<number, Launched>();

/**
 * Starts a worker now for the next openWorker with this heap, so that loading it (a second
 * isolate that parses its whole script) overlaps the caller's own start: the command-line runner
 * calls it first thing, while it still loads the workspace and the credentials.
 */
export function prestartWorker(heapMb: number): void {
  if (!warm.has(heapMb)) warm.set(heapMb, launch(heapMb));
}

/** Takes a worker started elsewhere (the runner's launcher) as the next openWorker's with this heap. */
export function keepWarm(heapMb: number, worker: Launched): void {
  warm.set(heapMb, worker);
}

function takeWarm(heapMb: number): Launched | null {
  const launched = warm.get(heapMb);
  warm.delete(heapMb);
  return launched && !launched.exited ? launched : null;
}

/** The worker's whole script, when main carries it (the command-line runner's one file). */
let workerSource: string | null = null;

/** Workers start from this CommonJS source instead of a file beside main. */
export function useWorkerSource(source: string): void {
  workerSource = source;
}

/**
 * The bundled app runs dist-electron/worker.js beside main.js; from source (tests, the harness)
 * the TypeScript entry runs through tsx's loader, registered inside the worker — unless
 * WORKER_BUNDLE_ENV names a bundle: the tests do (their setup keeps it fresh), as loading the
 * entry through tsx costs 0.3–1 s per worker.
 */
function spawn(heapMb: number): Worker {
  if (workerSource) return workerFromSource(workerSource, heapMb);
  const resourceLimits = resourceLimitsOf(heapMb);
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { resourceLimits });
  const bundle = process.env[WORKER_BUNDLE_ENV];
  if (bundle) return new Worker(bundle, { resourceLimits });
  const entry = new URL('./entry.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}
