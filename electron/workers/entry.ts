// A worker thread's body: runs the tasks main asks for, one at a time, and posts each result or
// error back. Errors cross as plain data (a class does not survive structured cloning).
import { parentPort } from 'node:worker_threads';
import { ServiceError } from '../services';
import { tasks, type TaskName } from './tasks';
import type { TaskReply, TaskRequest } from './protocol';

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

/**
 * Byte arrays in a result move to main instead of being copied. A buffer moves when the result's
 * views cover it whole, end to end (one array, or a chunk of records sharing one buffer): then no
 * bytes but the result's go with it.
 */
function transferablesOf(reply: TaskReply): ArrayBuffer[] {
  if (!reply.ok) return [];
  const views = new Map<ArrayBuffer, Uint8Array[]>();
  collect(reply.value, views, 0);
  return [...views].filter(([buffer, list]) => coversWhole(buffer, list)).map(([buffer]) => buffer);
}

function collect(value: unknown, out: Map<ArrayBuffer, Uint8Array[]>, depth: number): void {
  if (depth > 3 || value === null || typeof value !== 'object') return;
  if (value instanceof Uint8Array) {
    if (!(value.buffer instanceof ArrayBuffer)) return;
    const views = out.get(value.buffer);
    if (views) views.push(value);
    else out.set(value.buffer, [value]);
    return;
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) collect(item, out, depth + 1);
}

function coversWhole(buffer: ArrayBuffer, views: Uint8Array[]): boolean {
  let end = 0;
  for (const view of [...views].sort((a, b) => a.byteOffset - b.byteOffset)) {
    if (view.byteOffset !== end) return false;
    end += view.byteLength;
  }
  return end === buffer.byteLength;
}
