// The composer's two modes: one record, or a batch / load run. Arrow keys move between the tabs.
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export type ComposerMode = 'single' | 'batch';
const MODES: ComposerMode[] = ['single', 'batch'];

export function ModeTabs({ mode, onMode }: { mode: ComposerMode; onMode: (mode: ComposerMode) => void }) {
  const { t } = useTranslation();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = mode === 'single' ? 'batch' : 'single';
    onMode(next);
    setTimeout(() => document.getElementById(`composer-mode-${next}`)?.focus());
  };
  return (
    <div className="tabs composer-mode-tabs" role="tablist" aria-label={t('batch.mode.label')}>
      {MODES.map((m) => (
        <button
          key={m}
          id={`composer-mode-${m}`}
          type="button"
          role="tab"
          className="tab"
          aria-selected={mode === m}
          tabIndex={mode === m ? 0 : -1}
          onClick={() => onMode(m)}
          onKeyDown={onKeyDown}
        >
          {t(`batch.mode.${m}`)}
        </button>
      ))}
    </div>
  );
}
