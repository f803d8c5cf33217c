// The middle panel: the run being followed, or the response of the latest send or of a picked
// history entry, with what can be done with that entry.
import { useTranslation } from 'react-i18next';
import { numericPlan, toPlan } from '../features/batch/batchDraft';
import { formatTime } from '../features/history/formatTime';
import { HistoryDetails } from '../features/history/HistoryDetails';
import { CopyAsCode } from '../features/response/CopyAsCode';
import { ResponsePanel } from '../features/response/ResponsePanel';
import { useActions } from '../store/actions';
import { useStore } from '../store/StoreProvider';
import { lazyPart } from '../ui/lazyPart';

const RunPanel = lazyPart(() => import('../features/batch/RunPanel').then((m) => m.RunPanel));

export function MiddlePanel() {
  const { t, i18n } = useTranslation();
  const { state, run } = useStore();
  const actions = useActions();
  const { shown, batch } = state;

  if (shown?.type === 'run' && batch.runId) {
    return (
      <RunPanel
        runId={batch.runId}
        event={run.event}
        plan={numericPlan(toPlan(batch).plan)}
        onState={run.takeState}
        onRunStarted={actions.followRun}
        onOpenHistory={(id) => void actions.openHistory(id)}
      />
    );
  }

  const responseView = (() => {
    if (!shown || shown.type === 'run') return null;
    if (shown.type === 'outcome') {
      const { outcome } = shown;
      return {
        title: t('response.title'),
        subtitle: t('response.sentTo', { stream: outcome.streamName, time: formatTime(shown.time, i18n.language) }),
        result: outcome.result,
        latencyMs: outcome.latencyMs,
        historyId: outcome.historyId,
        pinKey: { profileId: shown.request.profileId, streamName: outcome.streamName },
        verify: state.info.verifySends,
      };
    }
    const { entry } = shown;
    return {
      title: t('history.entryTitle'),
      subtitle: t('response.sentTo', { stream: entry.streamName, time: formatTime(entry.time, i18n.language) }),
      result: entry.result,
      latencyMs: entry.latencyMs,
      historyId: entry.id,
      pinKey: { profileId: entry.profile.id, streamName: entry.streamName },
      details: <HistoryDetails entry={entry} onRunStarted={actions.showRun} />,
      run: Boolean(entry.run),
      assertionResults: entry.assertionResults,
      actions: (
        <div className="panel-actions">
          <button type="button" className="small" onClick={() => void actions.loadIntoComposer(entry)}>
            {t('history.load')}
          </button>
          {!entry.run && <CopyAsCode source={() => ({ type: 'history', historyId: entry.id })} />}
          <button type="button" className="small danger-outline" onClick={() => void actions.deleteEntry(entry.id)}>
            {t('history.delete')}
          </button>
        </div>
      ),
    };
  })();
  return <ResponsePanel shown={responseView} />;
}
