// Rows plus a key picker become records ready to send, each problem named by its source line.

import { encodePayload, validateRecordSize, type LimitFamily, type PayloadMode } from '../shared/limits';
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
): { records: BatchRecord[]; errors: BatchError[] } {
  const records: BatchRecord[] = [];
  const errors: BatchError[] = [];
  rows.forEach((row, index) => {
    const picked = picker(row, index);
    if (!picked.ok) errors.push({ line: row.line, reason: picked.reason });
    const data = encodeRow(row, payloadMode);
    if (!data.ok) errors.push({ line: row.line, reason: data.reason });
    if (!picked.ok || !data.ok) return;
    const tooLarge = validateRecordSize(picked.key, data.bytes, family);
    if (tooLarge) errors.push({ line: row.line, reason: tooLarge.message });
    else records.push({ line: row.line, partitionKey: picked.key, data: data.bytes });
  });
  return { records, errors };
}

const encoder = new TextEncoder();

function encodeRow(row: BatchRow, mode: PayloadMode): { ok: true; bytes: Uint8Array } | { ok: false; reason: string } {
  if (mode === 'json') {
    // Parsed rows are known JSON; others get a position relative to the payload, not "line 1" of it.
    if (row.value !== undefined) return { ok: true, bytes: encoder.encode(row.payload) };
    const parsed = parseJsonWithPosition(row.payload);
    return parsed.ok ? { ok: true, bytes: encoder.encode(row.payload) } : { ok: false, reason: parsed.reason };
  }
  const encoded = encodePayload(mode, row.payload);
  return encoded.ok ? encoded : { ok: false, reason: encoded.problem.message };
}
