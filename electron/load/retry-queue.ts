// Records waiting out their backoff, soonest first (a binary min-heap on the time they may go).

export function createRetryQueue() {
  const at: number[] = [];
  const ids: number[] = [];

  const swap = (a: number, b: number) => {
    [at[a], at[b]] = [at[b], at[a]];
    [ids[a], ids[b]] = [ids[b], ids[a]];
  };

  return {
    get size() {
      return ids.length;
    },
    push(index: number, readyAt: number) {
      at.push(readyAt);
      ids.push(index);
      for (let i = ids.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (at[parent] <= at[i]) break;
        swap(i, parent);
        i = parent;
      }
    },
    /** The index due first, if its time has come. */
    peekReady(t: number): number | undefined {
      return ids.length > 0 && at[0] <= t ? ids[0] : undefined;
    },
    nextReadyAt(): number | undefined {
      return at[0];
    },
    /** How many are due at `t`, counting at most `limit`. */
    countReady(t: number, limit: number): number {
      let n = 0;
      const stack = ids.length > 0 ? [0] : [];
      while (stack.length > 0 && n < limit) {
        const i = stack.pop()!;
        if (at[i] > t) continue;
        n++;
        for (const c of [2 * i + 1, 2 * i + 2]) if (c < ids.length) stack.push(c);
      }
      return n;
    },
    pop(): number {
      const top = ids[0];
      const lastAt = at.pop()!;
      const lastId = ids.pop()!;
      if (ids.length > 0) {
        at[0] = lastAt;
        ids[0] = lastId;
        for (let i = 0; ;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < ids.length && at[l] < at[m]) m = l;
          if (r < ids.length && at[r] < at[m]) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return top;
    },
  };
}
