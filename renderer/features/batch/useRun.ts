// Follows one load run: its `run` events, on the run's own channel (main sends at most ~10 a second,
// so each may re-render), and getRun when the run changes or the view mounts, so a view opened mid-run or after the end
// shows where the run is rather than nothing. The state pause / resume / cancel answer is taken at
// once too, so the buttons follow the click even before the next event.
import { useCallback, useEffect, useState } from 'react';
import type { AppError, RunEvent, RunState } from '../../../electron/contract';
import { call, subscribe } from '../../api';

export function useRun(runId: string | null) {
  const [event, setEvent] = useState<RunEvent | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Another run starts from nothing, in the same render (React's "adjust state when a prop changes").
  const [shownRun, setShownRun] = useState(runId);
  if (shownRun !== runId) {
    setShownRun(runId);
    setEvent(null);
    setError(null);
  }

  useEffect(() => {
    if (!runId) return;
    let current = true;
    const take = (e: RunEvent) => {
      if (current) setEvent((old) => (old?.report && !e.report ? old : e));
    };
    const unsubscribe = subscribe('run', runId, take);
    void call('getRun', { runId }).then((r) => {
      if (r.ok) take(r.value);
      else if (current) setError(r.error);
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [runId]);

  const takeState = useCallback(
    (state: RunState) =>
      setEvent((old) =>
        old && !old.report && old.runId === runId ? { ...old, progress: { ...old.progress, state } } : old,
      ),
    [runId],
  );

  return { event, error, takeState };
}
