// The tail view: follows a stream live (from the newest record, the oldest one kept, or a point in
// time), all shards merged by arrival time. Only the newest N records stay in memory; an opened
// record shows its payload decoded. As in the history list, a click opens a row without ticking
// it; the tick box, Space and Ctrl/Shift+click select (to replay), Enter opens. Closing the view
// stops the tail.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useEffectEvent, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, Target, TailEvent, TailRecordView, TailStart, TailState } from '../../../electron/contract';
import { call, subscribe } from '../../api';
import { formatNumber } from '../../i18n';
import { errorText } from '../../i18n/mainError';
import { Dialog } from '../../ui/Dialog';
import { targetStreamName } from '../../../electron/shared/addressing';
import { DecodedRecord } from '../decode/DecodedRecord';
import {
  DEFAULT_TAIL_CAP,
  MAX_TAIL_CAP,
  MIN_TAIL_CAP,
  insertByArrival,
  localInputValue,
  previewOf,
} from './tailRecords';
import { shown } from '../../ui/emptyValue';
import { TailFilter } from './TailFilter';
import { useTailFilter } from './useTailFilter';
import { tailKeyOf, useTailSelection } from './useTailSelection';
import { lazyPart } from '../../ui/lazyPart';

const ReplayDialog = lazyPart(() => import('../replay/ReplayDialog').then((m) => m.ReplayDialog), 'overlay');
/** The most records one replay of a tail takes (the latest shown). */
const MAX_REPLAYED = 10_000;

interface Props {
  profileId: string;
  target: Target;
  /** The stream as the user knows it (name or YDS path), for the title. */
  streamLabel: string;
  /** Beside the composer, which stays usable: records sent from it show up here as they land. */
  docked?: boolean;
  onClose: () => void;
}

const ROW_HEIGHT = 26;

type Shown = TailState | 'idle' | 'starting';

