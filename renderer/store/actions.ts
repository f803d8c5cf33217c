// What the user can do, as functions: each calls main and feeds the store with the answer. A send
// is an action too, so whoever wants one (the Send button, Ctrl+Enter, a saved request's Run)
// calls it instead of raising a flag for the form to notice.
import { useMemo } from 'react';
import type {
  AppError,
  ComposedRequest,
  HistoryEntry,
  HistoryRetention,
  Language,
  ProfileView,
  SavedRequestView,
  Theme,
} from '../../electron/contract';
import { utf8Length } from '../../electron/shared/limits';
import { call } from '../api';
import { assertionsOf, rowsOf } from '../features/assertions/assertionDraft';
import { checkAssertions } from '../features/assertions/check';
import { batchDraftFromRun } from '../features/batch/batchDraft';
import { draftFromHistory, toRequest, withProfileDefaults, withTarget } from '../features/composer/draft';
import { checkDraft } from '../features/composer/validate';
import { applySaved, batchDraftFromSaved, runInputOf } from '../features/saved/savedBody';
import { applyLanguage, resolveLanguage } from '../i18n';
import { applyTheme } from '../theme';
import type { ErrorSource } from '../i18n/mainError';
import { selectedProfile, selectedVariables } from './state';
import { useStore, type Store } from './StoreProvider';

const focusKey = () => setTimeout(() => document.getElementById('partition-key')?.focus());

/** The same object for the store's whole life, so an effect may depend on it without re-running. */
export function useActions() {
  const { dispatch, latest } = useStore();
  return useMemo(() => actionsOf(dispatch, latest), [dispatch, latest]);
}

