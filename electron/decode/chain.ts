// A record's bytes through a chain of layers: the ones the user pinned for the stream first, then
// the ones the bytes announce (magic numbers, valid UTF-8, JSON), until one shows the record. Bytes
// come from streams anyone writes to, so every layer is bounded in what it makes.
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { DecodeLayer, DecodedPart, DecodedRecord, DecodedView } from '../contract';
import { deaggregate, hasKplMagic, type KplUserRecord } from './kpl';
import { hexView, prettyJson, textOf, textView } from './views';
import { hasZstdMagic, unzstd, ZstdTooLarge } from './zstd';

export const DECODE_LIMITS = {
  /** What one layer may make: a 10 MiB record that inflates past this is shown before the layer. */
  bytes: 32 * 1024 * 1024,
  layers: 8,
  /** Parts (user records, log events) decoded and listed; the count says how many there are. */
  parts: 1000,
  /** JSON nested deeper is shown as text: what lays it out must not recurse without end. */
  jsonDepth: 512,
};

type Problem = NonNullable<DecodedRecord['problem']>;
type Transform = 'base64' | 'gzip' | 'zlib' | 'deflate' | 'zstd';
type Split = { kind: 'kpl'; records: KplUserRecord[] } | { kind: 'cloudwatchLogs'; envelope: LogsEnvelope };

interface LogsEnvelope {
  messageType: string;
  owner: string;
  logGroup: string;
  logStream: string;
  logEvents: { id: string; timestamp: number; message: string }[];
}

class LayerError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.reason);
  }
}

const failed = (layer: DecodeLayer): Problem => ({ reason: 'decodeLayerFailed', params: { layer } });

function inflated(layer: Transform, run: () => Uint8Array): Uint8Array {
  try {
    return run();
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof ZstdTooLarge)
      throw new LayerError({
        reason: 'decodedTooLarge',
        params: { layer, mb: DECODE_LIMITS.bytes / (1024 * 1024) },
      });
    throw new LayerError(failed(layer));
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_URL = /^[A-Za-z0-9_-]*={0,2}$/;

function unbase64(bytes: Uint8Array): Uint8Array {
  const text = textOf(bytes)?.replace(/\s+/g, '');
  if (!text || !(BASE64.test(text) || BASE64_URL.test(text)) || text.length % 4 === 1)
    throw new LayerError(failed('base64'));
  return Buffer.from(text, BASE64.test(text) ? 'base64' : 'base64url');
}

function transform(layer: Transform, bytes: Uint8Array): Uint8Array {
  const bounded = { maxOutputLength: DECODE_LIMITS.bytes };
  switch (layer) {
    case 'base64':
      return unbase64(bytes);
    case 'gzip':
      return inflated(layer, () => gunzipSync(bytes, bounded));
    case 'zlib':
      return inflated(layer, () => inflateSync(bytes, bounded));
    case 'deflate':
      return inflated(layer, () => inflateRawSync(bytes, bounded));
    case 'zstd':
      return inflated(layer, () => unzstd(bytes, DECODE_LIMITS.bytes));
  }
}

const isTransform = (layer: DecodeLayer): layer is Transform =>
  layer === 'base64' || layer === 'gzip' || layer === 'zlib' || layer === 'deflate' || layer === 'zstd';

const hasGzipMagic = (b: Uint8Array) => b.length >= 18 && b[0] === 0x1f && b[1] === 0x8b;
// RFC 1950: deflate, a window of at most 32 KiB, and a header check that makes the first two bytes a multiple of 31.
const hasZlibHeader = (b: Uint8Array) =>
  b.length >= 6 && (b[0] & 0x0f) === 8 && b[0] >> 4 <= 7 && ((b[0] << 8) | b[1]) % 31 === 0;

/** What is known of a layer's bytes, each found once: the user records they pack, the text they hold, its JSON value. */
interface Facts {
  bytes: Uint8Array;
  kpl(): KplUserRecord[] | null;
  text(): string | null;
  json(): { value: unknown } | null;
}

function factsOf(bytes: Uint8Array): Facts {
  let text: string | null | undefined;
  let json: { value: unknown } | null | undefined;
  let kpl: KplUserRecord[] | null | undefined;
  const facts: Facts = {
    bytes,
    kpl: () => (kpl === undefined ? (kpl = hasKplMagic(bytes) ? deaggregate(bytes) : null) : kpl),
    text: () => (text === undefined ? (text = textOf(bytes)) : text),
    json() {
      if (json !== undefined) return json;
      const t = facts.text();
      const first = t?.trimStart()[0];
      json = null;
      if (t && first !== undefined && '{["-0123456789tfn'.includes(first)) {
        try {
          json = { value: JSON.parse(t) as unknown };
        } catch {
          // Not JSON: text.
        }
      }
      return json;
    },
  };
  return facts;
}

function logsEnvelopeOf(value: unknown): LogsEnvelope | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const events = v.logEvents;
  if (typeof v.messageType !== 'string' || typeof v.logGroup !== 'string' || !Array.isArray(events)) return null;
  const ok = events.every(
    (e: unknown) => !!e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string',
  );
  if (!ok) return null;
  return {
    messageType: v.messageType,
    owner: typeof v.owner === 'string' ? v.owner : '',
    logGroup: v.logGroup,
    logStream: typeof v.logStream === 'string' ? v.logStream : '',
    logEvents: (events as Record<string, unknown>[]).map((e) => ({
      id: typeof e.id === 'string' ? e.id : '',
      timestamp: typeof e.timestamp === 'number' ? e.timestamp : NaN,
      message: e.message as string,
    })),
  };
}

