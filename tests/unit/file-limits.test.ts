// Files someone else made (batch files, history and saved-requests exports) are hostile input:
// through the real handler table, each cap refuses its file with an error naming the cap and the
// file's own figure; deep nesting is an error, not a stack overflow; a named pipe is refused
// instead of blocking; kept batch files are bounded by memory; and while a big file is parsed (in
// a worker) main keeps answering other calls.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { WiredApp } from '../../electron/wire';
import { createBatchFiles } from '../../electron/runs/files';
import { pingWhile } from '../helpers/main-responsiveness';
import { englishLine, value } from '../helpers/results';
import { wireRunsApp } from '../helpers/runs';

let app: WiredApp;
let closeApp: () => Promise<void>;
let fileDir: string;
let picked: string | null = null;

beforeEach(async () => {
  fileDir = await mkdtemp(path.join(os.tmpdir(), 'sc-file-limits-'));
  picked = null;
  ({ app, close: closeApp } = await wireRunsApp({ chooseOpenPath: async () => picked }));
});

afterEach(async () => {
  await closeApp();
  await rm(fileDir, { recursive: true, force: true });
});

/** A file in the test's folder, picked in the next open dialog. */
async function pick(name: string, contents: string | { sparseBytes: number }): Promise<string> {
  picked = path.join(fileDir, name);
  if (typeof contents === 'string') await writeFile(picked, contents);
  else {
    const handle = await open(picked, 'w');
    await handle.truncate(contents.sparseBytes);
    await handle.close();
  }
  return picked;
}

async function refusal(result: Promise<{ ok: boolean; error?: { code: string; message: string } }>): Promise<string> {
  const r = await result;
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe('INVALID_INPUT');
  expect(r.error?.message).not.toMatch(/call stack/i);
  return r.error!.message;
}

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('byte caps, checked before reading', () => {
  test('a history import over 128 MiB is refused naming the cap and the file’s size', async () => {
    await pick('history.ndjson', { sparseBytes: 128 * 1024 * 1024 + 5 * 1024 * 1024 });
    expect(await refusal(app.handlers.importHistory({}))).toBe(
      '"history.ndjson" is 133 MiB; history imports may be at most 128 MiB.',
    );
  });

  test('a saved-requests import over 16 MiB is refused naming the cap', async () => {
    await pick('saved.json', { sparseBytes: 17 * 1024 * 1024 });
    expect(await refusal(app.handlers.importSaved({}))).toBe(
      '"saved.json" is 17 MiB; saved-requests imports may be at most 16 MiB.',
    );
  });
});

describe('nesting depth', () => {
  test('100,000 levels of [ in a history import: an error naming the depth cap, nothing imported', async () => {
    await pick('history.ndjson', `{"id":"a","x":${deep(100_000)}}\n`);
    expect(await refusal(app.handlers.importHistory({}))).toBe(
      'Line 1 nests JSON deeper than 100 levels of [ and {; a history entry never does.',
    );
    await pick('history.json', `[${deep(100_000)}]`);
    expect(await refusal(app.handlers.importHistory({}))).toMatch(/^Line 1 nests JSON deeper than 100 levels/);
    expect(value(await app.handlers.listHistory({})).total).toBe(0);
  });

  test('100,000 levels of [ in a saved-requests import: an error naming the depth cap', async () => {
    await pick(
      'saved.json',
      `{"kind":"stream-composer/saved-requests","version":1,\n"folders":[],"requests":[],"x":${deep(100_000)}}`,
    );
    expect(await refusal(app.handlers.importSaved({}))).toBe(
      'The file nests JSON deeper than 100 levels of [ and { (line 2); a saved-requests export never does.',
    );
  });

  test('100,000 levels of [ in a batch file: its line is listed with the depth cap, the other records stay usable', async () => {
    await pick('deep.json', `[\n{"id": 1},\n{"id": ${deep(100_000)}}\n]`);
    const json = value(await app.handlers.openBatchFile({}))!;
    expect(json).toMatchObject({ format: 'json', rows: 0, errorCount: 1 });
    expect(englishLine(json.errors[0])).toEqual({
      line: 3,
      reason: 'the JSON value nests deeper than 100 levels of [ and { (line 3, column 106)',
    });

    await pick('deep.ndjson', `{"id": 1}\n{"id": ${deep(100_000)}}\n{"id": 3}\n`);
    const ndjson = value(await app.handlers.openBatchFile({}))!;
    expect(ndjson).toMatchObject({ format: 'ndjson', rows: 2, errorCount: 1 });
    expect(englishLine(ndjson.errors[0])).toEqual({
      line: 2,
      reason: 'the JSON value nests deeper than 100 levels of [ and { (column 107)',
    });
  });
});

