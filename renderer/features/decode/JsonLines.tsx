// Laid-out JSON (two spaces a level, as main's decodeRecord makes it) with each object and array
// collapsible. Works on the lines, not on a parsed value: a 20-digit id keeps its digits, and JSON
// cut at the size limit still shows. Past a few thousand lines it is plain text.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

const MAX_FOLDING_LINES = 5000;

/** For each line that opens an object or array, the line that closes it. */
function blocksOf(lines: string[]): Map<number, number> {
  const blocks = new Map<number, number>();
  const open: number[] = [];
  lines.forEach((line, i) => {
    const first = line.trimStart()[0];
    if ((first === '}' || first === ']') && open.length > 0) blocks.set(open.pop()!, i);
    const last = line.trimEnd().at(-1);
    if (last === '{' || last === '[') open.push(i);
  });
  return blocks;
}

/** The lines on screen: a collapsed block is its first line with its last one after it. */
function shownLines(lines: string[], blocks: Map<number, number>, collapsed: ReadonlySet<number>) {
  const shown: { at: number; text: string; end: number | undefined; folded: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const end = blocks.get(i);
    const folded = end !== undefined && collapsed.has(i);
    shown.push({ at: i, text: folded ? `${lines[i]} … ${lines[end].trimStart()}` : lines[i], end, folded });
    if (folded) i = end;
  }
  return shown;
}

export function JsonLines({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { t } = useTranslation();
  const lines = useMemo(() => text.split('\n'), [text]);
  const blocks = useMemo(() => (lines.length <= MAX_FOLDING_LINES ? blocksOf(lines) : null), [lines]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  if (!blocks)
    return (
      <pre className="code-block" tabIndex={0} role="region" aria-label={label} data-testid={testId}>
        {text}
      </pre>
    );

  const toggle = (i: number) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(i)) next.add(i);
      return next;
    });
  const rows = shownLines(lines, blocks, collapsed).map(({ at, text, end, folded }) => (
    <div key={at} className="json-line">
      {end !== undefined && (
        <button
          type="button"
          className="json-fold"
          aria-expanded={!folded}
          aria-label={t(folded ? 'decode.expand' : 'decode.collapse')}
          onClick={() => toggle(at)}
        />
      )}
      {text}
    </div>
  ));
  return (
    <div className="code-block json-lines" tabIndex={0} role="region" aria-label={label} data-testid={testId}>
      {rows}
    </div>
  );
}
