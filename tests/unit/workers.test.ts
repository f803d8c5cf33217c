// The worker runner: results and errors cross intact, and a task past its time or memory budget
// is stopped with an error that says which limit it hit, while main goes on.
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/services';
import { openWorker, runTask, type Budget } from '../../electron/workers/run-task';

const budget = (over: Partial<Budget> = {}): Budget => ({ timeoutMs: 60_000, heapMb: 64, what: 'The test task', hint: 'Make it smaller.', ...over });

describe('worker tasks', () => {
  it('returns the result, byte arrays included', async () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    const out = await runTask('echo', { bytes, text: 'ключ' }, budget());
    expect(out).toEqual({ bytes: new Uint8Array([0, 1, 254, 255]), text: 'ключ' });
  });

  it('keeps a ServiceError’s code, hint and field', async () => {
    const error = await runTask('refuse', { message: 'Bad line 3.', hint: 'Fix it.', field: 'source' }, budget()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'Bad line 3.', hint: 'Fix it.', field: 'source' });
  });

  it('stops a task past its time budget, and main keeps running meanwhile', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      const error = await runTask('spin', undefined as never, budget({ timeoutMs: 500, field: 'source.template' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({ message: 'The test task took longer than 0.5 s and was stopped.', hint: 'Make it smaller.', field: 'source.template' });
      // The spinning worker never held main: its timers kept firing.
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
    }
  });

  it('stops a task past its memory budget without taking the process down', async () => {
    const error = await runTask('hog', undefined as never, budget({ heapMb: 32 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toBe('The test task needed more than 32 MB of memory and was stopped.');
    expect(await runTask('echo', 'still here', budget())).toBe('still here');
  });

  it('runs a series of tasks in one worker, and refuses calls once stopped', async () => {
    const worker = openWorker(budget({ timeoutMs: 500 }));
    expect(await Promise.all([worker.call('echo', 1), worker.call('echo', 2)])).toEqual([1, 2]);
    await expect(worker.call('spin', undefined as never)).rejects.toThrow('took longer than 0.5 s');
    await expect(worker.call('echo', 3)).rejects.toThrow('took longer than 0.5 s');
    await worker.close();
  });
});

describe('the bundled worker', () => {
  it('runs beside the bundled main (dist-electron/worker.js, built by npm run build)', async () => {
    const { Worker } = await import('node:worker_threads');
    const script = new URL('../../dist-electron/worker.js', import.meta.url);
    const worker = new Worker(script);
    try {
      const replies: unknown[] = [];
      await new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (m: unknown) => {
          replies.push(m);
          if (replies.length === 1) worker.postMessage({ id: 7, name: 'echo', input: [1, 'два'] });
          else resolve();
        });
      });
      expect(replies).toEqual([{ ready: true }, { id: 7, ok: true, value: [1, 'два'] }]);
    } finally {
      await worker.terminate();
    }
  });
});
