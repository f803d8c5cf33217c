// What a connection has told us it does not implement. YDS answers ListShards and
// DescribeStreamSummary with "not supported"; asking again on every open fills the user's service
// monitoring with errors, so the first refusal is remembered and later calls go straight to the
// fallback. Kept per client: the sender builds a new client for a profile whenever its connection
// settings change (an edit, a restart), so a changed endpoint is asked afresh.

/** Calls that have a fallback when an endpoint does not implement them (or, for consumers, an explanation). */
export type OptionalCall = 'ListShards' | 'DescribeStreamSummary' | 'ListStreamConsumers';

/** Per connection, per call: whether it is implemented (true), as soon as the first ask is answered. */
const answers = new WeakMap<object, Map<OptionalCall, Promise<boolean>>>();

/** Names endpoints answer with when they do not implement an action. */
const NOT_IMPLEMENTED = new Set([
  'InvalidAction',
  'UnknownOperation',
  'UnknownOperationException',
  'UnsupportedOperation',
  'UnsupportedOperationException',
]);

/**
 * Whether the endpoint refused the call itself rather than the request: an action it does not
 * implement, or (YDS) a key it does not know, such as the StreamARN every consumer call needs.
 */
export function isNotImplemented(error: unknown): boolean {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | null;
  if (!e || !e.name) return false;
  if (e.name === 'InvalidArgumentException' && /Unexpected json key/i.test(e.message ?? '')) return true;
  if (!NOT_IMPLEMENTED.has(e.name)) return false;
  const status = e.$metadata?.httpStatusCode;
  return status === undefined || status === 400 || status === 501;
}

/**
 * `call`, unless this connection said before that it does not implement it; then, or when it says
 * so now, `fallback` — quietly: a missing optional call is not a failure the user should see.
 * While the first ask is out, other callers on the connection wait for its answer rather than
 * asking too (a stream list describes several streams at once).
 */
export async function withFallback<T>(
  connection: object,
  name: OptionalCall,
  call: () => Promise<T>,
  fallback: () => Promise<T>,
): Promise<T> {
  let calls = answers.get(connection);
  if (!calls) answers.set(connection, (calls = new Map<OptionalCall, Promise<boolean>>()));
  const earlier = calls.get(name);
  if (earlier && !(await earlier)) return fallback();
  let learn = (_implemented: boolean) => {};
  if (!earlier) calls.set(name, new Promise<boolean>((resolve) => (learn = resolve)));
  try {
    const out = await call();
    learn(true);
    return out;
  } catch (error) {
    // Any other failure (no such stream, no network) says nothing against the call: the waiting
    // callers ask for themselves.
    if (!isNotImplemented(error)) {
      learn(true);
      throw error;
    }
    calls.set(name, Promise.resolve(false));
    learn(false);
    return fallback();
  }
}

/** Whether the connection is known not to implement the call, so its fallback is what answered. */
export async function lacks(connection: object, name: OptionalCall): Promise<boolean> {
  const known = answers.get(connection)?.get(name);
  return known !== undefined && !(await known);
}

/**
 * What a probe (probe.ts) learned about a call: later calls on the connection then go straight to
 * the fallback, or ask as before, without a first refusal of their own.
 */
export function remember(connection: object, name: OptionalCall, implemented: boolean): void {
  let calls = answers.get(connection);
  if (!calls) answers.set(connection, (calls = new Map<OptionalCall, Promise<boolean>>()));
  calls.set(name, Promise.resolve(implemented));
}
