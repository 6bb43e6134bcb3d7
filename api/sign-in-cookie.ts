import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'crypto';
import type { PendingSignIn } from './oidc-sign-in';

/**
 * What the browser carries between opening a download link and coming back from
 * signing in: the link, and the state, nonce and PKCE verifier the callback is checked
 * against. It rides in a cookie sealed with AES-256-GCM under a key derived from the
 * download secret, so it cannot be read (the verifier is a secret) or altered, and any
 * instance of Heard can open it: nothing is stored on the server. The cookie is named
 * after the sign-in's state, so two links opened at once do not overwrite each other,
 * and it goes only to the callback path.
 */

/** How long a sign-in may take, from opening the link to coming back. @example SIGN_IN_TTL_SECONDS; // 600 */
export const SIGN_IN_TTL_SECONDS = 10 * 60;

/** The one path the cookie is sent to. @example SIGN_IN_CALLBACK_PATH; // '/api/auth/callback' */
export const SIGN_IN_CALLBACK_PATH = '/api/auth/callback';

/**
 * A sign-in under way.
 *
 * @example
 * const s: SignInInProgress = { token, statementId: 'st_1', openedAt: 1795255200, pending: { state, nonce, codeVerifier } };
 */
export interface SignInInProgress {
  /** The download token of the link that was opened. */
  token: string;
  statementId: string;
  /** When the link was opened (seconds): the link's expiry is judged at that moment. */
  openedAt: number;
  pending: PendingSignIn;
}

const PURPOSE = 'heard.sign-in-cookie.v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Sealed sign-ins are small; anything much longer is not one of ours. */
const MAX_COOKIE_LENGTH = 4000;

/**
 * The cookie's name for a sign-in with this state.
 *
 * @example
 * cookieName('k3J9…'); // 'heard_sign_in_k3J9…' (the state's first 16 characters)
 */
export function cookieName(state: string): string {
  return `heard_sign_in_${state.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 16)}`;
}

/**
 * The `Set-Cookie` header that hands a sign-in to the browser.
 *
 * @example
 * res.header('Set-Cookie', signInCookie(inProgress, secret, now, true));
 */
export function signInCookie(inProgress: SignInInProgress, secret: string, now: number, secure: boolean): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const plain = JSON.stringify({ v: 1, t: inProgress.token, s: inProgress.statementId, o: inProgress.openedAt, e: now + SIGN_IN_TTL_SECONDS, p: inProgress.pending });
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const value = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  return `${cookieName(inProgress.pending.state)}=${value}; Path=${SIGN_IN_CALLBACK_PATH}; Max-Age=${SIGN_IN_TTL_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * The `Set-Cookie` header that removes a sign-in's cookie (once it is used, or refused).
 *
 * @example
 * res.header('Set-Cookie', clearedSignInCookie(state, true));
 */
export function clearedSignInCookie(state: string, secure: boolean): string {
  return `${cookieName(state)}=; Path=${SIGN_IN_CALLBACK_PATH}; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * The sign-in the request's cookie holds for `state`, or null when there is none, it
 * was altered or sealed with another secret, it is for another state, or it is older
 * than {@link SIGN_IN_TTL_SECONDS}.
 *
 * @example
 * const inProgress = openSignInCookie(req.headers.cookie, state, secret, now);
 */
export function openSignInCookie(cookieHeader: string | undefined, state: string, secret: string, now: number): SignInInProgress | null {
  const value = cookieValue(cookieHeader, cookieName(state));
  if (!value || value.length > MAX_COOKIE_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const bytes = Buffer.from(value, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
  const sealed = JSON.parse(plain) as { v: number; t: string; s: string; o: number; e: number; p: PendingSignIn };
  if (sealed.v !== 1 || now >= sealed.e || sealed.p.state !== state) return null;
  return { token: sealed.t, statementId: sealed.s, openedAt: sealed.o, pending: sealed.p };
}

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'heard', PURPOSE, 32));
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}
