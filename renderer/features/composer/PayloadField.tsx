// The payload: its format, the lazily loaded editor, JSON tools, the live problem and size meter.
import { formatNumber } from '../../i18n';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYLOAD_MODES, type LimitFamily, type PayloadMode } from '../../../electron/shared/limits';
import { messageId } from '../../ui/Field';
import { formatJson, minifyJson } from './jsonFormat';

const PayloadEditor = lazy(() => import('./PayloadEditor'));

interface Props {
  mode: PayloadMode;
  text: string;
  error: string | null;
  /** False while the JSON does not parse (Format/Minify need valid JSON). */
  canReformat: boolean;
  size: number | null;
  family: LimitFamily;
  /** The largest record the stream takes (checkDraft's maxRecordBytes). */
  maxRecordBytes: number;
  /** Whether maxRecordBytes is the stream's own limit (checkDraft's streamLimit), not its family's. */
  streamLimit: boolean;
  onMode: (mode: PayloadMode) => void;
  onText: (text: string) => void;
  onSubmit: () => void;
  focusRef: { current: (() => void) | null };
}

export function PayloadField({
  mode,
  text,
  error,
  canReformat,
  size,
  family,
  maxRecordBytes,
  streamLimit,
  onMode,
  onText,
  onSubmit,
  focusRef,
}: Props) {
  const { t } = useTranslation();
  const labelId = 'payload-label';
  const focus = () => focusRef.current?.();

  return (
    <div className={`field payload-field${error ? ' field-invalid' : ''}`}>
      <div className="payload-toolbar">
        {/* The editable area lives in a shadow root, so it is named by aria-label; this visible
            label focuses it on click like a <label for> would (keyboard users tab to the field). */}
        {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions -- a label, not a control */}
        <span id={labelId} className="label" onClick={focus}>
          {t('composer.payload')}
        </span>
        <label htmlFor="payload-format" className="inline-label">
          {t('composer.payloadFormat')}
        </label>
        <select id="payload-format" value={mode} onChange={(e) => onMode(e.target.value as PayloadMode)}>
          {PAYLOAD_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`composer.mode.${m}`)}
            </option>
          ))}
        </select>
        {mode === 'json' && (
          <span className="toolbar-group">
            <button type="button" className="small" disabled={!canReformat} onClick={() => onText(formatJson(text))}>
              {t('composer.format')}
            </button>
            <button type="button" className="small" disabled={!canReformat} onClick={() => onText(minifyJson(text))}>
              {t('composer.minify')}
            </button>
          </span>
        )}
      </div>
      <Suspense fallback={<div className="payload-editor payload-loading">{t('composer.loadingEditor')}</div>}>
        <PayloadEditor
          value={text}
          mode={mode}
          label={t('composer.payload')}
          invalid={Boolean(error)}
          placeholderText={t(`composer.placeholder.${mode}`)}
          onChange={onText}
          onSubmit={onSubmit}
          focusRef={focusRef}
        />
      </Suspense>
      <div id={messageId('payload')} className="field-message" role={error ? 'alert' : undefined}>
        {error ? (
          <span className="error-text">{error}</span>
        ) : (
          mode === 'json' && canReformat && <span className="ok-text">{t('composer.jsonValid')}</span>
        )}
      </div>
      <SizeMeter size={size} family={family} limit={maxRecordBytes} streamLimit={streamLimit} />
    </div>
  );
}

const MiB = 1024 * 1024;

function SizeMeter({
  size,
  family,
  limit,
  streamLimit,
}: {
  size: number | null;
  family: LimitFamily;
  limit: number;
  streamLimit: boolean;
}) {
  const { t } = useTranslation();
  const ratio = size === null ? 0 : Math.min(1, size / limit);
  const level = size === null ? 'unknown' : size > limit ? 'over' : ratio > 0.9 ? 'near' : 'ok';
  return (
    <div className={`size-meter size-${level}`}>
      <div className="size-bar" aria-hidden="true">
        <div className="size-fill" style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
      </div>
      <span className="size-text">
        {streamLimit
          ? // The stream said its own maximum (a raised AWS stream's may be up to 10 MiB): named as the stream's.
            t(size === null ? 'recordSizeMeter.streamUnknown' : 'recordSizeMeter.stream', {
              size: formatNumber(size ?? 0),
              limit: formatNumber(limit),
              mib: formatNumber(Math.round((limit / MiB) * 100) / 100),
            })
          : size === null
            ? t('composer.sizeUnknown', { limit: formatNumber(limit) })
            : t('composer.size', {
                size: formatNumber(size),
                limit: formatNumber(limit),
                family: t(`composer.family.${family}`),
              })}
      </span>
    </div>
  );
}
