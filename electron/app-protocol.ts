// The renderer's own origin, app://stream-composer. A page loaded from file:// shares its origin
// with every file on disk (CSP 'self' and fetch reach /etc/hostname); a page of this scheme
// reaches only the files served here, which are those under the built renderer's folder. Plain
// Node, so main.ts registers it with protocol.handle and the test harness serves Chromium through
// the same code.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export const APP_SCHEME = 'app';
const APP_HOST = 'stream-composer';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Whether a URL belongs to the app's own origin. Node's URL has no origin for a custom scheme, so
 * scheme and host are compared (Chromium lower-cases both for a standard scheme).
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
}

/**
 * The origin of `npm run dev`'s Vite server, which an app run from source (`electron .`) loads its
 * page from. Only plain http on loopback, and never in an installed app: there an environment
 * variable must not make main trust a page that is not its own files.
 */
export function devServerOrigin(url: string | undefined, packaged: boolean): string | null {
  if (packaged || !url || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  return parsed.protocol === 'http:' && loopback && !parsed.username && !parsed.password ? parsed.origin : null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * The file under root that a URL path (as it stands in the URL, percent-encoded) names, or null
 * when it would leave root: an encoded ../ or \ (a separator on Windows), a NUL, or bad encoding.
 * The install path itself is never part of a URL, so spaces, %, ~ or non-ASCII in it do not matter.
 */
export function fileOfUrlPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const file = path.join(root, decoded === '/' ? 'index.html' : decoded);
  const inside = path.relative(root, file);
  return inside && !inside.startsWith('..') && !path.isAbsolute(inside) ? file : null;
}

/** The answer to a request for `url`: the file with its type, or 404 for anything else. */
export async function serveAppFile(root: string, url: string): Promise<Response> {
  const notFound = () =>
    new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (!isAppUrl(url)) return notFound();
  const file = fileOfUrlPath(root, new URL(url).pathname);
  if (!file) return notFound();
  try {
    if (!(await stat(file)).isFile()) return notFound();
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      },
    });
  } catch {
    return notFound();
  }
}
