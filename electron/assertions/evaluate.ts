// Checks a request's assertions after it was sent or run: the figures of the send or the run's
// report, and records read back from their shards (AT_SEQUENCE_NUMBER, as streams/read-back.ts
// does). Plain Node: the app (checkAssertions) and the command-line runner both call it.
import type { Assertion, AssertionResult, BatchRequest, RunReportView, SendResult } from '../contract';
import { problemOf, type Reason, type ReasonParams, type ReasonWithParams } from '../shared/reasons';
import type { RecordReader } from '../streams/read-back';
import { ServiceError } from '../services';
import { openWorker, type Budget, type TaskWorker } from '../workers/run-task';
import { type FieldFinding, type fieldFindings } from './json-field';
import { readSample, type ReadSample, type SampledRecord } from './read-sample';

export { READ_BACK_MS } from './read-sample';

/** What was sent: one record, or a load run. */
export type AssertionOutcome =
  | {
      kind: 'single';
      streamName: string;
      result: SendResult;
      latencyMs: number;
      /** The bytes sent; null when they are not known whole (a history entry keeps 64 KiB of a payload). */
      data: Uint8Array | null;
    }
  | {
      kind: 'run';
      streamName: string;
      report: RunReportView;
      /** The run's journal (electron/load/results-file.ts): each acknowledged record's shard and sequence number. */
      journalFile: string | null;
      /** Makes records again by index, as the run made them (its source and seed); absent: they cannot be. */
      remake?: (indexes: number[]) => Promise<Map<number, Uint8Array>>;
      /** Why the records cannot be made again as they were sent, when that is known (see readsTheClock). */
      remakeRefused?: ReasonWithParams;
    };

export interface AssertionIo {
  /** What records are read back through: a KinesisClient of the connection that sent them. */
  reader: () => Promise<RecordReader>;
  /** Names a failed read without a secret (kinesis/errors.ts); default: the error's own name and message. */
  describe?: (error: unknown) => { name: string; message: string };
  /** How long reading back may take in all; past it the assertions that need it are notChecked (default 30 s). */
  readBackMs?: number;
}

/** Records a run's readBackEqual checks when the assertion names no sample, and jsonField always checks. */
export const DEFAULT_SAMPLE = 100;

/**
 * A batch whose template reads the clock (now, nowMs, faker.date counts from it): made again, its
 * records differ from the ones sent, so their bytes cannot be compared.
 */
export function readsTheClock(request: Pick<BatchRequest, 'source' | 'keys'>): boolean {
  const texts = [
    request.source.type === 'template' ? request.source.template : '',
    request.keys.type === 'template' ? request.keys.template : '',
  ];
  return texts.some((text) => /\bnow(Ms)?\b|\bfaker\s*\.\s*date\b/.test(text));
}

/** One result per assertion, in their order. Never throws for what it finds: a failure is a result. */
export async function evaluateAssertions(
  assertions: readonly Assertion[],
  outcome: AssertionOutcome,
  io: AssertionIo,
): Promise<AssertionResult[]> {
  const needsRecords = assertions.some((a) => a.type === 'readBackEqual' || a.type === 'jsonField');
  const sample = needsRecords ? await readSample(sampleSize(assertions), outcome, io) : null;
  const fields = assertions.some((a) => a.type === 'jsonField') ? await fieldsOf(assertions, sample!) : [];
  return assertions.map((assertion, i) => judge(assertion, outcome, sample, fields[i] ?? null));
}

type FieldFindings = ReturnType<typeof fieldFindings>;

/**
 * Up to 100 records, each parsed and maybe matched against a pattern for up to 2 × PATTERN_MS:
 * in a worker, so main keeps answering. The hint is not shown: a result carries its reason only.
 */
const FIELD_CHECK_BUDGET: Budget = {
  timeoutMs: 60_000,
  heapMb: 256,
  over: { time: 'assertionCheckOverTime', memory: 'assertionCheckOverMemory' },
  hint: 'smallerTemplate',
};

