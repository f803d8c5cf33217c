// Main's failures arrive as reasons with parameters (electron/shared/reasons.ts): each reason has
// one translation, `reason.<name>`, and its hint one, `hints.<code>`, both given the reason's
// parameters (a `count` picks the plural form). An error without a reason is the renderer's own,
// already in the UI language.
import type { TFunction } from 'i18next';
import type { AppError, FieldError, OperationName } from '../../electron/contract';

/** Which call failed, as the panels label their failures. */
export type ErrorSource = OperationName | 'generateCode.composed' | 'generateCode.history';

export interface ErrorText {
  message: string;
  hint?: string;
}

export function errorText(t: TFunction, error: AppError): ErrorText {
  const params = error.params ?? {};
  const message = error.reason ? t(`reason.${error.reason}`, params) : error.message;
  const hint = error.hintCode
    ? t(`hints.${error.hintCode}`, { ...params, defaultValue: error.hint ?? '' })
    : error.hint;
  return { message, ...(hint ? { hint } : {}) };
}

export function fieldErrorText(t: TFunction, field: FieldError): string {
  return t(`reason.${field.reason}`, field.params);
}
