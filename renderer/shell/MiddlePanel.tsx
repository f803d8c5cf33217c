// The middle panel: the run being followed, or the response of the latest send or of a picked
// history entry, with what can be done with that entry.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplayRequest } from '../../electron/contract';
import { targetStreamName } from '../../electron/shared/addressing';
import { call } from '../api';
import { numericPlan, toPlan } from '../features/batch/batchDraft';
import { formatTime } from '../features/history/formatTime';
import { HistoryDetails } from '../features/history/HistoryDetails';
import { CopyAsCode } from '../features/response/CopyAsCode';
import { ResponsePanel } from '../features/response/ResponsePanel';
import { useActions } from '../store/actions';
import { useStore } from '../store/StoreProvider';
import { lazyPart } from '../ui/lazyPart';

const RunPanel = lazyPart(() => import('../features/batch/RunPanel').then((m) => m.RunPanel));
const ReplayDialog = lazyPart(() => import('../features/replay/ReplayDialog').then((m) => m.ReplayDialog), 'overlay');

export function MiddlePanel() {
  const { t, i18n } = useTranslation();
  const { state, run } = useStore();
  const actions = useActions();
  const { shown, batch } = state;
  // "Replay again": the earlier replay's request, read from its run's source file.
  const [again, setAgain] = useState<ReplayRequest | null>(null);

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
          {entry.run?.replay ? (
            <button type="button" className="small" onClick={() => void replayAgain(entry.run!.runId)}>
              {t('replayAgain.open')}
            </button>
          ) : (
            <button type="button" className="small" onClick={() => void actions.loadIntoComposer(entry)}>
              {t('history.load')}
            </button>
          )}
          {!entry.run && <CopyAsCode source={() => ({ type: 'history', historyId: entry.id })} />}
          <button type="button" className="small danger-outline" onClick={() => void actions.deleteEntry(entry.id)}>
            {t('history.delete')}
          </button>
        </div>
      ),
    };
  })();
  return (
    <>
      <ResponsePanel shown={responseView} />
      {again && (
        <ReplayDialog
          profileId={again.from.profileId}
          source={again.from.target}
          streamLabel={targetStreamName(again.from.target)}
          again={again}
          onClose={() => setAgain(null)}
        />
      )}
    </>
  );

  async function replayAgain(runId: string) {
    const result = await call('getReplayRequest', { runId });
    if (result.ok) setAgain(result.value);
    else actions.failed('getReplayRequest', result.error);
  }
}
