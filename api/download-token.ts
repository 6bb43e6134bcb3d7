import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Short-lived signed download links: a token names one statement and one person and
 * expires 15 minutes after it was issued. It is an HMAC, so nothing is stored to issue
 * one and a token cannot be altered or made up without the secret.
 *
 * Format: `<base64url payload>.<base64url mac>`, the payload being JSON
 * `{"v":1,"s":statementId,"p":personId,"e":expiresAt}` (seconds).
 */

/** How long a download link stays valid. @example DOWNLOAD_TOKEN_TTL_SECONDS; // 900 */
export const DOWNLOAD_TOKEN_TTL_SECONDS = 15 * 60;

/**
 * What a link opens: a statement's PDF, or a broadcast's delivery report as CSV. Each signs
 * under its own purpose, so a link made for one can never open the other.
 *
 * @example const p: LinkPurpose = 'report';
 */
export type LinkPurpose = 'download' | 'report';

/** Keeps the MAC of each kind of link apart from any other use of the same secret. */
const PURPOSES: Readonly<Record<LinkPurpose, string>> = { download: 'heard.download.v1', report: 'heard.report-csv.v1' };

/** Longest token accepted: ids are short, so anything longer is not one of ours. */
const MAX_TOKEN_LENGTH = 1024;

/**
 * What a token says once its signature checks out.
 *
 * @example
 * const c: DownloadTokenClaims = { statementId: 'st_1', personId: 'p_sam', expiresAt: 1795256100 };
 */
export interface DownloadTokenClaims {
  statementId: string;
  personId: string;
  expiresAt: number;
}

/**
 * The outcome of checking a token against the statement it is used for.
 * `forged` covers anything that is not an intact token signed with the secret.
 *
 * @example
 * const r: DownloadTokenCheck = { ok: false, reason: 'expired', claims };
 */
export type DownloadTokenCheck =
  | { ok: true; claims: DownloadTokenClaims }
  | { ok: false; reason: 'expired'; claims: DownloadTokenClaims }
  | { ok: false; reason: 'wrong-statement'; claims: DownloadTokenClaims }
  | { ok: false; reason: 'forged' };

/** @example const r: DownloadTokenRefusal = 'expired'; */
export type DownloadTokenRefusal = 'expired' | 'forged' | 'wrong-statement';

/**
 * Issues a token for one person to download one statement's PDF until `now + ttlSeconds`.
 *
 * @example
 * const token = signDownloadToken({ statementId: 'st_1', personId: 'p_sam', now: 1795255200, secret });
 * const url = `/api/statements/st_1/pdf?token=${token}`;
 */
export function signDownloadToken(input: {
  statementId: string;
  personId: string;
  /** Seconds since the epoch. */
  now: number;
  secret: string;
  ttlSeconds?: number;
  /** Default `download`: the `statementId` is then a statement's; for `report`, a broadcast's. */
  purpose?: LinkPurpose;
}): string {
  const ttl = input.ttlSeconds ?? DOWNLOAD_TOKEN_TTL_SECONDS;
  if (!input.statementId || !input.personId) throw new TypeError('a download token needs a statement id and a person id');
  if (!Number.isInteger(input.now) || !Number.isInteger(ttl) || ttl <= 0) throw new TypeError('now and ttlSeconds must be whole seconds');
  requireSecret(input.secret);
  const payload = Buffer.from(JSON.stringify({ v: 1, s: input.statementId, p: input.personId, e: input.now + ttl }), 'utf8').toString(
    'base64url',
  );
  return `${payload}.${mac(input.secret, payload, input.purpose ?? 'download').toString('base64url')}`;
}

/**
 * Checks a token for the statement it is being used to download, at `now`.
 * The signature is checked first (in constant time), so an altered token is always
 * `forged` whatever else is wrong with it; only then the statement, then the expiry.
 *
 * @example
 * const check = verifyDownloadToken({ token, statementId: 'st_1', now: 1795255500, secret });
 * if (check.ok) serve(check.claims.personId);
 */
export function verifyDownloadToken(input: { token: string; statementId: string; now: number; secret: string; purpose?: LinkPurpose }): DownloadTokenCheck {
  requireSecret(input.secret);
  const claims = authenticClaims(input.token, input.secret, input.purpose ?? 'download');
  if (!claims) return { ok: false, reason: 'forged' };
  if (claims.statementId !== input.statementId) return { ok: false, reason: 'wrong-statement', claims };
  if (input.now >= claims.expiresAt) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

function authenticClaims(token: string, secret: string, purpose: LinkPurpose): DownloadTokenClaims | null {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 2 || !isBase64Url(parts[0]) || !isBase64Url(parts[1])) return null;
  const [payload, signature] = parts;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload, purpose);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // One token, one spelling: base64url leaves spare bits in the last character.
  if (given.toString('base64url') !== signature) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof decoded !== 'object' || decoded === null) return null;
  const { v, s, p, e } = decoded as Record<string, unknown>;
  if (v !== 1 || typeof s !== 'string' || typeof p !== 'string' || !s || !p || typeof e !== 'number' || !Number.isInteger(e)) return null;
  return { statementId: s, personId: p, expiresAt: e };
}

function mac(secret: string, payload: string, purpose: LinkPurpose): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSES[purpose]}.${payload}`).digest();
}

function isBase64Url(text: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(text);
}

function requireSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('the download secret is missing');
}
