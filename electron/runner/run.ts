// The runner: sends a list of workspace requests with the app's own modules (the send path's
// record check and sender, the load engine, the batch host that renders templates in a worker)
// and answers the JSON report. Plain Node: no Electron, no history, no profile store; where
// requests go and with which credentials is decided by the caller (connection.ts), never by a
// request file.
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { AssertionResult, BatchRequest, RunPlan, SavedRequestBody } from '../contract';
import { savedRequestBodySchema } from '../contract';
import { createCancellation } from '../cancellation';
import { evaluateAssertions, readsTheClock, type AssertionOutcome } from '../assertions/evaluate';
import { resolveEnvironment, resolvePlan } from '../environments/resolve';
import { describeFailure } from '../kinesis/errors';
import { startLoadRun, type LoadRunHandle, type RunReport as EngineReport } from '../load/run';
import { englishOf } from '../messages';
import { feedOf, hostBatch, recordOf, type HostedBatch } from '../runs/batch-host';
import type { BatchInput } from '../runs/batch-session';
import { createBatchFiles } from '../runs/files';
import { reportView } from '../runs/registry';
import { aggregationOf, budgetFor, checkPlan, loadPlanOf, randomSeed, refuseUnsendable } from '../runs/run-rules';
import { describeShards, openShards } from '../streams';
import type { Redactor } from '../secrets/redact';
import { RecordProblems, prepareRecord, prepareSend } from '../send/prepare';
import { ServiceError, type StoredProfile } from '../services';
import { targetStreamName } from '../shared/addressing';
import { callLimitsOf, limitFamilyOf, type LimitFamily } from '../shared/limits';
import { streamMaxRecordBytesOf } from '../streams/max-record';
import { problemOf } from '../shared/reasons';
import type { WorkspaceRequest } from '../workspace/load';
import type { RunnerConnection } from './connection';
import { exitCodeOf } from './exit-codes';
import { ConfigProblem } from './problems';
import { derivedSeed, positionOf, shardSource, sliceOf } from './shard';
import {
  REPORT_KIND,
  REPORT_VERSION,
  type RecordCounts,
  type RequestError,
  type RequestReport,
  type RunnerReport,
  type Shard,
  totalsOf,
} from './report';

/** What the runner needs of a workspace request. */
export type RunnableRequest = Pick<WorkspaceRequest, 'path' | 'name' | 'request' | 'assertions'>;

/** Live figures for the terminal reporter; progress at most 10 a second. */
export type RunnerEvent =
  | { type: 'requestStart'; index: number; count: number; path: string; name: string; total: number | null }
  | {
      type: 'progress';
      index: number;
      sent: number;
      acknowledged: number;
      failed: number;
      total: number | null;
      ratePerSec: number;
      etaMs: number | null;
    }
  | { type: 'requestEnd'; index: number; report: RequestReport };

export interface RunOptions {
  /** How clients are built for a request (endpoint, region, credentials): electron/runner/connection.ts. */
  connection: RunnerConnection;
  /** The workspace folder: a batch's file source is read from inside it only. */
  workspaceDir: string;
  /** The selected environment's variables, and its name for the report (null: none). */
  variables: Record<string, string>;
  environment: string | null;
  /** This process's share of a sharded load (electron/runner/shard.ts); null: every record. */
  shard: Shard | null;
  /** Aborted on Ctrl+C / SIGTERM: no new calls; calls in flight end (bounded) and the report is marked interrupted. */
  signal: AbortSignal;
  /** Cuts every credential value from failures and the report. */
  redactor: Redactor;
  /** Where run journals are written while the runner works (removed by the caller). */
  workDir: string;
  onEvent?: (event: RunnerEvent) => void;
  /** The tool's version for the report. */
  version: string;
  /** How long calls in flight may take to end after an interrupt (default 10 s). */
  drainMs?: number;
}