function actionsOf(dispatch: Store['dispatch'], latest: Store['latest']) {
  const failed = (source: ErrorSource, error: AppError) => dispatch({ type: 'failed', source, error });

  const loadProfiles = async (preferId?: string | null) => {
    const result = await call('listProfiles', {});
    if (!result.ok) return failed('listProfiles', result.error);
    const { profiles: list, lastUsedId } = result.value;
    dispatch({ type: 'profilesLoaded', profiles: list });
    const id =
      [preferId, lastUsedId, list[0]?.id].find((candidate) => candidate && list.some((p) => p.id === candidate)) ??
      null;
    return { list, id };
  };

  /** Makes `profile` the current one, its defaults filling the form's target. */
  const switchTo = async (profile: ProfileView) => {
    dispatch({ type: 'profileSelected', id: profile.id });
    dispatch({ type: 'draftChanged', change: (d) => withProfileDefaults(d, profile) });
    await call('selectProfile', { id: profile.id });
  };

  /** The workspace's environments: each answer is the whole list again, with the selection. */
  const environments = {
    async load() {
      const result = await call('listEnvironments', {});
      if (result.ok) dispatch({ type: 'environmentsLoaded', environments: result.value });
      else failed('listEnvironments', result.error);
    },
    async select(name: string | null) {
      const result = await call('selectEnvironment', { name });
      if (result.ok) dispatch({ type: 'environmentsLoaded', environments: result.value });
      else failed('selectEnvironment', result.error);
    },
    /** Answers main's refusal for the dialog to show, or null once saved. */
    async save(name: string, variables: Record<string, string>, previousName?: string): Promise<AppError | null> {
      const result = await call('saveEnvironment', { name, variables, ...(previousName ? { previousName } : {}) });
      if (!result.ok) return result.error;
      dispatch({ type: 'environmentsLoaded', environments: result.value });
      return null;
    },
    async remove(name: string): Promise<AppError | null> {
      const result = await call('deleteEnvironment', { name });
      if (!result.ok) return result.error;
      dispatch({ type: 'environmentsLoaded', environments: result.value });
      return null;
    },
  };

  const refreshSandbox = async () => {
    const result = await call('getSandboxStatus', {});
    if (result.ok) dispatch({ type: 'sandboxChanged', sandbox: result.value });
    else failed('getSandboxStatus', result.error);
  };

  const selectProfile = async (id: string, keepTarget = false) => {
    const next = latest().profiles.find((p) => p.id === id);
    if (!next) return;
    dispatch({ type: 'profileSelected', id });
    if (!keepTarget) dispatch({ type: 'draftChanged', change: (d) => withProfileDefaults(d, next) });
    const result = await call('selectProfile', { id });
    if (!result.ok) failed('selectProfile', result.error);
  };

  const openHistory = async (id: string) => {
    const result = await call('getHistoryEntry', { id });
    if (result.ok) dispatch({ type: 'shown', shown: { type: 'history', entry: result.value } });
    else failed('getHistoryEntry', result.error);
  };

  /** Sends the form's request, unless the form's own checks (against the stream's maximum record size, when known) stop it. */
  const send = async (streamMaxRecordBytes?: number) => {
    const state = latest();
    const profile = selectedProfile(state);
    if (!profile || state.sending) return;
    const check = checkDraft(profile.kind, state.draft, selectedVariables(state), streamMaxRecordBytes);
    if (Object.keys(check.issues).length > 0) return dispatch({ type: 'submitted', submitted: { kind: 'invalid' } });
    const request: ComposedRequest = toRequest(profile.id, profile.kind, state.draft);
    const assertions = assertionsOf(state.assertions);
    const requestId = crypto.randomUUID();
    dispatch({ type: 'sending', requestId });
    const result = await call('sendRecord', { ...request, requestId });
    dispatch({ type: 'sending', requestId: null });
    if (!result.ok) return dispatch({ type: 'submitted', submitted: { kind: 'refused', error: result.error } });
    dispatch({ type: 'submitted', submitted: { kind: 'sent' } });
    dispatch({
      type: 'shown',
      shown: { type: 'outcome', outcome: result.value, request, time: new Date().toISOString() },
    });
    if (profile.kind === 'sandbox') void refreshSandbox();
    await checkAssertions(dispatch, result.value.historyId, assertions);
  };

  /** Loads a saved request into the composer; answers the profile it landed on. */
  const openSaved = async (saved: SavedRequestView): Promise<ProfileView | null> => {
    const state = latest();
    const current = selectedProfile(state);
    const target = state.profiles.find((p) => p.id === saved.profileId) ?? current;
    if (!target) return null;
    if (target.id !== current?.id) await selectProfile(target.id, true);
    const { request } = saved;
    if (request.kind === 'single') {
      dispatch({ type: 'draftChanged', change: (d) => applySaved(request, target.kind, d) });
      dispatch({ type: 'modeChanged', mode: 'single' });
    } else {
      // The batch shares the composer's target: the single draft carries it.
      dispatch({ type: 'draftChanged', change: (d) => withTarget(d, request.target, target.kind) });
      dispatch({ type: 'batchChanged', change: (b) => batchDraftFromSaved(request, b) });
      dispatch({ type: 'modeChanged', mode: 'batch' });
    }
    dispatch({ type: 'assertionsChanged', assertions: rowsOf(saved.assertions) });
    // A saved request replaces the payload: a warning about a truncated history payload no longer applies.
    dispatch({ type: 'truncatedLoad', load: null });
    return target;
  };

  return {
    failed,
    dismissError: () => dispatch({ type: 'errorDismissed' }),

    /** At start: the profiles, and the last used one with its defaults. */
    async start() {
      void environments.load();
      const loaded = await loadProfiles();
      if (loaded?.id) {
        dispatch({ type: 'profileSelected', id: loaded.id });
        dispatch({
          type: 'draftChanged',
          change: (d) =>
            withProfileDefaults(
              d,
              loaded.list.find((p) => p.id === loaded.id)!,
            ),
        });
      }
    },
    refreshSandbox,
    selectProfile,
    environments,
    editProfile: (profile: ProfileView | null) => dispatch({ type: 'editing', editing: { profile } }),
    closeProfileEditor: () => dispatch({ type: 'editing', editing: null }),
    async profileSaved(saved: ProfileView) {
      dispatch({ type: 'editing', editing: null });
      await loadProfiles(saved.id);
      if (saved.id !== latest().selectedId) await switchTo(saved);
      // Fill only what the user left empty with the profile's (new) defaults.
      else
        dispatch({
          type: 'draftChanged',
          change: (d) => ({
            ...d,
            cloudId: d.cloudId || saved.ydsCloudId,
            databaseId: d.databaseId || saved.ydsDatabaseId,
          }),
        });
    },
    async profileDuplicated(copy: ProfileView) {
      dispatch({ type: 'editing', editing: { profile: copy } });
      await loadProfiles(copy.id);
      await switchTo(copy);
    },
    async profileDeleted(lastUsedId: string | null) {
      dispatch({ type: 'editing', editing: null });
      const loaded = await loadProfiles(lastUsedId);
      if (loaded?.id) {
        dispatch({ type: 'profileSelected', id: loaded.id });
        dispatch({
          type: 'draftChanged',
          change: (d) =>
            withProfileDefaults(
              d,
              loaded.list.find((p) => p.id === loaded.id)!,
            ),
        });
      } else dispatch({ type: 'profileSelected', id: null });
    },

    async changeLanguage(language: Language) {
      const result = await call('setLanguage', { language });
      if (!result.ok) return failed('setLanguage', result.error);
      dispatch({ type: 'infoChanged', info: result.value });
      await applyLanguage(resolveLanguage(result.value.language, result.value.systemLocale));
    },
    async changeTheme(theme: Theme) {
      const result = await call('setTheme', { theme });
      if (!result.ok) return failed('setTheme', result.error);
      dispatch({ type: 'infoChanged', info: result.value });
      applyTheme(result.value.theme);
    },
    async changeVerifySends(on: boolean) {
      const result = await call('setVerifySends', { on });
      if (!result.ok) return failed('setVerifySends', result.error);
      dispatch({ type: 'infoChanged', info: result.value });
    },
    retentionSaved: (retention: HistoryRetention) => dispatch({ type: 'retentionChanged', retention }),
    /** Notices raised since start (a history or profiles write that failed). */
    async refreshNotices() {
      const result = await call('getAppInfo', {});
      if (result.ok) dispatch({ type: 'noticesChanged', notices: result.value.notices });
    },

    send,
    cancelSend() {
      const requestId = latest().sending;
      if (requestId) void call('cancelSend', { requestId });
    },

    openHistory,
    async loadIntoComposer(entry: HistoryEntry) {
      const state = latest();
      const target = state.profiles.find((p) => p.id === entry.profile.id) ?? selectedProfile(state);
      if (!target) return;
      if (target.id !== state.selectedId) await selectProfile(target.id, true);
      dispatch({ type: 'draftChanged', change: (d) => draftFromHistory(entry, target.kind, d) });
      if (entry.run) {
        const run = entry.run;
        dispatch({ type: 'batchChanged', change: (b) => batchDraftFromRun(run, b) });
        dispatch({ type: 'modeChanged', mode: 'batch' });
        dispatch({ type: 'truncatedLoad', load: null });
        return;
      }
      dispatch({ type: 'modeChanged', mode: 'single' });
      // Send would send only the start of what was sent: the composer says so until the payload changes.
      const { text, size, truncated } = entry.payload;
      dispatch({ type: 'truncatedLoad', load: truncated ? { text, kept: utf8Length(text), size } : null });
      focusKey();
    },
    async deleteEntry(id: string) {
      const result = await call('deleteHistoryEntry', { id });
      if (!result.ok) return failed('deleteHistoryEntry', result.error);
      dispatch({ type: 'shown', shown: null });
    },
    async clearHistory() {
      const result = await call('clearHistory', {});
      if (!result.ok) return failed('clearHistory', result.error);
      if (latest().shown?.type === 'history') dispatch({ type: 'shown', shown: null });
    },

    /** A run started from the composer or from a run's history entry (a re-send): followed in the run panel. */
    showRun(runId: string) {
      dispatch({ type: 'batchChanged', change: (b) => ({ ...b, runId }) });
      dispatch({ type: 'shown', shown: { type: 'run' } });
    },
    showRunPanel: () => dispatch({ type: 'shown', shown: { type: 'run' } }),
    /** A re-send from the run panel: the panel follows the new run. */
    followRun: (runId: string) => dispatch({ type: 'batchChanged', change: (b) => ({ ...b, runId }) }),

    /** Loads a saved request into the composer; answers false when there is no profile to load it into. */
    async openSaved(saved: SavedRequestView) {
      const target = await openSaved(saved);
      focusKey();
      return target !== null;
    },
    /** Opens a saved request and sends it (a single record) or starts its run (a batch); answers false as openSaved does. */
    async runSaved(saved: SavedRequestView) {
      const target = await openSaved(saved);
      if (!target) return false;
      if (saved.request.kind === 'single') {
        void send();
        return true;
      }
      const input = runInputOf(saved.request, target.id);
      if (!input) return true;
      const started = await call('startRun', input);
      if (!started.ok) failed('startRun', started.error);
      else dispatch({ type: 'batchChanged', change: (b) => ({ ...b, runId: started.value.runId }) });
      return true;
    },
  };
}
