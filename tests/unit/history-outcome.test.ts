// The outcome history shows, filters and searches by: a run's state decides it before its result,
// since a run under way, cancelled or cut short by the app stopping has a result that is not ok
// without having failed.
import { expect, test } from 'vitest';
import { HISTORY_OUTCOMES } from '../../electron/shared/names';
import { historyOutcome } from '../../electron/shared/outcome';

test('a run under way is running, one the app stopped in is interrupted, a cancelled one cancelled; others by their result', () => {
  expect(historyOutcome(false, 'running')).toBe('running');
  expect(historyOutcome(false, 'interrupted')).toBe('interrupted');
  expect(historyOutcome(false, 'cancelled')).toBe('cancelled');
  expect(historyOutcome(false, 'failed')).toBe('failed');
  expect(historyOutcome(true, 'done')).toBe('ok');
  expect(historyOutcome(false, 'done')).toBe('failed');
  expect(historyOutcome(true, undefined)).toBe('ok');
  expect(historyOutcome(false, undefined)).toBe('failed');
  // Every outcome the filter offers can come out.
  const states = [undefined, 'running', 'interrupted', 'cancelled', 'done', 'failed'];
  const seen = new Set([true, false].flatMap((ok) => states.map((s) => historyOutcome(ok, s))));
  expect([...seen].sort()).toEqual([...HISTORY_OUTCOMES].sort());
});
