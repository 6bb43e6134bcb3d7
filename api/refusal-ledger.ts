import { createHmac, randomUUID } from 'crypto';
import type { IncomingMessage } from 'http';
import { isIPv4, isIPv6 } from 'net';
import type { AuditEvent } from '../domain/audit-event';
import type { AuditLog } from '../domain/ports/store.port';
import type { ApiLog } from './http-reply';

/**
 * The audit trail's record of refused requests to the pages anyone can reach (download
 * links, the sign-in callback), kept as evidence without becoming a way to fill the
 * disk. Refusals are counted per source (the address a request came from, pseudonymised)
 * in ten-minute windows: the first refusal of each kind — reason, statement, person —
 * from a source in a window is written in full (at most 10 per source and 100 in all
 * per window); the rest are only counted, and one `refusals-counted` event per source
 * and window says how many of each reason there were. A source refused 30 times in a
 * window is turned away (429) until the window ends. Sources beyond 100 in a window
 * share one entry, so neither memory nor the audit trail grows with the number of
 * requests: at most about 200 events per window, however many arrive.
 */

/**
 * One refused request, as the audit trail records it.
 *
 * @example
 * const r: Refusal = { reason: 'expired', statementId: 'st_1', actor: { kind: 'person', id: 'p_sam' }, details: {} };
 */
export interface Refusal {
  reason: string;
  /** The statement, when it exists (the URL is anyone's to type). */
  statementId: string | null;
  actor: AuditEvent['actor'];
  details?: AuditEvent['details'];
}

/** @example const options: RefusalLedgerOptions = { audit: store.audit, now, log, secret: downloadSecret }; */
export interface RefusalLedgerOptions {
  audit: Pick<AuditLog, 'append'>;
  /** Seconds since the epoch. */
  now: () => number;
  log: ApiLog;
  /** Keys the pseudonyms of sources (an address is personal data; its pseudonym is not). */
  secret: string;
  /** Length of a counting window (default 600 s); windows start at multiples of it. */
  windowSeconds?: number;
  /** Refusals from one source in one window before it is turned away (default 30). */
  maxRefusals?: number;
  /** Distinct refusals from one source in one window written in full (default 10). */
  maxRecorded?: number;
  /** Refusals written in full in one window, all sources together (default 100). */
  maxRecordedInAll?: number;
  /** Sources counted apart in one window before the rest share one entry (default 100). */
  maxSources?: number;
}

/** The entry shared by every source beyond `maxSources` in a window. */
const OVERFLOW_SOURCE = 'src_many';

interface Tally {
  source: string;
  refused: number;
  /** Kinds of refusal already written in full in this window. */
  recorded: Set<string>;
  byReason: Map<string, number>;
  turnedAway: number;
}

/**
 * @example
 * const ledger = new RefusalLedger({ audit: store.audit, now, log, secret });
 * const source = ledger.sourceOf(req, 0);
 * if (!ledger.admit(source).ok) return tooManyRequests();
 * await ledger.refuse(source, { reason: 'forged', statementId: null, actor: { kind: 'system', id: 'download' } });
 * await ledger.close(); // writes the counts of the window still open
 */
