// One send's result: success or failure as labelled fields, and the raw answer as JSON (on
// success the printout boto3 would show).
import { formatNumber } from '../../i18n';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SendFailure, SendResult } from '../../../electron/contract';
import { botoPrintout } from '../../../electron/shared/printout';
import { CopyButton } from '../../ui/CopyButton';
import { shown } from '../../ui/emptyValue';

interface Props {
  result: SendResult;
  latencyMs: number;
}

interface Row {
  key: string;
  label: string;
  value: string;
  testId?: string;
  mono?: boolean;
}

/** The hint in the UI language; main's English text where there is no translation (or no code). */
function hintOf(error: SendFailure, t: TFunction): string {
  // History entries written before hint codes existed have none.
  return error.hintCode ? t(`hints.${error.hintCode}`, { defaultValue: error.hint }) : error.hint;
}

export function ResultView({ result, latencyMs }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'fields' | 'raw'>('fields');
  const ms = (n: number) => t('response.ms', { value: formatNumber(n) });

  const rows: Row[] = result.ok
    ? [
        {
          key: 'shard',
          label: t('response.shard'),
          value: shown(result.response.shardId),
          testId: 'resp-shard',
          mono: true,
        },
        {
          key: 'seq',
          label: t('response.sequenceNumber'),
          value: shown(result.response.sequenceNumber),
          testId: 'resp-seq',
          mono: true,
        },
        { key: 'enc', label: t('response.encryptionType'), value: shown(result.response.encryptionType) },
        {
          key: 'http',
          label: t('response.httpStatus'),
          value: shown(result.response.httpStatus),
          testId: 'resp-http',
        },
        { key: 'rid', label: t('response.requestId'), value: shown(result.response.requestId), mono: true },
        { key: 'attempts', label: t('response.attempts'), value: String(result.response.attempts) },
        { key: 'delay', label: t('response.retryDelay'), value: ms(result.response.totalRetryDelayMs) },
        { key: 'latency', label: t('response.latency'), value: ms(latencyMs) },
      ]
    : [
        {
          key: 'http',
          label: t('response.httpStatus'),
          value: shown(result.error.httpStatus),
          testId: 'resp-http',
        },
        {
          key: 'retryable',
          label: t('response.retryable'),
          value: result.error.retryable ? t('common.yes') : t('common.no'),
        },
        { key: 'rid', label: t('response.requestId'), value: shown(result.error.requestId), mono: true },
        { key: 'attempts', label: t('response.attempts'), value: String(result.error.attempts) },
        { key: 'latency', label: t('response.latency'), value: ms(latencyMs) },
      ];

  const raw = JSON.stringify(result.ok ? botoPrintout(result.response) : result.error, null, 2);

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = tab === 'fields' ? 'raw' : 'fields';
    setTab(next);
    document.getElementById(`result-tab-${next}`)?.focus();
  };

  return (
    <div className="result">
      {result.ok ? (
        <div className="status-line status-ok">
          <span className="status-icon" aria-hidden="true">
            ✓
          </span>
          {t('response.success')}
        </div>
      ) : (
        <div className="failure">
          <div className="status-line status-error">
            <span className="status-icon" aria-hidden="true">
              ✕
            </span>
            <span data-testid="resp-error-name" className="error-name">
              {result.error.name}
            </span>
          </div>
          {/* The service's (or the socket's) own words, verbatim and in English: shown as raw output,
              beside the hint in the UI language. */}
          <p className="error-message mono" lang="en">
            {result.error.message}
          </p>
          {result.error.hint && (
            <div className="hint-box" data-testid="resp-hint">
              <strong>{t('response.whatToDo')}</strong> {hintOf(result.error, t)}
            </div>
          )}
        </div>
      )}

      <div className="tabs" role="tablist" aria-label={t('response.view')}>
        {(['fields', 'raw'] as const).map((id) => (
          <button
            key={id}
            id={`result-tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls={`result-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className="tab"
            onClick={() => setTab(id)}
            onKeyDown={onTabKey}
          >
            {t(`response.tab.${id}`)}
          </button>
        ))}
      </div>

      {tab === 'fields' ? (
        <div id="result-panel-fields" role="tabpanel" aria-labelledby="result-tab-fields">
          <dl className="result-fields">
            {rows.map((row) => (
              <div key={row.key} className="result-row">
                <dt>{row.label}</dt>
                <dd>
                  <span className={row.mono ? 'mono' : undefined} data-testid={row.testId}>
                    {row.value}
                  </span>
                  <CopyButton
                    text={row.value}
                    label={t('response.copyField', { field: row.label })}
                    className="small"
                  />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ) : (
        <div id="result-panel-raw" role="tabpanel" aria-labelledby="result-tab-raw" className="raw-panel">
          <CopyButton text={raw} label={t('response.copyRaw')} className="small raw-copy" />
          <pre className="code-block" tabIndex={0} role="region" aria-label={t('response.tab.raw')}>
            {raw}
          </pre>
        </div>
      )}
    </div>
  );
}
