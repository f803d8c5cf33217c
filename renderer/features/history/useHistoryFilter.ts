// The history list's search and filters, as the user set them, and the filter they make: the
// search waits for a pause in typing, and a custom time range whose start is after its end is not
// asked for (the list keeps the last valid one).
import { useEffect, useState } from 'react';
import type { HistoryFilter, HistoryOutcome } from '../../../electron/contract';
import { ANY_TIME, rangeBounds, type TimeRange } from './timeRange';

const SEARCH_DELAY_MS = 150;

export type Outcome = '' | HistoryOutcome;

export function useHistoryFilter() {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [profileId, setProfileId] = useState('');
  const [stream, setStream] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('');
  const [time, setTime] = useState<TimeRange>(ANY_TIME);
  // The last range that was not invalid, kept in the same render as the change (React's "adjust
  // state when a prop changes"); it is what the filter asks for.
  const [validTime, setValidTime] = useState<TimeRange>(ANY_TIME);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const bounds = rangeBounds(time);
  if (bounds !== 'invalid' && time !== validTime) setValidTime(time);
  const kept = bounds === 'invalid' ? rangeBounds(validTime) : bounds;
  const lastBounds = kept === 'invalid' ? {} : kept;
  const filter: HistoryFilter = {
    ...(search ? { text: search } : {}),
    ...(profileId ? { profileId } : {}),
    ...(stream ? { stream } : {}),
    ...(outcome ? { outcome } : {}),
    ...lastBounds,
  };
  return {
    filter,
    /** Something narrows the list: its count is shown against the total. */
    filtered: Boolean(search || profileId || stream || outcome || lastBounds.from || lastBounds.to),
    /** How many of the folded filters are set (the search is always in view). */
    activeFilters: [profileId, stream, outcome, time.preset !== 'any'].filter(Boolean).length,
    invalidRange: bounds === 'invalid',
    fields: { text, setText, profileId, setProfileId, stream, setStream, outcome, setOutcome, time, setTime },
  };
}

export type HistoryFilterState = ReturnType<typeof useHistoryFilter>;
