// How fast the run sends: a token bucket at the user's rate, under an adaptive ceiling that finds
// the stream's capacity. When the service throttles, the ceiling drops to what the service
// accepted (AIMD: cut multiplicatively, regrow gradually), so retries and new records do not
// pile onto a full stream; per-record backoff alone would keep sending at full speed and waste
// most calls on rejections, and a record could run out of attempts.

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
  let ceiling: number | null = null;
  let lastCut = -Infinity;
  let lastGrowth = -Infinity;
  let tokens = 0;
  let filledAt: number | null = null;

  const rate = () => (userRate === null ? ceiling : ceiling === null ? userRate : Math.min(userRate, ceiling));
  const callSize = (max: number) => {
    const r = rate();
    return r === null ? max : Math.max(1, Math.min(max, Math.ceil(r / 10)));
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
      return tokens >= n ? 0 : Math.ceil(((n - tokens) * 1000) / r);
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
        // While throttled, what the service acknowledged over the last second is its capacity;
        // when that is still unknown (the first calls all failed), take the share it accepted.
        const from = Math.min(ceiling ?? Infinity, sendRate > 0 ? sendRate : sent * 10);
        const accepted = from * (1 - Math.min(MAX_CUT, throttled / sent));
        ceiling = Math.max(MIN_RATE, CUT_MARGIN * Math.max(ackRate, accepted));
        lastCut = t;
        lastGrowth = t;
        return;
      }
      if (ceiling === null || sentAt <= lastCut) return;
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
