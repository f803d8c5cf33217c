// "Edit environments…": the workspace's environments, one at a time as a table of NAME = value
// rows; Save writes environments/<name>.yaml (renaming the file when the name changed), Delete
// removes it. A name that looks like a secret's gets a warning: workspace files are shared.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, EnvironmentView } from '../../../electron/contract';
import { ENV_VARIABLE_NAME, ENVIRONMENT_NAME, looksSecret } from '../../../electron/shared/env-vars';
import { errorText } from '../../i18n/mainError';
import { useActions } from '../../store/actions';
import { useStore } from '../../store/StoreProvider';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { ErrorBox } from '../../ui/ErrorBox';

interface Row {
  key: number;
  name: string;
  value: string;
}

let nextKey = 0;
const rowsOf = (env: EnvironmentView | null): Row[] => [
  ...Object.entries(env?.variables ?? {}).map(([name, value]) => ({ key: nextKey++, name, value })),
  { key: nextKey++, name: '', value: '' },
];

export function EnvironmentsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { state } = useStore();
  const actions = useActions();
  const environments = state.environments?.environments ?? [];
  /** The environment open in the editor by its saved name; null: a new one. */
  const [open, setOpen] = useState<string | null>(environments[0]?.name ?? null);
  const current = environments.find((e) => e.name === open) ?? null;
  const [name, setName] = useState(current?.name ?? '');
  const [rows, setRows] = useState<Row[]>(() => rowsOf(current));
  const [error, setError] = useState<AppError | null>(null);
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Opening reads the folder again: files changed outside the app (a `git pull`) show.
  useEffect(() => void actions.environments.load(), [actions]);

  const edit = (env: EnvironmentView | null) => {
    setOpen(env?.name ?? null);
    setName(env?.name ?? '');
    setRows(rowsOf(env));
    setError(null);
    setTried(false);
  };

  const filled = rows.filter((r) => r.name !== '' || r.value !== '');
  const nameProblem = !ENVIRONMENT_NAME.test(name) ? t('environments.badEnvironmentName') : null;
  const rowProblem = (row: Row): string | null => {
    if (row.name === '' && row.value === '') return null;
    if (!ENV_VARIABLE_NAME.test(row.name)) return t('environments.badName');
    if (filled.filter((r) => r.name === row.name).length > 1) return t('environments.duplicate', { name: row.name });
    return null;
  };
  const valid = !nameProblem && filled.every((r) => !rowProblem(r));

  const setRow = (key: number, patch: Partial<Row>) =>
    setRows((prev) => {
      const next = prev.map((r) => (r.key === key ? { ...r, ...patch } : r));
      // There is always one empty row to type a new variable into.
      const last = next[next.length - 1];
      return last && (last.name !== '' || last.value !== '')
        ? [...next, { key: nextKey++, name: '', value: '' }]
        : next;
    });

  const save = async () => {
    setTried(true);
    if (!valid) return;
    const variables = Object.fromEntries(filled.map((r) => [r.name, r.value]));
    const refused = await actions.environments.save(name, variables, open ?? undefined);
    setError(refused);
    if (!refused) setOpen(name);
  };

  const remove = async () => {
    setConfirming(false);
    if (open === null) return;
    const refused = await actions.environments.remove(open);
    setError(refused);
    if (!refused) edit(environments.find((e) => e.name !== open) ?? null);
  };

  const shownError = error ? errorText(t, error) : null;
  return (
    <Dialog
      title={t('environments.title')}
      onClose={onClose}
      wide
      className="environments-dialog"
      footer={
        <>
          {open !== null && (
            <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
              {t('environments.delete')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('environments.close')}
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            {t('environments.save')}
          </button>
        </>
      }
    >
      <div className="environments-layout">
        <nav className="environments-list" aria-label={t('environments.title')}>
          <ul>
            {environments.map((env) => (
              <li key={env.name}>
                <button
                  type="button"
                  className={env.name === open ? 'environment-item selected' : 'environment-item'}
                  aria-current={env.name === open || undefined}
                  onClick={() => edit(env)}
                >
                  <span className="environment-name" title={env.name}>
                    {env.name}
                  </span>
                  <span className="muted">{t('environments.count', { count: Object.keys(env.variables).length })}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="small" onClick={() => edit(null)}>
            {t('environments.new')}
          </button>
        </nav>
        <div className="environment-editor">
          {environments.length === 0 && open === null && (
            <p className="muted">{t('environments.empty', { ref: '{{env.NAME}}' })}</p>
          )}
          <label htmlFor="environment-name">{t('environments.nameLabel')}</label>
          <input
            id="environment-name"
            value={name}
            aria-invalid={(tried && nameProblem !== null) || undefined}
            aria-describedby="environment-name-problem"
            onChange={(e) => setName(e.target.value)}
            spellCheck={false}
          />
          <div id="environment-name-problem" className="field-message error-text">
            {tried ? nameProblem : null}
          </div>
          <p className="muted environment-shared">{t('environments.shared')}</p>
          <table className="environment-table">
            <thead>
              <tr>
                <th scope="col">{t('environments.variable')}</th>
                <th scope="col">{t('environments.value')}</th>
                <th scope="col">
                  <span className="sr-only">{t('environments.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => {
                const problem = rowProblem(row);
                const secret = looksSecret(row.name);
                const note = `environment-row-note-${row.key}`;
                return (
                  <tr key={row.key}>
                    <td>
                      <input
                        aria-label={t('environments.variableN', { n: i + 1 })}
                        value={row.name}
                        spellCheck={false}
                        aria-invalid={(problem !== null && (tried || row.name !== '')) || undefined}
                        aria-describedby={note}
                        onChange={(e) => setRow(row.key, { name: e.target.value })}
                      />
                      <div id={note} className="field-message">
                        {problem && (tried || row.name !== '') ? (
                          <span className="error-text">{problem}</span>
                        ) : (
                          secret && <span className="warning-text">{t('environments.secretWarning')}</span>
                        )}
                      </div>
                    </td>
                    <td>
                      <input
                        aria-label={t('environments.valueN', { n: i + 1 })}
                        value={row.value}
                        spellCheck={false}
                        onChange={(e) => setRow(row.key, { value: e.target.value })}
                      />
                    </td>
                    <td>
                      {(row.name !== '' || row.value !== '') && (
                        <button
                          type="button"
                          className="small"
                          aria-label={t('environments.removeN', { n: i + 1 })}
                          title={t('environments.remove')}
                          onClick={() => setRows((prev) => prev.filter((r) => r.key !== row.key))}
                        >
                          ×
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shownError && <ErrorBox text={shownError} />}
        </div>
      </div>
      {confirming && open !== null && (
        <ConfirmDialog
          danger
          title={t('environments.deleteTitle')}
          message={t('environments.deleteMessage', { name: open })}
          confirmLabel={t('environments.delete')}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </Dialog>
  );
}
