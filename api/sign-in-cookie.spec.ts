import { clearedSignInCookie, cookieName, openSignInCookie, signInCookie, SIGN_IN_TTL_SECONDS, type SignInInProgress } from './sign-in-cookie';

const SECRET = 'cookie-test-secret-0123456789abcdef0123456789';
const NOW = 1795255200;
const inProgress: SignInInProgress = {
  token: 'eyJ2IjoxfQ.bWFj',
  statementId: 'st_1',
  openedAt: NOW,
  pending: { state: 'k3J9aQ2mZx81LpVt0s4dEw7yRbNcHfGu5oI6jKqWe', nonce: 'n-0S6_WzA2Mj', codeVerifier: 'v'.repeat(43) },
};

/** The Cookie header a browser sends back for a Set-Cookie header. */
const sentBack = (setCookie: string) => setCookie.split(';')[0];

describe('the sealed sign-in cookie', () => {
  it('comes back as it went, to the callback only, for ten minutes, unreadable on the way', () => {
    const set = signInCookie(inProgress, SECRET, NOW, true);

    expect(set).toMatch(/; Path=\/api\/auth\/callback; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
    expect(set).not.toContain(inProgress.pending.codeVerifier);
    expect(set).not.toContain('st_1');
    expect(openSignInCookie(`other=1; ${sentBack(set)}`, inProgress.pending.state, SECRET, NOW + SIGN_IN_TTL_SECONDS - 1)).toEqual(inProgress);
  });

  it('is refused when altered, sealed with another secret, for another state, or too old', () => {
    const set = signInCookie(inProgress, SECRET, NOW, false);
    const [name, value] = sentBack(set).split('=');
    const flipped = `${name}=${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`;

    expect(openSignInCookie(flipped, inProgress.pending.state, SECRET, NOW)).toBeNull();
    expect(openSignInCookie(sentBack(set), inProgress.pending.state, 'another-secret-0123456789abcdef0123456789', NOW)).toBeNull();
    expect(openSignInCookie(sentBack(set), `${inProgress.pending.state.slice(0, 16)}different`, SECRET, NOW)).toBeNull();
    expect(openSignInCookie(sentBack(set), inProgress.pending.state, SECRET, NOW + SIGN_IN_TTL_SECONDS)).toBeNull();
    expect(openSignInCookie(undefined, inProgress.pending.state, SECRET, NOW)).toBeNull();
    expect(openSignInCookie(`${name}=${'A'.repeat(5000)}`, inProgress.pending.state, SECRET, NOW)).toBeNull();
  });

  it('is named after its sign-in, so two links opened at once keep their own, and is cleared by name', () => {
    expect(cookieName('abcdefghijklmnopqrstuvwxyz')).toBe('heard_sign_in_abcdefghijklmnop');
    expect(cookieName('abc;=,x')).toBe('heard_sign_in_abcx');
    expect(clearedSignInCookie(inProgress.pending.state, true)).toBe(`${cookieName(inProgress.pending.state)}=; Path=/api/auth/callback; Max-Age=0; HttpOnly; SameSite=Lax; Secure`);
  });
});