/** Failed and unknown records listed per request; the counts count them all. */
const LISTED_FAILURES = 100;
const DRAIN_MS = 10_000;

interface Prepared {
  source: RunnableRequest;
  body: SavedRequestBody;
  /** A batch's plan with its variables resolved. */
  plan: RunPlan | null;
  assertions: RunnableRequest['assertions'];
  streamName: string;
  profile: StoredProfile;
  family: LimitFamily;
  /** The target stream's own maximum record size (asked for a single record only when it is over 1 MiB). */
  maxRecordBytes: number | undefined;
  /** A batch file's absolute path, checked to be inside the workspace. */
  file: string | null;
}

/**
 * Runs the requests one after another, in the order given, and answers the report (its exitCode
 * by electron/runner/exit-codes.ts). Before anything is sent every request is checked (variables,
 * the record against its target's limits, the plan, a file source inside the workspace); any
 * problem ends the run there with exit code 2 and nothing sent. Never throws for a request's
 * failure: each ends in the report with its status.
 */
export async function runRequests(requests: RunnableRequest[], options: RunOptions): Promise<RunnerReport> {
  const startedAt = new Date().toISOString();
  const prepared: Prepared[] = [];
  const problems: RunnerReport['problems'] = [];
  for (const request of requests) {
    try {
      prepared.push(await prepare(request, options));
    } catch (error) {
      problems.push({ ...errorOf(error, options.redactor), path: request.path });
    }
  }
  if (problems.length > 0) return reportOfProblems(requests, problems, metaOf(options), startedAt);
  const reports: RequestReport[] = [];
  for (const [index, p] of prepared.entries()) {
    if (options.signal.aborted) {
      reports.push(
        emptyReport(p.source, options.shard, 'interrupted', {
          reason: 'interrupted',
          message: 'Not sent: the run was interrupted before this request.',
        }),
      );
      continue;
    }
    options.onEvent?.({
      type: 'requestStart',
      index,
      count: prepared.length,
      path: p.source.path,
      name: p.source.name,
      total: p.body.kind === 'single' ? 1 : null,
    });
    let report: RequestReport;
    try {
      if (p.body.kind === 'single' && options.shard && options.shard.index > 0) report = notThisShard(p, options);
      else report = p.body.kind === 'single' ? await sendSingle(p, options) : await runBatch(p, index, options);
    } catch (error) {
      // A batch that cannot be made (a template's first record, a file's lines) or a client that
      // cannot be built: the request's configuration is at fault.
      report = emptyReport(p.source, options.shard, 'error', errorOf(error, options.redactor));
    }
    reports.push(report);
    options.onEvent?.({ type: 'requestEnd', index, report });
  }
  return finalReport(reports, problems, metaOf(options), startedAt);
}

async function prepare(request: RunnableRequest, options: RunOptions): Promise<Prepared> {
  const { variables } = options;
  const raw = request.request;
  // The plan's numbers may be references of their own (resolvePlan checks they are numbers).
  const body = resolveEnvironment(raw.kind === 'batch' ? { ...raw, plan: undefined } : raw, variables);
  const plan = raw.kind === 'batch' ? resolvePlan(raw.plan, variables) : null;
  const checked = savedRequestBodySchema.safeParse(raw.kind === 'batch' ? { ...body, plan } : body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ConfigProblem(
      `After its variables, ${issue.path.join('.') || 'the request'} is not valid: ${issue.message}`,
      'Check the values of the variables it uses.',
      request.path,
    );
  }
  const resolved = checked.data;
  const assertions = resolveEnvironment(request.assertions, variables);
  const streamName = targetStreamName(resolved.target);
  const profile = options.connection.profileFor(streamName);
  const family = limitFamilyOf(profile.kind, streamName);
  let file: string | null = null;
  let maxRecordBytes: number | undefined;
  // As the app does: the stream says how large its records may be (AWS streams can be raised to
  // 10 MiB); a single record asks only when it is over 1 MiB, a batch always.
  const streamMax = async (f: LimitFamily, name: string) =>
    (maxRecordBytes = await streamMaxOf(options.connection, profile, f, name));
  if (resolved.kind === 'single') await prepareSend(profile, resolved, streamMax);
  else {
    checkPlan(batchRequestOf(resolved, profile), plan!);
    if (resolved.source.type === 'file')
      file = await fileInside(options.workspaceDir, request.path, resolved.source.fileName);
    await streamMax(family, streamName);
  }
  return { source: request, body: resolved, plan, assertions, streamName, profile, family, maxRecordBytes, file };
}

