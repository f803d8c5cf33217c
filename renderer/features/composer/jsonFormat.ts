// Re-indents JSON text token by token instead of JSON.parse + stringify, which would silently
// round big integers (ids beyond 2^53) and rewrite escapes: the record must stay what was typed.
// The input must already be valid JSON.

export function formatJson(text: string, indent = 2): string {
  return reflow(text, ' '.repeat(indent));
}

export function minifyJson(text: string): string {
  return reflow(text, null);
}

function reflow(text: string, unit: string | null): string {
  let out = '';
  let depth = 0;
  const newline = () => (unit === null ? '' : '\n' + unit.repeat(depth));
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const next = nextSignificant(text, i + 1);
      if (text[next] === close) {
        out += c + close;
        i = next;
      } else {
        depth++;
        out += c + newline();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') {
      out += ',' + newline();
    } else if (c === ':') {
      out += unit === null ? ':' : ': ';
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

function nextSignificant(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}
