// The template expressions, from main's own table (electron/templates), each with what it does and
// a sample output in the template's locale. Clicking an example inserts it into the template.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateHelpEntry } from '../../../electron/contract';
import type { TemplateLocale } from '../../../electron/shared/names';
import { call } from '../../api';

interface Props {
  locale: TemplateLocale;
  onInsert: (text: string) => void;
}

export function TemplateHelp({ locale, onInsert }: Props) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<TemplateHelpEntry[] | null>(null);

  useEffect(() => {
    let current = true;
    void call('getTemplateHelp', { locale }).then((r) => {
      if (current && r.ok) setEntries(r.value.entries);
    });
    return () => {
      current = false;
    };
  }, [locale]);

  const ru = i18n.language === 'ru';
  return (
    <div className="template-help" role="region" aria-label={t('batch.template.help')}>
      <p className="hint-text">{t('batch.template.helpIntro')}</p>
      {entries === null ? (
        <p className="muted">{t('batch.template.helpLoading')}</p>
      ) : (
        <ul className="template-help-list">
          {entries.map((e) => (
            <li key={e.expr}>
              <code className="template-help-expr">{e.expr}</code>
              <span className="template-help-what">{ru ? e.ru : e.en}</span>
              <span className="template-help-example">
                <button
                  type="button"
                  className="link-button mono"
                  title={t('batch.template.insert')}
                  onClick={() => onInsert(e.example)}
                >
                  {e.example}
                </button>
                <span className="muted mono template-help-output"> → {e.output}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
