// Decoding a record's bytes: the KPL's own records, chains the bytes announce (base64, gzip, zstd, zlib,
// a CloudWatch Logs envelope, JSON, text, hex), chains the user pins, and junk that must never
// throw or grow past the limits.
import { createHash } from 'node:crypto';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { DECODE_LAYERS, decodedRecordSchema } from '../../electron/contract';
import { DECODE_LIMITS, decodeRecord } from '../../electron/decode/chain';
import { aggregate, deaggregate, KPL_MAGIC } from '../../electron/decode/kpl';
import { prettyJson, SHOWN_CHARS } from '../../electron/decode/views';
import { checkZstdFrames } from '../../electron/decode/zstd';
import vectors from '../fixtures/kpl-vectors.json' with { type: 'json' };
import zstdVectors from '../fixtures/zstd-vectors.json' with { type: 'json' };
import { seededRandom } from '../helpers/fake-kinesis';

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const b64 = (b: Uint8Array) => bytesOf(Buffer.from(b).toString('base64'));

describe('KPL aggregated records', () => {
  test.each(vectors.vectors)('records the KPL wrote ($name) split into their user records, keys and data', (v) => {
    const bytes = new Uint8Array(Buffer.from(v.data, 'base64'));
    const records = deaggregate(bytes)!;
    expect(records.map((r) => ({ ...r, data: Buffer.from(r.data).toString('utf8') }))).toEqual(v.records);
    // Packing them again gives the KPL's bytes exactly: key tables, field order, digest.
    expect(Buffer.from(aggregate(records)).equals(bytes)).toBe(true);

    const decoded = decodeRecord(bytes);
    expect(decoded.layers).toEqual(['kpl']);
    expect(decoded.partsTotal).toBe(v.records.length);
    expect(decoded.parts!.map((p) => [p.label, p.detail, p.layers, p.view.text])).toEqual(
      v.records.map((r) => [r.partitionKey, r.explicitHashKey, ['text'], r.data]),
    );
  });

  test('a digest that does not match, or magic bytes alone, is not an aggregated record', () => {
    const bytes = aggregate([{ partitionKey: 'k', explicitHashKey: null, data: bytesOf('{"a":1}') }]);
    const tampered = bytes.slice();
    tampered[tampered.length - 1] ^= 0xff;
    expect(deaggregate(tampered)).toBeNull();
    expect(decodeRecord(tampered).layers).toEqual(['hex']);
    expect(deaggregate(KPL_MAGIC)).toBeNull();
  });

  test('a record whose partition key index points past the table is refused, not shown with a made-up key', () => {
    // AggregatedRecord { partition_key_table: ["a"], records: [{ partition_key_index: 5, data: "x" }] }
    const message = Uint8Array.of(0x0a, 0x01, 0x61, 0x1a, 0x05, 0x08, 0x05, 0x1a, 0x01, 0x78);
    const digest = createHash('md5').update(message).digest();
    expect(deaggregate(new Uint8Array([...KPL_MAGIC, ...message, ...digest]))).toBeNull();
  });
});

describe('chains the bytes announce', () => {
  const order = '{"id":12345678901234567890,"user":"Ann","tags":["a","b"],"empty":{},"price":1.50}';

  test('base64 of gzip of JSON: three layers, laid out without changing a digit', () => {
    const decoded = decodeRecord(b64(gzipSync(order)));
    expect(decoded.layers).toEqual(['base64', 'gzip', 'json']);
    expect(decoded.view!.text).toBe(
      '{\n  "id": 12345678901234567890,\n  "user": "Ann",\n  "tags": [\n    "a",\n    "b"\n  ],\n  "empty": {},\n  "price": 1.50\n}',
    );
    expect(decoded.problem).toBeNull();
  });

  test('zlib is found by its header; raw deflate only when pinned', () => {
    expect(decodeRecord(deflateSync(order)).layers).toEqual(['zlib', 'json']);
    const raw = deflateRawSync('plain words, deflated');
    expect(decodeRecord(raw).layers).toEqual(['hex']);
    const pinned = decodeRecord(raw, ['deflate']);
    expect([pinned.layers, pinned.view!.text]).toEqual([['deflate', 'text'], 'plain words, deflated']);
  });

  test('a CloudWatch Logs subscription envelope splits into its log events, each decoded', () => {
    const envelope = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/aws/lambda/orders',
      logStream: '2026/12/01/[$LATEST]abc',
      subscriptionFilters: ['all'],
      logEvents: [
        { id: '3719', timestamp: 1764547200000, message: '{"level":"info","n":1}' },
        { id: '3720', timestamp: 1764547201000, message: 'START RequestId: 42' },
      ],
    };
    const decoded = decodeRecord(gzipSync(JSON.stringify(envelope)));
    expect(decoded.layers).toEqual(['gzip', 'cloudwatchLogs']);
    expect(decoded.envelope).toEqual({
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/aws/lambda/orders',
      logStream: '2026/12/01/[$LATEST]abc',
    });
    expect(decoded.parts!.map((p) => [p.label, p.detail, p.layers, p.view.text])).toEqual([
      ['3719', '2025-12-01T00:00:00.000Z', ['json'], '{\n  "level": "info",\n  "n": 1\n}'],
      ['3720', '2025-12-01T00:00:01.000Z', ['text'], 'START RequestId: 42'],
    ]);
  });

  test('text stays text, even text that looks like base64; binary is hex', () => {
    expect(decodeRecord(bytesOf('TestTest')).layers).toEqual(['text']);
    expect(decodeRecord(bytesOf('SGVsbG8gd29ybGQ=')).layers).toEqual(['base64', 'text']);
    const binary = decodeRecord(Uint8Array.of(0, 1, 2, 0xff, 0x41));
    expect([binary.layers, binary.view!.text]).toEqual([
      ['hex'],
      '00000000  00 01 02 ff 41' + ' '.repeat(33) + '  ....A',
    ]);
  });
});

