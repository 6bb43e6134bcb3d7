import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Short-lived signed links to pages and exports that show one person what they may see:
 * the dashboard (`dashboard`) and a history's CSV export (`history`, naming the reference).
 * Like download links (download-token.ts) they are HMACs — nothing stored to issue one, and
 * none can be altered or made up without the secret — under a purpose of their own, so a
 * download token opens no dashboard and a dashboard link exports nothing.
 *
 * Format: `<base64url payload>.<base64url mac>`, the payload JSON
 * `{"v":1,"u":purpose,"p":personId,"s":subject,"e":expiresAt}`.
 */

/** How long a dashboard or export link stays valid. @example ACCESS_LINK_TTL_SECONDS; // 900 */
export const ACCESS_LINK_TTL_SECONDS = 15 * 60;

/** What a link opens. @example const p: AccessPurpose = 'dashboard'; */
export type AccessPurpose = 'dashboard' | 'history';

/** @example const c: AccessClaims = { purpose: 'history', personId: 'p_priya', subject: 'CR-20417', expiresAt: 1795256100 }; */
export interface AccessClaims {
  purpose: AccessPurpose;
  personId: string;
  /** What it is about: a history's reference; empty for the dashboard. */
  subject: string;
  expiresAt: number;
}

/** @example const r: AccessCheck = { ok: false, reason: 'expired' }; */
export type AccessCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: 'forged' | 'expired' };

const MAC_PURPOSE = 'heard.access.v1';
const MAX_TOKEN_LENGTH = 1024;

/**
 * A link token for `personId` to open `purpose` (about `subject`) until `now + ttlSeconds`.
 *
 * @example
 * const token = signAccessLink({ purpose: 'dashboard', personId: 'p_priya', subject: '', now, secret });
 */
export function signAccessLink(input: { purpose: AccessPurpose; personId: string; subject: string; now: number; secret: string; ttlSeconds?: number }): string {
  const ttl = input.ttlSeconds ?? ACCESS_LINK_TTL_SECONDS;
  if (!input.personId) throw new TypeError('an access link needs a person id');
  if (!Number.isInteger(input.now) || !Number.isInteger(ttl) || ttl <= 0) throw new TypeError('now and ttlSeconds must be whole seconds');
  if (!input.secret) throw new TypeError('the link secret is missing');
  const payload = Buffer.from(JSON.stringify({ v: 1, u: input.purpose, p: input.personId, s: input.subject, e: input.now + ttl }), 'utf8').toString('base64url');
  return `${payload}.${mac(input.secret, payload).toString('base64url')}`;
}

/**
 * Checks a link token for `purpose` at `now`: the signature first (in constant time), then
 * the purpose (another purpose's token is `forged` here), then the expiry.
 *
 * @example
 * const check = verifyAccessLink({ token, purpose: 'dashboard', now, secret });
 * if (check.ok) render(check.claims.personId);
 */
export function verifyAccessLink(input: { token: string; purpose: AccessPurpose; now: number; secret: string }): AccessCheck {
  if (!input.secret) throw new TypeError('the link secret is missing');
  const token = input.token;
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'forged' };
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]) || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return { ok: false, reason: 'forged' };
  const given = Buffer.from(parts[1], 'base64url');
  const expected = mac(input.secret, parts[0]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || given.toString('base64url') !== parts[1]) return { ok: false, reason: 'forged' };
  let decoded: Record<string, unknown>;
  try {
    decoded = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'forged' };
  }
  const { v, u, p, s, e } = decoded ?? {};
  if (v !== 1 || u !== input.purpose || typeof p !== 'string' || !p || typeof s !== 'string' || typeof e !== 'number' || !Number.isInteger(e)) return { ok: false, reason: 'forged' };
  if (input.now >= e) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { purpose: input.purpose, personId: p, subject: s, expiresAt: e } };
}

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`${MAC_PURPOSE}.${payload}`).digest();
}