/**
 * The stream's own maximum record size. With --sandbox the stream is made first, as the send will
 * make it; a stream that cannot be described leaves the record to the service (streamMaxRecordBytesOf).
 */
const streamMaxOf = (connection: RunnerConnection, profile: StoredProfile, family: LimitFamily, streamName: string) =>
  streamMaxRecordBytesOf(
    async () => {
      await connection.ensureStream(streamName);
      return connection.sender.clientFor(profile);
    },
    family,
    streamName,
  );

/**
 * A batch file named by a request file, relative to the request's folder, inside the workspace
 * only: a request file from elsewhere must not send ~/.aws/credentials as records.
 */
async function fileInside(workspaceDir: string, requestPath: string, fileName: string): Promise<string> {
  const root = await realpath(workspaceDir);
  const wanted = path.resolve(root, path.dirname(requestPath), fileName);
  let real: string;
  try {
    real = await realpath(wanted);
  } catch {
    throw new ConfigProblem(
      `The batch file "${fileName}" is not there (${wanted}).`,
      'Put the file beside the request file, or fix source.fileName.',
      requestPath,
    );
  }
  if (real !== root && !real.startsWith(root + path.sep))
    throw new ConfigProblem(
      `The batch file "${fileName}" is outside the workspace.`,
      'Keep batch files inside the workspace folder; a request file may not read files elsewhere.',
      requestPath,
    );
  return real;
}

const batchRequestOf = (
  body: Extract<SavedRequestBody, { kind: 'batch' }>,
  profile: StoredProfile,
  fileId = 'file',
): BatchRequest => {
  const { kind: _kind, plan: _plan, source, ...rest } = body;
  void _kind;
  void _plan;
  return {
    ...rest,
    profileId: profile.id,
    source:
      source.type === 'file'
        ? {
            type: 'file',
            fileId,
            format: source.format,
            ...(source.csvPayloadColumn !== undefined ? { csvPayloadColumn: source.csvPayloadColumn } : {}),
            ...(source.csvTyped !== undefined ? { csvTyped: source.csvTyped } : {}),
          }
        : source,
  };
};

/** A single record is sent once in a sharded run, by shard 0: the others count it as none of theirs. */
function notThisShard(p: Prepared, options: RunOptions): RequestReport {
  const now = new Date().toISOString();
  return { ...emptyReport(p.source, options.shard, 'passed', null), ...base(p, options), startedAt: now, endedAt: now };
}

