// The load runs of this session: live ones with their engine handle, and the last finished ones
// with their report (for getRun). Each run owns its client and destroys it when it ends. A run is
// in history from its start (begin, before the first record goes) and its entry is updated with
// the report when it ends, before the final `run` event.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { RunEvent, RunProgress, RunReportView, SendFailure } from '../contract';
import {
  startLoadRun,
  type LoadPlan,
  type LoadRunOptions,
  type LoadRunHandle,
  type RunProgress as EngineProgress,
  type RunReport,
} from '../load/run';
import { ServiceError } from '../services';

/** The engine spaces its progress this far apart; the final event, sent from here, keeps the same gap. */
const EVENT_GAP_MS = 100;
const KEPT_FINISHED = 20;
const REPORTED_FAILURES = 1000;

export interface RunSpec {
  client: { send: Parameters<typeof startLoadRun>[0]['client']['send']; destroy(): void };
  streamName: string;
  source: LoadRunOptions['source'];
  /** Frees what makes the records (a worker) once the run has ended. */
  release?: () => Promise<void>;
  plan: LoadPlan;
  callLimits: LoadRunOptions['callLimits'];
  /** KPL aggregation on send, with the shards to group by (run-rules aggregationOf). */
  aggregation?: LoadRunOptions['aggregation'];
  describeError: (error: unknown) => SendFailure;
  /** Takes credential values out of each journal line (secrets/redact.ts). */
  redact: <T>(value: T) => T;
  /** Writes the run's history entry (state running) before its first record goes; answers its id. */
  begin: (runId: string, resultsFile: string) => Promise<string>;
  /** Updates the run's history entry with its report. */
  record: (runId: string, report: RunReport, view: RunReportView) => Promise<void>;
}

export interface RunRegistry {
  /** Throws REJECTED once the app is closing: nothing may start the sandbox or build clients again. */
  refuseIfClosing(): void;
  start(spec: RunSpec): Promise<{ runId: string }>;
  pause(runId: string): RunProgress['state'];
  resume(runId: string): RunProgress['state'];
  cancel(runId: string): RunProgress['state'];
  get(runId: string): RunEvent;
  /** Runs that have not ended yet: their journals are still written to. */
  liveRunIds(): string[];
  /** Refuses new runs, cancels the live ones and resolves once each has been recorded. */
  stopAll(): Promise<void>;
}

interface Run {
  handle: LoadRunHandle;
  end: Promise<void>;
  /** The report, once the run has ended. */
  finished: RunReportView | null;
}

