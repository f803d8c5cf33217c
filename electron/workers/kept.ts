// A task's large result (a file's rows, an import's entries) stays in its worker and crosses to
// main a page at a time: main takes in one page per message, so between pages it answers other
// calls, where one message with the whole result would hold it while it is copied in.

/** Estimated bytes per page; a page has at least one item. */
const PAGE_BYTES = 64 * 1024;

let items: unknown[] = [];
let sizes: number[] = [];

/** Keeps `list` for `pageOf`, replacing what was kept; returns the estimated bytes of it all. */
export function keep<T>(list: T[], sizeOf: (item: T) => number): number {
  items = list;
  sizes = list.map(sizeOf);
  return sizes.reduce((sum, n) => sum + n, 0);
}

/** The kept items from `from` on, as many as fit a page. */
export function pageOf(from: number): unknown[] {
  let to = from;
  for (let bytes = 0; to < items.length && (to === from || bytes + sizes[to] <= PAGE_BYTES); to++) bytes += sizes[to];
  return items.slice(from, to);
}