describe('columns and lines', () => {
  test('a CSV with 200,000 columns is refused naming the column cap', async () => {
    const header = Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 200_000 }, (_, i) => String(i % 10)).join(',');
    await pick('wide.csv', `${header}\n${row}\n${row}\n`);
    const message = await refusal(app.handlers.openBatchFile({}));
    expect(message).toBe('The CSV header has 200,000 columns; a CSV file may have at most 1,000.');
    // Picked as another format, the same text is refused when it is read as CSV.
    const asLines = value(await app.handlers.loadBatchText({ name: 'wide.txt', text: `${header}\n${row}\n` }));
    expect(asLines.format).toBe('lines');
    expect(await refusal(app.handlers.parseBatchFile({ fileId: asLines.fileId, format: 'csv' }))).toBe(message);
  });

  test('a line over 4 MiB characters is listed with the cap, without being parsed; the other lines stay usable', async () => {
    const long = `{"a":"${'x'.repeat(4 * 1024 * 1024)}"}`;
    const view = value(await app.handlers.loadBatchText({ name: 'long.ndjson', text: `${long}\n{"b":1}\n` }));
    expect(view).toMatchObject({ rows: 1, errorCount: 1 });
    expect(view.errors.map(englishLine)).toEqual([
      {
        line: 1,
        reason: `the line is ${long.length.toLocaleString('en-US')} characters long; a line may have at most 4,194,304`,
      },
    ]);
  });

  test('more than 1,000,000 lines are refused naming the cap', async () => {
    await pick('many.txt', 'a\n'.repeat(1_000_001));
    expect(await refusal(app.handlers.openBatchFile({}))).toBe(
      'The file has more than 1,000,000 lines; a batch file may hold at most 1,000,000 records.',
    );
  });
});

describe('only regular files', () => {
  test('a named pipe picked as a batch file or an import is refused at once, without waiting for a writer', async () => {
    picked = path.join(fileDir, 'pipe.ndjson');
    execFileSync('mkfifo', [picked]);
    // Nothing ever writes to the pipe: reading it would wait forever.
    expect(await refusal(app.handlers.openBatchFile({}))).toBe(
      '"pipe.ndjson" is a named pipe, not a file; only a regular file can be read.',
    );
    expect(await refusal(app.handlers.importHistory({}))).toMatch(/is a named pipe, not a file/);
    expect(await refusal(app.handlers.importSaved({}))).toMatch(/is a named pipe, not a file/);
  });
});

describe('memory of kept batch files', () => {
  test('loading many files keeps their estimated memory under the cap: the oldest go, the newest stays', async () => {
    const cap = 4 * 1024 * 1024;
    const files = createBatchFiles({ maxKeptBytes: cap });
    const text = Array.from({ length: 3_000 }, (_, i) => JSON.stringify({ id: i, note: 'x'.repeat(60) })).join('\n');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push((await files.load(`f${i}.ndjson`, text)).fileId);
      // A file counts its bytes and its parsed rows.
      if (i === 0) expect(files.keptBytes()).toBeGreaterThan(2 * text.length);
      expect(files.keptBytes()).toBeLessThanOrEqual(cap);
    }
    expect((await files.parsed(ids[5], { format: 'ndjson' })).parsed.rows).toHaveLength(3_000);
    expect(() => files.text(ids[0])).toThrow('no longer loaded');
  });
});

