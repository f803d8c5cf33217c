// The top bar: the app's name, the profile picker, the environment, "Verify every send", and the
// language and theme in a settings menu.
import { useTranslation } from 'react-i18next';
import { EnvironmentPicker } from '../features/environments/EnvironmentPicker';
import { ProfilePicker } from '../features/profiles/ProfilePicker';
import { useActions } from '../store/actions';
import { selectedProfile } from '../store/state';
import { useStore } from '../store/StoreProvider';
import { SettingsMenu } from './SettingsMenu';

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
      <SettingsMenu />
    </header>
  );
}
