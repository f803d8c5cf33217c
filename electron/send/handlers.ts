// The single-record send of the handler table: send, cancel, and refusing new sends on quit.
// Each send lands in history whatever its outcome.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { HistoryEntry, Implementations, OperationOutput, Operations } from '../contract';
import { createCancellation } from '../cancellation';
import { resolveEnvironment } from '../environments/resolve';
import type { HandlerDeps } from '../handler-deps';
import { resolveEndpoint, resolveEndpointNow } from '../kinesis/connection';
import { profileOrThrow } from '../profiles/lookup';
import { ServiceError } from '../services';
import { streamMaxRecordBytesOf } from '../streams/max-record';
import { prepareSend } from './prepare';

export function createSendHandlers(
  deps: Pick<HandlerDeps, 'profiles' | 'history' | 'sender' | 'sandbox' | 'environments'>,
): {
  handlers: Implementations<'sendRecord' | 'cancelSend'>;
  /**
   * For quitting: refuses new sends, cancels those in flight and resolves once each has answered
   * and queued its history entry, so clients, history and sandbox can then be closed under none.
   */
  stopSending(): Promise<void>;
} {
  const { profiles, history, sender, sandbox } = deps;
  const inFlight = new Map<string, { cancel(): void }>();
  /**
   * Sends between their start and their answer, counted rather than held as promises: a reaction
   * on each send's promise would run, in the send's own time, before the caller had its answer.
   */
  let sending = 0;
  let drained: Promise<void> | undefined;
  let onDrained: (() => void) | undefined;
  let closing = false;

  async function sendAndRecord(
    input: z.output<Operations['sendRecord']['input']>,
  ): Promise<OperationOutput<'sendRecord'>> {
    const profile = profileOrThrow(profiles, input.profileId);
    const prepared = await prepareSend(profile, input, (family, streamName) =>
      streamMaxRecordBytesOf(() => sender.clientFor(profile), family, streamName),
    );
    const controller = createCancellation();
    inFlight.set(input.requestId, controller);
    sending++;
    let endpoint: string;
    let sent;
    try {
      // Before the send, not after: once the app has quit, asking the sandbox would start it again.
      endpoint = (resolveEndpointNow(profile, sandbox) ?? (await resolveEndpoint(profile, sandbox))).shown;
      sent = await sender.send({
        profile,
        streamName: prepared.streamName,
        partitionKey: input.partitionKey,
        explicitHashKey: input.explicitHashKey || undefined,
        data: prepared.data,
        cancellation: controller.token,
      });
    } finally {
      inFlight.delete(input.requestId);
      // What is left of this send runs in this same turn, so its history entry is queued before
      // a waiting stopSending resumes.
      if (--sending === 0) onDrained?.();
    }
    // Node's own, not the Web Crypto global: measured in place, that wrapper doubled the id's cost.
    const id = randomUUID();
    const answeredAt = Date.now();
    // Made in the turn after the answer (history.append takes a maker): ~8 µs less per send. Any
    // read of the history finds the entry from now on; the answer waits for neither the index nor
    // the disk (a failed write becomes a notice, and close() flushes on quit).
    history
      .append((): HistoryEntry => ({
        id,
        time: new Date(answeredAt).toISOString(),
        profile: { id: profile.id, name: profile.name, kind: profile.kind, endpoint, region: profile.region },
        streamName: prepared.streamName,
        target: input.target,
        partitionKey: input.partitionKey,
        ...(input.explicitHashKey ? { explicitHashKey: input.explicitHashKey } : {}),
        payload: { mode: input.payload.mode, text: input.payload.text, size: prepared.data.length, truncated: false },
        result: sent.result,
        latencyMs: sent.latencyMs,
      }))
      .catch(() => {});
    profiles.select(profile.id);
    return { historyId: id, streamName: prepared.streamName, latencyMs: sent.latencyMs, result: sent.result };
  }

  return {
    handlers: {
      sendRecord: (input) => {
        if (closing) throw new ServiceError('appClosingSend', {});
        // `{{env.NAME}}` take their values first: a missing one stops the send before it starts.
        return sendAndRecord(resolveEnvironment(input, deps.environments.variables()));
      },
      cancelSend: ({ requestId }) => {
        const controller = inFlight.get(requestId);
        controller?.cancel();
        return { cancelled: controller !== undefined };
      },
    },
    stopSending() {
      closing = true;
      for (const controller of inFlight.values()) controller.cancel();
      if (sending === 0) return Promise.resolve();
      return (drained ??= new Promise<void>((resolve) => (onDrained = resolve)));
    },
  };
}
