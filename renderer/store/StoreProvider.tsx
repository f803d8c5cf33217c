// Holds the store and feeds it main's events: a `history` event bumps the list's revision (and
// brings the notices a failed history write raised), and the run the composer started last is
// followed here, on its own channel, so it keeps being followed whatever panel is shown.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  type Dispatch,
  type ReactNode,
} from 'react';
import type { AppInfo, RunEvent, RunState } from '../../electron/contract';
import { call, subscribe } from '../api';
import { assertionsOf } from '../features/assertions/assertionDraft';
import { checkAssertions } from '../features/assertions/check';
import { useRun } from '../features/batch/useRun';
import { initialState, reducer, type Action, type AppState } from './state';

export interface Store {
  state: AppState;
  dispatch: Dispatch<Action>;
  /** The state as of now, for actions that run after an await. */
  latest: () => AppState;
  run: { event: RunEvent | null; takeState: (state: RunState) => void };
}

const StoreContext = createContext<Store | null>(null);

export function StoreProvider({ initialInfo, children }: { initialInfo: AppInfo; children: ReactNode }) {
  const [state, apply] = useReducer(reducer, initialInfo, initialState);
  // The state with every action applied so far, rendered or not: an action that dispatches and then
  // reads (open a saved request, then send it) sees what it just did.
  const current = useRef(state);
  const dispatch = useCallback((action: Action) => {
    current.current = reducer(current.current, action);
    apply(action);
  }, []);
  const latest = useCallback(() => current.current, []);
  const { event, takeState } = useRun(state.batch.runId);

  useEffect(
    () =>
      subscribe('history', null, (change) => {
        dispatch({ type: 'historyChanged', event: change });
        // A history write that failed shows its notice now, not at the next start.
        void call('getAppInfo', {}).then((r) => r.ok && dispatch({ type: 'noticesChanged', notices: r.value.notices }));
      }),
    [dispatch],
  );

  // A run followed here has ended: its entry is checked against the composer's assertions, once.
  const endedEntry = event?.report?.historyId ?? null;
  useEffect(() => {
    const now = current.current;
    if (endedEntry && !now.checks[endedEntry]) void checkAssertions(dispatch, endedEntry, assertionsOf(now.assertions));
  }, [endedEntry, dispatch]);

  const store = useMemo<Store>(
    () => ({ state, dispatch, latest, run: { event, takeState } }),
    [state, dispatch, latest, event, takeState],
  );
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore needs a StoreProvider above it.');
  return store;
}
