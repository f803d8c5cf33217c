import { expect, test } from 'vitest';
import { createCancellation } from '../../electron/cancellation';

test('a cancel reaches the listener once; a listener added after the cancel runs at once', () => {
  const c = createCancellation();
  const calls: string[] = [];
  c.token.onCancel(() => calls.push('first'));
  expect(c.token.cancelled).toBe(false);
  c.cancel();
  c.cancel();
  expect(c.token.cancelled).toBe(true);
  c.token.onCancel(() => calls.push('late'));
  expect(calls).toEqual(['first', 'late']);
});
