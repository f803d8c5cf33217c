// What the composer holds, and how it turns into the contract's ComposedRequest. The target is
// kept as separate YDS parts and a plain name so switching profiles never loses what was typed.
import type { ComposedRequest, ProfileKind, ProfileView, Target } from '../../../electron/contract';
import { parseYdsPath, targetStreamName } from '../../../electron/shared/addressing';
import type { PayloadMode } from '../../../electron/shared/limits';

export interface Draft {
  cloudId: string;
  databaseId: string;
  stream: string;
  streamName: string;
  partitionKey: string;
  explicitHashKey: string;
  payloadMode: PayloadMode;
  payloadText: string;
}

export const SANDBOX_DEFAULT_STREAM = 'example-stream';

export const initialDraft: Draft = {
  cloudId: '',
  databaseId: '',
  stream: '',
  streamName: '',
  partitionKey: '',
  explicitHashKey: '',
  payloadMode: 'json',
  payloadText: '{\n  "message": "hello"\n}',
};

/** The target fields a freshly selected profile starts with; key and payload are kept. */
export function withProfileDefaults(draft: Draft, profile: ProfileView): Draft {
  return {
    ...draft,
    cloudId: profile.kind === 'yds' ? profile.ydsCloudId : '',
    databaseId: profile.kind === 'yds' ? profile.ydsDatabaseId : '',
    stream: '',
    streamName: profile.kind === 'sandbox' ? SANDBOX_DEFAULT_STREAM : '',
  };
}

export function targetOf(kind: ProfileKind, draft: Draft): Target {
  return kind === 'yds'
    ? { type: 'yds', cloudId: draft.cloudId.trim(), databaseId: draft.databaseId.trim(), stream: draft.stream.trim() }
    : { type: 'name', streamName: draft.streamName.trim() };
}

export function streamNameOf(kind: ProfileKind, draft: Draft): string {
  return targetStreamName(targetOf(kind, draft));
}

export function toRequest(profileId: string, kind: ProfileKind, draft: Draft): ComposedRequest {
  return {
    profileId,
    target: targetOf(kind, draft),
    partitionKey: draft.partitionKey,
    ...(draft.explicitHashKey.trim() ? { explicitHashKey: draft.explicitHashKey.trim() } : {}),
    payload: { mode: draft.payloadMode, text: draft.payloadText },
  };
}

/** A history payload kept only in part: `text` holds the first `kept` of its `size` bytes. */
export interface TruncatedLoad {
  text: string;
  kept: number;
  size: number;
}

/** A history entry (or a saved request: the same fields) back in the composer, its target fitted to the kind of profile it lands on. */
export function draftFromHistory(entry: Omit<ComposedRequest, 'profileId'>, kind: ProfileKind, current: Draft): Draft {
  const base: Draft = {
    ...current,
    partitionKey: entry.partitionKey,
    explicitHashKey: entry.explicitHashKey ?? '',
    payloadMode: entry.payload.mode,
    payloadText: entry.payload.text,
  };
  return withTarget(base, entry.target, kind);
}

/** The draft aimed at `target`, fitted to the kind of profile it lands on. */
export function withTarget(base: Draft, target: Target, kind: ProfileKind): Draft {
  if (kind === 'yds') {
    if (target.type === 'yds')
      return { ...base, cloudId: target.cloudId, databaseId: target.databaseId, stream: target.stream };
    const parsed = parseYdsPath(target.streamName);
    return parsed
      ? { ...base, cloudId: parsed.cloudId, databaseId: parsed.databaseId, stream: parsed.stream }
      : { ...base, stream: target.streamName };
  }
  return { ...base, streamName: targetStreamName(target) };
}
