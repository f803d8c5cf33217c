// `stream-composer merge`: the JSON reports of the N shards of one run (electron/runner/shard.ts)
// combined into one report of the whole, as if one process had sent everything: counts summed,
// each request's assertions failed when any shard failed them (naming the shards), and a
// per-shard list. Reports of different runs, a shard given twice or a shard missing are refused
// before anything is written: a merged report that silently lacks a shard would claim a load
// that never happened.
//
// Latency cannot be merged exactly from percentiles: the merged p50 and p95 are the largest of
// the shards' (an upper bound: at least 95 % of all calls took no longer than the largest p95).
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { exitCodeOf } from './exit-codes';
import { assertionResultSchema } from '../contract';
import {
  reportSchema,
  requestReportSchema,
  type RecordCounts,
  type RequestReport,
  type RequestStatus,
  type RunnerReport,
  sumCounts,
  totalsOf,
} from './report';

/** A shard report's bytes at most: a report holds at most 100 failures per request. */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** Failures kept per request, as in a shard's report. */
const FAILURES_KEPT = 100;

/** Reports that cannot be merged; the message says which files and what to do. The CLI exits 2. */
export class MergeError extends Error {}

const shardIndex = z.number().int().min(0);

/** A request of the merged report: its assertions name the shards they failed in, and its figures per shard. */
export const mergedRequestSchema = requestReportSchema
  .extend({
    assertions: z.array(
      assertionResultSchema.extend({
        /** The shards whose result this is: those that failed it, or (notChecked) could not check it. Empty when every shard passed it. */
        shards: z.array(shardIndex),
      }),
    ),
    shards: z.array(
      z
        .object({
          index: shardIndex,
          status: requestReportSchema.shape.status,
          counts: requestReportSchema.shape.counts,
          latency: requestReportSchema.shape.latency,
        })
        .strict(),
    ),
  })
  .strict();
export type MergedRequest = z.infer<typeof mergedRequestSchema>;

/** The merged report: a runner report of the whole run (shard null), plus where each shard's figures came from. */
export const mergedReportSchema = reportSchema
  .extend({
    requests: z.array(mergedRequestSchema),
    shards: z.array(
      z
        .object({
          index: shardIndex,
          /** The report file it was read from, as given to merge. */
          file: z.string(),
          exitCode: z.number().int(),
          interrupted: z.boolean(),
          records: requestReportSchema.shape.counts,
          startedAt: z.iso.datetime({ offset: true }),
          endedAt: z.iso.datetime({ offset: true }),
        })
        .strict(),
    ),
  })
  .strict();
export type MergedReport = z.infer<typeof mergedReportSchema>;

export interface ShardReport {
  file: string;
  report: RunnerReport;
}

/** A shard's report file, checked against the report schema. */
export async function readShardReport(file: string): Promise<ShardReport> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_REPORT_BYTES) {
      throw new MergeError(`${file} is ${size} bytes, more than a report can be (${MAX_REPORT_BYTES}).`);
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof MergeError) throw error;
    throw new MergeError(`Cannot read ${file}: ${(error as Error).message}. Give the report.json of each shard.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MergeError(
      `${file} is not JSON. Give the report.json that \`stream-composer run --reporter json\` wrote.`,
    );
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MergeError(
      `${file} is not a stream-composer report (at ${issue.path.join('.') || 'the top'}: ${issue.message}). Give the report.json that \`stream-composer run --reporter json\` wrote.`,
    );
  }
  return { file, report: parsed.data };
}