/**
 * The JSON field checks' findings, in the assertions' order (null for other kinds), one after
 * another in one worker: a check past its budget stops that worker, and the next gets a fresh one.
 */
async function fieldsOf(assertions: readonly Assertion[], sample: ReadSample): Promise<(FieldFindings | null)[]> {
  const records = sample.records.flatMap((r) => (r.stored ? [r.stored] : []));
  const fields: (FieldFindings | null)[] = [];
  let worker: TaskWorker | null = null;
  try {
    for (const assertion of assertions) {
      if (assertion.type !== 'jsonField') {
        fields.push(null);
        continue;
      }
      worker ??= openWorker(FIELD_CHECK_BUDGET);
      try {
        fields.push(await worker.call('jsonFieldFindings', { assertion, records }));
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        fields.push({ ok: false, problem: problemOf(error.reason, error.params as never) });
        await worker.close();
        worker = null;
      }
    }
  } finally {
    await worker?.close();
  }
  return fields;
}

const sampleSize = (assertions: readonly Assertion[]) =>
  Math.max(
    ...assertions.map((a) =>
      a.type === 'readBackEqual' ? (a.sample ?? DEFAULT_SAMPLE) : a.type === 'jsonField' ? DEFAULT_SAMPLE : 0,
    ),
  );

const result = <R extends Reason>(
  assertion: Assertion,
  status: AssertionResult['status'],
  reason: R,
  params: ReasonParams<R>,
  actual?: string,
): AssertionResult => ({
  assertion,
  status,
  ...problemOf(reason, params),
  ...(actual === undefined ? {} : { actual }),
});

function judge(
  assertion: Assertion,
  outcome: AssertionOutcome,
  sample: ReadSample | null,
  fields: FieldFindings | null,
): AssertionResult {
  switch (assertion.type) {
    case 'delivered':
      return delivered(assertion, outcome);
    case 'readBackEqual':
      return bytesEqual(assertion, sample!);
    case 'jsonField':
      return jsonField(assertion, sample!, fields!);
    case 'latencyP95': {
      const p95 = outcome.kind === 'single' ? outcome.latencyMs : outcome.report.latencyP95Ms;
      if (p95 === null || p95 === undefined) return result(assertion, 'notChecked', 'assertionNoLatency', {});
      const ms = Math.round(p95);
      const status = ms <= assertion.maxMs ? 'passed' : 'failed';
      return result(assertion, status, 'assertionLatency', { p95: ms, max: assertion.maxMs }, `${ms} ms`);
    }
    case 'throttledPercent': {
      const percent = throttledPercent(outcome);
      const status = percent <= assertion.maxPercent ? 'passed' : 'failed';
      return result(assertion, status, 'assertionThrottled', { percent, max: assertion.maxPercent }, `${percent} %`);
    }
    case 'noDuplicates': {
      const count = outcome.kind === 'single' ? 0 : (outcome.report.possibleDuplicates ?? 0);
      return result(assertion, count === 0 ? 'passed' : 'failed', 'assertionDuplicates', { count }, String(count));
    }
  }
}

function delivered(assertion: Assertion, outcome: AssertionOutcome): AssertionResult {
  if (outcome.kind === 'single') {
    return outcome.result.ok
      ? result(assertion, 'passed', 'assertionDelivered', { acknowledged: 1, total: 1 }, '1/1')
      : result(assertion, 'failed', 'assertionSendFailed', { name: outcome.result.error.name }, '0/1');
  }
  const { acknowledged, total } = outcome.report;
  const status = acknowledged >= total && outcome.report.state !== 'running' ? 'passed' : 'failed';
  return result(assertion, status, 'assertionDelivered', { acknowledged, total }, `${acknowledged}/${total}`);
}

