// The rules a load run starts by, shared by the app's run handlers and the command-line runner:
// what a plan must hold for its source, which batches cannot be sent, the worker's budget, and
// the engine's plan made from the user's.
import type { BatchProblem, BatchRequest, RunPlan, SendFailure } from '../contract';
import type { Aggregation } from '../load/aggregate';
import type { LoadPlan } from '../load/run';
import type { LimitFamily } from '../shared/limits';
import type { ShardRange } from '../shared/shards';
import { reasonOnly } from '../shared/reasons';
import { ServiceError } from '../services';
import type { Budget } from '../workers/run-task';
import type { BatchSummary } from './batch-session';
import { RUN_HEAP_MB } from '../workers/launched';

/**
 * What a batch with a template may take in its worker. A preview comes at every pause in typing
 * and must answer soon; a run's records come 500 (or 8 MiB) at a time, each chunk with the whole
 * time budget, and RUN_HEAP_MB of heap.
 */
export function budgetFor(request: BatchRequest, use: 'preview' | 'run' | 'export'): Budget {
  const field = request.source.type === 'template' ? 'source.template' : 'keys.template';
  const hint = 'smallerTemplate';
  if (use === 'preview')
    return {
      timeoutMs: 5000,
      heapMb: 256,
      over: { time: 'previewOverTime', memory: 'previewOverMemory' },
      hint,
      field,
    };
  const over =
    use === 'run'
      ? ({ time: 'runRecordsOverTime', memory: 'runRecordsOverMemory' } as const)
      : ({ time: 'remakeRecordsOverTime', memory: 'remakeRecordsOverMemory' } as const);
  return { timeoutMs: 10_000, heapMb: RUN_HEAP_MB, over, hint, field };
}

export function checkPlan(request: BatchRequest, plan: RunPlan): void {
  if (request.source.type === 'template') {
    if (plan.count === undefined && plan.durationSec === undefined) {
      throw new ServiceError('templateRunNeedsPlan', {}, { field: 'plan.count' });
    }
    return;
  }
  const extra = plan.count !== undefined ? 'plan.count' : plan.durationSec !== undefined ? 'plan.durationSec' : null;
  if (extra) {
    throw new ServiceError('rowsTakeNoPlan', {}, { field: extra });
  }
}

export function refuseUnsendable(batch: BatchSummary): void {
  if (batch.broken) {
    const p = batch.problems[0];
    throw problemError(p, 'source');
  }
  if (batch.total === 0) {
    throw new ServiceError('batchAllBad', { count: batch.problemCount }, { hint: 'fixPreviewLines', field: 'source' });
  }
  const first = batch.firstProblem;
  if (first) throw problemError(first, 'source.template');
}

/** A problem of the batch, placed in the template where it has a position there. */
function problemError(p: BatchProblem, field: string): ServiceError {
  const problem = reasonOnly(p);
  const at = { field: p.field ?? field };
  if (p.templateLine !== undefined)
    return new ServiceError('templateProblem', { line: p.templateLine, column: p.templateColumn ?? 0, problem }, at);
  if (p.line !== undefined) return new ServiceError('batchLineProblem', { line: p.line, problem }, at);
  if (p.index !== undefined) return new ServiceError('batchRecordProblem', { n: p.index + 1, problem }, at);
  return new ServiceError('batchProblem', { problem }, at);
}

/** The engine's plan: a batch of known size sends all of it, a template its count and/or duration. */
export function loadPlanOf(plan: RunPlan, total: number | null): LoadPlan {
  return {
    ...(total !== null ? { count: total } : plan.count !== undefined ? { count: plan.count } : {}),
    ...(plan.durationSec !== undefined ? { durationMs: plan.durationSec * 1000 } : {}),
    ratePerSec: plan.ratePerSec,
    concurrency: plan.concurrency,
    maxAttemptsPerRecord: plan.maxAttemptsPerRecord,
    unansweredCalls: plan.unansweredCalls,
  };
}

/**
 * What the run aggregates by, when its plan says to: the stream's open shards, read before the
 * first record goes (records are grouped by the shard they hash to). YDS readers do not split KPL
 * records, so a YDS target is refused.
 */
export async function aggregationOf(
  plan: RunPlan,
  family: LimitFamily,
  readShards: () => Promise<ShardRange[]>,
  describe: (error: unknown) => SendFailure,
): Promise<Aggregation | undefined> {
  if (!plan.aggregate) return undefined;
  if (family === 'yds') throw new ServiceError('aggregationNotOnYds', {}, { field: 'plan.aggregate' });
  let shards: ShardRange[];
  try {
    shards = await readShards();
  } catch (error) {
    const failure = describe(error);
    throw new ServiceError(
      'aggregationNeedsShards',
      { message: `${failure.name}: ${failure.message}` },
      { field: 'plan.aggregate' },
    );
  }
  if (shards.length === 0)
    throw new ServiceError('aggregationNeedsShards', { message: 'no open shards' }, { field: 'plan.aggregate' });
  return { shards };
}

/** A seed for a request without one: the engine makes each record again by index and seed. */
export const randomSeed = () => Math.floor(Math.random() * 2 ** 31);
