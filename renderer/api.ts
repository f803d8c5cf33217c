// The typed window.composer (exposed by the preload, or by the test harness) and the one helper
// the UI uses to reach main. Domain failures come back as Result data; a rejected promise can only
// mean the bridge itself broke, and is turned into the same shape so callers handle one thing.
import type {
  ComposerApi,
  EventName,
  EventPayloads,
  EventSubject,
  OperationInput,
  OperationName,
  OperationOutput,
  Result,
} from '../electron/contract';

declare global {
  interface Window {
    composer?: ComposerApi;
  }
}

export function hasBridge(): boolean {
  return typeof window.composer === 'object' && window.composer !== null;
}

export async function call<K extends OperationName>(
  op: K,
  input: OperationInput<K>,
): Promise<Result<OperationOutput<K>>> {
  try {
    const method = window.composer![op] as (input: OperationInput<K>) => Promise<Result<OperationOutput<K>>>;
    return await method(input);
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** Listens to the events main pushes about one subject (a run's or tail's id; null for `history`); answers the unsubscribe. */
export function subscribe<E extends EventName>(
  event: E,
  subject: EventSubject<E>,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  return window.composer!.on(event, subject, listener);
}
