// Main's English for every reason and hint in electron/shared/reasons.ts: the message an AppError
// carries for logs, the CLI and tests, and the English the renderer shows (renderer/i18n/en.json
// holds these very strings; tests/unit/error-reasons.test.ts keeps the two equal). `{{p}}` is a
// parameter of the reason, `{{p, number}}` one written as a number.
import { formatCount } from './shared/file-limits';
import { REASONS, type HintCode, type Reason, type ReasonWithParams, type Term } from './shared/reasons';

export const MESSAGES: Record<Reason, string> = {
  unexpected: '{{message}}',
  callFailed: '{{name}}: {{message}}',

  profileNotFound: 'No connection with id {{id}}.',
  entryProfileGone: 'The connection "{{name}}" this record was sent with no longer exists.',
  profilesNotWritten: 'The connections file could not be written ({{cause}}); nothing was changed.',
  profileNameRequired: 'A connection needs a name.',
  profileNameTaken: 'A connection named "{{name}}" already exists.',
  endpointRequired: 'A custom-endpoint connection needs an endpoint.',
  endpointNotUrl: '"{{endpoint}}" is not a URL.',
  endpointProtocol: 'The endpoint must start with http:// or https://, not {{protocol}}//.',
  regionRequired:
    'This connection needs a region: a blank one would be replaced by a default that decides where requests go.',
  accessKeyIdRequired: 'A static key needs its access key id.',
  secretKeyRequired: 'A static key needs its secret key.',
  newKeyNeedsSecret: 'A new access key id needs its secret key too.',
  secretMissing: 'Connection "{{profile}}" has no stored secret key.',
  weakSecretStore:
    'This system offers no secret store (keyring), so the secret key would be stored only obfuscated: anyone who can read your files could recover it.',
  secretStoreUnavailable: 'The system secret store is not available, so the secret key cannot be encrypted.',
  secretUndecryptable: 'The stored secret key could not be decrypted.',
  secretSchemeUnknown:
    "The stored secret key was not encrypted with this app's current scheme ({{scheme}}), so it cannot be read.",

  appClosingSend: 'The app is closing; the record was not sent.',
  appClosingRun: 'The app is closing; the run was not started.',
  sandboxStopped: 'The local sandbox has been stopped because the app is closing.',
  streamNameInvalid: '"{{name}}" is not a valid stream name.',
  shardCountInvalid: 'Shard count must be a whole number from 1; got {{got, number}}.',
  streamExists: 'A stream named {{name}} already exists in the sandbox.',
  sandboxShardLimit: 'The sandbox cannot hold {{count, number}} more shards (at most {{max, number}} in all).',

  historyEntryNotFound: 'No history entry with id {{id}}.',
  historyNotReadWhole:
    'The history file could not be read whole, so it was not compacted: that would drop the entries that could not be read.',
  historyUnusable: 'The history file cannot be used this session, so there is no file to compact.',
  historyImportNotJson: 'The file is not valid JSON: {{detail}}',
  historyImportNotArray: 'The file is not a JSON array of history entries.',
  historyImportLineNotJson: 'Line {{line, number}} is not valid JSON.',
  historyImportTooDeep:
    'Line {{line, number}} nests JSON deeper than {{max, number}} levels of [ and {; a history entry never does.',
  historyImportTooMany: 'The file has {{count, number}} entries; one import may bring at most {{max, number}}.',
  historyImportMoreThan:
    'The file has more than {{max, number}} entries; one import may bring at most {{max, number}}.',
  historyImportNotEntry: '{{where}} is not a history entry: {{path}}: {{detail}}',

  codeForRun: 'This entry is a load run of many records; code is generated for a single record.',
  codeFromTruncated:
    'History keeps only the start of this {{size, number}}-byte payload, so the code would send something else.',
  payloadInvalid: '{{detail}}',
  unprintableEndpoint:
    'The endpoint holds characters that are not printable (control characters, line breaks or invisible format characters), so it cannot be written into a shell command.',
  unprintableRegion:
    'The region holds characters that are not printable (control characters, line breaks or invisible format characters), so it cannot be written into a shell command.',
  unprintableSharedProfile:
    'The AWS profile name holds characters that are not printable (control characters, line breaks or invisible format characters), so it cannot be written into a shell command.',
  readBackOfRun: 'This entry is a load run; its records are not read back one by one.',
  readBackOfFailure: 'This send failed, so no record was stored to read back.',
  notAUrl: 'Not a URL: {{url}}',
  httpsOnly: 'Only https: links are opened.',

  tailNotFound: 'No tail with id {{id}}.',
  tooManyTails: 'At most {{max, number}} tails may run at once.',

  notAFilePipe: '"{{name}}" is a named pipe, not a file; only a regular file can be read.',
  notAFileFolder: '"{{name}}" is a folder, not a file; only a regular file can be read.',
  notAFileSocket: '"{{name}}" is a socket, not a file; only a regular file can be read.',
  notAFileDevice: '"{{name}}" is a device, not a file; only a regular file can be read.',
  batchFileTooLarge: '"{{name}}" is {{size}}; batch files may be at most {{max}}.',
  historyImportTooLarge: '"{{name}}" is {{size}}; history imports may be at most {{max}}.',
  savedImportTooLarge: '"{{name}}" is {{size}}; saved-requests imports may be at most {{max}}.',
  batchTooManyRecords: 'The file has {{count, number}} records; a batch file may hold at most {{max, number}} records.',
  batchMoreRowsThan:
    'The file has more than {{max, number}} rows; a batch file may hold at most {{max, number}} records.',
  batchMoreLinesThan:
    'The file has more than {{max, number}} lines; a batch file may hold at most {{max, number}} records.',
  csvTooManyColumns: 'The CSV header has {{count, number}} columns; a CSV file may have at most {{max, number}}.',
  batchFileGone: 'The batch file is no longer loaded.',

  previewOverTime: 'The template preview took longer than {{seconds, number}} s and was stopped.',
  previewOverMemory: 'The template preview needed more than {{mb, number}} MB of memory and was stopped.',
  spreadOverTime: 'The shard spread of the preview took longer than {{seconds, number}} s and was stopped.',
  spreadOverMemory: 'The shard spread of the preview needed more than {{mb, number}} MB of memory and was stopped.',
  runRecordsOverTime: "Making the run's records took longer than {{seconds, number}} s and was stopped.",
  runRecordsOverMemory: "Making the run's records needed more than {{mb, number}} MB of memory and was stopped.",
  remakeRecordsOverTime: 'Making the records again took longer than {{seconds, number}} s and was stopped.',
  remakeRecordsOverMemory: 'Making the records again needed more than {{mb, number}} MB of memory and was stopped.',
  batchFileOverTime: 'Reading the batch file took longer than {{seconds, number}} s and was stopped.',
  batchFileOverMemory: 'Reading the batch file needed more than {{mb, number}} MB of memory and was stopped.',
  historyFileOverTime: 'Reading the history file took longer than {{seconds, number}} s and was stopped.',
  historyFileOverMemory: 'Reading the history file needed more than {{mb, number}} MB of memory and was stopped.',
  savedFileOverTime: 'Reading the saved-requests file took longer than {{seconds, number}} s and was stopped.',
  savedFileOverMemory: 'Reading the saved-requests file needed more than {{mb, number}} MB of memory and was stopped.',

  runNotEnded: 'The run has not ended yet.',
  runNotInHistory: 'No run with id {{id}} in history.',
  runNotInSession: 'No run with id {{id}} in this session.',
  runSourceMissing:
    'The records of this run can no longer be made: what makes them again ({{id}}.source.json in the runs folder) is missing.',
  runResultsUnreadable: "The run's results file could not be read ({{cause}}).",
  nothingToResend: 'Every record of this run was delivered, or may have been; there is nothing to re-send.',
  templateRunNeedsPlan: 'A template run needs a number of records, a duration, or both.',
  rowsTakeNoPlan: 'Rows and files send each of their records once: leave the count and duration empty.',
  batchProblem: '{{problem}}',
  templateProblem: 'Line {{line, number}}, column {{column, number}}: {{problem}}',
  batchAllBad: 'No record of the batch can be sent: every line has a problem (lines with problems: {{count, number}}).',

  workspaceUnusable:
    'The workspace folder could not be used when the app started, so nothing is written into it; nothing was changed.',
  savedNotWritten: 'The saved requests could not be written ({{cause}}); nothing was changed.',
  savedNotFound: 'No saved request with id {{id}}.',
  folderNotFound: 'No folder with id {{id}}.',
  folderNameTaken: 'A folder named "{{name}}" already exists.',
  savedImportTooDeep:
    'The file nests JSON deeper than {{max, number}} levels of [ and { (line {{line, number}}); a saved-requests export never does.',
  savedImportNotJson: 'The file is not a saved-requests export: {{detail}}.',
  savedImportWrongKind: 'The file is not a saved-requests export: its "kind" is not "{{kind}}".',
  savedImportInvalid: 'The file is not a valid saved-requests export: {{detail}}.',

  inputInvalid: 'Invalid input for {{operation}}',
  fieldRequired: 'Required.',
  fieldTooLong: 'Too long: at most {{max, number}} characters.',
  fieldTooShort: 'Too short: at least {{min, number}} characters.',
  fieldTooLarge: 'Too large: at most {{max, number}}.',
  fieldTooSmall: 'Too small: at least {{min, number}}.',
  fieldNotInteger: 'Must be a whole number.',
  fieldWrongType: 'Wrong type of value: {{expected}} expected.',
  fieldFormat: 'Not in the expected format.',
  fieldOneOf: 'Must be one of: {{options}}.',
  fieldUnknown: 'Not a field of this request: {{keys}}.',
  fieldInvalid: 'Invalid value: {{detail}}',
  recordProblem: '{{detail}}',

  csvQuoteNotClosed: 'a quoted field is never closed: add the closing "',
  csvTextAfterQuote: 'a quoted field has text after its closing quote: write a quote inside a quoted field as ""',
  csvColumnTwice: 'the header names column "{{column}}" twice; column names must be unique',
  csvNoPayloadColumn: 'the header has no column "{{column}}" for the payload (columns: {{columns}})',
  csvRowFields: 'fields in the row: {{got, number}}, in the header: {{want, number}}',
  jsonArrayEmpty: 'the file is empty; expected a JSON array of records',
  jsonArrayExpected: 'expected a JSON array of records, found {{found}}; for one record per line use NDJSON',
  jsonTooDeep: 'the JSON value nests deeper than {{max, number}} levels of [ and { (column {{column, number}})',
  jsonTooDeepAtLine:
    'the JSON value nests deeper than {{max, number}} levels of [ and { (line {{line, number}}, column {{column, number}})',
  jsonSyntax: 'not valid JSON: {{detail}} at column {{column, number}}',
  jsonSyntaxAtLine: 'not valid JSON: {{detail}} at line {{line, number}}, column {{column, number}}',
  lineTooLong: 'the line is {{length, number}} characters long; a line may have at most {{max, number}}',
  keySequenceStart: 'the sequence must start at a whole number, not {{start}}',
  rowKeysOnlyInRows: 'Only rows typed in the app carry their own partition key; pick another key strategy.',
  keyFieldNotJson: 'field "{{path}}" is missing: the payload is not JSON',
  keyFieldMissing: 'field "{{path}}" is missing: {{why}}',
  keyFieldNotScalar: 'field "{{path}}" is {{found}}; a partition key needs text, a number or true/false',
  keyTemplateFailed: 'the key template failed: {{problem}}',
  keyFromField: '{{problem}} (from field "{{path}}")',
  keyFromTemplate: '{{problem}} (from the key template)',
  fieldPathEmpty: 'the field path is empty; write one such as user.id or items[0].sku',
  fieldPathBracket: '"[" is not closed at column {{column, number}} of the path "{{path}}"',
  fieldPathIndex:
    '"[{{index}}]" is not a list index; write a number such as [0] at column {{column, number}} of the path "{{path}}"',
  fieldPathDot: 'expected "." or "[" after "{{after}}" at column {{column, number}} of the path "{{path}}"',
  fieldPathName: 'a field name is missing at column {{column, number}} of the path "{{path}}"',
  payloadNotList: 'the payload is {{found}}, not a list',
  fieldNotList: '"{{at}}" is {{found}}, not a list',
  payloadNotObject: 'the payload is {{found}}, not an object',
  fieldNotObject: '"{{at}}" is {{found}}, not an object',
  payloadShortList: 'the payload has no [{{index, number}}] (list length {{length, number}})',
  fieldShortList: '"{{at}}" has no [{{index, number}}] (list length {{length, number}})',
  payloadNoField: 'the payload has no "{{name}}"',
  fieldNoField: '"{{at}}" has no "{{name}}"',
  partitionKeyEmpty: 'Partition key is required',
  partitionKeyTooLongBytes: 'Partition key is {{length, number}} bytes; the limit is {{max, number}} bytes',
  partitionKeyTooLongChars: 'Partition key is {{length, number}} characters; the limit is {{max, number}} characters',
  hashKeyInvalid:
    'Explicit hash key must be a decimal integer from 0 to 2^128-1 (340282366920938463463374607431768211455)',
  streamPartSlash: '"{{part}}" must not contain "/": fill each part separately or paste the full path',
  awsStreamNameInvalid: 'Stream name may hold only letters, digits, "_", "." and "-" (1 to 128 characters)',
  recordTooLarge:
    'Record is {{size, number}} bytes (key + data); the limit is {{max, number}} bytes. Remove {{over, number}} bytes.',
  payloadJson: 'Invalid JSON at line {{line, number}}, column {{column, number}}: {{detail}}',
  payloadJsonEngine: 'Invalid JSON: {{detail}}',
  base64Char: "Not valid base64: unexpected character '{{char}}' at {{position, number}}",
  base64Length: 'Not valid base64: wrong length or padding',
  hexChar: "Not valid hex: unexpected character '{{char}}' at {{position, number}}",
  hexOdd: 'Not valid hex: odd number of digits',
  batchLineProblem: 'Line {{line, number}}: {{problem}}',
  batchRecordProblem: 'Record {{n, number}}: {{problem}}',
  batchNoRecord: 'The batch has no record {{n, number}}.',

  tplTooLong:
    'The template is {{length, number}} characters long; a template may be at most {{max, number}} (the largest record is 10 MiB).',
  tplTooManyPlaceholders:
    'The template has {{found, number}} placeholders; a template may have at most {{max, number}}.',
  tplEmpty: 'Empty placeholder: write an expression such as {{open}}uuid{{close}}, or \\{{open}} for literal braces.',
  tplUnclosed:
    'This {{open}} is not closed: add {{close}} after the expression, or write \\{{open}} for literal braces.',
  tplOneExpression: "Unexpected '{{found}}': a placeholder holds one expression; close it with {{close}}.",
  tplStringOpen: 'String is not closed: add {{quote}} before the end of the line.',
  tplEscape: "Unknown escape '\\{{escape}}' in a string: use \\\\, \\\", \\', \\n, \\t or \\uXXXX.",
  tplNotNumber: "'{{text}}' is not a number: write digits such as 42, -7 or 3.5.",
  tplExpectedArgEnd: "Expected ',' or ')', found '{{found}}'.",
  tplExpectedName: "Expected a name such as uuid, int or faker.person.firstName, found '{{found}}'.",
  tplExpectedLiteralEnd: "Expected a literal, found '{{found}}'.",
  tplExpectedArgument:
    'Expected a literal: a number, a "string", true/false or a {"key": value} object, found \'{{found}}\'.',
  tplExpectedValue: 'Expected a number, a "string" or true/false, found \'{{found}}\'.',
  tplExpectedColon: "Expected ':' after the key, found '{{found}}'.",
  tplExpectedObjectEnd: "Expected ',' or '}', found '{{found}}'.",
  tplUnknownName: "Unknown name '{{name}}'. {{help}}",
  didYouMean: 'Did you mean {{names}}?',
  useOneOf: 'Use one of {{names}}.',
  tplNoDots: "{{name}} has no '.{{extra}}'; only faker.<module>.<method> uses dots.",
  tplArity: 'Wrong number of arguments for {{name}} ({{got, number}}): write {{signature}}.',
  tplWholeNumbers: '{{name}} takes whole numbers; {{value}} is not one.',
  tplNumbers: '{{name}} takes numbers; {{value}} is not one.',
  tplMinAboveMax: '{{name}}(min, max): min {{min}} is greater than max {{max}}; swap them.',
  tplDecimals: 'float: decimals must be a whole number from 0 to 15.',
  tplPickScalars: 'pick takes strings, numbers or true/false, not objects.',
  fakerNoModule: 'Write faker.<module>.<method>, for example faker.person.firstName.',
  fakerUnknownModule: "faker has no module '{{module}}'. {{help}}",
  fakerNoMethod: 'Add a method: faker.{{module}}.<method>, one of {{methods}}.',
  fakerUnavailable:
    'faker.{{module}}.{{method}} is not available in templates: write each generator as its own placeholder, e.g. {{open}}faker.person.firstName{{close}}.',
  fakerUnknownMethod: "faker.{{module}} has no method '{{method}}'. {{help}}",
  fakerNothingAfter: 'faker.{{module}}.{{method}} is a method; nothing can follow it but (arguments).',
  fakerCallFailed: '{{call}} failed: {{why}}. Check its arguments in the faker documentation.',
  fakerNoValue: 'it produces no value a record can hold',
  fakerTooMuch: 'it makes {{size, number}} characters at once, more than a record holds',
  fakerRefused: '{{detail}}',
  fakerArgTooLarge:
    '{{name}}: argument {{arg, number}} is {{value, number}}, too large: counts and lengths go up to {{max, number}} here (the largest record is 10 MiB).',
  fakerKeyTooLarge:
    '{{name}}: "{{key}}" is {{value, number}}, too large: counts and lengths go up to {{max, number}} here (the largest record is 10 MiB).',
  fakerDigitsTooLarge:
    '{{name}}: "{{key}}" is {{value, number}}, too large: digits after the point go up to {{max, number}}.',
  fakerPatternTooLong:
    '{{name}}: the pattern is {{length, number}} characters long; patterns go up to {{max, number}}.',
  fakerNumberInText:
    '{{name}}: the number {{digits}} in "{{text}}" is too large; counts and lengths go up to {{max, number}}.',
  fakerQuantifiers:
    '{{name}}: the quantifiers in "{{text}}" ask for {{made, number}} characters in all; a pattern makes at most {{max, number}}.',
  fakerRanges:
    '{{name}}: the character ranges in "{{text}}" hold {{listed, number}} characters; a pattern\'s ranges hold at most {{max, number}}.',
  tplRecordGrew:
    'it grew past {{max, number}} characters, more than any record holds (10 MiB); rendering stopped there',
  tplGeneratorFailed: 'a generator failed: {{detail}}',
  tplInvalidJson: 'Invalid JSON',

  workspaceFileTooLarge: 'The file is {{size}}; a workspace file may be at most {{max}}. Make it smaller.',
  workspaceNotYaml:
    'The file is not valid YAML at line {{line, number}}, column {{column, number}} ({{detail}}). Fix the YAML there.',
  workspaceYamlAliases:
    'The file uses YAML aliases (*name) more than {{max, number}} times. Write the values out instead of repeating aliases.',
  workspaceFileTooDeep: 'The file nests deeper than {{max, number}} levels. Flatten it.',
  workspaceWrongKind: 'The file\'s "kind" is "{{found}}" where "{{expected}}" is expected. Set kind: {{expected}}.',
  workspaceWrongVersion:
    'The file has version {{found}}; this app reads version 1. Set version: 1, or update the app if a newer one wrote it.',
  workspaceFieldInvalid: 'The field {{field}} is not valid: {{problem}} Fix or remove it.',
  workspaceTooManyFiles:
    'The workspace has more than {{max, number}} files; the rest were not read. Move files that are not requests out of it.',
  workspaceLinkOutside:
    'The file is a link to a place outside the workspace, so it was not read. Copy the file in instead.',
  workspaceNotAFile: 'This is not a regular file, so it was not read. Replace it with a file.',
  workspaceFileUnreadable: 'The file cannot be read ({{cause}}). Check its permissions.',
  workspaceEnvironmentName:
    '"{{name}}" cannot name an environment: use letters, digits, ".", "_" or "-", starting with a letter or digit. Rename the file.',
  workspaceNotMarked: 'The folder {{dir}} is not a workspace: it has no stream-composer.yaml.',
  workspaceNotEmpty: 'The folder {{dir}} is not empty. Pick an empty folder for a new workspace, or open this one.',
  workspaceNotWritten: 'The workspace could not be written ({{cause}}); nothing was changed.',
  workspaceMigrationFailed:
    'The saved requests could not be moved into the workspace ({{cause}}). They are still in saved-requests.json; the move is tried again at the next start.',
  assertionDelivered: '{{acknowledged, number}} of {{total, number}} records acknowledged.',
  assertionSendFailed: 'The send failed ({{name}}): no record was stored to check.',
  assertionBytesEqual: 'Records read back with the bytes sent: {{count, number}}.',
  assertionBytesDiffer:
    'Record {{index, number}} read back differs: {{stored, number}} bytes stored, {{sent, number}} bytes sent.',
  assertionRecordMissing:
    'Record {{index, number}} is not in its shard at its sequence number (trimmed, or never stored).',
  assertionFieldHolds: '{{path}} is {{actual}} (records checked: {{count, number}}).',
  assertionFieldDiffers: '{{path}} is {{actual}}, expected {{expected}} (record {{index, number}}).',
  assertionFieldNoMatch: '{{path}} is {{actual}}, which does not match {{pattern}} (record {{index, number}}).',
  assertionFieldMissing: '{{path}} is not in record {{index, number}}.',
  assertionNotJson: 'Record {{index, number}} is not JSON, so {{path}} cannot be read.',
  assertionPathScript:
    '{{path}} uses a filter or script expression, which is never run: write a plain path such as $.order.id or $.items[0].sku.',
  assertionPathInvalid: '{{path}} is not a JSONPath: write one such as $.order.id or $.items[0].sku.',
  assertionPatternInvalid: '{{pattern}} is not a valid regular expression.',
  assertionLatency: 'p95 {{p95, number}} ms, limit {{max, number}} ms.',
  assertionNoLatency: 'No call was answered, so there is no latency to check.',
  assertionThrottled: 'Throttled {{percent, number}} % of attempts, limit {{max, number}} %.',
  assertionDuplicates: 'Records possibly stored twice: {{count, number}}.',
  assertionNothingToRead: 'No record was acknowledged, so none can be read back.',
  assertionReadTimeout: 'Reading back stopped after {{seconds, number}} s (records checked: {{checked, number}}).',
  assertionReadFailed: 'Reading back failed: {{name}}: {{message}}',
  assertionRecordsUnavailable: 'The records sent cannot be made again to compare ({{cause}}).',

  envVariableMissing:
    'The variable {{name}} used in {{field}} has no value: the selected environment does not set it, or no environment is selected.',
  envVariableNotNumber: 'The variable {{name}} used in {{field}} must be a whole number, not "{{value}}".',
  assertionPatternTooSlow:
    '{{pattern}} took longer than {{ms, number}} ms on one value and was stopped: write a simpler regular expression.',
  assertionRecordsTimed:
    'The template uses the time of sending (now, nowMs, faker.date), so its records cannot be made again byte for byte: check their fields with a JSON field assertion instead.',
  assertionPayloadKeptInPart: 'Only the first 64 KiB of this payload were kept, so the bytes sent cannot be compared.',
  environmentNotFound: 'There is no environment named "{{name}}" in this workspace.',
  environmentNameTaken: 'An environment named "{{name}}" already exists.',
  environmentTooManyVariables:
    'An environment holds at most {{max, number}} variables; this one has {{found, number}}.',
  assertionCheckOverTime: 'Checking the records read back took longer than {{seconds, number}} s and was stopped.',
  assertionCheckOverMemory:
    'Checking the records read back needed more than {{mb, number}} MB of memory and was stopped.',
  decodeLayerFailed: 'The {{layer}} layer does not fit these bytes; they are shown as they were before it.',
  decodedTooLarge:
    'The {{layer}} layer would make more than {{mb, number}} MB; the bytes are shown as they were before it.',
  decodeTooManyLayers: 'More than {{max, number}} layers wrap this record; the rest is shown as hex.',
  decodeOverTime: 'Decoding the record took more than {{seconds, number}} s and was stopped.',
  decodeOverMemory: 'Decoding the record needed more than {{mb, number}} MB of memory and was stopped.',
  filterTooLong: 'The filter has {{length, number}} characters; at most {{max, number}} are allowed.',
  filterTooComplex:
    'The filter is too complex: at most {{nodes, number}} parts and {{depth, number}} levels of nesting.',
  filterSyntax: 'The filter cannot be read at line {{line, number}}, column {{column, number}}: {{detail}}',
  filterTypes: 'The filter does not fit together at line {{line, number}}, column {{column, number}}: {{detail}}',
  filterUnknownName:
    'The filter uses "{{name}}" (line {{line, number}}, column {{column, number}}), which is not a name a record has.',
  filterNotBoolean: 'The filter gives a value of type {{type}}; it must give true or false.',
  filterOverTime: 'The filter took longer than {{seconds, number}} s on these records and was stopped.',
  filterOverMemory: 'The filter needed more than {{mb, number}} MB of memory on these records and was stopped.',
  tailFiltersUnreadable: 'The saved filters file {{path}} cannot be read, so it was left as it is.',
  tooManyTailFilters: 'A stream keeps at most {{max, number}} saved filters.',
  decodePinsNotWritten: 'The pinned decoding chains could not be written ({{cause}}); nothing was changed.',
  recordTooLargeForStream:
    "Record is {{size, number}} bytes (key + data); this stream takes at most {{max, number}} bytes. Remove {{over, number}} bytes, or raise the stream's maximum record size (UpdateMaxRecordSize, up to {{largest, number}} bytes on AWS).",
  recordTooLargeYds:
    'Record is {{size, number}} bytes (key + data); Yandex Data Streams takes at most {{max, number}} bytes a record. Remove {{over, number}} bytes.',

  aggregationNotOnYds:
    'KPL aggregation is for AWS Kinesis streams: Yandex Data Streams readers do not split aggregated records. Turn off "Aggregate (KPL)".',
  aggregationNeedsShards:
    'Aggregation groups records by shard, and the stream\'s shards could not be read: {{message}}. Check the stream, or turn off "Aggregate (KPL)".',
  largeRecordsNotOnYds:
    'Yandex Data Streams takes records of at most 1 MiB: a larger maximum record size is for AWS Kinesis streams. Leave it at 1 MiB.',
};

