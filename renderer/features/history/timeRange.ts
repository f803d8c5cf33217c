// The history's time filter: a recent window (taken back from when it was picked, so the list does
// not drift while open) or a custom range from two datetime-local values in the user's time zone.

export type TimePreset = 'any' | 'hour' | 'day' | 'week' | 'custom';

export interface TimeRange {
  preset: TimePreset;
  /** For a recent window: its start, ISO, fixed when the window was picked. */
  since?: string;
  /** For a custom range: datetime-local values ("2025-01-31T14:05"), either may be empty. */
  from: string;
  to: string;
}

const WINDOW_MS: Record<'hour' | 'day' | 'week', number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

export const ANY_TIME: TimeRange = { preset: 'any', from: '', to: '' };

export function pickPreset(range: TimeRange, preset: TimePreset, now = Date.now()): TimeRange {
  return preset === 'any' || preset === 'custom'
    ? { ...range, preset, since: undefined }
    : { ...range, preset, since: new Date(now - WINDOW_MS[preset]).toISOString() };
}

/** The range as filter bounds, or `invalid` when a custom start comes after its end. */
export function rangeBounds(range: TimeRange): { from?: string; to?: string } | 'invalid' {
  if (range.preset === 'any') return {};
  if (range.preset !== 'custom') return range.since ? { from: range.since } : {};
  const from = range.from ? new Date(range.from).getTime() : NaN;
  // A minute-precision end includes the whole of that minute.
  const to = range.to ? new Date(range.to).getTime() + (range.to.length <= 16 ? 59_999 : 999) : NaN;
  if (!Number.isNaN(from) && !Number.isNaN(to) && from > to) return 'invalid';
  return {
    ...(Number.isNaN(from) ? {} : { from: new Date(from).toISOString() }),
    ...(Number.isNaN(to) ? {} : { to: new Date(to).toISOString() }),
  };
}
