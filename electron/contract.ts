// The one contract between renderer and main: every operation the renderer may ask for, with the
// schema main validates its input against and the type of its result. The renderer imports types
// from here (and the operation list, for the preload); main imports the schemas.
import { z } from 'zod';
import type { ShardRange } from './shared/shards';
import { FILE_LIMITS } from './shared/file-limits';
import { LIMITS, MAX_PAYLOAD_CHARS, MAX_TEMPLATE_CHARS, PAYLOAD_MODES } from './shared/limits';
import { ENV_LIMITS, ENV_REFERENCE_ALONE, ENV_VARIABLE_NAME, ENVIRONMENT_NAME } from './shared/env-vars';
import { RETENTION_MAX } from './shared/retention';
import { FILTER_LIMITS, TAIL_DATA_BYTES } from './shared/tail-filter';
import { REASON_NAMES, type ErrorCode, type HintCode, type Reason, type ReasonWithParams } from './shared/reasons';
import {
  BATCH_FORMATS,
  CODE_LANGUAGES,
  CREDENTIAL_SOURCES,
  HISTORY_EXPORT_FORMATS,
  LANGUAGES,
  PROFILE_KINDS,
  DECODE_LAYERS,
  TAIL_STARTS,
  TEMPLATE_LOCALES,
  THEMES,
  HISTORY_OUTCOMES,
  type BatchFormat,
  type Capability,
  type EventName,
  type OperationName,
  type SubjectEventName,
  type Language,
  type Theme,
} from './shared/names';

// ---------- shared pieces ----------

export * from './shared/names';
export * from './shared/reasons';

const id = z.string().min(1).max(100);
/**
 * A run's id names its files (runs/<runId>.jsonl, .source.json): letters, digits and '-' only, so
 * an id from an imported history file can never name a path outside the runs folder.
 */
const runId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'A run id is 1-64 letters, digits or "-".');
const shortText = z.string().max(2000);

export const payloadSchema = z.object({
  mode: z.enum(PAYLOAD_MODES),
  // Hex of the largest (10 MiB) record plus whitespace; anything longer cannot be a valid record.
  text: z.string().max(MAX_PAYLOAD_CHARS),
});
export type Payload = z.infer<typeof payloadSchema>;

export const targetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('name'), streamName: z.string().trim().min(1).max(1024) }),
  z.object({
    type: z.literal('yds'),
    cloudId: z.string().trim().min(1).max(200),
    databaseId: z.string().trim().min(1).max(200),
    stream: z.string().trim().min(1).max(500),
  }),
]);
export type Target = z.infer<typeof targetSchema>;

export const composedRequestSchema = z.object({
  profileId: id,
  target: targetSchema,
  partitionKey: z.string().max(4096),
  explicitHashKey: z.string().max(64).optional(),
  payload: payloadSchema,
});
export type ComposedRequest = z.infer<typeof composedRequestSchema>;

export const profileInputSchema = z.object({
  id: id.optional(),
  name: z.string().trim().min(1).max(100),
  kind: z.enum(PROFILE_KINDS),
  /** '' means the kind's default endpoint. */
  endpoint: z.string().trim().max(500),
  region: z.string().trim().max(50),
  ydsCloudId: z.string().trim().max(200),
  ydsDatabaseId: z.string().trim().max(200),
  credentials: z.object({
    source: z.enum(CREDENTIAL_SOURCES),
    sharedProfile: z.string().trim().max(200),
    /** Omitted: keep what is stored. */
    accessKeyId: z.string().trim().max(256).optional(),
    /** Omitted: keep what is stored. */
    secretAccessKey: z.string().max(1024).optional(),
  }),
  timeoutMs: z.number().int().min(1000).max(600_000),
  maxAttempts: z.number().int().min(1).max(10),
  /** The user agreed to keep the secret where the OS offers no real secret store. */
  allowWeakSecretStorage: z.boolean().optional(),
});
export type ProfileInput = z.infer<typeof profileInputSchema>;

/** What the renderer may see of a profile (the input's fields): never a secret, never a whole access key id. */
export type ProfileView = Omit<ProfileInput, 'id' | 'credentials' | 'allowWeakSecretStorage'> & {
  id: string;
  credentials: Pick<ProfileInput['credentials'], 'source' | 'sharedProfile'> & {
    /** Last 4 characters of the access key id, '' when none is stored. */
    accessKeyIdHint: string;
    secretSet: boolean;
  };
};

/** The PutRecord answer. The boto3-like printout is derived from it: electron/shared/printout. */
export const sendResponseSchema = z.object({
  shardId: z.string(),
  sequenceNumber: z.string(),
  encryptionType: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  requestId: z.string().nullable(),
  attempts: z.number().int(),
  totalRetryDelayMs: z.number(),
});
export type SendResponse = z.infer<typeof sendResponseSchema>;

/**
 * Whether a failed call can have stored anything. `notSent`: it never reached the service
 * (refused, host not found, TLS, a local problem, cancelled before it went out). `noAnswer`: it went
 * out and no answer came (connection reset, timeout, cancelled in flight), so it may have been
 * stored, and sending it again may store it twice. `answered`: the service answered with the error.
 */
export const DELIVERY_STATES = ['notSent', 'noAnswer', 'answered'] as const;
export type Delivery = (typeof DELIVERY_STATES)[number];

export const sendFailureSchema = z.object({
  /** Service `__type` or a local cause: ECONNREFUSED, ECONNRESET, TIMEOUT, CANCELLED, ... */
  name: z.string(),
  message: z.string(),
  /** The English hint; the renderer's fallback when it has no translation for `hintCode`. */
  hint: z.string(),
  /**
   * Names the hint, for the renderer to translate (`hints.<code>`). Always set by main; absent in
   * history entries written before hint codes existed.
   */
  hintCode: z.string().optional(),
  /** Always set by main; absent in history entries written before it existed. */
  delivery: z.enum(DELIVERY_STATES).optional(),
  httpStatus: z.number().int().nullable(),
  requestId: z.string().nullable(),
  retryable: z.boolean(),
  attempts: z.number().int(),
});
export type SendFailure = z.infer<typeof sendFailureSchema>;

export const sendResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), response: sendResponseSchema }),
  z.object({ ok: z.literal(false), error: sendFailureSchema }),
]);
export type SendResult = z.infer<typeof sendResultSchema>;

