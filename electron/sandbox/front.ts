// The HTTP front of the sandbox: a small proxy before kinesalite that lets YDS-style stream paths
// through (kinesalite only knows AWS names), answers like YDS for them, and lets in only the app's
// own clients (guard.ts): no web page, and every request signed with the sandbox's key pair.
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isYdsStreamName } from '../shared/addressing';
import { BACKEND_KEY_HEADER, browserRejection } from './guard';
import { iteratorAtTimestamp, needsTimestampLookup, type BackendAnswer } from './at-timestamp';
import type { KeyPair } from '../services';
import { signatureRejection } from './sigv4';
import { CLIENT_IDLE_MS } from '../kinesis/keep-alive';
import { keepIdleConnections } from './keep-alive';
import { normalizeYdsPath, type YdsNames } from './yds-names';
import { ydsNotFound, ydsRejection, type Rejection } from './yds-rules';
import { createLargeRecords, streamNameOfRequest } from './large-records';

// Base64 of a full 10 MiB PutRecords call (a stream raised to large records) with room to spare;
// large data never reaches kinesalite, which stops at 7 MiB (large-records.ts).
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const AMZ_JSON = 'application/x-amz-json-1.1';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export interface FrontOptions {
  backendPort: number;
  /** What kinesalite wants in BACKEND_KEY_HEADER. */
  backendKey: string;
  names: YdsNames;
  /** Every request must be signed (SigV4) with this key pair. */
  keys: KeyPair;
}

export interface Front {
  url: string;
  close(): Promise<void>;
}

/** The request as kinesalite gets it; `fields` is its JSON, `yds` whether it named a YDS path. */
type Forwarded = { body: Buffer; fields?: Record<string, unknown>; yds?: boolean };
type Forward = Forwarded | { rejection: Rejection };

/** Answers the front changes for AWS-style streams with a maximum record size. */
const ADJUSTED = new Set(['CreateStream', 'DeleteStream', 'DescribeStreamSummary', 'GetRecords']);

