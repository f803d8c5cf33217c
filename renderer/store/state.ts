// The renderer's one store: what the shell shows, as a reducer fed by operation results (through
// the actions in actions.ts) and by main's events (StoreProvider). Components read it through
// useStore(); nothing hands state down through props that only relay it.
import type {
  AppError,
  AppInfo,
  AssertionResult,
  ComposedRequest,
  EnvironmentsView,
  HistoryEntry,
  HistoryEvent,
  HistoryRetention,
  Notice,
  ProfileView,
  SandboxStatus,
  SendOutcome,
  Target,
} from '../../electron/contract';
import type { AssertionRow } from '../features/assertions/assertionDraft';
import { initialBatchDraft, type BatchDraft } from '../features/batch/batchDraft';
import type { ComposerMode } from '../features/batch/ModeTabs';
import { initialDraft, type Draft, type TruncatedLoad } from '../features/composer/draft';
import type { ErrorSource } from '../i18n/mainError';

/** What the middle panel shows: the latest send's outcome, a picked history entry, or the run followed. */
export type Shown =
  | { type: 'outcome'; outcome: SendOutcome; request: ComposedRequest; time: string }
  | { type: 'history'; entry: HistoryEntry }
  | { type: 'run' };

export interface AppState {
  info: AppInfo;
  profiles: ProfileView[];
  selectedId: string | null;
  draft: Draft;
  mode: ComposerMode;
  batch: BatchDraft;
  sandbox: SandboxStatus | null;
  shown: Shown | null;
  /** The profile dialog: open on a profile, or on a new one (null). */
  editing: { profile: ProfileView | null } | null;
  appError: { source: ErrorSource; error: AppError } | null;
  /** The payload came from a history entry that kept only its start. */
  truncatedLoad: TruncatedLoad | null;
  /** A send in flight: its requestId, so Cancel aborts exactly that request in main. */
  sending: string | null;
  /** How the latest submit of the form ended, for the form to show (its fields' problems, main's refusal). */
  submitted: Submitted | null;
  /** Bumped by each `history` event: the list fetches the pages it shows again. */
  historyRevision: number;
  /** The tail opened from the composer, docked beside it. */
  tail: DockedTail | null;
  /** Entries added to the history since the start: a folded history counts the new ones from it. */
  historyAdded: number;
  /** The composer's assertions (single and batch alike), checked after each send or run. */
  assertions: AssertionRow[];
  /** Assertion checks of this session, by history entry id. */
  checks: Record<string, AssertionCheck>;
  /** The workspace's environments and the selected one; null until main has answered. */
  environments: EnvironmentsView | null;
}

/** A check of a send's or run's assertions: under way, done, or refused by main. */
export type AssertionCheck =
  { state: 'checking' } | { state: 'done'; results: AssertionResult[] } | { state: 'failed'; error: AppError };

/** What the docked tail follows; `seq` tells one opening from the next (a new one starts afresh). */
export interface DockedTail {
  profileId: string;
  target: Target;
  /** The stream as the user knows it (name or YDS path). */
  streamLabel: string;
  seq: number;
}

/** A submit of the form: sent (an outcome is shown), stopped by the form's own checks, or refused by main. `seq` tells two alike apart. */
export type Submitted = { seq: number } & (
  { kind: 'sent' } | { kind: 'invalid' } | { kind: 'refused'; error: AppError }
);

