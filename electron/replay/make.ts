// A replay's records as the target gets them: each source record's key kept (strategy `row`) or
// made by one of the batch key strategies, and its payload kept or made by the transform, a
// template that reads the record's fields ({{record.data}}, {{record.json.user.id}}, …). Pure
// and structured-clonable: with a template it runs in a worker (electron/workers/tasks.ts).
import type { KeyStrategyInput, ReasonWithParams, ReplayRequest } from '../contract';
import { checkKeyStrategy, createKeyPicker, type KeyPicker } from '../batch/keys';
import { englishOf } from '../messages';
import { validatePartitionKey, validateRecordSize, type LimitFamily } from '../shared/limits';
import { reasonOnly } from '../shared/reasons';
import {
  compileTemplate,
  createTemplateRuntime,
  renderChecked,
  type CompiledTemplate,
  type SourceRecordFields,
  type TemplateError,
} from '../templates';
import type { SourceRecord } from './read';

export type ReplayMakerInput = {
  keys: KeyStrategyInput;
  transform: ReplayRequest['transform'];
  family: LimitFamily;
  /** The target stream's own maximum record size (streamMaxRecordBytes); the family's 1 MiB when not given. */
  maxRecordBytes?: number;
  seed: number;
};

/** A problem of the key strategy or a template, with the request field it is in. */
export type MakerProblem = ReasonWithParams & { field: string; line?: number; column?: number };

export type MadeReplayRecord = { ok: true; partitionKey: string; data: Uint8Array } | { ok: false; message: string };

export interface ReplayMaker {
  problem: MakerProblem | null;
  /** The records at positions from, from+1, … of the run. */
  make(from: number, records: SourceRecord[]): MadeReplayRecord[];
}

/** A template is involved: the maker belongs in a worker. */
export const usesTemplate = (input: Pick<ReplayMakerInput, 'keys' | 'transform'>) =>
  input.transform !== null || input.keys.type === 'template';

const encoder = new TextEncoder();
const lossy = new TextDecoder('utf-8');

export function openReplayMaker({ keys, transform, family, maxRecordBytes, seed }: ReplayMakerInput): ReplayMaker {
  const broken = (problem: MakerProblem): ReplayMaker => ({
    problem,
    make: () => {
      throw new Error(englishOf(problem));
    },
  });
  let payload: CompiledTemplate | null = null;
  if (transform) {
    const compiled = compileTemplate(transform.template, { mode: transform.mode, record: true });
    if (!compiled.ok) return broken(templateProblem(compiled.error, 'transform.template'));
    payload = compiled.template;
  }
  let picker: KeyPicker | null = null;
  if (keys.type !== 'row') {
    const strategy = checkKeyStrategy(keys, family);
    if (strategy) return broken({ ...reasonOnly(strategy.problem), field: 'keys' });
    let keyTemplate: CompiledTemplate | null = null;
    if (keys.type === 'template') {
      const compiled = compileTemplate(keys.template, { mode: 'text', record: true });
      if (!compiled.ok) return broken(templateProblem(compiled.error, 'keys.template'));
      keyTemplate = compiled.template;
    }
    picker = createKeyPicker(keys, {
      family,
      seed,
      renderTemplate: (_t, index) => keyTemplate!.render(runtime, index),
    });
  }
  // One runtime for the run: the key template and the transform read the same record.
  const runtime = createTemplateRuntime({ locale: 'en', seed });

  const makeOne = (index: number, r: SourceRecord): MadeReplayRecord => {
    const fields = fieldsOf(r);
    runtime.record = fields;
    let data = r.data;
    let text: string | null = null;
    if (payload) {
      const rendered = renderChecked(payload, runtime, index);
      if (!rendered.ok) return { ok: false, message: rendered.error.message };
      text = rendered.text;
      data = encoder.encode(text);
    }
    let key = r.partitionKey;
    if (picker) {
      const row = { line: 0, payload: text ?? fields.data, value: text === null ? fields.json() : jsonOf(text) };
      const picked = picker(row, index);
      if (!picked.ok) return { ok: false, message: `Record ${index + 1}: ${englishOf(reasonOnly(picked))}` };
      key = picked.key;
    } else {
      const bad = validatePartitionKey(key, family);
      if (bad) return { ok: false, message: `Record ${index + 1}: ${englishOf(reasonOnly(bad))}` };
    }
    const tooLarge = validateRecordSize(key, data, family, maxRecordBytes);
    if (tooLarge) return { ok: false, message: `Record ${index + 1}: ${englishOf(reasonOnly(tooLarge))}` };
    return { ok: true, partitionKey: key, data };
  };

  return {
    problem: null,
    make: (from, records) => records.map((r, k) => makeOne(from + k, r)),
  };
}

function fieldsOf(r: SourceRecord): SourceRecordFields {
  const data = lossy.decode(r.data);
  let parsed: { value: unknown } | null = null;
  return {
    data,
    key: r.partitionKey,
    sequenceNumber: r.sequenceNumber,
    shardId: r.shardId,
    arrival: r.arrival ?? '',
    json: () => (parsed ??= { value: jsonOf(data) }).value,
  };
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function templateProblem(error: TemplateError, field: string): MakerProblem {
  return { ...reasonOnly(error), field, line: error.line, column: error.column };
}
