// The entries selected in the history list (to export or compare), kept as ids so the selection
// outlives the rows scrolling out of view; a range reaching rows never loaded asks main for their
// ids. What is selected is what the filter shows: a new filter starts with nothing selected.
import { useEffect, useRef, useState } from 'react';
import type { HistorySummary } from '../../../electron/contract';

export function useHistorySelection(
  filterKey: string,
  idsBetween: (first: number, last: number) => Promise<string[] | null>,
) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  /** The row a Shift+click or Shift+move extends from. */
  const anchor = useRef<number | null>(null);
  // A newer selection makes a range still being fetched moot.
  const rangeRequest = useRef(0);

  // A new filter empties the selection in the same render; the refs are reset after it.
  const [chosenFor, setChosenFor] = useState(filterKey);
  if (chosenFor !== filterKey) {
    setChosenFor(filterKey);
    setChosen(new Set());
  }
  useEffect(() => {
    anchor.current = null;
    rangeRequest.current++;
  }, [filterKey]);

  const toggle = (index: number, entry: HistorySummary) => {
    anchor.current = index;
    setChosen((old) => {
      const next = new Set(old);
      if (!next.delete(entry.id)) next.add(entry.id);
      return next;
    });
  };

  /** Selects rows `from`..`to` (either order), added to the selection or in place of it. */
  const selectRange = async (from: number, to: number, add: boolean) => {
    const request = ++rangeRequest.current;
    const ids = await idsBetween(Math.min(from, to), Math.max(from, to));
    if (!ids || request !== rangeRequest.current) return;
    setChosen((old) => new Set(add ? [...old, ...ids] : ids));
  };

  const clear = () => {
    rangeRequest.current++;
    setChosen(new Set());
  };

  return { chosen, anchor, toggle, selectRange, clear };
}

export type HistorySelection = ReturnType<typeof useHistorySelection>;
