import { describe, expect, test } from 'vitest';
import { lineDiff, sideBySide, type DiffLine } from '../../renderer/features/history/lineDiff';

const sides = (diff: DiffLine[]) => ({
  left: diff.filter((l) => l.type !== 'added').map((l) => l.text),
  right: diff.filter((l) => l.type !== 'removed').map((l) => l.text),
});

describe('lineDiff', () => {
  test('equal texts are all the same', () => {
    expect(lineDiff('a\nb', 'a\nb')).toEqual([
      { type: 'same', text: 'a' },
      { type: 'same', text: 'b' },
    ]);
  });

  test('a changed line in the middle is removed on the left and added on the right', () => {
    const diff = lineDiff('{\n  "n": 1,\n  "x": true\n}', '{\n  "n": 2,\n  "x": true\n}');
    expect(diff).toEqual([
      { type: 'same', text: '{' },
      { type: 'removed', text: '  "n": 1,' },
      { type: 'added', text: '  "n": 2,' },
      { type: 'same', text: '  "x": true' },
      { type: 'same', text: '}' },
    ]);
  });

  test('inserted and deleted lines keep the common ones in order, and each side reads back whole', () => {
    const left = 'a\nb\nc\nd\ne';
    const right = 'a\nx\nc\ne\nf';
    const diff = lineDiff(left, right);
    expect(diff.filter((l) => l.type === 'same').map((l) => l.text)).toEqual(['a', 'c', 'e']);
    expect(sides(diff)).toEqual({ left: left.split('\n'), right: right.split('\n') });
  });

  test('one side empty', () => {
    expect(lineDiff('', 'a')).toEqual([
      { type: 'removed', text: '' },
      { type: 'added', text: 'a' },
    ]);
  });

  test('a middle too large for the table is reported as changed as a whole, still each side complete', () => {
    const left = Array.from({ length: 3000 }, (_, i) => `l${i}`).join('\n');
    const right = Array.from({ length: 3000 }, (_, i) => `r${i}`).join('\n');
    const diff = lineDiff(`head\n${left}\ntail`, `head\n${right}\ntail`);
    expect(diff[0]).toEqual({ type: 'same', text: 'head' });
    expect(diff.at(-1)).toEqual({ type: 'same', text: 'tail' });
    expect(diff.filter((l) => l.type === 'removed')).toHaveLength(3000);
    expect(diff.filter((l) => l.type === 'added')).toHaveLength(3000);
  });

  test('side by side: changed lines face each other, an extra line faces a gap', () => {
    const rows = sideBySide(lineDiff('a\nb\nc', 'a\nB\nB2\nc'));
    expect(rows.map((r) => [r.left?.text ?? null, r.right?.text ?? null])).toEqual([
      ['a', 'a'],
      ['b', 'B'],
      [null, 'B2'],
      ['c', 'c'],
    ]);
    expect(rows[1].left?.type).toBe('removed');
    expect(rows[2].right?.type).toBe('added');
  });
});
