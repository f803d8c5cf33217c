// The stream operations of the handler table: the sandbox's status, creating, listing and
// describing streams, reading a sent record back, and tails. Each failure is named as a send's
// would be, with a hint and no secret.
import type { Implementations } from '../contract';
import type { HandlerDeps } from '../handler-deps';
import { lacks } from '../kinesis/capabilities';
import { regionOf } from '../kinesis/connection';
import { describeFailure } from '../kinesis/errors';
import { profileOrThrow } from '../profiles/lookup';
import { isValidAwsStreamName, parseYdsPath, targetStreamName } from '../shared/addressing';
import { LIMITS, limitFamilyOf, streamMaxRecordBytes } from '../shared/limits';
import { ServiceError, type StoredProfile } from '../services';
import type { HintCode } from '../shared/reasons';
import { describeShards } from '.';
import { listConsumers } from './consumers';
import { createStream } from './create';
import { listStreams } from './list';
import { maxRecordSizeKiBOf } from './max-record';
import { readBackEntry } from './read-back';
import { createTails } from './tail';

type StreamOp =
  | 'getSandboxStatus'
  | 'createStream'
  | 'describeStream'
  | 'describeStreamDetails'
  | 'listStreams'
  | 'readBack'
  | 'startTail'
  | 'setTailPaused'
  | 'stopTail'
  | 'listStreamConsumers';