/** What the history list is narrowed by; every field optional but the page window. */
export const historyFilterSchema = z
  .object({
    /** Case-insensitive; matched against partition key, stream, payload text and error name/message. */
    text: z
      .string()
      .max(1000)
      .refine((t) => !t.includes('\u0000'), 'no NUL characters')
      .optional(),
    profileId: id.optional(),
    stream: z.string().min(1).max(1024).optional(),
    outcome: z.enum(HISTORY_OUTCOMES).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type HistoryFilter = z.infer<typeof historyFilterSchema>;
export type HistoryQuery = HistoryFilter & { offset: number; limit: number };

/** What the filters can offer: every stream and profile the history holds. */
export interface HistoryFacets {
  streams: string[];
  profiles: { id: string; name: string }[];
}

/**
 * One page of the (filtered) history, newest first; `matched` counts every entry the filter lets
 * through. While `loading`, the older part of a large history file is still being read: the
 * entries are right, but `total`, `matched` and the facets count only what has been read so far.
 */
export interface HistoryPage extends HistoryFacets {
  entries: HistorySummary[];
  total: number;
  matched: number;
  loading: boolean;
}

export interface HistorySummary {
  id: string;
  time: string;
  profileName: string;
  streamName: string;
  partitionKey: string;
  ok: boolean;
  /** Shard on success, error name on failure. */
  detail: string;
  latencyMs: number;
  preview: string;
  /** For a load run's entry. */
  run?: { state: RunReportView['state']; total: number; acknowledged: number; failed: number; notSent: number };
}

export interface SendOutcome {
  historyId: string;
  streamName: string;
  latencyMs: number;
  result: SendResult;
}

/** A record as the stream holds it, read back by shard and sequence number. */
export interface StoredRecordView {
  /** The record's bytes, base64: they need not be text. */
  dataBase64: string;
  partitionKey: string;
  sequenceNumber: string;
  /** ApproximateArrivalTimestamp as ISO time; null when the endpoint gave none. */
  arrivedAt: string | null;
}

export interface ReadBackOutcome {
  found: boolean;
  record?: StoredRecordView;
  /** Whether the stored bytes equal the sent ones; null when history kept only the start of the payload. */
  matches: boolean | null;
  sentSize: number;
}

/** One stream as the stream browser lists it. */
export interface StreamSummaryView {
  name: string;
  status: string;
  /** Open shards. */
  shardCount: number;
  retentionHours: number;
}

/** An enhanced fan-out consumer of a stream, as ListStreamConsumers names it. */
export interface StreamConsumerView {
  name: string;
  status: string;
  /** ISO time; null when the endpoint gave none. */
  createdAt: string | null;
}

/** A call the connection answers (yes), does not implement (no), or that could not be told (unknown). */
export type CapabilityAnswer = 'yes' | 'no' | 'unknown';
/** What a probe of a connection found (electron/kinesis/probe.ts). */
export interface ConnectionCapabilities {
  checkedAt: string;
  /** The stream the probe described, null when the endpoint listed none. */
  stream: string | null;
  calls: Record<Capability, CapabilityAnswer>;
  /** Why something could not be told (no network, a bad key), in the endpoint's words, secrets cut. */
  problem: string | null;
}

export interface StreamShardView extends ShardRange {
  parentShardId: string | null;
  startingSequenceNumber: string;
  /** Set once the shard is closed (split or merged away). */
  endingSequenceNumber: string | null;
  open: boolean;
}

export type TailState = 'running' | 'paused' | 'stopped' | 'failed';

/** A record a tail read, as shown: its data cut to TAIL_DATA_BYTES, `size` the whole. */
export const tailRecordViewSchema = z
  .object({
    shardId: z.string().max(200),
    sequenceNumber: z.string().max(200),
    partitionKey: z.string().max(1024),
    /** ApproximateArrivalTimestamp as ISO time; null when the endpoint gave none. */
    arrivedAt: z.string().max(100).nullable(),
    dataBase64: z.string().max(Math.ceil(TAIL_DATA_BYTES / 3) * 4),
    size: z.number().int().min(0),
    truncated: z.boolean(),
  })
  .strict();
export type TailRecordView = z.infer<typeof tailRecordViewSchema>;

/** One poll round of a tail: its records merged by arrival time, and its state. */
export interface TailEvent {
  tailId: string;
  records: TailRecordView[];
  state: TailState;
  /** The latest read failure; with state 'failed' the tail has stopped for it. */
  error?: Pick<SendFailure, 'name' | 'message' | 'hint' | 'hintCode'>;
}

export interface SandboxStream {
  name: string;
  shardCount: number;
  status: string;
}

export interface SandboxStatus {
  running: boolean;
  endpoint: string | null;
  streams: SandboxStream[];
}

/** Something main needs the user to know; the renderer words it by `code` (with `reason`), `message` is the English fallback. */
export interface Notice {
  code:
    | 'STORE_MOVED_ASIDE'
    | 'HISTORY_LINES_SKIPPED'
    | 'HISTORY_WRITE_FAILED'
    | 'HISTORY_READ_FAILED'
    | 'HISTORY_COMPACT_FAILED'
    | 'HISTORY_UNUSABLE'
    | 'PROFILES_UNUSABLE'
    | 'PROFILES_WRITE_FAILED'
    | 'RUNS_FOLDER_UNUSABLE'
    | 'SAVED_NOT_MIGRATED'
    | 'WORKSPACE_MISSING'
    | 'WORKSPACE_UNUSABLE';
  message: string;
  /** The file or folder concerned. */
  path?: string;
  /** What the system answered (EISDIR, ELOOP, EACCES, ENOSPC, ...), for the text. */
  reason?: string;
}

/** How much history is kept; null means no limit of that kind. Both limits apply when both are set. */
export const historyRetentionSchema = z
  .object({
    keepLast: z.number().int().min(1).max(RETENTION_MAX.keepLast).nullable(),
    keepDays: z.number().int().min(1).max(RETENTION_MAX.keepDays).nullable(),
  })
  .strict();
export type HistoryRetention = z.infer<typeof historyRetentionSchema>;

/** What a compaction did: entries dropped by retention, and the file's size before and after. */
export interface CompactionReport {
  total: number;
  removed: number;
  bytesBefore: number;
  bytesAfter: number;
}

export interface AppInfo {
  version: string;
  systemLocale: string;
  language: Language;
  /** Read back and compare every successful send at once. */
  verifySends: boolean;
  historyRetention: HistoryRetention;
  secretStorage: { backend: string; strong: boolean };
  notices: Notice[];
  theme: Theme;
}

// ---------- batches and load runs ----------

/** How each record of a batch gets its partition key. `row`: the key typed in the row itself. */
export const keyStrategySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('row') }),
  z.object({ type: z.literal('fixed'), value: z.string().max(4096) }),
  z.object({ type: z.literal('random') }),
  z.object({
    type: z.literal('sequential'),
    prefix: z.string().max(200).optional(),
    start: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  z.object({ type: z.literal('field'), path: z.string().trim().min(1).max(500) }),
  z.object({ type: z.literal('template'), template: z.string().min(1).max(4096) }),
]);
export type KeyStrategyInput = z.infer<typeof keyStrategySchema>;

/**
 * Where a batch's records come from: rows typed in the app, a file main has read (by its id; the
 * file's text never crosses to the renderer whole), or a payload template rendered per record.
 */
export const batchSourceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('rows'),
    rows: z
      .array(z.object({ partitionKey: z.string().max(4096), payload: z.string().max(MAX_PAYLOAD_CHARS) }).strict())
      .min(1)
      .max(10_000),
  }),
  z.object({
    type: z.literal('file'),
    fileId: id,
    format: z.enum(BATCH_FORMATS),
    /** CSV: the column holding the payload; null: the whole row as a JSON object. */
    csvPayloadColumn: z.string().max(500).nullable().optional(),
    /** CSV: numbers and true/false become JSON numbers and booleans. */
    csvTyped: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('template'),
    template: z.string().min(1).max(MAX_TEMPLATE_CHARS),
    locale: z.enum(TEMPLATE_LOCALES),
  }),
]);
export type BatchSource = z.infer<typeof batchSourceSchema>;

