// The saved requests in the composer's header: the drawer's button, the drawer, and the save
// dialog (Ctrl+S). The list is loaded once and replaced by every change. Opening or running one
// goes through the store's actions; the profile it runs with is the one main matched (same id,
// else same name), else the current one.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MovedIds, SavedList, SavedRequestView, WorkspaceView } from '../../../electron/contract';
import { call, subscribe } from '../../api';
import { useActions } from '../../store/actions';
import { selectedProfile } from '../../store/state';
import { useStore } from '../../store/StoreProvider';
import { toSavedBatchBody, toSavedBody } from './savedBody';
import { assertionsOf } from '../assertions/assertionDraft';
import { lazyPart } from '../../ui/lazyPart';

const SaveDialog = lazyPart(() => import('./SaveDialog').then((m) => m.SaveDialog), 'overlay');
const SavedPanel = lazyPart(() => import('./SavedPanel').then((m) => m.SavedPanel), 'overlay');

type Opened = { id: string; name: string; folderId: string | null };

/**
 * The request the composer came from, in a new list: followed to its new id (a move or a folder's
 * rename changes it), name and folder, so Save replaces it; null once it is gone.
 */
function followed(old: Opened | null, next: SavedList, moved: MovedIds = {}): Opened | null {
  if (!old) return old;
  const now = next.requests.find((r) => r.id === (moved[old.id] ?? old.id));
  return now ? { id: now.id, name: now.name, folderId: now.folderId } : null;
}

export function SavedRequests() {
  const { t } = useTranslation();
  const { state } = useStore();
  const actions = useActions();
  const profile = selectedProfile(state);
  const [list, setList] = useState<SavedList>({ folders: [], requests: [] });
  const [panelOpen, setPanelOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [status, setStatus] = useState('');
  const [workspace, setWorkspace] = useState<WorkspaceView | null>(null);

  // Fetched at start and again whenever main says the workspace changed on disk (a `git pull`).
  useEffect(() => {
    const load = () => {
      void call('listSaved', {}).then((r) => {
        if (!r.ok) return actions.failed('listSaved', r.error);
        setList(r.value);
        setOpened((old) => followed(old, r.value));
      });
      void call('getWorkspace', {}).then((r) => r.ok && setWorkspace(r.value));
    };
    load();
    return subscribe('saved', null, load);
  }, [actions]);

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
    if (state.mode === 'single') return { body: toSavedBody(profile.kind, state.draft), problem: null };
    return toSavedBatchBody(profile.kind, state.draft, state.batch);
  })();

  const remember = (saved: SavedRequestView) => setOpened({ id: saved.id, name: saved.name, folderId: saved.folderId });
  const follow = (next: SavedList, moved?: MovedIds) => {
    setList(next);
    setOpened((old) => followed(old, next, moved));
  };

  return (
    <>
      <span className="saved-header-status hint-text" role="status" title={status || undefined}>
        {status}
      </span>
      <button
        type="button"
        className="small"
        aria-expanded={panelOpen}
        title={t('saved.panelHint')}
        onClick={() => setPanelOpen((o) => !o)}
      >
        {t('saved.panelButton', { count: list.requests.length })}
      </button>
      {panelOpen && (
        <SavedPanel
          list={list}
          onList={follow}
          workspace={workspace}
          onWorkspace={(next) => {
            setWorkspace(next);
            setOpened(null);
          }}
          onSaveCurrent={profile ? () => setSaving(true) : null}
          onOpen={(saved) => void actions.openSaved(saved).then((loaded) => loaded && remember(saved))}
          onRun={(saved) => void actions.runSaved(saved).then((loaded) => loaded && remember(saved))}
          onClose={() => setPanelOpen(false)}
        />
      )}
      {saving && profile && body && (
        <SaveDialog
          list={list}
          body={body.body}
          problem={body.problem && t(`saved.problem.${body.problem}`)}
          assertions={assertionsOf(state.assertions)}
          profileId={profile.id}
          opened={opened}
          onClose={() => setSaving(false)}
          onSaved={(saved, next) => {
            setList(next);
            remember(saved);
            setSaving(false);
            setStatus(t('saved.savedAs', { name: saved.name }));
          }}
        />
      )}
    </>
  );
}
