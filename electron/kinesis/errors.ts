// What a failed call means and what the user should do about it, keyed on the error name (the
// service's `__type`) or the socket's error code, never on message text: YDS and AWS word their
// messages differently and YDS wraps them in storage-layer prefixes. The English texts live in one
// table (electron/messages.ts); a failure carries its hint code so the renderer can show renderer/i18n's `hints.<code>`.
// Sends, runs, reads and tails all describe their failures here.
import type { Delivery, SendFailure } from '../contract';
import { HINTS } from '../messages';
import type { HintCode } from '../shared/reasons';

/** Whose words the hint uses: YDS (roles, stream paths) or AWS (IAM, stream names). */
export type HintFamily = 'yds' | 'aws';

export { HINTS } from '../messages';
export type { HintCode } from '../shared/reasons';

const BAD_KEY = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
]);

const BY_NAME: Record<string, { code: HintCode; retryable: boolean }> = {
  ECONNREFUSED: { code: 'connectionRefused', retryable: false },
  ENOTFOUND: { code: 'hostNotFound', retryable: false },
  ECONNRESET: { code: 'connectionReset', retryable: true },
  TLS_CERTIFICATE: { code: 'tlsCertificate', retryable: false },
  TLS_HANDSHAKE: { code: 'tlsHandshake', retryable: false },
  TIMEOUT: { code: 'timeout', retryable: true },
  CANCELLED: { code: 'cancelled', retryable: true },
  CREDENTIALS: { code: 'credentials', retryable: false },
  ENDPOINT_MISSING: { code: 'endpointMissing', retryable: false },
  ENDPOINT_INVALID: { code: 'endpointInvalid', retryable: false },
  ProvisionedThroughputExceededException: { code: 'throttled', retryable: true },
  ThrottlingException: { code: 'throttled', retryable: true },
  ValidationException: { code: 'limitExceeded', retryable: false },
  InvalidArgumentException: { code: 'invalidArgument', retryable: false },
  InternalFailure: { code: 'serverError', retryable: true },
  InternalFailureException: { code: 'serverError', retryable: true },
  ServiceUnavailable: { code: 'serverError', retryable: true },
};

export interface Advice {
  code: HintCode;
  hint: string;
  retryable: boolean;
}

export function adviceFor(name: string, family: HintFamily, httpStatus: number | null): Advice {
  const pick = (code: HintCode, retryable: boolean): Advice => ({ code, hint: HINTS[code], retryable });
  if (BAD_KEY.has(name)) return pick(family === 'yds' ? 'badKeyYds' : 'badKeyAws', false);
  if (name === 'ResourceNotFoundException')
    return pick(family === 'yds' ? 'streamNotFoundYds' : 'streamNotFound', false);
  const known = BY_NAME[name];
  if (known) return pick(known.code, known.retryable);
  if (httpStatus !== null && httpStatus >= 500) return pick('serverError', true);
  return pick('unknown', false);
}

/** A failure found before anything was sent (bad endpoint, no credentials); `name` is a BY_NAME key. */
export function localFailure(name: 'CREDENTIALS' | 'ENDPOINT_MISSING' | 'ENDPOINT_INVALID', message: string): Error {
  return Object.assign(new Error(message), { name });
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  cause?: { code?: string };
  errors?: { message?: string; code?: string }[];
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
}

/** Socket error codes, by the name the failure is given. */
const SOCKET_CODES: Record<string, string> = {
  ECONNREFUSED: 'ECONNREFUSED',
  ENOTFOUND: 'ENOTFOUND',
  EAI_AGAIN: 'ENOTFOUND',
  ECONNRESET: 'ECONNRESET',
  EPIPE: 'ECONNRESET',
};

// Node's names for a certificate it does not trust, and for a handshake that failed otherwise
// (https:// to a plain-http port answers EPROTO / ERR_SSL_WRONG_VERSION_NUMBER).
const CERTIFICATE =
  /^(CERT_|ERR_TLS_CERT|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(GET|VERIFY|DECRYPT))/;
const HANDSHAKE = /^(EPROTO$|ERR_SSL_|ERR_TLS_)/;

/** The local causes a call can have had, and whether it can have stored anything. */
const DELIVERY_OF: Record<string, Delivery> = {
  CANCELLED: 'noAnswer',
  ECONNRESET: 'noAnswer',
  TIMEOUT: 'noAnswer',
  ECONNREFUSED: 'notSent',
  ENOTFOUND: 'notSent',
  TLS_CERTIFICATE: 'notSent',
  TLS_HANDSHAKE: 'notSent',
  CREDENTIALS: 'notSent',
  ENDPOINT_MISSING: 'notSent',
  ENDPOINT_INVALID: 'notSent',
};

/**
 * The socket's own error code. The SDK's HTTP handler renames a reset (ECONNRESET, EPIPE) to
 * TimeoutError but keeps its code; Node reports a refused dual-stack connect as an AggregateError.
 */
function codeOf(e: ErrorLike): string | undefined {
  return e.code ?? e.cause?.code ?? e.errors?.find((x) => x.code)?.code;
}