/** Whether bytes a base64 layer made are worth showing as such: packed, compressed, or text. */
const announcesItself = (b: Uint8Array) =>
  hasGzipMagic(b) || hasZstdMagic(b) || hasZlibHeader(b) || hasKplMagic(b) || textOf(b) !== null;

/** The layer these bytes announce next, with the bytes it makes when finding it already made them. */
function detect(facts: Facts, canSplit: boolean): { layer: DecodeLayer; made?: Uint8Array } {
  const { bytes } = facts;
  if (canSplit && facts.kpl()) return { layer: 'kpl' };
  if (hasGzipMagic(bytes)) return { layer: 'gzip' };
  if (hasZstdMagic(bytes)) return { layer: 'zstd' };
  if (hasZlibHeader(bytes)) {
    try {
      return { layer: 'zlib', made: inflateSync(bytes, { maxOutputLength: DECODE_LIMITS.bytes }) };
    } catch {
      // Two bytes that look like a zlib header by chance: go on with the other guesses.
    }
  }
  const text = facts.text();
  if (text === null) return { layer: 'hex' };
  const json = facts.json();
  if (json) return { layer: canSplit && logsEnvelopeOf(json.value) ? 'cloudwatchLogs' : 'json' };
  if (text.trim().length >= 8) {
    try {
      const made = unbase64(bytes);
      if (announcesItself(made)) return { layer: 'base64', made };
    } catch {
      // Not base64: the text is the record.
    }
  }
  return { layer: 'text' };
}

interface Shown {
  layers: DecodeLayer[];
  view: DecodedView | null;
  split: Split | null;
  problem: Problem | null;
}

/** Runs the pinned layers, then detected ones, until one shows the bytes or splits them. */
/** The transforms a record goes through, and the layer that ends its chain (null when a transform failed). */
interface Walked {
  layers: DecodeLayer[];
  /** The bytes the last layer gets (or the failed transform got). */
  facts: Facts;
  last: DecodeLayer | null;
  problem: Problem | null;
}

function walk(bytes: Uint8Array, pinned: readonly DecodeLayer[], canSplit: boolean): Walked {
  const layers: DecodeLayer[] = [];
  let current = bytes;
  for (let step = 0; ; step++) {
    const facts = factsOf(current);
    const { layer, made } = step < pinned.length ? { layer: pinned[step] } : detect(facts, canSplit);
    if (!isTransform(layer)) return { layers, facts, last: layer, problem: null };
    if (layers.length >= DECODE_LIMITS.layers)
      return {
        layers,
        facts,
        last: null,
        problem: { reason: 'decodeTooManyLayers', params: { max: DECODE_LIMITS.layers } },
      };
    try {
      current = made ?? transform(layer, current);
      layers.push(layer);
    } catch (e) {
      if (e instanceof LayerError) return { layers, facts, last: null, problem: e.problem };
      throw e;
    }
  }
}

function run(bytes: Uint8Array, pinned: readonly DecodeLayer[], canSplit: boolean): Shown {
  const { layers, facts, last, problem } = walk(bytes, pinned, canSplit);
  const asHex = (why: Problem | null): Shown => ({ layers, view: hexView(facts.bytes), split: null, problem: why });
  if (!last) return asHex(problem);
  try {
    return { layers: [...layers, last], problem: null, ...terminal(last, facts, canSplit) };
  } catch (e) {
    if (e instanceof LayerError) return asHex(e.problem);
    throw e;
  }
}