async function sendSingle(p: Prepared, options: RunOptions): Promise<RequestReport> {
  const body = p.body as Extract<SavedRequestBody, { kind: 'single' }>;
  const { connection } = options;
  const startedAt = new Date().toISOString();
  await connection.ensureStream(p.streamName);
  const { data } = prepareRecord(p.profile, body, p.maxRecordBytes);
  const controller = createCancellation();
  // An interrupt lets the call end on its own, up to the drain time; then it is given up.
  let drainTimer: NodeJS.Timeout | undefined;
  const onAbort = () => (drainTimer = setTimeout(() => controller.cancel(), options.drainMs ?? DRAIN_MS));
  options.signal.addEventListener('abort', onAbort, { once: true });
  let sent;
  try {
    sent = await connection.sender.send({
      profile: p.profile,
      streamName: p.streamName,
      partitionKey: body.partitionKey,
      explicitHashKey: body.explicitHashKey || undefined,
      data,
      cancellation: controller.token,
    });
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    clearTimeout(drainTimer);
  }
  const { result, latencyMs } = sent;
  const failure = result.ok ? null : result.error;
  const unknown = failure?.delivery === 'noAnswer' ? 1 : 0;
  const counts: RecordCounts = {
    total: 1,
    acknowledged: result.ok ? 1 : 0,
    failed: failure && !unknown ? 1 : 0,
    notSent: 0,
    unknown,
    possibleDuplicates: 0,
  };
  const outcome: AssertionOutcome = { kind: 'single', streamName: p.streamName, result, latencyMs, data };
  const assertions = await check(p, outcome, options);
  return {
    ...base(p, options),
    status: statusOf(counts, assertions, false),
    error: null,
    counts,
    calls: 1,
    throttled: failure && /Throughput|Throttl/.test(failure.name) ? failure.attempts : 0,
    latency: { p50: latencyMs, p95: latencyMs },
    acknowledgedPerShard: result.ok ? [{ shardId: result.response.shardId, count: 1 }] : [],
    failures: failure
      ? [
          {
            index: 0,
            partitionKey: body.partitionKey,
            errorCode: failure.name,
            errorMessage: failure.message,
            attempts: failure.attempts,
            ...(unknown ? { unknown: true as const } : {}),
          },
        ]
      : [],
    stopError: failure ? { reason: failure.name, message: failure.message, hint: failure.hint } : null,
    assertions,
    startedAt,
    endedAt: new Date().toISOString(),
  };
}

