// A cancel handle for one send. Not an AbortController: creating one and listening on its signal
// cost the send path 3-4% of its latency (npm run bench: ratio 1.10-1.14 with it, 1.06-1.08
// without), and a send needs nothing of EventTarget but one listener.

export interface Cancellation {
  readonly cancelled: boolean;
  /** Runs fn when cancel() is called (at once if it already was); one listener at a time. */
  onCancel(fn: () => void): void;
}

export function createCancellation(): { token: Cancellation; cancel(): void } {
  let cancelled = false;
  let listener: (() => void) | undefined;
  return {
    token: {
      get cancelled() {
        return cancelled;
      },
      onCancel(fn) {
        listener = fn;
        if (cancelled) fn();
      },
    },
    cancel() {
      if (cancelled) return;
      cancelled = true;
      listener?.();
    },
  };
}
