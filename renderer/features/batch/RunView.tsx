// A load run while it goes (figures, progress bar, acknowledged-per-second chart, pause/resume/
// cancel) and its report once it has ended: the fate of every record.
import { useTranslation } from 'react-i18next';
import type { RatePoint, RunEvent, RunProgress, RunReportView } from '../../../electron/contract';
import { formatNumber } from '../../i18n';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { ShardBars } from './BatchPreviewView';
import { shown } from '../../ui/emptyValue';

interface Props {
  event: RunEvent;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
  onExport: () => void;
  onExportDuplicates: () => void;
  onResend: () => void;
  onOpenHistory: ((id: string) => void) | null;
  /** A line about the last export or control action. */
  status: string;
}

export function RunView({
  event,
  onPause,
  onResume,
  onCancel,
  onExport,
  onExportDuplicates,
  onResend,
  onOpenHistory,
  status,
}: Props) {
  const { t } = useTranslation();
  const { progress, report } = event;
  const live =
    !report && (progress.state === 'running' || progress.state === 'paused' || progress.state === 'cancelling');

  return (
    <div className="batch-run" data-testid="batch-run">
      <div className="batch-section-title">
        <span className={`run-state run-state-${progress.state}`} data-testid="run-state">
          {t(`batch.run.state.${progress.state}`)}
        </span>
        <span className="spacer" />
        {live && (
          <>
            {progress.state === 'paused' ? (
              <button type="button" className="small" onClick={onResume}>
                {t('batch.run.resume')}
              </button>
            ) : (
              <button type="button" className="small" disabled={progress.state === 'cancelling'} onClick={onPause}>
                {t('batch.run.pause')}
              </button>
            )}
            <button
              type="button"
              className="small danger-outline"
              disabled={progress.state === 'cancelling'}
              onClick={onCancel}
            >
              {t('batch.run.cancel')}
            </button>
          </>
        )}
      </div>
      {report ? (
        <RateChart points={progress.ratePerSecond} elapsedMs={progress.elapsedMs} />
      ) : (
        <ProgressFigures progress={progress} />
      )}
      {report && (
        <ReportView
          report={report}
          onExport={onExport}
          onExportDuplicates={onExportDuplicates}
          onResend={onResend}
          onOpenHistory={onOpenHistory}
        />
      )}
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </div>
  );
}

