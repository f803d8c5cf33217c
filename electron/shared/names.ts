// The names the contract is made of, without its schemas: the preload and the renderer need the
// lists at run time, and importing them from contract.ts would bundle zod into both (the preload
// alone was 760 KB). contract.ts re-exports everything here and checks its operations against it.

export const PROFILE_KINDS = ['sandbox', 'yds', 'aws', 'custom'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export const CREDENTIAL_SOURCES = ['static', 'shared', 'env', 'none'] as const;
export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

export const LANGUAGES = ['system', 'en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** 'system' follows the OS (prefers-color-scheme). */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const CODE_LANGUAGES = ['python', 'cli', 'node'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

export const HISTORY_EXPORT_FORMATS = ['ndjson', 'json'] as const;
export type HistoryExportFormat = (typeof HISTORY_EXPORT_FORMATS)[number];

export const BATCH_FORMATS = ['ndjson', 'json', 'csv', 'lines'] as const;
export type BatchFormat = (typeof BATCH_FORMATS)[number];

export const TEMPLATE_LOCALES = ['en', 'ru'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

export const HISTORY_OUTCOMES = ['ok', 'failed', 'cancelled', 'running', 'interrupted'] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

export const OPERATION_NAMES = [
  'getAppInfo',
  'setLanguage',
  'setVerifySends',
  'listProfiles',
  'saveProfile',
  'duplicateProfile',
  'deleteProfile',
  'selectProfile',
  'sendRecord',
  'cancelSend',
  'listHistory',
  'getHistoryEntry',
  'deleteHistoryEntry',
  'clearHistory',
  'exportHistory',
  'importHistory',
  'setHistoryRetention',
  'compactHistory',
  'getSandboxStatus',
  'createStream',
  'generateCode',
  'describeStream',
  'listStreams',
  'describeStreamDetails',
  'readBack',
  'openExternal',
  'startTail',
  'setTailPaused',
  'stopTail',
  'getTemplateHelp',
  'openBatchFile',
  'loadBatchText',
  'parseBatchFile',
  'previewBatch',
  'startRun',
  'pauseRun',
  'resumeRun',
  'cancelRun',
  'getRun',
  'exportUndelivered',
  'exportPossibleDuplicates',
  'resendUndelivered',
  'listSaved',
  'saveRequest',
  'updateSaved',
  'deleteSaved',
  'createFolder',
  'renameFolder',
  'deleteFolder',
  'exportSaved',
  'importSaved',
  'setTheme',
  'getWorkspace',
  'openWorkspace',
  'newWorkspace',
  'checkAssertions',
  'listEnvironments',
  'saveEnvironment',
  'deleteEnvironment',
  'selectEnvironment',
  'decodeRecord',
  'checkTailFilter',
  'matchTailRecords',
  'listTailFilters',
  'saveTailFilter',
  'deleteTailFilter',
  'exportTail',
  'getDecodePin',
  'setDecodePin',
  'clearDecodePin',
  'connectionCapabilities',
  'probeConnection',
  'startReplay',
  'listStreamConsumers',
  'getReplayRequest',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/** The IPC channel of an operation; both sides derive it from here, never by hand. */
export const channelOf = (op: OperationName): string => `composer:${op}`;

/** Events main pushes to the renderer unasked (a tail's records, a load run's progress, a change to the history). */
export const EVENT_NAMES = ['tail', 'run', 'history', 'saved'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Events about one subject (a tail, a run): each subject has its own channel, so a listener hears only its own. */
export const SUBJECT_EVENT_NAMES = ['tail', 'run'] as const satisfies readonly EventName[];
export type SubjectEventName = (typeof SUBJECT_EVENT_NAMES)[number];
/** The longest subject id a channel is made for (ids are UUIDs). */
export const MAX_SUBJECT_LENGTH = 100;

/** The IPC channel an event arrives on (one per subject for SUBJECT_EVENT_NAMES); both sides derive it from here. */
export const eventChannelOf = (event: EventName, subject: string | null = null): string =>
  subject === null ? `composer-event:${event}` : `composer-event:${event}:${subject}`;

export const TAIL_STARTS = ['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP'] as const;
export type TailStart = (typeof TAIL_STARTS)[number];

/**
 * The steps that turn a record's bytes into something to read, in the order they apply. The last
 * shows the record (json, text, hex) or splits it into parts decoded in turn (kpl: the user records
 * the KPL packed; cloudwatchLogs: the log events of a subscription's envelope).
 */
export const DECODE_LAYERS = [
  'base64',
  'gzip',
  'zlib',
  'deflate',
  'zstd',
  'kpl',
  'cloudwatchLogs',
  'json',
  'text',
  'hex',
] as const;
/** What a connection probe asks about (electron/kinesis/probe.ts), in the order the editor lists them. */
export const CAPABILITIES = ['listShards', 'describeStreamSummary', 'consumers', 'largeRecords'] as const;
export type Capability = (typeof CAPABILITIES)[number];
