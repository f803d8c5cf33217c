// Export → import keeps every kind of history entry whole: real entries made by the handler table
// (sends to the sandbox and to a closed port, load runs of each source on the sandbox), exported
// through exportHistory and imported into a second app on another data folder, then compared
// deep-equal with what the first app holds.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BatchRequest, HistoryEntry } from '../../electron/contract';
import { closedPort } from '../helpers/ports';
import { customProfileInput } from '../helpers/profiles';
import { createSandboxStream, sandboxProfileOf, value } from '../helpers/results';
import { wireTestApp, type TestApp } from '../helpers/app';
import { reportOf, wireRunsApp, type RunsApp } from '../helpers/runs';

let root: string;
let source: RunsApp;
/** The id of one real entry per kind, made once. */
const kinds = new Map<string, string>();

const plan = { ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 2 };

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'sc-history-transfer-'));
  source = await wireRunsApp({ chooseSavePath: async (name) => path.join(root, name) });
  const h = source.app.handlers;
  await createSandboxStream(h, 'transfer-two', 2);
  const sandbox = await sandboxProfileOf(h);
  const send = async (kind: string, input: Record<string, unknown>) => {
    const out = value(await h.sendRecord({ requestId: crypto.randomUUID(), ...(input as object) }));
    kinds.set(kind, out.historyId);
    return out;
  };
  const ok = await send('single send, ok', {
    profileId: sandbox.id,
    target: { type: 'name', streamName: 'transfer-two' },
    partitionKey: 'k-1',
    explicitHashKey: '1',
    payload: { mode: 'json', text: '{"a":1}' },
  });
  expect(ok.result.ok).toBe(true);
  const closed = value(
    await h.saveProfile(
      customProfileInput('Closed', `http://127.0.0.1:${await closedPort()}`, {
        accessKeyId: 'AKIDTRANSFER',
        secretAccessKey: 'secret-transfer',
      }),
    ),
  );
  const failed = await send('single send, failed', {
    profileId: closed.id,
    target: { type: 'yds', cloudId: 'b1g', databaseId: 'etn', stream: 's' },
    partitionKey: 'k-2',
    payload: { mode: 'hex', text: 'cafe' },
  });
  expect(failed.result.ok).toBe(false);

  const run = async (kind: string, request: BatchRequest, runPlan: Record<string, unknown>, state: string) => {
    const started = value(await h.startRun({ ...request, plan: { ...plan, ...runPlan } }));
    const report = await reportOf(source.events, started.runId);
    expect(report.state).toBe(state);
    kinds.set(kind, report.historyId!);
  };
  const base = {
    profileId: sandbox.id,
    target: { type: 'name' as const, streamName: 'transfer-two' },
    payloadMode: 'json' as const,
  };
  await run(
    'load run, rows',
    {
      ...base,
      source: {
        type: 'rows',
        rows: [
          { partitionKey: 'a', payload: '{"r":1}' },
          { partitionKey: 'b', payload: '{"r":2}' },
        ],
      },
      keys: { type: 'row' },
    },
    {},
    'done',
  );
  await run(
    'load run, template',
    {
      ...base,
      source: { type: 'template', template: '{"n": {{seq}}}', locale: 'en' },
      keys: { type: 'sequential', prefix: 'p-', start: 3 },
      seed: 7,
    },
    { count: 5, ratePerSec: 1000 },
    'done',
  );
  const file = value(await h.loadBatchText({ name: 'rows.ndjson', text: '{"x":1}\n{"x":2}\n' }));
  await run(
    'load run, file',
    { ...base, source: { type: 'file', fileId: file.fileId, format: 'ndjson' }, keys: { type: 'field', path: 'x' } },
    {},
    'done',
  );
  await run(
    'load run, failed',
    {
      ...base,
      target: { type: 'name', streamName: 'no-such-stream' },
      source: { type: 'rows', rows: [{ partitionKey: 'a', payload: '{}' }] },
      keys: { type: 'random' },
    },
    {},
    'failed',
  );
});

