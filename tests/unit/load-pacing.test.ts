import { describe, expect, it } from 'vitest';
import { backoffMs, createPacing } from '../../electron/load/pacing';

describe('load run pacing', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffMs(1, 0.999)).toBeCloseTo(99.9);
    expect(backoffMs(3, 0.5)).toBe(200);
    expect(backoffMs(20, 0.999)).toBeCloseTo(4995);
    expect(backoffMs(4, 0)).toBe(0);
  });

  it('paces a user rate in calls of a tenth of a second', () => {
    const p = createPacing(1000);
    expect(p.callSize(500)).toBe(100);
    expect(p.waitFor(100, 0)).toBe(0);
    p.take(100, 0);
    expect(p.waitFor(100, 0)).toBe(100);
    expect(p.waitFor(100, 50)).toBe(50);
    expect(createPacing(20_000).callSize(500)).toBe(500);
    expect(createPacing(null).waitFor(500, 0)).toBe(0);
  });

  it('drops to what the service accepts when throttled, ignores news from before the cut, and regrows', () => {
    const p = createPacing(null);
    expect(p.rate()).toBeNull();
    p.feedback({ sentAt: 0, sent: 500, throttled: 250, t: 10, sendRate: 8000, ackRate: 3000 });
    expect(p.rate()).toBeCloseTo(0.97 * 4000);
    // A call sent before the cut, answered after it: already acted on.
    p.feedback({ sentAt: 5, sent: 500, throttled: 500, t: 20, sendRate: 8000, ackRate: 3000 });
    expect(p.rate()).toBeCloseTo(0.97 * 4000);
    // The ack rate bounds a cut from below: the service took that much.
    p.feedback({ sentAt: 30, sent: 400, throttled: 400, t: 40, sendRate: 3880, ackRate: 3500 });
    expect(p.rate()).toBeCloseTo(0.97 * 3500);
    const cut = p.rate()!;
    p.feedback({ sentAt: 50, sent: 300, throttled: 0, t: 60, sendRate: 3400, ackRate: 3400 });
    p.feedback({ sentAt: 60, sent: 300, throttled: 0, t: 560, sendRate: 3400, ackRate: 3400 });
    // 25% a second: 20 ms, then half a second.
    expect(p.rate()).toBeCloseTo(cut * 1.005 * 1.125);
    // A user rate below the ceiling wins.
    const q = createPacing(100);
    q.feedback({ sentAt: 0, sent: 10, throttled: 5, t: 1, sendRate: 1000, ackRate: 500 });
    expect(q.rate()).toBe(100);
  });
});