export function createStreamHandlers(
  deps: Pick<HandlerDeps, 'profiles' | 'history' | 'sender' | 'sandbox' | 'redactor' | 'emit'>,
): {
  handlers: Implementations<StreamOp>;
  /** For quitting: stops every tail and resolves once none reads any more. */
  stopTails(): Promise<void>;
} {
  const { profiles, history, sender, sandbox, redactor } = deps;
  const failureOf = (error: unknown, profile: StoredProfile, streamName: string, elapsedMs?: number) =>
    describeFailure(error, {
      family: limitFamilyOf(profile.kind, streamName),
      timeoutMs: profile.timeoutMs,
      ...(elapsedMs === undefined ? {} : { elapsedMs }),
      aborted: false,
      redact: redactor.text,
      accessKeyIds: [profile.credentials.accessKeyId],
    });
  /** A failure of a call that reads a stream's shape, as the user should see it: named, with a hint, no secret. */
  const rejection = (error: unknown, profile: StoredProfile, streamName: string, elapsedMs?: number): ServiceError => {
    const failure = failureOf(error, profile, streamName, elapsedMs);
    return new ServiceError(
      'callFailed',
      { name: failure.name, message: failure.message },
      { hint: failure.hintCode as HintCode },
    );
  };
  const tails = createTails((event) => deps.emit('tail', event));

  const handlers: Implementations<StreamOp> = {
    getSandboxStatus: () => sandbox.status(),
    createStream: async ({ profileId, target, shardCount, maxRecordSizeKiB }) => {
      const profile = profileOrThrow(profiles, profileId);
      const streamName = targetStreamName(target);
      // 1 MiB is every stream's maximum unless raised: asked for, it is the same as not asking.
      const raised = maxRecordSizeKiB !== undefined && maxRecordSizeKiB * 1024 > LIMITS.aws.maxRecordBytes;
      if (raised && limitFamilyOf(profile.kind, streamName) === 'yds')
        throw new ServiceError('largeRecordsNotOnYds', {}, { field: 'maxRecordSizeKiB' });
      if (profile.kind === 'sandbox' && raised) {
        // Through the sandbox's front, which keeps the stream's maximum (kinesalite knows none).
        await createStream(await sender.clientFor(profile), streamName, shardCount, { maxRecordSizeKiB });
        return { streamName, status: 'ACTIVE', sandbox: await sandbox.status() };
      }
      if (profile.kind === 'sandbox') {
        const status = await sandbox.createStream(streamName, shardCount);
        return { streamName, status: 'ACTIVE', sandbox: status };
      }
      const name = target.type === 'yds' ? target.stream : streamName;
      if (!isValidAwsStreamName(name) && !(target.type === 'name' && parseYdsPath(name))) {
        throw new ServiceError(
          'streamNameInvalid',
          { name },
          target.type === 'yds'
            ? { hint: 'streamNameRulesAws', field: 'target.stream' }
            : { hint: 'streamNameRules', field: 'target.streamName' },
        );
      }
      try {
        return {
          ...(await createStream(await sender.clientFor(profile), streamName, shardCount, {
            ...(raised ? { maxRecordSizeKiB } : {}),
          })),
          sandbox: null,
        };
      } catch (error) {
        throw rejection(error, profile, streamName);
      }
    },

    describeStream: async ({ profileId, target }) => {
      const profile = profileOrThrow(profiles, profileId);
      const streamName = targetStreamName(target);
      const started = performance.now();
      try {
        const client = await sender.clientFor(profile);
        const family = limitFamilyOf(profile.kind, streamName);
        const [shards, kib] = await Promise.all([
          describeShards(client, streamName),
          // YDS takes 1 MiB whatever it says; elsewhere a stream that cannot say takes 1 MiB too.
          LIMITS[family].largestRecordBytes > LIMITS[family].maxRecordBytes
            ? maxRecordSizeKiBOf(client, streamName).catch(() => null)
            : null,
        ]);
        return {
          streamName,
          maxRecordBytes: kib === null ? null : streamMaxRecordBytes(family, kib),
          shards: shards
            .filter((s) => s.open)
            .map(({ shardId, startingHashKey, endingHashKey }) => ({ shardId, startingHashKey, endingHashKey })),
        };
      } catch (error) {
        throw rejection(error, profile, streamName, performance.now() - started);
      }
    },

    describeStreamDetails: async ({ profileId, target }) => {
      const profile = profileOrThrow(profiles, profileId);
      const streamName = targetStreamName(target);
      const started = performance.now();
      try {
        const client = await sender.clientFor(profile);
        const shards = await describeShards(client, streamName);
        return { streamName, shards, shardsFromDescribeStream: await lacks(client, 'ListShards') };
      } catch (error) {
        throw rejection(error, profile, streamName, performance.now() - started);
      }
    },

    listStreams: async ({ profileId, cloudId, databaseId }) => {
      const profile = profileOrThrow(profiles, profileId);
      const cloud = cloudId || profile.ydsCloudId;
      const database = databaseId || profile.ydsDatabaseId;
      const scope = cloud && database ? { cloudId: cloud, databaseId: database } : null;
      const started = performance.now();
      try {
        const client = await sender.clientFor(profile);
        const streams = await listStreams(client, scope);
        return { streams, summaryFromDescribeStream: await lacks(client, 'DescribeStreamSummary') };
      } catch (error) {
        throw rejection(error, profile, '', performance.now() - started);
      }
    },

    readBack: ({ historyId }) => {
      const entry = history.get(historyId);
      if (!entry) throw new ServiceError('historyEntryNotFound', { id: historyId });
      if (entry.run) throw new ServiceError('readBackOfRun', {}, { hint: 'runResultsFile' });
      const profile = profiles.get(entry.profile.id);
      if (!profile) {
        throw new ServiceError('entryProfileGone', { name: entry.profile.name }, { hint: 'readBackOwnProfile' });
      }
      return readBackEntry(entry, profile, () => sender.clientFor(profile), redactor.text);
    },

    startTail: async ({ profileId, target, from, timestamp }) => {
      const profile = profileOrThrow(profiles, profileId);
      const streamName = targetStreamName(target);
      let client;
      try {
        client = await sender.clientFor(profile);
      } catch (error) {
        throw rejection(error, profile, streamName);
      }
      const started = await tails.start({
        client,
        streamName,
        from,
        ...(timestamp ? { timestamp: new Date(timestamp) } : {}),
        describe: (error) => failureOf(error, profile, streamName),
      });
      return { ...started, shardsFromDescribeStream: await lacks(client, 'ListShards') };
    },
    setTailPaused: ({ tailId, paused }) => ({ state: tails.setPaused(tailId, paused) }),
    stopTail: ({ tailId }) => ({ stopped: tails.stop(tailId) }),

    listStreamConsumers: async ({ profileId, target }) => {
      const profile = profileOrThrow(profiles, profileId);
      const streamName = targetStreamName(target);
      const started = performance.now();
      try {
        const consumers = await listConsumers(await sender.clientFor(profile), streamName, regionOf(profile));
        return { streamName, offered: consumers !== null, consumers: consumers ?? [] };
      } catch (error) {
        throw rejection(error, profile, streamName, performance.now() - started);
      }
    },
  };
  return { handlers, stopTails: () => tails.stopAll() };
}
