// The messages between main and a worker (both sides import this file).
import type { ServiceError } from '../services';

export type TaskRequest = { id: number; name: string; input: unknown };

export type TaskFailure =
  | { service: true; code: ServiceError['code']; message: string; hint?: string; field?: string }
  | { service: false; message: string };

export type TaskReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: TaskFailure };
