// What a connection has told us it does not implement. YDS answers ListShards and
// DescribeStreamSummary with "not supported"; asking again on every open fills the user's service
// monitoring with errors, so the first refusal is remembered and later calls go straight to the
// fallback. Kept per client: the sender builds a new client for a profile whenever its connection
// settings change (an edit, a restart), so a changed endpoint is asked afresh.

/** Calls that have a fallback when an endpoint does not implement them. */
export type OptionalCall = 'ListShards' | 'DescribeStreamSummary';

const unsupported = new WeakMap<object, Set<OptionalCall>>();

/** Names endpoints answer with when they do not implement an action. */
const NOT_IMPLEMENTED = new Set(['InvalidAction', 'UnknownOperation', 'UnknownOperationException', 'UnsupportedOperation', 'UnsupportedOperationException']);

export function isNotImplemented(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  if (!e || !e.name || !NOT_IMPLEMENTED.has(e.name)) return false;
  const status = e.$metadata?.httpStatusCode;
  return status === undefined || status === 400 || status === 501;
}

/**
 * `call`, unless this connection said before that it does not implement it; then, or when it says
 * so now, `fallback` — quietly: a missing optional call is not a failure the user should see.
 */
export async function withFallback<T>(connection: object, name: OptionalCall, call: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
  if (unsupported.get(connection)?.has(name)) return fallback();
  try {
    return await call();
  } catch (error) {
    if (!isNotImplemented(error)) throw error;
    const known = unsupported.get(connection) ?? new Set<OptionalCall>();
    known.add(name);
    unsupported.set(connection, known);
    return fallback();
  }
}
