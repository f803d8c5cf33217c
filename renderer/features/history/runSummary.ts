// A run's figures in words, the same in the history list and in Compare: main's own failure names
// for runs (RunIncomplete, RunCancelled) are English, so the UI words the run from its figures.
import type { TFunction } from 'i18next';
import type { HistorySummary } from '../../../electron/contract';
import { formatNumber } from '../../i18n';

type RunFigures = Pick<NonNullable<HistorySummary['run']>, 'state' | 'total' | 'failed' | 'notSent'>;

export function runSummaryText(t: TFunction, run: RunFigures): string {
  return [
    t('batch.history.summary', { total: formatNumber(run.total), count: run.total }),
    run.failed > 0 && t('batch.history.failed', { count: run.failed, formatted: formatNumber(run.failed) }),
    run.notSent > 0 && t('batch.history.notSent', { count: run.notSent, formatted: formatNumber(run.notSent) }),
    (run.state === 'running' || run.state === 'interrupted') && t(`batch.run.state.${run.state}`),
  ]
    .filter(Boolean)
    .join(' · ');
}
