// The right-hand panel: whatever was picked last — the latest send or a history entry — with the
// same result view for both, so there is always exactly one response on screen.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecodePinKey, HistoryEntry, SendResult } from '../../../electron/contract';
import { ResultView } from './ResultView';
import { AssertionChecklist } from '../assertions/AssertionChecklist';
import { lazyPart } from '../../ui/lazyPart';

const StoredRecord = lazyPart(() => import('./StoredRecord').then((m) => m.StoredRecord));

interface Props {
  shown: {
    title: string;
    subtitle: string;
    result: SendResult;
    latencyMs: number;
    /** The send's history entry, which read-back starts from. */
    historyId: string;
    /** The connection and stream sent to, whose pinned decoding chain read-back uses. */
    pinKey: DecodePinKey;
    /** Read the record back as soon as it is shown ("Verify every send"). */
    verify?: boolean;
    actions?: ReactNode;
    details?: ReactNode;
    /** A load run's entry: its details hold its report, there is no single record to show. */
    run?: boolean;
    /** The assertion results the history entry kept. */
    assertionResults?: HistoryEntry['assertionResults'];
  } | null;
}

export function ResponsePanel({ shown }: Props) {
  const { t } = useTranslation();
  return (
    <section className="panel response-panel" data-testid="response">
      <header className="panel-header">
        <h2>{shown?.title ?? t('response.title')}</h2>
      </header>
      <div className="panel-body">
        {shown ? (
          <>
            {shown.actions && <div className="response-actions">{shown.actions}</div>}
            <p className="response-subtitle">{shown.subtitle}</p>
            <AssertionChecklist historyId={shown.historyId} kept={shown.assertionResults} />
            {shown.details}
            {!shown.run && <ResultView result={shown.result} latencyMs={shown.latencyMs} />}
            {shown.result.ok && !shown.run && (
              <StoredRecord
                key={shown.historyId}
                historyId={shown.historyId}
                auto={shown.verify ?? false}
                pinKey={shown.pinKey}
              />
            )}
          </>
        ) : (
          <p className="empty-state">{t('response.empty')}</p>
        )}
      </div>
    </section>
  );
}