describe('zstd', () => {
  const zstdOf = (v: { zstd: string }) => new Uint8Array(Buffer.from(v.zstd, 'base64'));

  test('frames the zstd CLI wrote, with and without a content size, in base64 too', () => {
    const json = decodeRecord(zstdOf(zstdVectors.json));
    expect(json.layers).toEqual(['zstd', 'json']);
    // Laid out token for token: the 20-digit id keeps every digit.
    expect(json.view!.text).toBe(JSON.stringify(JSON.parse(zstdVectors.json.content), null, 2));
    expect(json.view!.text).toContain('"12345678901234567890"');
    const streamed = decodeRecord(b64(zstdOf(zstdVectors.streamed)));
    expect([streamed.layers, streamed.view!.text]).toEqual([['base64', 'zstd', 'text'], zstdVectors.streamed.content]);
  });

  test('two frames and a skippable one in between give the content of both frames in order', () => {
    const skippable = Uint8Array.of(0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3);
    const bytes = new Uint8Array([...zstdOf(zstdVectors.streamed), ...skippable, ...zstdOf(zstdVectors.streamed)]);
    const decoded = decodeRecord(bytes);
    expect([decoded.layers, decoded.view!.text]).toEqual([['zstd', 'text'], zstdVectors.streamed.content.repeat(2)]);
  });

  test('a zstd bomb stops at the limit with the reason, and the bytes are shown before the layer', () => {
    const bomb = zstdOf(zstdVectors.bomb);
    expect(zstdVectors.bomb.contentBytes).toBeGreaterThan(DECODE_LIMITS.bytes);
    const decoded = decodeRecord(bomb);
    expect(decoded.problem).toEqual({ reason: 'decodedTooLarge', params: { layer: 'zstd', mb: 32 } });
    expect([decoded.layers, decoded.view!.kind, decoded.view!.bytes]).toEqual([[], 'hex', bomb.length]);
  });

  test('a header that asks for a 1 GiB window is refused before anything is allocated', () => {
    // Magic, no content size, window 2^30, then one raw block (last) of one byte.
    const header = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xa0, 0x09, 0x00, 0x00, 0x78);
    expect(checkZstdFrames(header, DECODE_LIMITS.bytes)).toBe('tooLarge');
    expect(decodeRecord(header).problem).toEqual({ reason: 'decodedTooLarge', params: { layer: 'zstd', mb: 32 } });
    // The same block under a small window is a frame.
    const small = header.slice();
    small[5] = 0x00;
    expect(decodeRecord(small).layers).toEqual(['zstd', 'text']);
  });

  test('a cut or corrupt frame says the zstd layer failed and shows the bytes as hex', () => {
    const cut = zstdOf(zstdVectors.json).subarray(0, 40);
    expect(decodeRecord(cut).problem).toEqual({ reason: 'decodeLayerFailed', params: { layer: 'zstd' } });
    const corrupt = zstdOf(zstdVectors.json);
    corrupt.fill(0xff, 20, 30);
    const decoded = decodeRecord(corrupt);
    expect(decoded.problem?.params.layer).toBe('zstd');
    expect(decoded.view!.kind).toBe('hex');
  });
});

