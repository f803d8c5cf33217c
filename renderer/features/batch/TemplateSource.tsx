// The payload template: a plain textarea (positions in errors are line:column of this text), its
// faker locale, and the help panel whose examples insert at the cursor.
import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { TEMPLATE_LOCALES, type TemplateLocale } from '../../../electron/shared/names';
import { TemplateHelp } from './TemplateHelp';

interface Props {
  template: string;
  locale: TemplateLocale;
  invalid: boolean;
  onTemplate: (template: string) => void;
  onLocale: (locale: TemplateLocale) => void;
  editorRef: RefObject<HTMLTextAreaElement | null>;
}

export function TemplateSource({ template, locale, invalid, onTemplate, onLocale, editorRef }: Props) {
  const { t } = useTranslation();
  const [help, setHelp] = useState(false);

  // A textarea keeps its cursor while the help panel has the focus.
  const insert = (text: string) => {
    const area = editorRef.current;
    const at = area?.selectionStart ?? template.length;
    onTemplate(template.slice(0, at) + text + template.slice(at));
    setTimeout(() => {
      area?.focus();
      area?.setSelectionRange(at + text.length, at + text.length);
    });
  };

  return (
    <div className="batch-template">
      <div className="batch-inline-fields">
        <label htmlFor="batch-template" className="label">
          {t('batch.template.label')}
        </label>
        <span className="spacer" />
        <label htmlFor="batch-locale" className="inline-label">
          {t('batch.template.locale')}
        </label>
        <select id="batch-locale" value={locale} onChange={(e) => onLocale(e.target.value as TemplateLocale)}>
          {TEMPLATE_LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`batch.template.localeName.${l}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="small"
          aria-expanded={help}
          aria-controls="batch-template-help"
          onClick={() => setHelp((v) => !v)}
        >
          {t('batch.template.helpToggle')} <span aria-hidden="true">{help ? '▴' : '▾'}</span>
        </button>
      </div>
      <textarea
        id="batch-template"
        ref={editorRef}
        className="batch-template-editor mono"
        spellCheck={false}
        rows={7}
        aria-invalid={invalid || undefined}
        value={template}
        onChange={(e) => onTemplate(e.target.value)}
      />
      <div id="batch-template-help" hidden={!help}>
        {help && <TemplateHelp locale={locale} onInsert={insert} />}
      </div>
    </div>
  );
}