export const batchRequestSchema = z.object({
  profileId: id,
  target: targetSchema,
  source: batchSourceSchema,
  keys: keyStrategySchema,
  payloadMode: payloadSchema.shape.mode,
  /** Makes random keys and template values reproducible (preview = what is sent). */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});
export type BatchRequest = z.infer<typeof batchRequestSchema>;

/**
 * A template source sends `count` records and/or for `durationSec` (whichever ends first); rows and
 * files send each of their records once, and `count`/`durationSec` must be absent.
 */
export const runPlanSchema = z
  .object({
    count: z.number().int().min(1).max(100_000_000).optional(),
    durationSec: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600)
      .optional(),
    /** Records per second, retries included; null: as fast as the service accepts. */
    ratePerSec: z.number().int().min(1).max(1_000_000).nullable(),
    concurrency: z.number().int().min(1).max(64),
    maxAttemptsPerRecord: z.number().int().min(1).max(100),
    /**
     * A PutRecords call without an answer (timeout, reset) may have been stored. 'resend' (the
     * default, at least once): send it again and report its records as possibly duplicated;
     * 'giveUp' (at most once): never send it again, its records end unknown.
     */
    unansweredCalls: z.enum(['resend', 'giveUp']).optional(),
    /** Pack user records into KPL aggregated records, one shard's records per aggregate (AWS targets only). */
    aggregate: z.boolean().optional(),
  })
  .strict();
export type RunPlan = z.infer<typeof runPlanSchema>;

/** A plan's number as a request keeps it: the number, or `{{env.NAME}}` set to one by the environment before the run. */
const envNumber = (n: z.ZodNumber) => z.union([n, z.string().regex(ENV_REFERENCE_ALONE, 'A number or {{env.NAME}}.')]);
const plan = runPlanSchema.shape;
/** A run plan as the app and request files give it; the environment makes it a RunPlan (numbers only) before the run. */
export const runPlanInputSchema = runPlanSchema.extend({
  count: envNumber(plan.count.unwrap()).optional(),
  durationSec: envNumber(plan.durationSec.unwrap()).optional(),
  ratePerSec: envNumber(plan.ratePerSec.unwrap()).nullable(),
  concurrency: envNumber(plan.concurrency),
  maxAttemptsPerRecord: envNumber(plan.maxAttemptsPerRecord),
});
export type RunPlanInput = z.infer<typeof runPlanInputSchema>;
export type UnansweredCalls = NonNullable<RunPlan['unansweredCalls']>;

/** A batch file main has read: what the batch composer shows of it. */
export interface BatchFileView {
  fileId: string;
  name: string;
  bytes: number;
  format: BatchFormat;
  /** CSV header. */
  columns: string[] | null;
  rows: number;
  /** The first 200 bad lines, each with what is wrong as a reason; `errorCount` counts them all. */
  errors: ({ line: number } & ReasonWithParams)[];
  errorCount: number;
}

export interface BatchPreviewRecord {
  /** 0-based position in the batch. */
  index: number;
  /** The source line (files) or row number (rows), 1-based; null for templates. */
  line: number | null;
  partitionKey: string;
  /** The payload as text for display (hex for binary). */
  payload: string;
  bytes: number;
  /** The shard the key lands on, when the stream's shards could be read. */
  shardId: string | null;
}

/** What is wrong, as a reason with its parameters the renderer words; `message` is the English, for logs. */
export type BatchProblem = ReasonWithParams & {
  message: string;
  /** The source line or row (1-based), for file and row problems. */
  line?: number;
  /** 0-based record index, for a template record that rendered badly. */
  index?: number;
  /** Position inside the template (1-based), for template errors. */
  templateLine?: number;
  templateColumn?: number;
  /** Which input is at fault: 'source.template', 'keys.template', 'keys.path', 'source.rows'... */
  field?: string;
};

export interface BatchPreview {
  records: BatchPreviewRecord[];
  problems: BatchProblem[];
  /** Problems in all, when more were found than listed. */
  problemCount: number;
  /** Records the batch holds (rows, files); null for templates (the plan decides). */
  total: number | null;
  /** Records per shard over the first (up to) 10,000 records; null when the shards are unknown. */
  spread: { shardId: string; count: number }[] | null;
  /** How many records `spread` counted. */
  spreadOf: number;
}

export type RunState = 'running' | 'paused' | 'cancelling' | 'done' | 'cancelled' | 'failed';

export interface RatePoint {
  /** Whole seconds since the run started. */
  second: number;
  acknowledged: number;
}

/** A run's live figures; arrives at most 10 times a second as a `run` event. */
export interface RunProgress {
  state: RunState;
  /** Records in the run when known in advance (count runs), else null. */
  total: number | null;
  /** Distinct records put in a call at least once. */
  sent: number;
  acknowledged: number;
  failed: number;
  /** Rejected records waiting out their backoff. */
  retrying: number;
  /** Records in calls that have not answered yet. */
  inFlight: number;
  /** PutRecords calls answered so far (any outcome). */
  calls: number;
  /** Entries the service throttled so far, counting every attempt. */
  throttled: number;
  /** Acknowledged records per second over the last second. */
  currentRate: number;
  /** The send rate the engine holds to now (the user's rate or what throttling taught it); null: unlimited. */
  sendRateLimit: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /** Acknowledged records per whole second since the start, the last 300 seconds. */
  ratePerSecond: RatePoint[];
  /** Time running, pauses excluded. */
  elapsedMs: number;
  /** null when unknown (no rate yet, paused, or finished). */
  etaMs: number | null;
}

export const failedRecordViewSchema = z.object({
  index: z.number().int(),
  partitionKey: z.string(),
  errorCode: z.string(),
  errorMessage: z.string(),
  attempts: z.number().int(),
  /** Given up after a call without an answer (at most once): it may or may not be stored. */
  unknown: z.literal(true).optional(),
});
export type FailedRecordView = z.infer<typeof failedRecordViewSchema>;

/**
 * The fate of every record of a finished (or cancelled) run. In history a run is `running` from
 * its start, and `interrupted` when the app stopped during it: its figures then come from its
 * journal (the results file), and `unknown` counts records that may or may not have been stored.
 */
