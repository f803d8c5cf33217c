// Partition key strategies: fixed, random (seeded), sequential, field paths, templates, key limits.
import { describe, expect, test } from 'vitest';
import * as keys from '../../electron/batch/keys';
import { parseBatchText } from '../../electron/batch/parse';
import type { BatchRow } from '../../electron/batch/types';
import { englishOf } from '../../electron/messages';

// The pickers' problems as main's English says them (the reasons themselves: tests/unit/problem-reasons.test.ts).
const createKeyPicker = (...args: Parameters<typeof keys.createKeyPicker>) => {
  const pick = keys.createKeyPicker(...args);
  return (r: BatchRow, index: number) => {
    const picked = pick(r, index);
    return picked.ok ? picked : { ok: false as const, line: picked.line, reason: englishOf(picked) };
  };
};
const checkKeyStrategy = (...args: Parameters<typeof keys.checkKeyStrategy>) => {
  const problem = keys.checkKeyStrategy(...args);
  return problem && { message: englishOf(problem.problem), ...(problem.column ? { column: problem.column } : {}) };
};

const row = (line: number, value: unknown): BatchRow => ({ line, payload: JSON.stringify(value), value });

describe('fixed, sequential, template', () => {
  test('fixed gives the same key to every record', () => {
    const pick = createKeyPicker({ type: 'fixed', value: 'tenant-1' }, { family: 'aws' });
    expect([pick(row(1, {}), 0), pick(row(9, {}), 8)]).toEqual([
      { ok: true, key: 'tenant-1' },
      { ok: true, key: 'tenant-1' },
    ]);
  });

  test('sequential counts from start (default 0) by record position, with a prefix', () => {
    const plain = createKeyPicker({ type: 'sequential' }, { family: 'aws' });
    expect([0, 1, 2].map((i) => plain(row(i + 1, {}), i))).toEqual(['0', '1', '2'].map((key) => ({ ok: true, key })));
    const prefixed = createKeyPicker({ type: 'sequential', prefix: 'order-', start: 100 }, { family: 'aws' });
    expect(prefixed(row(5, {}), 4)).toEqual({ ok: true, key: 'order-104' });
    expect(checkKeyStrategy({ type: 'sequential', start: 1.5 }, 'aws')).toEqual({
      message: 'the sequence must start at a whole number, not 1.5',
    });
  });

  test('template delegates to the renderer per index and reports its failure on the row line', () => {
    const seen: [string, number][] = [];
    const pick = createKeyPicker(
      { type: 'template', template: 'user-{{seq}}' },
      {
        family: 'aws',
        renderTemplate: (template, index) => {
          seen.push([template, index]);
          if (index === 2) throw new Error('unknown variable "seq" at column 8');
          return `user-${index * 10}`;
        },
      },
    );
    expect(pick(row(3, {}), 1)).toEqual({ ok: true, key: 'user-10' });
    expect(pick(row(4, {}), 2)).toEqual({
      ok: false,
      line: 4,
      reason: 'the key template failed: a generator failed: unknown variable "seq" at column 8',
    });
    expect(seen).toEqual([
      ['user-{{seq}}', 1],
      ['user-{{seq}}', 2],
    ]);
  });

  test('template without a renderer is a wiring error', () => {
    expect(() => createKeyPicker({ type: 'template', template: 'x' }, { family: 'aws' })).toThrow(/renderTemplate/);
  });
});

describe('random', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const keys = (seed: number | undefined, n: number, from = 0) => {
    const pick = createKeyPicker({ type: 'random' }, { family: 'yds', ...(seed === undefined ? {} : { seed }) });
    return Array.from({ length: n }, (_, i) => {
      const picked = pick(row(i + 1, {}), from + i);
      if (!picked.ok) throw new Error(picked.reason);
      return picked.key;
    });
  };

  test('seeded keys are UUID-shaped, reproducible, distinct, and depend only on seed and index', () => {
    const a = keys(42, 20_000);
    expect(a.every((k) => uuid.test(k))).toBe(true);
    expect(new Set(a).size).toBe(20_000);
    expect(keys(42, 20_000)).toEqual(a);
    expect(keys(42, 5, 100)).toEqual(a.slice(100, 105));
    const other = keys(43, 20_000);
    expect(other.filter((k, i) => k === a[i])).toEqual([]);
  });

  test('seeded keys spread evenly over the leading hex digit (the hash space shards split)', () => {
    const counts = new Map<string, number>();
    for (const k of keys(7, 16_000)) counts.set(k[0], (counts.get(k[0]) ?? 0) + 1);
    expect(counts.size).toBe(16);
    for (const n of counts.values()) expect(n).toBeGreaterThan(800);
  });

  test('unseeded keys are UUIDs and differ between pickers', () => {
    const a = keys(undefined, 3);
    const b = keys(undefined, 3);
    expect(a.every((k) => uuid.test(k))).toBe(true);
    expect(a).not.toEqual(b);
  });
});