export function TailView({ profileId, target, streamLabel, docked, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState<TailStart>('LATEST');
  const [time, setTime] = useState(() => localInputValue(new Date(Date.now() - 5 * 60_000)));
  const [capText, setCapText] = useState(String(DEFAULT_TAIL_CAP));
  const [state, setState] = useState<Shown>('idle');
  const [startError, setStartError] = useState<AppError | null>(null);
  const [readError, setReadError] = useState<TailEvent['error'] | null>(null);
  const [counts, setCounts] = useState({ received: 0, dropped: 0, shown: 0 });
  const [opened, setOpened] = useState<TailRecordView | null>(null);
  /** The records a replay is being set up for, and whether they are the selection (else the records shown). */
  const [replaying, setReplaying] = useState<{ records: TailRecordView[]; selected: boolean } | null>(null);
  const records = useRef<TailRecordView[]>([]);
  const tailId = useRef<string | null>(null);
  // The running tail's subscription: its events come on a channel of its own.
  const unsubscribe = useRef<(() => void) | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const filter = useTailFilter(() => records.current);
  const selection = useTailSelection();
  /** The connection lacks ListShards: the shards read came from DescribeStream (said once, quietly). */
  const [shardsFromDescribeStream, setShardsFromDescribeStream] = useState(false);

  const cap = Number(capText);
  const capValid = Number.isInteger(cap) && cap >= MIN_TAIL_CAP && cap <= MAX_TAIL_CAP;
  const capRef = useRef(DEFAULT_TAIL_CAP);
  if (capValid) capRef.current = cap;

  const apply = (event: TailEvent) => {
    const dropped = insertByArrival(records.current, event.records, capRef.current);
    filter.observe(event.records);
    if (dropped > 0) selection.keepOnly(records.current);
    setCounts((c) => ({
      received: c.received + event.records.length,
      dropped: c.dropped + dropped,
      shown: records.current.length,
    }));
    setState(event.state);
    if (event.error) setReadError(event.error);
    else if (event.records.length > 0) setReadError(null);
    if (event.state === 'stopped' || event.state === 'failed') tailId.current = null;
  };
  /** Follows one tail's events; subscribed as soon as startTail answers, before its first poll round can end. */
  const listenTo = (id: string) => {
    unsubscribe.current?.();
    // A tail stopped from here says nothing more to this view.
    unsubscribe.current = subscribe('tail', id, (event) => {
      if (tailId.current === id) applyRef.current(event);
    });
  };
  const unmounted = useRef(false);
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(() => {
    unmounted.current = false;
    return () => {
      unsubscribe.current?.();
      unmounted.current = true;
      if (tailId.current) void call('stopTail', { tailId: tailId.current });
    };
  }, []);

  // A smaller cap takes effect at once.
  const forgetDropped = useEffectEvent(() => selection.keepOnly(records.current));
  useEffect(() => {
    if (!capValid || records.current.length <= cap) return;
    const excess = records.current.length - cap;
    records.current.splice(0, excess);
    forgetDropped();
    setCounts((c) => ({ ...c, dropped: c.dropped + excess, shown: records.current.length }));
  }, [cap, capValid]);

  const start = async () => {
    if (tailId.current) await call('stopTail', { tailId: tailId.current });
    tailId.current = null;
    records.current = [];
    setCounts({ received: 0, dropped: 0, shown: 0 });
    setOpened(null);
    selection.clear();
    setStartError(null);
    setReadError(null);
    setState('starting');
    follow.current = true;
    const timestamp = from === 'AT_TIMESTAMP' ? new Date(time).toISOString() : undefined;
    const result = await call('startTail', { profileId, target, from, ...(timestamp ? { timestamp } : {}) });
    // Closed while starting: nobody would stop this tail, and it would hold one of main's few slots.
    if (result.ok && unmounted.current) return void call('stopTail', { tailId: result.value.tailId });
    if (!result.ok) {
      setStartError(result.error);
      setState('idle');
      return;
    }
    tailId.current = result.value.tailId;
    setShardsFromDescribeStream(result.value.shardsFromDescribeStream);
    listenTo(result.value.tailId);
    setState('running');
  };

  const setPaused = async (paused: boolean) => {
    if (!tailId.current) return;
    const result = await call('setTailPaused', { tailId: tailId.current, paused });
    if (result.ok) setState(result.value.state);
  };

  const stop = async () => {
    if (!tailId.current) return;
    const id = tailId.current;
    tailId.current = null;
    await call('stopTail', { tailId: id });
    setState('stopped');
  };

  const rows = filter.rowsOf(records.current);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // New records scroll into view while the user stays at the bottom; scrolling up holds the view.
  const showNewest = useEffectEvent(() => {
    if (follow.current && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  });
  useEffect(() => showNewest(), [counts.received, rows.length]);

  const selected = selection.selectedOf(records.current);
  const shownKeys = selected.length > 0 && rows.length < records.current.length ? new Set(rows.map(tailKeyOf)) : null;
  const hiddenSelected = shownKeys ? selected.filter((r) => !shownKeys.has(tailKeyOf(r))).length : 0;
  const replayed = selected.length > 0 ? selected : rows.slice(-MAX_REPLAYED);
  const tooManySelected = selected.length > MAX_REPLAYED;

  const onRowClick = (e: MouseEvent, index: number, r: TailRecordView) => {
    if (e.shiftKey) return selection.extendTo(rows, index, e.ctrlKey || e.metaKey);
    if (e.ctrlKey || e.metaKey) return selection.toggle(r);
    selection.anchor.current = tailKeyOf(r);
    setOpened(r);
  };
  const onRowKeyDown = (e: KeyboardEvent, r: TailRecordView) => {
    if (e.key === 'Enter') setOpened(r);
    else if (e.key === ' ') selection.toggle(r);
    else return;
    e.preventDefault();
  };
  // Ctrl/Cmd+A and Escape act on the whole list, wherever in it the focus is.
  const onListKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      selection.selectAll(rows);
    } else if (e.key === 'Escape' && selected.length > 0) {
      // Clears the selection; the next Escape closes the view.
      e.preventDefault();
      e.stopPropagation();
      selection.clear();
    }
  };

  const live = state === 'running' || state === 'paused';
  const busy = state === 'starting';
  const timeValid = from !== 'AT_TIMESTAMP' || !Number.isNaN(new Date(time).getTime());
  const shownStartError = startError && errorText(t, startError);
  const timeFormat = new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hour12: false,
  });

  return (
    <>
      <Dialog
        wide
        modeless={docked}
        className="dialog-tail"
        title={t('tail.title', { name: streamLabel })}
        onClose={onClose}
        footer={
          <>
            <button
              type="button"
              disabled={replayed.length === 0 || tooManySelected}
              title={tooManySelected ? t('tailSelection.tooMany', { max: formatNumber(MAX_REPLAYED) }) : undefined}
              onClick={() =>
                setReplaying({
                  records: replayed,
                  selected: selected.length > 0,
                })
              }
            >
              {selected.length > 0
                ? t('tailSelection.replay', { count: selected.length, formatted: formatNumber(selected.length) })
                : t('replay.openShown', { count: replayed.length })}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
          </>
        }
      >
        {/* Keys stay here (the composer form around this dialog sends on Ctrl+Enter), but Escape, which closes it. */}
        <div
          className="tail-view"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') e.stopPropagation();
          }}
        >
          <div className="tail-controls">
            {/* Each label wraps with its field, never apart from it. */}
            <span className="keep-together tail-from">
              <label className="inline-label" htmlFor="tail-from">
                {t('tail.from')}
              </label>
              <select
                id="tail-from"
                title={t(
                  { LATEST: 'tail.fromLatest', TRIM_HORIZON: 'tail.fromOldest', AT_TIMESTAMP: 'tail.fromTime' }[from],
                )}
                value={from}
                disabled={live || busy}
                onChange={(e) => setFrom(e.target.value as TailStart)}
              >
                <option value="LATEST">{t('tail.fromLatest')}</option>
                <option value="TRIM_HORIZON">{t('tail.fromOldest')}</option>
                <option value="AT_TIMESTAMP">{t('tail.fromTime')}</option>
              </select>
            </span>
            {from === 'AT_TIMESTAMP' && (
              <input
                type="datetime-local"
                step={1}
                aria-label={t('tail.time')}
                value={time}
                disabled={live || busy}
                onChange={(e) => setTime(e.target.value)}
              />
            )}
            <span className="keep-together">
              <label className="inline-label" htmlFor="tail-cap">
                {t('tail.keep')}
              </label>
              <input
                id="tail-cap"
                className="tail-cap"
                type="number"
                min={MIN_TAIL_CAP}
                max={MAX_TAIL_CAP}
                step={100}
                value={capText}
                aria-invalid={!capValid}
                aria-describedby={capValid ? undefined : 'tail-cap-message'}
                onChange={(e) => setCapText(e.target.value)}
              />
            </span>
            <span className="tail-actions">
              {!live && (
                <button
                  type="button"
                  className="primary"
                  disabled={busy || !timeValid || !capValid}
                  onClick={() => void start()}
                >
                  {t('tail.start')}
                </button>
              )}
              {state === 'running' && (
                <button type="button" onClick={() => void setPaused(true)}>
                  {t('tail.pause')}
                </button>
              )}
              {state === 'paused' && (
                <button type="button" className="primary" onClick={() => void setPaused(false)}>
                  {t('tail.resume')}
                </button>
              )}
              {live && (
                <button type="button" onClick={() => void stop()}>
                  {t('tail.stop')}
                </button>
              )}
            </span>
          </div>
          {!capValid && (
            <p id="tail-cap-message" className="error-text">
              {t('tail.capInvalid', { min: formatNumber(MIN_TAIL_CAP), max: formatNumber(MAX_TAIL_CAP) })}
            </p>
          )}

          <p className="tail-counters" role="status" data-testid="tail-counters">
            <span className={`tail-state tail-state-${state}`} data-testid="tail-state">
              {t(`tail.state.${state}`)}
            </span>
            <span>{t('tail.received', { value: formatNumber(counts.received) })}</span>
            <span>{t('tail.shown', { value: formatNumber(counts.shown) })}</span>
            <span data-testid="tail-dropped">{t('tail.dropped', { value: formatNumber(counts.dropped) })}</span>
          </p>
          {shardsFromDescribeStream && (
            <p className="hint-text" data-testid="shards-fallback">
              {t('connectionProbe.shardsFallback')}
            </p>
          )}

          <TailFilter
            filter={filter}
            profileId={profileId}
            target={target}
            streamLabel={streamLabel}
            kept={records.current}
          />

          {shownStartError && (
            <div className="error-box" role="alert">
              {shownStartError.message}
              {shownStartError.hint && <span className="error-hint">{shownStartError.hint}</span>}
            </div>
          )}
          {readError && (
            <div className={state === 'failed' ? 'error-box' : 'warning-box'} role="alert">
              <span className="mono" lang="en">
                {readError.name}: {readError.message}
              </span>
              <span className="error-hint">
                {readError.hintCode
                  ? t(`hints.${readError.hintCode}`, { defaultValue: readError.hint })
                  : readError.hint}
              </span>
            </div>
          )}

          {selected.length > 0 && (
            <p className="tail-selection" role="status" data-testid="tail-selection">
              <span>
                {t('tailSelection.count', { count: selected.length, formatted: formatNumber(selected.length) })}
                {hiddenSelected > 0 &&
                  ` · ${t('tailSelection.hidden', { count: hiddenSelected, formatted: formatNumber(hiddenSelected) })}`}
              </span>
              <button type="button" className="small" onClick={selection.clear}>
                {t('tailSelection.clear')}
              </button>
            </p>
          )}

          <div
            className="tail-table"
            role="table"
            aria-label={t('tail.records')}
            aria-rowcount={rows.length + 1}
            onKeyDown={onListKeyDown}
          >
            <div className="tail-row tail-head" role="row">
              <span aria-hidden="true" />
              {[
                t('tail.arrived'),
                t('tail.shard'),
                t('composer.partitionKey'),
                t('response.sequenceNumber'),
                t('tail.payload'),
              ].map((name) => (
                <span key={name} role="columnheader" title={name}>
                  {name}
                </span>
              ))}
            </div>
            <div
              ref={scroller}
              className="tail-scroller"
              role="rowgroup"
              onScroll={(e) => {
                const el = e.currentTarget;
                follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
              }}
            >
              {rows.length === 0 ? (
                <p className="empty-state">
                  {counts.shown > 0 ? t('tailFilter.noMatch') : live ? t('tail.waiting') : t('tail.empty')}
                </p>
              ) : (
                <div className="tail-list" style={{ height: virtualizer.getTotalSize() }}>
                  {virtualizer.getVirtualItems().map((item) => {
                    const r = rows[item.index];
                    if (!r) return null;
                    const preview = previewOf(r);
                    const isOpen = opened !== null && tailKeyOf(opened) === tailKeyOf(r);
                    const ticked = selection.chosen.has(tailKeyOf(r));
                    return (
                      <div
                        key={tailKeyOf(r)}
                        role="row"
                        aria-rowindex={item.index + 2}
                        aria-selected={ticked}
                        aria-current={isOpen ? true : undefined}
                        tabIndex={0}
                        data-testid="tail-row"
                        className={
                          filter.mode === 'highlight' && filter.matches(r) ? 'tail-row tail-match' : 'tail-row'
                        }
                        style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                        onClick={(e) => onRowClick(e, item.index, r)}
                        onKeyDown={(e) => onRowKeyDown(e, r)}
                      >
                        {/* A mouse user's way to add or remove one row without a modifier key. */}
                        <span
                          className="tail-check"
                          aria-hidden="true"
                          data-testid="tail-check"
                          onClick={(e) => {
                            e.stopPropagation();
                            selection.toggle(r);
                          }}
                        />
                        <span role="cell">{shown(r.arrivedAt && timeFormat.format(new Date(r.arrivedAt)))}</span>
                        <span role="cell" className="mono" title={r.shardId}>
                          {r.shardId}
                        </span>
                        <span role="cell" className="mono" title={r.partitionKey}>
                          {r.partitionKey}
                        </span>
                        <span role="cell" className="mono" title={r.sequenceNumber}>
                          {r.sequenceNumber}
                        </span>
                        <span role="cell" className="mono tail-preview" data-testid="tail-preview" title={preview}>
                          {preview}
                        </span>
                      </div>
                    );
                  })}
                </div>
              )}
            </div>
          </div>

          {opened && (
            <section className="tail-details" aria-label={t('tail.details')}>
              <header className="tail-details-header">
                <strong>{t('tail.details')}</strong>
                <span
                  className="panel-meta mono"
                  title={`${opened.shardId} · ${opened.sequenceNumber} · ${opened.partitionKey}`}
                >
                  {opened.shardId} · {opened.sequenceNumber} · {opened.partitionKey}
                </span>
                <button type="button" className="small" onClick={() => setOpened(null)}>
                  {t('tail.closeDetails')}
                </button>
              </header>
              {opened.truncated && (
                <p className="hint-text">
                  {t('tail.cut', { shown: formatNumber(64 * 1024), size: formatNumber(opened.size) })}
                </p>
              )}
              <DecodedRecord
                key={tailKeyOf(opened)}
                dataBase64={opened.dataBase64}
                pinKey={{ profileId, streamName: targetStreamName(target) }}
              />
            </section>
          )}
        </div>
      </Dialog>
      {replaying && (
        <ReplayDialog
          profileId={profileId}
          source={target}
          streamLabel={streamLabel}
          picked={replaying.records.map(({ shardId, sequenceNumber }) => ({ shardId, sequenceNumber }))}
          pickedHow={replaying.selected ? 'selected' : 'shown'}
          onClose={() => setReplaying(null)}
          onStarted={onClose}
        />
      )}
    </>
  );
}
