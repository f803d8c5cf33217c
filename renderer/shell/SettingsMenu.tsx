// The top bar's language and theme, behind one button so the bar keeps to two rows at most in a
// 900 px window, in Russian too. The app's menu pattern (a <details>, as Copy as code): Enter or
// Space opens it, Tab goes through its two selects, Escape or a click outside closes it.
import { useTranslation } from 'react-i18next';
import { THEMES, type Language, type Theme } from '../../electron/shared/names';
import { useActions } from '../store/actions';
import { useStore } from '../store/StoreProvider';
import { Menu } from '../ui/Menu';

export function SettingsMenu() {
  const { t } = useTranslation();
  const { state } = useStore();
  const actions = useActions();

  return (
    <Menu label={t('settingsMenu.button')} className="menu settings-menu" buttonClassName="button small">
      <div className="menu-list settings-list" role="group" aria-label={t('settingsMenu.button')}>
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
      </div>
    </Menu>
  );
}
