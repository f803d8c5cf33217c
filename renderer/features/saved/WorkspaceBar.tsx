// The workspace at the head of the saved requests: its name (its folder as the tooltip), Open and
// New workspace, and the files of it that could not be used, each with its path and what to fix.
// A folder picked to open that is not a workspace yet is offered to be made one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, SavedList, WorkspaceView } from '../../../electron/contract';
import { call } from '../../api';
import { problemText } from '../../i18n/mainError';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

interface Props {
  workspace: WorkspaceView | null;
  onOpened: (workspace: WorkspaceView, list: SavedList) => void;
  onError: (op: 'openWorkspace' | 'newWorkspace', error: AppError) => void;
}

export function WorkspaceBar({ workspace, onOpened, onError }: Props) {
  const { t } = useTranslation();
  const [unmarked, setUnmarked] = useState<string | null>(null);

  const open = async (input: { path?: string; makeWorkspace?: boolean }) => {
    const result = await call('openWorkspace', input);
    if (!result.ok) return onError('openWorkspace', result.error);
    if (result.value.unmarked) setUnmarked(result.value.unmarked);
    if (result.value.workspace) onOpened(result.value.workspace, result.value.list);
  };
  const create = async () => {
    const result = await call('newWorkspace', {});
    if (!result.ok) return onError('newWorkspace', result.error);
    if (result.value.workspace) onOpened(result.value.workspace, result.value.list);
  };

  return (
    <section className="workspace-bar" aria-label={t('workspace.label')}>
      <div className="workspace-line">
        <span className="workspace-name" title={workspace?.path} data-testid="workspace-name">
          {t('workspace.label')}: <strong>{workspace?.name ?? '…'}</strong>
        </span>
        <button type="button" className="small" onClick={() => void open({})}>
          {t('workspace.open')}
        </button>
        <button type="button" className="small" onClick={() => void create()}>
          {t('workspace.new')}
        </button>
      </div>
      {workspace && workspace.problems.length > 0 && (
        <details className="workspace-problems" open>
          <summary>{t('workspace.problems', { count: workspace.problems.length })}</summary>
          <ul>
            {workspace.problems.map((p) => (
              <li key={p.path} data-testid="workspace-problem">
                <code>{p.path}</code> {problemText(t, p)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {unmarked && (
        <ConfirmDialog
          title={t('workspace.makeTitle')}
          message={t('workspace.makeMessage', { path: unmarked })}
          confirmLabel={t('workspace.make')}
          onCancel={() => setUnmarked(null)}
          onConfirm={() => {
            const path = unmarked;
            setUnmarked(null);
            void open({ path, makeWorkspace: true });
          }}
        />
      )}
    </section>
  );
}
