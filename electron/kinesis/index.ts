// The send path: one cached KinesisClient per profile, PutRecord, and every outcome turned into
// data (SendResult) with a hint in plain words. send() never throws.
import { PutRecordCommand, type KinesisClient, type PutRecordCommandOutput } from '@aws-sdk/client-kinesis';
import type { SendResponse, SendResult } from '../contract';
import { isYdsStreamName } from '../shared/addressing';
import type { RecordSender, SendRequest, StoredProfile } from '../services';
import { buildClient, endpointOf, fingerprintOf, type BuiltClient, type ConnectionDeps } from './connection';
import { describeFailure } from './errors';

export { LOCAL_CREDENTIALS } from './connection';
export { HINTS, type HintCode } from './errors';

export type RecordSenderOptions = ConnectionDeps;

export interface KinesisRecordSender extends RecordSender {
  /** The client send() uses for this profile (built on first use, rebuilt when its settings change). */
  clientFor(profile: StoredProfile): Promise<KinesisClient>;
}

export function createRecordSender(opts: RecordSenderOptions): KinesisRecordSender {
  const clients = new Map<string, { fingerprint: string; built: Promise<BuiltClient> }>();

  const forget = (profileId: string) => {
    const entry = clients.get(profileId);
    clients.delete(profileId);
    entry?.built.then((c) => c.client.destroy(), () => {});
  };

  // The profile store hands out the same object until the profile changes, so the hash of its
  // settings is computed once per version of a profile, not once per send.
  const fingerprints = new WeakMap<StoredProfile, { endpoint: string | undefined; fingerprint: string }>();

  async function clientOf(profile: StoredProfile): Promise<BuiltClient> {
    const endpoint = await endpointOf(profile, opts.sandbox);
    let known = fingerprints.get(profile);
    if (!known || known.endpoint !== endpoint) {
      known = { endpoint, fingerprint: fingerprintOf(profile, endpoint) };
      fingerprints.set(profile, known);
    }
    const { fingerprint } = known;
    const cached = clients.get(profile.id);
    if (cached?.fingerprint === fingerprint) return cached.built;
    if (cached) forget(profile.id);
    const entry = { fingerprint, built: buildClient(profile, endpoint, opts) };
    clients.set(profile.id, entry);
    // A failed build (no secret stored yet, say) must not stick: the next send tries again.
    entry.built.catch(() => clients.get(profile.id) === entry && clients.delete(profile.id));
    return entry.built;
  }

  async function send(req: SendRequest): Promise<{ result: SendResult; latencyMs: number }> {
    const { profile, signal } = req;
    let known: Pick<BuiltClient, 'secret' | 'accessKeyId'> = { secret: '', accessKeyId: '' };
    let started = performance.now();
    try {
      // Building a client can take a while (the sandbox's first start, decrypting the secret): a
      // cancel meanwhile answers at once, and the record is then never sent.
      const c = await untilAborted(() => clientOf(profile), signal);
      known = c;
      const command = new PutRecordCommand({
        // StreamName only: YDS rejects keys it does not know, StreamARN included.
        StreamName: req.streamName,
        Data: req.data,
        PartitionKey: req.partitionKey,
        ...(req.explicitHashKey ? { ExplicitHashKey: req.explicitHashKey } : {}),
      });
      started = performance.now();
      const out = await untilAborted(() => c.client.send(command), signal);
      return { result: { ok: true, response: responseOf(out) }, latencyMs: round(performance.now() - started) };
    } catch (error) {
      const failure = describeFailure(error, {
        family: profile.kind === 'yds' || isYdsStreamName(req.streamName) ? 'yds' : 'aws',
        timeoutMs: profile.timeoutMs,
        aborted: signal.aborted,
        redact: [known.secret],
        accessKeyIds: [known.accessKeyId],
      });
      return { result: { ok: false, error: failure }, latencyMs: round(performance.now() - started) };
    }
  }

  return {
    send,
    clientFor: async (profile) => (await clientOf(profile)).client,
    forget,
    close() {
      for (const id of [...clients.keys()]) forget(id);
    },
  };
}

/**
 * Runs the work unless the signal has fired already, and answers as soon as it fires. The work
 * itself is left to finish or time out on its own: handing the signal to the SDK costs every send
 * about 6% (npm run bench), and a record that has left cannot be called back either way — the
 * CANCELLED hint says it may have been written.
 */
function untilAborted<T>(work: () => Promise<T>, signal: AbortSignal): Promise<T> {
  const aborted = () => Object.assign(new Error('aborted'), { name: 'AbortError' });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    work().then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

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
