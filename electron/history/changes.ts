// Tells the renderer what changed in the history, so its list follows without asking after every
// send. Changes close together go out as one `history` event, at most one per interval: a load run
// updating its entry or an import adding 100 entries a turn must not flood the window.
import type { HistoryEvent } from '../contract';

/** The most events a second the history sends; a burst in between is merged into the next. */
export const HISTORY_EVENT_INTERVAL_MS = 200;
/** Past this many ids in one event the list is told to start over: sending the ids would cost more than a refetch. */
export const MAX_EVENT_IDS = 500;

export interface HistoryChanges {
  added(id: string): void;
  updated(id: string): void;
  removed(id: string): void;
  /** Many entries went or came at once (clear, import, compaction): the list fetches its page again. */
  reset(): void;
  /** Drops what is pending (the history closes). */
  stop(): void;
}

export function createHistoryChanges(
  emit: (event: HistoryEvent) => void,
  total: () => number,
  intervalMs = HISTORY_EVENT_INTERVAL_MS,
): HistoryChanges {
  const added = new Set<string>();
  const updated = new Set<string>();
  const removed = new Set<string>();
  let reset = false;
  let timer: NodeJS.Timeout | null = null;
  let lastAt = -Infinity;

  const flush = () => {
    timer = null;
    lastAt = Date.now();
    const many = added.size + updated.size + removed.size > MAX_EVENT_IDS;
    emit(
      reset || many
        ? { kind: 'reset', total: total() }
        : { kind: 'changed', added: [...added], updated: [...updated], removed: [...removed], total: total() },
    );
    added.clear();
    updated.clear();
    removed.clear();
    reset = false;
  };
  const schedule = () => {
    timer ??= setTimeout(flush, Math.max(0, lastAt + intervalMs - Date.now()));
  };
  return {
    added(id) {
      removed.delete(id);
      added.add(id);
      schedule();
    },
    updated(id) {
      if (!added.has(id)) updated.add(id);
      schedule();
    },
    removed(id) {
      // Added and removed within one event: the list never saw it.
      if (!added.delete(id)) removed.add(id);
      updated.delete(id);
      schedule();
    },
    reset() {
      reset = true;
      schedule();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
