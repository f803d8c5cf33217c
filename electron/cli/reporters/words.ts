// A report's figures in plain English lines, shared by the terminal and JUnit reporters.
import type { ReasonWithParams } from '../../contract';
import { englishOf } from '../../messages';
import type { RequestReport } from '../../runner/report';

/** What an assertion found ("p95 812 ms, limit 500 ms"), with its actual value when it has one. */
export function assertionLine(a: RequestReport['assertions'][number]): string {
  // An assertion's reason carries text and numbers only, what the report's schema checks.
  const text = englishOf({ reason: a.reason, params: a.params } as ReasonWithParams);
  return a.actual !== undefined && !text.includes(a.actual) ? `${text} (actual: ${a.actual})` : text;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The fate of a request's records in one line. */
export function deliveryLine(r: RequestReport): string {
  const c = r.counts;
  const parts = [`${n(c.acknowledged)} of ${n(c.total)} records acknowledged`];
  if (c.failed) parts.push(`${n(c.failed)} failed`);
  if (c.notSent) parts.push(`${n(c.notSent)} not sent`);
  if (c.unknown) parts.push(`${n(c.unknown)} of unknown fate`);
  if (c.possibleDuplicates) parts.push(`${n(c.possibleDuplicates)} possibly stored twice`);
  if (r.throttled) parts.push(`${n(r.throttled)} throttled attempts`);
  if (r.latency.p95 !== null)
    parts.push(`latency p50 ${Math.round(r.latency.p50 ?? 0)} ms, p95 ${Math.round(r.latency.p95)} ms`);
  return parts.join(', ');
}

/**
 * Text from request files made safe for a terminal: control characters (ESC sequences that could
 * rewrite the screen), and bidi overrides that could reorder what is read, become "�".
 */
export const shown = (text: string): string =>
  // eslint-disable-next-line no-control-regex -- finding control characters is the point: a terminal obeys them
  text.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '\uFFFD');
