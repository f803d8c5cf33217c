// The records ticked in the tail (to replay), kept by shard and sequence number so the selection
// outlives rows scrolling out of view and new records moving the rows. Records dropped by the
// tail's cap leave it; a record the filter hides stays selected (the count says how many are hidden).
import { useRef, useState } from 'react';
import type { TailRecordView } from '../../../electron/contract';

/** A record's identity in the tail: its shard and sequence number. */
export const tailKeyOf = (r: Pick<TailRecordView, 'shardId' | 'sequenceNumber'>) => `${r.shardId}/${r.sequenceNumber}`;

export function useTailSelection() {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  /** The record a Shift+click extends from. */
  const anchor = useRef<string | null>(null);

  const toggle = (r: TailRecordView) => {
    anchor.current = tailKeyOf(r);
    setChosen((old) => {
      const next = new Set(old);
      if (!next.delete(tailKeyOf(r))) next.add(tailKeyOf(r));
      return next;
    });
  };

  /** Selects the rows from the anchor to `index` (either order), added to the selection or in place of it. */
  const extendTo = (rows: TailRecordView[], index: number, add: boolean) => {
    const from = anchor.current === null ? -1 : rows.findIndex((r) => tailKeyOf(r) === anchor.current);
    // The anchor has gone (dropped, or hidden by the filter): the row starts a new range.
    if (from < 0) return toggle(rows[index]);
    const range = rows.slice(Math.min(from, index), Math.max(from, index) + 1).map(tailKeyOf);
    setChosen((old) => new Set(add ? [...old, ...range] : range));
  };

  const selectAll = (rows: TailRecordView[]) => {
    anchor.current = rows.length > 0 ? tailKeyOf(rows[0]) : null;
    setChosen(new Set(rows.map(tailKeyOf)));
  };

  const clear = () => {
    anchor.current = null;
    setChosen(new Set());
  };

  /** The selected records among those kept, in arrival order. */
  const selectedOf = (kept: TailRecordView[]) =>
    chosen.size === 0 ? [] : kept.filter((r) => chosen.has(tailKeyOf(r)));

  /** Forgets the records the cap has dropped. */
  const keepOnly = (kept: TailRecordView[]) => {
    if (chosen.size === 0) return;
    setChosen((old) => {
      const next = new Set(kept.filter((r) => old.has(tailKeyOf(r))).map(tailKeyOf));
      return next.size === old.size ? old : next;
    });
  };

  return { chosen, anchor, toggle, extendTo, selectAll, clear, selectedOf, keepOnly };
}
