import type { Next, Request, Response } from 'restify';
import { sendError, type ApiLog } from './http-reply';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyIntakeSignature, type IntakeSignatureCheck } from './intake-signature';

/**
 * What the signed intakes (`POST /api/statements`, `POST /api/case-events`) share: the
 * cheap checks before a body is read, and the signature over the exact text received,
 * checked before anything of it is parsed.
 */

const SIGNATURE_MESSAGES: Record<Exclude<IntakeSignatureCheck, { ok: true }>['code'], string> = {
  SIGNATURE_MISSING: 'sign the request: X-Heard-Timestamp (unix seconds) and X-Heard-Signature (sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">) are required',
  SIGNATURE_INVALID: 'the X-Heard-Signature header does not match the body and timestamp',
  TIMESTAMP_INVALID: 'X-Heard-Timestamp must be whole unix seconds',
  TIMESTAMP_STALE: 'X-Heard-Timestamp is more than 5 minutes old: sign the request again',
  TIMESTAMP_IN_FUTURE: 'X-Heard-Timestamp is more than 5 minutes ahead of the server’s clock',
};

/**
 * A handler that refuses, before the body is read, a request that is not JSON in UTF-8,
 * is compressed, or declares more than `maxBodySize` bytes. `what` names what is sent.
 *
 * @example
 * server.post('/api/case-events', signedJsonPrecheck(4 * 1024 * 1024, log, 'the case events'), plugins.bodyReader({ maxBodySize }), handler);
 */
export function signedJsonPrecheck(maxBodySize: number, log: ApiLog, what: string) {
  return function precheck(req: Request, res: Response, next: Next): void {
    const refuse = (status: number, code: string, message: string) => {
      log('intake-refused', { status, code });
      sendError(res, status, code, message);
      next(false);
    };
    if (!isJsonUtf8(req.headers['content-type'])) {
      return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', `send ${what} as Content-Type: application/json (UTF-8)`);
    }
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body uncompressed (no Content-Encoding)');
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodySize) {
      return refuse(413, 'PAYLOAD_TOO_LARGE', `the request body must be at most ${maxBodySize} bytes`);
    }
    next();
  };
}

/**
 * The body's text when its signature is good; otherwise the 401 to send.
 *
 * @example
 * const signed = checkSignedBody(req, secret, now);
 * if (!signed.ok) return sendError(res, 401, signed.code, signed.message);
 */
export function checkSignedBody(
  req: Request,
  secret: string,
  now: number,
): { ok: true; raw: string } | { ok: false; code: Exclude<IntakeSignatureCheck, { ok: true }>['code']; message: string } {
  const raw = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  const signature = verifyIntakeSignature({ secret, timestamp: req.headers[TIMESTAMP_HEADER], signature: req.headers[SIGNATURE_HEADER], body: raw, now });
  return signature.ok ? { ok: true, raw } : { ok: false, code: signature.code, message: SIGNATURE_MESSAGES[signature.code] };
}

function isJsonUtf8(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => {
    const [name, value = ''] = p.split('=').map((x) => x.trim());
    return name !== 'charset' || value.replace(/^"|"$/g, '') === 'utf-8';
  });
}
