// The composer's live check, built on the same helpers main re-validates with. Each problem keeps
// a code and parameters so it can be said in the user's language; `message` is the English text.
import type { ProfileKind } from '../../../electron/contract';
import { isValidAwsStreamName } from '../../../electron/shared/addressing';
import {
  LIMITS,
  charLength,
  limitFamilyOf,
  encodePayload,
  recordSize,
  utf8Length,
  validateExplicitHashKey,
  validatePartitionKey,
  validateRecordSize,
  type LimitFamily,
  type Problem,
} from '../../../electron/shared/limits';
import { missingIn, substituteIn } from '../../../electron/shared/env-vars';
import { streamNameOf, type Draft } from './draft';

export type FieldKey =
  'cloudId' | 'databaseId' | 'stream' | 'streamName' | 'partitionKey' | 'explicitHashKey' | 'payload';

export interface Issue {
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface Check {
  issues: Partial<Record<FieldKey, Issue>>;
  streamName: string;
  family: LimitFamily;
  /** The largest record the stream takes: its own maximum once described, else its family's. */
  maxRecordBytes: number;
  /** Whether maxRecordBytes is the stream's own (it said so), not its family's. */
  streamLimit: boolean;
  /** Partition key length in the family's unit (characters on AWS, bytes on YDS). */
  keyLength: number;
  /** Key + data bytes, null while the payload cannot be encoded. */
  size: number | null;
}

/** The draft's text fields that may hold `{{env.NAME}}`, by the issue each is marked with. */
const ENV_FIELDS = {
  cloudId: 'cloudId',
  databaseId: 'databaseId',
  stream: 'stream',
  streamName: 'streamName',
  partitionKey: 'partitionKey',
  explicitHashKey: 'explicitHashKey',
  payloadText: 'payload',
} as const satisfies Partial<Record<keyof Draft, FieldKey>>;

/**
 * The draft as it will be sent: each `{{env.NAME}}` with the selected environment's value, so the
 * rules below judge the value and never refuse a field for holding a reference. A name the
 * environment lacks is the field's issue at once.
 */
function resolvedDraft(given: Draft, variables: Readonly<Record<string, string>>, issues: Check['issues']): Draft {
  const draft = { ...given };
  for (const [key, field] of Object.entries(ENV_FIELDS) as [keyof typeof ENV_FIELDS, FieldKey][]) {
    const [name] = missingIn(given[key], variables);
    if (name !== undefined)
      issues[field] = { code: 'ENV_MISSING', message: `Unknown variable ${name}`, params: { name } };
    draft[key] = substituteIn(given[key], variables);
  }
  return draft;
}

/** `maxRecordBytes`: the stream's own maximum (describeStream), when known. */
export function checkDraft(
  kind: ProfileKind,
  given: Draft,
  variables: Readonly<Record<string, string>> = {},
  streamMaxRecordBytes?: number,
): Check {
  const missing: Check['issues'] = {};
  const draft = resolvedDraft(given, variables, missing);
  const issues: Check['issues'] = {};
  const streamName = streamNameOf(kind, draft);
  const family = limitFamilyOf(kind, streamName);

  if (kind === 'yds') {
    for (const field of ['cloudId', 'databaseId', 'stream'] as const) {
      const value = draft[field].trim();
      if (!value) issues[field] = { code: 'REQUIRED', message: 'Required' };
      else if (value.includes('/')) issues[field] = { code: 'STREAM_PART', message: 'Must not contain "/"' };
    }
  } else {
    const name = draft.streamName.trim();
    if (!name) issues.streamName = { code: 'REQUIRED', message: 'Required' };
    else if (family === 'aws' && !isValidAwsStreamName(name))
      issues.streamName = { code: 'STREAM_NAME', message: 'Invalid stream name' };
  }

  const keyProblem = validatePartitionKey(draft.partitionKey, family);
  const limit = LIMITS[family];
  // YDS stays at 1 MiB whatever a stream says.
  const maxRecordBytes = Math.min(streamMaxRecordBytes ?? limit.maxRecordBytes, limit.largestRecordBytes);
  const keyLength = limit.keyUnit === 'bytes' ? utf8Length(draft.partitionKey) : charLength(draft.partitionKey);
  if (keyProblem)
    issues.partitionKey = fromProblem(keyProblem, {
      length: keyLength,
      limit: limit.maxKeyLength,
      unit: limit.keyUnit,
    });

  const hashProblem = validateExplicitHashKey(draft.explicitHashKey.trim());
  if (hashProblem) issues.explicitHashKey = fromProblem(hashProblem);

  let size: number | null = null;
  const encoded = encodePayload(draft.payloadMode, draft.payloadText);
  if (!encoded.ok) {
    issues.payload = fromProblem(encoded.problem, payloadParams(encoded.problem, draft.payloadText));
  } else {
    size = recordSize(draft.partitionKey, encoded.bytes);
    const sizeProblem = validateRecordSize(draft.partitionKey, encoded.bytes, family, maxRecordBytes);
    if (sizeProblem)
      issues.payload = fromProblem(sizeProblem, {
        size,
        limit: maxRecordBytes,
        over: size - maxRecordBytes,
        ...(sizeProblem.reason === 'recordTooLargeForStream' ? { largest: limit.largestRecordBytes } : {}),
      });
  }
  const streamLimit = streamMaxRecordBytes !== undefined && limit.largestRecordBytes > limit.maxRecordBytes;
  return { issues: { ...issues, ...missing }, streamName, family, maxRecordBytes, streamLimit, keyLength, size };
}

function fromProblem(p: Problem, params?: Issue['params']): Issue {
  return { code: p.code, message: p.message, ...(params ? { params } : {}) };
}

/** Where the payload went wrong, for a message in the user's language. */
function payloadParams(p: Problem, text: string): Issue['params'] {
  if (p.code === 'INVALID_JSON') {
    const detail = p.message.replace(/^Invalid JSON[^:]*: /, '');
    if (p.at === undefined) return { detail };
    const before = text.slice(0, p.at);
    return { detail, line: before.split('\n').length, column: p.at - before.lastIndexOf('\n') };
  }
  const bad = /unexpected character '(.*)' at (\d+)/.exec(p.message);
  if (bad) return { reason: 'character', char: bad[1], position: Number(bad[2]) };
  if (/odd number/.test(p.message)) return { reason: 'odd' };
  return { reason: 'length' };
}
