import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../electron/contract';

interface Props {
  profiles: ProfileView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onEdit: () => void;
  onCreate: () => void;
}

export function ProfilePicker({ profiles, selectedId, onSelect, onEdit, onCreate }: Props) {
  const { t } = useTranslation();
  const label = (p: ProfileView) => (p.name === t(`kind.${p.kind}`) ? p.name : `${p.name} — ${t(`kind.${p.kind}`)}`);
  const selected = profiles.find((p) => p.id === selectedId);
  return (
    <div className="profile-picker">
      <label htmlFor="profile-select">{t('profiles.profile')}</label>
      {/* A long name is cut in a narrow window: the tooltip keeps it whole. */}
      <select
        id="profile-select"
        value={selectedId ?? ''}
        title={selected && label(selected)}
        onChange={(e) => onSelect(e.target.value)}
      >
        {profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {label(p)}
          </option>
        ))}
      </select>
      <button type="button" className="small" onClick={onEdit} disabled={!selectedId}>
        {t('profiles.edit')}
      </button>
      <button type="button" className="small" onClick={onCreate}>
        {t('profiles.new')}
      </button>
    </div>
  );
}
