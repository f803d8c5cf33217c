// The send path: one cached KinesisClient per profile, PutRecord, and every outcome turned into
// data (SendResult) with a hint in plain words. send() never throws.
import { PutRecordCommand, type KinesisClient, type PutRecordCommandOutput } from '@aws-sdk/client-kinesis';
import type { SendResponse, SendResult } from '../contract';
import { limitFamilyOf } from '../shared/limits';
import type { RecordSender, SendRequest, StoredProfile } from '../services';
import { buildClient, endpointOf, fingerprintOf, type BuiltClient, type ConnectionDeps } from './connection';
import type { Cancellation } from '../cancellation';
import { describeFailure } from './errors';

export { LOCAL_CREDENTIALS } from './connection';
export { HINTS, type HintCode } from './errors';

export type RecordSenderOptions = ConnectionDeps;

export interface KinesisRecordSender extends RecordSender {
  /** The client send() uses for this profile (built on first use, rebuilt when its settings change). */
  clientFor(profile: StoredProfile): Promise<KinesisClient>;
}

interface ClientEntry {
  fingerprint: string;
  built: Promise<BuiltClient>;
  /** The client once built: a send then calls it without waiting a turn for `built`. */
  ready?: BuiltClient;
}

export function createRecordSender(opts: RecordSenderOptions): KinesisRecordSender {
  const clients = new Map<string, ClientEntry>();

  const forget = (profileId: string) => {
    const entry = clients.get(profileId);
    clients.delete(profileId);
    entry?.built.then(
      (c) => c.client.destroy(),
      () => {},
    );
  };

  // The profile store hands out the same object until the profile changes, so a version of a
  // profile finds its client without hashing or awaiting anything; the fingerprint decides only
  // when a new version appears (an edit, a restart).
  const byVersion = new WeakMap<StoredProfile, ClientEntry>();

  function clientOf(profile: StoredProfile): Promise<BuiltClient> {
    const known = byVersion.get(profile);
    return known && clients.get(profile.id) === known ? known.built : findOrBuild(profile);
  }

  /** The profile's client if it is built and current, else undefined (see clientOf). */
  function readyClientOf(profile: StoredProfile): BuiltClient | undefined {
    const known = byVersion.get(profile);
    return known && clients.get(profile.id) === known ? known.ready : undefined;
  }

  async function findOrBuild(profile: StoredProfile): Promise<BuiltClient> {
    const endpoint = await endpointOf(profile, opts.sandbox);
    const fingerprint = fingerprintOf(profile, endpoint);
    let entry = clients.get(profile.id);
    if (entry?.fingerprint !== fingerprint) {
      if (entry) forget(profile.id);
      const fresh: ClientEntry = { fingerprint, built: buildClient(profile, endpoint, opts) };
      fresh.built.then(
        (c) => (fresh.ready = c),
        () => {},
      );
      clients.set(profile.id, fresh);
      // A failed build (no secret stored yet, say) must not stick: the next send tries again.
      fresh.built.catch(() => clients.get(profile.id) === fresh && clients.delete(profile.id));
      entry = fresh;
    }
    byVersion.set(profile, entry);
    return entry.built;
  }

  async function send(req: SendRequest): Promise<{ result: SendResult; latencyMs: number }> {
    const { profile, cancellation } = req;
    const attempt: Attempt = { accessKeyId: '', started: performance.now(), called: false };
    try {
      // One wait covers building the client (the sandbox's first start, decrypting the secret) and
      // the call: a cancel answers at once, and a cancel before the call means it is never made.
      if (cancellation.cancelled) throw abortError();
      // A built client is called in this very turn; each await on the way costs the send ~1-3 µs.
      const ready = readyClientOf(profile);
      const out = await untilCancelled(
        ready ? call(ready, req, attempt) : clientOf(profile).then((c) => call(c, req, attempt)),
        cancellation,
      );
      return {
        result: { ok: true, response: responseOf(out) },
        latencyMs: round(performance.now() - attempt.started),
      };
    } catch (error) {
      const failure = describeFailure(error, {
        family: limitFamilyOf(profile.kind, req.streamName),
        timeoutMs: profile.timeoutMs,
        ...(attempt.called ? { elapsedMs: performance.now() - attempt.started } : {}),
        aborted: cancellation.cancelled && (attempt.called ? 'inFlight' : 'beforeCall'),
        redact: opts.redactor.text,
        accessKeyIds: [attempt.accessKeyId],
      });
      return { result: { ok: false, error: failure }, latencyMs: round(performance.now() - attempt.started) };
    }
  }

  return {
    send,
    clientFor: async (profile) => (await clientOf(profile)).client,
    // Not cached: a run owns its client and destroys it when it ends.
    loadClientFor: async (profile) =>
      buildClient({ ...profile, maxAttempts: 1 }, await endpointOf(profile, opts.sandbox), opts),
    forget,
    close() {
      for (const id of [...clients.keys()]) forget(id);
    },
  };
}

/** What a send learns on its way to the call, for describing a failure. */
interface Attempt {
  accessKeyId: string;
  /** When the call was made (until then, when the send started). */
  started: number;
  called: boolean;
}

/**
 * Makes the call unless the send was cancelled meanwhile (while its client was being built).
 * A function of the module, not a closure per send: each closure made in the send's path costs it.
 */
function call(c: BuiltClient, req: SendRequest, attempt: Attempt): Promise<PutRecordCommandOutput> {
  attempt.accessKeyId = c.accessKeyId;
  if (req.cancellation.cancelled) throw abortError();
  attempt.started = performance.now();
  attempt.called = true;
  return c.client.send(
    new PutRecordCommand({
      // StreamName only: YDS rejects keys it does not know, StreamARN included.
      StreamName: req.streamName,
      Data: req.data,
      PartitionKey: req.partitionKey,
      ...(req.explicitHashKey ? { ExplicitHashKey: req.explicitHashKey } : {}),
    }),
  );
}

/**
 * The work's answer, or a rejection as soon as the send is cancelled. The work itself is left to
 * finish or time out on its own: handing an abort signal to the SDK costs every send about 6%
 * (npm run bench), and a record that has left cannot be called back either way — the CANCELLED
 * hint says it may have been written.
 */
function untilCancelled<T>(work: Promise<T>, cancellation: Cancellation): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    cancellation.onCancel(() => reject(abortError()));
    work.then(resolve, reject);
  });
}

const abortError = () => Object.assign(new Error('aborted'), { name: 'AbortError' });

const round = (ms: number) => Math.round(ms * 10) / 10;

function responseOf(out: PutRecordCommandOutput): SendResponse {
  const meta = out.$metadata;
  return {
    shardId: out.ShardId ?? '',
    sequenceNumber: out.SequenceNumber ?? '',
    encryptionType: out.EncryptionType ?? null,
    httpStatus: meta.httpStatusCode ?? null,
    requestId: meta.requestId ?? null,
    attempts: meta.attempts ?? 1,
    totalRetryDelayMs: meta.totalRetryDelay ?? 0,
  };
}
