// Literals for the generated snippets. Every one must reproduce its value exactly when the
// snippet runs, and show a reader nothing invisible: characters a reader cannot see (control,
// format, private-use, unassigned, separators other than the plain space) are written as escapes,
// and so are lone UTF-16 surrogates (Cs), which a clipboard or an editor would turn into U+FFFD.

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Zs}]/u;
const CONTROL_EXCEPT_LINE_BREAKS = /[\p{Cc}]/u;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The payload as text when it is UTF-8 meant to be read (tabs and line breaks allowed, no other
 * control characters); null when it is binary and must travel as base64.
 */
export function readableText(data: Uint8Array): string | null {
  let text: string;
  try {
    text = strictUtf8.decode(data);
  } catch {
    return null;
  }
  for (const ch of text) {
    if (ch !== '\t' && ch !== '\n' && ch !== '\r' && CONTROL_EXCEPT_LINE_BREAKS.test(ch)) return null;
  }
  return text;
}

export function toBase64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

type AstralEscape = (codePoint: number) => string;

function quoted(s: string, astral: AstralEscape): string {
  let out = "'";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === ' ' || !INVISIBLE.test(ch)) out += ch;
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += astral(cp);
  }
  return out + "'";
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** A single-quoted Python 3 str literal. */
export function pythonStr(s: string): string {
  return quoted(s, (cp) => `\\U${hex(cp, 8)}`);
}

/** A single-quoted JavaScript string literal. */
export function jsStr(s: string): string {
  return quoted(s, (cp) => `\\u{${cp.toString(16)}}`);
}

/**
 * A text split after each line feed, so a multi-line payload (pretty JSON) reads as lines in the
 * snippet while the pieces concatenate back to the exact text.
 */
export function linesKeepingBreaks(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/**
 * A JSON string literal in which every character that does not show as itself is a \u escape
 * (a character outside the BMP as its surrogate pair), so it reads back as exactly the same string.
 */
export function jsonStr(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === ' ' || !INVISIBLE.test(ch)) out += ch;
    else for (let i = 0; i < ch.length; i++) out += `\\u${hex(ch.charCodeAt(i), 4)}`;
  }
  return out + '"';
}

/** True when the text can stand in shell text as is: visible characters and plain spaces only. */
export function printable(text: string): boolean {
  for (const ch of text) if (ch !== ' ' && INVISIBLE.test(ch)) return false;
  return true;
}

const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A POSIX shell word: bare when nothing in it is special, else single-quoted ('\'' for a quote). */
export function shellQuote(s: string): string {
  if (SHELL_SAFE.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
