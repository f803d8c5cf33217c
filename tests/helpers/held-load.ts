// A history store's background load, held until the test lets it go: what the store answers
// mid-load can then be checked however fast or slow the machine is.
export function heldLoad() {
  let held: (() => void) | null = null;
  let released = false;
  return {
    scheduleLoad(next: () => void) {
      if (released) setImmediate(next);
      else held = next;
    },
    release() {
      released = true;
      const next = held;
      held = null;
      if (next) setImmediate(next);
    },
  };
}
