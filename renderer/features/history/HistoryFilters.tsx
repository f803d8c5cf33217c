// The history's search box and its foldable filters (connection, stream, outcome, time range).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryFacets } from '../../../electron/contract';
import { pickPreset, type TimePreset } from './timeRange';
import type { HistoryFilterState, Outcome } from './useHistoryFilter';

export function HistoryFilters({ state, facets }: { state: HistoryFilterState; facets: HistoryFacets }) {
  const { t } = useTranslation();
  const { text, setText, profileId, setProfileId, stream, setStream, outcome, setOutcome, time, setTime } =
    state.fields;
  // In a short window the filters would leave no room for the list: they start folded there.
  const [showFilters, setShowFilters] = useState(() => !window.matchMedia('(max-height: 700px)').matches);
  const invalid = state.invalidRange || undefined;
  return (
    <>
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
          {state.activeFilters ? t('history.filtersActive', { count: state.activeFilters }) : t('history.filters')}{' '}
          <span aria-hidden="true">{showFilters ? '▴' : '▾'}</span>
        </button>
      </div>
      <div id="history-filter-fields" className="history-filters history-filter-fields" hidden={!showFilters}>
        {/* A long profile name or stream path is cut in the narrow column: the tooltip has it whole. */}
        <select
          aria-label={t('history.filterProfile')}
          title={facets.profiles.find((p) => p.id === profileId)?.name ?? t('history.anyProfile')}
          value={profileId}
          onChange={(e) => setProfileId(e.target.value)}
        >
          <option value="">{t('history.anyProfile')}</option>
          {facets.profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <select
          aria-label={t('history.filterStream')}
          title={stream || t('history.anyStream')}
          value={stream}
          onChange={(e) => setStream(e.target.value)}
        >
          <option value="">{t('history.anyStream')}</option>
          {facets.streams.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select
          aria-label={t('history.filterOutcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as Outcome)}
        >
          <option value="">{t('history.anyOutcome')}</option>
          <option value="ok">{t('history.ok')}</option>
          <option value="failed">{t('history.failed')}</option>
          <option value="cancelled">{t('history.cancelled')}</option>
          <option value="running">{t('history.running')}</option>
          <option value="interrupted">{t('history.interrupted')}</option>
        </select>
        <select
          aria-label={t('history.filterTime')}
          value={time.preset}
          onChange={(e) => setTime((r) => pickPreset(r, e.target.value as TimePreset))}
        >
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
              <input
                type="datetime-local"
                aria-label={t('history.time.fromLabel')}
                aria-invalid={invalid}
                value={time.from}
                onChange={(e) => setTime((r) => ({ ...r, from: e.target.value }))}
              />
            </label>
            <label className="inline-label">
              <span aria-hidden="true">{t('history.time.to')}</span>
              <input
                type="datetime-local"
                aria-label={t('history.time.toLabel')}
                aria-invalid={invalid}
                value={time.to}
                onChange={(e) => setTime((r) => ({ ...r, to: e.target.value }))}
              />
            </label>
            {state.invalidRange && (
              <span className="error-text" role="alert">
                {t('history.time.invalid')}
              </span>
            )}
          </div>
        )}
      </div>
    </>
  );
}
