// The `cli` reporter: live progress while requests run, then a summary. On a terminal, one
// progress bar redrawn in place at most 10 times a second (records sent / total, rate, ETA); in
// CI logs (no terminal), plain lines: one as each request starts and ends, and one every 5 s of a
// long run. The summary lists each request with ✓ / ✕ and each assertion with what it found.
import type { RequestReport, RunnerReport } from '../../runner/report';
import type { RunnerEvent } from '../../runner/run';
import { assertionLine, deliveryLine, shown } from './words';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const REDRAW_MS = 100;
const PLAIN_EVERY_MS = 5000;

const n = (x: number) => x.toLocaleString('en-US');

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Takes the runner's events and writes progress to `out` (stderr: stdout keeps the summary clean). */
export function progressReporter(out: Output, now: () => number = () => performance.now()) {
  let lastDraw = -Infinity;
  let lastPlain = -Infinity;
  let drawn = false;
  let current = '';

  const clear = () => {
    if (drawn) out.write('\r\x1b[2K');
    drawn = false;
  };

  const bar = (e: Extract<RunnerEvent, { type: 'progress' }>) => {
    const done = e.acknowledged + e.failed;
    const width = 24;
    const fill = e.total ? Math.min(width, Math.round((done / e.total) * width)) : 0;
    const of = e.total !== null ? `/${n(e.total)}` : '';
    const eta = e.etaMs !== null ? `  ETA ${duration(e.etaMs)}` : '';
    const graph = e.total !== null ? `[${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ` : '';
    const failed = e.failed ? `  ${n(e.failed)} failed` : '';
    const line = `${shown(current)} ${graph}${n(e.sent)}${of} sent  ${n(Math.round(e.ratePerSec))}/s${eta}${failed}`;
    const cols = out.columns ?? 120;
    return line.length > cols - 1 ? line.slice(0, cols - 1) : line;
  };

  return (event: RunnerEvent) => {
    const t = now();
    switch (event.type) {
      case 'requestStart':
        current = `[${event.index + 1}/${event.count}] ${event.name}`;
        clear();
        out.write(`${shown(current)} (${shown(event.path)}) …\n`);
        lastPlain = t;
        return;
      case 'progress':
        if (out.isTTY) {
          if (t - lastDraw < REDRAW_MS) return;
          lastDraw = t;
          out.write(`\r\x1b[2K${bar(event)}`);
          drawn = true;
        } else if (t - lastPlain >= PLAIN_EVERY_MS) {
          lastPlain = t;
          out.write(`${bar(event)}\n`);
        }
        return;
      case 'requestEnd':
        clear();
        out.write(
          `${mark(event.report)} ${shown(current)}: ${statusWord(event.report)} — ${shown(deliveryLine(event.report))}\n`,
        );
        return;
    }
  };
}

const mark = (r: RequestReport) => (r.status === 'passed' ? '✓' : '✕');

function statusWord(r: RequestReport): string {
  switch (r.status) {
    case 'passed':
      return 'passed';
    case 'failed':
      return 'assertion failed';
    case 'undelivered':
      return 'records not delivered';
    case 'error':
      return 'not sent';
    case 'interrupted':
      return 'interrupted';
  }
}

/** The run's summary: every request, its assertions, the problems, the totals. */
export function summaryText(report: RunnerReport): string {
  const lines: string[] = [''];
  for (const p of report.problems)
    lines.push(`✕ ${p.path ?? 'configuration'}: ${p.message}${p.hint ? `\n    ${p.hint}` : ''}`);
  for (const r of report.requests) {
    lines.push(`${mark(r)} ${r.name} (${r.path}) — ${statusWord(r)}`);
    if (r.error && !report.problems.some((p) => p.path === r.path))
      lines.push(`    ${r.error.message}${r.error.hint ? `\n    ${r.error.hint}` : ''}`);
    if (r.status !== 'error') lines.push(`    ${deliveryLine(r)}`);
    if (r.stopError) lines.push(`    stopped: ${r.stopError.reason}: ${r.stopError.message}`);
    for (const a of r.assertions) {
      const sign = a.status === 'passed' ? '✓' : a.status === 'failed' ? '✕' : '–';
      lines.push(`    ${sign} ${a.assertion.type}: ${assertionLine(a)}`);
    }
  }
  const t = report.totals;
  const rec = t.records;
  lines.push(
    '',
    `Requests: ${t.requests} (${t.passed} passed, ${t.failed} assertion failed, ${t.undelivered} not delivered, ${t.errors} not sent${t.interrupted ? `, ${t.interrupted} interrupted` : ''})`,
    `Records: ${n(rec.acknowledged)} of ${n(rec.total)} acknowledged${rec.failed ? `, ${n(rec.failed)} failed` : ''}${rec.notSent ? `, ${n(rec.notSent)} not sent` : ''}${rec.unknown ? `, ${n(rec.unknown)} of unknown fate` : ''}`,
    `Assertions: ${t.assertions.passed} passed, ${t.assertions.failed} failed, ${t.assertions.notChecked} not checked`,
  );
  if (report.shard) lines.push(`Shard ${report.shard.index}/${report.shard.count}`);
  if (report.interrupted) lines.push('Interrupted: the reports hold what was done until then.');
  lines.push(`Exit code ${report.exitCode}`, '');
  return lines.map(shown).join('\n');
}
