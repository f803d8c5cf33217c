// The shell: top bar (profile, language), notices, and three panels — the request composer, the
// response (of the latest send or of a picked history entry) and the history list.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, AppInfo, ComposedRequest, HistoryEntry, Language, ProfileView, SandboxStatus, SendOutcome } from '../electron/contract';
import { utf8Length } from '../electron/shared/limits';
import { call } from './api';
import { Composer } from './features/composer/Composer';
import { batchDraftFromRun, initialBatchDraft, toPlan, type BatchDraft } from './features/batch/batchDraft';
import type { ComposerMode } from './features/batch/ModeTabs';
import { RunPanel } from './features/batch/RunPanel';
import { useRun } from './features/batch/useRun';
import { draftFromHistory, initialDraft, withProfileDefaults, type Draft, type TruncatedLoad } from './features/composer/draft';
import { HistoryDetails } from './features/history/HistoryDetails';
import { HistoryPanel } from './features/history/HistoryPanel';
import { formatTime } from './features/history/formatTime';
import { NoticeBanner } from './features/notices/NoticeBanner';
import { ProfileEditor } from './features/profiles/ProfileEditor';
import { ProfilePicker } from './features/profiles/ProfilePicker';
import { CopyAsCode } from './features/response/CopyAsCode';
import { ResponsePanel } from './features/response/ResponsePanel';
import { useSavedRequests } from './features/saved/useSavedRequests';
import { applyLanguage, resolveLanguage } from './i18n';
import { errorText, type ErrorSource } from './i18n/mainError';

type Shown = { type: 'outcome'; outcome: SendOutcome; request: ComposedRequest; time: string } | { type: 'history'; entry: HistoryEntry } | { type: 'run' };

