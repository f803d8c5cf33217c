// checkAssertions: a history entry's send or ended run, checked against the request's assertions,
// reading records back with the entry's own connection (never one an imported entry names). The
// results are kept with the entry, so reopening it shows them.
import path from 'node:path';
import type { HistoryEntry, Implementations } from '../contract';
import type { HandlerDeps } from '../handler-deps';
import { describeFailure } from '../kinesis/errors';
import { RUNS_FOLDER } from '../runs/folder';
import { ServiceError } from '../services';
import { encodePayload, limitFamilyOf } from '../shared/limits';
import { evaluateAssertions, type AssertionOutcome } from './evaluate';

export function assertionHandlers(
  deps: Pick<HandlerDeps, 'profiles' | 'history' | 'sender' | 'redactor' | 'dataDir'>,
  remake: (entry: HistoryEntry, indexes: number[]) => Promise<Map<number, Uint8Array>>,
): Implementations<'checkAssertions'> {
  const { profiles, history, sender, redactor } = deps;

  const outcomeOf = (entry: HistoryEntry): AssertionOutcome => {
    if (!entry.run) {
      const sent = entry.payload.truncated ? null : encodePayload(entry.payload.mode, entry.payload.text);
      return {
        kind: 'single',
        streamName: entry.streamName,
        result: entry.result,
        latencyMs: entry.latencyMs,
        data: sent?.ok ? sent.bytes : null,
      };
    }
    return {
      kind: 'run',
      streamName: entry.streamName,
      report: entry.run.report,
      // By the run's id (checked to name no other folder), not the path an imported entry carries.
      journalFile: path.join(deps.dataDir, RUNS_FOLDER, `${entry.run.runId}.jsonl`),
      remake: (indexes) => remake(entry, indexes),
    };
  };

  return {
    checkAssertions: async ({ historyId, assertions }) => {
      const entry = history.get(historyId);
      if (!entry) throw new ServiceError('historyEntryNotFound', { id: historyId });
      if (entry.run?.report.state === 'running') throw new ServiceError('runNotEnded', {}, { hint: 'waitForRun' });
      const profile = profiles.get(entry.profile.id);
      const results = await evaluateAssertions(assertions, outcomeOf(entry), {
        reader: () => {
          if (!profile) throw new ServiceError('entryProfileGone', { name: entry.profile.name });
          return sender.clientFor(profile);
        },
        describe: (error) => {
          if (error instanceof ServiceError || !profile)
            return { name: (error as Error).name, message: (error as Error).message };
          const { name, message } = describeFailure(error, {
            family: limitFamilyOf(profile.kind, entry.streamName),
            timeoutMs: profile.timeoutMs,
            aborted: false,
            redact: redactor.text,
            accessKeyIds: [profile.credentials.accessKeyId],
          });
          return { name, message };
        },
      });
      const kept = redactor.deep(results);
      // The entry may have gone meanwhile (deleted, retention): the results are still answered.
      const now = history.get(historyId);
      if (now)
        await history.update({ ...now, assertionResults: kept as HistoryEntry['assertionResults'] }).catch(() => false);
      return { results: kept };
    },
  };
}