export const runReportViewSchema = z.object({
  state: z.enum(['running', 'interrupted', 'done', 'cancelled', 'failed']),
  /** Records in the run: the count (also when cancelled or stopped), or those made before the duration ran out. */
  total: z.number().int(),
  sent: z.number().int(),
  acknowledged: z.number().int(),
  failed: z.number().int(),
  /** Records never put in a call (cancelled or stopped before their turn). */
  notSent: z.number().int(),
  /**
   * Records of unknown fate, stored or not: given up after a call without an answer (at most
   * once), or whose call was under way when the app stopped. Absent: none.
   */
  unknown: z.number().int().optional(),
  calls: z.number().int(),
  throttled: z.number().int(),
  acknowledgedPerShard: z.array(z.object({ shardId: z.string(), count: z.number().int() })),
  /** The first 1,000 failed and unknown records; `failed` and `unknown` count them all. */
  failures: z.array(failedRecordViewSchema),
  /** Acknowledged records that were sent again after a call without an answer: each may be stored twice. Absent in entries written before it existed. */
  possibleDuplicates: z.number().int().optional(),
  /** The first 1,000 of them. */
  possibleDuplicateList: z.array(z.object({ index: z.number().int(), partitionKey: z.string() })).optional(),
  /** Why the run stopped early on its own: an error every further call would meet too (bad key, unknown stream, no endpoint). */
  stopError: sendFailureSchema.nullable(),
  durationMs: z.number(),
  startedAt: z.string(),
  /** Per-record results (JSON Lines) beside the history. */
  resultsFile: z.string().nullable(),
  /** Set when the results file could not be written completely. */
  resultsFileError: z.string().nullable(),
  /** The run's history entry. */
  historyId: z.string().nullable(),
  /** p95 of the PutRecords calls' latency; absent in entries written before it was kept, null: no call answered. */
  latencyP95Ms: z.number().nullable().optional(),
  /** Entries put in calls, every retry counted (what `throttled` is a share of); absent in older entries. */
  attempts: z.number().int().optional(),
  /** A KPL-aggregated run: the Kinesis records its acknowledged user records went in (every other figure counts user records). Absent: not aggregated. */
  kinesisRecords: z.number().int().optional(),
});
export type RunReportView = z.infer<typeof runReportViewSchema>;

// ---------- assertions: send, then verify ----------

/**
 * What a request checks after it is sent or run. `delivered`: every record acknowledged;
 * `readBackEqual`: records read back from their shards have the bytes sent (a run checks up to
 * `sample` of them, spread over the run); `jsonField`: a JSONPath into the stored record's JSON
 * equals / matches (a regular expression) / exists; `latencyP95`: the p95 latency of the calls is
 * under `maxMs`; `throttledPercent`: throttled attempts under `maxPercent` of all attempts;
 * `noDuplicates`: no record possibly stored twice.
 */
export const assertionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('delivered') }).strict(),
  z.object({ type: z.literal('readBackEqual'), sample: z.number().int().min(1).max(10_000).optional() }).strict(),
  z
    .object({
      type: z.literal('jsonField'),
      path: z.string().trim().min(1).max(500),
      op: z.enum(['equals', 'matches', 'exists']),
      /** equals: the field's JSON text or string value; matches: a regular expression. Absent for exists. */
      value: z.string().max(4096).optional(),
    })
    .strict(),
  z.object({ type: z.literal('latencyP95'), maxMs: z.number().positive().max(3_600_000) }).strict(),
  z.object({ type: z.literal('throttledPercent'), maxPercent: z.number().min(0).max(100) }).strict(),
  z.object({ type: z.literal('noDuplicates') }).strict(),
]);
export type Assertion = z.infer<typeof assertionSchema>;
export const assertionsSchema = z.array(assertionSchema).max(50);

export const ASSERTION_STATUSES = ['passed', 'failed', 'notChecked'] as const;
export type AssertionStatus = (typeof ASSERTION_STATUSES)[number];

/**
 * What one assertion found. `reason` with `params` says what was found in words the renderer puts
 * in the UI language ("$.id is 2, expected 1", "p95 812 ms, limit 500 ms"); `actual` is the figure
 * or value itself, for reports. `notChecked`: it could not be decided (read-back timed out or was
 * refused, a path with a script): not a pass.
 */
export const assertionResultSchema = z.object({
  assertion: assertionSchema,
  status: z.enum(ASSERTION_STATUSES),
  reason: z.enum(REASON_NAMES as [Reason, ...Reason[]]),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  actual: z.string().max(4096).optional(),
});
/** The reason's parameters typed by the reason (the schema can only check their kinds). */
export type AssertionResult = Omit<z.infer<typeof assertionResultSchema>, 'reason' | 'params'> & ReasonWithParams;

// ---------- decoded records ----------

export const decodeLayerSchema = z.enum(DECODE_LAYERS);
export type DecodeLayer = z.infer<typeof decodeLayerSchema>;

/** What the last layer shows: pretty JSON, UTF-8 text or a hex dump, cut at a limit (`bytes` is the whole). */
export const decodedViewSchema = z
  .object({
    kind: z.enum(['json', 'text', 'hex'] as const satisfies readonly DecodeLayer[]),
    text: z.string(),
    truncated: z.boolean(),
    bytes: z.number().int().min(0),
  })
  .strict();
export type DecodedView = z.infer<typeof decodedViewSchema>;