/** Throttled attempts as a share of all attempts, to two decimals; a single send is 0 or 100. */
function throttledPercent(outcome: AssertionOutcome): number {
  if (outcome.kind === 'single') return !outcome.result.ok && outcome.result.error.hintCode === 'throttled' ? 100 : 0;
  const { throttled, attempts, sent } = outcome.report;
  const all = attempts ?? sent;
  return all > 0 ? Math.round((throttled / all) * 10_000) / 100 : 0;
}

/** The result when the sample could not be read whole: what stopped it, unless a failure was already found. */
function incomplete(assertion: Assertion, sample: ReadSample, checked: number): AssertionResult | null {
  const stop = sample.stopped;
  if (!stop) return null;
  if (stop.reason === 'assertionReadTimeout')
    return result(assertion, 'notChecked', stop.reason, { seconds: stop.params.seconds, checked });
  return result(assertion, 'notChecked', stop.reason, stop.params);
}

function bytesEqual(assertion: Assertion, sample: ReadSample): AssertionResult {
  const limit = assertion.type === 'readBackEqual' ? (assertion.sample ?? DEFAULT_SAMPLE) : DEFAULT_SAMPLE;
  let checked = 0;
  for (const record of sample.records.slice(0, limit)) {
    if (!record.stored) return result(assertion, 'failed', 'assertionRecordMissing', { index: record.index });
    if (!record.sent) return { assertion, status: 'notChecked', ...sample.unmade! };
    if (!Buffer.from(record.sent).equals(Buffer.from(record.stored))) {
      const params = { index: record.index, sent: record.sent.length, stored: record.stored.length };
      return result(assertion, 'failed', 'assertionBytesDiffer', params, `${record.stored.length} bytes`);
    }
    checked++;
  }
  const stopped = incomplete(assertion, sample, checked);
  if (stopped) return stopped;
  if (checked === 0) return result(assertion, 'notChecked', 'assertionNothingToRead', {});
  return result(assertion, 'passed', 'assertionBytesEqual', { count: checked }, `${checked} equal`);
}

function jsonField(
  assertion: Assertion & { type: 'jsonField' },
  sample: ReadSample,
  fields: FieldFindings,
): AssertionResult {
  if (!fields.ok) return result(assertion, 'notChecked', fields.problem.reason, fields.problem.params as never);
  const findings = fields.findings.values();
  let checked = 0;
  let last: FieldFinding | null = null;
  for (const record of sample.records) {
    if (!record.stored) return result(assertion, 'failed', 'assertionRecordMissing', { index: record.index });
    // The findings stop after the first that does not hold, and that one returned below.
    const finding = findings.next().value!;
    const failed = findingResult(assertion, finding, record);
    if (failed) return failed;
    last = finding;
    checked++;
  }
  const stopped = incomplete(assertion, sample, checked);
  if (stopped) return stopped;
  if (checked === 0 || !last || last.kind !== 'holds')
    return result(assertion, 'notChecked', 'assertionNothingToRead', {});
  const params = { path: assertion.path, actual: last.actual, count: checked };
  return result(assertion, 'passed', 'assertionFieldHolds', params, last.actual);
}

function findingResult(
  assertion: Assertion & { type: 'jsonField' },
  finding: FieldFinding,
  { index }: SampledRecord,
): AssertionResult | null {
  const { path } = assertion;
  switch (finding.kind) {
    case 'holds':
      return null;
    case 'notJson':
      return result(assertion, 'failed', 'assertionNotJson', { path, index });
    case 'missing':
      return result(assertion, 'failed', 'assertionFieldMissing', { path, index });
    case 'differs':
      return result(
        assertion,
        'failed',
        'assertionFieldDiffers',
        { path, expected: assertion.value ?? '', actual: finding.actual, index },
        finding.actual,
      );
    case 'noMatch':
      return result(
        assertion,
        'failed',
        'assertionFieldNoMatch',
        { path, pattern: assertion.value ?? '', actual: finding.actual, index },
        finding.actual,
      );
    case 'tooSlow':
      return result(assertion, 'notChecked', 'assertionPatternTooSlow', {
        pattern: assertion.value ?? '',
        ms: finding.ms,
      });
  }
}
