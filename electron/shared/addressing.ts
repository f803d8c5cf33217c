// Stream addressing shared by the renderer (live preview) and main (re-validation before send).
// Pure code: no Node or DOM APIs, so both sides import it.
import type { Target } from '../contract';

export const YDS_DEFAULT_ENDPOINT = 'https://yds.serverless.yandexcloud.net';
export const YDS_REGION = 'ru-central1';

export interface YdsPath {
  region: string;
  cloudId: string;
  databaseId: string;
  stream: string;
}

/** The StreamName YDS expects: `/ru-central1/<cloud-or-folder>/<database>/<stream>`. */
export function buildYdsStreamName(p: Omit<YdsPath, 'region'> & { region?: string }): string {
  return `/${p.region || YDS_REGION}/${p.cloudId}/${p.databaseId}/${p.stream}`;
}

/** The StreamName a composed target sends to: its YDS parts joined, or the name as typed. */
export function targetStreamName(target: Target): string {
  return target.type === 'yds' ? buildYdsStreamName(target) : target.streamName;
}

/**
 * Splits a pasted YDS path into its parts. Accepts the path with or without the leading slash
 * (YDS's own error messages print it without), surrounding whitespace and quotes.
 */
export function parseYdsPath(input: string): YdsPath | null {
  const cleaned = input
    .trim()
    .replace(/^["'`]|["'`]$/g, '')
    .trim();
  const m = /^\/?([a-z]+-[a-z]+\d+)\/([^/\s]+)\/([^/\s]+)\/([^/\s]+)$/.exec(cleaned);
  if (!m) return null;
  return { region: m[1], cloudId: m[2], databaseId: m[3], stream: m[4] };
}

// Quotes a path may come wrapped in when copied from docs, chats or code: straight, typographic
// and guillemets.
const WRAPPING_QUOTES = /^["'`“”‘’«»]+|["'`“”‘’«»]+$/g;

/**
 * A path as a user pastes it into the path helper: besides what parseYdsPath takes, quotes of any
 * kind with spaces inside them, and a trailing slash (copied from a folder-like listing).
 */
export function parsePastedYdsPath(input: string): YdsPath | null {
  return parseYdsPath(input.trim().replace(WRAPPING_QUOTES, '').trim().replace(/\/+$/, ''));
}

export function isYdsStreamName(name: string): boolean {
  return name.startsWith('/') && parseYdsPath(name) !== null;
}

/** The shape the YDS examples validate; a mismatch is only a warning (ids vary in length). */
export function ydsPathLooksUnusual(name: string): boolean {
  return !/^\/.+\/\w{15,}\/\w{20,}\/\w{3,}$/.test(name);
}

const AWS_STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

export function isValidAwsStreamName(name: string): boolean {
  return AWS_STREAM_NAME.test(name);
}