const decodeProblemSchema = z.object({
  reason: z.enum(['decodeLayerFailed', 'decodedTooLarge', 'decodeTooManyLayers'] as const satisfies readonly Reason[]),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** A part of a split record: a user record (label: its partition key, detail: its explicit hash key) or a log event (its id and time). */
export const decodedPartSchema = z
  .object({
    label: z.string(),
    detail: z.string().nullable(),
    layers: z.array(decodeLayerSchema),
    view: decodedViewSchema,
    problem: decodeProblemSchema.nullable(),
  })
  .strict();
export type DecodedPart = z.infer<typeof decodedPartSchema>;

/**
 * A record as its layers show it. `problem`: a layer that could not apply (a pinned chain that no
 * longer fits, a corrupt gzip, a size over the limit); what the layers before it made is shown as hex.
 */
export const decodedRecordSchema = z
  .object({
    layers: z.array(decodeLayerSchema),
    view: decodedViewSchema.nullable(),
    parts: z.array(decodedPartSchema).nullable(),
    /** How many parts the record holds; `parts` lists the first ones only. */
    partsTotal: z.number().int().min(0),
    /** cloudwatchLogs: the envelope's owner, logGroup, logStream and messageType. */
    envelope: z.record(z.string(), z.string()).nullable(),
    problem: decodeProblemSchema.nullable(),
  })
  .strict();
export type DecodedRecord = z.infer<typeof decodedRecordSchema>;

// ---------- tail filters ----------

const tailFilterExpression = z.string().max(FILTER_LIMITS.chars * 2);
const tailFilterName = z.string().trim().min(1).max(FILTER_LIMITS.name);
/** A filter saved for a stream: its name and its CEL expression. */
export const tailFilterSchema = z
  .object({ name: tailFilterName, expression: z.string().trim().min(1).max(FILTER_LIMITS.chars) })
  .strict();
export type TailFilter = z.infer<typeof tailFilterSchema>;
/** Saved filters are kept per connection and stream. */
const tailFilterPlace = z.object({ profileId: id, target: targetSchema }).strict();
/** Which stream a pinned chain is for: a connection and the StreamName it sends to. */
export const decodePinKeySchema = z.object({ profileId: id, streamName: z.string().trim().min(1).max(1024) }).strict();
export type DecodePinKey = z.infer<typeof decodePinKeySchema>;
/** The chain pinned for a stream; null: none, the bytes say what they are. */
export interface DecodePin {
  layers: DecodeLayer[] | null;
}

// ---------- history entries ----------

export const runHistorySchema = z.object({
  runId,
  request: batchRequestSchema,
  /** The file name, for a file source (its rows are not kept in history). */
  sourceLabel: z.string(),
  plan: runPlanSchema,
  /** With at most 100 failures; the results file has every record. */
  report: runReportViewSchema,
  /** A replay's run: where its records came from (`request` then stands for its target). Declared with the replay shapes below. */
  replay: z.lazy(() => replayHistorySchema).optional(),
});
export type RunHistory = z.infer<typeof runHistorySchema>;

/**
 * One send or one load run as the history keeps it. The one definition of the shape: the type is
 * derived from it, and export and import check entries against it, so nothing an entry holds is
 * dropped on the way out or in.
 */
export const historyEntrySchema = z.object({
  id,
  time: z.iso.datetime({ offset: true }),
  profile: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(PROFILE_KINDS),
    endpoint: z.string(),
    region: z.string(),
  }),
  streamName: z.string(),
  target: targetSchema,
  partitionKey: z.string(),
  explicitHashKey: z.string().optional(),
  payload: z.object({
    mode: payloadSchema.shape.mode,
    text: z.string(),
    size: z.number().int().min(0),
    truncated: z.boolean(),
  }),
  result: sendResultSchema,
  latencyMs: z.number(),
  /**
   * Set for a load run (one entry per run): the batch as composed and the fate of its records.
   * `partitionKey` then describes the key strategy, `payload` holds the template or the first
   * record, and `result` is ok only when every record was acknowledged.
   */
  run: runHistorySchema.optional(),
  /** What the request's assertions found when it was checked after the send or run (checkAssertions). */
  assertionResults: z.array(assertionResultSchema).max(50).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** One row of the template help: the expression, an example to insert, what it does, what it gives. */
export interface TemplateHelpEntry {
  expr: string;
  example: string;
  en: string;
  ru: string;
  output: string;
}

export interface RunEvent {
  runId: string;
  progress: RunProgress;
  /** Present once, with the final progress. */
  report?: RunReportView;
}

// ---------- saved requests ----------

// The batch sources a saved request keeps: rows and templates whole; a file only by its name (the
// user opens it again), since its text is not the app's to keep.
const [savedRowsSource, fileSource, savedTemplateSource] = batchSourceSchema.options;
export const savedBatchSourceSchema = z.discriminatedUnion('type', [
  savedRowsSource,
  savedTemplateSource,
  z
    .object({
      type: fileSource.shape.type,
      fileName: z.string().min(1).max(500),
      ...fileSource.omit({ type: true, fileId: true }).shape,
    })
    .strict(),
]);
export type SavedBatchSource = z.infer<typeof savedBatchSourceSchema>;

/**
 * A composed request as saved: no profile in it (see SavedRequestView.profile), never a credential.
 * Its fields are the request's own (composedRequestSchema, batchRequestSchema), so a field added
 * there is saved too; a batch keeps its plan, and its file by name.
 */
export const savedRequestBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single'), ...composedRequestSchema.omit({ profileId: true }).shape }).strict(),
  z
    .object({
      kind: z.literal('batch'),
      ...batchRequestSchema.omit({ profileId: true }).shape,
      source: savedBatchSourceSchema,
      plan: runPlanInputSchema,
    })
    .strict(),
]);
export type SavedRequestBody = z.infer<typeof savedRequestBodySchema>;

const savedName = z.string().trim().min(1).max(200);
/** A saved request's id is its path in the workspace (`orders/big-load.request.yaml`); a folder's, its name. */
const savedId = z.string().min(1).max(1024);

export const savedFolderSchema = z.object({ id: savedId, name: savedName }).strict();
export type SavedFolder = z.infer<typeof savedFolderSchema>;