/** The reports of every shard of one run, merged; a MergeError when they are not that. */
export function mergeReports(inputs: ShardReport[]): MergedReport {
  const shards = checkShards(inputs);
  const withRequests = shards.filter((s) => s.report.requests.length > 0);
  const requests = withRequests.length === 0 ? [] : mergeRequestLists(withRequests);
  const interrupted = shards.some((s) => s.report.interrupted);
  const problems = unique(shards.flatMap((s) => s.report.problems));
  const totals = totalsOf(requests);
  return {
    kind: shards[0].report.kind,
    version: shards[0].report.version,
    tool: shards[0].report.tool,
    environment: shards[0].report.environment,
    shard: null,
    interrupted,
    problems,
    totals,
    requests,
    exitCode: exitCodeOf({
      interrupted,
      configErrors: problems.length + totals.errors,
      undelivered: undeliveredOf(totals.records),
      failedAssertions: totals.assertions.failed,
    }),
    startedAt: earliest(shards.map((s) => s.report.startedAt))!,
    endedAt: latest(shards.map((s) => s.report.endedAt))!,
    shards: shards.map(({ file, report }) => ({
      index: report.shard!.index,
      file,
      exitCode: report.exitCode,
      interrupted: report.interrupted,
      records: report.totals.records,
      startedAt: report.startedAt,
      endedAt: report.endedAt,
    })),
  };
}

/** The reports in shard order, once each shard 0..N-1 of one run is there exactly once. */
function checkShards(inputs: ShardReport[]): ShardReport[] {
  if (inputs.length === 0) throw new MergeError('Give the report.json of every shard to merge.');
  const unsharded = inputs.find((s) => s.report.shard === null);
  if (unsharded) {
    throw new MergeError(
      `${unsharded.file} is the report of a run without --shard: there is nothing to merge it with.`,
    );
  }
  const first = inputs[0];
  const count = first.report.shard!.count;
  for (const other of inputs) {
    if (other.report.shard!.count !== count) {
      throw new MergeError(
        `${first.file} is a shard of ${count} and ${other.file} a shard of ${other.report.shard!.count}: give the reports of one run.`,
      );
    }
    if (other.report.environment !== first.report.environment) {
      throw new MergeError(
        `${first.file} ran with environment ${String(first.report.environment)} and ${other.file} with ${String(other.report.environment)}: give the reports of one run.`,
      );
    }
  }
  const byIndex = new Map<number, ShardReport>();
  for (const input of inputs) {
    const index = input.report.shard!.index;
    const seen = byIndex.get(index);
    if (seen) throw new MergeError(`${seen.file} and ${input.file} are both shard ${index}: give each shard once.`);
    byIndex.set(index, input);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const shown = missing.slice(0, 20).join(', ') + (missing.length > 20 ? `, … (${missing.length} in all)` : '');
    throw new MergeError(
      `The run had ${count} shards; the report of shard${missing.length === 1 ? '' : 's'} ${shown} is missing. Give one report.json per shard (0 to ${count - 1}).`,
    );
  }
  return Array.from({ length: count }, (_, i) => byIndex.get(i)!);
}

/** Every shard ran the same requests in the same order (by path and the file's fingerprint): merged one by one. */
function mergeRequestLists(shards: ShardReport[]): MergedRequest[] {
  const [first, ...rest] = shards;
  const identity = (r: RequestReport) => `${r.path}\n${r.fingerprint}`;
  for (const other of rest) {
    const a = first.report.requests;
    const b = other.report.requests;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] && b[i] && identity(a[i]) === identity(b[i])) continue;
      if (a[i] && b[i] && a[i].path === b[i].path) {
        throw new MergeError(
          `${a[i].path} differs between ${first.file} and ${other.file} (the file changed between the shards' runs): run every shard on the same workspace.`,
        );
      }
      const which = a[i] ? `${first.file} has ${a[i].path}` : `${other.file} has ${b[i].path}`;
      throw new MergeError(
        `${first.file} and ${other.file} ran different requests (${which}, the other does not): give the reports of one run.`,
      );
    }
  }
  return first.report.requests.map((_, i) =>
    mergeRequest(shards.map((s) => ({ index: s.report.shard!.index, request: s.report.requests[i] }))),
  );
}

