// Export and re-send of a run's undelivered records, and export of its possible duplicates: from
// the run panel at the end of a run, and
// from the run's history entry (any run, after a restart too: main reads them from the journal).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, RunPlan } from '../../../electron/contract';
import { call } from '../../api';
import type { ErrorSource } from '../../i18n/mainError';

export function useUndelivered(
  runId: string,
  plan: Pick<RunPlan, 'ratePerSec' | 'concurrency' | 'maxAttemptsPerRecord' | 'unansweredCalls' | 'aggregate'> | null,
  onRunStarted: (runId: string) => void,
) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<{ source: ErrorSource; error: AppError } | null>(null);

  const exportRecords = async (op: 'exportUndelivered' | 'exportPossibleDuplicates') => {
    setError(null);
    const r = await call(op, { runId });
    if (!r.ok) return setError({ source: op, error: r.error });
    if (r.value.path) setStatus(t('batch.report.exported', { count: r.value.count, path: r.value.path }));
  };

  const resend = async () => {
    setError(null);
    const { ratePerSec = null, concurrency = 4, maxAttemptsPerRecord = 10, unansweredCalls, aggregate } = plan ?? {};
    // The user records go again as they went: aggregated when the run was.
    const r = await call('resendUndelivered', {
      runId,
      plan: { ratePerSec, concurrency, maxAttemptsPerRecord, unansweredCalls, ...(aggregate ? { aggregate } : {}) },
    });
    if (!r.ok) return setError({ source: 'resendUndelivered', error: r.error });
    setStatus('');
    onRunStarted(r.value.runId);
  };

  return {
    status,
    error,
    setError,
    exportUndelivered: () => exportRecords('exportUndelivered'),
    exportPossibleDuplicates: () => exportRecords('exportPossibleDuplicates'),
    resend,
  };
}
