// History, newest first. The list is a listbox (arrow keys move, Enter/Space/click open) rather than
// buttons, so row texts never collide with the form's labels and buttons in accessible queries.
import { formatNumber } from '../../i18n';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistorySummary } from '../../../electron/contract';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatTime } from './formatTime';

interface Props {
  entries: HistorySummary[];
  total: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onRefresh: () => void;
  onClear: () => void;
}

export function HistoryPanel({ entries, total, selectedId, onSelect, onRefresh, onClear }: Props) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const activeIndex = Math.min(active, Math.max(0, entries.length - 1));

  const move = (index: number) => {
    const next = Math.max(0, Math.min(entries.length - 1, index));
    setActive(next);
    list.current?.querySelectorAll<HTMLElement>('[role="option"]')[next]?.focus();
  };

  const onKeyDown = (e: KeyboardEvent, index: number, id: string) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(index + 1),
      ArrowUp: () => move(index - 1),
      Home: () => move(0),
      End: () => move(entries.length - 1),
      Enter: () => onSelect(id),
      ' ': () => onSelect(id),
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
    }
  };

  return (
    <section className="panel history-panel">
      <header className="panel-header">
        <h2 id="history-title">
          {t('history.title')} <span className="count">{total}</span>
        </h2>
        <button type="button" className="small" onClick={onRefresh}>
          {t('history.refresh')}
        </button>
        <button type="button" className="small danger-outline" disabled={total === 0} onClick={() => setConfirming(true)}>
          {t('history.clear')}
        </button>
      </header>
      <div className="panel-body history-body">
        {entries.length === 0 ? (
          <p className="empty-state">{t('history.empty')}</p>
        ) : (
          <ul ref={list} role="listbox" className="history-list" data-testid="history-list" aria-labelledby="history-title">
            {entries.map((entry, index) => (
              <li
                key={entry.id}
                role="option"
                aria-selected={entry.id === selectedId}
                tabIndex={index === activeIndex ? 0 : -1}
                className={`history-row${entry.ok ? '' : ' history-row-failed'}`}
                data-testid="history-row"
                onClick={() => {
                  setActive(index);
                  onSelect(entry.id);
                }}
                onKeyDown={(e) => onKeyDown(e, index, entry.id)}
              >
                <span className={`status-badge ${entry.ok ? 'status-ok' : 'status-error'}`}>
                  <span aria-hidden="true">{entry.ok ? '✓' : '✕'}</span> {entry.ok ? t('history.ok') : t('history.failed')}
                </span>
                <time className="history-time" dateTime={entry.time}>
                  {formatTime(entry.time, i18n.language)}
                </time>
                <span className="history-latency">{t('response.ms', { value: formatNumber(entry.latencyMs) })}</span>
                <span className="history-stream mono" title={entry.streamName}>
                  {entry.streamName}
                </span>
                <span className="history-key" title={entry.partitionKey}>
                  <span className="muted">{t('history.key')}</span> <span className="mono">{entry.partitionKey}</span>
                </span>
                <span className="history-detail mono">{entry.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('history.clearTitle')}
          message={t('history.clearMessage', { count: total })}
          confirmLabel={t('history.clearConfirm')}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onClear();
          }}
        />
      )}
    </section>
  );
}
