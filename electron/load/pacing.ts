// How fast the run sends: a token bucket at the user's rate, under an adaptive ceiling that finds
// the stream's capacity. When the service throttles, the ceiling drops to what the service
// accepted (AIMD: cut multiplicatively, regrow gradually), so retries and new records do not
// pile onto a full stream; per-record backoff alone would keep sending at full speed and waste
// most calls on rejections, and a record could run out of attempts.
//
// "As fast as possible" does not start at full speed: full calls onto a stream of unknown capacity
// got about half of the first seconds' records throttled. It starts at a probe rate and doubles it
// with every round of calls the service takes whole (slow start, as TCP does; a round is a call
// answered that was sent after the last doubling, so a slow endpoint ramps slowly), in small
// calls so that rounds are short. Throttling above the probe rate ends the ramp (AIMD from then
// on); at or below it, it is passed over: a shard's first writes can be turned away.

/** Where "as fast as possible" starts, records/s. */
export const PROBE_RATE = 100;
/** While ramping up, a call holds this share of a second's records (else a tenth). */
const RAMP_CALL_SHARE = 1 / 50;
/** A ramp whose ceiling held no call back for this long, far above the send rate, stops growing. */
const RAMP_IDLE_MS = 1000;
/** Least send rate the ceiling can fall to, records/s. */
const MIN_RATE = 1;
/** Growth of the ceiling per second of unthrottled calls. */
const GROWTH_PER_SEC = 0.25;
/** A cut keeps this share of what the service accepted, to leave room for the backlog to drain. */
const CUT_MARGIN = 0.97;
/** The most one cut takes away. */
const MAX_CUT = 0.5;

export interface CallFeedback {
  sentAt: number;
  /** Records in the call. */
  sent: number;
  /** Of those, throttled by the service (all of them when the whole call was). */
  throttled: number;
  t: number;
  /** Records/s put in calls, retries included. */
  sendRate: number;
  /** Records/s acknowledged. */
  ackRate: number;
}

export interface Pacing {
  /** Records/s now allowed, or null for as fast as possible. */
  rate(): number | null;
  /** Records the next call should hold when paced: a tenth of a second's worth, 1..max. */
  callSize(max: number): number;
  /** Milliseconds until `n` records may go (0 = now). */
  waitFor(n: number, t: number): number;
  take(n: number, t: number): void;
  /** What a call sent at `sentAt` met, with the run's rates over the last second. */
  feedback(call: CallFeedback): void;
}

export function createPacing(userRate: number | null): Pacing {
  let ceiling: number | null = userRate === null ? PROBE_RATE : null;
  let rampingUp = userRate === null;
  /** When the rate last held a call back. */
  let heldAt = -Infinity;
  let lastCut = -Infinity;
  let lastGrowth = -Infinity;
  let tokens = 0;
  let filledAt: number | null = null;

  const rate = () => (userRate === null ? ceiling : ceiling === null ? userRate : Math.min(userRate, ceiling));
  const callSize = (max: number) => {
    const r = rate();
    return r === null ? max : Math.max(1, Math.min(max, Math.ceil(r * (rampingUp ? RAMP_CALL_SHARE : 0.1))));
  };

  function refill(t: number) {
    const r = rate();
    if (r === null) return;
    // The bucket holds one call's worth: an idle spell does not turn into a burst.
    const capacity = callSize(Number.MAX_SAFE_INTEGER);
    tokens = filledAt === null ? capacity : Math.min(capacity, tokens + ((t - filledAt) * r) / 1000);
    filledAt = t;
  }

  return {
    rate,
    callSize,
    waitFor(n, t) {
      const r = rate();
      if (r === null) return 0;
      refill(t);
      if (tokens >= n) return 0;
      heldAt = t;
      return Math.ceil(((n - tokens) * 1000) / r);
    },
    take(n, t) {
      if (rate() === null) return;
      refill(t);
      tokens -= n;
    },
    feedback({ sentAt, sent, throttled, t, sendRate, ackRate }) {
      if (throttled > 0) {
        // Calls sent before the last cut carry news about the old rate: already acted on.
        if (sentAt <= lastCut || sent === 0) return;
        // Throttling while the run sends no faster than the probe rate says nothing about capacity
        // (a shard's first writes can be turned away: it holds no credit yet): the ramp goes on.
        if (rampingUp && sendRate <= PROBE_RATE) return;
        // While throttled, what the service acknowledged over the last second is its capacity;
        // when that is still unknown (the first calls all failed), take the share it accepted.
        const from = Math.min(ceiling ?? Infinity, sendRate > 0 ? sendRate : sent * 10);
        const accepted = from * (1 - Math.min(MAX_CUT, throttled / sent));
        ceiling = Math.max(MIN_RATE, CUT_MARGIN * Math.max(ackRate, accepted));
        rampingUp = false;
        lastCut = t;
        lastGrowth = t;
        return;
      }
      if (ceiling === null || sentAt <= lastCut) return;
      if (rampingUp) {
        // A ceiling that holds no call back and is far above what the run sends stops growing:
        // the run goes as fast as it can (calls in flight, the endpoint's speed) anyway.
        const idle = t - heldAt > RAMP_IDLE_MS && ceiling > 4 * sendRate;
        if (sentAt >= lastGrowth && !idle) {
          ceiling *= 2;
          lastGrowth = t;
        }
        return;
      }
      const dt = Math.min(0.5, Math.max(0, (t - lastGrowth) / 1000));
      lastGrowth = t;
      ceiling *= 1 + GROWTH_PER_SEC * dt;
      // A ceiling far above what the run can send means nothing; past that, drop it.
      if (sendRate > 0 && ceiling > 2 * sendRate && (userRate === null || ceiling > 2 * userRate)) ceiling = null;
    },
  };
}

/** Exponential backoff with full jitter: `jitter` (uniform in [0, 1)) times min(cap, base * 2^(attempt-1)). */
export function backoffMs(attempt: number, jitter: number, baseMs = 100, capMs = 5000): number {
  return jitter * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
