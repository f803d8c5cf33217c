// The messages between main and a worker (both sides import this file).
import type { HintCode, Reason } from '../shared/reasons';

export type TaskRequest = { id: number; name: string; input: unknown };

export type TaskFailure =
  | { service: true; reason: Reason; params: Record<string, string | number>; hint?: HintCode; field?: string }
  | { service: false; message: string };

export type TaskReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: TaskFailure };

/** The buffer under `bytes`, to move to the other side instead of copying, when `bytes` is all of it. */
export function transferable(bytes: Uint8Array): ArrayBuffer[] {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    ? [bytes.buffer]
    : [];
}
