// The failure hints have one English source (HINTS in electron/kinesis/errors.ts); the renderer
// shows `hints.<hintCode>` from its dictionaries. Both must stay in step with that table.
import { createInstance } from 'i18next';
import { expect, test } from 'vitest';
import { describeFailure, HINTS, type HintCode, type HintFamily } from '../../electron/kinesis/errors';
import en from '../../renderer/i18n/en.json';
import ru from '../../renderer/i18n/ru.json';
import { appError } from '../../electron/app-error';
import { FAILURE_HINT_CODES } from '../../electron/shared/reasons';
import { errorText } from '../../renderer/i18n/mainError';

const codes = Object.keys(HINTS) as HintCode[];

test('en.json holds every hint exactly as HINTS words it, and nothing else', () => {
  expect(en.hints).toStrictEqual(HINTS);
});

test('ru.json translates every hint and keeps the names the user has to type or find', () => {
  expect(Object.keys(ru.hints).sort()).toEqual([...codes].sort());
  // Role names, regions, environment variables, IAM actions, URLs: never translated.
  const literal = /[A-Za-z0-9]+(?:[._:]+[A-Za-z0-9]+)+|ru-central1/g;
  for (const code of codes) {
    const text: string = ru.hints[code];
    expect(text, code).toMatch(/[а-яё]{4,}/i);
    for (const name of HINTS[code].match(literal) ?? []) expect(text, code).toContain(name);
  }
});

// An SDK-style error: a service `__type` as the name, the HTTP status in $metadata.
const serviceError = (name: string, httpStatusCode: number) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode } });
const localError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

// The SDK's HTTP handler renames a reset to TimeoutError and keeps the socket's code.
const renamedReset = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });

const cases: {
  error: unknown;
  family?: HintFamily;
  aborted?: 'beforeCall' | 'inFlight';
  elapsedMs?: number;
  code: HintCode;
}[] = [
  { error: serviceError('AccessDeniedException', 403), family: 'yds', code: 'badKeyYds' },
  { error: serviceError('InvalidSignatureException', 400), family: 'aws', code: 'badKeyAws' },
  { error: serviceError('ResourceNotFoundException', 400), family: 'yds', code: 'streamNotFoundYds' },
  { error: serviceError('ResourceNotFoundException', 400), family: 'aws', code: 'streamNotFound' },
  { error: localError('ECONNREFUSED'), code: 'connectionRefused' },
  { error: localError('EAI_AGAIN'), code: 'hostNotFound' },
  { error: localError('EPIPE'), code: 'connectionReset' },
  { error: renamedReset, elapsedMs: 3, code: 'connectionReset' },
  { error: renamedReset, code: 'connectionReset' },
  // A "timeout" at 3 ms of a 1000 ms limit is a connection that ended without an answer.
  {
    error: Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }),
    elapsedMs: 3,
    code: 'connectionReset',
  },
  { error: Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }), elapsedMs: 1001, code: 'timeout' },
  { error: Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }), code: 'timeout' },
  { error: localError('ETIMEDOUT'), elapsedMs: 3, code: 'timeout' },
  { error: localError('DEPTH_ZERO_SELF_SIGNED_CERT'), code: 'tlsCertificate' },
  { error: localError('CERT_HAS_EXPIRED'), code: 'tlsCertificate' },
  { error: localError('ERR_TLS_CERT_ALTNAME_INVALID'), code: 'tlsCertificate' },
  { error: localError('EPROTO'), code: 'tlsHandshake' },
  { error: localError('ERR_SSL_WRONG_VERSION_NUMBER'), code: 'tlsHandshake' },
  { error: serviceError('ThrottlingException', 400), family: 'yds', code: 'throttled' },
  { error: serviceError('ValidationException', 400), code: 'limitExceeded' },
  { error: serviceError('InvalidArgumentException', 400), code: 'invalidArgument' },
  { error: new Error('aborted'), aborted: 'inFlight', code: 'cancelled' },
  { error: new Error('aborted'), aborted: 'beforeCall', code: 'cancelledBeforeSend' },
  {
    error: Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }),
    code: 'credentials',
  },
  { error: Object.assign(new Error('no endpoint'), { name: 'ENDPOINT_MISSING' }), code: 'endpointMissing' },
  { error: Object.assign(new Error('bad endpoint'), { name: 'ENDPOINT_INVALID' }), code: 'endpointInvalid' },
  { error: serviceError('SomethingBroke', 503), code: 'serverError' },
  { error: serviceError('SomethingNewException', 400), code: 'unknown' },
];

test('every failure names its hint code, with the English hint for that code', () => {
  for (const c of cases) {
    const failure = describeFailure(c.error, {
      family: c.family ?? 'aws',
      timeoutMs: 1000,
      ...(c.elapsedMs === undefined ? {} : { elapsedMs: c.elapsedMs }),
      aborted: c.aborted ?? false,
      redact: (text: string) => text,
      accessKeyIds: [],
    });
    expect(failure.hintCode, String(c.error)).toBe(c.code);
    expect(failure.hint).toBe(HINTS[c.code]);
  }
  // Every call-failure code can be reached, so none of the translations is dead (the advice codes:
  // tests/unit/error-reasons.test.ts). The run codes are
  // a load run's own (tests/unit/runs-faults.test.ts, tests/unit/runs-crash.test.ts).
  expect(new Set([...cases.map((c) => c.code), 'runIncomplete', 'runRunning', 'runInterrupted'])).toEqual(
    new Set(FAILURE_HINT_CODES),
  );
});

test('a failure says whether the call can have stored anything', () => {
  const ctx = {
    family: 'aws' as const,
    timeoutMs: 1000,
    aborted: false as const,
    redact: (text: string) => text,
    accessKeyIds: [],
  };
  expect(describeFailure(serviceError('ThrottlingException', 400), ctx).delivery).toBe('answered');
  expect(describeFailure(serviceError('InternalFailure', 500), ctx).delivery).toBe('answered');
  expect(describeFailure(renamedReset, ctx).delivery).toBe('noAnswer');
  expect(describeFailure(localError('ECONNREFUSED'), ctx).delivery).toBe('notSent');
  expect(describeFailure(localError('DEPTH_ZERO_SELF_SIGNED_CERT'), ctx).delivery).toBe('notSent');
  // An unknown local error: nothing says the call did not arrive.
  expect(describeFailure(localError('EWHATEVER'), ctx).delivery).toBe('noAnswer');
  expect(describeFailure(new Error('aborted'), { ...ctx, aborted: 'beforeCall' }).delivery).toBe('notSent');
  expect(describeFailure(new Error('aborted'), { ...ctx, aborted: 'inFlight' }).delivery).toBe('noAnswer');
});

test('a read or tail refused by the endpoint shows its hint in the UI language', async () => {
  const i18n = createInstance();
  await i18n.init({ resources: { en: { translation: en }, ru: { translation: ru } }, lng: 'ru' });
  const t = i18n.getFixedT('ru');
  const refused = appError('callFailed', { name: 'ECONNRESET', message: 'closed' });
  expect(errorText(t, { ...refused, hint: HINTS.connectionReset, hintCode: 'connectionReset' })).toEqual({
    message: 'Вызов завершился ошибкой ECONNRESET: closed',
    hint: ru.hints.connectionReset,
  });
  // A read's own hint has its own code, translated too.
  expect(errorText(t, { ...refused, hint: HINTS.readBadKeyYds, hintCode: 'readBadKeyYds' }).hint).toBe(
    ru.hints.readBadKeyYds,
  );
});