export function createRunRegistry(opts: { resultsDir: string; emit: (event: RunEvent) => void }): RunRegistry {
  const runs = new Map<string, Run>();
  let closing = false;

  const runOrThrow = (runId: string): Run => {
    const run = runs.get(runId);
    if (!run) throw new ServiceError('runNotInSession', { id: runId }, { field: 'runId' });
    return run;
  };

  const forgetOldFinished = () => {
    const finished = [...runs].filter(([, r]) => r.finished);
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED))) runs.delete(id);
  };

  const refuseIfClosing = () => {
    if (closing) throw new ServiceError('appClosingRun', {});
  };

  return {
    refuseIfClosing,
    async start(spec) {
      refuseIfClosing();
      const runId = crypto.randomUUID();
      // When the folder cannot be made, opening the results file fails too: the run goes on and its report says why.
      await mkdir(opts.resultsDir, { recursive: true }).catch(() => {});
      // Quitting may have begun meanwhile: a run started now would be neither cancelled nor recorded.
      refuseIfClosing();
      const resultsFile = path.join(opts.resultsDir, `${runId}.jsonl`);
      const historyId = await spec.begin(runId, resultsFile);
      let lastEmit = -Infinity;
      const emit = (event: RunEvent) => {
        lastEmit = performance.now();
        opts.emit(event);
      };
      const handle = startLoadRun({
        client: spec.client,
        streamName: spec.streamName,
        source: spec.source,
        plan: spec.plan,
        callLimits: spec.callLimits,
        aggregation: spec.aggregation,
        resultsFile,
        describeError: spec.describeError,
        redact: spec.redact,
        // The engine coalesces its progress (the latest state, at most 10 a second): every event is
        // passed on, since dropping one could hide a pause. The final figures go out once, with the report.
        onProgress: (progress) => {
          if (progress.state === 'done' || progress.state === 'cancelled' || progress.state === 'failed') return;
          emit({ runId, progress: progressView(progress) });
        },
      });
      const run: Run = { handle, end: Promise.resolve(), finished: null };
      run.end = handle.done.then(async (report) => {
        spec.client.destroy();
        await spec.release?.().catch(() => {});
        const view = reportView(report, historyId);
        await spec.record(runId, report, view).catch(() => {});
        run.finished = view;
        // A timer can fire a few ms early by this clock: wait until the gap has really passed.
        for (
          let wait = lastEmit + EVENT_GAP_MS - performance.now();
          wait > 0;
          wait = lastEmit + EVENT_GAP_MS - performance.now()
        ) {
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
        emit({ runId, progress: progressView(handle.snapshot()), report: view });
        forgetOldFinished();
      });
      runs.set(runId, run);
      return { runId };
    },
    pause(runId) {
      const run = runOrThrow(runId);
      run.handle.pause();
      return run.handle.snapshot().state;
    },
    resume(runId) {
      const run = runOrThrow(runId);
      run.handle.resume();
      return run.handle.snapshot().state;
    },
    cancel(runId) {
      const run = runOrThrow(runId);
      run.handle.cancel();
      return run.handle.snapshot().state;
    },
    get(runId) {
      const run = runOrThrow(runId);
      return {
        runId,
        progress: progressView(run.handle.snapshot()),
        ...(run.finished ? { report: run.finished } : {}),
      };
    },
    liveRunIds: () => [...runs].filter(([, r]) => !r.finished).map(([id]) => id),
    async stopAll() {
      closing = true;
      for (const run of runs.values()) if (!run.finished) run.handle.cancel();
      await Promise.allSettled([...runs.values()].map((r) => r.end));
    },
  };
}

function progressView(p: EngineProgress): RunProgress {
  return {
    state: p.state,
    total: p.total,
    sent: p.sent,
    acknowledged: p.acknowledged,
    failed: p.failed,
    retrying: p.retrying,
    inFlight: p.inFlight,
    calls: p.calls,
    throttled: p.throttled,
    currentRate: p.currentRate,
    sendRateLimit: p.sendRateLimit,
    latencyP50Ms: p.latencyP50Ms,
    latencyP95Ms: p.latencyP95Ms,
    ratePerSecond: p.ratePerSecond.map(({ second, acknowledged }) => ({ second, acknowledged })),
    elapsedMs: p.elapsedMs,
    etaMs: p.etaMs,
  };
}

/** Acknowledged records per shard as the report lists them, by shard id; the engine and the journal count them by shard. */
export function perShardList(counts: Record<string, number>): RunReportView['acknowledgedPerShard'] {
  return Object.entries(counts)
    .map(([shardId, count]) => ({ shardId, count }))
    .sort((a, b) => a.shardId.localeCompare(b.shardId));
}

export function reportView(r: RunReport, historyId: string | null): RunReportView {
  return {
    state: r.state,
    total: r.total,
    sent: r.sent,
    acknowledged: r.acknowledged,
    failed: r.failed,
    unknown: r.unknown,
    notSent: r.notSent,
    calls: r.calls,
    throttled: r.throttled,
    acknowledgedPerShard: perShardList(r.acknowledgedPerShard),
    failures: r.failures
      .slice(0, REPORTED_FAILURES)
      .map(({ index, partitionKey, errorCode, errorMessage, attempts, unknown }) => ({
        index,
        partitionKey,
        errorCode,
        errorMessage,
        attempts,
        ...(unknown ? { unknown } : {}),
      })),
    possibleDuplicates: r.possibleDuplicates.length,
    possibleDuplicateList: r.possibleDuplicates
      .slice(0, REPORTED_FAILURES)
      .map((index, i) => ({ index, partitionKey: r.possibleDuplicateKeys[i] })),
    stopError: r.stopError,
    durationMs: r.durationMs,
    startedAt: r.startedAt,
    resultsFile: r.resultsFile,
    resultsFileError: r.resultsFileError,
    historyId,
    latencyP95Ms: r.latencyP95Ms,
    attempts: r.attempts,
    ...(r.kinesisRecords !== undefined ? { kinesisRecords: r.kinesisRecords } : {}),
  };
}