async function runBatch(p: Prepared, index: number, options: RunOptions): Promise<RequestReport> {
  const body = p.body as Extract<SavedRequestBody, { kind: 'batch' }>;
  const { connection, redactor } = options;
  // The seed makes each record reproducible by index: the engine, a re-make for read-back and
  // every shard of a sharded run rely on it.
  // A sharded run's seed is the same in every process (shard.ts derivedSeed).
  const seed = body.seed ?? (options.shard ? derivedSeed(p.source.path, p.source.request) : randomSeed());
  const input = await batchInputOf(p, seed);
  const budget = budgetFor(input.request, 'run');
  // The client is built while the worker compiles the template: the first call waits for both.
  // Its failure is thrown where it was before, after the batch's own problems.
  const clientReady = connection.sender.loadClientFor(p.profile);
  clientReady.catch(() => {});
  const dropClient = () =>
    void clientReady.then(
      ({ client }) => client.destroy(),
      () => {},
    );
  const batch = await hostBatch(input, budget).catch((error: unknown) => {
    dropClient();
    throw error;
  });
  let handle: LoadRunHandle;
  let accessKeyId = '';
  try {
    refuseUnsendableBatch(batch.summary, p.source.path);
    await connection.ensureStream(p.streamName);
    const built = await clientReady;
    accessKeyId = built.accessKeyId;
    const resultsFile = path.join(options.workDir, `run-${index}.jsonl`);
    const describeError = (error: unknown) =>
      describeFailure(error, {
        family: p.family,
        timeoutMs: p.profile.timeoutMs,
        aborted: false,
        redact: redactor.text,
        accessKeyIds: [accessKeyId],
      });
    const plan = loadPlanOf(p.plan!, batch.summary.total);
    const aggregation = await aggregationOf(
      p.plan!,
      p.family,
      async () => openShards(await describeShards(await connection.sender.clientFor(p.profile), p.streamName)),
      describeError,
    );
    // The engine's record k is the run's record at position k, or at the shard's k-th position.
    const slice = options.shard ? sliceOf(options.shard, plan.count ?? null) : null;
    const at = (k: number) => (slice ? positionOf(slice, k) : k);
    handle = startLoadRun({
      client: built.client,
      streamName: p.streamName,
      source: slice ? shardSource(feedOf(batch), slice) : feedOf(batch),
      plan: slice && slice.count !== null ? { ...plan, count: slice.count } : plan,
      callLimits: callLimitsOf(p.family, p.maxRecordBytes),
      aggregation,
      resultsFile,
      describeError,
      redact: redactor.deep,
      onProgress: (progress) =>
        options.onEvent?.({
          type: 'progress',
          index,
          sent: progress.sent,
          acknowledged: progress.acknowledged,
          failed: progress.failed,
          total: progress.total,
          ratePerSec: progress.currentRate,
          etaMs: progress.etaMs,
        }),
    });
    const startedAt = new Date().toISOString();
    const cancel = () => handle.cancel();
    options.signal.addEventListener('abort', cancel, { once: true });
    if (options.signal.aborted) cancel();
    let report: EngineReport | null;
    try {
      report = await untilDrained(handle.done, options);
    } finally {
      options.signal.removeEventListener('abort', cancel);
      built.client.destroy();
    }
    if (!report) return undrainedReport(p, options, handle, startedAt);
    const interrupted = options.signal.aborted;
    const view = reportView(report, null);
    const outcome: AssertionOutcome = {
      kind: 'run',
      streamName: p.streamName,
      report: view,
      journalFile: report.resultsFile,
      // Made again, a template that reads the clock gives other bytes: its records are not compared.
      ...(readsTheClock(input.request)
        ? { remakeRefused: problemOf('assertionRecordsTimed', {}) }
        : { remake: (indexes: number[]) => remake(input, budget, indexes, at) }),
    };
    const assertions = await check(p, outcome, options);
    const snapshot = handle.snapshot();
    const counts: RecordCounts = {
      total: report.total,
      acknowledged: report.acknowledged,
      failed: report.failed,
      notSent: report.notSent,
      unknown: report.unknown,
      possibleDuplicates: report.possibleDuplicates.length,
    };
    return {
      ...base(p, options),
      status: statusOf(counts, assertions, interrupted),
      error: null,
      counts,
      calls: report.calls,
      throttled: report.throttled,
      latency: { p50: snapshot.latencyP50Ms, p95: snapshot.latencyP95Ms },
      acknowledgedPerShard: view.acknowledgedPerShard,
      failures: view.failures.slice(0, LISTED_FAILURES).map((f) => ({ ...f, index: at(f.index) })),
      stopError: report.stopError
        ? { reason: report.stopError.name, message: report.stopError.message, hint: report.stopError.hint }
        : null,
      assertions,
      startedAt,
      endedAt: new Date().toISOString(),
    };
  } finally {
    // Destroyed once more after a run (a no-op); here for a batch refused before it ran.
    dropClient();
    await batch.close();
  }
}

/**
 * refuseUnsendable, naming the first problem when no record can be sent: the app's preview lists
 * them, a terminal has only this message (a record too large for its stream says its limit there).
 */
function refuseUnsendableBatch(summary: HostedBatch['summary'], requestPath: string): void {
  try {
    refuseUnsendable(summary);
  } catch (error) {
    const first = summary.problems[0];
    if (!(error instanceof ServiceError) || error.reason !== 'batchAllBad' || !first) throw error;
    throw new ConfigProblem(
      `${error.message} The first: ${first.line !== undefined ? `line ${first.line}: ` : ''}${first.message}`,
      "Fix the request so that its records fit the target's limits.",
      requestPath,
      'batchAllBad',
    );
  }
}

/**
 * The run's report once its calls in flight have ended; null when, after an interrupt, they did
 * not end within the drain time (the engine is left to them).
 */
