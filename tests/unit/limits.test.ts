import { describe, expect, test } from 'vitest';
import {
  buildYdsStreamName,
  isValidAwsStreamName,
  isYdsStreamName,
  parsePastedYdsPath,
  parseYdsPath,
  ydsPathLooksUnusual,
} from '../../electron/shared/addressing';
import {
  LIMITS,
  charLength,
  encodePayload,
  recordSize,
  validateExplicitHashKey,
  validatePartitionKey,
  validateRecordSize,
  utf8Length,
} from '../../electron/shared/limits';

describe('YDS addressing', () => {
  test('a pasted path splits into its parts and builds back', () => {
    const p = parseYdsPath('  "/ru-central1/b1gabcdefghijklmnopq/etn0123456789abcdefgh/orders"  ');
    expect(p).toEqual({
      region: 'ru-central1',
      cloudId: 'b1gabcdefghijklmnopq',
      databaseId: 'etn0123456789abcdefgh',
      stream: 'orders',
    });
    expect(buildYdsStreamName(p!)).toBe('/ru-central1/b1gabcdefghijklmnopq/etn0123456789abcdefgh/orders');
  });
  test('the form YDS prints in its own errors (no leading slash) is accepted', () => {
    expect(parseYdsPath('ru-central1/b1g/etn/s')?.stream).toBe('s');
  });
  test('anything else is not a path', () => {
    for (const s of ['', 'orders', '/ru-central1/b1g/etn', '/ru-central1/b1g/etn/s/extra', '/ru-central1/b1g//s']) {
      expect(parseYdsPath(s)).toBeNull();
    }
    expect(isYdsStreamName('example-stream')).toBe(false);
    expect(isYdsStreamName('/ru-central1/a/b/c')).toBe(true);
  });
  test('the path helper also takes quotes of any kind, spaces inside them and a trailing slash; a non-path stays one', () => {
    const parts = { region: 'ru-central1', cloudId: 'b1gabc', databaseId: 'etnabc', stream: 'orders' };
    for (const s of [
      '/ru-central1/b1gabc/etnabc/orders/',
      '  " /ru-central1/b1gabc/etnabc/orders/ "  ',
      '“/ru-central1/b1gabc/etnabc/orders”',
      '«ru-central1/b1gabc/etnabc/orders/»',
      '`/ru-central1/b1gabc/etnabc/orders//`',
    ]) {
      expect(parsePastedYdsPath(s), s).toEqual(parts);
    }
    for (const s of [
      '',
      ' / ',
      'orders',
      '"orders"',
      '/ru-central1/b1gabc/etnabc/',
      '/ru-central1/b1gabc/etnabc/orders/extra/',
      'https://yds.serverless.yandexcloud.net',
    ]) {
      expect(parsePastedYdsPath(s), s).toBeNull();
    }
    // A stream name is not the helper: a trailing slash there is not a YDS path.
    expect(isYdsStreamName('/ru-central1/b1gabc/etnabc/orders/')).toBe(false);
  });
  test('a path with short ids is only unusual, as in the YDS examples', () => {
    expect(ydsPathLooksUnusual('/ru-central1/b1g/etn/s')).toBe(true);
    expect(ydsPathLooksUnusual('/ru-central1/b1gabcdefghijklmnopq/etn0123456789abcdefgh/orders')).toBe(false);
  });
  test('AWS stream names', () => {
    expect(isValidAwsStreamName('a.b_c-1')).toBe(true);
    expect(isValidAwsStreamName('a/b')).toBe(false);
    expect(isValidAwsStreamName('x'.repeat(129))).toBe(false);
  });
});

describe('payload encoding', () => {
  test('text and JSON are UTF-8', () => {
    const r = encodePayload('text', 'привет');
    expect(r.ok && r.bytes.length).toBe(12);
    const j = encodePayload('json', '{"a": "ж"}');
    expect(j.ok && new TextDecoder().decode(j.bytes)).toBe('{"a": "ж"}');
  });
  test('invalid JSON names the line and column', () => {
    const r = encodePayload('json', '{\n  "a": 1,\n  "b": \n}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('INVALID_JSON');
      expect(r.problem.message).toMatch(/line 4, column 1: value expected/);
    }
  });
  test('base64 and hex decode to the exact bytes; bad input says where', () => {
    const b = encodePayload('base64', 'AAEC/w==');
    expect(b.ok && [...b.bytes]).toEqual([0, 1, 2, 255]);
    const h = encodePayload('hex', '00 01 02 ff');
    expect(h.ok && [...h.bytes]).toEqual([0, 1, 2, 255]);
    const bad = encodePayload('base64', 'AA*A');
    expect(!bad.ok && bad.problem.message).toMatch(/'\*' at 3/);
    const odd = encodePayload('hex', 'abc');
    expect(!odd.ok && odd.problem.message).toMatch(/odd number/);
  });
});

describe('limits', () => {
  test('partition key: characters on AWS, bytes on YDS', () => {
    const cyrillic = 'ж'.repeat(200); // 200 characters, 400 bytes
    expect(validatePartitionKey(cyrillic, 'aws')).toBeNull();
    expect(validatePartitionKey(cyrillic, 'yds')?.code).toBe('KEY_TOO_LONG');
    expect(validatePartitionKey('', 'aws')?.code).toBe('KEY_EMPTY');
    expect(validatePartitionKey('k'.repeat(256), 'yds')).toBeNull();
    expect(validatePartitionKey('k'.repeat(257), 'aws')?.message).toMatch(/257 characters; the limit is 256/);
    expect(charLength('😀')).toBe(1);
  });
  test('record size is key + data bytes, at exactly the limit and one over', () => {
    const max = LIMITS.yds.maxRecordBytes;
    const key = 'k';
    expect(validateRecordSize(key, new Uint8Array(max - 1), 'yds')).toBeNull();
    const over = validateRecordSize(key, new Uint8Array(max), 'yds');
    expect(over?.code).toBe('RECORD_TOO_LARGE');
    expect(over?.message).toMatch(/Remove 1 bytes/);
    expect(recordSize('ж', new Uint8Array(3))).toBe(5);
  });
  test('explicit hash key is a 128-bit decimal', () => {
    expect(validateExplicitHashKey('')).toBeNull();
    expect(validateExplicitHashKey('0')).toBeNull();
    expect(validateExplicitHashKey('340282366920938463463374607431768211455')).toBeNull();
    expect(validateExplicitHashKey('340282366920938463463374607431768211456')).not.toBeNull();
    expect(validateExplicitHashKey('012')).not.toBeNull();
    expect(validateExplicitHashKey('-1')).not.toBeNull();
  });
});

describe('utf8Length', () => {
  test('counts what TextEncoder makes, without making it: 1-4 byte characters, lone surrogates as U+FFFD', () => {
    const samples = [
      '',
      'key-1',
      'ключ',
      '€',
      '日本語',
      '😀',
      'a😀b',
      '\ud83d',
      '\ude00',
      'x\ud83d',
      '\ud83dx',
      '\ude00\ud83d',
      'é'.repeat(300),
    ];
    for (const s of samples) expect(utf8Length(s), JSON.stringify(s)).toBe(new TextEncoder().encode(s).length);
  });
});
