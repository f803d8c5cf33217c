// The top bar: the app's name, the profile picker, "Verify every send" and the language.
import { useTranslation } from 'react-i18next';
import type { Language } from '../../electron/contract';
import { ProfilePicker } from '../features/profiles/ProfilePicker';
import { useActions } from '../store/actions';
import { selectedProfile } from '../store/state';
import { useStore } from '../store/StoreProvider';

export function TopBar() {
  const { t } = useTranslation();
  const { state } = useStore();
  const actions = useActions();
  const profile = selectedProfile(state);
  return (
    <header className="topbar">
      <h1 className="app-title">{t('app.title')}</h1>
      <ProfilePicker
        profiles={state.profiles}
        selectedId={state.selectedId}
        onSelect={(id) => void actions.selectProfile(id)}
        onEdit={() => profile && actions.editProfile(profile)}
        onCreate={() => actions.editProfile(null)}
      />
      <span className="spacer" />
      <label className="inline-label verify-sends" title={t('readBack.verifyEveryHint')}>
        <input
          type="checkbox"
          checked={state.info.verifySends}
          onChange={(e) => void actions.changeVerifySends(e.target.checked)}
        />
        {t('readBack.verifyEvery')}
      </label>
      {/* One group, so a wrapping bar never leaves the label on one row and its select on the next. */}
      <span className="keep-together">
        <label htmlFor="language-select" className="inline-label">
          {t('app.language')}
        </label>
        <select
          id="language-select"
          value={state.info.language}
          onChange={(e) => void actions.changeLanguage(e.target.value as Language)}
        >
          <option value="system">{t('app.languageSystem')}</option>
          <option value="en">English</option>
          <option value="ru">Русский</option>
        </select>
      </span>
    </header>
  );
}
