// What a replay with no transform sends: each record's bytes as they are. A replay's history entry
// holds it as its template, and the history shows a transform only where the template differs.
// Pure code: no Node or DOM APIs, so both sides import it.

export const UNCHANGED_RECORD_TEMPLATE = '{{record.data}}';
