// How each record gets its partition key, with the one setting each strategy needs.
import { useTranslation } from 'react-i18next';
import { keyKindsFor, type BatchDraft, type KeyKind } from './batchDraft';

interface Props {
  draft: BatchDraft;
  /** Main's message about the key setting (bad path, bad key template). */
  error: string | null;
  onChange: (patch: Partial<BatchDraft>) => void;
}

export function KeyStrategyFields({ draft, error, onChange }: Props) {
  const { t } = useTranslation();
  const text = (id: string, label: string, value: string, key: keyof BatchDraft, placeholder?: string) => (
    <label className="batch-key-setting" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        type="text"
        className="mono"
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        aria-invalid={Boolean(error) || undefined}
        value={value}
        onChange={(e) => onChange({ [key]: e.target.value })}
      />
    </label>
  );

  return (
    <div className="batch-keys">
      <div className="batch-inline-fields">
        {/* One group: a wrapping row never leaves the long Russian label apart from its select. */}
        <span className="keep-together">
          <label htmlFor="batch-key-strategy" className="inline-label">
            {t('batch.keys.label')}
          </label>
          <select
            id="batch-key-strategy"
            value={draft.keyType}
            onChange={(e) => onChange({ keyType: e.target.value as KeyKind, keyChosen: true })}
          >
            {keyKindsFor(draft.source).map((k) => (
              <option key={k} value={k}>
                {t(`batch.keys.type.${k}`)}
              </option>
            ))}
          </select>
        </span>
        {draft.keyType === 'fixed' && text('batch-key-fixed', t('batch.keys.fixed'), draft.fixedKey, 'fixedKey')}
        {draft.keyType === 'sequential' && (
          <>
            {text('batch-key-prefix', t('batch.keys.prefix'), draft.keyPrefix, 'keyPrefix')}
            <label className="batch-key-setting" htmlFor="batch-key-start">
              <span>{t('batch.keys.start')}</span>
              <input
                id="batch-key-start"
                type="number"
                min={0}
                className="batch-number"
                value={draft.keyStart}
                onChange={(e) => onChange({ keyStart: e.target.value })}
              />
            </label>
          </>
        )}
        {draft.keyType === 'field' && text('batch-key-path', t('batch.keys.path'), draft.keyPath, 'keyPath', 'user.id')}
        {draft.keyType === 'template' &&
          text('batch-key-template', t('batch.keys.template'), draft.keyTemplate, 'keyTemplate', 'user-{{seq}}')}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