function failureName(e: ErrorLike, ctx: FailureContext): string {
  if (ctx.aborted || e.name === 'AbortError') return 'CANCELLED';
  if (e.name === 'CredentialsProviderError') return 'CREDENTIALS';
  const code = codeOf(e);
  if (code && SOCKET_CODES[code]) return SOCKET_CODES[code];
  if (code && CERTIFICATE.test(code)) return 'TLS_CERTIFICATE';
  if (code && HANDSHAKE.test(code)) return 'TLS_HANDSHAKE';
  // The system's own (a connect the network never answered) or the handler's request timeout.
  if (code === 'ETIMEDOUT') return 'TIMEOUT';
  if (e.name === 'TimeoutError') {
    // A "timeout" well before the limit is a connection that ended without an answer.
    return ctx.elapsedMs !== undefined && ctx.elapsedMs < ctx.timeoutMs * 0.9 ? 'ECONNRESET' : 'TIMEOUT';
  }
  return e.name || 'Error';
}

function failureMessage(e: ErrorLike, name: string, ctx: FailureContext): string {
  const attempts = e.$metadata?.attempts ?? 1;
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  const own = e.message || e.errors?.map((x) => x.message).join('; ') || name;
  switch (name) {
    case 'CANCELLED':
      return 'The send was cancelled.';
    case 'TIMEOUT':
      // requestTimeout applies to each attempt, and the SDK retries timeouts.
      return `No answer within ${ctx.timeoutMs} ms (per attempt, ${attempts} attempt${attempts === 1 ? '' : 's'}).`;
    case 'ECONNRESET': {
      const after = ctx.elapsedMs === undefined ? '' : ` after ${Math.round(ctx.elapsedMs)} ms`;
      const tries = attempts > 1 ? `; attempts made: ${attempts}` : '';
      return `The endpoint closed the connection${after}, before an answer (${own}${tries}).`;
    }
    case 'TLS_CERTIFICATE':
    case 'TLS_HANDSHAKE':
      return `${own} (${codeOf(e)}).`;
    default:
      return own;
  }
}

function deliveryOf(name: string, e: ErrorLike, ctx: FailureContext): Delivery {
  if (name === 'CANCELLED' && ctx.aborted === 'beforeCall') return 'notSent';
  // An error without an HTTP status that is not one of the known local causes: nothing says the
  // call did not arrive, so it counts as unanswered.
  return DELIVERY_OF[name] ?? (e.$metadata?.httpStatusCode === undefined ? 'noAnswer' : 'answered');
}

export interface FailureContext {
  family: HintFamily;
  /** The profile's per-attempt request timeout. */
  timeoutMs: number;
  /** Milliseconds from the call going out to its failure, where the caller knows them. */
  elapsedMs?: number;
  /** Whether the user cancelled, and if so whether before the call went out or while it was out. */
  aborted: false | 'beforeCall' | 'inFlight';
  /** Takes every credential value the app holds out of a text (secrets/redact.ts). */
  redact: (text: string) => string;
  /** Access key ids in use: a message keeps only their last 4 characters, as the profile list shows them. */
  accessKeyIds: string[];
}

const maskKeyId = (id: string) => `…${id.length > 4 ? id.slice(-4) : ''}`;

/**
 * Services echo the signing credential in signature errors (`Credential=AKIA…/date/region/…`). The
 * known key ids are cut wherever they appear; the pattern catches ids this side never saw (those
 * read from the AWS shared files).
 */
function maskKeyIds(message: string, accessKeyIds: string[]): string {
  for (const id of accessKeyIds) if (id) message = message.split(id).join(maskKeyId(id));
  // \u2026 (…) as an escape: esbuild keeps a regular expression's characters as written, and one
  // non-ASCII byte in dist/stream-composer.mjs doubles what every start pays to decode the file.
  return message.replace(/Credential=([^/\s,\u2026]+)/g, (_, id: string) => `Credential=${maskKeyId(id)}`);
}

export function describeFailure(error: unknown, ctx: FailureContext): SendFailure {
  const e: ErrorLike = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const name = failureName(e, ctx);
  const httpStatus = e.$metadata?.httpStatusCode ?? null;
  const advice: Advice =
    name === 'CANCELLED' && ctx.aborted === 'beforeCall'
      ? { code: 'cancelledBeforeSend', hint: HINTS.cancelledBeforeSend, retryable: true }
      : adviceFor(name, ctx.family, httpStatus);
  const message = maskKeyIds(ctx.redact(failureMessage(e, name, ctx)), ctx.accessKeyIds);
  const requestId = e.$metadata?.requestId;
  return {
    // The service's `__type`, as it chose to spell it.
    name: ctx.redact(name),
    message,
    hint: advice.hint,
    hintCode: advice.code,
    delivery: deliveryOf(name, e, ctx),
    httpStatus,
    // The endpoint's own header: it can echo what the request carried as well as a message can.
    requestId: requestId === undefined ? null : ctx.redact(requestId),
    retryable: advice.retryable || (advice.code === 'unknown' && e.$retryable !== undefined),
    attempts: e.$metadata?.attempts ?? (name.startsWith('ENDPOINT_') || name === 'CREDENTIALS' ? 0 : 1),
  };
}
