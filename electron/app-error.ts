// Every failure main answers is an AppError naming a reason with its parameters
// (electron/shared/reasons.ts), so the renderer can word it in the UI language; the English
// message rides along for logs and tests.
import type { z } from 'zod';
import type { AppError, FieldError } from './contract';
import { englishOf } from './messages';
import { ServiceError } from './services';
import { REASONS, type Reason, type ReasonParams, type ReasonWithParams } from './shared/reasons';

/** The AppError of a reason: its code, its English, and the fields it marks. */
export function appError<R extends Reason>(reason: R, params: ReasonParams<R>, fields?: FieldError[]): AppError {
  return {
    code: REASONS[reason].code,
    ...reasonOf(reason, params),
    message: englishOf({ reason, params } as ReasonWithParams),
    ...(fields?.length ? { fields } : {}),
  } as AppError;
}

export function fieldError<R extends Reason>(path: string, reason: R, params: ReasonParams<R>): FieldError {
  return {
    path,
    ...reasonOf(reason, params),
    message: englishOf({ reason, params } as ReasonWithParams),
  } as FieldError;
}

const reasonOf = <R extends Reason>(reason: R, params: ReasonParams<R>) => ({ reason, params });

/** Whatever a service threw, as the renderer gets it. */
export function toAppError(e: unknown): AppError {
  if (e instanceof ServiceError) {
    const hint = { ...(e.hint ? { hint: e.hint } : {}), ...(e.hintCode ? { hintCode: e.hintCode } : {}) };
    const error = appError(
      e.reason,
      e.params as ReasonParams<Reason>,
      e.field ? [fieldError(e.field, e.reason, e.params as ReasonParams<Reason>)] : undefined,
    );
    return { ...error, ...hint };
  }
  return appError('unexpected', { message: e instanceof Error ? e.message : String(e) });
}

/** An input the operation's schema refused, every field with the rule it broke. */
export function invalidInput(operation: string, input: unknown, issues: z.core.$ZodIssue[]): AppError {
  return appError(
    'inputInvalid',
    { operation },
    issues.map((issue) => fieldOfIssue(input, issue)),
  );
}

/** zod's issue kinds, mapped once: the schema's own English stays only as a last resort. */
export function fieldOfIssue(input: unknown, issue: z.core.$ZodIssue): FieldError {
  const path = issue.path.join('.');
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return fieldError(path, 'fieldRequired', {});
      return issue.expected === 'int'
        ? fieldError(path, 'fieldNotInteger', {})
        : fieldError(path, 'fieldWrongType', { expected: issue.expected });
    case 'too_big':
      return issue.origin === 'string'
        ? fieldError(path, 'fieldTooLong', { max: Number(issue.maximum) })
        : fieldError(path, 'fieldTooLarge', { max: Number(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? fieldError(path, 'fieldRequired', {})
          : fieldError(path, 'fieldTooShort', { min: Number(issue.minimum) });
      return fieldError(path, 'fieldTooSmall', { min: Number(issue.minimum) });
    case 'invalid_format':
      return fieldError(path, 'fieldFormat', {});
    case 'invalid_value':
      return fieldError(path, 'fieldOneOf', { options: issue.values.map(String).join(', ') });
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options)
        ? fieldError(path, 'fieldOneOf', { options: issue.options.map(String).join(', ') })
        : fieldError(path, 'fieldInvalid', { detail: issue.message });
    case 'unrecognized_keys':
      return fieldError(path, 'fieldUnknown', { keys: issue.keys.join(', ') });
    default:
      return fieldError(path, 'fieldInvalid', { detail: issue.message });
  }
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
