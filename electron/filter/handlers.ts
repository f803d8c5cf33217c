// The tail filter operations of the handler table. An expression is compiled on main (bounded: a
// parse is linear in its capped length) so its errors show at once; records are matched in a
// worker kept for the purpose, with a time budget, since a regular expression in matches() can
// backtrack for long and must not hold main.
import type { Implementations } from '../contract';
import type { HandlerDeps } from '../handler-deps';
import { targetStreamName } from '../shared/addressing';
import { openWorker, type Budget, type TaskWorker } from '../workers/run-task';
import { compileFilter } from './cel';
import { writeTailExport } from './export';
import { createTailFilterStore } from './store';

type FilterOp =
  'checkTailFilter' | 'matchTailRecords' | 'listTailFilters' | 'saveTailFilter' | 'deleteTailFilter' | 'exportTail';

export const FILTER_BUDGET: Budget = {
  timeoutMs: 5000,
  heapMb: 256,
  over: { time: 'filterOverTime', memory: 'filterOverMemory' },
  hint: 'simplerFilter',
  field: 'expression',
};

/** A name for the export file from the stream's: no path separators or other characters a file system refuses. */
const fileNameOf = (label: string) => `tail-${label.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80) || 'stream'}.ndjson`;

export function filterHandlers(
  deps: Pick<HandlerDeps, 'dataDir' | 'chooseSavePath'>,
  budget: Budget = FILTER_BUDGET,
): Implementations<FilterOp> {
  const store = createTailFilterStore(deps.dataDir);
  // One worker for every match call; one that ran out of budget is dropped and the next call opens another.
  let worker: TaskWorker | null = null;

  return {
    checkTailFilter: ({ expression }) => {
      compileFilter(expression);
      return { valid: true };
    },
    matchTailRecords: async ({ expression, records }) => {
      compileFilter(expression);
      if (records.length === 0) return { matches: [] };
      const current = (worker ??= openWorker(budget));
      try {
        return { matches: await current.call('matchTailRecords', { expression, records }) };
      } catch (error) {
        if (worker === current) worker = null;
        void current.close();
        throw error;
      }
    },
    listTailFilters: async ({ profileId, target }) => ({
      filters: await store.list(profileId, targetStreamName(target)),
    }),
    saveTailFilter: async ({ profileId, target, filter }) => {
      compileFilter(filter.expression);
      return { filters: await store.save(profileId, targetStreamName(target), filter) };
    },
    deleteTailFilter: async ({ profileId, target, name }) => ({
      filters: await store.remove(profileId, targetStreamName(target), name),
    }),
    exportTail: async ({ streamLabel, records }) => {
      if (records.length === 0) return { path: null, count: 0 };
      const file = await deps.chooseSavePath(fileNameOf(streamLabel));
      if (!file) return { path: null, count: 0 };
      await writeTailExport(file, records);
      return { path: file, count: records.length };
    },
  };
}
