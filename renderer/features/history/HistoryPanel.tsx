// History, newest first, narrowed by a search and filters. The list is a listbox (arrow keys move,
// Enter/Space/click open) rather than buttons, so row texts never collide with the form's labels
// and buttons in accessible queries. It is virtualized: only the rows in view exist in the page,
// and their summaries are fetched from main a page at a time as they scroll into view.
// Several entries can be selected (Ctrl/Cmd+click, Shift+click, Space, Ctrl+A) to export or compare;
// the selection is kept as ids, so it outlives the rows scrolling out of view, and a range reaching
// rows never loaded asks main for their ids.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, HistoryExportFormat, HistoryFilter, HistoryRetention, HistorySummary } from '../../../electron/contract';
import { call } from '../../api';
import { formatNumber } from '../../i18n';
import type { ErrorSource } from '../../i18n/mainError';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CompareDialog } from './CompareDialog';
import { formatTime } from './formatTime';
import { HistorySettingsDialog } from './HistorySettingsDialog';
import { ANY_TIME, pickPreset, rangeBounds, type TimePreset, type TimeRange } from './timeRange';
import { useHistoryPages } from './useHistoryPages';

interface Props {
  /** Bumped by the app whenever the history changed (a send, a delete): the list starts over. */
  version: number;
  /** The entry the response panel shows (opened, or just sent); marked in the list. */
  selectedId: string | null;
  retention: HistoryRetention;
  onRetention: (retention: HistoryRetention) => void;
  onSelect: (id: string) => void;
  onRefresh: () => void;
  onClear: () => void;
  onError: (source: ErrorSource, error: AppError) => void;
}

const ROW_HEIGHT = 62;
const SEARCH_DELAY_MS = 150;