export type Action =
  | { type: 'infoChanged'; info: AppInfo }
  | { type: 'noticesChanged'; notices: Notice[] }
  | { type: 'retentionChanged'; retention: HistoryRetention }
  | { type: 'profilesLoaded'; profiles: ProfileView[] }
  | { type: 'profileSelected'; id: string | null }
  | { type: 'draftChanged'; change: (draft: Draft) => Draft }
  | { type: 'modeChanged'; mode: ComposerMode }
  | { type: 'batchChanged'; change: (batch: BatchDraft) => BatchDraft }
  | { type: 'sandboxChanged'; sandbox: SandboxStatus }
  | { type: 'shown'; shown: Shown | null }
  | { type: 'editing'; editing: AppState['editing'] }
  | { type: 'failed'; source: ErrorSource; error: AppError }
  | { type: 'errorDismissed' }
  | { type: 'truncatedLoad'; load: TruncatedLoad | null }
  | { type: 'sending'; requestId: string | null }
  | { type: 'submitted'; submitted: DistributiveOmit<Submitted, 'seq'> }
  | { type: 'historyChanged'; event: HistoryEvent }
  | { type: 'tailDocked'; tail: Omit<DockedTail, 'seq'> | null }
  | { type: 'assertionsChanged'; assertions: AssertionRow[] }
  | { type: 'assertionsChecked'; historyId: string; check: AssertionCheck }
  | { type: 'environmentsLoaded'; environments: EnvironmentsView };

export const initialState = (info: AppInfo): AppState => ({
  info,
  profiles: [],
  selectedId: null,
  draft: initialDraft,
  mode: 'single',
  batch: initialBatchDraft(),
  sandbox: null,
  shown: null,
  editing: null,
  appError: null,
  truncatedLoad: null,
  sending: null,
  submitted: null,
  historyRevision: 0,
  tail: null,
  historyAdded: 0,
  assertions: [],
  checks: {},
  environments: null,
});

export function reducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'infoChanged':
      return { ...state, info: action.info };
    case 'noticesChanged':
      return { ...state, info: { ...state.info, notices: action.notices } };
    case 'retentionChanged':
      return { ...state, info: { ...state.info, historyRetention: action.retention } };
    case 'profilesLoaded':
      return { ...state, profiles: action.profiles };
    case 'profileSelected':
      return { ...state, selectedId: action.id };
    case 'draftChanged':
      return { ...state, draft: action.change(state.draft) };
    case 'modeChanged':
      return { ...state, mode: action.mode };
    case 'batchChanged':
      return { ...state, batch: action.change(state.batch) };
    case 'sandboxChanged':
      return { ...state, sandbox: action.sandbox };
    case 'shown':
      return { ...state, shown: action.shown };
    case 'editing':
      return { ...state, editing: action.editing };
    case 'failed':
      return { ...state, appError: { source: action.source, error: action.error } };
    case 'errorDismissed':
      return { ...state, appError: null };
    case 'truncatedLoad':
      return { ...state, truncatedLoad: action.load };
    case 'sending':
      return { ...state, sending: action.requestId };
    case 'submitted':
      return { ...state, submitted: { ...action.submitted, seq: (state.submitted?.seq ?? 0) + 1 } };
    case 'historyChanged':
      return {
        ...state,
        historyRevision: state.historyRevision + 1,
        historyAdded: state.historyAdded + (action.event.kind === 'changed' ? action.event.added.length : 0),
      };
    case 'tailDocked':
      return { ...state, tail: action.tail && { ...action.tail, seq: (state.tail?.seq ?? 0) + 1 } };
    case 'assertionsChanged':
      return { ...state, assertions: action.assertions };
    case 'assertionsChecked':
      return { ...state, checks: { ...state.checks, [action.historyId]: action.check } };
    case 'environmentsLoaded':
      return { ...state, environments: action.environments };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The profile the composer works with. */
export const selectedProfile = (state: AppState): ProfileView | null =>
  state.profiles.find((p) => p.id === state.selectedId) ?? null;

const NO_VARIABLES: Readonly<Record<string, string>> = {};

/** The selected environment's variables, which `{{env.NAME}}` in the form take; none when none is selected. */
export const selectedVariables = (state: AppState): Readonly<Record<string, string>> =>
  state.environments?.environments.find((e) => e.name === state.environments?.selected)?.variables ?? NO_VARIABLES;
