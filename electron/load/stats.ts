// The live figures of a run, in fixed memory: call latencies in a ring (percentiles of the last
// LATENCY_WINDOW calls), acknowledgements in 100 ms slots (the current rate over the last second),
// and one point per second for the chart (the last SERIES_POINTS seconds).

import type { RatePoint } from '../contract';

const LATENCY_WINDOW = 512;
const SLOT_MS = 100;
const RATE_SLOTS = 10;
export const SERIES_POINTS = 300;

export function createRunStats(startedAt: number) {
  const latencies = new Float64Array(LATENCY_WINDOW);
  let latencyCount = 0;
  const slots = new Float64Array(RATE_SLOTS);
  const sentSlots = new Float64Array(RATE_SLOTS);
  let slotEpoch = 0;
  const series: RatePoint[] = [];

  /** Moves the 100 ms window to `t`, clearing slots that passed without acknowledgements. */
  function advance(t: number) {
    const epoch = Math.floor((t - startedAt) / SLOT_MS);
    for (let e = Math.max(slotEpoch + 1, epoch - RATE_SLOTS + 1); e <= epoch; e++) {
      slots[e % RATE_SLOTS] = 0;
      sentSlots[e % RATE_SLOTS] = 0;
    }
    if (epoch > slotEpoch) slotEpoch = epoch;
  }

  function seriesPoint(t: number): RatePoint {
    const second = Math.floor((t - startedAt) / 1000);
    let last = series.at(-1);
    // Seconds without acknowledgements are points too: a stalled run shows as a dip, not a gap.
    for (let s = last ? last.second + 1 : 0; s <= second; s++) {
      series.push((last = { second: s, acknowledged: 0 }));
      if (series.length > SERIES_POINTS) series.shift();
    }
    return last!;
  }

  function perSecond(of: Float64Array, t: number): number {
    advance(t);
    let sum = 0;
    for (const v of of) sum += v;
    // Early in a run the window is shorter than a second.
    const windowMs = Math.min(RATE_SLOTS * SLOT_MS, Math.max(SLOT_MS, t - startedAt));
    return (sum * 1000) / windowMs;
  }

  return {
    callLatency(ms: number) {
      latencies[latencyCount++ % LATENCY_WINDOW] = ms;
    },
    acknowledged(t: number, n: number) {
      advance(t);
      slots[slotEpoch % RATE_SLOTS] += n;
      seriesPoint(t).acknowledged += n;
    },
    /** Records put in calls, retries included. */
    sent(t: number, n: number) {
      advance(t);
      sentSlots[slotEpoch % RATE_SLOTS] += n;
    },
    /** Acknowledgements per second over the last second. */
    currentRate: (t: number) => perSecond(slots, t),
    /** Records put in calls per second over the last second, retries included. */
    sendRate: (t: number) => perSecond(sentSlots, t),
    latency(): { p50: number | null; p95: number | null } {
      const n = Math.min(latencyCount, LATENCY_WINDOW);
      if (n === 0) return { p50: null, p95: null };
      const sorted = latencies.slice(0, n).sort();
      return { p50: sorted[Math.floor(0.5 * (n - 1))], p95: sorted[Math.floor(0.95 * (n - 1))] };
    },
    series(t: number): RatePoint[] {
      seriesPoint(t);
      return series.map((p) => ({ ...p }));
    },
  };
}
