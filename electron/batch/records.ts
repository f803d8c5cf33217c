// Rows plus a key picker become records ready to send, each problem named by its source line.

import { encodePayload, validateRecordSize, type LimitFamily, type PayloadMode } from '../shared/limits';
import { reasonOnly, type ReasonWithParams } from '../shared/reasons';
import type { KeyPicker } from './keys';
import { parseJsonWithPosition } from './text';
import type { BatchError, BatchRow } from './types';

/** Structurally an OutgoingRecord (electron/load/types.ts) plus the source line. */
export type BatchRecord = { line: number; partitionKey: string; data: Uint8Array };

/**
 * Each row is checked in full, so one row can yield a key error and a payload error. A row with
 * any error yields no record; rows keep their order, and the picker sees each row's position.
 */
export function toRecords(
  rows: BatchRow[],
  picker: KeyPicker,
  family: LimitFamily,
  payloadMode: PayloadMode,
  /** The stream's own maximum record size (streamMaxRecordBytes); the family's 1 MiB when not given. */
  maxRecordBytes?: number,
): { records: BatchRecord[]; errors: BatchError[] } {
  const records: BatchRecord[] = [];
  const errors: BatchError[] = [];
  rows.forEach((row, index) => {
    const picked = picker(row, index);
    if (!picked.ok) errors.push(problemAt(row.line, picked));
    const data = encodeRow(row, payloadMode);
    if (!data.ok) errors.push(problemAt(row.line, data.problem));
    if (!picked.ok || !data.ok) return;
    const tooLarge = validateRecordSize(picked.key, data.bytes, family, maxRecordBytes);
    if (tooLarge) errors.push(problemAt(row.line, tooLarge));
    else records.push({ line: row.line, partitionKey: picked.key, data: data.bytes });
  });
  return { records, errors };
}

/** Only the reason of a problem, at its line: a shared rule's problem also carries English and a field. */
const problemAt = (line: number, problem: ReasonWithParams): BatchError => ({ line, ...reasonOnly(problem) });

const encoder = new TextEncoder();

function encodeRow(
  row: BatchRow,
  mode: PayloadMode,
): { ok: true; bytes: Uint8Array } | { ok: false; problem: ReasonWithParams } {
  if (mode === 'json') {
    // Parsed rows are known JSON; others get a position relative to the payload, not "line 1" of it.
    if (row.value !== undefined) return { ok: true, bytes: encoder.encode(row.payload) };
    const parsed = parseJsonWithPosition(row.payload);
    return parsed.ok ? { ok: true, bytes: encoder.encode(row.payload) } : { ok: false, problem: parsed.problem };
  }
  const encoded = encodePayload(mode, row.payload);
  return encoded.ok ? encoded : { ok: false, problem: encoded.problem };
}
