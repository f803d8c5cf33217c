// Size bounds on what a template may ask for, checked when it compiles. The faker allow-list says
// which calls a template may make; these say how big they may be, since an allowed call with a
// huge count (lorem.words(50000000)), a count hidden in a string ("50000000") or an option object
// ({"count": 5e7}), or a pattern with a huge quantifier (fromRegExp("a{100000000}")) would take
// seconds or gigabytes. Templates also run in a worker with a time and memory budget
// (electron/workers); these checks turn the common cases into an error that points at the number.
import { problemOf, type ReasonWithParams } from '../shared/reasons';
import { LIMITS } from '../shared/limits';
import type { LiteralValue } from './types';

/** The largest count or length one call may ask for. */
export const MAX_COUNT = 100_000;
/** The longest pattern a pattern-taking method (fromRegExp...) may get. */
export const MAX_PATTERN_CHARS = 1_000;
/** Each placeholder is tried once at compile time; this many is far more than a record needs. */
export const MAX_PLACEHOLDERS = 10_000;
/**
 * Rendering stops past this many characters: no stream takes a larger record. Whether the record
 * fits its own stream (1 MiB unless raised) is checked in bytes when the batch is made.
 */
export const MAX_RENDERED_CHARS = LIMITS.aws.largestRecordBytes;

// In these modules numbers are values (a range, an amount, a year); elsewhere they are counts and
// lengths (lorem.paragraphs(n), string.alpha(n)...).
const NUMBERS_ARE_VALUES = new Set(['number', 'date', 'finance', 'location', 'commerce', 'datatype']);
// ...except these, which are counts and lengths wherever they appear.
const COUNT_KEYS = new Set(['count', 'length']);
const POSITIONAL_COUNTS = new Set(['finance.accountNumber', 'finance.pin']);
// Counts of units much longer than a character get a lower cap, so a count under it still fits a record.
const UNIT_COUNTS: Readonly<Record<string, number>> = {
  'lorem.paragraphs': 1_000,
  'lorem.paragraph': 10_000,
  'lorem.sentences': 10_000,
  'lorem.lines': 10_000,
};
// Digits after the point, which faker turns into 10 ** n.
const DIGIT_KEYS = new Set(['dec', 'precision', 'fractionDigits']);
const MAX_DIGITS = 20;
// Dates may be written as epoch-millisecond strings; their digits are values, not counts.
const STRINGS_ARE_VALUES = new Set(['date']);
// Methods whose string argument is a pattern that faker expands: `x{n}`, `x{n,m}`, `[a-z]`.
const PATTERN_METHODS = new Set(['helpers.fromRegExp', 'helpers.replaceCreditCardSymbols', 'finance.creditCardNumber']);

/** What is wrong with one argument: its position among the call's arguments and why. */
export type ArgumentProblem = { arg: number; problem: ReasonWithParams };

export function argumentProblem(module: string, method: string, args: readonly LiteralValue[]): ArgumentProblem | null {
  const name = `faker.${module}.${method}`;
  const countsEverywhere = !NUMBERS_ARE_VALUES.has(module);
  const maxCount = UNIT_COUNTS[`${module}.${method}`] ?? MAX_COUNT;
  for (let arg = 0; arg < args.length; arg++) {
    const value = args[arg];
    const entries: Array<[string | null, LiteralValue]> =
      typeof value === 'object' ? Object.entries(value) : [[null, value]];
    for (const [key, item] of entries) {
      const isCount =
        countsEverywhere || (key === null ? POSITIONAL_COUNTS.has(`${module}.${method}`) : COUNT_KEYS.has(key));
      const n =
        typeof item === 'number'
          ? item
          : typeof item === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(item)
            ? Number(item)
            : null;
      if (n !== null && isCount && Math.abs(n) > maxCount) {
        const problem =
          key === null
            ? problemOf('fakerArgTooLarge', { name, arg: arg + 1, value: n, max: maxCount })
            : problemOf('fakerKeyTooLarge', { name, key, value: n, max: maxCount });
        return { arg, problem };
      }
      if (n !== null && key !== null && DIGIT_KEYS.has(key) && Math.abs(n) > MAX_DIGITS) {
        return { arg, problem: problemOf('fakerDigitsTooLarge', { name, key, value: n, max: MAX_DIGITS }) };
      }
      if (typeof item === 'string' && !STRINGS_ARE_VALUES.has(module)) {
        const problem = stringProblem(name, PATTERN_METHODS.has(`${module}.${method}`), item);
        if (problem) return { arg, problem };
      }
    }
  }
  return null;
}

/** A number inside a string is a count in a pattern (`a{100000000}`), and patterns expand. */
function stringProblem(name: string, isPattern: boolean, text: string): ReasonWithParams | null {
  if (isPattern && text.length > MAX_PATTERN_CHARS)
    return problemOf('fakerPatternTooLong', { name, length: text.length, max: MAX_PATTERN_CHARS });
  for (const digits of text.match(/\d+/g) ?? []) {
    if (Number(digits) > MAX_COUNT)
      return problemOf('fakerNumberInText', { name, digits, text: clip(text), max: MAX_COUNT });
  }
  if (!isPattern) return null;
  // Each quantifier expands on its own (faker does not nest them): what they add up to is what the pattern makes.
  let made = 0;
  for (const q of text.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) made += Number(q[2] || q[1]);
  if (made > MAX_COUNT) return problemOf('fakerQuantifiers', { name, text: clip(text), made, max: MAX_COUNT });
  // A character class [a-z] is listed character by character before one is picked.
  let listed = 0;
  for (const r of text.matchAll(/(.)-(.)/gsu)) listed += Math.max(0, r[2].codePointAt(0)! - r[1].codePointAt(0)! + 1);
  if (listed > MAX_COUNT) return problemOf('fakerRanges', { name, text: clip(text), listed, max: MAX_COUNT });
  return null;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
