// The saved requests as the app shell uses them: the list (loaded once, replaced by every change),
// the drawer and the save dialog (Ctrl+S), and opening or running a saved request in the composer
// it belongs to. The profile it runs with is the one main matched (same id, else same name), else
// the current one.
import { useEffect, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, ProfileView, SavedList, SavedRequestView } from '../../../electron/contract';
import { call } from '../../api';
import type { ErrorSource } from '../../i18n/mainError';
import type { BatchDraft } from '../batch/batchDraft';
import type { ComposerMode } from '../batch/ModeTabs';
import { withTarget, type Draft } from '../composer/draft';
import { applySaved, batchDraftFromSaved, runInputOf, toSavedBatchBody, toSavedBody } from './savedBody';
import { SaveDialog } from './SaveDialog';
import { SavedPanel } from './SavedPanel';

interface Shell {
  profiles: ProfileView[];
  profile: ProfileView | null;
  selectProfile: (id: string, keepTarget: boolean) => Promise<void>;
  draft: Draft;
  setDraft: Dispatch<SetStateAction<Draft>>;
  batch: BatchDraft;
  setBatch: Dispatch<SetStateAction<BatchDraft>>;
  mode: ComposerMode;
  setMode: (mode: ComposerMode) => void;
  /** A saved request replaces the composer's payload: a warning about a truncated history payload no longer applies. */
  clearTruncated: () => void;
  report: (source: ErrorSource, error: AppError) => void;
}

export function useSavedRequests(shell: Shell) {
  const { t } = useTranslation();
  const { profiles, profile, draft, batch, mode, report } = shell;
  const [list, setList] = useState<SavedList>({ folders: [], requests: [] });
  const [panelOpen, setPanelOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [opened, setOpened] = useState<{ id: string; name: string; folderId: string | null } | null>(null);
  const [runRequested, setRunRequested] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void call('listSaved', {}).then((r) => (r.ok ? setList(r.value) : report('listSaved', r.error)));
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (profile) setSaving(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [profile]);

  const body = (() => {
    if (!profile) return null;
    if (mode === 'single') return { body: toSavedBody(profile.kind, draft), problem: null };
    return toSavedBatchBody(profile.kind, draft, batch);
  })();

  /** Loads a saved request into the composer; answers the profile it landed on. */
  const open = async (saved: SavedRequestView): Promise<ProfileView | null> => {
    const target = profiles.find((p) => p.id === saved.profileId) ?? profile;
    if (!target) return null;
    if (target.id !== profile?.id) await shell.selectProfile(target.id, true);
    const { request } = saved;
    if (request.kind === 'single') {
      shell.setDraft((d) => applySaved(request, target.kind, d));
      shell.setMode('single');
    } else {
      // The batch shares the composer's target: the single draft carries it.
      shell.setDraft((d) => withTarget(d, request.target, target.kind));
      shell.setBatch((b) => batchDraftFromSaved(request, b));
      shell.setMode('batch');
    }
    shell.clearTruncated();
    setOpened({ id: saved.id, name: saved.name, folderId: saved.folderId });
    return target;
  };

  const run = async (saved: SavedRequestView) => {
    const target = await open(saved);
    if (!target) return;
    if (saved.request.kind === 'single') return setRunRequested(true);
    const input = runInputOf(saved.request, target.id);
    if (!input) return;
    const started = await call('startRun', input);
    if (!started.ok) return report('startRun', started.error);
    shell.setBatch((b) => ({ ...b, runId: started.value.runId }));
  };

  const elements: ReactNode = (
    <>
      {panelOpen && (
        <SavedPanel
          list={list}
          onList={setList}
          onSaveCurrent={profile ? () => setSaving(true) : null}
          onOpen={(saved) => void open(saved).then(() => setTimeout(() => document.getElementById('partition-key')?.focus()))}
          onRun={(saved) => void run(saved)}
          onClose={() => setPanelOpen(false)}
        />
      )}
      {saving && profile && body && (
        <SaveDialog
          list={list}
          body={body.body}
          problem={body.problem && t(`saved.problem.${body.problem}`)}
          profileId={profile.id}
          opened={opened}
          onClose={() => setSaving(false)}
          onSaved={(saved, next) => {
            setList(next);
            setOpened({ id: saved.id, name: saved.name, folderId: saved.folderId });
            setSaving(false);
            setStatus(t('saved.savedAs', { name: saved.name }));
          }}
        />
      )}
    </>
  );

  const buttons: ReactNode = (
    <>
      <span className="saved-header-status hint-text" role="status">
        {status}
      </span>
      <button type="button" className="small" aria-expanded={panelOpen} title={t('saved.panelHint')} onClick={() => setPanelOpen((o) => !o)}>
        {t('saved.panelButton', { count: list.requests.length })}
      </button>
    </>
  );

  return { elements, buttons, runRequested, onRunStarted: () => setRunRequested(false) };
}
