// What a worker can be asked to do: pure functions of structured-clonable input, run off the main
// thread (see run-task.ts). Each domain adds its tasks here; main imports only the types.
import { ServiceError } from '../services';

export const tasks = {
  /** Returns its input; lets tests and the bench measure a worker's round trip. */
  echo: (input: unknown) => input,
  /** Work that never ends, to prove a budget stops it (tests only reach it through runTask). */
  spin: () => {
    for (;;);
  },
  /** Allocates without bound, to prove the memory budget stops it. */
  hog: () => {
    const kept: string[] = [];
    for (let i = 0; ; i++) kept.push(`${i}`.repeat(1024));
  },
  /** Throws a ServiceError, to prove errors keep their code, hint and field across the boundary. */
  refuse: (input: { message: string; hint?: string; field?: string }) => {
    throw new ServiceError('INVALID_INPUT', input.message, input.hint, input.field);
  },
} satisfies Record<string, (input: never) => unknown>;

export type TaskName = keyof typeof tasks;
export type TaskInput<K extends TaskName> = Parameters<(typeof tasks)[K]>[0];
export type TaskOutput<K extends TaskName> = Awaited<ReturnType<(typeof tasks)[K]>>;
