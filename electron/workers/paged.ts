// Main's side of kept.ts: runs a task that keeps its result in the worker, then takes it page by page.
import { openWorker, type Budget } from './run-task';
import type { TaskInput, TaskName, TaskOutput } from './tasks';

type KeepingTask = { [K in TaskName]: TaskOutput<K> extends { kept: number } ? K : never }[TaskName];

/** The task's answer, and the `kept` items it left in its worker, in order. */
export async function runPaged<K extends KeepingTask>(
  name: K,
  input: TaskInput<K>,
  budget: Budget,
  transfer?: ArrayBuffer[],
): Promise<{ head: TaskOutput<K>; items: unknown[] }> {
  const worker = openWorker(budget);
  try {
    const head = await worker.call(name, input, transfer);
    const total = head.kept;
    const items: unknown[] = [];
    while (items.length < total) {
      const page = await worker.call('keptPage', { from: items.length });
      if (page.length === 0) throw new Error('The worker lost its result.');
      for (const item of page) items.push(item);
    }
    return { head, items };
  } finally {
    await worker.close();
  }
}
