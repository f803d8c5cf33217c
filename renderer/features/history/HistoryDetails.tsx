// What a history entry sent: profile, stream, key and payload, as kept on disk.
import { formatNumber } from '../../i18n';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../electron/contract';
import { lazyPart } from '../../ui/lazyPart';

const RunHistoryDetails = lazyPart(() => import('../batch/RunHistoryDetails').then((m) => m.RunHistoryDetails));

export function HistoryDetails({
  entry,
  onRunStarted,
}: {
  entry: HistoryEntry;
  onRunStarted: (runId: string) => void;
}) {
  const { t } = useTranslation();
  if (entry.run) return <RunHistoryDetails entry={entry} run={entry.run} onRunStarted={onRunStarted} />;
  return (
    <div className="history-details">
      <dl className="request-fields">
        <div className="result-row">
          <dt>{t('history.profile')}</dt>
          <dd>
            <span>
              {entry.profile.name}
              {entry.profile.name !== t(`kind.${entry.profile.kind}`) && (
                <span className="muted"> · {t(`kind.${entry.profile.kind}`)}</span>
              )}
            </span>
          </dd>
        </div>
        {entry.profile.endpoint && (
          <div className="result-row">
            <dt>{t('history.endpoint')}</dt>
            <dd className="mono">{entry.profile.endpoint}</dd>
          </div>
        )}
        <div className="result-row">
          <dt>{t('history.streamName')}</dt>
          <dd className="mono">{entry.streamName}</dd>
        </div>
        <div className="result-row">
          <dt>{t('history.partitionKey')}</dt>
          <dd className="mono">{entry.partitionKey}</dd>
        </div>
        {entry.explicitHashKey && (
          <div className="result-row">
            <dt>{t('history.hashKey')}</dt>
            <dd className="mono">{entry.explicitHashKey}</dd>
          </div>
        )}
      </dl>
      <div className="history-payload">
        <div className="payload-caption">
          {t('history.payload', {
            mode: t(`composer.mode.${entry.payload.mode}`),
            size: formatNumber(entry.payload.size),
          })}
          {entry.payload.truncated && <span className="warning-text"> · {t('history.truncated')}</span>}
        </div>
        <pre
          className="code-block payload-preview"
          tabIndex={0}
          role="region"
          aria-label={t('history.payload', {
            mode: t(`composer.mode.${entry.payload.mode}`),
            size: formatNumber(entry.payload.size),
          })}
        >
          {entry.payload.text}
        </pre>
      </div>
    </div>
  );
}
