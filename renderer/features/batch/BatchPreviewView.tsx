// The next records as main would send them (key, payload, bytes, shard), the problems with where
// to fix them, and how the keys spread over the stream's shards.
import { useTranslation } from 'react-i18next';
import type { BatchPreview, BatchProblem } from '../../../electron/contract';
import { formatNumber } from '../../i18n';
import { problemText } from '../../i18n/mainError';
import { ScrollRegion } from '../../ui/ScrollRegion';
import type { SourceKind } from './batchDraft';
import { shown } from '../../ui/emptyValue';

interface Props {
  preview: BatchPreview | null;
  pending: boolean;
  source: SourceKind;
  /** Puts the cursor at a template position ('source.template' or 'keys.template'). */
  onShowPosition: (field: string, line: number, column: number) => void;
}

const PAYLOAD_CHARS = 80;

export function BatchPreviewView({ preview, pending, source, onShowPosition }: Props) {
  const { t } = useTranslation();
  if (!preview) return pending ? <p className="muted batch-preview-pending">{t('batch.preview.loading')}</p> : null;
  const more = preview.problemCount - preview.problems.length;
  const widest = Math.max(1, ...(preview.spread ?? []).map((s) => s.count));

  return (
    <div className="batch-preview" data-testid="batch-preview" aria-busy={pending || undefined}>
      {preview.problems.length > 0 && (
        <div className="batch-problems" role="alert" data-testid="batch-problems">
          <strong>{t('batch.preview.problems', { count: preview.problemCount })}</strong>
          <ul>
            {preview.problems.map((p, i) => (
              <li key={i}>
                <span className="batch-line">{whereOf(t, p, source)}</span> {problemText(t, p)}
                {p.templateLine !== undefined && p.field && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onShowPosition(p.field!, p.templateLine!, p.templateColumn ?? 1)}
                  >
                    {t('batch.preview.show')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {more > 0 && <p className="muted">{t('batch.preview.moreProblems', { count: more })}</p>}
        </div>
      )}
      <div className="batch-section-title">
        <h3>{t('batch.preview.title')}</h3>
        {preview.total !== null && (
          <span className="muted">
            {t('batch.preview.total', { count: preview.total, formatted: formatNumber(preview.total) })}
          </span>
        )}
      </div>
      {preview.records.length > 0 ? (
        <ScrollRegion className="batch-preview-scroller" label={t('batch.preview.title')}>
          <table className="data-table batch-preview-table">
            <thead>
              <tr>
                <th className="batch-num">#</th>
                <th title={t('batch.preview.key')}>{t('batch.preview.key')}</th>
                <th>{t('batch.preview.payload')}</th>
                <th className="batch-num">{t('batch.preview.bytes')}</th>
                <th>{t('batch.preview.shard')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.records.map((r) => (
                <tr key={r.index}>
                  <td className="batch-num">{r.line ?? r.index + 1}</td>
                  <td className="mono batch-cell" title={r.partitionKey}>
                    {r.partitionKey}
                  </td>
                  <td className="mono batch-cell" title={r.payload.slice(0, 2000)}>
                    {r.payload.length > PAYLOAD_CHARS ? `${r.payload.slice(0, PAYLOAD_CHARS)}…` : r.payload}
                  </td>
                  <td className="batch-num">{formatNumber(r.bytes)}</td>
                  <td className="mono">{shown(r.shardId && shortShard(r.shardId))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : (
        <p className="muted">{t('batch.preview.none')}</p>
      )}
      {preview.spread && preview.spread.length > 0 && (
        <div className="batch-spread" data-testid="batch-spread">
          <div className="batch-section-title">
            <h3>{t('batch.preview.spread')}</h3>
            <span className="muted">
              {t('batch.preview.spreadOf', { count: preview.spreadOf, formatted: formatNumber(preview.spreadOf) })}
            </span>
          </div>
          <ShardBars counts={preview.spread} widest={widest} />
        </div>
      )}
    </div>
  );
}

/** Records per shard as bars; used by the preview's spread and the run report. */
export function ShardBars({ counts, widest }: { counts: { shardId: string; count: number }[]; widest: number }) {
  return (
    <ul className="shard-bars">
      {counts.map((s) => (
        <li key={s.shardId}>
          <span className="mono shard-bar-name" title={s.shardId}>
            {shortShard(s.shardId)}
          </span>
          <span className="shard-bar" aria-hidden="true">
            <span className="shard-bar-fill" style={{ width: `${((s.count / widest) * 100).toFixed(1)}%` }} />
          </span>
          <span className="shard-bar-count">{formatNumber(s.count)}</span>
        </li>
      ))}
    </ul>
  );
}

/** shardId-000000000003 → shard 3; other ids as they are. */
export function shortShard(id: string): string {
  const m = /^shardId-0*(\d+)$/.exec(id);
  return m ? `#${m[1]}` : id;
}

function whereOf(
  t: (key: string, options?: Record<string, unknown>) => string,
  p: BatchProblem,
  source: SourceKind,
): string {
  if (p.templateLine !== undefined) {
    const what = p.field === 'keys.template' ? t('batch.preview.keyTemplate') : t('batch.preview.template');
    return t('batch.preview.atPosition', { what, line: p.templateLine, column: p.templateColumn ?? 1 });
  }
  if (p.line !== undefined)
    return t(source === 'rows' ? 'batch.preview.atRow' : 'batch.preview.atLine', { line: p.line });
  if (p.index !== undefined) return t('batch.preview.atRecord', { n: p.index + 1 });
  return '';
}
