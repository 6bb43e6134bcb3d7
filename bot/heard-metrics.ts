import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ObligationRepository, OpenCount } from '../domain/ports/store.port';
import type { BotLog } from './bot-log';
import type { ProactiveSender } from './proactive-sender';
import { statusOf } from './proactive-sender';

/**
 * What `GET /api/metrics` reports, in Prometheus' text format (prom-client). Counters are
 * counted from the events Heard logs — one stream, so the log and the metrics never
 * disagree — and from each attempt the proactive sender makes; the open and overdue
 * obligations are counted in the store when scraped. Labels are codes, outcomes and
 * standard ids only: no person, statement or child is ever a label.
 */

/** At most one count of open obligations per this many seconds, whoever scrapes how often. */
const OBLIGATION_COUNT_TTL_MS = 30_000;

/**
 * Heard's metrics and their registry.
 *
 * @example
 * const metrics = new HeardMetrics({ obligations: store.obligations, now });
 * const log = metrics.observing(eventLog(logger));
 * const text = await metrics.registry.metrics();
 */
export class HeardMetrics {
  readonly registry = new Registry();
  private readonly received: Counter<'outcome'>;
  private readonly intakeRefused: Counter<'code'>;
  private readonly caseEvents: Counter<'outcome'>;
  private readonly caseEventsRefused: Counter<'code'>;
  private readonly cards: Counter<'outcome' | 'reason'>;
  private readonly nudges: Counter<'outcome'>;
  private readonly digests: Counter;
  private readonly nudgesRetried: Counter;
  private readonly teamsAttempts: Counter<'result'>;
  private readonly teamsRetries: Counter<'status'>;
  private readonly sweeps: Counter<'outcome'>;
  private readonly lastSweep: Gauge;
  private readonly lag: Histogram;
  private readonly open: Gauge<'standard'>;
  private readonly overdue: Gauge<'standard'>;
  private counted: { at: number; counts: Promise<OpenCount[]> } | null = null;

