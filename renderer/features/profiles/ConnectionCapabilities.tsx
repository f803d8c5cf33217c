// What the connection supports, as its last probe found (electron/kinesis/probe.ts): ✓ / ✗ / not
// checked per call, when it was checked, and "Check again". Nothing is asked until the user asks.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, CapabilityAnswer, ConnectionCapabilities as Report } from '../../../electron/contract';
import { CAPABILITIES } from '../../../electron/shared/names';
import { call } from '../../api';
import { errorText } from '../../i18n/mainError';
import { ErrorBox } from '../../ui/ErrorBox';
import { formatTime } from '../history/formatTime';
import { shown } from '../../ui/emptyValue';

const MARK: Record<CapabilityAnswer, string> = { yes: '✓', no: '✗', unknown: '?' };

export function ConnectionCapabilities({ profileId }: { profileId: string }) {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<Report | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  useEffect(() => {
    let current = true;
    void call('connectionCapabilities', { profileId }).then((r) => current && r.ok && setReport(r.value));
    return () => {
      current = false;
    };
  }, [profileId]);

  const check = async () => {
    setChecking(true);
    setFailure(null);
    const r = await call('probeConnection', { profileId });
    setChecking(false);
    if (r.ok) setReport(r.value);
    else setFailure(r.error);
  };

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
                {answer ? MARK[answer] : shown(null)}
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
