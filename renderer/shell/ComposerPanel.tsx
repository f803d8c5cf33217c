// The left panel: the profile's kind and endpoint, the saved requests, and the composer.
import { useTranslation } from 'react-i18next';
import { Composer } from '../features/composer/Composer';
import { SavedRequests } from '../features/saved/SavedRequests';
import { selectedProfile } from '../store/state';
import { useStore } from '../store/StoreProvider';

export function ComposerPanel() {
  const { t } = useTranslation();
  const { state } = useStore();
  const profile = selectedProfile(state);
  return (
    <section className="panel composer-panel">
      <header className="panel-header">
        <h2>{t('composer.title')}</h2>
        {profile && (
          <span
            className="panel-meta"
            title={`${t(`kind.${profile.kind}`)}${profile.endpoint ? ` · ${profile.endpoint}` : ''}`}
          >
            {t(`kind.${profile.kind}`)}
            {profile.endpoint && <span className="mono"> · {profile.endpoint}</span>}
          </span>
        )}
        <SavedRequests />
      </header>
      <div className="panel-body">
        {profile ? (
          <Composer key={profile.id} profile={profile} />
        ) : (
          <p className="empty-state">{t('profiles.none')}</p>
        )}
      </div>
    </section>
  );
}