function mergeRequest(parts: { index: number; request: RequestReport }[]): MergedRequest {
  const requests = parts.map((p) => p.request);
  const head = requests[0];
  const counts = sumCounts(requests.map((r) => r.counts));
  const assertions = head.assertions.map((_, a) => {
    const results = parts.map((p) => ({ index: p.index, result: p.request.assertions[a] }));
    const failed = results.filter((r) => r.result.status === 'failed');
    const unchecked = results.filter((r) => r.result.status === 'notChecked');
    const deciding = failed.length > 0 ? failed : unchecked;
    const shown = (deciding[0] ?? results[0]).result;
    const alike = (deciding.length > 0 ? deciding : results).filter((r) => r.result.reason === shown.reason);
    return {
      ...shown,
      params: mergedParams(alike.map((r) => r.result.params)),
      shards: deciding.map((r) => r.index),
    };
  });
  const statuses = requests.map((r) => r.status);
  return {
    name: head.name,
    path: head.path,
    kind: head.kind,
    fingerprint: head.fingerprint,
    streamName: firstOf(requests.map((r) => r.streamName)),
    endpoint: firstOf(requests.map((r) => r.endpoint)),
    region: firstOf(requests.map((r) => r.region)),
    status: statusOf(
      statuses,
      counts,
      assertions.some((a) => a.status === 'failed'),
    ),
    error: firstOf(requests.map((r) => r.error)),
    counts,
    calls: sum(requests.map((r) => r.calls)),
    throttled: sum(requests.map((r) => r.throttled)),
    latency: { p50: largest(requests.map((r) => r.latency.p50)), p95: largest(requests.map((r) => r.latency.p95)) },
    acknowledgedPerShard: perStreamShard(requests),
    failures: requests.flatMap((r) => r.failures).slice(0, FAILURES_KEPT),
    stopError: firstOf(requests.map((r) => r.stopError)),
    assertions,
    shard: null,
    startedAt: earliest(requests.map((r) => r.startedAt)),
    endedAt: latest(requests.map((r) => r.endedAt)),
    shards: parts.map(({ index, request }) => ({
      index,
      status: request.status,
      counts: request.counts,
      latency: request.latency,
    })),
  };
}

/**
 * An assertion's figures for the whole run, from the shards' results of the same reason: counts
 * of records add up ("1998 of 2000 delivered"); a p95 or a throttled share is the largest (an upper
 * bound, as for latency); the rest (a path, a limit) is the first shard's.
 */
function mergedParams(all: Record<string, string | number>[]): Record<string, string | number> {
  const out = { ...all[0] };
  for (const key of Object.keys(out)) {
    const numbers = all.map((p) => p[key]).filter((v): v is number => typeof v === 'number');
    if (numbers.length !== all.length) continue;
    if (SUMMED.has(key)) out[key] = sum(numbers);
    else if (LARGEST.has(key)) out[key] = Math.max(...numbers);
  }
  return out;
}
const SUMMED = new Set(['count', 'acknowledged', 'total', 'checked']);
const LARGEST = new Set(['p95', 'percent']);

/** A merged request's status: interrupted or error in any shard stays so; else as its merged figures say. */
function statusOf(statuses: RequestStatus[], counts: RecordCounts, assertionFailed: boolean): RequestStatus {
  if (statuses.includes('interrupted')) return 'interrupted';
  if (statuses.includes('error')) return 'error';
  if (undeliveredOf(counts) > 0 || statuses.includes('undelivered')) return 'undelivered';
  return assertionFailed || statuses.includes('failed') ? 'failed' : 'passed';
}

const undeliveredOf = (c: RecordCounts) => c.failed + c.notSent + c.unknown;

function perStreamShard(requests: RequestReport[]): RequestReport['acknowledgedPerShard'] {
  const counts = new Map<string, number>();
  for (const r of requests)
    for (const s of r.acknowledgedPerShard) counts.set(s.shardId, (counts.get(s.shardId) ?? 0) + s.count);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([shardId, count]) => ({ shardId, count }));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const firstOf = <T>(xs: (T | null)[]): T | null => xs.find((x) => x !== null) ?? null;

function largest(xs: (number | null)[]): number | null {
  const known = xs.filter((x): x is number => x !== null);
  return known.length === 0 ? null : Math.max(...known);
}

// By Date, not as text: times with different offsets do not sort as text.
function earliest(times: (string | null)[]): string | null {
  const known = times.filter((t): t is string => t !== null);
  return known.length === 0 ? null : known.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

function latest(times: (string | null)[]): string | null {
  const known = times.filter((t): t is string => t !== null);
  return known.length === 0 ? null : known.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

function unique<T>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const key = JSON.stringify(x);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