export class RefusalLedger {
  private tallies = new Map<string, Tally>();
  /** Start of the current window (seconds). */
  private from: number;
  private recordedInAll = 0;
  private readonly windowSeconds: number;
  private readonly maxRefusals: number;
  private readonly maxRecorded: number;
  private readonly maxRecordedInAll: number;
  private readonly maxSources: number;
  private readonly timer: NodeJS.Timeout;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly options: RefusalLedgerOptions) {
    this.windowSeconds = options.windowSeconds ?? 600;
    this.maxRefusals = options.maxRefusals ?? 30;
    this.maxRecorded = options.maxRecorded ?? 10;
    this.maxRecordedInAll = options.maxRecordedInAll ?? 100;
    this.maxSources = options.maxSources ?? 100;
    this.from = this.windowStart();
    // A window that ends while nothing comes in is counted into the audit trail too.
    this.timer = setInterval(() => this.roll(), 60_000);
    this.timer.unref();
  }

  /**
   * The pseudonym of where a request came from: the connection's address, or with
   * `trustedProxyHops` proxies in front, the address the outermost of them saw (from
   * X-Forwarded-For; whatever a client wrote before that is ignored). An IPv6 address
   * counts by its /64, which one household or attacker usually holds whole.
   *
   * @example
   * ledger.sourceOf(req, 1); // 'src_3f9a1c0be27d'
   */
  sourceOf(req: IncomingMessage, trustedProxyHops: number): string {
    let address = req.socket.remoteAddress ?? 'unknown';
    if (trustedProxyHops > 0) {
      const header = req.headers['x-forwarded-for'];
      const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim()).filter((h) => h !== '');
      address = hops[Math.max(0, hops.length - trustedProxyHops)] ?? address;
    }
    return `src_${createHmac('sha256', this.options.secret).update(`heard.source.v1:${networkOf(address)}`).digest('hex').slice(0, 12)}`;
  }

  /**
   * Whether a request from `source` is heard at all: not once it has been refused
   * `maxRefusals` times in the current window (`retryAfter`: seconds until the window
   * ends). Being turned away is counted, never written one by one.
   */
  admit(source: string): { ok: true } | { ok: false; retryAfter: number } {
    this.roll();
    const tally = this.tallyOf(source, false);
    if (!tally || tally.refused < this.maxRefusals) return { ok: true };
    tally.turnedAway += 1;
    return { ok: false, retryAfter: Math.max(1, this.from + this.windowSeconds - this.options.now()) };
  }

  /**
   * Counts a refusal from `source`, and writes it in full if it is the first of its kind
   * from there in the window (within the limits). Resolves true when it was written in
   * full (the caller may log it), false when it was only counted.
   */
  async refuse(source: string, refusal: Refusal): Promise<boolean> {
    this.roll();
    const tally = this.tallyOf(source, true)!;
    tally.refused += 1;
    tally.byReason.set(refusal.reason, (tally.byReason.get(refusal.reason) ?? 0) + 1);
    const kind = `${refusal.reason}|${refusal.statementId ?? ''}|${refusal.actor.kind}:${refusal.actor.id}`;
    if (tally.recorded.has(kind) || tally.recorded.size >= this.maxRecorded || this.recordedInAll >= this.maxRecordedInAll) return false;
    tally.recorded.add(kind);
    this.recordedInAll += 1;
    await this.append({
      id: `au_${randomUUID()}`,
      at: this.options.now(),
      actor: refusal.actor,
      action: 'download-refused',
      statementId: refusal.statementId,
      channel: 'download',
      details: { reason: refusal.reason, source: tally.source, ...refusal.details },
    });
    return true;
  }

  /** Ends the current window now, writing the counts of refusals not written in full. */
  async endWindow(): Promise<void> {
    this.end(this.options.now());
    await this.writes;
  }

  /** Ends the window and stops the timer (at shutdown). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.endWindow();
  }

  private windowStart(): number {
    const now = this.options.now();
    return now - (((now % this.windowSeconds) + this.windowSeconds) % this.windowSeconds);
  }

  /** Moves on to the window `now` is in, if the current one has ended. */
  private roll(): void {
    if (this.options.now() >= this.from + this.windowSeconds) this.end(this.from + this.windowSeconds);
  }

  private tallyOf(source: string, create: boolean): Tally | null {
    const key = this.tallies.has(source) || this.tallies.size < this.maxSources ? source : OVERFLOW_SOURCE;
    let tally = this.tallies.get(key);
    if (!tally && create) {
      tally = { source: key, refused: 0, recorded: new Set(), byReason: new Map(), turnedAway: 0 };
      this.tallies.set(key, tally);
    }
    return tally ?? null;
  }

  /** Closes the current window at `until`: one `refusals-counted` event per source with refusals not written in full. */
  private end(until: number): void {
    const from = this.from;
    const tallies = [...this.tallies.values()];
    this.tallies = new Map();
    this.recordedInAll = 0;
    this.from = this.windowStart();
    for (const tally of tallies) {
      const written = tally.recorded.size;
      if (tally.refused === written && tally.turnedAway === 0) continue;
      this.options.log('refusals-counted', { source: tally.source, refused: tally.refused, writtenInFull: written, turnedAway: tally.turnedAway });
      void this.append({
        id: `au_${randomUUID()}`,
        at: this.options.now(),
        actor: { kind: 'system', id: 'download' },
        action: 'refusals-counted',
        statementId: null,
        channel: 'download',
        details: { source: tally.source, from, until, refused: tally.refused, writtenInFull: written, turnedAway: tally.turnedAway, ...Object.fromEntries(tally.byReason) },
      });
    }
  }

  /** Audit writes run one after another; a failure is logged, never thrown at a refused request. */
  private append(event: AuditEvent): Promise<void> {
    this.writes = this.writes.then(() =>
      this.options.audit.append(event).catch((error: unknown) => {
        this.options.log('audit-write-failed', { action: event.action, error: error instanceof Error ? error.name : typeof error });
      }),
    );
    return this.writes;
  }
}

/** The address with an IPv4-mapped prefix removed, and an IPv6 address cut to its /64. */
function networkOf(address: string): string {
  const bare = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIPv4(bare) || !isIPv6(bare)) return bare;
  const [head, tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
