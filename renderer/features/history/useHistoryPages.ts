// The history as the list sees it: pages of summaries fetched from main as rows come into view,
// for one filter at a time. A new filter (or `revision`, bumped by every `history` event from main)
// starts over; answers to an older request are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, HistoryFacets, HistoryFilter, HistorySummary } from '../../../electron/contract';
import { call } from '../../api';

export const PAGE_SIZE = 100;
/** listHistory's largest page: ids for a selection are fetched this many at a time. */
const ID_CHUNK = 1000;

interface Loaded extends HistoryFacets {
  /** The request generation the pages belong to: the first answer of a newer one starts afresh. */
  generation: number;
  pages: Map<number, HistorySummary[]>;
  matched: number;
  total: number;
}

const EMPTY: Loaded = { generation: 0, pages: new Map(), matched: 0, total: 0, streams: [], profiles: [] };

export function useHistoryPages(filter: HistoryFilter, revision: number, onError: (error: AppError) => void) {
  const [loaded, setLoaded] = useState<Loaded>(EMPTY);
  const generation = useRef(0);
  const requested = useRef(new Set<number>());
  const filterKey = JSON.stringify(filter);
  // The latest callback, for answers that arrive after a re-render.
  const report = useRef(onError);
  useEffect(() => {
    report.current = onError;
  });

  const fetchPage = useCallback(
    async function load(page: number, gen: number): Promise<void> {
      const result = await call('listHistory', {
        ...(JSON.parse(filterKey) as HistoryFilter),
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      if (gen !== generation.current) return;
      if (!result.ok) {
        requested.current.delete(page);
        return report.current(result.error);
      }
      const { entries, matched, total, streams, profiles } = result.value;
      setLoaded((old) => {
        const pages = new Map(old.generation === gen ? old.pages : []);
        pages.set(page, entries);
        return { generation: gen, pages, matched, total, streams, profiles };
      });
      // Main is still reading an old, large history: its total and filter lists are provisional
      // until then, so ask again shortly.
      if (result.value.loading && page === 0) {
        setTimeout(() => gen === generation.current && void load(0, gen), 500);
      }
    },
    [filterKey],
  );

  useEffect(() => {
    const gen = ++generation.current;
    requested.current = new Set([0]);
    void fetchPage(0, gen);
  }, [fetchPage, revision]);

  /** Makes sure the page holding row `index` is loaded or on its way. */
  const want = useCallback(
    (index: number) => {
      const page = Math.floor(index / PAGE_SIZE);
      if (requested.current.has(page)) return;
      requested.current.add(page);
      void fetchPage(page, generation.current);
    },
    [fetchPage],
  );

  const rowAt = (index: number): HistorySummary | undefined =>
    loaded.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];

  const latest = useRef(loaded);
  useEffect(() => {
    latest.current = loaded;
  });
  /**
   * Ids of rows `first`..`last` (inclusive) under the current filter, for a selection that spans
   * rows never scrolled into view: loaded pages answer directly, the rest is asked of main.
   */
  const idsBetween = useCallback(
    async (first: number, last: number): Promise<string[] | null> => {
      const at = (i: number) => latest.current.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE]?.id;
      const known = Array.from({ length: last - first + 1 }, (_, k) => at(first + k));
      if (known.every((id) => id !== undefined)) return known;
      const ids: string[] = [];
      for (let offset = first; offset <= last; offset += ID_CHUNK) {
        const limit = Math.min(ID_CHUNK, last - offset + 1);
        const result = await call('listHistory', { ...(JSON.parse(filterKey) as HistoryFilter), offset, limit });
        if (!result.ok) {
          report.current(result.error);
          return null;
        }
        ids.push(...result.value.entries.map((e) => e.id));
        if (result.value.entries.length < limit) break;
      }
      return ids;
    },
    [filterKey],
  );

  return { ...loaded, rowAt, want, idsBetween };
}
