import { describe, expect, it } from 'vitest';
import { fits, PUT_RECORDS_LIMITS, utf8Bytes } from '../../electron/load/split';
import { utf8Length } from '../../electron/shared/limits';

const MiB = 1024 * 1024;

describe('fits', () => {
  it('takes the 500th record into a call and refuses the 501st', () => {
    expect(fits(499, 499 * 10, 10, PUT_RECORDS_LIMITS)).toBe(true);
    expect(fits(500, 500 * 10, 10, PUT_RECORDS_LIMITS)).toBe(false);
  });

  it('fills a call to exactly 5 MiB of keys and data, and refuses one byte more', () => {
    // Four records of key "k" + 1 MiB - 1 bytes of data, then a fifth of the same size: 5 MiB exactly.
    expect(fits(4, 4 * MiB, MiB, PUT_RECORDS_LIMITS)).toBe(true);
    expect(fits(4, 4 * MiB, MiB + 1, PUT_RECORDS_LIMITS)).toBe(false);
    expect(PUT_RECORDS_LIMITS).toEqual({ maxRecords: 500, maxBytes: 5 * MiB });
  });

  it('lets an empty call take any record, even one over the call limit', () => {
    expect(fits(0, 0, 10 * MiB, PUT_RECORDS_LIMITS)).toBe(true);
    expect(fits(0, 0, 200, { maxRecords: 500, maxBytes: 100 })).toBe(true);
    expect(fits(1, 10, 200, { maxRecords: 500, maxBytes: 100 })).toBe(false);
  });
});

describe('utf8Bytes', () => {
  it('counts UTF-8 bytes like the encoder does', () => {
    for (const s of [
      '',
      'abc',
      'ключ',
      '€uro',
      'emoji 😀 pair',
      'lone \ud800 surrogate',
      'x'.repeat(300),
      '日本語テキスト',
    ])
      expect(utf8Bytes(s)).toBe(utf8Length(s));
  });
});
