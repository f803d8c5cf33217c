// What the probe knows about the connection, in one line above the stream browser's lists: a chip
// per call (✓ / ✗ / ?), its meaning and the time it was checked in the chip's tooltip, and "Check
// again". A connection never probed is probed on first open (harmless calls, kept for the session).
import { useTranslation } from 'react-i18next';
import { CAPABILITIES } from '../../../electron/shared/names';
import { errorText } from '../../i18n/mainError';
import { shown } from '../../ui/emptyValue';
import { formatTime } from '../history/formatTime';
import { CAPABILITY_MARK, useCapabilities } from '../profiles/useCapabilities';

export function CapabilityChips({ profileId }: { profileId: string }) {
  const { t, i18n } = useTranslation();
  const { report, checking, failure, check } = useCapabilities(profileId, { probeFirst: true });
  const when = report
    ? t('capabilities.checkedAt', { time: formatTime(report.checkedAt, i18n.language) })
    : t('connectionProbe.notChecked');
  const why = failure
    ? errorText(t, failure).message
    : report?.problem
      ? t('capabilities.problem', { problem: report.problem })
      : '';

  return (
    <div className="capability-chips" data-testid="capability-chips" aria-busy={checking}>
      <span className="hint-text">{t('connectionProbe.label')}</span>
      <ul aria-label={t('capabilities.title')}>
        {CAPABILITIES.map((c) => {
          const answer = report?.calls[c] ?? null;
          const answered = answer ? t(`capabilities.answer.${answer}`) : t('capabilities.answer.notChecked');
          return (
            <li
              key={c}
              className={`capability-chip capability-chip-${answer ?? 'notChecked'}`}
              data-capability={c}
              data-answer={answer ?? 'notChecked'}
              title={[`${t(`capabilities.call.${c}`)}: ${answered}.`, t(`connectionProbe.meaning.${c}`), when, why]
                .filter(Boolean)
                .join('\n')}
            >
              <span className={`capability-mark capability-${answer ?? 'notChecked'}`} aria-hidden="true">
                {answer ? CAPABILITY_MARK[answer] : shown(null)}
              </span>
              {t(`connectionProbe.short.${c}`)}
              <span className="sr-only">: {answered}</span>
            </li>
          );
        })}
      </ul>
      <button type="button" className="link-button" onClick={() => void check()} disabled={checking}>
        {checking ? t('capabilities.checking') : t('capabilities.checkAgain')}
      </button>
    </div>
  );
}
