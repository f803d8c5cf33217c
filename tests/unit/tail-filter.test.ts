// Tail filters through the app's handler table: CEL over real decoded records (JSON, gzip+JSON,
// text, bytes), compile errors with their place, hostile expressions refused or stopped while main
// keeps answering, saved filters in the data folder, and the NDJSON export of a tail.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AppError, TailRecordView } from '../../electron/contract';
import { FILTER_BUDGET, filterHandlers } from '../../electron/filter/handlers';
import { TAIL_FILTERS_FILE } from '../../electron/filter/store';
import { FILTER_LIMITS } from '../../electron/shared/tail-filter';
import { wireTestApp, type TestApp } from '../helpers/app';
import { pingWhile } from '../helpers/main-responsiveness';
import { value } from '../helpers/results';

let test_: TestApp;
let exportTo = '';
beforeAll(async () => {
  test_ = await wireTestApp({ chooseSavePath: async () => exportTo || null });
});
afterAll(() => test_?.close());

let seq = 0;
function record(data: Uint8Array | string, over: Partial<TailRecordView> = {}): TailRecordView {
  const bytes = Buffer.from(data);
  seq++;
  return {
    shardId: 'shardId-000000000000',
    sequenceNumber: String(49_000_000_000 + seq),
    partitionKey: `user-${seq}`,
    arrivedAt: '2026-12-02T10:00:00.000Z',
    dataBase64: bytes.toString('base64'),
    size: bytes.length,
    truncated: false,
    ...over,
  };
}

const records = [
  record('{"amount": 150, "user": {"name": "ann"}}', { partitionKey: 'user-1' }),
  record(gzipSync('{"amount": 500}'), { partitionKey: 'user-2', shardId: 'shardId-000000000001' }),
  record('{"amount": 20}', { partitionKey: 'user-3' }),
  record('{"amount": 900}', { partitionKey: 'admin-1', arrivedAt: '2026-12-01T23:00:00.000Z' }),
  record('ERROR: disk full on host-7', { partitionKey: 'log-1' }),
  record(Uint8Array.from([0, 1, 2, 255, 254]), { partitionKey: 'bin-1', arrivedAt: null }),
];

async function matching(expression: string): Promise<string[]> {
  const { matches } = value(await test_.app.handlers.matchTailRecords({ expression, records }));
  expect(matches).toHaveLength(records.length);
  return records.filter((_, i) => matches[i]).map((r) => r.partitionKey);
}

async function refusal(expression: string): Promise<AppError> {
  const result = await test_.app.handlers.checkTailFilter({ expression });
  if (result.ok) throw new Error(`${expression} was accepted`);
  return result.error;
}

test('a filter reads the decoded JSON (gzip too), the key, shard, text and arrival of each record', async () => {
  expect(await matching('data.amount > 100 && key.startsWith("user-")')).toEqual(['user-1', 'user-2']);
  expect(await matching('shard == "shardId-000000000001"')).toEqual(['user-2']);
  expect(await matching('text.contains("disk full")')).toEqual(['log-1']);
  expect(await matching('data.contains("ERROR")')).toEqual(['log-1']);
  expect(await matching('arrival < timestamp("2026-12-02T00:00:00Z")')).toEqual(['admin-1']);
  expect(await matching('data.user.name == "ann"')).toEqual(['user-1']);
  expect(await matching('size == 5 && text == ""')).toEqual(['bin-1']);
});

test('a record the filter cannot read (a missing field, another type, no arrival) does not match, and the rest still do', async () => {
  // Only the first record has data.user; the text record has no fields; the bytes have no arrival.
  expect(await matching('data.user.name.startsWith("a") || key == "log-1"')).toEqual(['user-1', 'log-1']);
  expect(await matching('arrival > timestamp("2000-01-01T00:00:00Z")')).toEqual(
    records.filter((r) => r.arrivedAt).map((r) => r.partitionKey),
  );
  expect(await matching('has(data.user)')).toEqual(['user-1']);
});

test('a compile error says where (line and column) and what, with the names a record has as the hint', async () => {
  const syntax = await refusal('data.amount > 100 &&');
  expect([syntax.reason, syntax.params]).toEqual([
    'filterSyntax',
    { detail: 'Unexpected token: EOF', line: 1, column: 21 },
  ]);
  expect(syntax.hintCode).toBe('fixFilter');

  const unknown = await refusal('key == "a" &&\n  amount > 3');
  expect([unknown.reason, unknown.params]).toEqual(['filterUnknownName', { name: 'amount', line: 2, column: 3 }]);

  const types = await refusal('key > 1');
  expect(types.reason).toBe('filterTypes');
  expect(types.message).toMatch(/string > int/);

  const notBool = await refusal('key');
  expect([notBool.reason, notBool.params]).toEqual(['filterNotBoolean', { type: 'string' }]);

  // Records are not matched against an expression that does not compile.
  const refused = await test_.app.handlers.matchTailRecords({ expression: 'key ==', records });
  expect(!refused.ok && refused.error.reason).toBe('filterSyntax');
});

