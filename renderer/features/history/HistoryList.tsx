// The history list: a listbox (arrow keys move, a click or Enter opens) rather than buttons, so row
// texts never collide with the form's labels and buttons in accessible queries. It is virtualized:
// only the rows in view exist in the page, and their summaries are fetched from main a page at a
// time as they scroll into view. Opening a row leaves the selection alone, as in a mail client:
// the tick box, Ctrl/Cmd+click, Shift+click, Space and Ctrl+A select.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistorySummary } from '../../../electron/contract';
import { historyOutcome } from '../../../electron/shared/outcome';
import { formatNumber } from '../../i18n';
import { formatTime } from './formatTime';
import { OutcomeBadge } from './OutcomeBadge';
import { runSummaryText } from './runSummary';
import type { HistorySelection } from './useHistorySelection';
import { shown } from '../../ui/emptyValue';

const ROW_HEIGHT = 62;

interface Props {
  count: number;
  rowAt: (index: number) => HistorySummary | undefined;
  /** Asks for the page holding row `index`. */
  want: (index: number) => void;
  selection: HistorySelection;
  /** The entry the response panel shows (opened, or just sent); marked in the list. */
  currentId: string | null;
  onOpen: (id: string) => void;
  /** Shown when there are no rows. */
  emptyText: string;
}

export function HistoryList({ count, rowAt, want, selection, currentId, onOpen, emptyText }: Props) {
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const { chosen, anchor, toggle, selectRange, clear } = selection;
  const activeIndex = Math.min(active, Math.max(0, count - 1));

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    for (const item of items) want(item.index);
  });

  // A row moved to by keyboard may exist only after the list has scrolled to it.
  useEffect(() => {
    if (!focusPending.current) return;
    const row = list.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (row) {
      focusPending.current = false;
      row.focus();
    }
  });

  const move = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    focusPending.current = true;
    virtualizer.scrollToIndex(next);
  };

  const onRowClick = (e: MouseEvent, index: number, entry: HistorySummary | undefined) => {
    setActive(index);
    if (!entry) return;
    if (e.shiftKey && anchor.current !== null) return void selectRange(anchor.current, index, e.ctrlKey || e.metaKey);
    if (e.ctrlKey || e.metaKey) return toggle(index, entry);
    anchor.current = index;
    onOpen(entry.id);
  };

  const onKeyDown = (e: KeyboardEvent, index: number, entry: HistorySummary | undefined) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT));
    // Shift with a move extends the selection from the anchor to where the focus lands.
    const go = (target: number) => {
      const next = Math.max(0, Math.min(count - 1, target));
      move(next);
      if (e.shiftKey) {
        if (anchor.current === null) anchor.current = index;
        void selectRange(anchor.current, next, false);
      }
    };
    const keys: Record<string, () => void> = {
      ArrowDown: () => go(index + 1),
      ArrowUp: () => go(index - 1),
      PageDown: () => go(index + page),
      PageUp: () => go(index - page),
      Home: () => go(0),
      End: () => go(count - 1),
      Enter: () => entry && onOpen(entry.id),
      ' ': () => entry && toggle(index, entry),
      Escape: clear,
    };
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      anchor.current = 0;
      void selectRange(0, count - 1, false);
    } else if (keys[e.key] && !(e.key === 'Escape' && chosen.size === 0)) {
      e.preventDefault();
      keys[e.key]();
    }
  };

  return (
    <div ref={scroller} className="panel-body history-body">
      {count === 0 ? (
        <p className="empty-state">{emptyText}</p>
      ) : (
        <ul
          ref={list}
          role="listbox"
          className="history-list"
          data-testid="history-list"
          aria-labelledby="history-title"
          aria-multiselectable="true"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const entry = rowAt(item.index);
            // Keyed by position, not by entry: a row that was still loading keeps its element
            // (and the keyboard focus) when its summary arrives.
            return (
              <li
                key={item.key}
                role="option"
                aria-setsize={count}
                aria-posinset={item.index + 1}
                aria-selected={entry !== undefined && chosen.has(entry.id)}
                aria-busy={entry ? undefined : true}
                data-index={item.index}
                data-testid={entry ? 'history-row' : undefined}
                tabIndex={item.index === activeIndex ? 0 : -1}
                aria-current={entry !== undefined && entry.id === currentId ? true : undefined}
                className={`history-row${!entry ? ' history-row-loading' : historyOutcome(entry.ok, entry.run?.state) === 'failed' ? ' history-row-failed' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onKeyDown={(e) => onKeyDown(e, item.index, entry)}
                onClick={(e) => onRowClick(e, item.index, entry)}
              >
                {entry && (
                  <>
                    {/* A mouse user's way to add or remove one row without a modifier key. */}
                    <span
                      className="history-check"
                      aria-hidden="true"
                      onClick={(e) => {
                        e.stopPropagation();
                        setActive(item.index);
                        toggle(item.index, entry);
                      }}
                    />
                    <HistoryRow entry={entry} />
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function HistoryRow({ entry }: { entry: HistorySummary }) {
  const { t, i18n } = useTranslation();
  const outcome = historyOutcome(entry.ok, entry.run?.state);
  // Three lines; on the first and the last the badge, latency and error never shrink: the time and
  // the key give way (with a tooltip), as the stream's path does on its own line.
  return (
    <>
      <span className="history-line history-line-status">
        <OutcomeBadge outcome={outcome} />
        <time className="history-time" dateTime={entry.time} title={formatTime(entry.time, i18n.language)}>
          {formatTime(entry.time, i18n.language)}
        </time>
        {/* A run under way has no duration yet: its badge says it is running. */}
        {outcome !== 'running' && (
          <span className="history-latency">{t('response.ms', { value: formatNumber(entry.latencyMs) })}</span>
        )}
      </span>
      <span className="history-stream mono" title={entry.streamName}>
        {entry.streamName}
      </span>
      <span className="history-line history-line-key">
        {entry.run ? (
          <RunSummary run={entry.run} />
        ) : (
          <span className="history-key" title={`${t('history.key')} ${entry.partitionKey}`}>
            <span className="muted">{t('history.key')}</span> <span className="mono">{entry.partitionKey}</span>
          </span>
        )}
        {/* A run under way has no error to name yet: its stored result says only that. */}
        {outcome !== 'running' && (
          <span className="history-detail mono" title={entry.detail}>
            {shown(entry.detail)}
          </span>
        )}
      </span>
    </>
  );
}

function RunSummary({ run }: { run: NonNullable<HistorySummary['run']> }) {
  const { t } = useTranslation();
  const text = runSummaryText(t, run);
  return (
    <span className="history-key history-run" data-testid="history-run" title={text}>
      {text}
    </span>
  );
}
