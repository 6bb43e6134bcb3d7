import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Authentication of the statement intake: the sender signs `<timestamp>.<raw body>` with
 * HMAC-SHA256 and a shared secret, and sends
 *
 *     X-Heard-Timestamp: <unix seconds>
 *     X-Heard-Signature: sha256=<hex HMAC>
 *
 * A request is accepted within five minutes either side of the server's clock, so a
 * captured request cannot be replayed later (and a replay inside the window is harmless:
 * intake is idempotent on the statement's external id).
 */

/** Header carrying the signing time, in whole seconds since the epoch. @example req.headers[TIMESTAMP_HEADER]; // '1795255200' */
export const TIMESTAMP_HEADER = 'x-heard-timestamp';
/** Header carrying `sha256=<hex>`. @example req.headers[SIGNATURE_HEADER]; // 'sha256=9f86d0…' */
export const SIGNATURE_HEADER = 'x-heard-signature';
/** How far a timestamp may be from the server's clock, either way. @example INTAKE_TOLERANCE_SECONDS; // 300 */
export const INTAKE_TOLERANCE_SECONDS = 5 * 60;

/**
 * Why a request's signature was not accepted (all answered 401).
 *
 * @example
 * const r: IntakeSignatureCheck = { ok: false, code: 'TIMESTAMP_STALE' };
 */
export type IntakeSignatureCheck =
  | { ok: true }
  | { ok: false; code: 'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'TIMESTAMP_INVALID' | 'TIMESTAMP_STALE' | 'TIMESTAMP_IN_FUTURE' };

/**
 * The signature header value for a body, as a sender computes it.
 *
 * @example
 * const headers = { 'X-Heard-Timestamp': '1795255200', 'X-Heard-Signature': signIntake({ secret, timestamp: 1795255200, body }) };
 */
export function signIntake(input: { secret: string; timestamp: number | string; body: string | Buffer }): string {
  return `sha256=${mac(input.secret, String(input.timestamp), input.body).toString('hex')}`;
}

/**
 * Checks the signature of a request: the MAC first (in constant time), then the
 * freshness of the timestamp, so only a holder of the secret learns about clock skew.
 *
 * @example
 * const check = verifyIntakeSignature({ secret, timestamp: req.headers['x-heard-timestamp'], signature: req.headers['x-heard-signature'], body, now: 1795255230 });
 * if (!check.ok) reply(401, check.code);
 */
export function verifyIntakeSignature(input: {
  secret: string;
  timestamp: string | string[] | undefined;
  signature: string | string[] | undefined;
  body: string | Buffer;
  /** Seconds since the epoch. */
  now: number;
  toleranceSeconds?: number;
}): IntakeSignatureCheck {
  if (typeof input.secret !== 'string' || input.secret.length === 0) throw new TypeError('the intake secret is missing');
  if (input.timestamp === undefined || input.signature === undefined) return { ok: false, code: 'SIGNATURE_MISSING' };
  // A repeated header arrives as a list (or a comma-joined string): either way it is not one signature.
  if (typeof input.timestamp !== 'string' || !/^\d{1,12}$/.test(input.timestamp)) return { ok: false, code: 'TIMESTAMP_INVALID' };
  if (typeof input.signature !== 'string') return { ok: false, code: 'SIGNATURE_INVALID' };
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(input.signature.trim());
  if (!match) return { ok: false, code: 'SIGNATURE_INVALID' };
  const given = Buffer.from(match[1], 'hex');
  const expected = mac(input.secret, input.timestamp, input.body);
  if (!timingSafeEqual(given, expected)) return { ok: false, code: 'SIGNATURE_INVALID' };
  const tolerance = input.toleranceSeconds ?? INTAKE_TOLERANCE_SECONDS;
  const timestamp = Number(input.timestamp);
  if (timestamp < input.now - tolerance) return { ok: false, code: 'TIMESTAMP_STALE' };
  if (timestamp > input.now + tolerance) return { ok: false, code: 'TIMESTAMP_IN_FUTURE' };
  return { ok: true };
}

/**
 * What a sender is told when its signature is refused (always a 401), one plain sentence
 * per reason: shared by every signed intake.
 *
 * @example
 * SIGNATURE_REFUSALS.TIMESTAMP_STALE; // 'X-Heard-Timestamp is more than 5 minutes old: sign the request again'
 */
export const SIGNATURE_REFUSALS: Record<Exclude<IntakeSignatureCheck, { ok: true }>['code'], string> = {
  SIGNATURE_MISSING: 'sign the request: X-Heard-Timestamp (unix seconds) and X-Heard-Signature (sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">) are required',
  SIGNATURE_INVALID: 'the X-Heard-Signature header does not match the body and timestamp',
  TIMESTAMP_INVALID: 'X-Heard-Timestamp must be whole unix seconds',
  TIMESTAMP_STALE: 'X-Heard-Timestamp is more than 5 minutes old: sign the request again',
  TIMESTAMP_IN_FUTURE: 'X-Heard-Timestamp is more than 5 minutes ahead of the server’s clock',
};

/**
 * Checks the signature headers of a request over the exact bytes received: null when it
 * is good, else the code and sentence of the 401 to send.
 *
 * @example
 * const refused = signatureRefusal(req.headers, bytes, secret, now);
 * if (refused) return sendError(res, 401, refused.code, refused.message);
 */
export function signatureRefusal(
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  secret: string,
  now: number,
): { code: Exclude<IntakeSignatureCheck, { ok: true }>['code']; message: string } | null {
  const check = verifyIntakeSignature({ secret, timestamp: headers[TIMESTAMP_HEADER], signature: headers[SIGNATURE_HEADER], body, now });
  return check.ok ? null : { code: check.code, message: SIGNATURE_REFUSALS[check.code] };
}

function mac(secret: string, timestamp: string, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest();
}
