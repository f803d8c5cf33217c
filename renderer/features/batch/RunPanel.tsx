// The middle panel while a load run is shown: its live figures and controls, then its report with
// the undelivered records' export and re-send. The run itself is followed by App (useRun), so it
// keeps being followed while this panel shows something else.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, RunEvent, RunPlan, RunState } from '../../../electron/contract';
import { call } from '../../api';
import { errorText, type ErrorSource } from '../../i18n/mainError';
import { RunView } from './RunView';
import { ErrorBox } from '../../ui/ErrorBox';

interface Props {
  runId: string;
  event: RunEvent | null;
  /** The composer's plan, for a re-send (its count and duration do not apply). */
  plan: RunPlan | null;
  /** The state pause / resume / cancel answered. */
  onState: (state: RunState) => void;
  onRunStarted: (runId: string) => void;
  onOpenHistory: (id: string) => void;
}

export function RunPanel({ runId, event, plan, onState, onRunStarted, onOpenHistory }: Props) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<{ source: ErrorSource; error: AppError } | null>(null);

  const control = async (op: 'pauseRun' | 'resumeRun' | 'cancelRun') => {
    setError(null);
    const r = await call(op, { runId });
    if (r.ok) onState(r.value.state);
    else setError({ source: op, error: r.error });
  };

  const exportRecords = async (op: 'exportUndelivered' | 'exportPossibleDuplicates') => {
    setError(null);
    const r = await call(op, { runId });
    if (!r.ok) return setError({ source: op, error: r.error });
    if (r.value.path) setStatus(t('batch.report.exported', { count: r.value.count, path: r.value.path }));
  };

  const resend = async () => {
    setError(null);
    const { ratePerSec = null, concurrency = 4, maxAttemptsPerRecord = 10, unansweredCalls } = plan ?? {};
    const r = await call('resendUndelivered', { runId, plan: { ratePerSec, concurrency, maxAttemptsPerRecord, unansweredCalls } });
    if (!r.ok) return setError({ source: 'resendUndelivered', error: r.error });
    setStatus('');
    onRunStarted(r.value.runId);
  };

  const shown = error && errorText(t, error.source, error.error);
  return (
    <section className="panel response-panel run-panel" data-testid="run-panel">
      <header className="panel-header">
        <h2>{t('batch.run.title')}</h2>
      </header>
      <div className="panel-body">
        {shown && (
          <ErrorBox text={shown} />
        )}
        {event ? (
          <RunView
            event={event}
            status={status}
            onPause={() => void control('pauseRun')}
            onResume={() => void control('resumeRun')}
            onCancel={() => void control('cancelRun')}
            onExport={() => void exportRecords('exportUndelivered')}
            onExportDuplicates={() => void exportRecords('exportPossibleDuplicates')}
            onResend={() => void resend()}
            onOpenHistory={onOpenHistory}
          />
        ) : (
          <p className="empty-state">{t('batch.run.starting')}</p>
        )}
      </div>
    </section>
  );
}
