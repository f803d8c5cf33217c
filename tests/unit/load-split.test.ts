import { describe, expect, it } from 'vitest';
import { PUT_RECORDS_LIMITS, splitIntoCalls, utf8Bytes } from '../../electron/load/split';
import { utf8Length } from '../../electron/shared/limits';
import type { OutgoingRecord } from '../../electron/load/types';

const MiB = 1024 * 1024;
const rec = (key: string, bytes: number): OutgoingRecord => ({ partitionKey: key, data: new Uint8Array(bytes) });
const sizes = (calls: OutgoingRecord[][]) => calls.map((c) => c.length);

describe('splitIntoCalls', () => {
  it('puts exactly 500 records in one call and the 501st in a second', () => {
    const records = Array.from({ length: 501 }, (_, i) => rec(`k${i}`, 10));
    expect(sizes(splitIntoCalls(records.slice(0, 500)))).toEqual([500]);
    expect(sizes(splitIntoCalls(records))).toEqual([500, 1]);
    expect(sizes(splitIntoCalls(Array.from({ length: 1250 }, (_, i) => rec(`k${i}`, 1))))).toEqual([500, 500, 250]);
  });

  it('fills a call to exactly 5 MiB of keys and data, and starts a new one at one byte over', () => {
    // Five records of key "k" (1 byte) + 1 MiB - 1 bytes of data: 5 MiB exactly.
    const exact = Array.from({ length: 5 }, () => rec('k', MiB - 1));
    expect(sizes(splitIntoCalls(exact))).toEqual([5]);
    const over = [...exact.slice(0, 4), rec('kk', MiB - 1)];
    expect(sizes(splitIntoCalls(over))).toEqual([4, 1]);
  });

  it('counts partition keys in UTF-8 bytes, not characters', () => {
    // "ключ" is 4 characters and 8 bytes: 2 records of 8 + (2.5 MiB - 8) bytes fit exactly.
    const key = 'ключ';
    const exact = [rec(key, 2.5 * MiB - 8), rec(key, 2.5 * MiB - 8)];
    expect(sizes(splitIntoCalls(exact))).toEqual([2]);
    expect(sizes(splitIntoCalls([rec(key, 2.5 * MiB - 8), rec(key, 2.5 * MiB - 7)]))).toEqual([1, 1]);
  });

  it('counts UTF-8 bytes like the encoder does', () => {
    for (const s of ['', 'abc', 'ключ', '€uro', 'emoji 😀 pair', 'lone \ud800 surrogate', 'x'.repeat(300), '日本語テキスト']) expect(utf8Bytes(s)).toBe(utf8Length(s));
  });

  it('keeps order and sends a record larger than the call limit alone', () => {
    const limits = { maxRecords: 500, maxBytes: 100 };
    const records = [rec('a', 10), rec('b', 200), rec('c', 10), rec('d', 10)];
    const calls = splitIntoCalls(records, limits);
    expect(calls.map((c) => c.map((r) => r.partitionKey).join(''))).toEqual(['a', 'b', 'cd']);
    expect(splitIntoCalls([])).toEqual([]);
    expect(PUT_RECORDS_LIMITS).toEqual({ maxRecords: 500, maxBytes: 5 * MiB });
  });
});
