// History, newest first, narrowed by a search and filters. The list is a listbox (arrow keys move,
// Enter/Space/click open) rather than buttons, so row texts never collide with the form's labels
// and buttons in accessible queries. It is virtualized: only the rows in view exist in the page,
// and their summaries are fetched from main a page at a time as they scroll into view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, HistoryExportFormat, HistoryFilter, HistorySummary } from '../../../electron/contract';
import { call } from '../../api';
import { formatNumber } from '../../i18n';
import type { ErrorSource } from '../../i18n/mainError';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatTime } from './formatTime';
import { useHistoryPages } from './useHistoryPages';

interface Props {
  /** Bumped by the app whenever the history changed (a send, a delete): the list starts over. */
  version: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onRefresh: () => void;
  onClear: () => void;
  onError: (source: ErrorSource, error: AppError) => void;
}

const ROW_HEIGHT = 62;
const SEARCH_DELAY_MS = 150;

export function HistoryPanel({ version, selectedId, onSelect, onRefresh, onClear, onError }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [profileId, setProfileId] = useState('');
  const [stream, setStream] = useState('');
  const [outcome, setOutcome] = useState<'' | 'ok' | 'failed'>('');
  const [format, setFormat] = useState<HistoryExportFormat>('ndjson');
  const [status, setStatus] = useState('');
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const filter: HistoryFilter = {
    ...(search ? { text: search } : {}),
    ...(profileId ? { profileId } : {}),
    ...(stream ? { stream } : {}),
    ...(outcome ? { outcome } : {}),
  };
  const history = useHistoryPages(filter, version, (error) => onError('listHistory', error));
  const count = history.matched;
  const activeIndex = Math.min(active, Math.max(0, count - 1));

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    for (const item of items) history.want(item.index);
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

  const onKeyDown = (e: KeyboardEvent, index: number, entry: HistorySummary | undefined) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT));
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(index + 1),
      ArrowUp: () => move(index - 1),
      PageDown: () => move(index + page),
      PageUp: () => move(index - page),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => entry && onSelect(entry.id),
      ' ': () => entry && onSelect(entry.id),
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
    }
  };

  const exportEntries = async (ids?: string[]) => {
    setStatus('');
    const result = await call('exportHistory', ids ? { format, ids } : { format, filter });
    if (!result.ok) return onError('exportHistory', result.error);
    if (result.value.path) setStatus(t('history.exported', { count: result.value.count, path: result.value.path }));
  };

  const importEntries = async () => {
    setStatus('');
    const result = await call('importHistory', {});
    if (!result.ok) return onError('importHistory', result.error);
    if (!result.value.path) return;
    setStatus(t('history.imported', { count: result.value.imported, skipped: result.value.skipped }));
    onRefresh();
  };

  const filtered = Boolean(search || profileId || stream || outcome);

  return (
    <section className="panel history-panel">
      <header className="panel-header">
        <h2 id="history-title">
          {t('history.title')} <span className="count">{filtered ? `${formatNumber(count)} / ${formatNumber(history.total)}` : formatNumber(history.total)}</span>
        </h2>
        <button type="button" className="small" onClick={onRefresh}>
          {t('history.refresh')}
        </button>
        <button type="button" className="small danger-outline" disabled={history.total === 0} onClick={() => setConfirming(true)}>
          {t('history.clear')}
        </button>
      </header>
      <div className="history-filters">
        <input
          type="search"
          className="history-search"
          aria-label={t('history.search')}
          placeholder={t('history.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select aria-label={t('history.filterProfile')} value={profileId} onChange={(e) => setProfileId(e.target.value)}>
          <option value="">{t('history.anyProfile')}</option>
          {history.profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <select aria-label={t('history.filterStream')} value={stream} onChange={(e) => setStream(e.target.value)}>
          <option value="">{t('history.anyStream')}</option>
          {history.streams.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select aria-label={t('history.filterOutcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
          <option value="">{t('history.anyOutcome')}</option>
          <option value="ok">{t('history.ok')}</option>
          <option value="failed">{t('history.failed')}</option>
        </select>
      </div>
      <div className="history-transfer">
        <select aria-label={t('history.exportFormat')} value={format} onChange={(e) => setFormat(e.target.value as HistoryExportFormat)}>
          <option value="ndjson">NDJSON</option>
          <option value="json">JSON</option>
        </select>
        <button type="button" className="small" disabled={count === 0} onClick={() => void exportEntries()}>
          {t('history.exportMatching', { count })}
        </button>
        <button type="button" className="small" disabled={!selectedId} onClick={() => selectedId && void exportEntries([selectedId])}>
          {t('history.exportSelected')}
        </button>
        <button type="button" className="small" onClick={() => void importEntries()}>
          {t('history.import')}
        </button>
        <span className="history-status muted" role="status">
          {status}
        </span>
      </div>
      <div ref={scroller} className="panel-body history-body">
        {count === 0 ? (
          <p className="empty-state">{filtered ? t('history.noMatch') : t('history.empty')}</p>
        ) : (
          <ul
            ref={list}
            role="listbox"
            className="history-list"
            data-testid="history-list"
            aria-labelledby="history-title"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => {
              const entry = history.rowAt(item.index);
              // Keyed by position, not by entry: a row that was still loading keeps its element
              // (and the keyboard focus) when its summary arrives.
              return (
                <li
                  key={item.key}
                  role="option"
                  aria-setsize={count}
                  aria-posinset={item.index + 1}
                  aria-selected={entry !== undefined && entry.id === selectedId}
                  aria-busy={entry ? undefined : true}
                  data-index={item.index}
                  data-testid={entry ? 'history-row' : undefined}
                  tabIndex={item.index === activeIndex ? 0 : -1}
                  className={`history-row${!entry ? ' history-row-loading' : entry.ok ? '' : ' history-row-failed'}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onKeyDown={(e) => onKeyDown(e, item.index, entry)}
                  onClick={() => {
                    setActive(item.index);
                    if (entry) onSelect(entry.id);
                  }}
                >
                  {entry && <HistoryRow entry={entry} />}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('history.clearTitle')}
          message={t('history.clearMessage', { count: history.total })}
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

function HistoryRow({ entry }: { entry: HistorySummary }) {
  const { t, i18n } = useTranslation();
  return (
    <>
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
    </>
  );
}