describe('main keeps answering', () => {
  /**
   * A file of at least `bytes` made of lines `line(0)`, `line(1)`, ..., picked in the next open
   * dialog; returns how many lines. Made in a worker thread: the garbage of making it in main would
   * be collected while main is measured, and counted against the app. `line` may use nothing but
   * its argument (it is sent to the worker as source text).
   */
  async function pickLines(name: string, bytes: number, line: (i: number) => string): Promise<number> {
    picked = path.join(fileDir, name);
    const source = `
      const { workerData, parentPort } = require('node:worker_threads');
      const fs = require('node:fs');
      const line = ${line.toString()};
      const fd = fs.openSync(workerData.file, 'w');
      let count = 0;
      for (let size = 0; size < workerData.bytes; ) {
        const chunk = Array.from({ length: 5000 }, () => line(count++)).join('\\n') + '\\n';
        fs.writeSync(fd, chunk);
        size += Buffer.byteLength(chunk);
      }
      fs.closeSync(fd);
      parentPort.postMessage(count);`;
    const worker = new Worker(source, { eval: true, workerData: { file: picked, bytes } });
    try {
      const [count] = (await once(worker, 'message')) as [number];
      return count;
    } finally {
      await worker.terminate();
    }
  }

  test('while a 50 MB NDJSON batch file is read and parsed, every other call answers within 100 ms of main’s time', async () => {
    const line = (i: number) =>
      JSON.stringify({
        id: i,
        user: { id: `u${i % 997}`, name: 'Name Surname' },
        tags: ['a', 'b', 'c'],
        note: 'n'.repeat(100),
      });
    const count = await pickLines('big.ndjson', 50 * 1024 * 1024, line);

    const { result: opened, waits } = await pingWhile(app.handlers.openBatchFile({}), async () =>
      value(await app.handlers.listProfiles({})),
    );
    const view = value(opened)!;
    expect(view).toMatchObject({ format: 'ndjson', rows: count, errorCount: 0 });
    expect(waits.count).toBeGreaterThan(10);
    console.log(
      `file-limits: ${waits.count} pings during a 50 MB parse; slowest answer ${waits.slowestMs.toFixed(0)} ms after it was due, most main-thread CPU between two answers ${waits.busiestMs.toFixed(0)} ms`,
    );
    expect(waits.busiestMs).toBeLessThan(100);
  });

  test('while a 40 MB history export is imported, every other call answers within 100 ms of main’s time', async () => {
    const entry = (i: number) =>
      JSON.stringify({
        id: `imported-${i}`,
        time: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        profile: { id: 'p', name: 'Shared', kind: 'custom', endpoint: 'http://127.0.0.1:1', region: 'us-east-1' },
        streamName: 's',
        target: { type: 'name', streamName: 's' },
        partitionKey: `k-${i}`,
        payload: { mode: 'text', text: 'x'.repeat(700), size: 700, truncated: false },
        result: {
          ok: false,
          error: {
            name: 'ECONNREFUSED',
            message: 'refused',
            hint: 'Start it.',
            httpStatus: null,
            requestId: null,
            retryable: true,
            attempts: 1,
          },
        },
        latencyMs: 3,
      });
    const count = await pickLines('history.ndjson', 40 * 1024 * 1024, entry);

    const { result, waits } = await pingWhile(app.handlers.importHistory({}), async () =>
      value(await app.handlers.listProfiles({})),
    );
    expect(value(result)).toMatchObject({ imported: count, skipped: 0 });
    expect(waits.count).toBeGreaterThan(10);
    console.log(
      `file-limits: ${waits.count} pings during a ${count}-entry history import; slowest answer ${waits.slowestMs.toFixed(0)} ms after it was due, most main-thread CPU between two answers ${waits.busiestMs.toFixed(0)} ms`,
    );
    expect(waits.busiestMs).toBeLessThan(100);
  });
});
