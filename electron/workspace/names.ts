// File and folder names made from what the user typed, safe on Windows, macOS and Linux: no
// characters those systems refuse, no reserved device names, no trailing dot or space, no leading
// dot (those are hidden and ignored by the workspace), and unique ignoring case (macOS and Windows
// folders are case-insensitive).
import { ENVIRONMENTS_DIR, REQUEST_SUFFIX } from './format';

// eslint-disable-next-line no-control-regex -- control characters are what Windows refuses in a name
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]+/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** In UTF-8 bytes: with a suffix, `-99` and the temp file's additions a name stays under 255 bytes. */
const MAX_STEM_BYTES = 120;

/** A request's file name stem from its name: lower case, words joined by '-'. */
export function requestStem(name: string): string {
  const stem = name
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(FORBIDDEN, '-')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-');
  return tidy(stem, 'request');
}

/** A folder's directory name from its name: as typed, less what a file system refuses. */
export function folderDirName(name: string): string {
  const dir = tidy(name.normalize('NFC').replace(FORBIDDEN, '-').replace(/\s+/g, ' '), 'folder');
  return dir.toLowerCase() === ENVIRONMENTS_DIR ? `${dir}-1` : dir;
}

function tidy(text: string, fallback: string): string {
  let out = cutToBytes(text, MAX_STEM_BYTES)
    .replace(/^[.\s-]+|[.\s-]+$/g, '')
    .replace(/-{2,}/g, '-');
  if (!out) out = fallback;
  return RESERVED.test(out) ? `${out}-1` : out;
}

function cutToBytes(text: string, max: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > max) break;
    out += char;
  }
  return out;
}

/** `stem.request.yaml`, or `stem-2.request.yaml`… when a name is taken (compared ignoring case). */
export function uniqueRequestFile(stem: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  for (let n = 1; ; n++) {
    const file = `${n === 1 ? stem : `${stem}-${n}`}${REQUEST_SUFFIX}`;
    if (!lower.has(file.toLowerCase())) return file;
  }
}

/** A folder's directory name, with ` 2`, ` 3`… when taken (compared ignoring case). */
export function uniqueFolder(dir: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  for (let n = 1; ; n++) {
    const name = n === 1 ? dir : `${dir} ${n}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
