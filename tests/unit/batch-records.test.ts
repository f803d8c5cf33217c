// Rows to records: payload modes, the 1 MiB record limit at exactly the limit and one byte over,
// and every problem named by its source line.
import { describe, expect, test } from 'vitest';
import { createKeyPicker } from '../../electron/batch/keys';
import { parseBatchText } from '../../electron/batch/parse';
import { toRecords } from '../../electron/batch/records';
import type { BatchError } from '../../electron/batch/types';
import { englishOf } from '../../electron/messages';
import { LIMITS } from '../../electron/shared/limits';

/** A bad row as main's English says it, for the log (the reasons: tests/unit/problem-reasons.test.ts). */
const english = (e: BatchError) => ({ line: e.line, reason: englishOf(e) });

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const MiB = LIMITS.aws.maxRecordBytes;

describe('toRecords', () => {
  test('NDJSON rows become records keyed by a field, in order, with the line kept', () => {
    const parsed = parseBatchText(
      '{"user":{"id":"a"},"n":1}\n\n{"user":{},"n":2}\n{"user":{"id":3},"n":3}\n',
      'ndjson',
    );
    const { records, errors } = toRecords(
      parsed.rows,
      createKeyPicker({ type: 'field', path: 'user.id' }, { family: 'aws' }),
      'aws',
      'json',
    );
    expect(records.map((r) => ({ line: r.line, key: r.partitionKey, data: text(r.data) }))).toEqual([
      { line: 1, key: 'a', data: '{"user":{"id":"a"},"n":1}' },
      { line: 4, key: '3', data: '{"user":{"id":3},"n":3}' },
    ]);
    expect(errors.map(english)).toEqual([{ line: 3, reason: 'field "user.id" is missing: "user" has no "id"' }]);
  });

  test('the picker sees each row position, so sequential keys follow the rows', () => {
    const parsed = parseBatchText('a\nb\n\nc\n', 'lines');
    const { records } = toRecords(
      parsed.rows,
      createKeyPicker({ type: 'sequential', prefix: 'k' }, { family: 'aws' }),
      'aws',
      'text',
    );
    expect(records.map((r) => [r.line, r.partitionKey, text(r.data)])).toEqual([
      [1, 'k0', 'a'],
      [2, 'k1', 'b'],
      [4, 'k2', 'c'],
    ]);
  });

  test('base64 and hex payloads are decoded; bad ones are reported on their line', () => {
    const fixed = createKeyPicker({ type: 'fixed', value: 'k' }, { family: 'yds' });
    const b64 = toRecords(parseBatchText('AAEC/w==\n\nnot base64!\n', 'lines').rows, fixed, 'yds', 'base64');
    expect(b64.records.map((r) => [r.line, [...r.data]])).toEqual([[1, [0, 1, 2, 255]]]);
    expect(b64.errors.map(english)).toEqual([{ line: 3, reason: "Not valid base64: unexpected character '!' at 10" }]);
    const hex = toRecords(parseBatchText('00ff10\nabc\n', 'lines').rows, fixed, 'yds', 'hex');
    expect(hex.records.map((r) => [r.line, [...r.data]])).toEqual([[1, [0, 255, 16]]]);
    expect(hex.errors.map(english)).toEqual([{ line: 2, reason: 'Not valid hex: odd number of digits' }]);
  });

  test('JSON mode on plain lines points at the column of the bad JSON', () => {
    const parsed = parseBatchText('{"ok":true}\n{"ok":tru}\n', 'lines');
    const { records, errors } = toRecords(
      parsed.rows,
      createKeyPicker({ type: 'fixed', value: 'k' }, { family: 'aws' }),
      'aws',
      'json',
    );
    expect(records.map((r) => r.line)).toEqual([1]);
    expect(errors.map(english)).toEqual([{ line: 2, reason: 'not valid JSON: invalid symbol at column 7' }]);
  });

  test('a row with a bad key and a bad payload reports both', () => {
    const parsed = parseBatchText('zz\n', 'lines');
    const { records, errors } = toRecords(
      parsed.rows,
      createKeyPicker({ type: 'fixed', value: '' }, { family: 'aws' }),
      'aws',
      'hex',
    );
    expect(records).toEqual([]);
    expect(errors.map(english)).toEqual([
      { line: 1, reason: 'Partition key is required' },
      { line: 1, reason: "Not valid hex: unexpected character 'z' at 1" },
    ]);
  });

  test('key + data of exactly 1 MiB passes; one byte more is reported on its line', () => {
    const key = 'k';
    const atLimit = 'x'.repeat(MiB - key.length);
    const lines = `${atLimit}\n\n${atLimit}y\nsmall\n`;
    const { records, errors } = toRecords(
      parseBatchText(lines, 'lines').rows,
      createKeyPicker({ type: 'fixed', value: key }, { family: 'yds' }),
      'yds',
      'text',
    );
    expect(records.map((r) => [r.line, r.data.length])).toEqual([
      [1, MiB - 1],
      [4, 5],
    ]);
    expect(errors.map(english)).toEqual([
      {
        line: 3,
        reason:
          'Record is 1,048,577 bytes (key + data); Yandex Data Streams takes at most 1,048,576 bytes a record. Remove 1 bytes.',
      },
    ]);
  });

  test('a multi-byte key counts in bytes toward the record size', () => {
    const key = 'ж'.repeat(10); // 20 bytes
    const payload = 'x'.repeat(MiB - 15);
    const { errors } = toRecords(
      [{ line: 9, payload }],
      createKeyPicker({ type: 'fixed', value: key }, { family: 'aws' }),
      'aws',
      'text',
    );
    expect(errors.map(english)).toEqual([
      {
        line: 9,
        reason:
          "Record is 1,048,581 bytes (key + data); this stream takes at most 1,048,576 bytes. Remove 5 bytes, or raise the stream's maximum record size (UpdateMaxRecordSize, up to 10,485,760 bytes on AWS).",
      },
    ]);
  });

  test('CSV whole-row records carry the row as JSON, keyed by a column', () => {
    const parsed = parseBatchText('id,city\n1,"Paris, FR"\n2\n3,Oslo\n', 'csv', {
      csv: { payloadColumn: null, typed: true },
    });
    const { records, errors } = toRecords(
      parsed.rows,
      createKeyPicker({ type: 'field', path: 'city' }, { family: 'aws' }),
      'aws',
      'json',
    );
    expect(records.map((r) => [r.line, r.partitionKey, JSON.parse(text(r.data))])).toEqual([
      [2, 'Paris, FR', { id: 1, city: 'Paris, FR' }],
      [4, 'Oslo', { id: 3, city: 'Oslo' }],
    ]);
    expect([...parsed.errors, ...errors].map(english)).toEqual([
      { line: 3, reason: 'fields in the row: 1, in the header: 2' },
    ]);
  });
});
