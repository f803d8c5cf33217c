// "Show stored record": reads the sent record back from its shard and shows it decoded, with its
// arrival time and whether its bytes are the ones that were sent.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, DecodePinKey, ReadBackOutcome } from '../../../electron/contract';
import { call } from '../../api';
import { errorText } from '../../i18n/mainError';
import { CopyButton } from '../../ui/CopyButton';
import { formatTime } from '../history/formatTime';
import { DecodedRecord } from '../decode/DecodedRecord';
import { shown } from '../../ui/emptyValue';

type State =
  | { type: 'idle' }
  | { type: 'loading' }
  | { type: 'done'; outcome: ReadBackOutcome }
  | { type: 'failed'; error: AppError };

/**
 * Keyed by the caller on the history id, so another record starts from the button again. `auto`
 * reads at once, for "Verify every send".
 */
export function StoredRecord({
  historyId,
  auto,
  pinKey,
}: {
  historyId: string;
  auto: boolean;
  /** The connection and stream sent to: the chain pinned for it decodes the record. */
  pinKey: DecodePinKey;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>(auto ? { type: 'loading' } : { type: 'idle' });

  const load = () => {
    setState({ type: 'loading' });
    void readBack(historyId).then(setState);
  };

  // `auto` is the setting as it was at this send: turning it on later does not re-read records
  // already on screen.
  useEffect(() => {
    if (!auto) return;
    let live = true;
    void readBack(historyId).then((next) => {
      if (live) setState(next);
    });
    return () => {
      live = false;
    };
  }, [auto, historyId]);

  return (
    <section className="stored-record" aria-label={t('readBack.title')}>
      <button type="button" className="small" onClick={load} disabled={state.type === 'loading'}>
        {state.type === 'idle' ? t('readBack.show') : t('readBack.reload')}
      </button>
      {state.type === 'loading' && <p className="stored-record-status">{t('readBack.loading')}</p>}
      {state.type === 'failed' && <ReadBackError error={state.error} />}
      {state.type === 'done' && <Outcome outcome={state.outcome} pinKey={pinKey} />}
    </section>
  );
}

async function readBack(historyId: string): Promise<State> {
  const result = await call('readBack', { historyId });
  return result.ok ? { type: 'done', outcome: result.value } : { type: 'failed', error: result.error };
}

function ReadBackError({ error }: { error: AppError }) {
  const { t } = useTranslation();
  const text = errorText(t, error);
  return (
    <div className="failure" role="alert">
      <p className="error-message">{text.message}</p>
      {text.hint && (
        <div className="hint-box">
          <strong>{t('response.whatToDo')}</strong> {text.hint}
        </div>
      )}
    </div>
  );
}

function Outcome({ outcome, pinKey }: { outcome: ReadBackOutcome; pinKey: DecodePinKey }) {
  const { t, i18n } = useTranslation();
  if (!outcome.found || !outcome.record) return <p className="stored-record-status">{t('readBack.notFound')}</p>;
  const { record } = outcome;
  return (
    <>
      <Verdict matches={outcome.matches} />
      <dl className="result-fields">
        <div className="result-row">
          <dt>{t('readBack.arrivedAt')}</dt>
          <dd data-testid="stored-arrived">{shown(record.arrivedAt && formatTime(record.arrivedAt, i18n.language))}</dd>
        </div>
        <div className="result-row">
          <dt>{t('composer.partitionKey')}</dt>
          <dd>
            <span className="mono">{record.partitionKey}</span>
          </dd>
        </div>
        {/* A 56-digit number: it wraps inside the panel, and the copy button takes it whole. */}
        <div className="result-row">
          <dt>{t('response.sequenceNumber')}</dt>
          <dd>
            <span className="mono" data-testid="stored-sequence">
              {record.sequenceNumber}
            </span>
            <CopyButton
              text={record.sequenceNumber}
              label={t('response.copyField', { field: t('response.sequenceNumber') })}
              className="small"
            />
          </dd>
        </div>
      </dl>
      <DecodedRecord dataBase64={record.dataBase64} pinKey={pinKey} />
    </>
  );
}

function Verdict({ matches }: { matches: boolean | null }) {
  const { t } = useTranslation();
  if (matches === null)
    return (
      <div className="status-line status-unknown" data-testid="stored-verdict">
        {t('readBack.cannotCompare')}
      </div>
    );
  return (
    <div className={`status-line ${matches ? 'status-ok' : 'status-error'}`} data-testid="stored-verdict">
      <span className="status-icon" aria-hidden="true">
        {matches ? '✓' : '≠'}
      </span>
      {matches ? t('readBack.match') : t('readBack.differs')}
    </div>
  );
}
