// The worker runner, through the app's own tasks: results and errors cross intact, bytes move
// rather than copy, and a task past its time or memory budget is stopped with an error that says
// which limit it hit, while main goes on.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { BatchRequest } from '../../electron/contract';
import { ServiceError } from '../../electron/services';
import { transferable } from '../../electron/workers/protocol';
import { openWorker, runTask, WORKER_BUNDLE_ENV, type Budget } from '../../electron/workers/run-task';

const budget = (over: Partial<Budget> = {}): Budget => ({
  timeoutMs: 60_000,
  heapMb: 64,
  over: { time: 'previewOverTime', memory: 'previewOverMemory' },
  hint: 'smallerTemplate',
  ...over,
});
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A template batch whose every record is ~900 KB of random letters: a preview of thousands takes minutes. */
const heavyBatch = {
  request: {
    profileId: 'p',
    target: { type: 'name', streamName: 's' },
    source: { type: 'template', template: `{"text": "${'{{faker.string.alpha(100000)}}'.repeat(9)}"}`, locale: 'en' },
    keys: { type: 'random' },
    payloadMode: 'json',
  } as BatchRequest,
  file: null,
  family: 'aws' as const,
  seed: 1,
};

describe('worker tasks', () => {
  it('returns the result, and bytes moved to the worker come back', async () => {
    const bytes = utf8('{"user": "ключ"}\n{"user": 2}\n');
    const head = await runTask(
      'parseBatchFile',
      { name: 'a.ndjson', content: bytes, choice: null },
      budget(),
      transferable(bytes),
    );
    expect(head).toMatchObject({ choice: { format: 'ndjson' }, rows: 2, kept: 2 });
    expect(new TextDecoder().decode(head.content as Uint8Array)).toBe('{"user": "ключ"}\n{"user": 2}\n');
  });

  it('keeps a ServiceError’s code, message and hint', async () => {
    const error = await runTask('decodeHistory', { bytes: utf8('not a history export\n') }, budget()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      reason: 'historyImportLineNotJson',
      params: { line: 1 },
      message: expect.stringContaining('Line 1'),
      hint: expect.stringContaining('nothing was imported'),
    });
  });

  it('stops a task past its time budget, and main keeps running meanwhile', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    // The budget covers the worker's start and the template's compile too, which take 2-3 s on a
    // loaded 2-core machine: 8 s leaves them room, and the preview (4.5 GB of text) never fits.
    const worker = openWorker(budget({ timeoutMs: 8000, field: 'source.template' }));
    try {
      await worker.call('openBatch', heavyBatch);
      const error = await worker.call('batchPreview', { count: 5000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({
        reason: 'previewOverTime',
        params: { seconds: 8 },
        message: 'The template preview took longer than 8 s and was stopped.',
        hintCode: 'smallerTemplate',
        field: 'source.template',
      });
      // The worker never held main: its timers kept firing.
      expect(ticks).toBeGreaterThan(0);
      // A stopped worker keeps nothing: what it held is gone, and it says why.
      await expect(worker.call('batchPreview', { count: 1 })).rejects.toThrow('took longer than 8 s');
    } finally {
      clearInterval(ticker);
      await worker.close();
    }
  });

  it('stops a task past its memory budget without taking the process down', async () => {
    const big = utf8(`${JSON.stringify({ note: 'n'.repeat(200) })}\n`.repeat(100_000));
    const error = await runTask(
      'parseBatchFile',
      { name: 'big.ndjson', content: big, choice: null },
      budget({ heapMb: 16 }),
      transferable(big),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      reason: 'previewOverMemory',
      params: { mb: 16 },
      message: 'The template preview needed more than 16 MB of memory and was stopped.',
    });
    const small = utf8('{"still": "here"}\n');
    expect(
      await runTask('parseBatchFile', { name: 'small.ndjson', content: small, choice: null }, budget()),
    ).toMatchObject({ rows: 1 });
  });

  it('keeps what one task built for the next in a series', async () => {
    const worker = openWorker(budget());
    try {
      const batch = {
        ...heavyBatch,
        request: {
          ...heavyBatch.request,
          source: { type: 'template', template: '{"n": {{seq}}}', locale: 'en' },
        } as BatchRequest,
      };
      expect(await worker.call('openBatch', batch)).toMatchObject({ broken: false, total: null });
      const [first, next] = await Promise.all([
        worker.call('batchRecords', { from: 0, count: 2 }),
        worker.call('batchRecords', { from: 2, count: 1 }),
      ]);
      expect([...first, ...next].map((r) => (r.ok ? new TextDecoder().decode(r.data) : r.problem.message))).toEqual([
        '{"n": 1}',
        '{"n": 2}',
        '{"n": 3}',
      ]);
    } finally {
      await worker.close();
    }
  });
});

describe('the bundled worker', () => {
  it('runs beside the bundled main (dist-electron/worker.js, built by npm run build)', async () => {
    const worker = new Worker(new URL('../../dist-electron/worker.js', import.meta.url));
    try {
      const replies: unknown[] = [];
      await new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (m: unknown) => {
          replies.push(m);
          if (replies.length === 1)
            worker.postMessage({
              id: 7,
              name: 'parseBatchFile',
              input: { name: 'a.txt', content: 'one\ntwo\n', choice: null },
            });
          else resolve();
        });
      });
      expect(replies[0]).toEqual({ ready: true });
      expect(replies[1]).toMatchObject({ id: 7, ok: true, value: { choice: { format: 'lines' }, rows: 2 } });
    } finally {
      await worker.terminate();
    }
  });
});

describe('which worker main starts from source', () => {
  /** Runs `fn` with the variable set to `value` (or unset), as the tests' config would have it. */
  async function withBundle<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
    const before = process.env[WORKER_BUNDLE_ENV];
    if (value === undefined) delete process.env[WORKER_BUNDLE_ENV];
    else process.env[WORKER_BUNDLE_ENV] = value;
    try {
      return await fn();
    } finally {
      if (before === undefined) delete process.env[WORKER_BUNDLE_ENV];
      else process.env[WORKER_BUNDLE_ENV] = before;
    }
  }
  const lines = () => runTask('parseBatchFile', { name: 'a.txt', content: utf8('one\ntwo\n'), choice: null }, budget());

  it('the tests start the fresh build of the worker (vitest.config.ts, tests/setup/build.ts), not its TypeScript through tsx', () => {
    expect(process.env[WORKER_BUNDLE_ENV]).toBe(
      fileURLToPath(new URL('../../dist-electron/worker.js', import.meta.url)),
    );
  });

  it('starts the bundle the variable names', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'worker-bundle-'));
    try {
      const bundle = path.join(dir, 'worker.mjs');
      await writeFile(
        bundle,
        "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ ready: true });\nparentPort.on('message', ({ id }) => parentPort.postMessage({ id, ok: true, value: 'the named bundle' }));\n",
      );
      expect(await withBundle(bundle, lines)).toBe('the named bundle');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('without it, starts the TypeScript entry through tsx (npm run preview, the screenshots)', async () => {
    expect(await withBundle(undefined, lines)).toMatchObject({ choice: { format: 'lines' }, rows: 2 });
  });
});
