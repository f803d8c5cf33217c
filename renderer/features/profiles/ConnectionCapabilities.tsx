// What the connection supports, as its last probe found (electron/kinesis/probe.ts): ✓ / ✗ / not
// checked per call, when it was checked, and "Check again". Nothing is asked until the user asks.
import { useTranslation } from 'react-i18next';
import { CAPABILITIES } from '../../../electron/shared/names';
import { errorText } from '../../i18n/mainError';
import { ErrorBox } from '../../ui/ErrorBox';
import { formatTime } from '../history/formatTime';
import { shown } from '../../ui/emptyValue';
import { CAPABILITY_MARK, useCapabilities } from './useCapabilities';

export function ConnectionCapabilities({ profileId }: { profileId: string }) {
  const { t, i18n } = useTranslation();
  const { report, checking, failure, check } = useCapabilities(profileId, { probeFirst: false });

  return (
    <section className="span-2 capabilities" aria-labelledby="capabilities-title" data-testid="capabilities">
      <div className="capabilities-head">
        <h3 id="capabilities-title">{t('capabilities.title')}</h3>
        <button type="button" onClick={() => void check()} disabled={checking} aria-busy={checking}>
          {checking ? t('capabilities.checking') : report ? t('capabilities.checkAgain') : t('capabilities.check')}
        </button>
      </div>
      <ul className="capabilities-list">
        {CAPABILITIES.map((c) => {
          const answer = report?.calls[c] ?? null;
          return (
            <li key={c} data-capability={c} data-answer={answer ?? 'notChecked'}>
              <span className={`capability-mark capability-${answer ?? 'notChecked'}`} aria-hidden="true">
                {answer ? CAPABILITY_MARK[answer] : shown(null)}
              </span>
              <span>{t(`capabilities.call.${c}`)}</span>
              <span className="hint-text">
                {answer ? t(`capabilities.answer.${answer}`) : t('capabilities.answer.notChecked')}
              </span>
            </li>
          );
        })}
      </ul>
      {report && (
        <p className="hint-text" data-testid="capabilities-when">
          {t('capabilities.checkedAt', { time: formatTime(report.checkedAt, i18n.language) })}
          {report.stream ? ` ${t('capabilities.usedStream', { stream: report.stream })}` : ''}
        </p>
      )}
      {report?.problem && <p className="hint-text">{t('capabilities.problem', { problem: report.problem })}</p>}
      {failure && <ErrorBox text={errorText(t, failure)} />}
    </section>
  );
}
