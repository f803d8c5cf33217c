// A worker thread's body: runs the tasks main asks for, one at a time, and posts each result or
// error back. Errors cross as plain data (a class does not survive structured cloning).
import { parentPort } from 'node:worker_threads';
import { ServiceError } from '../services';
import { tasks, type TaskName } from './tasks';
import { transferable, type TaskReply, type TaskRequest } from './protocol';

const port = parentPort!;
// Tells main the worker is loaded: its tasks' time budgets count from here.
port.postMessage({ ready: true });

port.on('message', (request: TaskRequest) => void answer(request));

async function answer({ id, name, input }: TaskRequest): Promise<void> {
  let reply: TaskReply;
  try {
    const run = tasks[name as TaskName] as (input: unknown) => unknown;
    if (typeof run !== 'function') throw new Error(`No worker task named ${name}`);
    const value = await run(input);
    reply = { id, ok: true, value };
  } catch (error) {
    // instanceof types a generic class's parameters as any; say which ServiceError it is.
    const known = error instanceof ServiceError ? (error as ServiceError) : null;
    reply = known
      ? {
          id,
          ok: false,
          error: {
            service: true,
            reason: known.reason,
            params: known.params,
            hint: known.hintCode,
            field: known.field,
          },
        }
      : { id, ok: false, error: { service: false, message: error instanceof Error ? error.message : String(error) } };
  }
  port.postMessage(reply, transferablesOf(reply));
}

/** Byte arrays in a result move to main instead of being copied. */
function transferablesOf(reply: TaskReply): ArrayBuffer[] {
  if (!reply.ok) return [];
  const out = new Set<ArrayBuffer>();
  collect(reply.value, out, 0);
  return [...out];
}

function collect(value: unknown, out: Set<ArrayBuffer>, depth: number): void {
  if (depth > 3 || value === null || typeof value !== 'object') return;
  if (value instanceof Uint8Array) {
    // Only a view that owns its whole buffer can give it away without taking others' bytes.
    for (const buffer of transferable(value)) out.add(buffer);
    return;
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) collect(item, out, depth + 1);
}