async function untilDrained(done: Promise<EngineReport>, options: RunOptions): Promise<EngineReport | null> {
  const { signal } = options;
  const aborted = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const first = await Promise.race([done, aborted.then(() => null)]);
  if (first) return first;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), options.drainMs ?? DRAIN_MS)));
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** An interrupted run whose calls did not end in time: its figures so far; records in those calls are of unknown fate. */
function undrainedReport(p: Prepared, options: RunOptions, handle: LoadRunHandle, startedAt: string): RequestReport {
  const s = handle.snapshot();
  const total = s.total ?? s.sent;
  const unknown = s.inFlight + s.retrying;
  return {
    ...base(p, options),
    status: 'interrupted',
    error: null,
    counts: {
      total,
      acknowledged: s.acknowledged,
      failed: s.failed,
      notSent: Math.max(0, total - s.acknowledged - s.failed - unknown),
      unknown,
      possibleDuplicates: 0,
    },
    calls: s.calls,
    throttled: s.throttled,
    latency: { p50: s.latencyP50Ms, p95: s.latencyP95Ms },
    acknowledgedPerShard: [],
    failures: [],
    stopError: null,
    assertions: [],
    startedAt,
    endedAt: new Date().toISOString(),
  };
}

async function batchInputOf(p: Prepared, seed: number): Promise<BatchInput> {
  const body = p.body as Extract<SavedRequestBody, { kind: 'batch' }>;
  const { family, maxRecordBytes } = p;
  if (!p.file) return { request: batchRequestOf(body, p.profile), file: null, family, maxRecordBytes, seed };
  const files = createBatchFiles();
  const view = await files.open(p.file);
  const request = batchRequestOf(body, p.profile, view.fileId);
  const source = request.source as Extract<BatchRequest['source'], { type: 'file' }>;
  const file = await files.parsed(view.fileId, source);
  return { request, file, family, maxRecordBytes, seed };
}

/** Records of the run made again by the engine's index (at: its position in the batch), for read-back assertions. */
async function remake(
  input: BatchInput,
  budget: ReturnType<typeof budgetFor>,
  indexes: number[],
  at: (index: number) => number,
) {
  const batch: HostedBatch = await hostBatch(input, budget);
  const out = new Map<number, Uint8Array>();
  try {
    const feed = feedOf(batch);
    for (const index of [...indexes].sort((a, b) => a - b)) out.set(index, (await recordOf(feed, at(index))).data);
  } finally {
    await batch.close();
  }
  return out;
}

/**
 * The assertions' results, as the report keeps them: an assertion's reason carries only text and
 * numbers, which is what the report's schema checks.
 */
async function check(
  p: Prepared,
  outcome: AssertionOutcome,
  options: RunOptions,
): Promise<RequestReport['assertions']> {
  if (p.assertions.length === 0) return [];
  const { connection, redactor } = options;
  const results: AssertionResult[] = await evaluateAssertions(p.assertions, outcome, {
    reader: () => connection.sender.clientFor(p.profile),
    describe: (error) => {
      const f = describeFailure(error, {
        family: p.family,
        timeoutMs: p.profile.timeoutMs,
        aborted: false,
        redact: redactor.text,
        accessKeyIds: [],
      });
      return { name: f.name, message: f.message };
    },
    // Interrupted: nothing is read back, the figures alone are checked.
    ...(options.signal.aborted ? { readBackMs: 0 } : {}),
  });
  return results as RequestReport['assertions'];
}

function statusOf(
  counts: RecordCounts,
  assertions: RequestReport['assertions'],
  interrupted: boolean,
): RequestReport['status'] {
  if (interrupted) return 'interrupted';
  if (counts.acknowledged < counts.total) return 'undelivered';
  // An assertion not checked did not hold either: exit code 0 means every one held.
  return assertions.some((a) => a.status !== 'passed') ? 'failed' : 'passed';
}

function base(p: Prepared, options: RunOptions) {
  const where = options.connection.describe(p.profile);
  return {
    name: p.source.name,
    path: p.source.path,
    kind: p.body.kind,
    fingerprint: fingerprintOf(p.source),
    streamName: p.streamName,
    endpoint: where.endpoint,
    region: where.region,
    shard: options.shard,
  };
}

