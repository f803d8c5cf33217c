// Why main refused or failed an operation, as data: a reason name with its parameters, which the
// renderer words in the UI language (`reason.<name>` in renderer/i18n) and main words in English for
// logs (electron/messages.ts). One list here, with the error code each reason answers and the type
// of each parameter, so `new ServiceError('profileNotFound', { id })` is checked at compile time.
// Pure data: the preload and the renderer import it without zod.

export const ERROR_CODES = ['INVALID_INPUT', 'NOT_FOUND', 'NEEDS_CONFIRMATION', 'REJECTED', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * `text` is shown as it is; `number` is formatted in the UI language (a `count` also picks the plural
 * form); `term` is a word from TERMS, worded in the UI language (`term.<value>`); `jsonError` is a JSON
 * syntax error as jsonc-parser names it, in snake case (`validation.jsonError.<value>`); `problem` is
 * another reason with its parameters, worded first (a bad line inside the refusal of a whole batch).
 */
type ParamKind = 'text' | 'number' | 'term' | 'jsonError' | 'problem';

const reason = <C extends ErrorCode, P extends Record<string, ParamKind> = Record<never, ParamKind>>(
  code: C,
  params?: P,
) => ({ code, params: (params ?? {}) as P });

const text = 'text' as const;
const number = 'number' as const;
const term = 'term' as const;
const jsonError = 'jsonError' as const;
const problem = 'problem' as const;

/** What a JSON value is, as a problem names it ("field "id" is a list"). */
export const TERMS = ['null', 'list', 'object', 'string', 'number', 'boolean', 'other'] as const;
export type Term = (typeof TERMS)[number];

export const REASONS = {
  // Anything main did not expect: the message is the only thing known.
  unexpected: reason('INTERNAL', { message: text }),
  // A call to the service failed: its error name and its own message are data.
  callFailed: reason('REJECTED', { name: text, message: text }),

  profileNotFound: reason('NOT_FOUND', { id: text }),
  entryProfileGone: reason('NOT_FOUND', { name: text }),
  profilesNotWritten: reason('REJECTED', { cause: text }),
  profileNameRequired: reason('INVALID_INPUT'),
  profileNameTaken: reason('INVALID_INPUT', { name: text }),
  endpointRequired: reason('INVALID_INPUT'),
  endpointNotUrl: reason('INVALID_INPUT', { endpoint: text }),
  endpointProtocol: reason('INVALID_INPUT', { protocol: text }),
  regionRequired: reason('INVALID_INPUT', { example: text }),
  accessKeyIdRequired: reason('INVALID_INPUT'),
  secretKeyRequired: reason('INVALID_INPUT'),
  newKeyNeedsSecret: reason('INVALID_INPUT'),
  secretMissing: reason('INVALID_INPUT', { profile: text }),
  weakSecretStore: reason('NEEDS_CONFIRMATION'),
  secretStoreUnavailable: reason('REJECTED'),
  secretUndecryptable: reason('REJECTED'),
  secretSchemeUnknown: reason('REJECTED', { scheme: text }),

  appClosingSend: reason('REJECTED'),
  appClosingRun: reason('REJECTED'),
  sandboxStopped: reason('REJECTED'),
  streamNameInvalid: reason('INVALID_INPUT', { name: text }),
  shardCountInvalid: reason('INVALID_INPUT', { got: number }),
  streamExists: reason('INVALID_INPUT', { name: text }),
  sandboxShardLimit: reason('INVALID_INPUT', { count: number, max: number }),

  historyEntryNotFound: reason('NOT_FOUND', { id: text }),
  historyNotReadWhole: reason('REJECTED'),
  historyUnusable: reason('REJECTED'),
  historyImportNotJson: reason('INVALID_INPUT', { detail: text }),
  historyImportNotArray: reason('INVALID_INPUT'),
  historyImportLineNotJson: reason('INVALID_INPUT', { line: number }),
  historyImportTooDeep: reason('INVALID_INPUT', { line: number, max: number }),
  historyImportTooMany: reason('INVALID_INPUT', { count: number, max: number }),
  historyImportMoreThan: reason('INVALID_INPUT', { max: number }),
  historyImportNotEntry: reason('INVALID_INPUT', { where: text, path: text, detail: text }),

  codeForRun: reason('INVALID_INPUT'),
  codeFromTruncated: reason('INVALID_INPUT', { size: number }),
  payloadInvalid: reason('INVALID_INPUT', { detail: text }),
  unprintableEndpoint: reason('INVALID_INPUT'),
  unprintableRegion: reason('INVALID_INPUT'),
  unprintableSharedProfile: reason('INVALID_INPUT'),
  readBackOfRun: reason('INVALID_INPUT'),
  readBackOfFailure: reason('INVALID_INPUT'),
  notAUrl: reason('REJECTED', { url: text }),
  httpsOnly: reason('REJECTED'),

  tailNotFound: reason('NOT_FOUND', { id: text }),
  tooManyTails: reason('REJECTED', { max: number }),

  notAFilePipe: reason('INVALID_INPUT', { name: text }),
  notAFileFolder: reason('INVALID_INPUT', { name: text }),
  notAFileSocket: reason('INVALID_INPUT', { name: text }),
  notAFileDevice: reason('INVALID_INPUT', { name: text }),
  batchFileTooLarge: reason('INVALID_INPUT', { name: text, size: text, max: text }),
  historyImportTooLarge: reason('INVALID_INPUT', { name: text, size: text, max: text }),
  savedImportTooLarge: reason('INVALID_INPUT', { name: text, size: text, max: text }),
  batchTooManyRecords: reason('INVALID_INPUT', { count: number, max: number }),
  batchMoreRowsThan: reason('INVALID_INPUT', { max: number }),
  batchMoreLinesThan: reason('INVALID_INPUT', { max: number }),
  csvTooManyColumns: reason('INVALID_INPUT', { count: number, max: number }),
  batchFileGone: reason('NOT_FOUND'),

  // A worker task past its budget, one reason per task so each says what was stopped.
  previewOverTime: reason('INVALID_INPUT', { seconds: number }),
  previewOverMemory: reason('INVALID_INPUT', { mb: number }),
  spreadOverTime: reason('INVALID_INPUT', { seconds: number }),
  spreadOverMemory: reason('INVALID_INPUT', { mb: number }),
  runRecordsOverTime: reason('INVALID_INPUT', { seconds: number }),
  runRecordsOverMemory: reason('INVALID_INPUT', { mb: number }),
  remakeRecordsOverTime: reason('INVALID_INPUT', { seconds: number }),
  remakeRecordsOverMemory: reason('INVALID_INPUT', { mb: number }),
  batchFileOverTime: reason('INVALID_INPUT', { seconds: number }),
  batchFileOverMemory: reason('INVALID_INPUT', { mb: number }),
  historyFileOverTime: reason('INVALID_INPUT', { seconds: number }),
  historyFileOverMemory: reason('INVALID_INPUT', { mb: number }),
  savedFileOverTime: reason('INVALID_INPUT', { seconds: number }),
  savedFileOverMemory: reason('INVALID_INPUT', { mb: number }),

  runNotEnded: reason('REJECTED'),
  runNotInHistory: reason('NOT_FOUND', { id: text }),
  runNotInSession: reason('NOT_FOUND', { id: text }),
  runSourceMissing: reason('REJECTED', { id: text }),
  runResultsUnreadable: reason('REJECTED', { cause: text }),
  nothingToResend: reason('INVALID_INPUT'),
  templateRunNeedsPlan: reason('INVALID_INPUT'),
  rowsTakeNoPlan: reason('INVALID_INPUT'),
  batchProblem: reason('INVALID_INPUT', { problem }),
  templateProblem: reason('INVALID_INPUT', { line: number, column: number, problem }),
  batchAllBad: reason('INVALID_INPUT', { count: number }),

  workspaceUnusable: reason('REJECTED'),
  savedNotWritten: reason('REJECTED', { cause: text }),
  savedNotFound: reason('NOT_FOUND', { id: text }),
  folderNotFound: reason('NOT_FOUND', { id: text }),
  folderNameTaken: reason('INVALID_INPUT', { name: text }),
  savedImportTooDeep: reason('INVALID_INPUT', { line: number, max: number }),
  savedImportNotJson: reason('INVALID_INPUT', { detail: text }),
  savedImportWrongKind: reason('INVALID_INPUT', { kind: text }),
  savedImportInvalid: reason('INVALID_INPUT', { detail: text }),

  // The operation's input broke its schema: the fields say where and how.
  inputInvalid: reason('INVALID_INPUT', { operation: text }),
  // What is wrong with one input field, from the schema's checks (see electron/app-error.ts).
  fieldRequired: reason('INVALID_INPUT'),
  fieldTooLong: reason('INVALID_INPUT', { max: number }),
  fieldTooShort: reason('INVALID_INPUT', { min: number }),
  fieldTooLarge: reason('INVALID_INPUT', { max: number }),
  fieldTooSmall: reason('INVALID_INPUT', { min: number }),
  fieldNotInteger: reason('INVALID_INPUT'),
  fieldWrongType: reason('INVALID_INPUT', { expected: text }),
  fieldFormat: reason('INVALID_INPUT'),
  fieldOneOf: reason('INVALID_INPUT', { options: text }),
  fieldUnknown: reason('INVALID_INPUT', { keys: text }),
  fieldInvalid: reason('INVALID_INPUT', { detail: text }),
  // The record the form composed breaks a rule of the target (electron/shared/limits.ts).
  recordProblem: reason('INVALID_INPUT', { detail: text }),

  // What is wrong with one line of a batch file, one row, or the key strategy (BatchProblem):
  csvQuoteNotClosed: reason('INVALID_INPUT'),
  csvTextAfterQuote: reason('INVALID_INPUT'),
  csvColumnTwice: reason('INVALID_INPUT', { column: text }),
  csvNoPayloadColumn: reason('INVALID_INPUT', { column: text, columns: text }),
  csvRowFields: reason('INVALID_INPUT', { got: number, want: number }),
  jsonArrayEmpty: reason('INVALID_INPUT'),
  jsonArrayExpected: reason('INVALID_INPUT', { found: term }),
  jsonTooDeep: reason('INVALID_INPUT', { max: number, column: number }),
  jsonTooDeepAtLine: reason('INVALID_INPUT', { max: number, line: number, column: number }),
  jsonSyntax: reason('INVALID_INPUT', { detail: jsonError, column: number }),
  jsonSyntaxAtLine: reason('INVALID_INPUT', { detail: jsonError, line: number, column: number }),
  lineTooLong: reason('INVALID_INPUT', { length: number, max: number }),
  keySequenceStart: reason('INVALID_INPUT', { start: text }),
  rowKeysOnlyInRows: reason('INVALID_INPUT'),
  keyFieldNotJson: reason('INVALID_INPUT', { path: text }),
  keyFieldMissing: reason('INVALID_INPUT', { path: text, why: problem }),
  keyFieldNotScalar: reason('INVALID_INPUT', { path: text, found: term }),
  keyTemplateFailed: reason('INVALID_INPUT', { problem: problem }),
  keyFromField: reason('INVALID_INPUT', { problem: problem, path: text }),
  keyFromTemplate: reason('INVALID_INPUT', { problem: problem }),
  fieldPathEmpty: reason('INVALID_INPUT'),
  fieldPathBracket: reason('INVALID_INPUT', { column: number, path: text }),
  fieldPathIndex: reason('INVALID_INPUT', { index: text, column: number, path: text }),
  fieldPathDot: reason('INVALID_INPUT', { after: text, column: number, path: text }),
  fieldPathName: reason('INVALID_INPUT', { column: number, path: text }),
  payloadNotList: reason('INVALID_INPUT', { found: term }),
  fieldNotList: reason('INVALID_INPUT', { at: text, found: term }),
  payloadNotObject: reason('INVALID_INPUT', { found: term }),
  fieldNotObject: reason('INVALID_INPUT', { at: text, found: term }),
  payloadShortList: reason('INVALID_INPUT', { index: number, length: number }),
  fieldShortList: reason('INVALID_INPUT', { at: text, index: number, length: number }),
  payloadNoField: reason('INVALID_INPUT', { name: text }),
  fieldNoField: reason('INVALID_INPUT', { at: text, name: text }),
  partitionKeyEmpty: reason('INVALID_INPUT'),
  partitionKeyTooLongBytes: reason('INVALID_INPUT', { length: number, max: number }),
  partitionKeyTooLongChars: reason('INVALID_INPUT', { length: number, max: number }),
  hashKeyInvalid: reason('INVALID_INPUT'),
  streamPartSlash: reason('INVALID_INPUT', { part: text }),
  awsStreamNameInvalid: reason('INVALID_INPUT'),
  recordTooLarge: reason('INVALID_INPUT', { size: number, max: number, over: number }),
  payloadJson: reason('INVALID_INPUT', { detail: jsonError, line: number, column: number }),
  payloadJsonEngine: reason('INVALID_INPUT', { detail: text }),
  base64Char: reason('INVALID_INPUT', { char: text, position: number }),
  base64Length: reason('INVALID_INPUT'),
  hexChar: reason('INVALID_INPUT', { char: text, position: number }),
  hexOdd: reason('INVALID_INPUT'),
  batchLineProblem: reason('INVALID_INPUT', { line: number, problem: problem }),
  batchRecordProblem: reason('INVALID_INPUT', { n: number, problem: problem }),
  batchNoRecord: reason('INVALID_INPUT', { n: number }),
  // What is wrong with a template, or with one record it rendered (the template editor's problems).
  tplTooLong: reason('INVALID_INPUT', { length: number, max: number }),
  tplTooManyPlaceholders: reason('INVALID_INPUT', { found: number, max: number }),
  tplEmpty: reason('INVALID_INPUT', { open: text, close: text }),
  tplUnclosed: reason('INVALID_INPUT', { open: text, close: text }),
  tplOneExpression: reason('INVALID_INPUT', { found: text, close: text }),
  tplStringOpen: reason('INVALID_INPUT', { quote: text }),
  tplEscape: reason('INVALID_INPUT', { escape: text }),
  tplNotNumber: reason('INVALID_INPUT', { text: text }),
  tplExpectedArgEnd: reason('INVALID_INPUT', { found: text }),
  tplExpectedName: reason('INVALID_INPUT', { found: text }),
  tplExpectedLiteralEnd: reason('INVALID_INPUT', { found: text }),
  tplExpectedArgument: reason('INVALID_INPUT', { found: text }),
  tplExpectedValue: reason('INVALID_INPUT', { found: text }),
  tplExpectedColon: reason('INVALID_INPUT', { found: text }),
  tplExpectedObjectEnd: reason('INVALID_INPUT', { found: text }),
  tplUnknownName: reason('INVALID_INPUT', { name: text, help: problem }),
  didYouMean: reason('INVALID_INPUT', { names: text }),
  useOneOf: reason('INVALID_INPUT', { names: text }),
  tplNoDots: reason('INVALID_INPUT', { name: text, extra: text }),
  tplArity: reason('INVALID_INPUT', { name: text, got: number, signature: text }),
  tplWholeNumbers: reason('INVALID_INPUT', { name: text, value: text }),
  tplNumbers: reason('INVALID_INPUT', { name: text, value: text }),
  tplMinAboveMax: reason('INVALID_INPUT', { name: text, min: text, max: text }),
  tplDecimals: reason('INVALID_INPUT'),
  tplPickScalars: reason('INVALID_INPUT'),
  fakerNoModule: reason('INVALID_INPUT'),
  fakerUnknownModule: reason('INVALID_INPUT', { module: text, help: problem }),
  fakerNoMethod: reason('INVALID_INPUT', { module: text, methods: text }),
  fakerUnavailable: reason('INVALID_INPUT', { module: text, method: text, open: text, close: text }),
  fakerUnknownMethod: reason('INVALID_INPUT', { module: text, method: text, help: problem }),
  fakerNothingAfter: reason('INVALID_INPUT', { module: text, method: text }),
  fakerCallFailed: reason('INVALID_INPUT', { call: text, why: problem }),
  fakerNoValue: reason('INVALID_INPUT'),
  fakerTooMuch: reason('INVALID_INPUT', { size: number }),
  fakerRefused: reason('INVALID_INPUT', { detail: text }),
  fakerArgTooLarge: reason('INVALID_INPUT', { name: text, arg: number, value: number, max: number }),
  fakerKeyTooLarge: reason('INVALID_INPUT', { name: text, key: text, value: number, max: number }),
  fakerDigitsTooLarge: reason('INVALID_INPUT', { name: text, key: text, value: number, max: number }),
  fakerPatternTooLong: reason('INVALID_INPUT', { name: text, length: number, max: number }),
  fakerNumberInText: reason('INVALID_INPUT', { name: text, digits: text, text: text, max: number }),
  fakerQuantifiers: reason('INVALID_INPUT', { name: text, text: text, made: number, max: number }),
  fakerRanges: reason('INVALID_INPUT', { name: text, text: text, listed: number, max: number }),
  tplRecordGrew: reason('INVALID_INPUT', { max: number }),
  tplGeneratorFailed: reason('INVALID_INPUT', { detail: text }),
  tplInvalidJson: reason('INVALID_INPUT'),

  // A workspace folder and its files (electron/workspace/): what is wrong with one file, and why an
  // operation on the workspace was refused.
  workspaceFileTooLarge: reason('INVALID_INPUT', { size: text, max: text }),
  workspaceNotYaml: reason('INVALID_INPUT', { line: number, column: number, detail: text }),
  workspaceYamlAliases: reason('INVALID_INPUT', { max: number }),
  workspaceFileTooDeep: reason('INVALID_INPUT', { max: number }),
  workspaceWrongKind: reason('INVALID_INPUT', { expected: text, found: text }),
  workspaceWrongVersion: reason('INVALID_INPUT', { found: text }),
  workspaceFieldInvalid: reason('INVALID_INPUT', { field: text, problem }),
  workspaceTooManyFiles: reason('INVALID_INPUT', { max: number }),
  workspaceLinkOutside: reason('INVALID_INPUT'),
  workspaceNotAFile: reason('INVALID_INPUT'),
  workspaceFileUnreadable: reason('REJECTED', { cause: text }),
  workspaceEnvironmentName: reason('INVALID_INPUT', { name: text }),
  workspaceNotMarked: reason('INVALID_INPUT', { dir: text }),
  workspaceNotEmpty: reason('INVALID_INPUT', { dir: text }),
  workspaceNotWritten: reason('REJECTED', { cause: text }),
  workspaceMigrationFailed: reason('REJECTED', { cause: text }),
  // What an assertion found after a send or a run (AssertionResult): the same text for a pass and a
  // failure where the figure says it ("p95 812 ms, limit 500 ms"), its own text where it cannot.
  assertionDelivered: reason('REJECTED', { acknowledged: number, total: number }),
  assertionSendFailed: reason('REJECTED', { name: text }),
  assertionBytesEqual: reason('REJECTED', { count: number }),
  assertionBytesDiffer: reason('REJECTED', { index: number, sent: number, stored: number }),
  assertionRecordMissing: reason('REJECTED', { index: number }),
  assertionFieldHolds: reason('REJECTED', { path: text, actual: text, count: number }),
  assertionFieldDiffers: reason('REJECTED', { path: text, expected: text, actual: text, index: number }),
  assertionFieldNoMatch: reason('REJECTED', { path: text, pattern: text, actual: text, index: number }),
  assertionFieldMissing: reason('REJECTED', { path: text, index: number }),
  assertionNotJson: reason('REJECTED', { path: text, index: number }),
  assertionPathScript: reason('INVALID_INPUT', { path: text }),
  assertionPathInvalid: reason('INVALID_INPUT', { path: text }),
  assertionPatternInvalid: reason('INVALID_INPUT', { pattern: text }),
  assertionLatency: reason('REJECTED', { p95: number, max: number }),
  assertionNoLatency: reason('REJECTED'),
  assertionThrottled: reason('REJECTED', { percent: number, max: number }),
  assertionDuplicates: reason('REJECTED', { count: number }),
  assertionNothingToRead: reason('REJECTED'),
  assertionReadTimeout: reason('REJECTED', { seconds: number, checked: number }),
  assertionReadFailed: reason('REJECTED', { name: text, message: text }),
  assertionRecordsUnavailable: reason('REJECTED', { cause: text }),
  assertionPatternTooSlow: reason('INVALID_INPUT', { pattern: text, ms: number }),
  assertionRecordsTimed: reason('REJECTED'),
  assertionPayloadKeptInPart: reason('REJECTED'),

  // Environments: `{{env.NAME}}` in a request, resolved before anything is sent.
  envVariableMissing: reason('INVALID_INPUT', { name: text, field: text }),
  envVariableNotNumber: reason('INVALID_INPUT', { name: text, field: text, value: text }),
  environmentNotFound: reason('NOT_FOUND', { name: text }),
  environmentNameTaken: reason('INVALID_INPUT', { name: text }),
  environmentTooManyVariables: reason('INVALID_INPUT', { found: number, max: number }),

  // A JSON field assertion's check of the records read back, run in a worker with a budget.
  assertionCheckOverTime: reason('REJECTED', { seconds: number }),
  assertionCheckOverMemory: reason('REJECTED', { mb: number }),

  // Why a decoding layer (base64, gzip, KPL, …) could not turn a record's bytes into the next form.
  decodeLayerFailed: reason('INVALID_INPUT', { layer: text }),
  decodedTooLarge: reason('INVALID_INPUT', { layer: text, mb: number }),
  decodeTooManyLayers: reason('INVALID_INPUT', { max: number }),
  decodeOverTime: reason('REJECTED', { seconds: number }),
  decodeOverMemory: reason('REJECTED', { mb: number }),

  // A tail filter (a CEL expression) that cannot be used, and what its evaluation ran into.
  filterTooLong: reason('INVALID_INPUT', { length: number, max: number }),
  filterTooComplex: reason('INVALID_INPUT', { nodes: number, depth: number }),
  filterSyntax: reason('INVALID_INPUT', { detail: text, line: number, column: number }),
  filterTypes: reason('INVALID_INPUT', { detail: text, line: number, column: number }),
  filterUnknownName: reason('INVALID_INPUT', { name: text, line: number, column: number }),
  filterNotBoolean: reason('INVALID_INPUT', { type: text }),
  filterOverTime: reason('REJECTED', { seconds: number }),
  filterOverMemory: reason('REJECTED', { mb: number }),
  tailFiltersUnreadable: reason('REJECTED', { path: text }),
  tooManyTailFilters: reason('INVALID_INPUT', { max: number }),
  // The decoding chains pinned per connection and stream (decode-pins.json).
  decodePinsNotWritten: reason('REJECTED', { cause: text }),
  // A record over its stream's maximum where a larger one exists (AWS streams raised to large
  // records) or never can (YDS): the user learns which.
  recordTooLargeForStream: reason('INVALID_INPUT', { size: number, max: number, over: number, largest: number }),
  recordTooLargeYds: reason('INVALID_INPUT', { size: number, max: number, over: number }),
  // KPL aggregation on send (a run plan's "Aggregate (KPL)").
  aggregationNotOnYds: reason('INVALID_INPUT'),
  aggregationNeedsShards: reason('REJECTED', { message: text }),
  // A new stream with a maximum record size over 1 MiB (New stream…): YDS takes 1 MiB records only.
  largeRecordsNotOnYds: reason('INVALID_INPUT'),
};

export type Reason = keyof typeof REASONS;
export const REASON_NAMES = Object.keys(REASONS) as Reason[];

type ValueOf<K> = K extends 'number' ? number : K extends 'problem' ? ReasonWithParams : string;
export type ReasonParams<R extends Reason> = {
  [P in keyof (typeof REASONS)[R]['params']]: ValueOf<(typeof REASONS)[R]['params'][P]>;
};

/** A reason with its own parameters: `{ reason: 'profileNotFound', params: { id } }`. */
export type ReasonWithParams = { [R in Reason]: { reason: R; params: ReasonParams<R> } }[Reason];

/** Just the reason and its parameters of a richer problem (a shared rule's, a template's), to carry across. */
export const reasonOnly = ({ reason, params }: ReasonWithParams) => ({ reason, params }) as ReasonWithParams;

/** Builds a reason with its parameters, checked against the reason's list entry. */
export const problemOf = <R extends Reason>(reason: R, params: ReasonParams<R>) =>
  ({ reason, params }) as ReasonWithParams;

/** The code a reason answers with: what kind of failure, for callers that only branch on that. */
export const codeOf = (r: Reason): ErrorCode => REASONS[r].code;

/**
 * What the user can do about a failure, shown under it (`hints.<code>`). The call-failure hints
 * electron/kinesis/errors.ts picks from the service's error (and a load run from its outcome)...
 */
export const FAILURE_HINT_CODES = [
  'badKeyYds',
  'badKeyAws',
  'streamNotFoundYds',
  'streamNotFound',
  'connectionRefused',
  'hostNotFound',
  'connectionReset',
  'tlsCertificate',
  'tlsHandshake',
  'timeout',
  'throttled',
  'limitExceeded',
  'invalidArgument',
  'cancelled',
  'cancelledBeforeSend',
  'credentials',
  'endpointMissing',
  'endpointInvalid',
  'serverError',
  'runIncomplete',
  'runRunning',
  'runInterrupted',
  'unknown',
] as const;

/** ...and the advice that goes with main's own refusals. A hint may use the parameters of its reason. */
export const ADVICE_HINT_CODES = [
  'readBadKeyYds',
  'readBadKeyAws',
  'pickProfile',
  'dataFolderWritable',
  'dataFolderReadable',
  'enterKeyPair',
  'pickOtherProfileName',
  'endpointExample',
  'endpointForm',
  'regionExample',
  'enterMatchingSecret',
  'confirmWeakStore',
  'unlockKeyring',
  'reenterSecret',
  'reenterSecretKeyring',
  'restartForSandbox',
  'streamNameRules',
  'streamNameRulesAws',
  'pickOtherStreamName',
  'fewerShards',
  'restartThenCompact',
  'repairHistoryFile',
  'pickHistoryExport',
  'smallerHistoryExport',
  'pickSavedExport',
  'repairWorkspace',
  'savedListReloaded',
  'pickOtherFolder',
  'pickOtherName',
  'splitBatchFile',
  'fewerColumns',
  'openFileAgain',
  'smallerTemplate',
  'waitForRun',
  'runDeleted',
  'rerunFromHistory',
  'fixPreviewLines',
  'pickSuccessfulSend',
  'restartTail',
  'stopATail',
  'codeFromComposer',
  'pasteFullPayload',
  'pickProfileForCode',
  'readBackOwnProfile',
  'runResultsFile',
  'fixEndpoint',
  'fixRegion',
  'renameSharedProfile',
  'defineVariable',
  'showAsHex',
  'fixFilter',
  'simplerFilter',
] as const;

export const HINT_CODES = [...FAILURE_HINT_CODES, ...ADVICE_HINT_CODES];
export type HintCode = (typeof HINT_CODES)[number];