export function HistoryPanel({ version, selectedId, retention, onRetention, onSelect, onRefresh, onClear, onError }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [profileId, setProfileId] = useState('');
  const [stream, setStream] = useState('');
  const [outcome, setOutcome] = useState<'' | 'ok' | 'failed'>('');
  const [time, setTime] = useState<TimeRange>(ANY_TIME);
  // A custom range whose start is after its end is not asked for: the list keeps the last valid one.
  const lastBounds = useRef<{ from?: string; to?: string }>({});
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const anchor = useRef<number | null>(null);
  const rangeRequest = useRef(0);
  const [dialog, setDialog] = useState<'compare' | 'settings' | null>(null);
  // In a short window the filters would leave no room for the list: they start folded there.
  const [showFilters, setShowFilters] = useState(() => !window.matchMedia('(max-height: 700px)').matches);
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

  const bounds = rangeBounds(time);
  if (bounds !== 'invalid') lastBounds.current = bounds;
  const filter: HistoryFilter = {
    ...(search ? { text: search } : {}),
    ...(profileId ? { profileId } : {}),
    ...(stream ? { stream } : {}),
    ...(outcome ? { outcome } : {}),
    ...lastBounds.current,
  };
  const filterKey = JSON.stringify(filter);
  const history = useHistoryPages(filter, version, (error) => onError('listHistory', error));

  // What is selected is what the filter shows: a new filter starts with nothing selected.
  useEffect(() => {
    setChosen(new Set());
    anchor.current = null;
    rangeRequest.current++;
  }, [filterKey]);
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

  const toggle = (index: number, entry: HistorySummary) => {
    anchor.current = index;
    setChosen((old) => {
      const next = new Set(old);
      if (!next.delete(entry.id)) next.add(entry.id);
      return next;
    });
  };

  /** Selects rows `from`..`to` (either order), added to the selection or in place of it. */
  const selectRange = async (from: number, to: number, add: boolean) => {
    const request = ++rangeRequest.current;
    const ids = await history.idsBetween(Math.min(from, to), Math.max(from, to));
    if (!ids || request !== rangeRequest.current) return;
    setChosen((old) => new Set(add ? [...old, ...ids] : ids));
  };

  const clearSelection = () => {
    rangeRequest.current++;
    setChosen(new Set());
  };

  const onRowClick = (e: MouseEvent, index: number, entry: HistorySummary | undefined) => {
    setActive(index);
    if (!entry) return;
    if (e.shiftKey && anchor.current !== null) return void selectRange(anchor.current, index, e.ctrlKey || e.metaKey);
    if (e.ctrlKey || e.metaKey) return toggle(index, entry);
    anchor.current = index;
    rangeRequest.current++;
    setChosen(new Set([entry.id]));
    onSelect(entry.id);
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
      Enter: () => entry && onSelect(entry.id),
      ' ': () => entry && toggle(index, entry),
      Escape: clearSelection,
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

  const filtered = Boolean(search || profileId || stream || outcome || lastBounds.current.from || lastBounds.current.to);
  const selectedIds = [...chosen];
  const activeFilters = [profileId, stream, outcome, time.preset !== 'any'].filter(Boolean).length;

  return (
    <section className="panel history-panel">
      <header className="panel-header">
        <h2 id="history-title">
          {t('history.title')} <span className="count">{filtered ? `${formatNumber(count)} / ${formatNumber(history.total)}` : formatNumber(history.total)}</span>
        </h2>
        {/* Icons for the lesser actions keep the header on one line in the narrow column. */}
        <button type="button" className="small" aria-label={t('history.refresh')} title={t('history.refresh')} onClick={onRefresh}>
          <span aria-hidden="true">↻</span>
        </button>
        <button type="button" className="small danger-outline" disabled={history.total === 0} onClick={() => setConfirming(true)}>
          {t('history.clear')}
        </button>
        <button type="button" className="small" aria-label={t('history.retention.open')} title={t('history.retention.open')} onClick={() => setDialog('settings')}>
          <span aria-hidden="true">⚙</span>
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
        <button
          type="button"
          className="small history-filters-toggle"
          aria-expanded={showFilters}
          aria-controls="history-filter-fields"
          onClick={() => setShowFilters((v) => !v)}
        >
          {activeFilters ? t('history.filtersActive', { count: activeFilters }) : t('history.filters')} <span aria-hidden="true">{showFilters ? '▴' : '▾'}</span>
        </button>
      </div>
      <div id="history-filter-fields" className="history-filters history-filter-fields" hidden={!showFilters}>
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
        <select aria-label={t('history.filterTime')} value={time.preset} onChange={(e) => setTime((r) => pickPreset(r, e.target.value as TimePreset))}>
          <option value="any">{t('history.time.any')}</option>
          <option value="hour">{t('history.time.hour')}</option>
          <option value="day">{t('history.time.day')}</option>
          <option value="week">{t('history.time.week')}</option>
          <option value="custom">{t('history.time.custom')}</option>
        </select>
        {time.preset === 'custom' && (
          <div className="history-time-range">
            <label className="inline-label">
              <span aria-hidden="true">{t('history.time.from')}</span>
              <input type="datetime-local" aria-label={t('history.time.fromLabel')} aria-invalid={bounds === 'invalid' || undefined} value={time.from} onChange={(e) => setTime((r) => ({ ...r, from: e.target.value }))} />
            </label>
            <label className="inline-label">
              <span aria-hidden="true">{t('history.time.to')}</span>
              <input type="datetime-local" aria-label={t('history.time.toLabel')} aria-invalid={bounds === 'invalid' || undefined} value={time.to} onChange={(e) => setTime((r) => ({ ...r, to: e.target.value }))} />
            </label>
            {bounds === 'invalid' && (
              <span className="error-text" role="alert">
                {t('history.time.invalid')}
              </span>
            )}
          </div>
        )}
      </div>
      <div className="history-transfer">
        <select aria-label={t('history.exportFormat')} value={format} onChange={(e) => setFormat(e.target.value as HistoryExportFormat)}>
          <option value="ndjson">NDJSON</option>
          <option value="json">JSON</option>
        </select>
        <button type="button" className="small" disabled={count === 0} onClick={() => void exportEntries()}>
          {t('history.exportMatching', { count })}
        </button>
        <button type="button" className="small" disabled={chosen.size === 0} onClick={() => void exportEntries(selectedIds)}>
          {t('history.exportSelected', { count: chosen.size })}
        </button>
        <button
          type="button"
          className="small"
          disabled={chosen.size !== 2}
          title={chosen.size === 2 ? undefined : t('history.compareHint')}
          onClick={() => setDialog('compare')}
        >
          {t('history.compare')}
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
            aria-multiselectable="true"
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
                  aria-selected={entry !== undefined && chosen.has(entry.id)}
                  aria-busy={entry ? undefined : true}
                  data-index={item.index}
                  data-testid={entry ? 'history-row' : undefined}
                  tabIndex={item.index === activeIndex ? 0 : -1}
                  aria-current={entry !== undefined && entry.id === selectedId ? true : undefined}
                  className={`history-row${!entry ? ' history-row-loading' : entry.ok ? '' : ' history-row-failed'}`}
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
      {dialog === 'compare' && selectedIds.length === 2 && (
        <CompareDialog ids={[selectedIds[0], selectedIds[1]]} onClose={() => setDialog(null)} onError={(error) => onError('getHistoryEntry', error)} />
      )}
      {dialog === 'settings' && (
        <HistorySettingsDialog retention={retention} onSaved={onRetention} onChanged={onRefresh} onClose={() => setDialog(null)} onError={onError} />
      )}
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
      {entry.run ? (
        <span className="history-key history-run" data-testid="history-run">
          {t('batch.history.summary', { total: formatNumber(entry.run.total), count: entry.run.total })}
          {entry.run.failed > 0 && ` · ${t('batch.history.failed', { count: entry.run.failed, formatted: formatNumber(entry.run.failed) })}`}
          {entry.run.notSent > 0 && ` · ${t('batch.history.notSent', { count: entry.run.notSent, formatted: formatNumber(entry.run.notSent) })}`}
          {(entry.run.state === 'running' || entry.run.state === 'interrupted') && ` · ${t(`batch.run.state.${entry.run.state}`)}`}
        </span>
      ) : (
        <span className="history-key" title={entry.partitionKey}>
          <span className="muted">{t('history.key')}</span> <span className="mono">{entry.partitionKey}</span>
        </span>
      )}
      <span className="history-detail mono">{entry.detail}</span>
    </>
  );
}
