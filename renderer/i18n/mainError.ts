// Main words its failures in English. Where the renderer knows what a failure means — which call
// failed, the error code, the field path — it says so in the UI language; main's message (and
// hint) stay as the fallback for anything it does not recognise.
import type { TFunction } from 'i18next';
import type { AppError, ErrorCode, OperationName } from '../../electron/contract';

/** Where an error came from: an operation, or one of its sources where the code means different things. */
export type ErrorSource = OperationName | 'generateCode.composed' | 'generateCode.history';

// Each key holds `message` and, where main gives advice, `hint`. Only errors without field paths:
// with them, the fields say what is wrong.
const BY_CODE: { [S in ErrorSource]?: Partial<Record<ErrorCode, string>> } = {
  selectProfile: { NOT_FOUND: 'mainError.profileGone' },
  duplicateProfile: { NOT_FOUND: 'mainError.profileGone' },
  deleteProfile: { NOT_FOUND: 'mainError.profileGone' },
  saveProfile: { NOT_FOUND: 'mainError.profileGone', NEEDS_CONFIRMATION: 'mainError.weakStore', REJECTED: 'mainError.storeUnavailable' },
  sendRecord: { NOT_FOUND: 'mainError.profileGone', INVALID_INPUT: 'mainError.secretMissing', REJECTED: 'mainError.secretUnreadable' },
  startTail: { NOT_FOUND: 'mainError.profileGone' },
  getHistoryEntry: { NOT_FOUND: 'mainError.entryGone' },
  deleteHistoryEntry: { NOT_FOUND: 'mainError.entryGone' },
  'generateCode.composed': { NOT_FOUND: 'mainError.profileGone', REJECTED: 'mainError.secretUnreadable' },
  'generateCode.history': { NOT_FOUND: 'mainError.entryGone', INVALID_INPUT: 'mainError.codeFromTruncated' },
};

// Field paths whose every message from main comes down to one rule the UI can state itself.
const BY_FIELD: { [S in ErrorSource]?: Record<string, string> } = {
  saveProfile: {
    name: 'mainError.field.profileName',
    endpoint: 'mainError.field.endpoint',
    region: 'mainError.field.region',
    ydsCloudId: 'mainError.field.tooLong',
    ydsDatabaseId: 'mainError.field.tooLong',
    'credentials.sharedProfile': 'mainError.field.tooLong',
    'credentials.accessKeyId': 'mainError.field.accessKeyId',
    'credentials.secretAccessKey': 'mainError.field.secretAccessKey',
    timeoutMs: 'mainError.field.timeout',
    maxAttempts: 'mainError.field.retries',
  },
  createStream: {
    'target.streamName': 'mainError.field.sandboxStreamName',
    'target.stream': 'mainError.field.sandboxStreamName',
    shardCount: 'mainError.field.shardCount',
  },
};

export interface ErrorText {
  message: string;
  hint?: string;
}

export function errorText(t: TFunction, source: ErrorSource, error: AppError): ErrorText {
  const key = error.fields?.length ? undefined : BY_CODE[source]?.[error.code];
  if (!key) {
    const hint = error.hintCode ? t(`hints.${error.hintCode}`, { defaultValue: error.hint ?? '' }) : error.hint;
    return { message: error.message, ...(hint ? { hint } : {}) };
  }
  const hint = t(`${key}.hint`, { defaultValue: '' });
  return { message: t(`${key}.message`), ...(hint ? { hint } : {}) };
}

export function fieldErrorText(t: TFunction, source: ErrorSource, field: { path: string; message: string }): string {
  const key = BY_FIELD[source]?.[field.path];
  return key ? t(key) : field.message;
}
