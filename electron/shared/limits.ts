// Payload encoding and the service limits, shared by the renderer's live size meter and main's
// re-validation before every send. Pure code: no Node or DOM APIs.

import { parseTree, printParseErrorCode, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import { isYdsStreamName } from './addressing';
import type { ProfileKind } from './names';
import { problemOf, type ReasonWithParams } from './reasons';

/** How the payload text becomes the record's bytes. The contract's schemas take their enum from here. */
export const PAYLOAD_MODES = ['text', 'json', 'base64', 'hex'] as const;
export type PayloadMode = (typeof PAYLOAD_MODES)[number];

const MiB = 1024 * 1024;

/**
 * maxRecordBytes: what every stream of the family takes (key + data); largestRecordBytes: what a
 * stream raised to large records may take (AWS: MaxRecordSizeInKiB up to 10 MiB; YDS: never more).
 * A PutRecords call: maxCallRecords, and maxCallBytes in all, or largeCallBytes on a raised stream.
 */
export const LIMITS = {
  aws: {
    maxRecordBytes: MiB,
    largestRecordBytes: 10 * MiB,
    maxCallRecords: 500,
    maxCallBytes: 5 * MiB,
    largeCallBytes: 10 * MiB,
    maxKeyLength: 256,
    keyUnit: 'characters' as const,
  },
  yds: {
    maxRecordBytes: MiB,
    largestRecordBytes: MiB,
    maxCallRecords: 500,
    maxCallBytes: 5 * MiB,
    largeCallBytes: 5 * MiB,
    maxKeyLength: 256,
    keyUnit: 'bytes' as const,
  },
} satisfies Record<
  string,
  {
    maxRecordBytes: number;
    largestRecordBytes: number;
    maxCallRecords: number;
    maxCallBytes: number;
    largeCallBytes: number;
    maxKeyLength: number;
    keyUnit: 'characters' | 'bytes';
  }
>;
export type LimitFamily = keyof typeof LIMITS;

/**
 * The longest template: a template is a record's text with placeholders, and a stream raised to
 * large records takes 10 MiB (templates/bounds.ts bounds what it renders the same way).
 */
export const MAX_TEMPLATE_CHARS = LIMITS.aws.largestRecordBytes;

/** The longest payload text worth reading: hex of the largest record is twice its bytes; the rest is room for whitespace. */
export const MAX_PAYLOAD_CHARS = 4 * LIMITS.aws.largestRecordBytes;

/**
 * The largest record a stream takes, in bytes: the stream's MaxRecordSizeInKiB (DescribeStreamSummary)
 * within its family's bounds. A stream or endpoint that does not say takes 1 MiB; YDS always 1 MiB.
 */
export function streamMaxRecordBytes(family: LimitFamily, maxRecordSizeKiB: number | null | undefined): number {
  const { maxRecordBytes, largestRecordBytes } = LIMITS[family];
  if (typeof maxRecordSizeKiB !== 'number' || !Number.isFinite(maxRecordSizeKiB)) return maxRecordBytes;
  return Math.min(largestRecordBytes, Math.max(maxRecordBytes, Math.floor(maxRecordSizeKiB) * 1024));
}

/** How many records, and bytes in all (keys + data), one PutRecords call may carry. */
export interface CallLimits {
  maxRecords: number;
  maxBytes: number;
}

/** A PutRecords call's limits on a stream whose records may be up to `maxRecordBytes` (streamMaxRecordBytes). */
export function callLimitsOf(family: LimitFamily, maxRecordBytes: number = LIMITS[family].maxRecordBytes): CallLimits {
  const limits = LIMITS[family];
  return {
    maxRecords: limits.maxCallRecords,
    maxBytes: maxRecordBytes > limits.maxRecordBytes ? limits.largeCallBytes : limits.maxCallBytes,
  };
}

/** YDS counts a key in bytes: a YDS profile, or a YDS path sent through any other (the sandbox takes them too). */
export function limitFamilyOf(kind: ProfileKind, streamName: string): LimitFamily {
  return kind === 'yds' || isYdsStreamName(streamName) ? 'yds' : 'aws';
}

export const MAX_HASH_KEY = (1n << 128n) - 1n;

/** `reason` and `params` word it in any language (electron/shared/reasons.ts); `message` is the English. */
export type Problem = {
  field: 'payload' | 'partitionKey' | 'explicitHashKey' | 'stream';
  code: string;
  message: string;
  at?: number;
} & ReasonWithParams;

const encoder = new TextEncoder();

/** The most UTF-8 bytes one UTF-16 unit takes (a surrogate pair, two units, takes 4). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * The length TextEncoder would give, counted without making the bytes: main checks each send's
 * key with it (twice for YDS), and an encode allocates. A lone surrogate counts 3, as U+FFFD.
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A pair: two units, four bytes.
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

/** Code points, which is what AWS counts as "Unicode characters" in a partition key. */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export type Encoded = { ok: true; bytes: Uint8Array } | { ok: false; problem: Problem };

/** TextEncoder's UTF-8; main passes Node's Buffer.from, ~2x faster on short text (it fills a pooled slab). */
const encodeUtf8 = (text: string): Uint8Array => encoder.encode(text);

export function encodePayload(mode: PayloadMode, text: string, utf8 = encodeUtf8): Encoded {
  switch (mode) {
    case 'text':
      return { ok: true, bytes: utf8(text) };
    case 'json': {
      try {
        JSON.parse(text);
      } catch (e) {
        return { ok: false, problem: jsonProblem(text, e) };
      }
      return { ok: true, bytes: utf8(text) };
    }
    case 'base64':
      return decodeBase64(text);
    case 'hex':
      return decodeHex(text);
  }
}

function jsonProblem(text: string, e: unknown): Problem {
  // JSON.parse's message has no position on every engine; jsonc-parser (strict settings) has one.
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first)
    return {
      field: 'payload',
      code: 'INVALID_JSON',
      message: `Invalid JSON: ${e instanceof Error ? e.message : String(e)}`,
      ...problemOf('payloadJsonEngine', { detail: e instanceof Error ? e.message : String(e) }),
    };
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return {
    field: 'payload',
    code: 'INVALID_JSON',
    message: `Invalid JSON at line ${line}, column ${column}: ${describeJsonError(printParseErrorCode(first.error))}`,
    at: first.offset,
    ...problemOf('payloadJson', { detail: jsonErrorName(first.error), line, column }),
  };
}