function terminal(layer: DecodeLayer, facts: Facts, canSplit: boolean): Pick<Shown, 'view' | 'split'> {
  const { bytes } = facts;
  if (layer === 'hex') return { view: hexView(bytes), split: null };
  if (layer === 'kpl') {
    const records = canSplit ? facts.kpl() : null;
    if (!records) throw new LayerError(failed(layer));
    return { view: null, split: { kind: 'kpl', records } };
  }
  const text = facts.text();
  if (text === null) throw new LayerError(failed(layer));
  if (layer === 'text') return { view: textView(text, bytes.length), split: null };
  const json = facts.json();
  if (!json) throw new LayerError(failed(layer));
  if (layer === 'json') {
    const laidOut = prettyJson(bytes, DECODE_LIMITS.jsonDepth);
    // Too deep to lay out: shown as the text it is.
    if (!laidOut) return { view: textView(text, bytes.length), split: null };
    return { view: { kind: 'json', ...laidOut, bytes: bytes.length }, split: null };
  }
  const envelope = canSplit ? logsEnvelopeOf(json.value) : null;
  if (!envelope) throw new LayerError(failed(layer));
  return { view: null, split: { kind: 'cloudwatchLogs', envelope } };
}

function part(label: string, detail: string | null, bytes: Uint8Array): DecodedPart {
  const shown = run(bytes, [], false);
  return { label, detail, layers: shown.layers, view: shown.view ?? hexView(bytes), problem: shown.problem };
}

const encoder = new TextEncoder();
// What Date can hold: ±100,000,000 days around 1970.
const isTime = (ms: number) => Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;

/**
 * A record's bytes as its layers show them: `pinned` first (the chain the user chose for the
 * stream), then what the bytes announce. Never throws on any bytes.
 */
export function decodeRecord(bytes: Uint8Array, pinned: readonly DecodeLayer[] = []): DecodedRecord {
  const shown = run(bytes, pinned, true);
  const base = { layers: shown.layers, view: shown.view, problem: shown.problem };
  if (!shown.split) return { ...base, parts: null, partsTotal: 0, envelope: null };
  if (shown.split.kind === 'kpl') {
    const records = shown.split.records;
    return {
      ...base,
      parts: records.slice(0, DECODE_LIMITS.parts).map((r) => part(r.partitionKey, r.explicitHashKey, r.data)),
      partsTotal: records.length,
      envelope: null,
    };
  }
  const { logEvents, ...envelope } = shown.split.envelope;
  return {
    ...base,
    parts: logEvents
      .slice(0, DECODE_LIMITS.parts)
      .map((e) =>
        part(e.id, isTime(e.timestamp) ? new Date(e.timestamp).toISOString() : null, encoder.encode(e.message)),
      ),
    partsTotal: logEvents.length,
    envelope,
  };
}

/** What an expression reads of a record (electron/filter): the JSON value, or else the text, after its layers. */
export interface DecodedValue {
  /** The JSON value when the record is JSON, its text when it is text, null for bytes. */
  data: unknown;
  text: string;
  json: boolean;
}

const NO_VALUE: DecodedValue = { data: null, text: '', json: false };

function valueAt(layer: DecodeLayer, facts: Facts): DecodedValue {
  const text = layer === 'hex' ? null : facts.text();
  if (text === null) return NO_VALUE;
  const json = layer === 'json' ? facts.json() : null;
  return json ? { data: json.value, text, json: true } : { data: text, text, json: false };
}

/**
 * A record's value through the same chain decodeRecord shows, without laying anything out (a
 * filter reads thousands of records); a split record (KPL, CloudWatch Logs) gives its parts' values.
 */
export function decodedValue(bytes: Uint8Array, pinned: readonly DecodeLayer[] = []): DecodedValue | DecodedValue[] {
  const { facts, last } = walk(bytes, pinned, true);
  if (!last) return NO_VALUE;
  const partValue = (b: Uint8Array): DecodedValue => {
    const part = walk(b, [], false);
    return part.last ? valueAt(part.last, part.facts) : NO_VALUE;
  };
  if (last === 'kpl')
    return (
      facts
        .kpl()
        ?.slice(0, DECODE_LIMITS.parts)
        .map((r) => partValue(r.data)) ?? NO_VALUE
    );
  if (last === 'cloudwatchLogs') {
    const envelope = logsEnvelopeOf(facts.json()?.value);
    if (!envelope) return NO_VALUE;
    return envelope.logEvents.slice(0, DECODE_LIMITS.parts).map((e) => partValue(encoder.encode(e.message)));
  }
  return valueAt(last, facts);
}