afterAll(async () => {
  await source?.close();
  await rm(root, { recursive: true, force: true });
});

const importInto = (file: string): Promise<TestApp> => wireTestApp({ chooseOpenPath: async () => file });

describe('history export → import', () => {
  test('the source history holds one entry of each kind, load runs with their run part', async () => {
    expect([...kinds.keys()]).toHaveLength(6);
    for (const [kind, id] of kinds) {
      const entry = value(await source.app.handlers.getHistoryEntry({ id }));
      expect(Boolean(entry.run), kind).toBe(kind.startsWith('load run'));
    }
  });

  test.each(['ndjson', 'json'] as const)('%s: every kind comes back deep-equal', async (format) => {
    const out = value(await source.app.handlers.exportHistory({ format }));
    expect(out.count).toBe(kinds.size);
    const { app, close } = await importInto(out.path!);
    try {
      expect(value(await app.handlers.importHistory({}))).toMatchObject({ imported: kinds.size, skipped: 0 });
      for (const [kind, id] of kinds) {
        const before = value(await source.app.handlers.getHistoryEntry({ id }));
        const after: HistoryEntry = value(await app.handlers.getHistoryEntry({ id }));
        expect(after, kind).toStrictEqual(before);
      }
      // The list shows an imported run as a run (its figures), not as a single send.
      const summaries = value(await app.handlers.listHistory({})).entries;
      expect(
        summaries
          .filter((s) => s.run)
          .map((s) => s.id)
          .sort(),
      ).toEqual(
        [...kinds]
          .filter(([k]) => k.startsWith('load run'))
          .map(([, id]) => id)
          .sort(),
      );
    } finally {
      await close();
    }
  });

  test('an export written before runs and hint codes were kept still imports', async () => {
    const old = {
      id: 'old-1',
      time: '2025-01-02T03:04:05.000Z',
      profile: { id: 'p', name: 'Old', kind: 'custom', endpoint: 'http://127.0.0.1:1', region: 'us-east-1' },
      streamName: 's',
      target: { type: 'name', streamName: 's' },
      partitionKey: 'k',
      payload: { mode: 'text', text: 'hi', size: 2, truncated: false },
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
    };
    const file = path.join(root, 'old.ndjson');
    await writeFile(file, `${JSON.stringify(old)}\n`);
    const { app, close } = await importInto(file);
    try {
      expect(value(await app.handlers.importHistory({}))).toMatchObject({ imported: 1 });
      expect(value(await app.handlers.getHistoryEntry({ id: 'old-1' }))).toStrictEqual(old);
    } finally {
      await close();
    }
  });

  test('an entry whose run id would name a path outside the runs folder is refused, and the import with it', async () => {
    const out = value(await source.app.handlers.exportHistory({ format: 'ndjson' }));
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(out.path!, 'utf8')).trimEnd().split('\n');
    const at = lines.findIndex((l) => (JSON.parse(l) as HistoryEntry).run);
    const entry = JSON.parse(lines[at]) as HistoryEntry;
    // A run the app would recover at start from runs/<runId>.jsonl, and export and re-send from.
    lines[at] = JSON.stringify({
      ...entry,
      run: {
        ...entry.run!,
        runId: '../../../home/user/.config/secrets',
        report: { ...entry.run!.report, state: 'running' },
      },
    });
    const file = path.join(root, 'hostile-run-id.ndjson');
    await writeFile(file, lines.join('\n') + '\n');
    const { app, close } = await importInto(file);
    try {
      const result = await app.handlers.importHistory({});
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).toContain(
        `Line ${at + 1} is not a history entry: run.runId: A run id is 1-64 letters`,
      );
      expect(value(await app.handlers.listHistory({})).entries).toEqual([]);
    } finally {
      await close();
    }
  });
});
