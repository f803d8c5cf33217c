// Main's failures arrive as reasons with parameters (electron/shared/reasons.ts): each reason has
// one translation, `reason.<name>`, and its hint one, `hints.<code>`, both given the reason's
// parameters (a `count` picks the plural form). An error without a reason is the renderer's own,
// already in the UI language.
import type { TFunction } from 'i18next';
import type { AppError, FieldError, OperationName } from '../../electron/contract';
import { REASONS, type ReasonWithParams } from '../../electron/shared/reasons';

/** Which call failed, as the panels label their failures. */
export type ErrorSource = OperationName | 'generateCode.composed' | 'generateCode.history';

export interface ErrorText {
  message: string;
  hint?: string;
}

export function errorText(t: TFunction, error: AppError): ErrorText {
  const params = error.reason ? wordedParams(t, error) : {};
  const message = error.reason ? t(`reason.${error.reason}`, params) : error.message;
  const hint = error.hintCode
    ? t(`hints.${error.hintCode}`, { ...params, defaultValue: error.hint ?? '' })
    : error.hint;
  return { message, ...(hint ? { hint } : {}) };
}

export function fieldErrorText(t: TFunction, field: FieldError): string {
  return problemText(t, field);
}

/** A reason with its parameters in the UI language: a batch line's or a template's problem, a field's. */
export function problemText(t: TFunction, problem: ReasonWithParams): string {
  return t(`reason.${problem.reason}`, wordedParams(t, problem));
}

/** Terms, JSON syntax errors and nested problems worded in the UI language; text and numbers as they are. */
function wordedParams(t: TFunction, { reason, params }: ReasonWithParams): Record<string, unknown> {
  const kinds: Record<string, string> = REASONS[reason].params;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    if (typeof value === 'object' && value !== null) out[name] = problemText(t, value as ReasonWithParams);
    else if (kinds[name] === 'term') out[name] = t(`term.${String(value)}`);
    else if (kinds[name] === 'jsonError')
      out[name] = t(`validation.jsonError.${String(value)}`, { defaultValue: String(value).replace(/_/g, ' ') });
    else out[name] = value;
  }
  return out;
}