describe('limits', () => {
  test('a gzip that would inflate past the limit is shown before the layer, with the reason', () => {
    const bomb = gzipSync(Buffer.alloc(DECODE_LIMITS.bytes + 1));
    const decoded = decodeRecord(bomb);
    expect(decoded.problem).toEqual({ reason: 'decodedTooLarge', params: { layer: 'gzip', mb: 32 } });
    expect([decoded.layers, decoded.view!.kind, decoded.view!.bytes]).toEqual([[], 'hex', bomb.length]);
  });

  test('a record wrapped in more layers than the limit stops there', () => {
    let bytes = bytesOf('the end');
    for (let i = 0; i < DECODE_LIMITS.layers + 2; i++) bytes = b64(bytes);
    const decoded = decodeRecord(bytes);
    expect(decoded.layers).toEqual(Array(DECODE_LIMITS.layers).fill('base64'));
    expect(decoded.problem).toEqual({ reason: 'decodeTooManyLayers', params: { max: DECODE_LIMITS.layers } });
  });

  test('JSON nested past the limit is shown as its text; long text is cut with its size kept', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const tooDeep = decodeRecord(bytesOf(deep));
    expect([tooDeep.layers, tooDeep.view!.kind, tooDeep.view!.text.length]).toEqual([['json'], 'text', 200_000]);
    const long = decodeRecord(bytesOf('x'.repeat(SHOWN_CHARS + 10)));
    expect([long.view!.text.length, long.view!.truncated, long.view!.bytes]).toEqual([
      SHOWN_CHARS,
      true,
      SHOWN_CHARS + 10,
    ]);
  });

  test('a pinned chain that no longer fits says which layer, and shows the bytes as they were', () => {
    const decoded = decodeRecord(bytesOf('{"a":1}'), ['gzip', 'json']);
    expect(decoded.problem).toEqual({ reason: 'decodeLayerFailed', params: { layer: 'gzip' } });
    expect([decoded.layers, decoded.view!.kind]).toEqual([[], 'hex']);
  });
});

describe('junk', () => {
  const random = seededRandom(20261202);
  const junk = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const mutate = (b: Uint8Array) => {
    const out = b.slice(0, Math.max(1, Math.floor(random() * (b.length + 1))));
    for (let i = 0; i < 1 + random() * 4; i++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
    return out;
  };
  /** An aggregated record with a right digest over a protobuf that is anything. */
  const kplAround = (message: Uint8Array) =>
    new Uint8Array([...KPL_MAGIC, ...message, ...createHash('md5').update(message).digest()]);
  const seeds = [
    gzipSync('{"a":[1,2,{"b":"c"}]}'),
    deflateSync('zlib text'),
    b64(gzipSync('base64 gzip')),
    aggregate([
      { partitionKey: 'p', explicitHashKey: '1', data: gzipSync('{"x":1}') },
      { partitionKey: 'q', explicitHashKey: null, data: bytesOf('text') },
    ]),
    gzipSync(JSON.stringify({ messageType: 'DATA_MESSAGE', logGroup: 'g', logEvents: [{ id: '1', message: 'm' }] })),
    new Uint8Array(Buffer.from(zstdVectors.json.zstd, 'base64')),
    new Uint8Array(Buffer.from(zstdVectors.streamed.zstd, 'base64')),
  ];

  test('never throws, and what it returns is a valid decoded record, for 3,000 random and mutated inputs', () => {
    const layers = DECODE_LAYERS;
    for (let i = 0; i < 3000; i++) {
      const kind = i % 4;
      const input =
        kind === 0
          ? junk(Math.floor(random() * 200))
          : kind === 1
            ? mutate(seeds[i % seeds.length])
            : kind === 2
              ? kplAround(i % 8 === 0 ? mutate(seeds[3].subarray(4, -16)) : junk(Math.floor(random() * 64)))
              : b64(mutate(seeds[i % seeds.length]));
      const pinned = i % 5 === 0 ? [layers[Math.floor(random() * layers.length)]] : [];
      const decoded = decodeRecord(input, pinned);
      expect(() => decodedRecordSchema.parse(decoded)).not.toThrow();
      expect(decoded.view !== null || decoded.parts !== null).toBe(true);
    }
  });

  test('layout keeps every token: JSON in any spacing is laid out as JSON.stringify(value, null, 2) would', () => {
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 4 || r < 0.3)
        return [null, true, false, random() * 1e6 - 5e5, 'a "quoted" \\ \u00e9 \n'][Math.floor(random() * 5)];
      if (r < 0.65) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, (_, k) => [`k${k} "x"`, value(depth + 1)]),
      );
    };
    for (let i = 0; i < 300; i++) {
      const v = value(0);
      const spaced = JSON.stringify(v, null, i % 3);
      expect(prettyJson(bytesOf(spaced), 100)!.text).toBe(JSON.stringify(v, null, 2));
    }
  });
});
