// A record's bytes as main decodes them, wherever a record is shown (the tail, read-back, a sent
// record in history): its layers as chips ("gzip → json"), a menu to pick another chain, a pin
// that makes the chain every record of the stream's, and what the last layer shows — JSON that
// folds, text, hex, or the user records / log events a KPL record or a CloudWatch Logs envelope
// holds, each decoded on. A layer that fails says why, over the bytes as hex.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DecodeLayer,
  DecodePinKey,
  DecodedPart,
  DecodedRecord as Decoded,
  DecodedView,
} from '../../../electron/contract';
import type { ReasonWithParams } from '../../../electron/shared/reasons';
import { formatNumber } from '../../i18n';
import { errorText, problemText } from '../../i18n/mainError';
import { ChainMenu } from './ChainMenu';
import { JsonLines } from './JsonLines';
import { useDecoded, useDecodePin } from './useDecoded';
import { shown } from '../../ui/emptyValue';

interface Props {
  dataBase64: string;
  /** The connection and stream the record belongs to, for the pin; null: nothing to pin for. */
  pinKey: DecodePinKey | null;
  /** The test id of the shown data. */
  testId?: string;
}

const sameChain = (a: readonly DecodeLayer[] | null | undefined, b: readonly DecodeLayer[]) =>
  !!a && a.length === b.length && a.every((l, i) => l === b[i]);

