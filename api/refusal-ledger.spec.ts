import type { IncomingMessage } from 'http';
import type { AuditEvent } from '../domain/audit-event';
import { RefusalLedger, type RefusalLedgerOptions } from './refusal-ledger';

const SECRET = 'ledger-test-secret-0123456789abcdef0123456789';
const T0 = 1795255200; // a multiple of 600: a window starts here

function ledgerWith(options: Partial<RefusalLedgerOptions> = {}) {
  const events: AuditEvent[] = [];
  const clock = { now: T0 };
  const ledger = new RefusalLedger({ audit: { append: async (e) => void events.push(e) }, now: () => clock.now, log: () => undefined, secret: SECRET, ...options });
  return { ledger, events, clock };
}

const request = (remoteAddress: string, forwardedFor?: string) => ({ socket: { remoteAddress }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;
const forged = { reason: 'forged', statementId: null, actor: { kind: 'system', id: 'download' } } as const;

afterEach(() => jest.useRealTimers());

describe('counting refused requests per source', () => {
  it('writes the first refusal of each kind from a source in full, and counts the rest in one event when the window ends', async () => {
    const { ledger, events } = ledgerWith();
    const source = ledger.sourceOf(request('203.0.113.7'), 0);
    for (let i = 0; i < 25; i++) await ledger.refuse(source, forged);
    await ledger.refuse(source, { reason: 'expired', statementId: 'st_1', actor: { kind: 'person', id: 'p_sam' } });
    await ledger.close();

    expect(events.map((e) => e.action)).toEqual(['download-refused', 'download-refused', 'refusals-counted']);
    expect(events[0].details).toEqual({ reason: 'forged', source });
    expect(events[2].details).toEqual({ source, from: T0, until: T0, refused: 26, writtenInFull: 2, turnedAway: 0, forged: 25, expired: 1 });
  });

  it('turns a source away after 30 refusals in its window, and hears it again in the next', async () => {
    const { ledger, events, clock } = ledgerWith();
    const source = ledger.sourceOf(request('203.0.113.7'), 0);
    const other = ledger.sourceOf(request('198.51.100.1'), 0);
    for (let i = 0; i < 30; i++) await ledger.refuse(source, forged);
    clock.now = T0 + 420;

    expect(ledger.admit(source)).toEqual({ ok: false, retryAfter: 180 });
    expect(ledger.admit(other)).toEqual({ ok: true });
    clock.now = T0 + 600;
    expect(ledger.admit(source)).toEqual({ ok: true });
    await ledger.close();
    expect(events.find((e) => e.action === 'refusals-counted')?.details).toMatchObject({ refused: 30, writtenInFull: 1, turnedAway: 1, from: T0, until: T0 + 600 });
  });

  it('keeps memory and the trail bounded however many sources there are: 100 counted apart, the rest together, 100 written in full', async () => {
    const { ledger, events } = ledgerWith();
    for (let i = 0; i < 1000; i++) await ledger.refuse(ledger.sourceOf(request(`10.${i >> 8}.${i & 255}.1`), 0), forged);
    await ledger.close();

    expect(events.filter((e) => e.action === 'download-refused')).toHaveLength(100);
    const counted = events.filter((e) => e.action === 'refusals-counted');
    expect(counted).toHaveLength(1);
    expect(counted[0].details).toMatchObject({ source: 'src_many', refused: 900, writtenInFull: 0 });
  });

  it('writes the counts of a window that ended while nothing came in, on its own', async () => {
    jest.useFakeTimers();
    const { ledger, events, clock } = ledgerWith();
    for (let i = 0; i < 3; i++) await ledger.refuse('src_a', forged);
    clock.now = T0 + 660;
    await jest.advanceTimersByTimeAsync(60_000);

    expect(events.map((e) => e.action)).toEqual(['download-refused', 'refusals-counted']);
    await ledger.close();
  });

  it('tells sources apart by the address a trusted proxy saw, ignoring what the client wrote before it, and IPv6 by /64', () => {
    const { ledger } = ledgerWith();
    const behindProxy = (forwarded: string) => ledger.sourceOf(request('10.0.0.5', forwarded), 1);

    expect(behindProxy('203.0.113.7')).toBe(ledger.sourceOf(request('203.0.113.7'), 0));
    expect(behindProxy('1.2.3.4, 203.0.113.7')).toBe(behindProxy('5.6.7.8, 203.0.113.7')); // a spoofed first hop changes nothing
    expect(behindProxy('203.0.113.7')).not.toBe(behindProxy('203.0.113.8'));
    expect(ledger.sourceOf(request('10.0.0.5', '203.0.113.7'), 0)).toBe(ledger.sourceOf(request('10.0.0.5'), 0)); // no proxy trusted: the header is ignored
    expect(ledger.sourceOf(request('::ffff:203.0.113.7'), 0)).toBe(ledger.sourceOf(request('203.0.113.7'), 0));
    expect(ledger.sourceOf(request('2001:db8:1:2::1'), 0)).toBe(ledger.sourceOf(request('2001:db8:1:2:ffff::9'), 0));
    expect(ledger.sourceOf(request('2001:db8:1:2::1'), 0)).not.toBe(ledger.sourceOf(request('2001:db8:1:3::1'), 0));
    expect(ledger.sourceOf(request('203.0.113.7'), 0)).toMatch(/^src_[0-9a-f]{12}$/);
    expect(ledger.sourceOf(request('203.0.113.7'), 0)).not.toContain('203');
  });
});
