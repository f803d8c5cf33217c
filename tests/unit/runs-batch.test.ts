// Batch files, previews and run plans through the handler table: bad lines named by line, the
// 64 MiB cap, template and key-strategy errors with the field and position, invalid plans refused.
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BatchRequest } from '../../electron/contract';
import { sandboxProfileOf, value } from '../helpers/results';
import { wireRunsApp, type RunsApp } from '../helpers/runs';

let ctx: RunsApp;
let fileDir: string;
let openPath: string | null = null;

beforeEach(async () => {
  fileDir = await mkdtemp(path.join(os.tmpdir(), 'sc-batch-files-'));
  openPath = null;
  ctx = await wireRunsApp({ chooseOpenPath: async () => openPath });
});

afterEach(async () => {
  await ctx.close();
  await rm(fileDir, { recursive: true, force: true });
});

const target = { type: 'name' as const, streamName: 'no-such-stream-offline' };

async function requestOf(over: Partial<BatchRequest>): Promise<BatchRequest> {
  const sandbox = await sandboxProfileOf(ctx.app.handlers);
  return {
    profileId: sandbox.id,
    target,
    source: { type: 'template', template: '{"n": {{seq}}}', locale: 'en' },
    keys: { type: 'random' },
    payloadMode: 'json',
    seed: 1,
    ...over,
  };
}

describe('batch files', () => {
  test('NDJSON with bad lines: the bad ones are named by line and reason, the good ones stay usable', async () => {
    const text = ['{"id": 1}', '{"id": 2', '', '{"id": 3}', 'not json', '{"id": 4}'].join('\n');
    const view = value(await ctx.app.handlers.loadBatchText({ name: 'events.ndjson', text }));
    expect(view).toMatchObject({ name: 'events.ndjson', format: 'ndjson', rows: 3, errorCount: 2 });
    expect(view.errors.map((e) => e.line)).toEqual([2, 5]);
    for (const e of view.errors) expect(e.reason).not.toBe('');

    const preview = value(
      await ctx.app.handlers.previewBatch({
        ...(await requestOf({
          source: { type: 'file', fileId: view.fileId, format: 'ndjson' },
          keys: { type: 'field', path: 'id' },
        })),
        count: 10,
      }),
    );
    expect(preview.total).toBe(3);
    expect(preview.records.map((r) => [r.line, r.partitionKey, r.payload])).toEqual([
      [1, '1', '{"id": 1}'],
      [4, '3', '{"id": 3}'],
      [6, '4', '{"id": 4}'],
    ]);
    expect(preview.problems.map((p) => p.line)).toEqual([2, 5]);
    // The stream does not exist: the preview works without the spread.
    expect(preview.spread).toBeNull();
  });

  test('a file picked in the open dialog; CSV read again with a payload column', async () => {
    openPath = path.join(fileDir, 'users.csv');
    await writeFile(openPath, 'user,city\nann,Oslo\nbob,Riga,extra\ncid,Rome\n');
    const view = value(await ctx.app.handlers.openBatchFile({}));
    expect(view).toMatchObject({ name: 'users.csv', format: 'csv', columns: ['user', 'city'], rows: 2, errorCount: 1 });
    expect(view!.errors[0].line).toBe(3);

    const byCity = value(
      await ctx.app.handlers.parseBatchFile({ fileId: view!.fileId, format: 'csv', csvPayloadColumn: 'city' }),
    );
    const preview = value(
      await ctx.app.handlers.previewBatch({
        ...(await requestOf({
          source: { type: 'file', fileId: byCity.fileId, format: 'csv', csvPayloadColumn: 'city' },
          keys: { type: 'field', path: 'user' },
          payloadMode: 'text',
        })),
        count: 5,
      }),
    );
    expect(preview.records.map((r) => [r.partitionKey, r.payload])).toEqual([
      ['ann', 'Oslo'],
      ['cid', 'Rome'],
    ]);

    openPath = null;
    expect(value(await ctx.app.handlers.openBatchFile({}))).toBeNull();
  });

  test('a file over 64 MiB is refused with a clear message', async () => {
    openPath = path.join(fileDir, 'huge.ndjson');
    const handle = await open(openPath, 'w');
    await handle.truncate(64 * 1024 * 1024 + 1);
    await handle.close();
    const r = await ctx.app.handlers.openBatchFile({});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toMatch(/64 MiB/);
    }
  });
});