  constructor(private readonly deps: { obligations: Pick<ObligationRepository, 'countOpenByStandard'>; now: () => number; clockMs?: () => number }) {
    const registers = [this.registry];
    this.received = new Counter({ name: 'heard_statements_received_total', help: 'Statements accepted by the intake: created, or a repeat of one already received.', labelNames: ['outcome'], registers });
    this.intakeRefused = new Counter({ name: 'heard_intake_refused_total', help: 'Intake requests refused, by error code (signature, schema, size, conflict…).', labelNames: ['code'], registers });
    this.caseEvents = new Counter({
      name: 'heard_case_events_received_total',
      help: 'Case events accepted by POST /api/case-events: imported, or unchanged (a resend of one already received).',
      labelNames: ['outcome'],
      registers,
    });
    this.caseEventsRefused = new Counter({
      name: 'heard_case_events_refused_total',
      help: 'Case events refused by POST /api/case-events, by code: each event of a batch (INVALID_EVENT, EVENT_ID_CONFLICT), or a whole request (signature, JSON, size…).',
      labelNames: ['code'],
      registers,
    });
    this.cards = new Counter({ name: 'heard_card_deliveries_total', help: 'Statement cards sent to a personal chat: delivered, or not delivered and why.', labelNames: ['outcome', 'reason'], registers });
    this.nudges = new Counter({ name: 'heard_nudges_total', help: 'Nudges and escalations by outcome: sent, undelivered, superseded (a later reminder went instead), escalated.', labelNames: ['outcome'], registers });
    this.digests = new Counter({ name: 'heard_digests_sent_total', help: 'Morning digests sent.', registers });
    this.nudgesRetried = new Counter({ name: 'heard_nudges_retried_total', help: 'Obligations whose nudge failed after every retry of the sender, and will be tried again at a later sweep.', registers });
    this.teamsAttempts = new Counter({ name: 'heard_teams_requests_total', help: 'Proactive requests to Teams by result: ok, throttled (429), 412, 5xx, 403, 404, not-installed, network.', labelNames: ['result'], registers });
    this.teamsRetries = new Counter({ name: 'heard_teams_retries_total', help: 'Proactive requests retried by the throttled sender, by the status that caused it.', labelNames: ['status'], registers });
    this.sweeps = new Counter({ name: 'heard_scheduler_sweeps_total', help: 'Scheduler sweeps: with work, idle, or failed.', labelNames: ['outcome'], registers });
    this.lastSweep = new Gauge({ name: 'heard_scheduler_last_sweep_timestamp_seconds', help: 'When this instance last finished a sweep (Heard’s clock): alert when it falls behind.', registers });
    this.lag = new Histogram({
      name: 'heard_scheduler_lag_seconds',
      help: 'How late a sweep ran: its start minus the earliest next-nudge instant it claimed.',
      buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600],
      registers,
    });
    // Both filled at scrape time from one count (see openCounts).
    this.open = new Gauge({
      name: 'heard_obligations_open',
      help: 'Open obligations, by standard (the whole store: every instance reports the same).',
      labelNames: ['standard'],
      registers,
      collect: () => this.fill(this.open, (c) => c.open),
    });
    this.overdue = new Gauge({
      name: 'heard_obligations_overdue',
      help: 'Open obligations past their due instant, by standard (the whole store).',
      labelNames: ['standard'],
      registers,
      collect: () => this.fill(this.overdue, (c) => c.overdue),
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * The log function that also counts: every event goes on to `log` unchanged (whatever
   * the log level), and the ones the metrics follow are counted on the way.
   *
   * @example const log = metrics.observing(eventLog(logger));
   */
  observing(log: BotLog): BotLog {
    return (event, fields) => {
      this.observe(event, fields);
      log(event, fields);
    };
  }

  /**
   * The sender every proactive message goes through, each attempt counted by result
   * (it sits inside the throttled sender, so retries are attempts too).
   *
   * @example const sender = new ThrottledSender(metrics.metered(new BotFrameworkSender(...)), { onRetry: metrics.retried });
   */
  metered(inner: ProactiveSender): ProactiveSender {
    const attempt = async <T extends { ok: boolean; reason?: string }>(work: () => Promise<T>): Promise<T> => {
      try {
        const outcome = await work();
        this.teamsAttempts.inc({ result: outcome.ok ? 'ok' : (outcome.reason ?? 'refused') });
        return outcome;
      } catch (error) {
        this.teamsAttempts.inc({ result: resultOf(statusOf(error)) });
        throw error;
      }
    };
    return {
      send: (aadObjectId, activity) => attempt(() => inner.send(aadObjectId, activity)),
      update: (aadObjectId, activityId, activity) => attempt(() => inner.update(aadObjectId, activityId, activity)),
    };
  }

  /** For the throttled sender's `onRetry`. @example new ThrottledSender(inner, { onRetry: metrics.retried }); */
  readonly retried = (status: number | null): void => {
    this.teamsRetries.inc({ status: status === null ? 'network' : String(status) });
  };

  private observe(event: string, fields: Record<string, string | number | boolean>): void {
    const n = (key: string) => (typeof fields[key] === 'number' ? (fields[key] as number) : 0);
    switch (event) {
      case 'intake-created':
        this.received.inc({ outcome: 'created' });
        break;
      case 'intake-repeat':
        this.received.inc({ outcome: 'repeat' });
        break;
      case 'intake-refused':
        this.intakeRefused.inc({ code: String(fields.code ?? 'UNKNOWN') });
        break;
      case 'request-refused':
      case 'unexpected-error': {
        const code = event === 'unexpected-error' ? 'INTERNAL' : String(fields.code ?? 'UNKNOWN');
        if (fields.route === 'intake') this.intakeRefused.inc({ code });
        if (fields.route === 'case-events') this.caseEventsRefused.inc({ code });
        break;
      }
      case 'case-events-received':
        if (n('imported') > 0) this.caseEvents.inc({ outcome: 'imported' }, n('imported'));
        if (n('unchanged') > 0) this.caseEvents.inc({ outcome: 'unchanged' }, n('unchanged'));
        if (n('invalid') > 0) this.caseEventsRefused.inc({ code: 'INVALID_EVENT' }, n('invalid'));
        if (n('conflicts') > 0) this.caseEventsRefused.inc({ code: 'EVENT_ID_CONFLICT' }, n('conflicts'));
        break;
      case 'case-events-refused':
        // A whole request refused before its events were read (signature, JSON, size…); refused events are counted above.
        if (fields.counted !== 'by-event') this.caseEventsRefused.inc({ code: String(fields.code ?? 'UNKNOWN') });
        break;
      case 'card-delivered':
        this.cards.inc({ outcome: 'delivered', reason: '' });
        break;
      case 'card-not-delivered':
        this.cards.inc({ outcome: 'not-delivered', reason: String(fields.reason ?? 'unknown') });
        break;
      case 'scheduler-sweep':
      case 'scheduler-idle':
        this.sweeps.inc({ outcome: event === 'scheduler-sweep' ? 'work' : 'idle' });
        this.lastSweep.set(this.deps.now());
        for (const outcome of ['sent', 'undelivered', 'superseded', 'escalated'] as const) if (n(outcome) > 0) this.nudges.inc({ outcome }, n(outcome));
        if (n('digests') > 0) this.digests.inc(n('digests'));
        if (n('failed') > 0) this.nudgesRetried.inc(n('failed'));
        if (typeof fields.lagSeconds === 'number') this.lag.observe(fields.lagSeconds);
        break;
      case 'scheduler-error':
        this.sweeps.inc({ outcome: 'failed' });
        break;
    }
  }

  /**
   * Counted in the store at scrape time rather than kept as running totals: whether an
   * obligation is overdue changes with the clock, not with a write, and running totals
   * kept by each of several instances would drift apart. One grouped read of a partial
   * index of the open obligations (`countOpenByStandard`), at most once per 30 s however
   * often or by how many scrapers it is asked, and never two at once.
   */
  private openCounts(): Promise<OpenCount[]> {
    const clockMs = this.deps.clockMs ?? Date.now;
    if (this.counted === null || clockMs() - this.counted.at >= OBLIGATION_COUNT_TTL_MS) {
      const counted = { at: clockMs(), counts: this.deps.obligations.countOpenByStandard(this.deps.now()) };
      this.counted = counted;
      // A failed count is not kept: the next scrape tries again.
      counted.counts.catch(() => {
        if (this.counted === counted) this.counted = null;
      });
    }
    return this.counted.counts;
  }

  private async fill(gauge: Gauge<'standard'>, value: (count: OpenCount) => number): Promise<void> {
    const counts = await this.openCounts();
    gauge.reset();
    for (const c of counts) gauge.set({ standard: c.standardId }, value(c));
  }
}

/** A failed attempt's result label: the status class Teams answered, or `network`. */
function resultOf(status: number | null): string {
  if (status === null) return 'network';
  if (status === 429) return 'throttled';
  if (status >= 500) return '5xx';
  return String(status);
}
