// The one builder for the history entries tests seed a store, a data folder or an import file
// with: a send to the sandbox that succeeded, JSON payload, with whatever a test needs changed.
// Payload sizes are UTF-8 bytes and the target names the stream, as the app writes them.
import type { HistoryEntry } from '../../electron/contract';

type Response = Extract<HistoryEntry['result'], { ok: true }>['response'];
type Failure = Extract<HistoryEntry['result'], { ok: false }>['error'];

export const SANDBOX_PROFILE: HistoryEntry['profile'] = {
  id: 'p1',
  name: 'Local sandbox',
  kind: 'sandbox',
  endpoint: 'http://127.0.0.1:4567',
  region: 'us-east-1',
};
/** A profile the app's data folder does not hold, as seeded entries in the e2e tests name. */
export const SEEDED_PROFILE: HistoryEntry['profile'] = {
  id: 'seed-profile',
  name: 'Seeded',
  kind: 'sandbox',
  endpoint: 'http://127.0.0.1:4567',
  region: 'us-east-1',
};

export interface EntryOverrides extends Partial<HistoryEntry> {
  /** The stream, as both streamName and target. */
  stream?: string;
  /** The payload's text (JSON mode unless `payload` says otherwise). */
  text?: string;
}

export function historyEntry({ stream = 'example-stream', text = '{}', ...over }: EntryOverrides = {}): HistoryEntry {
  return {
    id: 'id-0',
    time: '2025-01-01T00:00:00.000Z',
    profile: SANDBOX_PROFILE,
    streamName: stream,
    target: { type: 'name', streamName: stream },
    partitionKey: 'key',
    payload: { mode: 'json', text, size: Buffer.byteLength(text), truncated: false },
    result: sentOk(),
    latencyMs: 5,
    ...over,
  };
}

/** A successful send's result. */
export function sentOk(over: Partial<Response> = {}): HistoryEntry['result'] {
  return {
    ok: true,
    response: {
      shardId: 'shardId-000000000000',
      sequenceNumber: '1',
      encryptionType: null,
      httpStatus: 200,
      requestId: null,
      attempts: 1,
      totalRetryDelayMs: 0,
      ...over,
    },
  };
}

/** A failed send's result: by default the stream was not found. */
export function sendFailed(over: Partial<Failure> = {}): HistoryEntry['result'] {
  return {
    ok: false,
    error: {
      name: 'ResourceNotFoundException',
      message: 'not found',
      hint: '',
      httpStatus: 400,
      requestId: null,
      retryable: false,
      attempts: 1,
      ...over,
    },
  };
}

/** Second `i` of 2025-01-01 (UTC), as entry times. */
export const secondOf2025 = (i: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString();