function ProgressFigures({ progress: p }: { progress: RunProgress }) {
  const { t } = useTranslation();
  const ms = (v: number | null) => shown(v === null ? null : t('response.ms', { value: formatNumber(Math.round(v)) }));
  const figures: [string, string, string][] = [
    ['sent', t('batch.run.sent'), formatNumber(p.sent)],
    ['acknowledged', t('batch.run.acknowledged'), formatNumber(p.acknowledged)],
    ['failed', t('batch.run.failed'), formatNumber(p.failed)],
    ['retrying', t('batch.run.retrying'), formatNumber(p.retrying)],
    ['inFlight', t('batch.run.inFlight'), formatNumber(p.inFlight)],
    ['throttled', t('batch.run.throttled'), formatNumber(p.throttled)],
    ['rate', t('batch.run.rate'), t('batch.run.perSecond', { value: formatNumber(Math.round(p.currentRate)) })],
    [
      'sendRateLimit',
      t('batch.run.sendRateLimit'),
      p.sendRateLimit === null
        ? t('batch.run.noLimit')
        : t('batch.run.perSecond', { value: formatNumber(Math.round(p.sendRateLimit)) }),
    ],
    ['p50', t('batch.run.p50'), ms(p.latencyP50Ms)],
    ['p95', t('batch.run.p95'), ms(p.latencyP95Ms)],
    ['elapsed', t('batch.run.elapsed'), seconds(t, p.elapsedMs)],
    ['eta', t('batch.run.eta'), shown(p.etaMs === null ? null : seconds(t, p.etaMs))],
  ];
  const share = p.total ? Math.min(1, p.acknowledged / p.total) : null;
  return (
    <>
      {share !== null && (
        <div className="run-progress">
          <progress max={p.total!} value={p.acknowledged} aria-label={t('batch.run.progress')} />
          <span className="muted">
            {t('batch.run.ofTotal', {
              done: formatNumber(p.acknowledged),
              total: formatNumber(p.total!),
              percent: Math.floor(share * 100),
            })}
          </span>
        </div>
      )}
      <dl className="run-figures">
        {figures.map(([key, label, value]) => (
          <div key={key} className={`run-figure run-figure-${key}`}>
            <dt>{label}</dt>
            <dd data-testid={`run-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <RateChart points={p.ratePerSecond} elapsedMs={p.elapsedMs} />
    </>
  );
}

const CHART_W = 300;
const CHART_H = 60;

/**
 * The top of the rate axis: the peak rounded up to two significant digits (5 → 5, 101 → 110,
 * 4,321 → 4,400), so the line fills the box at 5 records/s as at 5,000 and the label stays short.
 */
export function rateAxisTop(peak: number): number {
  if (peak <= 1) return 1;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(peak)) - 1);
  return Math.ceil(peak / step) * step;
}

/** Acknowledged records per second against seconds of the run, with both axes labelled. */
function RateChart({ points: all, elapsedMs }: { points: RatePoint[]; elapsedMs: number }) {
  const { t } = useTranslation();
  // The second still under way has only part of its records: drawn, it would look like a drop.
  const points = all.length && all[all.length - 1].second >= Math.floor(elapsedMs / 1000) ? all.slice(0, -1) : all;
  if (points.length < 2) return null;
  const last = points[points.length - 1].second;
  const first = points[0].second;
  const peak = Math.max(...points.map((p) => p.acknowledged));
  const top = rateAxisTop(peak);
  const x = (s: number) => ((s - first) / Math.max(1, last - first)) * CHART_W;
  const y = (v: number) => CHART_H - (v / top) * CHART_H;
  return (
    <figure className="rate-chart" data-testid="rate-chart">
      <div className="rate-chart-plot">
        <div className="rate-chart-y" aria-hidden="true">
          <span>{formatNumber(top)}</span>
          <span className="rate-chart-unit">{t('batch.run.chartRateAxis')}</span>
          <span>0</span>
        </div>
        <svg
          viewBox={`0 0 ${CHART_W} ${CHART_H}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={t('batch.run.chart', { peak: formatNumber(peak) })}
        >
          <polyline points={points.map((p) => `${x(p.second).toFixed(1)},${y(p.acknowledged).toFixed(1)}`).join(' ')} />
        </svg>
        <div className="rate-chart-x" aria-hidden="true">
          <span>{t('batch.run.seconds', { value: formatNumber(first) })}</span>
          <span className="rate-chart-unit">{t('batch.run.chartTimeAxis')}</span>
          <span>{t('batch.run.seconds', { value: formatNumber(last) })}</span>
        </div>
      </div>
      <figcaption className="muted">{t('batch.run.chart', { peak: formatNumber(peak) })}</figcaption>
    </figure>
  );
}

interface ReportProps {
  report: RunReportView;
  onExport?: () => void;
  onExportDuplicates?: () => void;
  onResend?: () => void;
  onOpenHistory?: ((id: string) => void) | null;
}

/** The end of a run; also what a run's history entry shows (without the actions). */
export function ReportView({ report: r, onExport, onExportDuplicates, onResend, onOpenHistory }: ReportProps) {
  const { t } = useTranslation();
  // Records of unknown fate (a call without an answer, not sent again; or under way when the app
  // stopped) may be stored: they are counted apart, exported labelled, never re-sent.
  const undelivered = r.failed + r.notSent;
  const unknown = r.unknown ?? 0;
  const failuresTitle = t('batch.report.failures', {
    count: r.failed + unknown,
    formatted: formatNumber(r.failed + unknown),
  });
  // Entries from before it existed lack it.
  const possibleDuplicates = r.possibleDuplicates ?? 0;
  const widest = Math.max(1, ...r.acknowledgedPerShard.map((s) => s.count));
  const hint =
    r.stopError &&
    (r.stopError.hintCode ? t(`hints.${r.stopError.hintCode}`, { defaultValue: r.stopError.hint }) : r.stopError.hint);
  return (
    <div className="run-report" data-testid="run-report">
      <p
        className={`run-verdict ${r.state === 'cancelled' ? '' : undelivered || unknown ? 'error-text' : 'ok-text'}`}
        data-testid="run-verdict"
      >
        {r.state === 'cancelled'
          ? t('batch.report.cancelled', {
              count: r.total,
              acknowledged: formatNumber(r.acknowledged),
              total: formatNumber(r.total),
              undelivered: formatNumber(undelivered),
            })
          : r.state === 'interrupted'
            ? t('batch.report.interrupted', {
                count: r.total,
                acknowledged: formatNumber(r.acknowledged),
                total: formatNumber(r.total),
                undelivered: formatNumber(undelivered),
                unknown: formatNumber(unknown),
              })
            : undelivered
              ? t('batch.report.someUndelivered', {
                  count: r.total,
                  acknowledged: formatNumber(r.acknowledged),
                  total: formatNumber(r.total),
                  undelivered: formatNumber(undelivered),
                })
              : t('batch.report.allDelivered', { count: r.acknowledged, formatted: formatNumber(r.acknowledged) })}
      </p>
      <dl className="run-figures">
        <Figure id="report-acknowledged" label={t('batch.run.acknowledged')} value={formatNumber(r.acknowledged)} />
        <Figure id="report-failed" label={t('batch.run.failed')} value={formatNumber(r.failed)} />
        <Figure id="report-not-sent" label={t('batch.report.notSent')} value={formatNumber(r.notSent)} />
        {unknown > 0 && <Figure id="report-unknown" label={t('batch.report.unknown')} value={formatNumber(unknown)} />}
        {possibleDuplicates > 0 && (
          <Figure
            id="report-possible-duplicates"
            label={t('batch.report.possibleDuplicates')}
            value={formatNumber(possibleDuplicates)}
          />
        )}
        <Figure id="report-calls" label={t('batch.report.calls')} value={formatNumber(r.calls)} />
        <Figure id="report-throttled" label={t('batch.report.throttled')} value={formatNumber(r.throttled)} />
        <Figure id="report-duration" label={t('batch.report.duration')} value={seconds(t, r.durationMs)} />
      </dl>
      {r.stopError && (
        <div className="error-box" role="alert">
          <strong className="mono" lang="en">
            {r.stopError.name}: {r.stopError.message}
          </strong>
          {hint && <span className="error-hint">{hint}</span>}
        </div>
      )}
      {r.kinesisRecords !== undefined && (
        <p className="muted" data-testid="report-aggregated">
          {t('aggregation.report', {
            count: r.acknowledged,
            formatted: formatNumber(r.acknowledged),
            kinesis: formatNumber(r.kinesisRecords),
          })}
        </p>
      )}
      {r.acknowledgedPerShard.length > 0 && (
        <div data-testid="report-shards">
          <h4>{t('batch.report.perShard')}</h4>
          <ShardBars counts={r.acknowledgedPerShard} widest={widest} />
        </div>
      )}
      {possibleDuplicates > 0 && (
        <div className="run-failures" data-testid="report-possible-duplicates-list">
          <p className="warning-text">
            {t('batch.report.possibleDuplicatesNote', {
              count: possibleDuplicates,
              formatted: formatNumber(possibleDuplicates),
            })}
          </p>
          <ScrollRegion className="batch-preview-scroller" label={t('batch.report.possibleDuplicates')}>
            <table className="data-table run-failures-table">
              <thead>
                <tr>
                  <th className="batch-num">#</th>
                  <th>{t('batch.preview.key')}</th>
                </tr>
              </thead>
              <tbody>
                {(r.possibleDuplicateList ?? []).map((d) => (
                  <tr key={d.index}>
                    <td className="batch-num">{d.index + 1}</td>
                    <td className="mono batch-cell" title={d.partitionKey}>
                      {d.partitionKey}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      )}
      {r.failures.length > 0 && (
        <div className="run-failures">
          <h4>{failuresTitle}</h4>
          <ScrollRegion className="batch-preview-scroller" label={failuresTitle}>
            <table className="data-table run-failures-table" data-testid="report-failures">
              <thead>
                <tr>
                  <th className="batch-num">#</th>
                  <th>{t('batch.preview.key')}</th>
                  <th>{t('batch.report.error')}</th>
                  <th className="batch-num">{t('batch.report.attempts')}</th>
                </tr>
              </thead>
              <tbody>
                {r.failures.map((f) => (
                  <tr key={f.index}>
                    <td className="batch-num">{f.index + 1}</td>
                    <td className="mono batch-cell" title={f.partitionKey}>
                      {f.partitionKey}
                    </td>
                    <td>
                      {f.unknown && <strong className="warning-text">{t('batch.report.unknownFate')} </strong>}
                      <span className="mono">{f.errorCode}</span>{' '}
                      <span className="muted mono" lang="en">
                        {f.errorMessage}
                      </span>
                    </td>
                    <td className="batch-num">{f.attempts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {r.failed + unknown > r.failures.length && (
            <p className="muted">{t('batch.report.moreFailures', { count: r.failed + unknown - r.failures.length })}</p>
          )}
        </div>
      )}
      {r.resultsFileError && (
        <p className="warning-text">{t('batch.report.resultsFileError', { error: r.resultsFileError })}</p>
      )}
      {(onExport || onResend || (onOpenHistory && r.historyId)) && (
        <div className="panel-actions run-report-actions">
          {onExport && (
            <button type="button" className="small" disabled={undelivered + unknown === 0} onClick={onExport}>
              {t('batch.report.export')}
            </button>
          )}
          {onExportDuplicates && possibleDuplicates > 0 && (
            <button type="button" className="small" onClick={onExportDuplicates}>
              {t('batch.report.exportDuplicates')}
            </button>
          )}
          {onResend && (
            <button type="button" className="small" disabled={undelivered === 0} onClick={onResend}>
              {t('batch.report.resend', { count: undelivered })}
            </button>
          )}
          {onOpenHistory && r.historyId && (
            <button type="button" className="small" onClick={() => onOpenHistory(r.historyId!)}>
              {t('batch.report.openHistory')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function Figure({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="run-figure">
      <dt>{label}</dt>
      <dd data-testid={id}>{value}</dd>
    </div>
  );
}

function seconds(t: (key: string, options?: Record<string, unknown>) => string, ms: number): string {
  const s = ms / 1000;
  if (s < 60) return t('batch.run.seconds', { value: s.toFixed(1) });
  return t('batch.run.minutes', { m: Math.floor(s / 60), s: String(Math.floor(s % 60)).padStart(2, '0') });
}
