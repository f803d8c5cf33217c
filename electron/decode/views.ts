// The forms a decoded record is shown in, each cut at a size the screen can hold.
import type { DecodedView } from '../contract';

/** Characters of text or JSON shown; the rest is cut (the record's size is still given). */
export const SHOWN_CHARS = 1024 * 1024;
/** Bytes a hex dump shows. */
export const SHOWN_HEX_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

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

export const jsonView = (text: string, bytes: number) => cut('json', prettyJson(text), bytes);

const [QUOTE, BACKSLASH, COMMA, COLON] = [0x22, 0x5c, 0x2c, 0x3a];
const [OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [0x7b, 0x7d, 0x5b, 0x5d];
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Valid JSON text laid out two spaces per level, token for token: no number goes through a double
 * (an id of 20 digits stays as it was), and no string is re-escaped.
 */
export function prettyJson(text: string): string {
  const out: string[] = [];
  let indent = 0;
  const newline = () => '\n' + '  '.repeat(indent);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c === QUOTE) {
      let j = i + 1;
      while (text.charCodeAt(j) !== QUOTE) j += text.charCodeAt(j) === BACKSLASH ? 2 : 1;
      out.push(text.slice(i, j + 1));
      i = j;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      let j = i + 1;
      while (isSpace(text.charCodeAt(j))) j++;
      const next = text.charCodeAt(j);
      if (next === CLOSE_BRACE || next === CLOSE_BRACKET) {
        out.push(text[i] + text[j]);
        i = j;
      } else {
        indent++;
        out.push(text[i] + newline());
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      indent--;
      out.push(newline() + text[i]);
    } else if (c === COMMA) out.push(',' + newline());
    else if (c === COLON) out.push(': ');
    else {
      // A number, true, false or null: runs to the next delimiter.
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (isSpace(d) || d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET) break;
      }
      out.push(text.slice(i, j));
      i = j - 1;
    }
  }
  return out.join('');
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
