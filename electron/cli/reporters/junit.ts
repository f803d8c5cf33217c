// The JUnit XML reporter: one <testsuite> per folder of requests (the workspace's root is one),
// one <testcase> per request, each assertion a property with its result and each failed one a
// <failure> with what was found; records not delivered are a <failure> too, a request that could
// not be sent an <error>. Every value may come from a hostile request file: it is escaped, and
// characters XML cannot hold (control characters, lone surrogates) are removed.
import type { RequestReport, RunnerReport } from '../../runner/report';
import { assertionLine, deliveryLine } from './words';

/** What XML 1.0 cannot hold, and the C1 controls a reader cannot see: removed. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point: XML cannot hold them
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (pairs: Record<string, string | number>) =>
  Object.entries(pairs)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join('');

const seconds = (r: RequestReport) =>
  r.startedAt && r.endedAt ? ((Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000).toFixed(3) : '0';

export function junitXml(report: RunnerReport, suiteName: string): string {
  const folders = new Map<string, RequestReport[]>();
  for (const r of report.requests) {
    const slash = r.path.lastIndexOf('/');
    const folder = slash < 0 ? '' : r.path.slice(0, slash);
    folders.set(folder, [...(folders.get(folder) ?? []), r]);
  }
  const suites = [...folders].map(([folder, requests]) =>
    suite(folder ? `${suiteName}/${folder}` : suiteName, requests, report),
  );
  // Problems that belong to no request (a flag, the credentials) still fail the run: an <error> of their own.
  const loose = report.problems.filter((p) => !report.requests.some((r) => r.path === p.path));
  if (loose.length > 0) suites.push(problemSuite(suiteName, loose));
  const count = (f: (r: RequestReport) => boolean) => report.requests.filter(f).length;
  const time = ((Date.parse(report.endedAt) - Date.parse(report.startedAt)) / 1000).toFixed(3);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites${attrs({
      name: suiteName,
      tests: report.requests.length + loose.length,
      failures: count((r) => r.status === 'failed' || r.status === 'undelivered'),
      errors: count((r) => r.status === 'error' || r.status === 'interrupted') + loose.length,
      time,
    })}>\n${suites.join('')}</testsuites>\n`
  );
}

function suite(name: string, requests: RequestReport[], report: RunnerReport): string {
  const count = (f: (r: RequestReport) => boolean) => requests.filter(f).length;
  const time = requests.reduce((t, r) => t + Number(seconds(r)), 0).toFixed(3);
  return (
    `  <testsuite${attrs({
      name,
      tests: requests.length,
      failures: count((r) => r.status === 'failed' || r.status === 'undelivered'),
      errors: count((r) => r.status === 'error' || r.status === 'interrupted'),
      skipped: 0,
      time,
      timestamp: report.startedAt,
    })}>\n` +
    requests.map(testcase).join('') +
    `  </testsuite>\n`
  );
}

function testcase(r: RequestReport): string {
  const body: string[] = [];
  if (r.assertions.length > 0) {
    body.push('      <properties>\n');
    r.assertions.forEach((a, i) =>
      body.push(
        `        <property${attrs({ name: `assertion ${i + 1}: ${a.assertion.type}`, value: `${a.status}: ${assertionLine(a)}` })}/>\n`,
      ),
    );
    body.push('      </properties>\n');
  }
  if (r.status === 'error' && r.error)
    body.push(
      `      <error${attrs({ message: r.error.message, type: r.error.reason })}>${xmlText(r.error.hint ?? '')}</error>\n`,
    );
  if (r.status === 'interrupted')
    body.push(
      `      <error${attrs({ message: 'Interrupted by Ctrl+C or SIGTERM', type: 'interrupted' })}>${xmlText(deliveryLine(r))}</error>\n`,
    );
  if (r.status === 'undelivered')
    body.push(
      `      <failure${attrs({ message: deliveryLine(r), type: 'undelivered' })}>${xmlText(failureDetail(r))}</failure>\n`,
    );
  for (const a of r.assertions.filter((x) => x.status === 'failed'))
    body.push(
      `      <failure${attrs({ message: `${a.assertion.type}: ${assertionLine(a)}`, type: 'assertion' })}>${xmlText(a.actual !== undefined ? `actual: ${a.actual}` : '')}</failure>\n`,
    );
  body.push(`      <system-out>${xmlText(deliveryLine(r))}</system-out>\n`);
  return `    <testcase${attrs({ name: r.name, classname: r.path.replace(/\.request\.ya?ml$/, ''), file: r.path, time: seconds(r) })}>\n${body.join('')}    </testcase>\n`;
}

function failureDetail(r: RequestReport): string {
  const lines = r.stopError ? [`${r.stopError.reason}: ${r.stopError.message}`] : [];
  for (const f of r.failures.slice(0, 20))
    lines.push(`record ${f.index}: ${f.errorCode}: ${f.errorMessage}${f.unknown ? ' (unknown fate)' : ''}`);
  return lines.join('\n');
}

function problemSuite(name: string, problems: RunnerReport['problems']): string {
  return (
    `  <testsuite${attrs({ name: `${name} (configuration)`, tests: problems.length, failures: 0, errors: problems.length, skipped: 0, time: 0 })}>\n` +
    problems
      .map(
        (p) =>
          `    <testcase${attrs({ name: p.path ?? 'configuration', classname: 'configuration', time: 0 })}>\n      <error${attrs({ message: p.message, type: p.reason })}>${xmlText(p.hint ?? '')}</error>\n    </testcase>\n`,
      )
      .join('') +
    `  </testsuite>\n`
  );
}
