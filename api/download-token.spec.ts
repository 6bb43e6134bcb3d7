import { DOWNLOAD_TOKEN_TTL_SECONDS, signDownloadToken, verifyDownloadToken } from './download-token';

const secret = 'download-secret-for-this-spec-0123456789';
const now = 1795255200;
const token = signDownloadToken({ statementId: 'st_1', personId: 'p_sam', now, secret });

describe('signed download links', () => {
  it('are valid for their statement for 15 minutes, naming the person they were issued to', () => {
    expect(DOWNLOAD_TOKEN_TTL_SECONDS).toBe(900);
    expect(verifyDownloadToken({ token, statementId: 'st_1', now, secret })).toEqual({
      ok: true,
      claims: { statementId: 'st_1', personId: 'p_sam', expiresAt: now + 900 },
    });
    expect(verifyDownloadToken({ token, statementId: 'st_1', now: now + 899, secret }).ok).toBe(true);
  });

  it('expire at 15 minutes', () => {
    expect(verifyDownloadToken({ token, statementId: 'st_1', now: now + 900, secret })).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyDownloadToken({ token, statementId: 'st_1', now: now + 16 * 60, secret })).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('do not open another statement', () => {
    expect(verifyDownloadToken({ token, statementId: 'st_2', now, secret })).toMatchObject({ ok: false, reason: 'wrong-statement' });
  });

  it('cannot be altered, made up or signed with another secret', () => {
    const [payload, mac] = token.split('.');
    const relabelled = Buffer.from(JSON.stringify({ v: 1, s: 'st_1', p: 'p_priya', e: now + 900 })).toString('base64url');
    const forgeries = [
      `${relabelled}.${mac}`,
      `${payload}.${mac.slice(0, -2)}`,
      `${payload}.${mac}x`,
      `${payload}.${mac.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`,
      `${payload}.${mac}.${mac}`,
      signDownloadToken({ statementId: 'st_1', personId: 'p_sam', now, secret: 'another-secret-0123456789abcdef0123' }),
      '',
      '.',
      'not a token',
      'a'.repeat(5000),
    ];
    for (const forged of forgeries) {
      expect(verifyDownloadToken({ token: forged, statementId: 'st_1', now, secret })).toEqual({ ok: false, reason: 'forged' });
    }
  });

  it('say forged before anything else, so an altered expiry is never reported as expired', () => {
    const [, mac] = token.split('.');
    const extended = Buffer.from(JSON.stringify({ v: 1, s: 'st_1', p: 'p_sam', e: now + 86400 })).toString('base64url');
    expect(verifyDownloadToken({ token: `${extended}.${mac}`, statementId: 'st_2', now: now + 3600, secret })).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuse to be issued or checked without a secret', () => {
    expect(() => signDownloadToken({ statementId: 'st_1', personId: 'p_sam', now, secret: '' })).toThrow(TypeError);
    expect(() => verifyDownloadToken({ token, statementId: 'st_1', now, secret: '' })).toThrow(TypeError);
  });
});