export const HINTS: Record<HintCode, string> = {
  badKeyYds:
    'The endpoint did not accept the key. Check the access key ID and the secret key, that the service account has the yds.writer role, and that the region is ru-central1.',
  badKeyAws:
    'The endpoint did not accept the key. Check the access key ID and the secret key, the region, and that the IAM user or role is allowed kinesis:PutRecord on this stream.',
  streamNotFoundYds:
    'The stream was not found. Check the stream path (cloud/folder ID, database ID, stream name) and that the stream exists. YDS gives the same answer when the key has no access to the database.',
  streamNotFound: 'The stream was not found. Check the stream name and the region, and that the stream exists.',
  connectionRefused:
    'Nothing answered at the endpoint. Check the endpoint URL (host and port) and that the service is running.',
  hostNotFound: 'The endpoint host name could not be resolved. Check the endpoint URL and the network connection.',
  connectionReset:
    'The endpoint closed the connection before it answered: it may have restarted, or it may not be a Kinesis-compatible service. Check the endpoint URL and try again; a record sent this way may or may not have been written.',
  tlsCertificate:
    "The endpoint's TLS certificate is not trusted: it is self-signed, expired, or made out for another host name. Check the host in the endpoint URL; for a local emulator without a trusted certificate use http://.",
  tlsHandshake:
    'A secure connection could not be set up: the endpoint may not speak https on this port. Check http:// versus https:// and the port in the endpoint URL.',
  timeout:
    'The endpoint did not answer in time. It may be slow or unreachable: check the endpoint URL and the network, or raise the request timeout in the connection.',
  throttled:
    'The stream is getting more writes than it allows. Wait and retry, send more slowly, or spread records over more shards.',
  limitExceeded:
    'The record breaks a service limit (record size, partition key length). Make it smaller and send again.',
  invalidArgument:
    'The service rejected a request argument. Check the stream name, the partition key and the explicit hash key; YDS also rejects request fields it does not know.',
  cancelled: 'The send was cancelled before an answer came; the record may or may not have been written.',
  cancelledBeforeSend: 'The send was cancelled before it went out: nothing was sent.',
  credentials:
    "No usable credentials. Check the connection's credential source: the stored key pair, the named profile in the AWS shared files, or the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables.",
  endpointMissing:
    'This connection has no endpoint URL. Set the endpoint (for example http://127.0.0.1:4567) in the connection.',
  endpointInvalid: 'The endpoint is not a valid http:// or https:// URL. Fix it in the connection.',
  serverError: 'The service had an internal error. Try again later.',
  runIncomplete: 'Export the undelivered records or re-send them from the run report.',
  runRunning: 'The run is still going; its figures are final when it ends.',
  runInterrupted:
    'The app stopped during the run. Export or re-send the undelivered records from this entry; records of unknown fate may already be stored, so they are left out of both.',
  unknown:
    "The service answered with an error. Read the message, and check the connection's endpoint, region and credentials.",
  readBadKeyYds:
    'The endpoint did not let this key read the stream. Reading needs a role that allows it (yds.viewer or yds.editor) besides yds.writer; check also the access key ID, the secret key and that the region is ru-central1.',
  readBadKeyAws:
    'The endpoint did not let this key read the stream. Reading needs kinesis:GetShardIterator and kinesis:GetRecords on this stream besides kinesis:PutRecord; check also the access key ID, the secret key and the region.',

  pickProfile: 'Pick a connection from the list; it may have been deleted.',
  dataFolderWritable: 'Check that the app data folder is writable and the disk is not full, then try again.',
  dataFolderReadable: 'Check that the data folder is readable.',
  enterKeyPair: 'Edit the connection and enter the key pair.',
  pickOtherProfileName: 'Connections are picked by name: choose another one.',
  endpointExample: 'For example http://localhost:4567',
  endpointForm: 'Write it as http://host:port or https://host',
  regionExample: 'For example {{example}}.',
  enterMatchingSecret: 'Enter the secret key that belongs to this access key id.',
  confirmWeakStore:
    'Confirm to store it anyway, or take credentials from the AWS shared files or environment variables instead.',
  unlockKeyring:
    'Unlock the system keyring, or take credentials from the AWS shared files or environment variables instead.',
  reenterSecret: 'Enter the secret key again in the connection.',
  reenterSecretKeyring: 'Enter the secret key again in the connection (the keyring may have changed).',
  restartForSandbox: 'Start the app again to use the sandbox.',
  streamNameRules:
    'Use 1-128 letters, digits, "_", "." or "-", or a YDS path /ru-central1/<cloud-id>/<database-id>/<stream>.',
  streamNameRulesAws: 'Use 1-128 letters, digits, "_", "." or "-".',
  pickOtherStreamName: 'Pick another name, or send to the existing stream.',
  fewerShards: 'Use fewer shards.',
  restartThenCompact: 'Restart the app to read the file again, then compact.',
  repairHistoryFile: 'Move or repair the history file named in the notice, then restart the app.',
  pickHistoryExport: 'Pick a file exported from Stream Composer history (NDJSON or JSON); nothing was imported.',
  smallerHistoryExport: 'Import a smaller export (export fewer entries at a time); nothing was imported.',
  pickSavedExport: 'Pick a file exported from Saved requests in Stream Composer; nothing was imported.',
  repairWorkspace: 'Check the workspace folder named in the notice and restart the app, or open another workspace.',
  savedListReloaded: 'It may have been deleted; the list was reloaded.',
  pickOtherFolder: 'It may have been deleted; pick another folder.',
  pickOtherName: 'Pick another name.',
  splitBatchFile: 'Split the file into smaller ones, or generate the records with a template.',
  fewerColumns: 'Keep only the columns the records need, or send the file as plain lines.',
  openFileAgain: 'Open the file again.',
  smallerTemplate: 'Ask the template for smaller counts and lengths, or fewer or simpler placeholders.',
  waitForRun: 'Wait for the run to end, or cancel it.',
  runDeleted: 'Its history entry was deleted, and its results with it.',
  rerunFromHistory:
    'Runs recorded by an older version, or while the runs folder could not be written, cannot be exported or re-sent: run the batch again from its history entry.',
  fixPreviewLines: 'Fix the lines the preview lists.',
  pickSuccessfulSend: 'Pick a successful send.',
  restartTail: 'The tail has stopped; start it again.',
  stopATail: 'Stop a tail you no longer watch, then start this one.',
  codeFromComposer: 'Load one record into the composer and copy it as code from there.',
  pasteFullPayload: 'Load the entry into the composer, paste the full payload, and copy as code from there.',
  pickProfileForCode: 'Create or pick a connection, then copy as code again.',
  readBackOwnProfile: 'Read back records sent with a connection you still have.',
  runResultsFile: "The run's results file lists each record's shard and sequence number.",
  fixEndpoint: 'Fix the endpoint URL in the connection.',
  fixRegion: 'Fix the region in the connection.',
  renameSharedProfile: 'Rename the profile in ~/.aws/config and in the connection.',
  defineVariable: 'Add the variable to the environment (Edit environments…), or pick an environment that has it.',
  showAsHex: 'Pick the hex layer to see the bytes as they are.',
  fixFilter:
    'A record has data (its JSON value, else its text), text, key, shard, seq, arrival and size; for example data.amount > 100 && key.startsWith("user-").',
  simplerFilter:
    'Write a simpler filter: a regular expression in matches() that can backtrack for long is the usual cause.',
};

export const TERM_TEXTS: Record<Term, string> = {
  null: 'null',
  list: 'a list',
  object: 'an object',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  other: 'not a JSON value',
};

/** A reason's English with its parameters filled in, a nested problem worded first. */
export function englishOf(problem: ReasonWithParams): string {
  return fillEnglish(MESSAGES[problem.reason], englishParams(problem));
}

/** The parameters as the English text shows them: terms and nested problems as words. */
export function englishParams({ reason, params }: ReasonWithParams): Record<string, string | number> {
  const kinds: Record<string, string> = REASONS[reason].params;
  const values = params as Record<string, string | number | ReasonWithParams>;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'object') out[name] = englishOf(value);
    else if (kinds[name] === 'term') out[name] = TERM_TEXTS[value as Term] ?? String(value);
    else if (kinds[name] === 'jsonError') out[name] = String(value).replace(/_/g, ' ');
    else out[name] = value;
  }
  return out;
}

/** A reason's or hint's English with its parameters filled in. */
export function fillEnglish(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)(, number)?\}\}/g, (whole, name: string, asNumber?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return asNumber && typeof value === 'number' ? formatCount(value) : String(value);
  });
}
