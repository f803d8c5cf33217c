// The saved requests, as a drawer beside the workspace: folders (one level) and the requests in
// them, each to open in the composer, run in one click, rename, move or delete; folders to create,
// rename and delete (their requests move to the root); export of the picked requests or all of
// them, and import of an exported file. The workspace they are files of heads the drawer.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AppError,
  MovedIds,
  Result,
  SavedFolder,
  SavedList,
  SavedMoves,
  SavedRequestView,
  WorkspaceView,
} from '../../../electron/contract';
import { call } from '../../api';
import { errorText, type ErrorSource } from '../../i18n/mainError';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { targetStreamName } from '../../../electron/shared/addressing';
import { ErrorBox } from '../../ui/ErrorBox';
import { WorkspaceBar } from './WorkspaceBar';

interface Props {
  list: SavedList;
  /** The list after a change; `moved` names the requests whose id (their path) it changed. */
  onList: (list: SavedList, moved?: MovedIds) => void;
  workspace: WorkspaceView | null;
  onWorkspace: (workspace: WorkspaceView) => void;
  onOpen: (saved: SavedRequestView) => void;
  onRun: (saved: SavedRequestView) => void;
  /** Opens the save dialog for the composer's request (also Ctrl+S); null without a profile. */
  onSaveCurrent: (() => void) | null;
  onClose: () => void;
}

type Confirming = { type: 'request'; item: SavedRequestView } | { type: 'folder'; item: SavedFolder; count: number };

