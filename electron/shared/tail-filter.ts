// Bounds of what a tail shows and of a tail filter, shared by the contract (what main accepts), main (what it compiles) and
// the renderer (the filter box's length and the help line).

/** Data shown per record of a tail; the record's full size goes along. */
export const TAIL_DATA_BYTES = 64 * 1024;

export const FILTER_LIMITS = {
  /** Characters of one expression. */
  chars: 2000,
  /** Nodes of its syntax tree: what evaluating it per record can cost. */
  nodes: 400,
  /** Nesting: the parser and the evaluator recurse once per level. */
  depth: 32,
  /** Records one match call takes (a tail event holds at most 500). */
  records: 500,
  /** Saved filters per connection and stream. */
  saved: 100,
  /** Characters of a saved filter's name. */
  name: 100,
};

/** The names an expression can read, in the order the help line lists them. */
export const FILTER_VARIABLES = ['data', 'text', 'key', 'shard', 'seq', 'arrival', 'size'] as const;