/** The record's size from its base64, without decoding it. */
function sizeOf(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

export function DecodedRecord({ dataBase64, pinKey, testId = 'stored-data' }: Props) {
  const { t } = useTranslation();
  const pin = useDecodePin(pinKey);
  const [chosen, setChosen] = useState<DecodeLayer[] | null>(null);
  const layers = chosen ?? (pin.layers === undefined ? null : (pin.layers ?? []));
  const decoding = useDecoded(dataBase64, layers);
  const hexOnly = sameChain(chosen, ['hex']);
  const decoded = decoding.type === 'done' ? decoding.decoded : null;
  const pinned = pin.layers ?? null;

  return (
    <div className="decoded-record">
      <div className="decode-bar">
        <span className="decode-caption">{t('decode.chain')}</span>
        {decoded ? (
          <Chips layers={decoded.layers} testId="decode-chain" />
        ) : (
          <span className="muted">{decoding.type === 'loading' ? t('decode.loading') : shown(null)}</span>
        )}
        {decoded && (
          <ChainMenu
            key={decoded.layers.join()}
            current={decoded.layers}
            onApply={setChosen}
            onAuto={() => setChosen([])}
          />
        )}
        <button
          type="button"
          className="small"
          aria-pressed={hexOnly}
          onClick={() => setChosen(hexOnly ? null : ['hex'])}
        >
          {t('decode.hexButton')}
        </button>
        {pinKey && pinned && (
          <>
            <span
              className="decode-pinned"
              data-testid="decode-pinned"
              title={pinned.map((l) => t(`decode.layer.${l}`)).join(' → ')}
            >
              {t('decode.pinned')}
            </span>
            <button type="button" className="small" onClick={() => void pin.unpin().then(() => setChosen(null))}>
              {t('decode.unpin')}
            </button>
          </>
        )}
        {pinKey && decoded && !decoded.problem && !sameChain(pinned, decoded.layers) && (
          <button
            type="button"
            className="small"
            onClick={() => void pin.pin(decoded.layers).then(() => setChosen(null))}
          >
            {t('decode.pin')}
          </button>
        )}
        <span className="panel-meta">{t('decode.size', { value: formatNumber(sizeOf(dataBase64)) })}</span>
      </div>
      {pin.error && (
        <p className="error-text" role="alert">
          {errorText(t, pin.error).message}
        </p>
      )}
      {decoding.type === 'failed' && <DecodeError error={decoding.error} />}
      {decoded && <DecodedBody decoded={decoded} testId={testId} />}
    </div>
  );
}

function DecodeError({ error }: { error: Extract<ReturnType<typeof useDecoded>, { type: 'failed' }>['error'] }) {
  const { t } = useTranslation();
  const text = errorText(t, error);
  return (
    <div className="warning-box" role="alert">
      {text.message}
      {text.hint && <span className="error-hint">{text.hint}</span>}
    </div>
  );
}

function Chips({ layers, testId }: { layers: readonly DecodeLayer[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="decode-chips" data-testid={testId}>
      {layers.map((layer, i) => (
        <span key={`${i}-${layer}`} className="decode-chip">
          {t(`decode.layer.${layer}`)}
        </span>
      ))}
    </span>
  );
}

function Problem({ problem }: { problem: NonNullable<Decoded['problem']> }) {
  const { t } = useTranslation();
  return (
    <p className="warning-text decode-problem" role="status" data-testid="decode-problem">
      {/* Main made it from one of these reasons with its own parameters; the schema can only check their kinds. */}
      {problemText(t, problem as ReasonWithParams)}
    </p>
  );
}

function View({ view, testId }: { view: DecodedView; testId?: string }) {
  const { t } = useTranslation();
  const label = t('decode.data');
  return (
    <>
      {view.truncated && <p className="hint-text">{t('decode.cut', { size: formatNumber(view.bytes) })}</p>}
      {view.kind === 'json' ? (
        <JsonLines text={view.text} label={label} testId={testId} />
      ) : (
        <pre className="code-block" tabIndex={0} role="region" aria-label={label} data-testid={testId}>
          {view.text}
        </pre>
      )}
    </>
  );
}

function DecodedBody({ decoded, testId }: { decoded: Decoded; testId: string }) {
  const { t } = useTranslation();
  const kpl = decoded.layers.at(-1) === 'kpl';
  return (
    <>
      {decoded.problem && <Problem problem={decoded.problem} />}
      {decoded.view && <View view={decoded.view} testId={testId} />}
      {decoded.parts && (
        <section className="decode-parts" aria-label={t(kpl ? 'decode.userRecordsTitle' : 'decode.logEventsTitle')}>
          <p className="decode-parts-count" data-testid="decode-parts-count">
            {t(kpl ? 'decode.userRecords' : 'decode.logEvents', {
              count: decoded.partsTotal,
              formatted: formatNumber(decoded.partsTotal),
            })}
            {decoded.parts.length < decoded.partsTotal &&
              ` · ${t('decode.partsShown', { shown: formatNumber(decoded.parts.length) })}`}
          </p>
          {decoded.envelope && (
            <dl className="result-fields decode-envelope">
              {(['logGroup', 'logStream', 'owner'] as const).map((field) => (
                <div key={field} className="result-row">
                  <dt>{t(`decode.${field}`)}</dt>
                  <dd className="mono">{shown(decoded.envelope![field])}</dd>
                </div>
              ))}
            </dl>
          )}
          <ol className="decode-part-list">
            {decoded.parts.map((part, i) => (
              <Part key={i} part={part} kpl={kpl} />
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

function Part({ part, kpl }: { part: DecodedPart; kpl: boolean }) {
  const { t } = useTranslation();
  return (
    <li className="decode-part" data-testid="decode-part">
      <div className="decode-part-head">
        <span className="muted">{t(kpl ? 'decode.partitionKey' : 'decode.eventId')}</span>
        <span className="mono" data-testid="decode-part-label">
          {shown(part.label)}
        </span>
        {part.detail && (
          <>
            <span className="muted">{t(kpl ? 'decode.hashKey' : 'decode.eventTime')}</span>
            <span className="mono">{part.detail}</span>
          </>
        )}
        <Chips layers={part.layers} />
      </div>
      {part.problem && <Problem problem={part.problem} />}
      <View view={part.view} testId="decode-part-data" />
    </li>
  );
}