const noCounts = (): RecordCounts => ({
  total: 0,
  acknowledged: 0,
  failed: 0,
  notSent: 0,
  unknown: 0,
  possibleDuplicates: 0,
});

function emptyReport(
  request: RunnableRequest,
  shard: Shard | null,
  status: RequestReport['status'],
  error: RequestError | null,
): RequestReport {
  return {
    name: request.name,
    path: request.path,
    kind: request.request.kind,
    fingerprint: fingerprintOf(request),
    streamName: null,
    endpoint: null,
    region: null,
    status,
    error,
    counts: noCounts(),
    calls: 0,
    throttled: 0,
    latency: { p50: null, p95: null },
    acknowledgedPerShard: [],
    failures: [],
    stopError: null,
    assertions: [],
    shard,
    startedAt: null,
    endedAt: null,
  };
}

/** What a problem says, in English with what to fix, without a secret. */
function errorOf(error: unknown, redactor: Redactor): RequestError {
  if (error instanceof ConfigProblem)
    return { reason: error.reason, message: redactor.text(error.message), ...(error.hint ? { hint: error.hint } : {}) };
  if (error instanceof ServiceError) {
    const e = error as ServiceError;
    return {
      reason: e.reason,
      message: redactor.text(e.field ? `${e.message} (${e.field})` : e.message),
      ...(e.hint ? { hint: e.hint } : {}),
    };
  }
  if (error instanceof RecordProblems)
    return {
      reason: 'recordProblems',
      message: error.problems.map((p) => `${p.field}: ${englishOf(p)}`).join('; '),
      hint: "Fix the request so that its record fits the target's limits.",
    };
  return { reason: 'unexpected', message: redactor.text(error instanceof Error ? error.message : String(error)) };
}

function fingerprintOf(request: RunnableRequest): string {
  return createHash('sha256')
    .update(JSON.stringify({ request: request.request, assertions: request.assertions }))
    .digest('hex');
}

/** What a report says of the run besides its requests. */
export interface ReportMeta {
  environment: string | null;
  shard: Shard | null;
  version: string;
  interrupted: boolean;
}

const metaOf = (options: RunOptions): ReportMeta => ({
  environment: options.environment,
  shard: options.shard,
  version: options.version,
  interrupted: options.signal.aborted,
});

/**
 * The report of a run stopped by problems before anything was sent (exit code 2): each request
 * with its own problem, or as not run because of the others'.
 */
export function reportOfProblems(
  requests: RunnableRequest[],
  problems: RunnerReport['problems'],
  meta: ReportMeta,
  startedAt = new Date().toISOString(),
): RunnerReport {
  const reports = requests.map((request) => {
    const own = problems.find((p) => p.path === request.path);
    return emptyReport(request, meta.shard, 'error', {
      reason: own?.reason ?? 'notRun',
      message: own?.message ?? 'Not sent: the run has problems (listed), so nothing was sent.',
      ...(own?.hint ? { hint: own.hint } : {}),
    });
  });
  return finalReport(reports, problems, meta, startedAt);
}

function finalReport(
  requests: RequestReport[],
  problems: RunnerReport['problems'],
  meta: ReportMeta,
  startedAt: string,
): RunnerReport {
  const count = (status: RequestReport['status']) => requests.filter((r) => r.status === status).length;
  const { interrupted } = meta;
  const exitCode = exitCodeOf({
    interrupted,
    configErrors: problems.length + count('error'),
    undelivered: count('undelivered'),
    failedAssertions: count('failed'),
  });
  return {
    kind: REPORT_KIND,
    version: REPORT_VERSION,
    tool: { name: 'stream-composer', version: meta.version },
    environment: meta.environment,
    shard: meta.shard,
    interrupted,
    problems,
    totals: totalsOf(requests),
    requests,
    exitCode,
    startedAt,
    endedAt: new Date().toISOString(),
  };
}