export function App({ initialInfo }: { initialInfo: AppInfo }) {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState(initialInfo);
  const [profiles, setProfiles] = useState<ProfileView[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(initialDraft);
  const [composerMode, setComposerMode] = useState<ComposerMode>('single');
  const [batch, setBatch] = useState<BatchDraft>(initialBatchDraft);
  const [sandbox, setSandbox] = useState<SandboxStatus | null>(null);
  // Bumped after every change to the history: the history list fetches its pages again.
  const [historyVersion, setHistoryVersion] = useState(0);
  const [shown, setShown] = useState<Shown | null>(null);
  const [editing, setEditing] = useState<{ profile: ProfileView | null } | null>(null);
  const [appError, setAppError] = useState<{ source: ErrorSource; error: AppError } | null>(null);
  const [truncatedLoad, setTruncatedLoad] = useState<TruncatedLoad | null>(null);

  const profile = profiles.find((p) => p.id === selectedId) ?? null;
  // Followed here, not in the composer, so a run ending while another mode or panel is shown
  // still lands in the history list.
  const { event: runEvent, takeState: takeRunState } = useRun(batch.runId, () => void refreshHistory());

  const report = (source: ErrorSource, error: AppError) => setAppError({ source, error });

  const refreshHistory = useCallback(async () => {
    setHistoryVersion((v) => v + 1);
    // A history or profiles write that failed since shows its notice now, not at the next start.
    const result = await call('getAppInfo', {});
    if (result.ok) setInfo((old) => ({ ...old, notices: result.value.notices }));
  }, []);

  const refreshSandbox = useCallback(async () => {
    const result = await call('getSandboxStatus', {});
    if (result.ok) setSandbox(result.value);
    else report('getSandboxStatus', result.error);
  }, []);

  const loadProfiles = useCallback(async (preferId?: string | null) => {
    const result = await call('listProfiles', {});
    if (!result.ok) return report('listProfiles', result.error);
    const { profiles: list, lastUsedId } = result.value;
    setProfiles(list);
    const id = [preferId, lastUsedId, list[0]?.id].find((candidate) => candidate && list.some((p) => p.id === candidate)) ?? null;
    return { list, id };
  }, []);

  useEffect(() => {
    void (async () => {
      const loaded = await loadProfiles();
      if (loaded?.id) {
        setSelectedId(loaded.id);
        setDraft((d) => withProfileDefaults(d, loaded.list.find((p) => p.id === loaded.id)!));
      }
      await refreshHistory();
    })();
  }, [loadProfiles, refreshHistory]);

  useEffect(() => {
    if (profile?.kind === 'sandbox') void refreshSandbox();
  }, [profile?.kind, profile?.id, refreshSandbox]);

  const savedRequests = useSavedRequests({
    profiles,
    profile,
    selectProfile: (id, keepTarget) => selectProfile(id, keepTarget),
    draft,
    setDraft,
    batch,
    setBatch,
    mode: composerMode,
    setMode: setComposerMode,
    clearTruncated: () => setTruncatedLoad(null),
    report,
  });

  const selectProfile = async (id: string, keepTarget = false) => {
    const next = profiles.find((p) => p.id === id);
    if (!next) return;
    setSelectedId(id);
    if (!keepTarget) setDraft((d) => withProfileDefaults(d, next));
    const result = await call('selectProfile', { id });
    if (!result.ok) report('selectProfile', result.error);
  };

  const changeLanguage = async (language: Language) => {
    const result = await call('setLanguage', { language });
    if (!result.ok) return report('setLanguage', result.error);
    setInfo(result.value);
    await applyLanguage(resolveLanguage(result.value.language, result.value.systemLocale));
  };

  const changeVerifySends = async (on: boolean) => {
    const result = await call('setVerifySends', { on });
    if (!result.ok) return report('setVerifySends', result.error);
    setInfo(result.value);
  };

  const onOutcome = (outcome: SendOutcome, request: ComposedRequest) => {
    setShown({ type: 'outcome', outcome, request, time: new Date().toISOString() });
    void refreshHistory();
    if (profile?.kind === 'sandbox') void refreshSandbox();
  };

  const openHistory = async (id: string) => {
    const result = await call('getHistoryEntry', { id });
    if (result.ok) setShown({ type: 'history', entry: result.value });
    else report('getHistoryEntry', result.error);
  };

  const loadIntoComposer = async (entry: HistoryEntry) => {
    const target = profiles.find((p) => p.id === entry.profile.id) ?? profile;
    if (!target) return;
    if (target.id !== selectedId) await selectProfile(target.id, true);
    setDraft((d) => draftFromHistory(entry, target.kind, d));
    if (entry.run) {
      const run = entry.run;
      setBatch((b) => batchDraftFromRun(run, b));
      setComposerMode('batch');
      setTruncatedLoad(null);
      return;
    }
    setComposerMode('single');
    // Send would send only the start of what was sent: the composer says so until the payload changes.
    const { text, size, truncated } = entry.payload;
    setTruncatedLoad(truncated ? { text, kept: utf8Length(text), size } : null);
    setTimeout(() => document.getElementById('partition-key')?.focus());
  };

  const deleteEntry = async (id: string) => {
    const result = await call('deleteHistoryEntry', { id });
    if (!result.ok) return report('deleteHistoryEntry', result.error);
    setShown(null);
    await refreshHistory();
  };

  const clearHistory = async () => {
    const result = await call('clearHistory', {});
    if (!result.ok) return report('clearHistory', result.error);
    if (shown?.type === 'history') setShown(null);
    await refreshHistory();
  };

  const appErrorText = appError && errorText(t, appError.error);

  /** A run started from the composer or from a run's history entry (a re-send): followed in the run panel. */
  const showRun = (runId: string) => {
    setBatch((b) => ({ ...b, runId }));
    setShown({ type: 'run' });
  };

  const responseView = (() => {
    if (!shown || shown.type === 'run') return null;
    if (shown.type === 'outcome') {
      const { outcome } = shown;
      return {
        title: t('response.title'),
        subtitle: t('response.sentTo', { stream: outcome.streamName, time: formatTime(shown.time, i18n.language) }),
        result: outcome.result,
        latencyMs: outcome.latencyMs,
        historyId: outcome.historyId,
        verify: info.verifySends,
      };
    }
    const { entry } = shown;
    return {
      title: t('history.entryTitle'),
      subtitle: t('response.sentTo', { stream: entry.streamName, time: formatTime(entry.time, i18n.language) }),
      result: entry.result,
      latencyMs: entry.latencyMs,
      historyId: entry.id,
      details: <HistoryDetails entry={entry} onRunStarted={showRun} />,
      run: Boolean(entry.run),
      actions: (
        <div className="panel-actions">
          <button type="button" className="small" onClick={() => void loadIntoComposer(entry)}>
            {t('history.load')}
          </button>
          {!entry.run && <CopyAsCode source={() => ({ type: 'history', historyId: entry.id })} />}
          <button type="button" className="small danger-outline" onClick={() => void deleteEntry(entry.id)}>
            {t('history.delete')}
          </button>
        </div>
      ),
    };
  })();

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="app-title">{t('app.title')}</h1>
        <ProfilePicker
          profiles={profiles}
          selectedId={selectedId}
          onSelect={(id) => void selectProfile(id)}
          onEdit={() => profile && setEditing({ profile })}
          onCreate={() => setEditing({ profile: null })}
        />
        <span className="spacer" />
        <label className="inline-label verify-sends" title={t('readBack.verifyEveryHint')}>
          <input type="checkbox" checked={info.verifySends} onChange={(e) => void changeVerifySends(e.target.checked)} />
          {t('readBack.verifyEvery')}
        </label>
        <label htmlFor="language-select" className="inline-label">
          {t('app.language')}
        </label>
        <select id="language-select" value={info.language} onChange={(e) => void changeLanguage(e.target.value as Language)}>
          <option value="system">{t('app.languageSystem')}</option>
          <option value="en">English</option>
          <option value="ru">Русский</option>
        </select>
      </header>

      <NoticeBanner notices={info.notices} />
      {appErrorText && (
        <div className="app-error" role="alert">
          <span>
            <strong>{appErrorText.message}</strong>
            {appErrorText.hint && <span className="error-hint">{appErrorText.hint}</span>}
          </span>
          <button type="button" className="small" onClick={() => setAppError(null)}>
            {t('notices.dismiss')}
          </button>
        </div>
      )}

      <main className="workspace">
        <section className="panel composer-panel">
          <header className="panel-header">
            <h2>{t('composer.title')}</h2>
            {profile && (
              <span className="panel-meta">
                {t(`kind.${profile.kind}`)}
                {profile.endpoint && <span className="mono"> · {profile.endpoint}</span>}
              </span>
            )}
            {savedRequests.buttons}
          </header>
          <div className="panel-body">
            {profile ? (
              <Composer
                key={profile.id}
                profile={profile}
                draft={draft}
                onDraft={(patch) => setDraft((d) => ({ ...d, ...patch }))}
                sandbox={sandbox}
                onSandboxChanged={setSandbox}
                onOutcome={onOutcome}
                truncatedLoad={truncatedLoad?.text === draft.payloadText ? truncatedLoad : null}
                mode={composerMode}
                onMode={setComposerMode}
                batch={batch}
                onBatch={(patch) => setBatch((b) => ({ ...b, ...patch }))}
                batchRunEvent={runEvent}
                onBatchRunStarted={showRun}
                onShowRun={() => setShown({ type: 'run' })}
                runRequested={savedRequests.runRequested}
                onRunStarted={savedRequests.onRunStarted}
              />
            ) : (
              <p className="empty-state">{t('profiles.none')}</p>
            )}
          </div>
        </section>

        {shown?.type === 'run' && batch.runId ? (
          <RunPanel
            runId={batch.runId}
            event={runEvent}
            plan={toPlan(batch).plan}
            onState={takeRunState}
            onRunStarted={(runId) => setBatch((b) => ({ ...b, runId }))}
            onOpenHistory={(id) => void openHistory(id)}
          />
        ) : (
          <ResponsePanel shown={responseView} />
        )}

        <HistoryPanel
          version={historyVersion}
          selectedId={shown?.type === 'history' ? shown.entry.id : shown?.type === 'outcome' ? shown.outcome.historyId : null}
          retention={info.historyRetention}
          onRetention={(historyRetention) => setInfo((old) => ({ ...old, historyRetention }))}
          onSelect={(id) => void openHistory(id)}
          onRefresh={() => void refreshHistory()}
          onClear={() => void clearHistory()}
          onError={report}
        />
      </main>

      {savedRequests.elements}
      {editing && (
        <ProfileEditor
          profile={editing.profile}
          onClose={() => setEditing(null)}
          onSaved={async (saved) => {
            setEditing(null);
            await loadProfiles(saved.id);
            if (saved.id !== selectedId) {
              setSelectedId(saved.id);
              setDraft((d) => withProfileDefaults(d, saved));
              await call('selectProfile', { id: saved.id });
            } else {
              // Fill only what the user left empty with the profile's (new) defaults.
              setDraft((d) => ({ ...d, cloudId: d.cloudId || saved.ydsCloudId, databaseId: d.databaseId || saved.ydsDatabaseId }));
            }
          }}
          onDuplicated={async (copy) => {
            setEditing({ profile: copy });
            await loadProfiles(copy.id);
            setSelectedId(copy.id);
            setDraft((d) => withProfileDefaults(d, copy));
            await call('selectProfile', { id: copy.id });
          }}
          onDeleted={async (lastUsedId) => {
            setEditing(null);
            const loaded = await loadProfiles(lastUsedId);
            if (loaded?.id) {
              setSelectedId(loaded.id);
              setDraft((d) => withProfileDefaults(d, loaded.list.find((p) => p.id === loaded.id)!));
            } else setSelectedId(null);
          }}
        />
      )}
    </div>
  );
}
