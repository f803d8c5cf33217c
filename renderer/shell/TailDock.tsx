// The tail opened from the composer, docked in a column of its own beside the form: the response
// and the history stay in view. Where the window is too narrow for four panels, the response and
// the history share one place as two tabs, and the history's tab counts the entries added while
// it was folded away.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n';
import { useStore } from '../store/StoreProvider';
import { lazyPart } from '../ui/lazyPart';

const TailView = lazyPart(() => import('../features/streams/TailView').then((m) => m.TailView));

/** Below this width the workspace has two columns (styles.css says the same). */
export const NARROW_WORKSPACE = '(max-width: 1199px)';

export function TailDock() {
  const { state, dispatch } = useStore();
  const { tail } = state;
  if (!tail) return null;
  return (
    <div className="tail-dock">
      <TailView
        key={tail.seq}
        docked
        profileId={tail.profileId}
        target={tail.target}
        streamLabel={tail.streamLabel}
        onClose={() => dispatch({ type: 'tailDocked', tail: null })}
      />
    </div>
  );
}

export type FoldedFront = 'response' | 'history';

/** The tabs of the folded response and history; which one is in front is the caller's. */
export function useFold(folded: boolean) {
  const { state } = useStore();
  const [front, setFront] = useState<FoldedFront>('response');
  // Entries are seen while the history is on screen; those added since it went behind are new.
  const [seen, setSeen] = useState(state.historyAdded);
  const historyInView = !folded || front === 'history';
  if (historyInView && seen !== state.historyAdded) setSeen(state.historyAdded);
  return { front, setFront, unseen: state.historyAdded - seen };
}

export function FoldTabs({
  front,
  unseen,
  onFront,
}: {
  front: FoldedFront;
  unseen: number;
  onFront: (front: FoldedFront) => void;
}) {
  const { t } = useTranslation();
  const tab = (which: FoldedFront, label: string) => (
    <button
      type="button"
      role="tab"
      className="tab"
      aria-selected={front === which}
      data-testid={`fold-tab-${which}`}
      onClick={() => onFront(which)}
    >
      {label}
    </button>
  );
  return (
    <div className="tabs fold-tabs" role="tablist" aria-label={t('dock.tabs')}>
      {tab('response', t('response.title'))}
      {tab(
        'history',
        unseen > 0 ? t('dock.historyNew', { count: unseen, formatted: formatNumber(unseen) }) : t('history.title'),
      )}
    </div>
  );
}
