// The history operations of the handler table: list, read, delete, export, import, retention.
// A run's results files go with its history entry: `sweepResults` deletes those no entry holds.
import type { Implementations } from '../contract';
import type { HandlerDeps } from '../handler-deps';
import { ServiceError } from '../services';
import { readExport, writeExport } from './transfer';

type HistoryOp =
  | 'listHistory'
  | 'getHistoryEntry'
  | 'deleteHistoryEntry'
  | 'clearHistory'
  | 'exportHistory'
  | 'importHistory'
  | 'setHistoryRetention'
  | 'compactHistory';

export function historyHandlers(
  deps: Pick<HandlerDeps, 'history' | 'profiles' | 'redactor' | 'chooseSavePath' | 'chooseOpenPath'>,
  sweepResults: () => Promise<void>,
): Implementations<HistoryOp> {
  const { history, profiles, redactor } = deps;
  return {
    listHistory: ({ offset, limit, ...filter }) =>
      history.query({ ...filter, offset: offset ?? 0, limit: limit ?? 200 }),
    getHistoryEntry: ({ id }) => {
      const entry = history.get(id);
      if (!entry) throw new ServiceError('historyEntryNotFound', { id });
      return entry;
    },
    deleteHistoryEntry: async ({ id }) => ({ total: await history.delete(id).finally(sweepResults) }),
    clearHistory: async () => ({ total: await history.clear().finally(sweepResults) }),
    exportHistory: async ({ format, filter, ids }) => {
      const entries = ids ? ids.flatMap((id) => history.get(id) ?? []) : history.matching(filter ?? {});
      const file = await deps.chooseSavePath(`stream-composer-history.${format}`);
      if (!file) return { path: null, count: 0 };
      // Entries are redacted as they are written; this covers those written before a secret was known.
      await writeExport(file, redactor.deep(entries), format);
      return { path: file, count: entries.length };
    },
    importHistory: async () => {
      const file = await deps.chooseOpenPath();
      if (!file) return { path: null, imported: 0, skipped: 0, total: history.query({ offset: 0, limit: 1 }).total };
      const entries = await readExport(file);
      const imported = await history.importEntries(entries);
      return {
        path: file,
        imported,
        skipped: entries.length - imported,
        total: history.query({ offset: 0, limit: 1 }).total,
      };
    },
    // Saved first: a compaction that fails still leaves the limits to be applied at the next start.
    setHistoryRetention: async (retention) => {
      profiles.setHistoryRetention(retention);
      return { ...(await history.compact(retention).finally(sweepResults)), retention: profiles.historyRetention() };
    },
    compactHistory: () => history.compact(profiles.historyRetention()).finally(sweepResults),
  };
}
