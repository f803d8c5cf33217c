// Who may talk to the sandbox: the app's own clients, never a web page. A page the user opens can
// reach 127.0.0.1 too, so the sandbox grants no CORS, refuses anything a browser marks as coming
// from a page (Origin, Sec-Fetch-*), refuses Host names other than its own (DNS rebinding), and
// wants a per-start key pair no page can know (checked in sigv4.ts). kinesalite, behind the front,
// answers only requests carrying the front's per-start backend key.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { KeyPair } from '../services';
import type { Rejection } from './yds-rules';

/** The header the front (and the sandbox's own admin client) adds for kinesalite. */
export const BACKEND_KEY_HEADER = 'x-stream-composer-backend-key';

const refused = (message: string): Rejection => ({ type: 'AccessDeniedException', message });

export function randomKeyPair(): KeyPair {
  return {
    accessKeyId: `SANDBOX${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
}

export const randomBackendKey = () => randomBytes(32).toString('hex');

/** Why a request must not reach the sandbox before its signature is even looked at, or null. */
export function browserRejection(req: IncomingMessage, port: number): Rejection | null {
  // Browsers send Origin on every cross-origin fetch and every preflight; Sec-Fetch-* on every request.
  if (req.headers.origin !== undefined || Object.keys(req.headers).some((h) => h.startsWith('sec-fetch-'))) {
    return refused(
      'The local sandbox answers Stream Composer and SDK clients only; requests from web pages are refused.',
    );
  }
  if (req.method === 'OPTIONS') return refused('The local sandbox grants no cross-origin access.');
  const host = (req.headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    return refused(
      `Host "${req.headers.host ?? ''}" is not the local sandbox's address; use http://127.0.0.1:${port}.`,
    );
  }
  return null;
}

/** Makes kinesalite's server answer only requests that carry `key` in BACKEND_KEY_HEADER. */
export function guardBackend(server: Server, key: string): void {
  const [serve] = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  const expected = Buffer.from(key);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const given = Buffer.from(String(req.headers[BACKEND_KEY_HEADER] ?? ''));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return void serve(req, res);
    const body = JSON.stringify({ __type: 'AccessDeniedException', message: 'Not the local sandbox endpoint.' });
    res.writeHead(403, {
      'Content-Type': 'application/x-amz-json-1.1',
      'Content-Length': Buffer.byteLength(body),
      Connection: 'close',
    });
    res.end(body);
  });
}
