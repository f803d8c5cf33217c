// Splits a template into literal text and `{{ expression }}` placeholders in one pass, noting for
// each placeholder whether it sits inside a JSON string literal (json mode escapes values there).
//
// Escapes: an odd run of backslashes before `{{` makes its last backslash escape the braces, so
// `\{{` is a literal `{{` while `\\{{uuid}}` is a JSON-escaped backslash followed by a placeholder.

import { problemOf, type ReasonWithParams } from '../shared/reasons';
import type { CallNode, Failure, Literal, LiteralValue, ScalarLiteral, Span } from './types';

export type Segment = { text: string } | { call: CallNode; inString: boolean };
export type Parsed = { ok: true; segments: Segment[] } | { ok: false; failure: Failure };

class ParseFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.reason);
  }
}

const fail = (kind: Failure['kind'], problem: ReasonWithParams, start: number, end = start + 1): never => {
  throw new ParseFailure({ kind, ...problem, span: { start, end } });
};

/** The braces as parameters: written into a text, i18next would read them as a parameter of its own. */
export const BRACES = { open: '{{', close: '}}' } as const;

/** What a placeholder expected where it found something else; each says it in its own words. */
type Expectation =
  | 'tplExpectedArgEnd'
  | 'tplExpectedName'
  | 'tplExpectedLiteralEnd'
  | 'tplExpectedArgument'
  | 'tplExpectedValue'
  | 'tplExpectedColon'
  | 'tplExpectedObjectEnd';

export function parseTemplate(source: string): Parsed {
  const segments: Segment[] = [];
  let text = '';
  // JSON string state of the literal text emitted so far.
  let inString = false;
  let escaped = false;
  const emit = (chunk: string) => {
    text += chunk;
    for (const c of chunk) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = inString;
      else if (c === '"') inString = !inString;
    }
  };

  try {
    let i = 0;
    while (i < source.length) {
      const c = source[i];
      if (c === '\\') {
        let run = 1;
        while (source[i + run] === '\\') run++;
        const beforeBraces = source.startsWith('{{', i + run);
        if (beforeBraces && run % 2 === 1) {
          emit('\\'.repeat(run - 1) + '{{');
          i += run + 2;
        } else {
          emit('\\'.repeat(run));
          i += run;
        }
      } else if (c === '{' && source[i + 1] === '{') {
        if (text) segments.push({ text });
        text = '';
        const parser = new ExpressionParser(source, i);
        segments.push({ call: parser.parsePlaceholder(), inString });
        i = parser.pos;
      } else {
        // Plain text up to the next backslash or brace in one piece: a template for a large record
        // may be megabytes of text, and a character at a time took seconds.
        let end = i + 1;
        while (end < source.length && source[end] !== '\\' && source[end] !== '{') end++;
        emit(source.slice(i, end));
        i = end;
      }
    }
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, failure: e.failure };
    throw e;
  }
  if (text) segments.push({ text });
  return { ok: true, segments };
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const STRING_ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
};

/** Recursive descent over one placeholder, starting at its `{{`; leaves pos just after `}}`. */
class ExpressionParser {
  pos: number;
  private readonly open: number;

  constructor(
    private readonly source: string,
    open: number,
  ) {
    this.open = open;
    this.pos = open + 2;
  }

  parsePlaceholder(): CallNode {
    try {
      return this.parseBody();
    } catch (e) {
      // A stray token is usually the text after a forgotten }}: say that when no }} follows this {{.
      if (e instanceof ParseFailure && e.failure.kind === 'syntax' && !this.closedLater()) this.unclosed();
      throw e;
    }
  }

  private closedLater(): boolean {
    const close = this.source.indexOf('}}', this.open + 2);
    const nextOpen = this.source.indexOf('{{', this.open + 2);
    return close >= 0 && (nextOpen < 0 || close < nextOpen);
  }

  private parseBody(): CallNode {
    this.skipSpace();
    if (this.source.startsWith('}}', this.pos)) fail('empty', problemOf('tplEmpty', BRACES), this.open, this.pos + 2);
    if (this.atEnd()) this.unclosed();
    const call = this.parseCall();
    this.skipSpace();
    if (this.source.startsWith('}}', this.pos)) {
      this.pos += 2;
      return call;
    }
    if (this.atEnd()) this.unclosed();
    return fail(
      'syntax',
      problemOf('tplOneExpression', { found: this.source[this.pos], close: BRACES.close }),
      this.pos,
    );
  }