/** A saved request as the saved-requests file and its exports keep it. */
export const savedRequestSchema = z
  .object({
    id: savedId,
    name: savedName,
    /** null: at the root. */
    folderId: savedId.nullable(),
    /**
     * The connection it runs with, by name (and id, in exports of earlier versions); absent: the
     * current one. A workspace file keeps only the name.
     */
    profile: z
      .object({ id: id.optional(), name: z.string().min(1).max(200) })
      .strict()
      .optional(),
    request: savedRequestBodySchema,
    /** Checked after each send or run of the request. */
    assertions: assertionsSchema.optional(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type SavedRequest = z.infer<typeof savedRequestSchema>;

export type SavedRequestView = Omit<SavedRequest, 'createdAt'> & {
  /** The profile it runs with here: the same id, else the same name; null: none matches, use the current one. */
  profileId: string | null;
};

/** The workspace the saved requests are in: its folder, its name, and the files that could not be used. */
export interface WorkspaceView {
  path: string;
  name: string;
  problems: WorkspaceProblem[];
}

/** The workspace changed: its saved requests or environments on disk (an edit outside the app, a `git pull`), or another folder opened. */
export interface SavedEvent {
  workspace: string;
}

export interface SavedList {
  folders: SavedFolder[];
  requests: SavedRequestView[];
}

/** Saved requests whose id changed (an id is the file's path, so a move or a folder's rename changes it): old id → new id. */
export type MovedIds = Record<string, string>;

/** The list after a change that can move requests, and the ids it changed, for whoever holds the old ones. */
export interface SavedMoves {
  list: SavedList;
  moved: MovedIds;
}

// ---------- workspace ----------

/** A file of the workspace that could not be used: its path (relative), why, and what to fix. */
export type WorkspaceProblem = { path: string; message: string } & ReasonWithParams;

// ---------- environments ----------

const environmentName = z.string().regex(ENVIRONMENT_NAME);
/** An environment's variables: NAME → text, never a secret (the files are shared). */
export const environmentVariablesSchema = z.record(
  z.string().regex(ENV_VARIABLE_NAME),
  z.string().max(ENV_LIMITS.valueChars),
);

export interface EnvironmentView {
  name: string;
  variables: Record<string, string>;
}

export interface EnvironmentsView {
  environments: EnvironmentView[];
  /** The selected environment's name; null: none (or the selected one is gone). */
  selected: string | null;
  /**
   * The selected environment's name when this workspace has no such file (deleted or renamed outside
   * the app, another workspace opened): `{{env.NAME}}` take nothing until it is back or another is picked.
   */
  gone: string | null;
  /** Environment files that could not be used, each with what to fix. */
  problems: WorkspaceProblem[];
}

// ---------- errors cross the boundary as data ----------

/** One input field at fault, for the form to mark; `message` is the English. */
export type FieldError = { path: string; message: string } & ReasonWithParams;

/**
 * The renderer words `reason` with `params` in the UI language (`reason.<name>`, `hints.<hintCode>`);
 * `message` and `hint` are main's English. Only an error the renderer makes itself has no reason:
 * its message is already in the UI language.
 */
export type AppError = {
  code: ErrorCode;
  message: string;
  hint?: string;
  hintCode?: HintCode;
  /** Which input fields are wrong, for the form to mark. */
  fields?: FieldError[];
} & (ReasonWithParams | { reason?: undefined; params?: undefined });

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

// ---------- the operations ----------

const empty = z.object({}).strict();

/** Names an operation's output type; only the type checker reads it. */
const returns = <T>(): T => ({}) as T;

// ---------- replay ----------

const sequenceNumberInput = z.string().regex(/^\d{1,128}$/, 'a sequence number is a decimal number');

/** Which records of the source stream a replay sends: records the tail shows, one shard's range, or a time window of every shard. */
export const replaySelectionSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('records'),
      records: z
        .array(z.object({ shardId: z.string().min(1).max(200), sequenceNumber: sequenceNumberInput }).strict())
        .min(1)
        .max(10_000),
    })
    .strict(),
  /** From `from` to `to` (both included); `to` null: to the shard's last record now. */
  z
    .object({
      type: z.literal('range'),
      shardId: z.string().min(1).max(200),
      from: sequenceNumberInput,
      to: sequenceNumberInput.nullable(),
    })
    .strict(),
  /** Records that arrived from `from` (included) to `to` (excluded), every shard. */
  z
    .object({ type: z.literal('window'), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
    .strict()
    .refine((w) => Date.parse(w.from) < Date.parse(w.to), {
      path: ['to'],
      message: 'the window ends before it starts',
    }),
]);
export type ReplaySelection = z.infer<typeof replaySelectionSchema>;

/**
 * A replay: records of one stream sent to another (any connection) by a load run. Keys `row`: each
 * record keeps its own key. The transform, if any, makes each record's payload from its fields.
 */
export const replayRequestSchema = z
  .object({
    from: z.object({ profileId: id, target: targetSchema }).strict(),
    select: replaySelectionSchema,
    profileId: id,
    target: targetSchema,
    keys: keyStrategySchema,
    transform: z
      .object({
        template: z.string().min(1).max(MAX_TEMPLATE_CHARS),
        mode: z.enum(['json', 'text']),
      })
      .strict()
      .nullable(),
    plan: runPlanSchema.omit({ count: true, durationSec: true }),
  })
  .strict();
export type ReplayRequest = z.infer<typeof replayRequestSchema>;

/**
 * A replay as its history entry describes it. Records picked in the tail are only counted: up to
 * 10,000 addresses stay in the run's source file, which getReplayRequest reads for "Replay again".
 */
export const replayHistorySchema = z
  .object({
    from: z.object({ profileId: id, streamName: z.string() }).strict(),
    select: z.discriminatedUnion('type', [
      z.object({ type: z.literal('records'), count: z.number().int().min(1) }).strict(),
      replaySelectionSchema.options[1],
      replaySelectionSchema.options[2],
    ]),
  })
  .strict();
export type ReplayHistory = z.infer<typeof replayHistorySchema>;

export const operations = {
  getAppInfo: { input: empty, output: returns<AppInfo>() },
  setLanguage: { input: z.object({ language: z.enum(LANGUAGES) }).strict(), output: returns<AppInfo>() },
  setVerifySends: { input: z.object({ on: z.boolean() }).strict(), output: returns<AppInfo>() },

  listProfiles: { input: empty, output: returns<{ profiles: ProfileView[]; lastUsedId: string | null }>() },
  saveProfile: { input: profileInputSchema.strict(), output: returns<ProfileView>() },
  duplicateProfile: { input: z.object({ id }).strict(), output: returns<ProfileView>() },
  deleteProfile: { input: z.object({ id }).strict(), output: returns<{ lastUsedId: string | null }>() },
  selectProfile: { input: z.object({ id }).strict(), output: returns<{ lastUsedId: string }>() },

  sendRecord: {
    input: composedRequestSchema.extend({ requestId: id }).strict(),
    output: returns<SendOutcome>(),
  },
  cancelSend: { input: z.object({ requestId: id }).strict(), output: returns<{ cancelled: boolean }>() },

  listHistory: {
    input: historyFilterSchema.extend({
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    output: returns<HistoryPage>(),
  },
  getHistoryEntry: { input: z.object({ id }).strict(), output: returns<HistoryEntry>() },
  deleteHistoryEntry: { input: z.object({ id }).strict(), output: returns<{ total: number }>() },
  clearHistory: { input: empty, output: returns<{ total: number }>() },
  /** Writes the picked entries (or every one the filter lets through) to a file the user chooses. */
  exportHistory: {
    input: z
      .object({
        format: z.enum(HISTORY_EXPORT_FORMATS),
        filter: historyFilterSchema.optional(),
        ids: z.array(id).max(1_000_000).optional(),
      })
      .strict(),
    output: returns<{ path: string | null; count: number }>(),
  },
  /** Saves the retention limits and applies them at once (the file is compacted). */
  setHistoryRetention: {
    input: historyRetentionSchema,
    output: returns<CompactionReport & { retention: HistoryRetention }>(),
  },
  /** Rewrites the history file without deleted entries and beyond-retention ones. */
  compactHistory: { input: empty, output: returns<CompactionReport>() },
  /** Adds the entries of an exported file the user chooses; a malformed file changes nothing. */
  importHistory: {
    input: empty,
    output: returns<{ path: string | null; imported: number; skipped: number; total: number }>(),
  },

  getSandboxStatus: { input: empty, output: returns<SandboxStatus>() },
  /**
   * Creates a stream on the profile's target and waits up to 30 s for it to become ACTIVE; the
   * status reached is answered. `sandbox` is the sandbox's new status when the target is the sandbox.
   */
  createStream: {
    input: z
      .object({
        profileId: id,
        target: targetSchema,
        shardCount: z.number().int().min(1).max(200),
        /** MaxRecordSizeInKiB of an AWS stream raised to large records (1 MiB to 10 MiB); absent: 1 MiB. */
        maxRecordSizeKiB: z
          .number()
          .int()
          .min(LIMITS.aws.maxRecordBytes / 1024)
          .max(LIMITS.aws.largestRecordBytes / 1024)
          .optional(),
      })
      .strict(),
    output: returns<{ streamName: string; status: string; sandbox: SandboxStatus | null }>(),
  },

  generateCode: {
    input: z
      .object({
        language: z.enum(CODE_LANGUAGES),
        source: z.discriminatedUnion('type', [
          z.object({ type: z.literal('composed'), request: composedRequestSchema }),
          z.object({ type: z.literal('history'), historyId: id }),
        ]),
      })
      .strict(),
    /**
     * otherProfile: the history entry's profile is not one of the user's (imported, or deleted), so the code uses this one.
     * sandboxKey: the code carries the local sandbox's key of this start (it opens only the sandbox, and changes at each start).
     */
    output: returns<{ code: string; otherProfile: { name: string } | null; sandboxKey: boolean }>(),
  },

  openExternal: { input: z.object({ url: shortText }).strict(), output: returns<{ opened: boolean }>() },

  /**
   * The stream's open shards, for the shard preview, and the largest record it takes in bytes (its
   * MaxRecordSizeInKiB), for the size meter; null where the stream or endpoint does not say (YDS
   * always): its family's limit applies, and the meter names the family, not the stream.
   */
  describeStream: {
    input: z.object({ profileId: id, target: targetSchema }).strict(),
    output: returns<{ streamName: string; shards: ShardRange[]; maxRecordBytes: number | null }>(),
  },
  /** The profile's streams; on YDS narrowed to the paths under the cloud and database given (or the profile's). */
  listStreams: {
    input: z
      .object({
        profileId: id,
        cloudId: z.string().trim().max(200).optional(),
        databaseId: z.string().trim().max(200).optional(),
      })
      .strict(),
    /** `summaryFromDescribeStream`: the connection lacks DescribeStreamSummary, so DescribeStream gave the figures. */
    output: returns<{ streams: StreamSummaryView[]; summaryFromDescribeStream: boolean }>(),
  },
  /** Every shard of the stream, closed ones too, with hash key and sequence number ranges. */
  describeStreamDetails: {
    input: z.object({ profileId: id, target: targetSchema }).strict(),
    /** `shardsFromDescribeStream`: the connection lacks ListShards, so DescribeStream listed them. */
    output: returns<{ streamName: string; shards: StreamShardView[]; shardsFromDescribeStream: boolean }>(),
  },
  /** Reads back the record a successful history entry sent, and compares its bytes with the sent ones. */
  readBack: { input: z.object({ historyId: id }).strict(), output: returns<ReadBackOutcome>() },
  /** Follows the stream live; its records and state arrive as `tail` events. */
  startTail: {
    input: z
      .object({
        profileId: id,
        target: targetSchema,
        from: z.enum(TAIL_STARTS),
        timestamp: z.iso.datetime({ offset: true }).optional(),
      })
      .strict()
      .refine((i) => i.from !== 'AT_TIMESTAMP' || i.timestamp !== undefined, {
        path: ['timestamp'],
        message: 'A start time is needed to read from a point in time',
      }),
    /** `shardsFromDescribeStream`: the connection lacks ListShards, so DescribeStream listed the shards read. */
    output: returns<{ tailId: string; streamName: string; shards: number; shardsFromDescribeStream: boolean }>(),
  },
  /** Paused: no reads at all until resumed. */
  setTailPaused: {
    input: z.object({ tailId: id, paused: z.boolean() }).strict(),
    output: returns<{ state: TailState }>(),
  },
  stopTail: { input: z.object({ tailId: id }).strict(), output: returns<{ stopped: boolean }>() },
  /** The template help panel: every expression with its description (en and ru) and a sample output in `locale`. */
  getTemplateHelp: {
    input: z.object({ locale: z.enum(TEMPLATE_LOCALES) }).strict(),
    output: returns<{ entries: TemplateHelpEntry[] }>(),
  },
  /** Reads a batch file the user picks in the open dialog; null when the dialog was cancelled. */
  openBatchFile: { input: empty, output: returns<BatchFileView | null>() },
  /** A file dropped on the window, read by the renderer. */
  loadBatchText: {
    input: z.object({ name: z.string().min(1).max(500), text: z.string().max(FILE_LIMITS.batchFileBytes) }).strict(),
    output: returns<BatchFileView>(),
  },
  /** Reads a loaded file again with another format or CSV options. */
  parseBatchFile: {
    input: z
      .object({
        fileId: id,
        format: z.enum(BATCH_FORMATS),
        csvPayloadColumn: z.string().max(500).nullable().optional(),
        csvTyped: z.boolean().optional(),
      })
      .strict(),
    output: returns<BatchFileView>(),
  },
  /** The first `count` records the batch would send, its problems and its spread over the shards. */
  previewBatch: {
    input: batchRequestSchema.extend({ count: z.number().int().min(1).max(100) }).strict(),
    output: returns<BatchPreview>(),
  },
  /** Starts a load run; its progress arrives as `run` events. */
  startRun: {
    input: batchRequestSchema.extend({ plan: runPlanInputSchema }).strict(),
    output: returns<{ runId: string; total: number | null }>(),
  },
  pauseRun: { input: z.object({ runId }).strict(), output: returns<{ state: RunState }>() },
  resumeRun: { input: z.object({ runId }).strict(), output: returns<{ state: RunState }>() },
  cancelRun: { input: z.object({ runId }).strict(), output: returns<{ state: RunState }>() },
  /** The run's progress now, and its report once it has ended. */
  getRun: { input: z.object({ runId }).strict(), output: returns<RunEvent>() },
  /** Writes the records a run did not deliver (failed or unknown, then never sent) as NDJSON to a file the user picks; each line says which. */
  exportUndelivered: { input: z.object({ runId }).strict(), output: returns<{ path: string | null; count: number }>() },
  /** Writes the acknowledged records that were sent again after a call without an answer (each may be stored twice) as NDJSON. */
  exportPossibleDuplicates: {
    input: z.object({ runId }).strict(),
    output: returns<{ path: string | null; count: number }>(),
  },
  /** Starts a new run of exactly the records a run did not deliver. */
  resendUndelivered: {
    input: z.object({ runId, plan: runPlanSchema.omit({ count: true, durationSec: true }) }).strict(),
    output: returns<{ runId: string; total: number }>(),
  },
  listSaved: { input: empty, output: returns<SavedList>() },
  /** Creates (no id) or replaces a saved request. */
  saveRequest: {
    input: z
      .object({
        id: savedId.optional(),
        name: savedName,
        folderId: savedId.nullable(),
        profileId: id,
        request: savedRequestBodySchema,
        assertions: assertionsSchema.optional(),
      })
      .strict(),
    output: returns<{ saved: SavedRequestView; list: SavedList }>(),
  },
  /** Renames and/or moves a saved request. */
  updateSaved: {
    input: z.object({ id: savedId, name: savedName.optional(), folderId: savedId.nullable().optional() }).strict(),
    output: returns<SavedMoves>(),
  },
  deleteSaved: { input: z.object({ id: savedId }).strict(), output: returns<SavedList>() },
  createFolder: {
    input: z.object({ name: savedName }).strict(),
    output: returns<{ folder: SavedFolder; list: SavedList }>(),
  },
  renameFolder: { input: z.object({ id: savedId, name: savedName }).strict(), output: returns<SavedMoves>() },
  /** Deletes a folder; its requests move to the root (`moved` gives their new ids), none is deleted with it. */
  deleteFolder: { input: z.object({ id: savedId }).strict(), output: returns<SavedMoves>() },
  /** Writes the given saved requests (all when no ids) and their folders to a file the user picks. */
  exportSaved: {
    input: z.object({ ids: z.array(savedId).max(100_000).optional() }).strict(),
    output: returns<{ path: string | null; count: number }>(),
  },
  /** Adds the saved requests of a file the user picks; a malformed file changes nothing. */
  importSaved: {
    input: empty,
    output: returns<{ path: string | null; imported: number; renamed: number; list: SavedList }>(),
  },
  setTheme: { input: z.object({ theme: z.enum(THEMES) }).strict(), output: returns<AppInfo>() },
  getWorkspace: { input: empty, output: returns<WorkspaceView>() },
  /**
   * Opens a folder the user picks (or `path`, one a previous answer named) as the workspace. A
   * folder without stream-composer.yaml is not opened but named in `unmarked`, to ask the user;
   * `makeWorkspace` then writes the file and opens it.
   */
  openWorkspace: {
    input: z.object({ path: z.string().min(1).max(4096).optional(), makeWorkspace: z.boolean().optional() }).strict(),
    output: returns<{ workspace: WorkspaceView | null; unmarked: string | null; list: SavedList }>(),
  },
  /** Makes an empty folder the user picks a workspace and opens it. */
  newWorkspace: { input: empty, output: returns<{ workspace: WorkspaceView | null; list: SavedList }>() },
  /**
   * Checks assertions against a send or an ended run of history (reading records back with the
   * entry's connection); the results are kept with the entry.
   */
  checkAssertions: {
    input: z.object({ historyId: id, assertions: assertionsSchema.min(1) }).strict(),
    output: returns<{ results: AssertionResult[] }>(),
  },
  /** The workspace's environments and the selected one (re-read from the folder). */
  listEnvironments: { input: empty, output: returns<EnvironmentsView>() },
  /** Writes environments/<name>.yaml; with `previousName` it renames that one (the selection follows). */
  saveEnvironment: {
    input: z
      .object({
        name: environmentName,
        variables: environmentVariablesSchema,
        previousName: environmentName.optional(),
      })
      .strict(),
    output: returns<EnvironmentsView>(),
  },
  deleteEnvironment: { input: z.object({ name: environmentName }).strict(), output: returns<EnvironmentsView>() },
  /** The environment whose variables `{{env.NAME}}` take; null: none. Kept in the app's settings. */
  selectEnvironment: {
    input: z.object({ name: environmentName.nullable() }).strict(),
    output: returns<EnvironmentsView>(),
  },
  /** A record's bytes through its layers: `layers` first (the chain pinned for its stream), then the ones the bytes announce. */
  decodeRecord: {
    input: z
      .object({
        // A 10 MiB record, the largest a stream can hold, in base64.
        dataBase64: z.string().max(Math.ceil((10 * 1024 * 1024) / 3) * 4),
        layers: z.array(decodeLayerSchema).max(DECODE_LAYERS.length * 2),
      })
      .strict(),
    output: returns<DecodedRecord>(),
  },
  /** Compiles a tail filter (CEL): answers nothing when it can be used, else says where and why it fails. */
  checkTailFilter: {
    input: z.object({ expression: tailFilterExpression }).strict(),
    output: returns<{ valid: true }>(),
  },
  /** Which of the records the filter matches, in their order; a record it cannot read (a missing field) does not match. */
  matchTailRecords: {
    input: z
      .object({
        expression: tailFilterExpression,
        records: z.array(tailRecordViewSchema).max(FILTER_LIMITS.records),
      })
      .strict(),
    output: returns<{ matches: boolean[] }>(),
  },
  /** The filters saved for a stream of a connection. */
  listTailFilters: { input: tailFilterPlace, output: returns<{ filters: TailFilter[] }>() },
  /** Saves a filter for the stream; one of the same name is replaced. */
  saveTailFilter: {
    input: tailFilterPlace.extend({ filter: tailFilterSchema }).strict(),
    output: returns<{ filters: TailFilter[] }>(),
  },
  deleteTailFilter: {
    input: tailFilterPlace.extend({ name: tailFilterName }).strict(),
    output: returns<{ filters: TailFilter[] }>(),
  },
  /** Writes the records (the tail's, or those its filter matches) as NDJSON to a file the user picks. */
  exportTail: {
    input: z.object({ streamLabel: z.string().max(500), records: z.array(tailRecordViewSchema).max(100_000) }).strict(),
    output: returns<{ path: string | null; count: number }>(),
  },
  /** The decoding chain pinned for a connection's stream: every record of it is decoded through it first. */
  getDecodePin: {
    input: decodePinKeySchema,
    output: returns<DecodePin>(),
  },
  setDecodePin: {
    input: decodePinKeySchema
      .extend({
        layers: z
          .array(decodeLayerSchema)
          .min(1)
          .max(DECODE_LAYERS.length * 2),
      })
      .strict(),
    output: returns<DecodePin>(),
  },
  clearDecodePin: {
    input: decodePinKeySchema,
    output: returns<DecodePin>(),
  },
  /** The connection's last probe in this session, null when it was not checked (no call is made). */
  connectionCapabilities: {
    input: z.object({ profileId: id }).strict(),
    output: returns<ConnectionCapabilities | null>(),
  },
  /** Probes the connection now with harmless calls (ListStreams, ListShards, DescribeStreamSummary, ListStreamConsumers). */
  probeConnection: {
    input: z.object({ profileId: id }).strict(),
    output: returns<ConnectionCapabilities>(),
  },
  /** Starts a replay: a load run whose records are read from the source stream as it goes; progress arrives as `run` events. */
  startReplay: { input: replayRequestSchema, output: returns<{ runId: string; total: null }>() },
  /**
   * The stream's enhanced fan-out consumers; `offered` is false, with no consumers, when the
   * connection does not implement ListStreamConsumers (YDS, emulators): not a failure.
   */
  listStreamConsumers: {
    input: z.object({ profileId: id, target: targetSchema }).strict(),
    output: returns<{ streamName: string; offered: boolean; consumers: StreamConsumerView[] }>(),
  },
  /** The request a replay ran with (its run's source file), for "Replay again" from its history entry. */
  getReplayRequest: { input: z.object({ runId }).strict(), output: returns<ReplayRequest>() },
  // `satisfies` checks excess keys too: the map holds exactly the names in shared/names.ts.
} as const satisfies Record<OperationName, { input: z.ZodType; output: unknown }>;

export type Operations = typeof operations;
export type OperationInput<K extends OperationName> = z.input<Operations[K]['input']>;
export type OperationOutput<K extends OperationName> = Operations[K]['output'];

/** Main's implementation of some operations: each takes its validated input and answers its output. */
export type Implementations<K extends OperationName> = {
  [P in K]: (input: z.output<Operations[P]['input']>) => Promise<OperationOutput<P>> | OperationOutput<P>;
};

/**
 * What changed in the history since the last `history` event: the ids added, updated (a run's
 * entry as it ends) and removed, or `reset` when so much changed (clear, import, compaction) that
 * the list starts over. `total` is how many entries the history holds now.
 */
export type HistoryEvent =
  | { kind: 'changed'; added: string[]; updated: string[]; removed: string[]; total: number }
  | { kind: 'reset'; total: number };

/** What each event of shared/names.ts EVENT_NAMES carries. */
export interface EventPayloads {
  tail: TailEvent;
  run: RunEvent;
  history: HistoryEvent;
  saved: SavedEvent;
}

/** The subject an event is about (the tail, the run), or null for one about the whole app: a listener subscribes to one subject's channel. */
export type EventSubject<E extends EventName> = E extends SubjectEventName ? string : null;

/** The subject of an event main emits: the channel it goes out on is eventChannelOf(event, subject). */
export function eventSubjectOf<E extends EventName>(event: E, payload: EventPayloads[E]): EventSubject<E> {
  const subject =
    event === 'tail' ? (payload as TailEvent).tailId : event === 'run' ? (payload as RunEvent).runId : null;
  return subject as EventSubject<E>;
}

/** The API the preload exposes as `window.composer`: one method per operation, and `on` for events. */
export type ComposerApi = {
  [K in OperationName]: (input: OperationInput<K>) => Promise<Result<OperationOutput<K>>>;
} & {
  /** Subscribes to the events about one subject (a run's id, a tail's id; null for `history`); answers the unsubscribe. */
  on<E extends EventName>(
    event: E,
    subject: EventSubject<E>,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void;
};
