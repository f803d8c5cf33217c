// Checks a request's SigV4 signature the way a real endpoint does: sign the same request again
// with the secret of the claimed access key and compare. The sandbox checks every request against
// its key pair, so only the app's own clients get in and "wrong credentials" can be rehearsed.
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, timingSafeEqual, type BinaryLike } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { KeyPair } from '../services';
import type { Rejection } from './yds-rules';

const AUTH =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/i;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * SHA-256 (HMAC with a secret) in Node's native crypto, in the shape SignatureV4 wants. Every
 * request is checked in main: the pure-JS hash takes tens of ms per 5 MiB batch, this a few.
 */
class NodeSha256 {
  private hash;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(binary(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', binary(this.secret));
  }
}

const binary = (d: string | ArrayBuffer | ArrayBufferView): BinaryLike =>
  typeof d === 'string'
    ? d
    : d instanceof ArrayBuffer
      ? new Uint8Array(d)
      : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(',') : (v ?? ''));

export async function signatureRejection(
  req: IncomingMessage,
  body: Buffer,
  known: KeyPair,
): Promise<Rejection | null> {
  const auth = req.headers.authorization;
  if (!auth) return { type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const m = AUTH.exec(auth.trim());
  const date = AMZ_DATE.exec(headerValue(req.headers['x-amz-date']));
  if (!m || !date) {
    return { type: 'IncompleteSignatureException', message: 'Authorization header or X-Amz-Date is malformed.' };
  }
  const [, accessKeyId, , region, service, signedHeaderList, signature] = m;
  if (accessKeyId !== known.accessKeyId) {
    return { type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  }
  const signedHeaders = signedHeaderList.toLowerCase().split(';');
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const request = new HttpRequest({
    method: req.method ?? 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(signedHeaders.map((h) => [h, headerValue(req.headers[h])])),
    body,
  });
  const signer = new SignatureV4({ credentials: known, region, service, sha256: NodeSha256, applyChecksum: false });
  const [y, mo, d, h, mi, s] = date.slice(1).map(Number);
  const signed = await signer.sign(request, {
    signingDate: new Date(Date.UTC(y, mo - 1, d, h, mi, s)),
    signableHeaders: new Set(signedHeaders),
  });
  const expected = /Signature=([0-9a-f]{64})/.exec(headerValue(signed.headers.authorization))?.[1] ?? '';
  if (!timingSafeEqual(Buffer.from(expected.padEnd(64, '0')), Buffer.from(signature.toLowerCase()))) {
    return {
      type: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    };
  }
  return null;
}
