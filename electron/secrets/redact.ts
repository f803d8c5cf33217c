// The one place that knows which credential values the app holds, and takes them out of text.
// The connection code tells it every credential object it resolves (static keys, the environment,
// and each refresh of a shared-profile provider); the boundaries (IPC answers and events, history
// writes, run journals, exports, failure descriptions) pass what leaves main through it. One
// redactor serves the whole app, so a value learnt on any profile is cut from every output.

/**
 * Fields of an AWS credential object that are not secret: the key id (masked to its last 4
 * characters where messages quote it, see kinesis/errors.ts), the region scope and the account.
 * Every other string field counts as secret, so a token a future provider adds is covered unasked.
 */
const PUBLIC_FIELDS = new Set(['accessKeyId', 'credentialScope', 'accountId']);

/**
 * Values shorter than this are not treated as secret: cutting a word like "local" (the sandbox's
 * placeholder key) would blank ordinary text everywhere. Real keys are 40 characters, tokens hundreds.
 */
export const MIN_SECRET_LENGTH = 8;

export const REDACTED = '***';

export interface Redactor {
  /** Notes the secret values of a resolved credential object. */
  learn(credentials: object): void;
  /** The text with every known secret, and the encoded forms an endpoint could echo, replaced by ***. */
  text(text: string): string;
  /** A copy of the value with every string in it passed through text(); the value itself when nothing changed. */
  deep<T>(value: T): T;
}

export function createRedactor(): Redactor {
  const known = new Set<string>();
  /** Longest first, so a whole form goes before a piece of it. */
  let patterns: string[] = [];

  const text = (s: string): string => {
    for (const p of patterns) if (s.includes(p)) s = s.split(p).join(REDACTED);
    return s;
  };

  const deep = <T>(value: T): T => {
    if (patterns.length === 0) return value;
    if (typeof value === 'string') return text(value) as T;
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
    if (Array.isArray(value)) {
      let changed = false;
      const out = (value as unknown[]).map((v) => {
        const r = deep(v);
        changed ||= r !== v;
        return r;
      });
      return (changed ? out : value) as T;
    }
    let out: Record<string, unknown> | null = null;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const r = deep(v);
      if (r !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = r;
    }
    return (out ?? value) as T;
  };

  return {
    learn(credentials) {
      let added = false;
      for (const [field, v] of Object.entries(credentials)) {
        if (PUBLIC_FIELDS.has(field) || typeof v !== 'string' || v.length < MIN_SECRET_LENGTH || known.has(v)) continue;
        known.add(v);
        added = true;
      }
      if (added) patterns = [...new Set([...known].flatMap(formsOf))].sort((a, b) => b.length - a.length);
    },
    text: (s) => (patterns.length === 0 ? s : text(s)),
    deep,
  };
}

/**
 * The ways a secret can show in text an endpoint sends back: as it is, URL-encoded (a query
 * string or a form body), escaped in a JSON string, and base64 / base64url encoded within a
 * longer value (three byte alignments; the characters that mix in neighbouring bytes are left).
 */
function formsOf(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
  const bytes = Buffer.from(secret, 'utf8');
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    // Characters before `from` carry bits of the bytes before the secret, those from `to` of the bytes after it.
    const from = Math.ceil((shift * 4) / 3);
    const to = Math.floor(padded.length / 3) * 4;
    for (const encoding of ['base64', 'base64url'] as const) {
      const core = padded.toString(encoding).slice(from, to);
      if (core.length >= MIN_SECRET_LENGTH) forms.push(core);
    }
  }
  return forms.filter((f) => f.length >= MIN_SECRET_LENGTH);
}