describe('preview problems', () => {
  test('template errors point at the template, the line and the column', async () => {
    const preview = value(
      await ctx.app.handlers.previewBatch({
        ...(await requestOf({ source: { type: 'template', template: '{\n  "a": {{ nope() }}\n}', locale: 'en' } })),
        count: 3,
      }),
    );
    expect(preview.records).toEqual([]);
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]).toMatchObject({ field: 'source.template', templateLine: 2, templateColumn: 11 });
    expect(preview.problems[0].message).toMatch(/nope/);

    const keyPreview = value(
      await ctx.app.handlers.previewBatch({
        ...(await requestOf({ keys: { type: 'template', template: 'k-{{ int(1) }}' } })),
        count: 3,
      }),
    );
    expect(keyPreview.problems[0]).toMatchObject({ field: 'keys.template', templateLine: 1 });
  });

  test('key strategy problems name their field; the row key is for typed rows only', async () => {
    const badPath = value(
      await ctx.app.handlers.previewBatch({
        ...(await requestOf({ keys: { type: 'field', path: 'a..b' } })),
        count: 2,
      }),
    );
    expect(badPath.problems[0]).toMatchObject({ field: 'keys.path' });

    const rowKey = value(
      await ctx.app.handlers.previewBatch({ ...(await requestOf({ keys: { type: 'row' } })), count: 2 }),
    );
    expect(rowKey.problems[0]).toMatchObject({ field: 'keys' });

    const rows = value(
      await ctx.app.handlers.previewBatch({
        ...(await requestOf({
          source: {
            type: 'rows',
            rows: [
              { partitionKey: 'a', payload: '{"x":1}' },
              { partitionKey: '', payload: '{"x":2}' },
              { partitionKey: 'c', payload: '{bad' },
            ],
          },
          keys: { type: 'row' },
        })),
        count: 5,
      }),
    );
    expect(rows.total).toBe(1);
    expect(rows.records.map((r) => r.partitionKey)).toEqual(['a']);
    expect(rows.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'source.rows'],
      [3, 'source.rows'],
    ]);
  });

  test('a template record that renders to invalid JSON is reported by index', async () => {
    const preview = value(
      await ctx.app.handlers.previewBatch({
        ...(await requestOf({
          source: { type: 'template', template: '{"a": {{pick("1", "x")}} }', locale: 'en' },
          payloadMode: 'json',
        })),
        count: 2,
      }),
    );
    expect(preview.problems).toEqual([]);
    const broken = value(
      await ctx.app.handlers.previewBatch({
        ...(await requestOf({ source: { type: 'template', template: '{"a": 1', locale: 'en' } })),
        count: 2,
      }),
    );
    expect(broken.problems.map((p) => p.index)).toEqual([0, 1]);
    expect(broken.records).toEqual([]);
  });
});

describe('invalid runs are refused with the field at fault', () => {
  test.each([
    [
      'a template without count or duration',
      { plan: { ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 } },
      'plan.count',
    ],
    [
      'rows with a count',
      {
        source: { type: 'rows', rows: [{ partitionKey: 'a', payload: '{}' }] },
        plan: { count: 5, ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 },
      },
      'plan.count',
    ],
    [
      'rows with a duration',
      {
        source: { type: 'rows', rows: [{ partitionKey: 'a', payload: '{}' }] },
        plan: { durationSec: 5, ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 },
      },
      'plan.durationSec',
    ],
    [
      'a template that does not compile',
      {
        source: { type: 'template', template: '{{ uuid', locale: 'en' },
        plan: { count: 5, ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 },
      },
      'source.template',
    ],
    [
      'a fixed key that is empty',
      {
        keys: { type: 'fixed', value: '' },
        plan: { count: 5, ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 },
      },
      'keys.value',
    ],
    [
      'rows where no row can be sent',
      {
        source: { type: 'rows', rows: [{ partitionKey: 'a', payload: '{nope' }] },
        keys: { type: 'row' },
        plan: { ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 },
      },
      'source',
    ],
  ] as const)('%s', async (_name, over, field) => {
    const r = await ctx.app.handlers.startRun({
      ...(await requestOf(over as Partial<BatchRequest>)),
      plan: (over as { plan: unknown }).plan,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.fields?.map((f) => f.path)).toContain(field);
    }
    expect(ctx.events).toEqual([]);
  });
});