describe('field', () => {
  const pickField = (path: string) => createKeyPicker({ type: 'field', path }, { family: 'aws' });
  const event = row(12, {
    user: { id: 501, name: 'Ann', active: true, tags: [] },
    items: [{ sku: 'A-1' }, { sku: 'B-2' }],
    nothing: null,
    ' odd key': 'x',
  });

  test('dotted paths with list indexes; numbers and booleans become text', () => {
    expect(pickField('user.id')(event, 0)).toEqual({ ok: true, key: '501' });
    expect(pickField('user.active')(event, 0)).toEqual({ ok: true, key: 'true' });
    expect(pickField('items[1].sku')(event, 0)).toEqual({ ok: true, key: 'B-2' });
    expect(pickField(' odd key')(event, 0)).toEqual({ ok: true, key: 'x' });
    expect(pickField('[0]')(row(3, ['first', 'second']), 0)).toEqual({ ok: true, key: 'first' });
    expect(pickField('[1][0]')(row(3, [[1], [2, 3]]), 0)).toEqual({ ok: true, key: '2' });
  });

  test('a missing field or a non-scalar names the path, what was there, and the line', () => {
    expect(pickField('user.email')(event, 0)).toEqual({
      ok: false,
      line: 12,
      reason: 'field "user.email" is missing: "user" has no "email"',
    });
    expect(pickField('items[5].sku')(event, 0)).toEqual({
      ok: false,
      line: 12,
      reason: 'field "items[5].sku" is missing: "items" has no [5] (list length 2)',
    });
    expect(pickField('user.name.first')(event, 0)).toEqual({
      ok: false,
      line: 12,
      reason: 'field "user.name.first" is missing: "user.name" is a string, not an object',
    });
    expect(pickField('user[0]')(event, 0)).toEqual({
      ok: false,
      line: 12,
      reason: 'field "user[0]" is missing: "user" is an object, not a list',
    });
    expect(pickField('user')(event, 0)).toEqual({
      ok: false,
      line: 12,
      reason: 'field "user" is an object; a partition key needs text, a number or true/false',
    });
    expect(pickField('user.tags')(event, 0)).toEqual({
      ok: false,
      line: 12,
      reason: 'field "user.tags" is a list; a partition key needs text, a number or true/false',
    });
    expect(pickField('nothing')(event, 0)).toEqual({
      ok: false,
      line: 12,
      reason: 'field "nothing" is null; a partition key needs text, a number or true/false',
    });
    expect(pickField('id')(row(4, 'just a string'), 0)).toEqual({
      ok: false,
      line: 4,
      reason: 'field "id" is missing: the payload is a string, not an object',
    });
    expect(pickField('id')({ line: 8, payload: 'plain text' }, 0)).toEqual({
      ok: false,
      line: 8,
      reason: 'field "id" is missing: the payload is not JSON',
    });
  });

  test('an empty string field is an empty key, reported with where it came from', () => {
    expect(pickField('name')(row(2, { name: '' }), 0)).toEqual({
      ok: false,
      line: 2,
      reason: 'Partition key is required (from field "name")',
    });
  });

  test('invalid paths are caught up front with a column', () => {
    expect(checkKeyStrategy({ type: 'field', path: 'user.id' }, 'aws')).toBeNull();
    expect(checkKeyStrategy({ type: 'field', path: '' }, 'aws')).toEqual({
      message: 'the field path is empty; write one such as user.id or items[0].sku',
      column: 1,
    });
    expect(checkKeyStrategy({ type: 'field', path: 'user..id' }, 'aws')).toEqual({
      message: 'a field name is missing at column 6 of the path "user..id"',
      column: 6,
    });
    expect(checkKeyStrategy({ type: 'field', path: 'items[x]' }, 'aws')).toEqual({
      message: '"[x]" is not a list index; write a number such as [0] at column 6 of the path "items[x]"',
      column: 6,
    });
    expect(checkKeyStrategy({ type: 'field', path: 'items[0' }, 'aws')).toEqual({
      message: '"[" is not closed at column 6 of the path "items[0"',
      column: 6,
    });
    expect(checkKeyStrategy({ type: 'field', path: 'items[0]sku' }, 'aws')).toEqual({
      message: 'expected "." or "[" after "items[0]" at column 9 of the path "items[0]sku"',
      column: 9,
    });
    expect(createKeyPicker({ type: 'field', path: 'a.' }, { family: 'aws' })(row(3, { a: 1 }), 0)).toEqual({
      ok: false,
      line: 3,
      reason: 'a field name is missing at column 3 of the path "a."',
    });
  });

  test('CSV rows: the JSON payload column first, then the columns by exact name', () => {
    const csv = parseBatchText('user.id,body\nu-1,"{""user"":{""id"":9}}"\nu-2,plain\n', 'csv', {
      csv: { payloadColumn: 'body' },
    });
    const pick = pickField('user.id');
    expect(csv.rows.map((r, i) => pick(r, i))).toEqual([
      { ok: true, key: '9' },
      { ok: true, key: 'u-2' },
    ]);
    const whole = parseBatchText('id,n\n7,x\n', 'csv', { csv: { payloadColumn: null, typed: true } });
    expect(pickField('id')(whole.rows[0], 0)).toEqual({ ok: true, key: '7' });
    expect(pickField('missing')(whole.rows[0], 0)).toEqual({
      ok: false,
      line: 2,
      reason: 'field "missing" is missing: the payload has no "missing"',
    });
  });
});

