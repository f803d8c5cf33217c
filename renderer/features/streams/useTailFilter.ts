// A tail's filter as the view uses it: the expression typed, checked by main as the user pauses
// typing (its error shown at once), then every kept record and each new one matched by main in
// batches. Matches are kept per record object, so records the cap drops take theirs with them.
import { useEffect, useRef, useState } from 'react';
import type { AppError, TailRecordView } from '../../../electron/contract';
import { FILTER_LIMITS } from '../../../electron/shared/tail-filter';
import { call } from '../../api';

export type FilterMode = 'only' | 'highlight';

/** How long typing must pause before the expression is checked and applied. */
const SETTLE_MS = 300;

export interface TailFilterState {
  expression: string;
  setExpression: (expression: string) => void;
  mode: FilterMode;
  setMode: (mode: FilterMode) => void;
  /** The expression in use: checked and non-empty; null while there is none. */
  applied: string | null;
  error: AppError | null;
  /** Records still to be matched. */
  pending: number;
  /** Whether the applied filter matches the record; undefined until it is known, or with no filter. */
  matches: (record: TailRecordView) => boolean | undefined;
  /** The rows to show: the matching ones when "only matching" is on, else all. */
  rowsOf: (records: TailRecordView[]) => TailRecordView[];
  /** Records a tail event brought: matched as they come. */
  observe: (records: TailRecordView[]) => void;
}

export function useTailFilter(kept: () => TailRecordView[]): TailFilterState {
  const [expression, setExpression] = useState('');
  const [mode, setMode] = useState<FilterMode>('only');
  const [applied, setApplied] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [pending, setPending] = useState(0);
  // Bumped when matches change, so the view draws them.
  const [, setVersion] = useState(0);
  const known = useRef(new WeakMap<TailRecordView, boolean>());
  const queue = useRef<TailRecordView[]>([]);
  const generation = useRef(0);
  const pumping = useRef(false);
  const appliedRef = useRef<string | null>(null);

  /** Matches queued records one batch at a time; a newer expression makes the answers of an older one void. */
  const pump = async () => {
    if (pumping.current) return;
    pumping.current = true;
    try {
      while (queue.current.length > 0 && appliedRef.current) {
        const at = generation.current;
        const batch = queue.current.splice(0, FILTER_LIMITS.records);
        const result = await call('matchTailRecords', { expression: appliedRef.current, records: batch });
        if (at !== generation.current) continue;
        if (!result.ok) {
          setError(result.error);
          queue.current = [];
          break;
        }
        batch.forEach((r, i) => known.current.set(r, result.value.matches[i]));
        setPending(queue.current.length);
        setVersion((v) => v + 1);
      }
    } finally {
      pumping.current = false;
      setPending(queue.current.length);
    }
  };

  useEffect(() => {
    const text = expression.trim();
    const timer = setTimeout(() => {
      void (async () => {
        generation.current++;
        const at = generation.current;
        known.current = new WeakMap();
        queue.current = [];
        if (!text) {
          appliedRef.current = null;
          setApplied(null);
          setError(null);
          setPending(0);
          return;
        }
        const checked = await call('checkTailFilter', { expression: text });
        if (at !== generation.current) return;
        appliedRef.current = checked.ok ? text : null;
        setApplied(appliedRef.current);
        setError(checked.ok ? null : checked.error);
        if (!checked.ok) return setPending(0);
        queue.current = [...kept()];
        setPending(queue.current.length);
        void pump();
      })();
    }, SETTLE_MS);
    return () => clearTimeout(timer);
    // `kept` reads a ref: the records are taken when the expression settles.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expression]);

  return {
    expression,
    setExpression,
    mode,
    setMode,
    applied,
    error,
    pending,
    matches: (record) => (applied ? known.current.get(record) : undefined),
    rowsOf: (records) => (applied && mode === 'only' ? records.filter((r) => known.current.get(r)) : records),
    observe(records) {
      if (!appliedRef.current || records.length === 0) return;
      queue.current.push(...records);
      setPending(queue.current.length);
      void pump();
    },
  };
}
