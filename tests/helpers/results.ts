// Unwrapping the handler table's Result answers in tests.
import type { ProfileView, Result } from '../../electron/contract';
import type { HandlerTable } from '../../electron/handlers';
import { englishOf } from '../../electron/messages';
import type { ReasonWithParams } from '../../electron/shared/reasons';

export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function sandboxProfileOf(handlers: HandlerTable): Promise<ProfileView> {
  return value(await handlers.listProfiles({})).profiles.find((p) => p.kind === 'sandbox')!;
}

/** Creates a stream in the sandbox through the same operation the "New stream" dialog uses. */
export async function createSandboxStream(
  handlers: HandlerTable,
  streamName: string,
  shardCount: number,
): Promise<void> {
  const sandbox = await sandboxProfileOf(handlers);
  value(await handlers.createStream({ profileId: sandbox.id, target: { type: 'name', streamName }, shardCount }));
}

/** A bad batch line as main's English words it (for its log). */
export const englishLine = (e: { line: number } & ReasonWithParams) => ({ line: e.line, reason: englishOf(e) });
