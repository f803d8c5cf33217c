// The top bar's environment: which set of variables `{{env.NAME}}` take, switched in one pick, and
// "Edit environments…" for the dialog that writes the workspace's environment files. A selected
// environment this workspace lacks stays shown, marked as missing, rather than silently becoming "none".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions } from '../../store/actions';
import { useStore } from '../../store/StoreProvider';
import { lazyPart } from '../../ui/lazyPart';

const EnvironmentsDialog = lazyPart(() => import('./EnvironmentsDialog').then((m) => m.EnvironmentsDialog), 'overlay');

/** The select's value for "no environment" (an environment's name never is empty). */
const NONE = '';

export function EnvironmentPicker() {
  const { t } = useTranslation();
  const { state } = useStore();
  const actions = useActions();
  const [editing, setEditing] = useState(false);
  const view = state.environments;
  return (
    <span className="keep-together environment-picker">
      <label htmlFor="environment-select" className="inline-label">
        {t('environments.label')}
      </label>
      <select
        id="environment-select"
        className={view?.gone ? 'environment-gone' : undefined}
        title={view?.gone ? t('environmentPicker.goneHint', { name: view.gone }) : undefined}
        value={view?.selected ?? view?.gone ?? NONE}
        onFocus={() => void actions.environments.load()}
        onChange={(e) => void actions.environments.select(e.target.value === NONE ? null : e.target.value)}
      >
        <option value={NONE}>{t('environments.none')}</option>
        {view?.gone && (
          <option value={view.gone} disabled>
            {t('environmentPicker.gone', { name: view.gone })}
          </option>
        )}
        {view?.environments.map((env) => (
          <option key={env.name} value={env.name}>
            {env.name}
          </option>
        ))}
      </select>
      {/* "Edit…" beside the picker, as beside the connection's; its name says what it edits. */}
      <button
        type="button"
        className="small"
        aria-label={t('environments.edit')}
        title={t('environments.edit')}
        onClick={() => setEditing(true)}
      >
        {t('environments.editShort')}
      </button>
      {editing && <EnvironmentsDialog onClose={() => setEditing(false)} />}
    </span>
  );
}
