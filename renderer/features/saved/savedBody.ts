// How a composed request becomes a saved body and back: the single-record composer's Draft, and
// the batch composer's BatchDraft (with the shared target). A saved batch runs through runInputOf
// (rows and templates; a file source keeps only its name and must be opened again).
import type { OperationInput, ProfileKind, SavedRequestBody } from '../../../electron/contract';
import { batchDraftFromRun, toBatchRequest, toPlan, type BatchDraft } from '../batch/batchDraft';
import { draftFromHistory, targetOf, toRequest, type Draft } from '../composer/draft';

export type SingleBody = Extract<SavedRequestBody, { kind: 'single' }>;
export type BatchBody = Extract<SavedRequestBody, { kind: 'batch' }>;

/** The single-record composer's draft as saved. */
export function toSavedBody(kind: ProfileKind, draft: Draft): SingleBody {
  const { profileId: _, ...request } = toRequest('', kind, draft);
  return { kind: 'single', ...request };
}

/** A saved single request back in the composer, its target fitted to the profile it opens with. */
export function applySaved(body: SingleBody, kind: ProfileKind, current: Draft): Draft {
  return draftFromHistory(body, kind, current);
}

/**
 * The batch composer's state as saved: its request (without the profile) and plan; an opened
 * file only by its name. Null with the reason when it cannot be saved as it is.
 */
export function toSavedBatchBody(
  kind: ProfileKind,
  draft: Draft,
  batch: BatchDraft,
): { body: BatchBody; problem: null } | { body: null; problem: 'noFile' | 'plan' } {
  const request = toBatchRequest('', targetOf(kind, draft), batch);
  const { plan } = toPlan(batch);
  if (!request) return { body: null, problem: 'noFile' };
  if (!plan) return { body: null, problem: 'plan' };
  const { source } = request;
  return {
    body: {
      kind: 'batch',
      target: request.target,
      source:
        source.type === 'file'
          ? {
              type: 'file',
              fileName: batch.file?.name ?? source.fileId,
              format: source.format,
              ...(source.csvPayloadColumn !== undefined ? { csvPayloadColumn: source.csvPayloadColumn } : {}),
              ...(source.csvTyped !== undefined ? { csvTyped: source.csvTyped } : {}),
            }
          : source,
      keys: request.keys,
      payloadMode: request.payloadMode,
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      plan,
    },
    problem: null,
  };
}

/** A saved batch back in the batch composer; a file source comes back as its name, to be opened again. */
export function batchDraftFromSaved(body: BatchBody, current: BatchDraft): BatchDraft {
  const { source } = body;
  return batchDraftFromRun(
    {
      // The history path takes a file request by id; a saved one has only the name, which is what
      // `sourceLabel` carries into `missingFile`.
      request: {
        profileId: '',
        target: body.target,
        source:
          source.type === 'file'
            ? {
                type: 'file',
                fileId: source.fileName,
                format: source.format,
                csvPayloadColumn: source.csvPayloadColumn,
                csvTyped: source.csvTyped,
              }
            : source,
        keys: body.keys,
        payloadMode: body.payloadMode,
        seed: body.seed,
      },
      plan: body.plan,
      sourceLabel: source.type === 'file' ? source.fileName : '',
    },
    current,
  );
}

/** The run a saved batch starts; null for a file source, whose file must be opened again first. */
export function runInputOf(body: BatchBody, profileId: string): OperationInput<'startRun'> | null {
  const { kind: _, source, ...request } = body;
  if (source.type === 'file') return null;
  return { profileId, ...request, source };
}
