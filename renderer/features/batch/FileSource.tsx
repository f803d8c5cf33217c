// A batch file: opened through main's dialog or dropped on the batch area (the drop itself is
// handled by BatchComposer). Shows what main made of it — format, rows, bad lines by number — and
// reads it again when the format or the CSV options change.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, BatchFileView } from '../../../electron/contract';
import { BATCH_FORMATS, type BatchFormat } from '../../../electron/shared/names';
import { call } from '../../api';
import { formatNumber } from '../../i18n';
import { errorText, problemText } from '../../i18n/mainError';
import { ErrorBox } from '../../ui/ErrorBox';

interface Props {
  file: BatchFileView | null;
  /** The name of a file a history run used, which history does not keep. */
  missingFile: string | null;
  csvPayloadColumn: string | null;
  csvTyped: boolean;
  onFile: (file: BatchFileView, csv?: { csvPayloadColumn: string | null; csvTyped: boolean }) => void;
  busy: boolean;
}

/** Bad lines listed before "N more". */
const SHOWN_ERRORS = 20;

export function FileSource({ file, missingFile, csvPayloadColumn, csvTyped, onFile, busy }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<{ source: 'openBatchFile' | 'parseBatchFile'; error: AppError } | null>(null);

  const open = async () => {
    setError(null);
    const r = await call('openBatchFile', {});
    if (!r.ok) return setError({ source: 'openBatchFile', error: r.error });
    if (r.value) onFile(r.value);
  };

  const reparse = async (format: BatchFormat, column: string | null, typed: boolean) => {
    if (!file) return;
    setError(null);
    const r = await call('parseBatchFile', {
      fileId: file.fileId,
      format,
      ...(format === 'csv' ? { csvPayloadColumn: column, csvTyped: typed } : {}),
    });
    if (!r.ok) return setError({ source: 'parseBatchFile', error: r.error });
    onFile(r.value, { csvPayloadColumn: column, csvTyped: typed });
  };

  const shown = error && errorText(t, error.error);

  return (
    <div className="batch-file">
      <div className="batch-file-open">
        <button type="button" className="small" onClick={() => void open()} disabled={busy}>
          {t('batch.file.open')}
        </button>
        <span className="hint-text">{t('batch.file.drop')}</span>
      </div>
      {!file && missingFile && (
        <p className="warning-box" role="status">
          {t('batch.file.notKept', { name: missingFile })}
        </p>
      )}
      {shown && <ErrorBox text={shown} />}
      {file && (
        <>
          <p className="batch-file-summary" data-testid="batch-file-summary">
            <span className="mono">{file.name}</span>
            <span className="muted"> · {t('batch.file.bytes', { size: formatNumber(file.bytes) })}</span>
            <span> · {t('batch.file.rows', { count: file.rows, formatted: formatNumber(file.rows) })}</span>
            {file.errorCount > 0 && (
              <span className="error-text">
                {' '}
                · {t('batch.file.badCount', { count: file.errorCount, formatted: formatNumber(file.errorCount) })}
              </span>
            )}
          </p>
          <div className="batch-inline-fields">
            <label className="inline-label" htmlFor="batch-file-format">
              {t('batch.file.format')}
            </label>
            <select
              id="batch-file-format"
              value={file.format}
              onChange={(e) => void reparse(e.target.value as BatchFormat, csvPayloadColumn, csvTyped)}
            >
              {BATCH_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`batch.format.${f}`)}
                </option>
              ))}
            </select>
            {file.format === 'csv' && (
              <>
                <label className="inline-label" htmlFor="batch-csv-column">
                  {t('batch.file.payloadColumn')}
                </label>
                <select
                  id="batch-csv-column"
                  value={csvPayloadColumn ?? ''}
                  onChange={(e) => void reparse('csv', e.target.value === '' ? null : e.target.value, csvTyped)}
                >
                  <option value="">{t('batch.file.wholeRow')}</option>
                  {(file.columns ?? []).map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
                <label className="inline-label">
                  <input
                    type="checkbox"
                    checked={csvTyped}
                    onChange={(e) => void reparse('csv', csvPayloadColumn, e.target.checked)}
                  />
                  {t('batch.file.typed')}
                </label>
              </>
            )}
          </div>
          {file.errors.length > 0 && (
            <div className="batch-bad-lines" role="region" aria-label={t('batch.file.badLines')}>
              <ul>
                {file.errors.slice(0, SHOWN_ERRORS).map((e) => (
                  <li key={e.line}>
                    <span className="batch-line">{t('batch.file.line', { line: e.line })}</span> {problemText(t, e)}
                  </li>
                ))}
              </ul>
              {file.errorCount > SHOWN_ERRORS && (
                <p className="muted">{t('batch.file.more', { count: file.errorCount - SHOWN_ERRORS })}</p>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