function describeJsonError(code: string): string {
  // InvalidSymbol -> "invalid symbol", CloseBraceExpected -> "close brace expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** jsonc-parser's name of a syntax error as a `jsonError` parameter: CloseBraceExpected -> close_brace_expected. */
export const jsonErrorName = (error: ParseErrorCode): string =>
  describeJsonError(printParseErrorCode(error)).replace(/ /g, '_');

function decodeBase64(text: string): Encoded {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    const bad = clean.search(/[^A-Za-z0-9+/=]/);
    return {
      ok: false,
      problem: {
        field: 'payload',
        code: 'INVALID_BASE64',
        message:
          bad >= 0
            ? `Not valid base64: unexpected character '${clean[bad]}' at ${bad + 1}`
            : 'Not valid base64: wrong length or padding',
        ...(bad >= 0
          ? problemOf('base64Char', { char: clean[bad], position: bad + 1 })
          : problemOf('base64Length', {})),
      },
    };
  }
  const bin = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return { ok: true, bytes: out };
}

function decodeHex(text: string): Encoded {
  const clean = text.replace(/\s+|0x/g, '');
  const bad = clean.search(/[^0-9a-fA-F]/);
  if (bad >= 0)
    return {
      ok: false,
      problem: {
        field: 'payload',
        code: 'INVALID_HEX',
        message: `Not valid hex: unexpected character '${clean[bad]}' at ${bad + 1}`,
        ...problemOf('hexChar', { char: clean[bad], position: bad + 1 }),
      },
    };
  if (clean.length % 2 !== 0)
    return {
      ok: false,
      problem: {
        field: 'payload',
        code: 'INVALID_HEX',
        message: 'Not valid hex: odd number of digits',
        ...problemOf('hexOdd', {}),
      },
    };
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, bytes: out };
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function validatePartitionKey(key: string, family: LimitFamily): Problem | null {
  if (key.length === 0)
    return {
      field: 'partitionKey',
      code: 'KEY_EMPTY',
      message: 'Partition key is required',
      ...problemOf('partitionKeyEmpty', {}),
    };
  const limit = LIMITS[family];
  // A key no longer than the limit in UTF-16 units (3 bytes each at most) is within it: no count.
  if ((limit.keyUnit === 'bytes' ? key.length * MAX_UTF8_PER_UNIT : key.length) <= limit.maxKeyLength) return null;
  const length = limit.keyUnit === 'bytes' ? utf8Length(key) : charLength(key);
  if (length > limit.maxKeyLength) {
    return {
      field: 'partitionKey',
      code: 'KEY_TOO_LONG',
      message: `Partition key is ${length} ${limit.keyUnit}; the limit is ${limit.maxKeyLength} ${limit.keyUnit}`,
      ...problemOf(limit.keyUnit === 'bytes' ? 'partitionKeyTooLongBytes' : 'partitionKeyTooLongChars', {
        length,
        max: limit.maxKeyLength,
      }),
    };
  }
  return null;
}

