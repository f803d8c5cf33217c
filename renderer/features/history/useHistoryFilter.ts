// The history list's search and filters, as the user set them, and the filter they make: the
// search waits for a pause in typing, and a custom time range whose start is after its end is not
// asked for (the list keeps the last valid one).
import { useEffect, useRef, useState } from 'react';
import type { HistoryFilter } from '../../../electron/contract';
import { ANY_TIME, rangeBounds, type TimeRange } from './timeRange';

const SEARCH_DELAY_MS = 150;

export type Outcome = '' | 'ok' | 'failed';

export function useHistoryFilter() {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [profileId, setProfileId] = useState('');
  const [stream, setStream] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('');
  const [time, setTime] = useState<TimeRange>(ANY_TIME);
  const lastBounds = useRef<{ from?: string; to?: string }>({});

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
  return {
    filter,
    /** Something narrows the list: its count is shown against the total. */
    filtered: Boolean(search || profileId || stream || outcome || lastBounds.current.from || lastBounds.current.to),
    /** How many of the folded filters are set (the search is always in view). */
    activeFilters: [profileId, stream, outcome, time.preset !== 'any'].filter(Boolean).length,
    invalidRange: bounds === 'invalid',
    fields: { text, setText, profileId, setProfileId, stream, setStream, outcome, setOutcome, time, setTime },
  };
}

export type HistoryFilterState = ReturnType<typeof useHistoryFilter>;
