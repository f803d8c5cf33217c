// "Copy as code": main generates the snippet (never with a secret in it); it goes to the clipboard
// and is shown in a dialog, so it can still be selected by hand where the clipboard is refused.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeLanguage, OperationInput } from '../../../electron/contract';
import { call } from '../../api';
import { CODE_LANGUAGES } from '../../../electron/shared/names';
import { errorText, type ErrorText } from '../../i18n/mainError';
import { Dialog } from '../../ui/Dialog';
import { CopyButton } from '../../ui/CopyButton';
import { ErrorBox } from '../../ui/ErrorBox';
import { Menu } from '../../ui/Menu';

type Source = OperationInput<'generateCode'>['source'];

interface Props {
  /** The source to generate from, or null when the composed request is not valid yet. */
  source: () => Source | null;
}

type Shown =
  | {
      language: CodeLanguage;
      code: string;
      copied: boolean;
      otherProfile: { name: string } | null;
      sandboxKey: boolean;
    }
  | { language: CodeLanguage; error: ErrorText };

export function CopyAsCode({ source }: Props) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown | null>(null);

  const generate = async (language: CodeLanguage) => {
    const src = source();
    if (!src) {
      setShown({ language, error: { message: t('code.fixFirst') } });
      return;
    }
    const result = await call('generateCode', { language, source: src });
    if (!result.ok) {
      setShown({ language, error: errorText(t, result.error) });
      return;
    }
    let copied = true;
    try {
      await navigator.clipboard.writeText(result.value.code);
    } catch {
      copied = false;
    }
    setShown({
      language,
      code: result.value.code,
      copied,
      otherProfile: result.value.otherProfile,
      sandboxKey: result.value.sandboxKey,
    });
  };

  return (
    <>
      <Menu label={t('code.copyAsCode')} className="menu" buttonClassName="button">
        <div className="menu-list" role="group" aria-label={t('code.copyAsCode')}>
          {CODE_LANGUAGES.map((language) => (
            <button key={language} type="button" className="menu-item" onClick={() => void generate(language)}>
              {t(`code.language.${language}`)}
            </button>
          ))}
        </div>
      </Menu>
      {shown && (
        <Dialog
          title={t('code.title', { language: t(`code.language.${shown.language}`) })}
          onClose={() => setShown(null)}
          wide
          footer={
            <>
              {'code' in shown && <CopyButton text={shown.code} label={t('code.copyCode')} />}
              <button type="button" onClick={() => setShown(null)} autoFocus>
                {t('common.close')}
              </button>
            </>
          }
        >
          {'code' in shown ? (
            <>
              <p className={shown.copied ? 'ok-text' : 'warning-text'}>
                {shown.copied ? t('code.copied') : t('code.notCopied')}
              </p>
              {shown.otherProfile && (
                <p className="warning-text" role="alert">
                  {t('code.otherProfile', { name: shown.otherProfile.name })}
                </p>
              )}
              <pre className="code-block" tabIndex={0} role="region" aria-label={t(`code.language.${shown.language}`)}>
                {shown.code}
              </pre>
              <p className="hint-text">{t(shown.sandboxKey ? 'code.sandboxKey' : 'code.noSecrets')}</p>
            </>
          ) : (
            <ErrorBox text={shown.error} />
          )}
        </Dialog>
      )}
    </>
  );
}
