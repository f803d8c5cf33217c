// Copies a value with the async clipboard API and says whether it worked; the value stays on
// screen either way, so a refused clipboard never loses anything.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  text: string;
  /** Accessible name, e.g. "Copy Shard". */
  label: string;
  className?: string;
}

export function CopyButton({ text, label, className }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <button
      type="button"
      className={`copy-button ${className ?? ''}`}
      aria-label={label}
      title={label}
      onClick={() => void copy()}
    >
      {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : t('common.copy')}
    </button>
  );
}
