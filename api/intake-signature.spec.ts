import { createHmac } from 'crypto';
import { signIntake, verifyIntakeSignature } from './intake-signature';

const secret = 'shared-intake-secret-0123456789abcdef';
const body = '{"externalId":"momo-1"}';
const now = 1795255200;
const check = (overrides: Partial<Parameters<typeof verifyIntakeSignature>[0]>) =>
  verifyIntakeSignature({ secret, timestamp: String(now), signature: signIntake({ secret, timestamp: now, body }), body, now, ...overrides });

describe('intake request signatures', () => {
  it('are HMAC-SHA256 of "<timestamp>.<body>" in hex, as a sender would compute them', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signIntake({ secret, timestamp: now, body })).toBe(`sha256=${expected}`);
    expect(check({})).toEqual({ ok: true });
  });

  it('accept a timestamp up to 5 minutes either side of the server clock', () => {
    expect(check({ now: now + 300 })).toEqual({ ok: true });
    expect(check({ now: now - 300 })).toEqual({ ok: true });
  });

  it('refuse a replay older than 5 minutes, and a timestamp more than 5 minutes ahead', () => {
    expect(check({ now: now + 301 })).toEqual({ ok: false, code: 'TIMESTAMP_STALE' });
    expect(check({ now: now - 301 })).toEqual({ ok: false, code: 'TIMESTAMP_IN_FUTURE' });
  });

  it('refuse a changed body, a changed timestamp, another secret, or a malformed header', () => {
    expect(check({ body: `${body} ` })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
    expect(check({ timestamp: String(now + 1) })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
    expect(check({ signature: signIntake({ secret: 'another-secret-0123456789abcdef0123', timestamp: now, body }) })).toEqual({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    for (const signature of ['', 'sha256=', 'sha1=abc', `sha256=${'0'.repeat(63)}`, `sha256=${'z'.repeat(64)}`, ['sha256=a', 'sha256=b']]) {
      expect(check({ signature })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
    }
    for (const timestamp of ['', 'soon', '-5', '1795255200.5', '1'.repeat(13), [String(now), String(now)]]) {
      expect(check({ timestamp })).toEqual({ ok: false, code: 'TIMESTAMP_INVALID' });
    }
  });

  it('say what is missing', () => {
    expect(check({ signature: undefined })).toEqual({ ok: false, code: 'SIGNATURE_MISSING' });
    expect(check({ timestamp: undefined })).toEqual({ ok: false, code: 'SIGNATURE_MISSING' });
  });

  it('take the upper-case hex some senders write', () => {
    expect(check({ signature: signIntake({ secret, timestamp: now, body }).toUpperCase().replace('SHA256=', 'sha256=') })).toEqual({ ok: true });
  });
});