export function validateExplicitHashKey(value: string): Problem | null {
  if (value === '') return null;
  if (!/^(0|[1-9]\d{0,38})$/.test(value) || BigInt(value) > MAX_HASH_KEY) {
    return {
      field: 'explicitHashKey',
      code: 'HASH_KEY_INVALID',
      message:
        'Explicit hash key must be a decimal integer from 0 to 2^128-1 (340282366920938463463374607431768211455)',
      ...problemOf('hashKeyInvalid', {}),
    };
  }
  return null;
}

/** Record size as the services count it: partition key bytes plus data bytes, before base64. */
export function recordSize(key: string, data: Uint8Array): number {
  return utf8Length(key) + data.length;
}

/** `max`: the stream's own maximum (streamMaxRecordBytes) when known, else the family's 1 MiB. */
export function validateRecordSize(
  key: string,
  data: Uint8Array,
  family: LimitFamily,
  max: number = LIMITS[family].maxRecordBytes,
): Problem | null {
  if (key.length * MAX_UTF8_PER_UNIT + data.length <= max) return null;
  const size = recordSize(key, data);
  if (size <= max) return null;
  const over = size - max;
  const n = (v: number) => v.toLocaleString('en-US');
  const largest = LIMITS[family].largestRecordBytes;
  if (family === 'yds')
    return {
      field: 'payload',
      code: 'RECORD_TOO_LARGE',
      message: `Record is ${n(size)} bytes (key + data); Yandex Data Streams takes at most ${n(max)} bytes a record. Remove ${n(over)} bytes.`,
      ...problemOf('recordTooLargeYds', { size, max, over }),
    };
  // A record a raised stream could take: say so, as the console would.
  if (max < largest && size <= largest)
    return {
      field: 'payload',
      code: 'RECORD_TOO_LARGE',
      message: `Record is ${n(size)} bytes (key + data); this stream takes at most ${n(max)} bytes. Remove ${n(over)} bytes, or raise the stream's maximum record size (UpdateMaxRecordSize, up to ${n(largest)} bytes on AWS).`,
      ...problemOf('recordTooLargeForStream', { size, max, over, largest }),
    };
  return {
    field: 'payload',
    code: 'RECORD_TOO_LARGE',
    message: `Record is ${n(size)} bytes (key + data); the limit is ${n(max)} bytes. Remove ${n(over)} bytes.`,
    ...problemOf('recordTooLarge', { size, max, over }),
  };
}
