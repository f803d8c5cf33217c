// Two history entries side by side, the older one on the left: what was sent where, how it went,
// and the payloads line by line with the differing lines marked (<del> left, <ins> right).
import { Fragment, useEffect, useEffectEvent, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, HistoryEntry } from '../../../electron/contract';
import { historyOutcome } from '../../../electron/shared/outcome';
import { call } from '../../api';
import { formatNumber } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { runSummaryText } from './runSummary';
import { lineDiff, sideBySide, type DiffLine } from './lineDiff';
import { shown } from '../../ui/emptyValue';

interface Props {
  ids: [string, string];
  onClose: () => void;
  onError: (error: AppError) => void;
}

export function CompareDialog({ ids, onClose, onError }: Props) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<[HistoryEntry, HistoryEntry] | null>(null);
  const [first, second] = ids;

  // Fetched once per pair: new callbacks from the parent need not fetch again.
  const fail = useEffectEvent((error: AppError) => {
    onError(error);
    onClose();
  });

  useEffect(() => {
    void (async () => {
      const results = await Promise.all([first, second].map((id) => call('getHistoryEntry', { id })));
      const failed = results.find((r) => !r.ok);
      if (failed && !failed.ok) return fail(failed.error);
      const both = results.flatMap((r) => (r.ok ? [r.value] : [])).sort((a, b) => a.time.localeCompare(b.time));
      setEntries([both[0], both[1]]);
    })();
  }, [first, second]);

  return (
    <Dialog
      title={t('history.compareTitle')}
      onClose={onClose}
      wide
      footer={
        <button type="button" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      }
    >
      {entries ? (
        <Comparison left={entries[0]} right={entries[1]} />
      ) : (
        <p className="muted">{t('history.compareLoading')}</p>
      )}
    </Dialog>
  );
}

function Comparison({ left, right }: { left: HistoryEntry; right: HistoryEntry }) {
  const { t, i18n } = useTranslation();
  const outcome = (e: HistoryEntry) => t(`history.${historyOutcome(e.result.ok, e.run?.report.state)}`);
  // A run under way has neither an error nor a duration yet, only what its stored result says of that.
  const running = (e: HistoryEntry) => e.run?.report.state === 'running';
  // A run is worded from its figures (main names a run's failure in English), with the service's
  // own words for what stopped it; a single send's failure is the service's name and message.
  const where = (e: HistoryEntry) => {
    if (running(e)) return t('batch.history.running');
    if (e.result.ok) return `${shown(e.result.response.shardId)} · ${shown(e.result.response.sequenceNumber)}`;
    if (!e.run) return `${e.result.error.name}: ${e.result.error.message}`;
    const stop = e.run.report.stopError;
    return [runSummaryText(t, e.run.report), stop && `${stop.name}: ${stop.message}`].filter(Boolean).join(' · ');
  };
  const fields: { label: string; value: (e: HistoryEntry) => string; mono?: boolean }[] = [
    {
      label: t('history.compareTime'),
      value: (e) => new Date(e.time).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }),
    },
    { label: t('history.profile'), value: (e) => `${e.profile.name} · ${t(`kind.${e.profile.kind}`)}` },
    { label: t('history.streamName'), value: (e) => e.streamName, mono: true },
    { label: t('history.partitionKey'), value: (e) => e.partitionKey, mono: true },
    { label: t('history.hashKey'), value: (e) => shown(e.explicitHashKey), mono: true },
    { label: t('history.compareOutcome'), value: outcome },
    { label: t('history.compareWhere'), value: where, mono: true },
    {
      label: t('response.latency'),
      value: (e) => (running(e) ? shown(null) : t('response.ms', { value: formatNumber(e.latencyMs) })),
    },
  ];
  const rows = sideBySide(lineDiff(left.payload.text, right.payload.text));
  const changed = rows.filter((r) => r.left?.type !== 'same').length;
  const payloadCaption = (e: HistoryEntry) => (
    <>
      {t('history.payload', { mode: t(`composer.mode.${e.payload.mode}`), size: formatNumber(e.payload.size) })}
      {e.payload.truncated && <span className="warning-text"> · {t('history.truncated')}</span>}
    </>
  );

  return (
    <div className="compare">
      <table className="data-table compare-fields">
        <thead>
          <tr>
            <td />
            <th scope="col">{t('history.compareLeft')}</th>
            <th scope="col">{t('history.compareRight')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map(({ label, value, mono }) => {
            const [a, b] = [value(left), value(right)];
            return (
              <tr
                key={label}
                className={a === b ? undefined : 'compare-differs'}
                data-differs={a === b ? undefined : true}
              >
                <th scope="row">{label}</th>
                <td className={mono ? 'mono' : undefined}>{a}</td>
                <td className={mono ? 'mono' : undefined}>{b}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="compare-summary" role="status">
        {changed === 0 ? t('history.compareSamePayload') : t('history.compareChangedLines', { count: changed })}
      </p>
      <div className="compare-payloads">
        <div className="payload-caption">{payloadCaption(left)}</div>
        <div className="payload-caption">{payloadCaption(right)}</div>
        {/* One grid, row by row, so a wrapped line on one side keeps the other side level with it. */}
        <div className="code-block compare-lines" tabIndex={0} role="region" aria-label={t('history.comparePayloads')}>
          {rows.map((row, k) => (
            <Fragment key={k}>
              <DiffCell line={row.left} side="left" />
              <DiffCell line={row.right} side="right" />
            </Fragment>
          ))}
        </div>
      </div>
    </div>
  );
}

function DiffCell({ line, side }: { line: DiffLine | null; side: 'left' | 'right' }): ReactNode {
  if (!line) return <div className="diff-line diff-gap" data-side={side} />;
  const text = line.text || '\u00a0';
  if (line.type === 'removed')
    return (
      <del className="diff-line diff-removed" data-side={side}>
        {text}
      </del>
    );
  if (line.type === 'added')
    return (
      <ins className="diff-line diff-added" data-side={side}>
        {text}
      </ins>
    );
  return (
    <div className="diff-line" data-side={side}>
      {text}
    </div>
  );
}
