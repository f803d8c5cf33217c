// A load run's history entry: where it went, how its records were made and planned, and its report,
// with export and re-send of its undelivered records once it has ended (interrupted runs too).
import { useTranslation } from 'react-i18next';
import type { HistoryEntry, KeyStrategyInput, ReplayHistory, RunHistory } from '../../../electron/contract';
import { UNCHANGED_RECORD_TEMPLATE } from '../../../electron/shared/replay';
import { formatTime } from '../history/formatTime';
import { formatNumber } from '../../i18n';
import { errorText } from '../../i18n/mainError';
import { ErrorBox } from '../../ui/ErrorBox';
import { OutcomeBadge } from '../history/OutcomeBadge';
import { ReportView } from './RunView';
import { useUndelivered } from './useUndelivered';

export function RunHistoryDetails({
  entry,
  run,
  onRunStarted,
}: {
  entry: HistoryEntry;
  run: RunHistory;
  onRunStarted: (runId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { request } = run;
  const { status, error, exportUndelivered, exportPossibleDuplicates, resend } = useUndelivered(
    run.runId,
    run.plan,
    onRunStarted,
  );
  const shown = error && errorText(t, error.error);
  const ended = run.report.state !== 'running';
  const template = templateShown(t, run);
  const rows: [string, string][] = [
    [t('history.profile'), entry.profile.name],
    [t('history.streamName'), entry.streamName],
    run.replay
      ? [t('replayAgain.source'), replayText(t, run.replay, i18n.language)]
      : [t('batch.history.source'), sourceText(t, run)],
    [t('batch.keys.label'), keysText(t, request.keys)],
    // An untransformed replay sends the bytes as they are: there is no payload mode to name.
    ...(run.replay && !template
      ? []
      : [[t('batch.payloadMode'), t(`composer.mode.${request.payloadMode}`)] satisfies [string, string]]),
    [t('batch.history.plan'), planText(t, run)],
  ];
  return (
    <div className="history-details run-history-details" data-testid="run-history-details">
      <dl className="request-fields">
        {rows.map(([label, value]) => (
          <div key={label} className="result-row">
            <dt>{label}</dt>
            <dd className="mono">{value}</dd>
          </div>
        ))}
      </dl>
      {template && (
        <div className="history-payload">
          <div className="payload-caption">{template.caption}</div>
          <pre className="code-block payload-preview" tabIndex={0} role="region" aria-label={template.label}>
            {template.text}
          </pre>
        </div>
      )}
      {ended ? (
        <ReportView
          report={run.report}
          onExport={() => void exportUndelivered()}
          onExportDuplicates={() => void exportPossibleDuplicates()}
          onResend={() => void resend()}
        />
      ) : (
        <p className="muted" data-testid="run-history-running">
          <OutcomeBadge outcome="running" /> {t('batch.history.running')}
        </p>
      )}
      {shown && <ErrorBox text={shown} />}
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </div>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

function templateShown(t: T, run: RunHistory): { caption: string; label: string; text: string } | null {
  const { source } = run.request;
  if (source.type !== 'template') return null;
  if (!run.replay)
    return { caption: t('batch.template.label'), label: t('batch.source.template'), text: source.template };
  // A replay's template is its transform: shown only when there is one.
  if (source.template === UNCHANGED_RECORD_TEMPLATE) return null;
  return { caption: t('replay.transformShown'), label: t('replay.transformShown'), text: source.template };
}

function sourceText(t: T, run: RunHistory): string {
  const source = run.request.source;
  if (source.type === 'rows') return t('batch.history.rows', { count: source.rows.length });
  if (source.type === 'template')
    return t('batch.history.template', { locale: t(`batch.template.localeName.${source.locale}`) });
  return t('batch.history.file', { name: run.sourceLabel, format: t(`batch.format.${source.format}`) });
}

function replayText(t: T, { from, select }: ReplayHistory, language: string): string {
  const stream = from.streamName;
  if (select.type === 'records')
    return t('replayAgain.picked', { stream, count: select.count, formatted: formatNumber(select.count) });
  if (select.type === 'range')
    return select.to === null
      ? t('replayAgain.rangeOpen', { stream, shard: select.shardId, from: select.from })
      : t('replayAgain.range', { stream, shard: select.shardId, from: select.from, to: select.to });
  return t('replayAgain.window', {
    stream,
    from: formatTime(select.from, language),
    to: formatTime(select.to, language),
  });
}

export function keysText(t: T, keys: KeyStrategyInput): string {
  const kind = t(`batch.keys.type.${keys.type}`);
  if (keys.type === 'fixed') return `${kind}: ${keys.value}`;
  if (keys.type === 'sequential') return `${kind}: ${keys.prefix ?? ''}${keys.start ?? 0}…`;
  if (keys.type === 'field') return `${kind}: ${keys.path}`;
  if (keys.type === 'template') return `${kind}: ${keys.template}`;
  return kind;
}

function planText(t: T, run: RunHistory): string {
  const { plan } = run;
  const parts = [
    ...(plan.count !== undefined
      ? [t('batch.history.count', { count: plan.count, formatted: formatNumber(plan.count) })]
      : []),
    ...(plan.durationSec !== undefined ? [t('batch.run.seconds', { value: plan.durationSec })] : []),
    plan.ratePerSec === null
      ? t('batch.plan.fast')
      : t('batch.run.perSecond', { value: formatNumber(plan.ratePerSec) }),
    t('batch.history.concurrency', { count: plan.concurrency }),
  ];
  return parts.join(' · ');
}
