import { describe, expect, it } from 'vitest';
import { backoffMs, createPacing, PROBE_RATE, type Pacing } from '../../electron/load/pacing';
import { createRunStats } from '../../electron/load/stats';
import { seededRandom } from '../helpers/fake-kinesis';

/** Brings an as-fast-as-possible pacing past its ramp: throttling above the probe rate ends it. */
function pastTheRamp(p: Pacing) {
  p.feedback({ sentAt: -3, sent: 10, throttled: 10, t: -2, sendRate: 1e9, ackRate: 1e9 });
}

/**
 * An as-fast-as-possible run on a simulated clock against a stream of `shards` shards taking
 * `perShard` records/s each (token buckets of a second's worth, empty at a shard's first write,
 * as tests/helpers/fake-kinesis.ts does; entries throttled one by one), `latencyMs` per call, `concurrency` calls in flight. Answers the attempts and
 * throttled attempts per simulated second.
 */
function simulate(
  pacing: Pacing,
  o: { shards: number; perShard: number; latencyMs: number; concurrency: number; seconds: number },
) {
  const random = seededRandom(3);
  const stats = createRunStats(0);
  const tokens = new Array<number>(o.shards).fill(0);
  const filledAt = new Array<number | null>(o.shards).fill(null);
  const perSecond = Array.from({ length: o.seconds }, () => ({ attempts: 0, throttled: 0, acknowledged: 0 }));
  const out: { at: number; sentAt: number; sent: number; throttled: number }[] = [];
  let t = 0;
  let wakeAt = 0;
  while (t < o.seconds * 1000) {
    for (let i = out.length - 1; i >= 0; i--) {
      if (out[i].at > t) continue;
      const call = out.splice(i, 1)[0];
      if (call.sent > call.throttled) stats.acknowledged(t, call.sent - call.throttled);
      pacing.feedback({
        sentAt: call.sentAt,
        sent: call.sent,
        throttled: call.throttled,
        t,
        sendRate: stats.sendRate(t),
        ackRate: stats.currentRate(t),
      });
    }
    while (out.length < o.concurrency && t >= wakeAt) {
      const n = pacing.callSize(500);
      const wait = pacing.waitFor(n, t);
      if (wait > 0) {
        wakeAt = t + wait;
        break;
      }
      pacing.take(n, t);
      stats.sent(t, n);
      for (let s = 0; s < o.shards; s++) {
        if (filledAt[s] === null) continue;
        tokens[s] = Math.min(o.perShard, tokens[s] + ((t - filledAt[s]!) * o.perShard) / 1000);
        filledAt[s] = t;
      }
      let throttled = 0;
      for (let k = 0; k < n; k++) {
        const s = Math.floor(random() * o.shards);
        filledAt[s] ??= t;
        if (tokens[s] >= 1) tokens[s]--;
        else throttled++;
      }
      const second = perSecond[Math.floor(t / 1000)];
      second.attempts += n;
      second.throttled += throttled;
      second.acknowledged += n - throttled;
      out.push({ at: t + o.latencyMs, sentAt: t, sent: n, throttled });
    }
    const next = Math.min(...out.map((c) => c.at), out.length < o.concurrency ? Math.max(wakeAt, t + 1) : Infinity);
    t = Math.max(t + 0.1, next);
  }
  return perSecond;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

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
    const fast = createPacing(null);
    expect(fast.waitFor(fast.callSize(500), 0)).toBe(0);
  });

  it('drops to what the service accepts when throttled, ignores news from before the cut, and regrows', () => {
    const p = createPacing(null);
    pastTheRamp(p);
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
    // 25% a second: 20 ms, then half a second (past the ramp, whether or not the rate held calls back).
    expect(p.rate()).toBeCloseTo(cut * 1.005 * 1.125);
    // A user rate below the ceiling wins.
    const q = createPacing(100);
    q.feedback({ sentAt: 0, sent: 10, throttled: 5, t: 1, sendRate: 1000, ackRate: 500 });
    expect(q.rate()).toBe(100);
  });

  it('as fast as possible starts at a probe rate, in small calls, and doubles it with every round of calls taken whole', () => {
    const p = createPacing(null);
    expect(p.rate()).toBe(PROBE_RATE);
    expect(p.callSize(500)).toBe(PROBE_RATE / 50);
    p.feedback({ sentAt: 0, sent: 2, throttled: 0, t: 20, sendRate: 100, ackRate: 100 });
    expect(p.rate()).toBe(2 * PROBE_RATE);
    // A call sent before that doubling belongs to the same round.
    p.feedback({ sentAt: 10, sent: 2, throttled: 0, t: 25, sendRate: 100, ackRate: 100 });
    expect(p.rate()).toBe(2 * PROBE_RATE);
    p.feedback({ sentAt: 20, sent: 4, throttled: 0, t: 40, sendRate: 100, ackRate: 100 });
    expect(p.rate()).toBe(4 * PROBE_RATE);
    // A ceiling that has held no call back for a second, far above what is sent, stops growing.
    p.feedback({ sentAt: 1990, sent: 4, throttled: 0, t: 2000, sendRate: 50, ackRate: 50 });
    expect(p.rate()).toBe(4 * PROBE_RATE);
    p.take(p.callSize(500), 2000);
    expect(p.waitFor(p.callSize(500), 2000)).toBeGreaterThan(0);
    p.feedback({ sentAt: 2000, sent: 8, throttled: 0, t: 2010, sendRate: 50, ackRate: 50 });
    expect(p.rate()).toBe(8 * PROBE_RATE);
    // A user's rate is held from the first call.
    expect(createPacing(5000).rate()).toBe(5000);
    expect(createPacing(5000).callSize(5000)).toBe(500);
  });

  it('while ramping, throttling at no more than the probe rate is passed over (first writes to idle shards); above it, it cuts and ends the ramp', () => {
    const p = createPacing(null);
    p.feedback({ sentAt: 0, sent: 2, throttled: 2, t: 5, sendRate: 100, ackRate: 0 });
    expect(p.rate()).toBe(PROBE_RATE);
    p.feedback({ sentAt: 6, sent: 2, throttled: 0, t: 10, sendRate: 100, ackRate: 40 });
    expect(p.rate()).toBe(2 * PROBE_RATE);
    // Throttled above the probe rate: cut to what the service took, and the ramp is over.
    p.feedback({ sentAt: 70, sent: 10, throttled: 5, t: 80, sendRate: 400, ackRate: 300 });
    expect(p.rate()).toBeCloseTo(0.97 * 300);
    // From now on AIMD: 25% a second, not doubling.
    p.waitFor(1000, 90);
    p.feedback({ sentAt: 90, sent: 29, throttled: 0, t: 580, sendRate: 290, ackRate: 290 });
    expect(p.rate()).toBeCloseTo(0.97 * 300 * 1.125);
  });

  it('on a 2-shard stream of 200 records/s per shard (and 4 of 1,000): at most 10% of the first 5 s throttled, then at least 95% of the limit', () => {
    for (const [shards, perShard] of [
      [2, 200],
      [4, 1000],
    ]) {
      for (const latencyMs of [2, 10, 40]) {
        const seconds = simulate(createPacing(null), { shards, perShard, latencyMs, concurrency: 4, seconds: 20 });
        const what = `${shards} x ${perShard}/s, latency ${latencyMs} ms`;
        const first = seconds.slice(0, 5);
        expect(sum(first.map((s) => s.throttled)) / sum(first.map((s) => s.attempts)), what).toBeLessThanOrEqual(0.1);
        const steady = sum(seconds.slice(5).map((s) => s.acknowledged)) / 15;
        expect(steady, what).toBeGreaterThanOrEqual(0.95 * shards * perShard);
      }
    }
  });
});