describe('key limits per family', () => {
  test('256 characters pass on AWS; 256 Cyrillic letters are 512 bytes and fail on YDS', () => {
    const cyrillic = 'ключ'.repeat(64);
    const aws = createKeyPicker({ type: 'field', path: 'k' }, { family: 'aws' });
    const yds = createKeyPicker({ type: 'field', path: 'k' }, { family: 'yds' });
    expect(aws(row(6, { k: cyrillic }), 0)).toEqual({ ok: true, key: cyrillic });
    expect(yds(row(6, { k: cyrillic }), 0)).toEqual({
      ok: false,
      line: 6,
      reason: 'Partition key is 512 bytes; the limit is 256 bytes (from field "k")',
    });
    expect(aws(row(7, { k: 'x'.repeat(257) }), 0)).toEqual({
      ok: false,
      line: 7,
      reason: 'Partition key is 257 characters; the limit is 256 characters (from field "k")',
    });
  });

  test('a fixed key that is empty or too long is caught up front and fails on every row with its line', () => {
    expect(checkKeyStrategy({ type: 'fixed', value: 'ok' }, 'yds')).toBeNull();
    expect(checkKeyStrategy({ type: 'fixed', value: '' }, 'yds')).toEqual({ message: 'Partition key is required' });
    expect(checkKeyStrategy({ type: 'fixed', value: 'я'.repeat(200) }, 'yds')).toEqual({
      message: 'Partition key is 400 bytes; the limit is 256 bytes',
    });
    expect(checkKeyStrategy({ type: 'fixed', value: 'я'.repeat(200) }, 'aws')).toBeNull();
    const empty = createKeyPicker({ type: 'fixed', value: '' }, { family: 'aws' });
    expect(empty(row(2, {}), 0)).toEqual({ ok: false, line: 2, reason: 'Partition key is required' });
    const long = createKeyPicker({ type: 'sequential', prefix: 'p'.repeat(255) }, { family: 'aws' });
    expect(long(row(1, {}), 9)).toEqual({ ok: true, key: `${'p'.repeat(255)}9` });
    expect(long(row(11, {}), 10)).toEqual({
      ok: false,
      line: 11,
      reason: 'Partition key is 257 characters; the limit is 256 characters',
    });
  });
});
