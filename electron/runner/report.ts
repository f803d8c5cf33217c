// The JSON report of `stream-composer run` (report.json), its one definition: the runner writes
// it, `stream-composer merge` reads shard reports back through it, the JUnit and terminal
// reporters are made from it, and tests validate against it. Never a secret in it: failures are
// redacted before they get here, and a connection is described only by its endpoint and region.
import { z } from 'zod';
import { assertionResultSchema, failedRecordViewSchema, type SavedRequestBody } from '../contract';

/** Shard reports are read back through it (merge.ts); its one definition is the contract's. */
export { assertionResultSchema };

export const REPORT_KIND = 'stream-composer/report';
export const REPORT_VERSION = 1;

/** Which part of a sharded load this process sent: shard `index` (0-based) of `count`. */
export const shardSchema = z
  .object({ index: z.number().int().min(0), count: z.number().int().min(1) })
  .strict()
  .refine((s) => s.index < s.count, { message: 'A shard index is below the shard count.' });
export type Shard = z.infer<typeof shardSchema>;

/** A record's fate, counted: every record of a request is in exactly one of the last four. */
export const recordCountsSchema = z
  .object({
    total: z.number().int().min(0),
    acknowledged: z.number().int().min(0),
    failed: z.number().int().min(0),
    /** Never put in a call (interrupted, or the run stopped on an error every call would meet). */
    notSent: z.number().int().min(0),
    /** Stored or not, nobody can tell: a call without an answer that was not sent again. */
    unknown: z.number().int().min(0),
    /** Acknowledged after a call without an answer was sent again: each may be stored twice. */
    possibleDuplicates: z.number().int().min(0),
  })
  .strict();
export type RecordCounts = z.infer<typeof recordCountsSchema>;

/** Why a request was not (or not wholly) tried: a configuration problem, in English with what to fix. */
export const requestErrorSchema = z
  .object({
    /** A reason of electron/shared/reasons.ts, or a failure name (CREDENTIALS, ResourceNotFoundException...). */
    reason: z.string(),
    message: z.string(),
    hint: z.string().optional(),
  })
  .strict();
export type RequestError = z.infer<typeof requestErrorSchema>;

export const REQUEST_STATUSES = [
  /** Every record delivered, every assertion held. */
  'passed',
  /** Every record delivered, an assertion failed. */
  'failed',
  /** A record was not delivered. */
  'undelivered',
  /** Not sent: its file, its variables or its connection is wrong (`error` says what). */
  'error',
  /** Stopped by Ctrl+C / SIGTERM, or never started because of it. */
  'interrupted',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const requestReportSchema = z
  .object({
    name: z.string(),
    /** Relative to the workspace, '/'-separated: the request's identity. */
    path: z.string(),
    kind: z.enum(['single', 'batch'] as const satisfies readonly SavedRequestBody['kind'][]),
    /** sha256 of the request file's request and assertions as read (before variables): merge refuses to mix different requests. */
    fingerprint: z.string(),
    /** The StreamName sent to, after variables; null when it could not be resolved. */
    streamName: z.string().nullable(),
    /** Where its calls went (never a credential): the endpoint URL, or AWS's regional endpoint by name, and the signing region. */
    endpoint: z.string().nullable(),
    region: z.string().nullable(),
    status: z.enum(REQUEST_STATUSES),
    error: requestErrorSchema.nullable(),
    counts: recordCountsSchema,
    /** PutRecord / PutRecords calls answered (any outcome). */
    calls: z.number().int().min(0),
    /** Entries the service throttled, every attempt counted. */
    throttled: z.number().int().min(0),
    /** Latency of the calls in ms; null when no call was answered. */
    latency: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }).strict(),
    acknowledgedPerShard: z.array(z.object({ shardId: z.string(), count: z.number().int().min(0) }).strict()),
    /** The first 100 failed and unknown records; `counts` counts them all. */
    failures: z.array(failedRecordViewSchema),
    /** The call error that stopped a run early, or a single send's failure. */
    stopError: requestErrorSchema.nullable(),
    assertions: z.array(assertionResultSchema),
    shard: shardSchema.nullable(),
    startedAt: z.iso.datetime({ offset: true }).nullable(),
    endedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .strict();
export type RequestReport = z.infer<typeof requestReportSchema>;

export const reportSchema = z
  .object({
    kind: z.literal(REPORT_KIND),
    version: z.literal(REPORT_VERSION),
    tool: z.object({ name: z.literal('stream-composer'), version: z.string() }).strict(),
    /** The environment whose variables were used; null: none. */
    environment: z.string().nullable(),
    shard: shardSchema.nullable(),
    /** Stopped by Ctrl+C / SIGTERM before every request had ended. */
    interrupted: z.boolean(),
    /** Problems that stopped the run before anything was sent (bad files, flags, variables, credentials). */
    problems: z.array(requestErrorSchema.extend({ path: z.string().nullable() }).strict()),
    totals: z
      .object({
        requests: z.number().int().min(0),
        passed: z.number().int().min(0),
        failed: z.number().int().min(0),
        undelivered: z.number().int().min(0),
        errors: z.number().int().min(0),
        interrupted: z.number().int().min(0),
        records: recordCountsSchema,
        assertions: z
          .object({
            passed: z.number().int().min(0),
            failed: z.number().int().min(0),
            notChecked: z.number().int().min(0),
          })
          .strict(),
      })
      .strict(),
    requests: z.array(requestReportSchema),
    /** The process's exit code (electron/runner/exit-codes.ts). */
    exitCode: z.number().int(),
    startedAt: z.iso.datetime({ offset: true }),
    endedAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type RunnerReport = z.infer<typeof reportSchema>;

/** A report's totals from its requests. */
export function totalsOf(requests: RequestReport[]): RunnerReport['totals'] {
  const count = (status: RequestStatus) => requests.filter((r) => r.status === status).length;
  const assertions = requests.flatMap((r) => r.assertions);
  const of = (status: 'passed' | 'failed' | 'notChecked') => assertions.filter((a) => a.status === status).length;
  return {
    requests: requests.length,
    passed: count('passed'),
    failed: count('failed'),
    undelivered: count('undelivered'),
    errors: count('error'),
    interrupted: count('interrupted'),
    records: sumCounts(requests.map((r) => r.counts)),
    assertions: { passed: of('passed'), failed: of('failed'), notChecked: of('notChecked') },
  };
}

export function sumCounts(all: RecordCounts[]): RecordCounts {
  const keys = ['total', 'acknowledged', 'failed', 'notSent', 'unknown', 'possibleDuplicates'] as const;
  return Object.fromEntries(keys.map((k) => [k, all.reduce((n, c) => n + c[k], 0)])) as RecordCounts;
}