export function SavedPanel({ list, onList, workspace, onWorkspace, onOpen, onRun, onSaveCurrent, onClose }: Props) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newFolder, setNewFolder] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState('');
  // Shown in the drawer itself: the app's error bar would sit under it.
  const [failure, setFailure] = useState<{ source: ErrorSource; error: AppError } | null>(null);
  const onError = (source: ErrorSource, error: AppError) => setFailure({ source, error });
  const shownFailure = failure && errorText(t, failure.error);

  /** Calls an operation that answers the new list (or holds it in `list`, with the ids a move changed). */
  const change = async (op: ErrorSource, run: () => Promise<Result<SavedList | SavedMoves | { list: SavedList }>>) => {
    const result = await run();
    setFailure(null);
    if (!result.ok) {
      onError(op, result.error);
      return false;
    }
    const answer = result.value;
    const moved = 'moved' in answer ? answer.moved : {};
    // A picked request that moved stays picked under its new id.
    setPicked((old) => new Set([...old].map((id) => moved[id] ?? id)));
    onList('list' in answer ? answer.list : answer, moved);
    return true;
  };

  const exportSaved = async (ids?: string[]) => {
    const result = await call('exportSaved', ids ? { ids } : {});
    setFailure(null);
    if (!result.ok) return onError('exportSaved', result.error);
    if (result.value.path) setStatus(t('saved.exported', { count: result.value.count, path: result.value.path }));
  };

  const importSaved = async () => {
    const result = await call('importSaved', {});
    setFailure(null);
    if (!result.ok) return onError('importSaved', result.error);
    onList(result.value.list);
    if (result.value.path) setStatus(t('saved.imported', { count: result.value.imported, path: result.value.path }));
  };

  const togglePick = (id: string) =>
    setPicked((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const pickedIds = list.requests.filter((r) => picked.has(r.id)).map((r) => r.id);

  const requestRow = (r: SavedRequestView) => {
    const fileSource = r.request.kind === 'batch' && r.request.source.type === 'file';
    const summary =
      r.request.kind === 'single'
        ? t('saved.summarySingle', { stream: targetStreamName(r.request.target), key: r.request.partitionKey })
        : t(`saved.summaryBatch.${r.request.source.type}`, {
            stream: targetStreamName(r.request.target),
            count: r.request.source.type === 'rows' ? r.request.source.rows.length : 0,
            file: r.request.source.type === 'file' ? r.request.source.fileName : '',
          });
    return (
      <li key={r.id} className="saved-request" aria-label={r.name} data-testid="saved-request">
        <div className="saved-request-line">
          <input
            type="checkbox"
            aria-label={t('saved.pick', { name: r.name })}
            checked={picked.has(r.id)}
            onChange={() => togglePick(r.id)}
          />
          {renaming === r.id ? (
            <NameEditor
              label={t('saved.newName')}
              initial={r.name}
              onCancel={() => setRenaming(null)}
              onSubmit={async (name) => {
                if (await change('updateSaved', () => call('updateSaved', { id: r.id, name }))) setRenaming(null);
              }}
            />
          ) : (
            <span className="saved-name" title={r.name}>
              {r.name}
            </span>
          )}
          <span className="saved-kind">{t(`saved.kind.${r.request.kind}`)}</span>
        </div>
        <div className="saved-summary mono" title={summary}>
          {summary}
        </div>
        {r.profileId === null && r.profile && (
          <div className="hint-text">{t('saved.profileMissing', { name: r.profile.name })}</div>
        )}
        <div className="saved-actions">
          <button type="button" className="small" onClick={() => onOpen(r)}>
            {t('saved.open')}
          </button>
          <button
            type="button"
            className="small primary"
            disabled={fileSource}
            title={fileSource ? t('saved.fileNeedsOpen') : undefined}
            onClick={() => onRun(r)}
          >
            {t('saved.run')}
          </button>
          <button type="button" className="small" onClick={() => setRenaming(r.id)}>
            {t('saved.rename')}
          </button>
          <select
            className="small"
            aria-label={t('saved.moveTo', { name: r.name })}
            title={list.folders.find((f) => f.id === r.folderId)?.name ?? t('saved.noFolder')}
            value={r.folderId ?? ''}
            onChange={(e) =>
              void change('updateSaved', () => call('updateSaved', { id: r.id, folderId: e.target.value || null }))
            }
          >
            <option value="">{t('saved.noFolder')}</option>
            {list.folders.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="small danger-outline"
            onClick={() => setConfirming({ type: 'request', item: r })}
          >
            {t('saved.delete')}
          </button>
        </div>
      </li>
    );
  };

  const folderSection = (folder: SavedFolder) => {
    const inside = list.requests.filter((r) => r.folderId === folder.id);
    const open = !collapsed.has(folder.id);
    return (
      <li key={folder.id} className="saved-folder" aria-label={folder.name} data-testid="saved-folder">
        <div className="saved-folder-line">
          {renaming === folder.id ? (
            <NameEditor
              label={t('saved.newFolderName')}
              initial={folder.name}
              onCancel={() => setRenaming(null)}
              onSubmit={async (name) => {
                if (await change('renameFolder', () => call('renameFolder', { id: folder.id, name })))
                  setRenaming(null);
              }}
            />
          ) : (
            <button
              type="button"
              className="saved-folder-toggle"
              title={folder.name}
              aria-expanded={open}
              onClick={() =>
                setCollapsed((old) => {
                  const next = new Set(old);
                  if (!next.delete(folder.id)) next.add(folder.id);
                  return next;
                })
              }
            >
              <span aria-hidden="true">{open ? '▾' : '▸'}</span> {folder.name}{' '}
              <span className="saved-count">({inside.length})</span>
            </button>
          )}
          <span className="spacer" />
          <button
            type="button"
            className="small"
            aria-label={t('saved.renameFolder', { name: folder.name })}
            onClick={() => setRenaming(folder.id)}
          >
            {t('saved.rename')}
          </button>
          <button
            type="button"
            className="small danger-outline"
            aria-label={t('saved.deleteFolder', { name: folder.name })}
            onClick={() => setConfirming({ type: 'folder', item: folder, count: inside.length })}
          >
            {t('saved.delete')}
          </button>
        </div>
        {open &&
          (inside.length > 0 ? (
            <ul className="saved-list">{inside.map(requestRow)}</ul>
          ) : (
            <p className="hint-text saved-empty-folder">{t('saved.emptyFolder')}</p>
          ))}
      </li>
    );
  };

  const atRoot = list.requests.filter((r) => r.folderId === null);
  const empty = list.requests.length === 0 && list.folders.length === 0;

  return (
    <Dialog
      modeless
      className="dialog-saved"
      title={t('saved.title')}
      onClose={onClose}
      footer={
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <WorkspaceBar
        workspace={workspace}
        onError={onError}
        onOpened={(opened, next) => {
          setFailure(null);
          setPicked(new Set());
          onWorkspace(opened);
          onList(next);
          setStatus(t('workspace.opened', { name: opened.name }));
        }}
      />
      <div className="saved-toolbar">
        <button
          type="button"
          className="small primary"
          disabled={!onSaveCurrent}
          aria-keyshortcuts="Control+S Meta+S"
          onClick={() => onSaveCurrent?.()}
        >
          {t('saved.saveButton')}
        </button>
        <button type="button" className="small" onClick={() => setNewFolder('')}>
          {t('saved.newFolder')}
        </button>
        <button type="button" className="small" onClick={() => void importSaved()}>
          {t('saved.import')}
        </button>
        <button
          type="button"
          className="small"
          disabled={pickedIds.length === 0}
          onClick={() => void exportSaved(pickedIds)}
        >
          {t('saved.exportPicked', { count: pickedIds.length })}
        </button>
        <button
          type="button"
          className="small"
          disabled={list.requests.length === 0}
          onClick={() => void exportSaved()}
        >
          {t('saved.exportAll')}
        </button>
      </div>
      <p className="saved-status hint-text" role="status">
        {status}
      </p>
      {shownFailure && <ErrorBox text={shownFailure} />}
      {newFolder !== null && (
        <NameEditor
          label={t('saved.newFolderName')}
          initial=""
          onCancel={() => setNewFolder(null)}
          onSubmit={async (name) => {
            if (await change('createFolder', () => call('createFolder', { name }))) setNewFolder(null);
          }}
        />
      )}
      {empty ? (
        <p className="empty-state">{t('saved.empty')}</p>
      ) : (
        <ul className="saved-tree">
          {list.folders.map(folderSection)}
          {atRoot.map(requestRow)}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          danger
          title={confirming.type === 'request' ? t('saved.deleteTitle') : t('saved.deleteFolderTitle')}
          message={
            confirming.type === 'request'
              ? t('saved.deleteMessage', { name: confirming.item.name })
              : t('saved.deleteFolderMessage', { name: confirming.item.name, count: confirming.count })
          }
          confirmLabel={t('saved.delete')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const { type, item } = confirming;
            setConfirming(null);
            setPicked((old) => {
              const next = new Set(old);
              next.delete(item.id);
              return next;
            });
            void (type === 'request'
              ? change('deleteSaved', () => call('deleteSaved', { id: item.id }))
              : change('deleteFolder', () => call('deleteFolder', { id: item.id })));
          }}
        />
      )}
    </Dialog>
  );
}

/** An inline name field: Enter saves, Escape cancels. */
function NameEditor({
  label,
  initial,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial: string;
  onSubmit: (name: string) => Promise<void>;
  onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  return (
    <form
      className="saved-name-editor"
      onSubmit={(e) => {
        e.preventDefault();
        // The caller reports its own failures (change() shows them), so nothing is left to catch here.
        if (name.trim()) void onSubmit(name.trim());
      }}
    >
      <input
        aria-label={label}
        autoFocus
        maxLength={200}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <button type="submit" className="small primary" disabled={!name.trim()}>
        {t('saved.ok')}
      </button>
      <button type="button" className="small" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
