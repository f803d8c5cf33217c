// The in-memory index history is searched through: entries in the order they were added, each with
// a lowercase haystack made once, so a search is one pass of `includes` over strings that already
// exist, with no copying of the list per call. Entries loaded from the file get theirs at load (in
// the background); an added entry is only queued by put(), and is inserted and gets its haystack
// in indexAdded(), which the history calls in the turn after the add (with the file write), or at
// the first read before that (every read takes the queue in first), so a send's answer waits for
// neither (lowering the payload was ~9 µs of the ~90 µs the app adds to a send, the insert ~5).
import type { HistoryEntry, HistoryFacets, HistoryQuery, HistoryPage } from '../contract';
import { historyOutcome } from '../shared/outcome';
import { summarize } from './entry';

interface Row {
  entry: HistoryEntry;
  /** null for an added row until the turn after it was added, or a search before then. */
  haystack: string | null;
  timeMs: number;
  alive: boolean;
}

// A character no query can hold (the contract refuses it), so no match spans two fields.
const FIELD_SEPARATOR = '\u0000';

export interface HistoryIndex {
  readonly size: number;
  get(id: string): HistoryEntry | undefined;
  has(id: string): boolean;
  /** Adds an entry as the newest; an entry with the same id is replaced. */
  put(entry: HistoryEntry): void;
  /** Adds an entry as the oldest (loading the file newest first); an id already held keeps its newer entry. */
  putOlder(entry: HistoryEntry): void;
  /** Inserts the entries put since the last call and makes their search text (an import puts a slice a turn). */
  indexAdded(): void;
  delete(id: string): boolean;
  clear(): void;
  query(q: HistoryQuery): Omit<HistoryPage, 'loading'>;
  /** Every matching entry, newest first (for export). */
  matching(q: Omit<HistoryQuery, 'offset' | 'limit'>): HistoryEntry[];
}

export function createHistoryIndex(initial: Iterable<HistoryEntry> = []): HistoryIndex {
  // Oldest first, then appended to; `older` holds what the file load adds behind them, newest first.
  let rows: Row[] = [];
  let older: Row[] = [];
  const byId = new Map<string, Row>();
  const streams = new Map<string, number>();
  const profiles = new Map<string, { name: string; count: number }>();
  let dead = 0;
  let unindexed: Row[] = [];
  /** Entries put and not inserted yet, oldest first. */
  let queued: HistoryEntry[] = [];
  const settle = () => {
    if (queued.length === 0) return;
    const taken = queued;
    queued = [];
    for (const entry of taken) insert(entry);
  };
  const indexAdded = () => {
    settle();
    for (const row of unindexed) row.haystack ??= haystackOf(row.entry);
    unindexed = [];
  };

  const count = (entry: HistoryEntry, delta: 1 | -1, newest = true) => {
    const s = (streams.get(entry.streamName) ?? 0) + delta;
    if (s > 0) streams.set(entry.streamName, s);
    else streams.delete(entry.streamName);
    const p = profiles.get(entry.profile.id);
    const c = (p?.count ?? 0) + delta;
    // The newest entry's name wins: a renamed profile shows under its current name.
    const name = delta > 0 && (newest || !p) ? entry.profile.name : (p?.name ?? entry.profile.name);
    if (c > 0) profiles.set(entry.profile.id, { name, count: c });
    else profiles.delete(entry.profile.id);
  };

  const remove = (row: Row) => {
    row.alive = false;
    byId.delete(row.entry.id);
    count(row.entry, -1);
    dead++;
    // Dead rows only cost a skip each; drop them once they are as many as the living.
    if (dead > 1024 && dead > byId.size) {
      rows = rows.filter((r) => r.alive);
      older = older.filter((r) => r.alive);
      dead = 0;
    }
  };

  const insert = (entry: HistoryEntry) => {
    const old = byId.get(entry.id);
    if (old) remove(old);
    const row: Row = { entry, haystack: null, timeMs: Date.parse(entry.time), alive: true };
    unindexed.push(row);
    rows.push(row);
    byId.set(entry.id, row);
    count(entry, 1);
  };

  const putOlder = (entry: HistoryEntry) => {
    settle();
    if (byId.has(entry.id)) return;
    const row: Row = { entry, haystack: haystackOf(entry), timeMs: Date.parse(entry.time), alive: true };
    older.push(row);
    byId.set(entry.id, row);
    count(entry, 1, false);
  };

  /** Calls `visit` with each matching row, newest first, until it answers false. */
  const scan = (q: Omit<HistoryQuery, 'offset' | 'limit'>, visit: (row: Row) => boolean | void) => {
    settle();
    const text = q.text?.trim().toLowerCase() ?? '';
    const from = q.from ? Date.parse(q.from) : -Infinity;
    const to = q.to ? Date.parse(q.to) : Infinity;
    /** Answers false once `visit` wants no more rows. */
    const test = (row: Row): boolean => {
      if (!row.alive) return true;
      const { entry } = row;
      if (q.profileId !== undefined && entry.profile.id !== q.profileId) return true;
      if (q.stream !== undefined && entry.streamName !== q.stream) return true;
      if (q.outcome !== undefined && historyOutcome(entry.result.ok, entry.run?.report.state) !== q.outcome)
        return true;
      if (row.timeMs < from || row.timeMs > to) return true;
      if (text && !(row.haystack ??= haystackOf(entry)).includes(text)) return true;
      return visit(row) !== false;
    };
    for (let i = rows.length - 1; i >= 0; i--) if (!test(rows[i])) return;
    for (let i = 0; i < older.length; i++) if (!test(older[i])) return;
  };

  const facets = (): HistoryFacets => ({
    streams: [...streams.keys()].sort(),
    profiles: [...profiles].map(([id, p]) => ({ id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name)),
  });

  for (const entry of initial) insert(entry);
  indexAdded();

  return {
    get size() {
      settle();
      return byId.size;
    },
    get: (id) => (settle(), byId.get(id)?.entry),
    has: (id) => (settle(), byId.has(id)),
    put: (entry) => void queued.push(entry),
    putOlder,
    indexAdded,
    delete(id) {
      settle();
      const row = byId.get(id);
      if (row) remove(row);
      return row !== undefined;
    },
    clear() {
      queued = [];
      rows = [];
      older = [];
      unindexed = [];
      byId.clear();
      streams.clear();
      profiles.clear();
      dead = 0;
    },
    query(q) {
      settle();
      const page: HistoryPage['entries'] = [];
      const end = q.offset + q.limit;
      let matched = 0;
      scan(q, (row) => {
        if (matched >= q.offset && matched < end) page.push(summarize(row.entry));
        matched++;
      });
      return { entries: page, total: byId.size, matched, ...facets() };
    },
    matching(q) {
      const found: HistoryEntry[] = [];
      scan(q, (row) => void found.push(row.entry));
      return found;
    },
  };
}

function haystackOf(entry: HistoryEntry): string {
  const error = entry.result.ok ? '' : `${entry.result.error.name}${FIELD_SEPARATOR}${entry.result.error.message}`;
  return [entry.partitionKey, entry.streamName, entry.payload.text, error].join(FIELD_SEPARATOR).toLowerCase();
}
