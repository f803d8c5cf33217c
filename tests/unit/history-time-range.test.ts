import { describe, expect, test } from 'vitest';
import { ANY_TIME, pickPreset, rangeBounds } from '../../renderer/features/history/timeRange';

describe('history time range', () => {
  test('a recent window starts when it was picked and has no end', () => {
    const now = Date.UTC(2025, 5, 1, 12);
    expect(rangeBounds(pickPreset(ANY_TIME, 'hour', now))).toEqual({ from: new Date(now - 3_600_000).toISOString() });
    expect(rangeBounds(pickPreset(ANY_TIME, 'week', now))).toEqual({
      from: new Date(now - 7 * 86_400_000).toISOString(),
    });
    expect(rangeBounds(pickPreset(pickPreset(ANY_TIME, 'day', now), 'any'))).toEqual({});
  });

  test('a custom range takes local times; a minute-precision end includes that whole minute', () => {
    const range = { ...pickPreset(ANY_TIME, 'custom'), from: '2025-01-01T10:00', to: '2025-01-01T10:05' };
    expect(rangeBounds(range)).toEqual({
      from: new Date(2025, 0, 1, 10, 0).toISOString(),
      to: new Date(new Date(2025, 0, 1, 10, 5).getTime() + 59_999).toISOString(),
    });
    expect(rangeBounds({ ...range, to: '' })).toEqual({ from: new Date(2025, 0, 1, 10, 0).toISOString() });
  });

  test('a start after the end is invalid; the same minute is not', () => {
    const range = { ...pickPreset(ANY_TIME, 'custom'), from: '2025-01-02T00:00', to: '2025-01-01T23:59' };
    expect(rangeBounds(range)).toBe('invalid');
    expect(rangeBounds({ ...range, to: '2025-01-02T00:00' })).not.toBe('invalid');
  });
});
