// The middle panel while a load run is shown: its live figures and controls, then its report with
// the undelivered records' export and re-send. The run itself is followed by the store (StoreProvider), so it
// keeps being followed while this panel shows something else.
import { useTranslation } from 'react-i18next';
import type { RunEvent, RunPlan, RunState } from '../../../electron/contract';
import { call } from '../../api';
import { errorText } from '../../i18n/mainError';
import { RunView } from './RunView';
import { AssertionChecklist } from '../assertions/AssertionChecklist';
import { useUndelivered } from './useUndelivered';
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
  const { status, error, setError, exportUndelivered, exportPossibleDuplicates, resend } = useUndelivered(
    runId,
    plan,
    onRunStarted,
  );

  const control = async (op: 'pauseRun' | 'resumeRun' | 'cancelRun') => {
    setError(null);
    const r = await call(op, { runId });
    if (r.ok) onState(r.value.state);
    else setError({ source: op, error: r.error });
  };

  const shown = error && errorText(t, error.error);
  return (
    <section className="panel response-panel run-panel" data-testid="run-panel">
      <header className="panel-header">
        <h2>{t('batch.run.title')}</h2>
      </header>
      <div className="panel-body">
        {shown && <ErrorBox text={shown} />}
        {event?.report?.historyId && <AssertionChecklist historyId={event.report.historyId} />}
        {event ? (
          <RunView
            event={event}
            status={status}
            onPause={() => void control('pauseRun')}
            onResume={() => void control('resumeRun')}
            onCancel={() => void control('cancelRun')}
            onExport={() => void exportUndelivered()}
            onExportDuplicates={() => void exportPossibleDuplicates()}
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