  private parseCall(): CallNode {
    const start = this.pos;
    const path = [this.parseIdentifier()];
    while (this.source[this.pos] === '.') {
      this.pos++;
      path.push(this.parseIdentifier());
    }
    this.skipSpace();
    let args: Literal[] | null = null;
    if (this.source[this.pos] === '(') {
      this.pos++;
      args = [];
      this.skipSpace();
      if (this.source[this.pos] !== ')') {
        for (;;) {
          args.push(this.parseLiteral(true));
          this.skipSpace();
          if (this.source[this.pos] === ',') {
            this.pos++;
            this.skipSpace();
            continue;
          }
          if (this.source[this.pos] === ')') break;
          this.expected('tplExpectedArgEnd');
        }
      }
      this.pos++;
    }
    return { path, args, start, end: this.pos };
  }

  private parseIdentifier(): Span & { name: string } {
    const start = this.pos;
    if (!IDENT_START.test(this.source[this.pos] ?? '')) this.expected('tplExpectedName');
    while (IDENT_PART.test(this.source[this.pos] ?? '')) this.pos++;
    return { name: this.source.slice(start, this.pos), start, end: this.pos };
  }

  private parseLiteral(allowObject: boolean): Literal {
    const start = this.pos;
    const c = this.source[this.pos];
    let value: LiteralValue;
    if (c === '"' || c === "'") value = this.parseString();
    else if (c === '-' || (c >= '0' && c <= '9')) value = this.parseNumber();
    else if (allowObject && c === '{') value = this.parseObject();
    else if (this.source.startsWith('true', this.pos) || this.source.startsWith('false', this.pos)) {
      value = c === 't';
      this.pos += value ? 4 : 5;
      if (IDENT_PART.test(this.source[this.pos] ?? '')) this.expected('tplExpectedLiteralEnd');
    } else {
      return this.expected(allowObject ? 'tplExpectedArgument' : 'tplExpectedValue');
    }
    return { value, start, end: this.pos };
  }

  private parseString(): string {
    const start = this.pos;
    const quote = this.source[this.pos++];
    let out = '';
    for (;;) {
      const c = this.source[this.pos];
      if (c === undefined || c === '\n') return fail('literal', problemOf('tplStringOpen', { quote }), start, this.pos);
      this.pos++;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.source[this.pos];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.source.slice(this.pos + 1, this.pos + 5))) {
        out += String.fromCharCode(parseInt(this.source.slice(this.pos + 1, this.pos + 5), 16));
        this.pos += 5;
      } else if (e !== undefined && e in STRING_ESCAPES) {
        out += STRING_ESCAPES[e];
        this.pos++;
      } else {
        fail('literal', problemOf('tplEscape', { escape: e ?? '' }), this.pos - 1, this.pos + 1);
      }
    }
  }

  private parseNumber(): number {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.source);
    const end = match ? this.pos + match[0].length : this.pos;
    if (!match || IDENT_PART.test(this.source[end] ?? '') || this.source[end] === '.') {
      let stop = end;
      while (/[A-Za-z0-9_.\-+]/.test(this.source[stop] ?? '')) stop++;
      return fail(
        'literal',
        problemOf('tplNotNumber', { text: this.source.slice(this.pos, stop) }),
        this.pos,
        Math.max(stop, this.pos + 1),
      );
    }
    this.pos = end;
    return Number(match[0]);
  }

  private parseObject(): Readonly<Record<string, ScalarLiteral>> {
    this.pos++;
    const entries: Array<[string, ScalarLiteral]> = [];
    this.skipSpace();
    while (this.source[this.pos] !== '}') {
      const c = this.source[this.pos];
      const key = c === '"' || c === "'" ? this.parseString() : this.parseIdentifier().name;
      this.skipSpace();
      if (this.source[this.pos] !== ':') this.expected('tplExpectedColon');
      this.pos++;
      this.skipSpace();
      entries.push([key, this.parseLiteral(false).value as ScalarLiteral]);
      this.skipSpace();
      if (this.source[this.pos] === ',') {
        this.pos++;
        this.skipSpace();
      } else if (this.source[this.pos] !== '}') this.expected('tplExpectedObjectEnd');
    }
    this.pos++;
    // fromEntries defines own properties, so a "__proto__" key cannot reach a prototype.
    return Object.freeze(Object.fromEntries(entries));
  }

  private skipSpace() {
    while (/\s/.test(this.source[this.pos] ?? '')) this.pos++;
  }

  private atEnd() {
    return this.pos >= this.source.length;
  }

  private unclosed(): never {
    return fail('unclosed', problemOf('tplUnclosed', BRACES), this.open, this.open + 2);
  }

  private expected(what: Expectation): never {
    if (this.atEnd()) this.unclosed();
    const found = this.source.startsWith('}}', this.pos) ? '}}' : this.source[this.pos];
    return fail(
      'syntax',
      problemOf(what, { found: found === '\n' ? '\\n' : found }),
      this.pos,
      this.pos + found.length,
    );
  }
}
