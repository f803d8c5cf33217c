// A real child Node process hosting the handler table (run-host-child.ts) on a data folder, for
// the crash tests: the parent calls operations over IPC, and kills the child with SIGKILL.
import { fork, type ChildProcess } from 'node:child_process';
import type { OperationName } from '../../electron/shared/names';
import type { OperationOutput, Result } from '../../electron/contract';
import { testChild } from '../setup/children';

export interface RunHost {
  call<K extends OperationName>(op: K, input: unknown): Promise<Result<OperationOutput<K>>>;
  /** SIGKILL: the process ends at once, wherever it is; resolves once it has exited. */
  kill(): Promise<void>;
  /** Ends the process gently (tests' cleanup). */
  stop(): Promise<void>;
}

export async function startRunHost(dataDir: string, savePath: string): Promise<RunHost> {
  const child: ChildProcess = fork(testChild('run-host-child'), [dataDir, savePath], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (r: never) => void>();
  let next = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { ready?: true; id?: number; result?: never }) => {
      if (m.ready) return resolve();
      waiting.get(m.id!)?.(m.result!);
      waiting.delete(m.id!);
    });
    void exited.then(() => reject(new Error('the run host exited before it was ready')));
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    call: (op, input) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, resolve);
        child.send({ id, op, input }, (error) => error && reject(error));
      }),
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