test('hostile expressions (very long, deeply nested, huge) are refused with a clear reason before any record is read', async () => {
  const long = await refusal(`key == "${'x'.repeat(FILTER_LIMITS.chars)}"`);
  expect([long.reason, long.params]).toEqual([
    'filterTooLong',
    { length: FILTER_LIMITS.chars + 9, max: FILTER_LIMITS.chars },
  ]);
  const deep = await refusal(`${'('.repeat(200)}true${')'.repeat(200)}`);
  expect(deep.reason).toBe('filterTooComplex');
  const wide = await refusal(`${Array.from({ length: 220 }, () => 'size').join(' + ')} > 0`);
  expect(wide.reason).toBe('filterTooComplex');
  // Far past the limit, the boundary refuses it without compiling.
  const huge = await test_.app.handlers.checkTailFilter({ expression: 'x'.repeat(FILTER_LIMITS.chars * 3) });
  expect(!huge.ok && huge.error.code).toBe('INVALID_INPUT');
});

test('a regular expression that backtracks for ever is stopped by the budget while main answers; the next filter works', async () => {
  const handlers = filterHandlers(
    { dataDir: test_.dataDir, chooseSavePath: async () => null },
    { ...FILTER_BUDGET, timeoutMs: 1500 },
  );
  const evil = [record(`${'a'.repeat(40)}!`)];
  const { result, waits } = await pingWhile(
    Promise.resolve(handlers.matchTailRecords({ expression: 'text.matches("^(a+)+$")', records: evil })).then(
      (v) => ({ ok: true as const, v }),
      (e: { reason?: string }) => ({ ok: false as const, reason: e.reason }),
    ),
    async () => value(await test_.app.handlers.listProfiles({})),
  );
  expect(result).toEqual({ ok: false, reason: 'filterOverTime' });
  expect(waits.busiestMs).toBeLessThan(100);
  const after = await handlers.matchTailRecords({ expression: 'text.startsWith("a")', records: evil });
  expect(after.matches).toEqual([true]);
});

test('saved filters are kept per connection and stream in the data folder, survive a restart, and can be deleted', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-filters-'));
  try {
    const first = await wireTestApp({ dataDir });
    const { handlers } = first.app;
    const orders = { profileId: 'p1', target: { type: 'name' as const, streamName: 'orders' } };
    const other = { profileId: 'p1', target: { type: 'name' as const, streamName: 'logs' } };
    value(await handlers.saveTailFilter({ ...orders, filter: { name: 'big', expression: 'data.amount > 100' } }));
    value(await handlers.saveTailFilter({ ...orders, filter: { name: 'admins', expression: 'key.startsWith("a")' } }));
    value(await handlers.saveTailFilter({ ...other, filter: { name: 'errors', expression: 'text.contains("E")' } }));
    // A filter that does not compile is not saved.
    const bad = await handlers.saveTailFilter({ ...orders, filter: { name: 'bad', expression: 'data.amount >' } });
    expect(!bad.ok && bad.error.reason).toBe('filterSyntax');
    await first.close();

    const second = await wireTestApp({ dataDir });
    const again = second.app.handlers;
    expect(value(await again.listTailFilters(orders)).filters).toEqual([
      { name: 'admins', expression: 'key.startsWith("a")' },
      { name: 'big', expression: 'data.amount > 100' },
    ]);
    expect(value(await again.listTailFilters({ ...orders, profileId: 'p2' })).filters).toEqual([]);
    expect(value(await again.deleteTailFilter({ ...orders, name: 'big' })).filters.map((f) => f.name)).toEqual([
      'admins',
    ]);
    expect(value(await again.listTailFilters(other)).filters.map((f) => f.name)).toEqual(['errors']);
    await second.close();

    // A file that cannot be read is named, and not written over.
    await writeFile(path.join(dataDir, TAIL_FILTERS_FILE), '{"version": 1, "streams": [');
    const third = await wireTestApp({ dataDir });
    const save = await third.app.handlers.saveTailFilter({ ...orders, filter: { name: 'x', expression: 'true' } });
    expect(!save.ok && save.error.reason).toBe('tailFiltersUnreadable');
    expect(await readFile(path.join(dataDir, TAIL_FILTERS_FILE), 'utf8')).toBe('{"version": 1, "streams": [');
    await third.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('the tail export writes one JSON object a line: key, shard, sequence number, arrival, base64 data, and the JSON when it is JSON', async () => {
  exportTo = path.join(test_.dataDir, 'tail.ndjson');
  const picked = [records[1], records[4]];
  expect(value(await test_.app.handlers.exportTail({ streamLabel: 'orders', records: picked }))).toEqual({
    path: exportTo,
    count: 2,
  });
  const lines = (await readFile(exportTo, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
  expect(lines).toEqual([
    {
      partitionKey: 'user-2',
      shardId: 'shardId-000000000001',
      sequenceNumber: records[1].sequenceNumber,
      arrivedAt: '2026-12-02T10:00:00.000Z',
      size: records[1].size,
      dataBase64: records[1].dataBase64,
      json: { amount: 500 },
    },
    {
      partitionKey: 'log-1',
      shardId: 'shardId-000000000000',
      sequenceNumber: records[4].sequenceNumber,
      arrivedAt: '2026-12-02T10:00:00.000Z',
      size: records[4].size,
      dataBase64: records[4].dataBase64,
    },
  ]);
  exportTo = '';
  expect(value(await test_.app.handlers.exportTail({ streamLabel: 'orders', records: picked }))).toEqual({
    path: null,
    count: 0,
  });
});
