// Says a composer issue in the current language; unknown codes fall back to main's English text.
import { formatNumber } from '../../i18n';
import type { TFunction } from 'i18next';
import type { Issue } from './validate';

export function issueText(t: TFunction, issue: Issue): string {
  const p = issue.params ?? {};
  switch (issue.code) {
    case 'REQUIRED':
      return t('validation.required');
    case 'STREAM_PART':
      return t('validation.streamPart');
    case 'STREAM_NAME':
      return t('validation.streamName');
    case 'KEY_EMPTY':
      return t('validation.keyEmpty');
    case 'KEY_TOO_LONG':
      return t(p.unit === 'bytes' ? 'validation.keyTooLongBytes' : 'validation.keyTooLongChars', p);
    case 'ENV_MISSING':
      return t('environments.unknownVariable', p);
    case 'HASH_KEY_INVALID':
      return t('validation.hashKey');
    case 'INVALID_JSON': {
      // The shared helper words jsonc-parser's error codes ("property name expected"); say them in the UI language.
      const raw = String(p.detail ?? '');
      const detail = t(`validation.jsonError.${raw.replace(/ /g, '_')}`, { defaultValue: raw });
      return p.line ? t('validation.jsonAt', { ...p, detail }) : t('validation.json', { ...p, detail });
    }
    case 'INVALID_BASE64':
    case 'INVALID_HEX': {
      const kind = issue.code === 'INVALID_HEX' ? 'hex' : 'base64';
      return t(`validation.${kind}.${String(p.reason)}`, p);
    }
    case 'RECORD_TOO_LARGE': {
      const text = t('validation.tooLarge', {
        count: Number(p.over),
        size: formatNumber(Number(p.size)),
        limit: formatNumber(Number(p.limit)),
        over: formatNumber(Number(p.over)),
      });
      // A stream raised to large records could take it: say how, as the console would.
      return p.largest ? `${text} ${t('largeRecords.raise', { largest: formatNumber(Number(p.largest)) })}` : text;
    }
    default:
      return issue.message;
  }
}
