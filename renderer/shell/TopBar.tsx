// The top bar: the app's name, the profile picker, the environment, "Verify every send", the language and the theme.
import { useTranslation } from 'react-i18next';
import { THEMES, type Language, type Theme } from '../../electron/shared/names';
import { EnvironmentPicker } from '../features/environments/EnvironmentPicker';
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
      <EnvironmentPicker />
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
      <span className="keep-together">
        <label htmlFor="theme-select" className="inline-label">
          {t('theme.label')}
        </label>
        <select
          id="theme-select"
          value={state.info.theme}
          onChange={(e) => void actions.changeTheme(e.target.value as Theme)}
        >
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(`theme.${theme}`)}
            </option>
          ))}
        </select>
      </span>
    </header>
  );
}
