// How much history is kept: the last N entries and/or the last D days. Saving applies the limits
// at once (main compacts the file), so the dialog says that older entries go for good; "Compact
// now" only rewrites the file without deleted and beyond-limit entries.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AppError, CompactionReport, HistoryRetention, Result } from '../../../electron/contract';
import { RETENTION_MAX } from '../../../electron/shared/retention';
import { call } from '../../api';
import { formatNumber } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { messageId } from '../../ui/Field';

interface Props {
  retention: HistoryRetention;
  onSaved: (retention: HistoryRetention) => void;
  /** The history file changed: the list starts over. */
  onChanged: () => void;
  onClose: () => void;
  onError: (source: 'setHistoryRetention' | 'compactHistory', error: AppError) => void;
}

const LIMITS = {
  keepLast: { max: RETENTION_MAX.keepLast, initial: 10_000 },
  keepDays: { max: RETENTION_MAX.keepDays, initial: 90 },
};
type Limit = keyof typeof LIMITS;

export function HistorySettingsDialog({ retention, onSaved, onChanged, onClose, onError }: Props) {
  const { t } = useTranslation();
  const [on, setOn] = useState({ keepLast: retention.keepLast !== null, keepDays: retention.keepDays !== null });
  const [text, setText] = useState({
    keepLast: String(retention.keepLast ?? LIMITS.keepLast.initial),
    keepDays: String(retention.keepDays ?? LIMITS.keepDays.initial),
  });
  const [report, setReport] = useState<CompactionReport | null>(null);
  const [busy, setBusy] = useState(false);

  const parsed = (limit: Limit): number | null | 'invalid' => {
    if (!on[limit]) return null;
    const n = Number(text[limit].trim());
    return Number.isInteger(n) && n >= 1 && n <= LIMITS[limit].max ? n : 'invalid';
  };
  const values = { keepLast: parsed('keepLast'), keepDays: parsed('keepDays') };
  const invalid = values.keepLast === 'invalid' || values.keepDays === 'invalid';

  const run = async (op: 'setHistoryRetention' | 'compactHistory') => {
    if (invalid) return;
    setBusy(true);
    setReport(null);
    let result: Result<CompactionReport>;
    if (op === 'setHistoryRetention') {
      const saved = await call('setHistoryRetention', {
        keepLast: values.keepLast as number | null,
        keepDays: values.keepDays as number | null,
      });
      if (saved.ok) onSaved(saved.value.retention);
      result = saved;
    } else result = await call('compactHistory', {});
    setBusy(false);
    if (!result.ok) return onError(op, result.error);
    setReport(result.value);
    onChanged();
  };

  /** Reads "☑ Keep the last [N] entries"; the checkbox and the number carry names of their own. */
  const limitField = (limit: Limit, words: { prefix: string; unit: string; toggle: string; label: string }) => {
    const id = `history-${limit}`;
    return (
      <div className={`retention-limit${values[limit] === 'invalid' ? ' field-invalid' : ''}`}>
        <label className="inline-label">
          <input
            type="checkbox"
            aria-label={words.toggle}
            checked={on[limit]}
            onChange={(e) => setOn((o) => ({ ...o, [limit]: e.target.checked }))}
          />
          <span aria-hidden="true">{words.prefix}</span>
        </label>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={LIMITS[limit].max}
          aria-label={words.label}
          aria-invalid={values[limit] === 'invalid' || undefined}
          aria-describedby={messageId(id)}
          disabled={!on[limit]}
          value={text[limit]}
          onChange={(e) => setText((v) => ({ ...v, [limit]: e.target.value }))}
        />
        <span className="muted" aria-hidden="true">
          {words.unit}
        </span>
        <div id={messageId(id)} className="field-message">
          {values[limit] === 'invalid' && (
            <span className="error-text">{t('history.retention.range', { max: formatNumber(LIMITS[limit].max) })}</span>
          )}
        </div>
      </div>
    );
  };

  return (
    <Dialog
      title={t('history.retention.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="small" disabled={busy} onClick={() => void run('compactHistory')}>
            {t('history.retention.compact')}
          </button>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || invalid}
            onClick={() => void run('setHistoryRetention')}
          >
            {t('history.retention.save')}
          </button>
        </>
      }
    >
      <fieldset className="retention-fields">
        <legend>{t('history.retention.legend')}</legend>
        {limitField('keepLast', {
          prefix: t('history.retention.keepLast'),
          unit: t('history.retention.entries'),
          toggle: t('history.retention.limitCount'),
          label: t('history.retention.count'),
        })}
        {limitField('keepDays', {
          prefix: t('history.retention.keepDays'),
          unit: t('history.retention.days'),
          toggle: t('history.retention.limitAge'),
          label: t('history.retention.age'),
        })}
      </fieldset>
      <p className="warning-text retention-warning">{t('history.retention.warning')}</p>
      <p className="retention-report" role="status">
        {report &&
          t('history.retention.report', {
            count: report.removed,
            removed: formatNumber(report.removed),
            total: formatNumber(report.total),
            before: formatBytes(report.bytesBefore, t),
            after: formatBytes(report.bytesAfter, t),
          })}
      </p>
    </Dialog>
  );
}

function formatBytes(bytes: number, t: TFunction): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(unit === 0 ? value : Math.round(value * 10) / 10)} ${t(`history.retention.unit.${units[unit]}`)}`;
}
