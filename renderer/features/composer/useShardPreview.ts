// The shards of the stream being composed for, fetched once per (profile, stream) and refetched when
// either changes; and which of them the current key (or explicit hash key) lands on. A stream that
// cannot be described gives no preview and no error: the send itself will say what is wrong.
import { useEffect, useEffectEvent, useState } from 'react';
import type { ProfileView } from '../../../electron/contract';
import { validateExplicitHashKey } from '../../../electron/shared/limits';
import type { ShardRange } from '../../../electron/shared/shards';
import { call } from '../../api';
import { targetOf, type Draft } from './draft';

/** The MD5 code is fetched with the first shards, not with the window: a preview needs both. */
const shardMath = () => import('../../../electron/shared/shards');
let math: Awaited<ReturnType<typeof shardMath>> | null = null;

/** Typing a stream name asks main once the user pauses, not at every character. */
const DEBOUNCE_MS = 300;

export interface ShardPreview {
  /** Open shards of the stream; empty when it could not be described (yet). */
  shards: ShardRange[];
  /** The shard the record would land on; null when there is no key to place. */
  target: ShardRange | null;
  /** The largest record the stream takes (its MaxRecordSizeInKiB); undefined until it is described, or when it does not say. */
  maxRecordBytes: number | undefined;
}

export function useShardPreview(profile: ProfileView, draft: Draft): ShardPreview {
  const target = targetOf(profile.kind, draft);
  const complete =
    target.type === 'yds' ? Boolean(target.cloudId && target.databaseId && target.stream) : Boolean(target.streamName);
  // Profile settings are in the key so an edited endpoint or region describes the stream again.
  const key = complete ? JSON.stringify([profile, target]) : '';
  const [described, setDescribed] = useState<{ key: string; shards: ShardRange[]; maxRecordBytes?: number }>({
    key: '',
    shards: [],
  });

  // Reads profile and target of the latest render; the effect runs again only when `key` changes,
  // since both are new objects at every render.
  const describe = useEffectEvent(() => call('describeStream', { profileId: profile.id, target }));

  useEffect(() => {
    if (!key) return;
    let current = true;
    const timer = setTimeout(() => {
      void Promise.all([describe(), shardMath()]).then(([r, loaded]) => {
        math = loaded;
        if (current)
          setDescribed(
            r.ok
              ? { key, shards: r.value.shards, maxRecordBytes: r.value.maxRecordBytes ?? undefined }
              : { key, shards: [] },
          );
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  const shards = described.key === key && math ? described.shards : [];
  const explicit = draft.explicitHashKey.trim();
  // An explicit hash key overrides the partition key; an invalid one places nothing.
  const hashKey = explicit
    ? validateExplicitHashKey(explicit)
      ? null
      : BigInt(explicit)
    : draft.partitionKey && math
      ? math.hashKeyOf(draft.partitionKey)
      : null;
  return {
    shards,
    target: hashKey === null || !math ? null : (math.shardFor(hashKey, shards) ?? null),
    maxRecordBytes: described.key === key ? described.maxRecordBytes : undefined,
  };
}