export async function startFront(opts: FrontOptions): Promise<Front> {
  const large = createLargeRecords();
  const agent = new http.Agent({ keepAlive: true, timeout: CLIENT_IDLE_MS });

  function reject(res: ServerResponse, r: Rejection, status = 400, extra: http.OutgoingHttpHeaders = {}) {
    const body = JSON.stringify({ __type: r.type, message: r.message });
    res.writeHead(status, {
      'Content-Type': AMZ_JSON,
      'Content-Length': Buffer.byteLength(body),
      'x-amzn-RequestId': randomUUID(),
      ...extra,
    });
    res.end(body);
  }

  /** Rewrites YDS paths in a JSON request to kinesalite names; passes anything else through. */
  function rewriteRequest(req: IncomingMessage, raw: Buffer): Forward {
    const action = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    if (!String(req.headers['content-type'] ?? '').startsWith(AMZ_JSON)) return { body: raw };
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return { body: raw };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { body: raw };
    const fields = body as Record<string, unknown>;
    const yds = typeof fields.StreamName === 'string' && isYdsStreamName(fields.StreamName);
    if (typeof fields.StreamName === 'string' && isYdsStreamName(fields.StreamName)) {
      const path = normalizeYdsPath(fields.StreamName) ?? fields.StreamName;
      const rejection = ydsRejection(action, fields);
      if (rejection) return { rejection };
      const internal = action === 'CreateStream' ? opts.names.register(path) : opts.names.internalOf(path);
      if (!internal) return { rejection: ydsNotFound(path) };
      fields.StreamName = internal;
    }
    // ListStreams pages on by the last name it answered, which the client saw as a path.
    const start = fields.ExclusiveStartStreamName;
    const startInternal = typeof start === 'string' ? opts.names.internalOf(normalizeYdsPath(start) ?? '') : undefined;
    if (startInternal) fields.ExclusiveStartStreamName = startInternal;
    if (!yds) {
      const rejection = large.request(action, fields);
      if (rejection) return { rejection };
    }
    return { body: Buffer.from(JSON.stringify(fields)), fields, yds };
  }

  /** kinesalite's answer as an AWS stream with a maximum record size would give it. */
  function adjusted(action: string, f: Forwarded, status: number, answer: Buffer): Buffer {
    if (status !== 200 || !f.fields || f.yds || !ADJUSTED.has(action)) return answer;
    // CreateStream and DeleteStream answer with no body; what they did is still learned.
    const body = jsonObjectOf(answer);
    const out = large.answer(action, f.fields, body ?? {});
    return body ? Buffer.from(JSON.stringify(out)) : answer;
  }

  /** UpdateMaxRecordSize, which kinesalite does not know: for a stream it has. */
  async function updateMaxRecordSize(req: IncomingMessage, res: ServerResponse, fields: Record<string, unknown>) {
    const name = streamNameOfRequest(fields) ?? '';
    const found = await callBackend(req, 'DescribeStreamSummary', { StreamName: name });
    const bad = found.status === 200 ? large.setMaximum(name, fields.MaxRecordSizeInKiB) : null;
    const [status, body] =
      found.status !== 200
        ? [found.status, found.body]
        : bad
          ? [400, { __type: bad.type, message: bad.message }]
          : [200, {}];
    const out = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { 'Content-Type': AMZ_JSON, 'Content-Length': out.length, 'x-amzn-RequestId': randomUUID() });
    res.end(out);
  }

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    adjust = (_status: number, b: Buffer) => b,
  ) {
    const headers = backendHeaders(req);
    headers['content-length'] = body.length;
    const upstream = http.request(
      { host: '127.0.0.1', port: opts.backendPort, method: req.method, path: req.url, headers, agent },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const answer = restoreNames(
            adjust(up.statusCode ?? 500, Buffer.concat(chunks)),
            String(up.headers['content-type'] ?? ''),
          );
          const out: http.OutgoingHttpHeaders = { 'content-length': answer.length };
          for (const [k, v] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
          res.writeHead(up.statusCode ?? 500, out);
          res.end(answer);
        });
      },
    );
    upstream.on('error', (e) =>
      reject(res, { type: 'InternalFailure', message: `Sandbox backend failed: ${e.message}` }, 500),
    );
    upstream.end(body);
  }

  /** Internal names back to YDS paths, anywhere in a JSON answer (names, ARNs, messages). */
  function restoreNames(body: Buffer, contentType: string): Buffer {
    if (!contentType.startsWith('application/x-amz-json') || !body.includes('yds_')) return body;
    const walk = (v: unknown): unknown =>
      typeof v === 'string'
        ? opts.names.restore(v)
        : Array.isArray(v)
          ? v.map(walk)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
            : v;
    return Buffer.from(JSON.stringify(walk(JSON.parse(body.toString('utf8')))));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    const bad = await signatureRejection(req, raw, opts.keys);
    if (bad) return reject(res, bad);
    const action = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const f = rewriteRequest(req, raw);
    if ('rejection' in f) return reject(res, f.rejection);
    const fields = f.fields ?? jsonObjectOf(f.body);
    if (fields && action === 'UpdateMaxRecordSize' && !f.yds) return updateMaxRecordSize(req, res, fields);
    if (fields && needsTimestampLookup(action, fields)) {
      const answer = await iteratorAtTimestamp((action, body) => callBackend(req, action, body), fields);
      const out = restoreNames(Buffer.from(JSON.stringify(answer.body)), AMZ_JSON);
      res.writeHead(answer.status, {
        'Content-Type': AMZ_JSON,
        'Content-Length': out.length,
        'x-amzn-RequestId': randomUUID(),
      });
      return void res.end(out);
    }
    forward(req, res, f.body, (status, answer) => adjusted(action, f, status, answer));
  }

  /** One JSON call to kinesalite. */
  function callBackend(req: IncomingMessage, action: string, body: Record<string, unknown>): Promise<BackendAnswer> {
    const raw = Buffer.from(JSON.stringify(body));
    const headers = backendHeaders(req);
    headers['content-length'] = raw.length;
    headers['x-amz-target'] = `Kinesis_20131202.${action}`;
    return new Promise((resolve, fail) => {
      const upstream = http.request(
        { host: '127.0.0.1', port: opts.backendPort, method: 'POST', path: '/', headers, agent },
        (up) => {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () =>
            resolve({ status: up.statusCode ?? 500, body: jsonObjectOf(Buffer.concat(chunks)) ?? {} }),
          );
        },
      );
      upstream.on('error', fail);
      upstream.end(raw);
    });
  }

  /** The client's headers for kinesalite (it wants them, checks no signature), with the backend key. */
  function backendHeaders(req: IncomingMessage): http.OutgoingHttpHeaders {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
    headers[BACKEND_KEY_HEADER] = opts.backendKey;
    return headers;
  }

  let port = 0;
  const server = http.createServer((req, res) => {
    // Refused before the body is read: a page's request gets no further, and no CORS grant.
    const refused = browserRejection(req, port);
    if (refused) return reject(res, refused, 403, { Connection: 'close' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES)
        return reject(res, { type: 'ValidationException', message: 'Request body too large' }, 413);
      handle(req, res, Buffer.concat(chunks)).catch((e: Error) =>
        reject(res, { type: 'InternalFailure', message: e.message }, 500),
      );
    });
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      agent.destroy();
      await closeServer(server);
    },
  };
}

/** Closes a server without waiting for idle keep-alive clients to hang up. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((e) => (e ? reject(e) : resolve()));
    server.closeAllConnections();
  });
}

function jsonObjectOf(raw: Buffer): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(raw.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
