// A failed call that belongs to no form (loading profiles, opening an entry, ...), until dismissed.
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/mainError';
import { useActions } from '../store/actions';
import { useStore } from '../store/StoreProvider';

export function AppError() {
  const { t } = useTranslation();
  const { state } = useStore();
  const actions = useActions();
  const text = state.appError && errorText(t, state.appError.error);
  if (!text) return null;
  return (
    <div className="app-error" role="alert">
      <span>
        <strong>{text.message}</strong>
        {text.hint && <span className="error-hint">{text.hint}</span>}
      </span>
      <button type="button" className="small" onClick={actions.dismissError}>
        {t('notices.dismiss')}
      </button>
    </div>
  );
}
