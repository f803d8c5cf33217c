// What a send's or run's assertions found: ✓ passed, ✕ failed, ? not checked, each with what was
// found in the UI language. This session's check of the entry if there is one, else the results
// its history entry kept.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Assertion, AssertionResult, HistoryEntry } from '../../../electron/contract';
import { errorText, problemText } from '../../i18n/mainError';
import { useStore } from '../../store/StoreProvider';
import { ErrorBox } from '../../ui/ErrorBox';

const MARKS = { passed: '✓', failed: '✕', notChecked: '?' } as const;

interface Props {
  historyId: string;
  kept?: HistoryEntry['assertionResults'];
}

export function AssertionChecklist({ historyId, kept }: Props) {
  const { t } = useTranslation();
  const check = useStore().state.checks[historyId];
  if (check?.state === 'failed') return <ErrorBox text={errorText(t, check.error)} />;
  // Kept results passed the contract's schema: their reasons are the evaluator's own.
  const results = check?.state === 'done' ? check.results : (kept as AssertionResult[] | undefined);
  if (!check && !results?.length) return null;
  const failed = results?.filter((r) => r.status !== 'passed').length ?? 0;
  return (
    <section className="assertion-checklist" data-testid="assertion-checklist" aria-live="polite">
      <h3 className="batch-section-title">
        {t('assertions.results')}
        {results && (
          <span className={`assertion-summary ${failed ? 'assertion-failed' : 'assertion-passed'}`}>
            {failed ? t('assertions.notHeld', { count: failed }) : t('assertions.allHeld')}
          </span>
        )}
      </h3>
      {check?.state === 'checking' ? (
        <p className="hint-text" role="status">
          {t('assertions.checking')}
        </p>
      ) : (
        <ul>
          {results?.map((r, n) => (
            <li key={n} className={`assertion-result assertion-${r.status}`} data-status={r.status}>
              <span className="assertion-mark" aria-hidden="true">
                {MARKS[r.status]}
              </span>
              <span className="sr-only">{t(`assertions.status.${r.status}`)}</span>
              <span className="assertion-label">{labelOf(t, r.assertion)}</span>
              <span className="assertion-found">{problemText(t, r)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The assertion in words: its type and what it holds the result to. */
function labelOf(t: TFunction, a: Assertion): string {
  switch (a.type) {
    case 'jsonField':
      return t(`assertions.label.jsonField.${a.op}`, { path: a.path, value: a.value ?? '' });
    case 'latencyP95':
      return t('assertions.label.latencyP95', { max: a.maxMs });
    case 'throttledPercent':
      return t('assertions.label.throttledPercent', { max: a.maxPercent });
    default:
      return t(`assertions.type.${a.type}`);
  }
}
