// Batch sources: every format with good and bad lines, exact source line numbers, format detection.
import { describe, expect, test } from 'vitest';
import { detectFormat, parseBatchText } from '../../electron/batch/parse';
import type { ParsedBatch } from '../../electron/batch/types';
import { englishLine } from '../helpers/results';

const inEnglish = (p: ParsedBatch) => ({ ...p, errors: p.errors.map(englishLine) });

describe('NDJSON', () => {
  test('keeps good lines, skips blank ones and names the line and column of each bad one', () => {
    const text = '\uFEFF{"id":1}\r\n\r\n   \r\n{"id":2,}\r\n  {"id" 3}\r\n[1,2]\r\n{"id":4} trailing\r\n';
    const result = parseBatchText(text, 'ndjson');
    expect(result.rows).toEqual([
      { line: 1, payload: '{"id":1}', value: { id: 1 } },
      { line: 6, payload: '[1,2]', value: [1, 2] },
    ]);
    expect(result.errors.map(englishLine)).toEqual([
      { line: 4, reason: 'not valid JSON: property name expected at column 9' },
      { line: 5, reason: 'not valid JSON: colon expected at column 9' },
      { line: 7, reason: 'not valid JSON: invalid symbol at column 10' },
    ]);
  });

  test('a payload with surrounding spaces is sent trimmed, scalars are records too', () => {
    const result = parseBatchText('  {"a": 1}  \n"text"\n42', 'ndjson');
    expect(result.rows.map((r) => [r.line, r.payload, r.value])).toEqual([
      [1, '{"a": 1}', { a: 1 }],
      [2, '"text"', 'text'],
      [3, '42', 42],
    ]);
    expect(result.errors.map(englishLine)).toEqual([]);
  });

  test('100,000 lines parse completely and in order', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) =>
      JSON.stringify({ id: i, user: { id: `u${i % 97}` }, note: 'a, "b" [c]' }),
    );
    lines[49_999] = '{"broken": }';
    const started = performance.now();
    const result = parseBatchText(lines.join('\n'), 'ndjson');
    console.log(`batch: 100,000 NDJSON lines parsed in ${(performance.now() - started).toFixed(0)} ms`);
    expect(result.rows).toHaveLength(99_999);
    expect(result.errors.map(englishLine)).toEqual([
      { line: 50_000, reason: 'not valid JSON: value expected at column 12' },
    ]);
    expect(result.rows[0]).toMatchObject({ line: 1, value: { id: 0 } });
    expect(result.rows[49_999]).toMatchObject({ line: 50_001, payload: lines[50_000], value: { id: 50_000 } });
    expect(result.rows.at(-1)).toMatchObject({ line: 100_000, value: { id: 99_999, user: { id: `u${99_999 % 97}` } } });
  });
});

describe('JSON array', () => {
  test('each element is a row at the line where it starts; multi-line elements become one-line payloads', () => {
    const text =
      '\uFEFF[\r\n  {"id": 1},\r\n  {\r\n    "id": 2,\r\n    "tags": ["a b", "c"]\r\n  },\r\n\r\n  "plain, text", 7, null,\r\n  [ ]\r\n]\r\n';
    const result = parseBatchText(text, 'json');
    expect(result.errors.map(englishLine)).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, payload: '{"id":1}', value: { id: 1 } },
      { line: 3, payload: '{"id":2,"tags":["a b","c"]}', value: { id: 2, tags: ['a b', 'c'] } },
      { line: 8, payload: '"plain, text"', value: 'plain, text' },
      { line: 8, payload: '7', value: 7 },
      { line: 8, payload: 'null', value: null },
      { line: 9, payload: '[]', value: [] },
    ]);
  });

  test('numbers and escapes stay exactly as written', () => {
    const result = parseBatchText('[{"big": 12345678901234567890, "s": "q\\"uote \\\\ } ]"}]', 'json');
    expect(result.rows.map((r) => r.payload)).toEqual(['{"big":12345678901234567890,"s":"q\\"uote \\\\ } ]"}']);
  });

  test('a syntax error reports only its line and column, and no rows', () => {
    const text = '[\n  {"id": 1},\n  {\n    "id": 2\n    "name": "x"\n  }\n]';
    expect(inEnglish(parseBatchText(text, 'json'))).toEqual({
      rows: [],
      errors: [{ line: 5, reason: 'not valid JSON: comma expected at line 5, column 5' }],
    });
  });

  test('an object or an empty file is not an array', () => {
    expect(parseBatchText('{"id": 1}', 'json').errors.map(englishLine)).toEqual([
      { line: 1, reason: 'expected a JSON array of records, found an object; for one record per line use NDJSON' },
    ]);
    expect(parseBatchText('  \n', 'json').errors.map(englishLine)).toEqual([
      { line: 1, reason: 'the file is empty; expected a JSON array of records' },
    ]);
  });
});

describe('plain lines', () => {
  test('every non-blank line is a payload as written; JSON object lines also carry their value', () => {
    const result = parseBatchText('\uFEFFhello world\r\n\r\n  indented\r\n{"user":{"id":5}}\r\n{not json\n', 'lines');
    expect(result.errors.map(englishLine)).toEqual([]);
    expect(result.rows).toEqual([
      { line: 1, payload: 'hello world' },
      { line: 3, payload: '  indented' },
      { line: 4, payload: '{"user":{"id":5}}', value: { user: { id: 5 } } },
      { line: 5, payload: '{not json' },
    ]);
  });
});

