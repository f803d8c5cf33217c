// The forms a decoded record is shown in, each cut at a size the screen can hold.
import type { DecodedView } from '../contract';

/** Characters of text or JSON shown; the rest is cut (the record's size is still given). */
export const SHOWN_CHARS = 1024 * 1024;
/** Bytes a hex dump shows. */
export const SHOWN_HEX_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
// For laid-out JSON cut at a limit, which may end inside a character.
const utf8Loose = new TextDecoder('utf-8');

/** A control character other than tab, line feed, form feed and carriage return: UTF-8 that is not text. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/** The bytes as text when they are UTF-8 with no control characters but white space; null otherwise. */
export function textOf(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  return hasControl(text) ? null : text;
}

const cut = (kind: DecodedView['kind'], text: string, bytes: number): DecodedView =>
  text.length > SHOWN_CHARS
    ? { kind, text: text.slice(0, SHOWN_CHARS), truncated: true, bytes }
    : { kind, text, truncated: false, bytes };

export const textView = (text: string, bytes: number) => cut('text', text, bytes);

const [TAB, LF, CR, SPACE, QUOTE, COMMA, COLON, BACKSLASH] = [0x09, 0x0a, 0x0d, 0x20, 0x22, 0x2c, 0x3a, 0x5c];
const [OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE] = [0x5b, 0x5d, 0x7b, 0x7d];
/** UTF-8 bytes of laid-out JSON kept: enough for SHOWN_CHARS characters whatever they are. */
const SHOWN_JSON_BYTES = SHOWN_CHARS * 3;

/**
 * Valid JSON (as UTF-8 bytes) laid out two spaces per level, token for token: no number goes
 * through a double (an id of 20 digits stays as it was), and no string is re-escaped. Works on the
 * bytes, for speed; stops once more than can be shown is made. Null when it nests deeper than
 * `maxDepth` (its indentation alone would outgrow the record).
 */
export function prettyJson(src: Uint8Array, maxDepth: number): { text: string; truncated: boolean } | null {
  let out = new Uint8Array(Math.min(src.length * 2, SHOWN_JSON_BYTES) + 64);
  let o = 0;
  let depth = 0;
  const room = (k: number) => {
    if (o + k <= out.length) return;
    const grown = new Uint8Array((o + k) * 2);
    grown.set(out.subarray(0, o));
    out = grown;
  };
  const newline = () => {
    room(1 + depth * 2);
    out[o++] = LF;
    out.fill(SPACE, o, o + depth * 2);
    o += depth * 2;
  };
  const isSpace = (c: number) => c === SPACE || c === LF || c === CR || c === TAB;
  let i = 0;
  for (; i < src.length && o < SHOWN_JSON_BYTES; i++) {
    const c = src[i];
    if (isSpace(c)) continue;
    if (c === QUOTE) {
      let j = i + 1;
      while (src[j] !== QUOTE) j += src[j] === BACKSLASH ? 2 : 1;
      room(j + 1 - i);
      for (let k = i; k <= j; k++) out[o++] = src[k];
      i = j;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      let j = i + 1;
      while (isSpace(src[j])) j++;
      room(2);
      out[o++] = c;
      if (src[j] === CLOSE_BRACE || src[j] === CLOSE_BRACKET) {
        out[o++] = src[j];
        i = j;
      } else {
        if (++depth > maxDepth) return null;
        newline();
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      newline();
      room(1);
      out[o++] = c;
    } else if (c === COMMA) {
      room(1);
      out[o++] = COMMA;
      newline();
    } else if (c === COLON) {
      room(2);
      out[o++] = COLON;
      out[o++] = SPACE;
    } else {
      room(1);
      out[o++] = c;
    }
  }
  const text = utf8Loose.decode(out.subarray(0, o));
  const truncated = i < src.length || text.length > SHOWN_CHARS;
  return { text: truncated ? text.slice(0, SHOWN_CHARS) : text, truncated };
}

export function hexView(bytes: Uint8Array): DecodedView {
  const shown = bytes.subarray(0, SHOWN_HEX_BYTES);
  const lines: string[] = [];
  for (let offset = 0; offset < shown.length; offset += 16) {
    const row = shown.subarray(offset, offset + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return { kind: 'hex', text: lines.join('\n'), truncated: bytes.length > shown.length, bytes: bytes.length };
}
