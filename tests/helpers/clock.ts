// Waiting on the clock as a condition, not a sleep: what a test needs is a later time, not a pause.

/** Resolves once the clock has passed `t` (polled every millisecond), returning `t`. */
export async function clockPast(t: number): Promise<number> {
  while (Date.now() <= t) await new Promise((r) => setTimeout(r, 1));
  return t;
}
