// What a history entry sent: profile, stream, key and payload, as kept on disk. A payload kept
// whole is shown decoded, as the record's bytes would be read back; one kept in part as its text.
import { formatNumber } from '../../i18n';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../electron/contract';
import { encodePayload } from '../../../electron/shared/limits';
import { DecodedRecord } from '../decode/DecodedRecord';
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
  const sentBase64 = wholePayloadBase64(entry.payload);
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
        {sentBase64 !== null ? (
          <DecodedRecord
            dataBase64={sentBase64}
            pinKey={{ profileId: entry.profile.id, streamName: entry.streamName }}
            testId="history-payload-data"
          />
        ) : (
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
        )}
      </div>
    </div>
  );
}

/** The bytes a payload kept whole was sent as, in base64; null when history kept only its start. */
function wholePayloadBase64(payload: HistoryEntry['payload']): string | null {
  if (payload.truncated) return null;
  const encoded = encodePayload(payload.mode, payload.text);
  if (!encoded.ok) return null;
  let binary = '';
  // In slices: a spread of a whole 1 MiB record would pass the engine's argument limit.
  for (let i = 0; i < encoded.bytes.length; i += 0x8000)
    binary += String.fromCharCode(...encoded.bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
