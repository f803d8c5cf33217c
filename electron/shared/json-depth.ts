// Nesting depth of JSON text, measured without recursion before the text is parsed: JSON.parse
// itself copes with any depth, but what handles its value afterwards (structured cloning, zod,
// JSON.stringify, jsonc-parser's error finder) recurses and fails with "Maximum call stack size
// exceeded".

const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d];

/** The offset of the first [ or { that opens level `max + 1`, or -1 when the text nests no deeper than `max`. */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth = Math.max(0, depth - 1);
  }
  return -1;
}