describe('CSV', () => {
  const text =
    '\uFEFFid,name,body,score\r\n1,"Smith, Ann","{""user"":{""id"":7}}",4.5\r\n\r\n2,"two\r\nlines",plain,007\r\n3,short\r\n4,"x",true,-2e3\r\n';

  test('a payload column keeps quoted commas and newlines, names bad rows by their first line', () => {
    const result = parseBatchText(text, 'csv', { csv: { payloadColumn: 'body' } });
    expect(result.columns).toEqual(['id', 'name', 'body', 'score']);
    expect(result.errors.map(englishLine)).toEqual([{ line: 6, reason: 'fields in the row: 2, in the header: 4' }]);
    expect(result.rows).toEqual([
      {
        line: 2,
        payload: '{"user":{"id":7}}',
        value: { user: { id: 7 } },
        fields: { id: '1', name: 'Smith, Ann', body: '{"user":{"id":7}}', score: '4.5' },
      },
      { line: 4, payload: 'plain', fields: { id: '2', name: 'two\r\nlines', body: 'plain', score: '007' } },
      { line: 7, payload: 'true', fields: { id: '4', name: 'x', body: 'true', score: '-2e3' } },
    ]);
  });

  test('the whole row as a JSON object: strings by default, numbers and booleans when typed', () => {
    const strings = parseBatchText(text, 'csv', { csv: { payloadColumn: null } });
    expect(strings.rows[0].payload).toBe(
      '{"id":"1","name":"Smith, Ann","body":"{\\"user\\":{\\"id\\":7}}","score":"4.5"}',
    );
    const typed = parseBatchText(text, 'csv', { csv: { payloadColumn: null, typed: true } });
    expect(typed.rows.map((r) => r.value)).toEqual([
      { id: 1, name: 'Smith, Ann', body: '{"user":{"id":7}}', score: 4.5 },
      { id: 2, name: 'two\r\nlines', body: 'plain', score: '007' },
      { id: 4, name: 'x', body: true, score: -2000 },
    ]);
    expect(JSON.parse(typed.rows[2].payload)).toEqual(typed.rows[2].value);
    expect(typed.errors.map(englishLine)).toEqual([{ line: 6, reason: 'fields in the row: 2, in the header: 4' }]);
  });

  test('integers beyond 2^53 stay strings when typed', () => {
    const result = parseBatchText('n\n9007199254740993\n12\n', 'csv', { csv: { payloadColumn: null, typed: true } });
    expect(result.rows.map((r) => r.value)).toEqual([{ n: '9007199254740993' }, { n: 12 }]);
  });

  test('semicolon, tab and pipe delimiters are guessed from the header; an explicit one wins', () => {
    for (const d of [';', '\t', '|']) {
      const result = parseBatchText(`a${d}b\n1${d}"x${d}y"\n`, 'csv', { csv: { payloadColumn: 'b' } });
      expect(result.rows).toEqual([{ line: 2, payload: `x${d}y`, fields: { a: '1', b: `x${d}y` } }]);
    }
    const explicit = parseBatchText('a;b,c\n1;2,3\n', 'csv', { csv: { payloadColumn: null, delimiter: ',' } });
    expect(explicit.columns).toEqual(['a;b', 'c']);
  });

  test('an unclosed quote is reported at the row where it opens; rows before it stay', () => {
    const result = parseBatchText('a,b\n1,2\n3,"open\n4,5\n', 'csv', { csv: { payloadColumn: 'b' } });
    expect(result.rows).toEqual([{ line: 2, payload: '2', fields: { a: '1', b: '2' } }]);
    expect(result.errors.map(englishLine)).toEqual([
      { line: 3, reason: 'a quoted field is never closed: add the closing "' },
    ]);
  });

  test('text after a closing quote is reported at its row', () => {
    const result = parseBatchText('a,b\n1,x\n2,"x"y\n', 'csv', { csv: { payloadColumn: 'b' } });
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.errors.map(englishLine)).toEqual([
      { line: 3, reason: 'a quoted field has text after its closing quote: write a quote inside a quoted field as ""' },
    ]);
  });

  test('a missing payload column or a duplicate column name is a header error with no rows', () => {
    expect(inEnglish(parseBatchText('\n\na,b\n1,2\n', 'csv', { csv: { payloadColumn: 'body' } }))).toEqual({
      rows: [],
      errors: [{ line: 3, reason: 'the header has no column "body" for the payload (columns: a, b)' }],
      columns: ['a', 'b'],
    });
    expect(parseBatchText('a,a\n1,2\n', 'csv', { csv: { payloadColumn: null } }).errors.map(englishLine)).toEqual([
      { line: 1, reason: 'the header names column "a" twice; column names must be unique' },
    ]);
  });
});

describe('detectFormat', () => {
  test.each([
    ['events.ndjson', '{"a":1}', 'ndjson'],
    ['events.JSONL', '[1]', 'ndjson'],
    ['table.csv', 'just text', 'csv'],
    ['table.tsv', 'a\tb', 'csv'],
    ['notes.txt', '{"a":1}\n{"a":2}', 'lines'],
    ['array.json', '\uFEFF  [\n {"a": 1}\n]', 'json'],
    ['one-line-array.json', '[1, 2, 3]', 'json'],
    ['rows-of-arrays.json', '[1,2]\n[3,4]\n', 'ndjson'],
    ['objects.json', '{"a":1}\n{"a":2}\n', 'ndjson'],
    ['broken.json', 'oops', 'json'],
    ['dump', '[\n{"a":1}]', 'json'],
    ['dump', '{"a":1}\n{"a":2}', 'ndjson'],
    ['export', 'id;name\n1;x\n', 'csv'],
    ['export', 'first line, with a comma\nsecond line\n', 'lines'],
    ['README', 'hello\nworld', 'lines'],
  ])('%s → %s', (name, text, expected) => {
    expect(detectFormat(name, text)).toBe(expected);
  });
});
