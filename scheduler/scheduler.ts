import { nudgePlan, type NudgePolicy, type NudgeStep } from '../domain/nudge-policy';
import type { Handovers } from '../domain/handovers';
import { PdfRetention } from '../domain/retention';
import { isTeamRole } from '../domain/obligation-rules';
import type { Obligation } from '../domain/obligation';
import type { Person } from '../domain/person';
import { ConcurrencyError, type Store } from '../domain/ports/store.port';
import type { StatementService } from '../domain/statement-service';
import type { StatementWorkItem, WorkItem, Worklists } from '../domain/worklists';
import type { Standard, WorkingCalendar } from '../standards';
import { MonthlyMonitoring } from './monthly-monitoring';
import { CaseEscalations } from './case-escalations';
import { MorningDigest } from './morning-digest';
import { NudgeOutbox, type ComposeMessage, type DeliveryResult, type NudgeMessage } from './nudge-outbox';
import type { CardUpdater, OnceSender } from './outbound.port';
import { Recipients, type Recipient } from './recipients';
import { ReviewCards } from './review-cards';

export interface SchedulerDeps {
  store: Store;
  service: StatementService;
  worklists: Worklists;
  standards: Standard[];
  calendar: WorkingCalendar;
  policy: NudgePolicy;
  sender: OnceSender;
  /** Replaces cards already sent (the pre-review cards, when a review changes). */
  updater?: CardUpdater;
  compose: ComposeMessage;
  /** Whole seconds since the epoch: injected, so tests and the simulation drive a fake clock. */
  now: () => number;
  /** This instance's name in leases and records (unique per process). */
  holder: string;
  /** How long a claim lasts before another instance may take it over. Default 300 s. */
  leaseSeconds?: number;
  /** Obligations claimed at a time. Default 100. */
  batchSize?: number;
  /** Obligations worked on at once (sends to different people overlap; the sender keeps the limits). Default 8. */
  concurrency?: number;
  /** Wait before retrying a nudge whose sending failed. Default 300 s. */
  retrySeconds?: number;
  /** How often the pre-review cards are looked at, at most (seconds). Default 120. */
  reviewEverySeconds?: number;
  /** How often the retention purge runs at most (seconds). Default 600. */
  purgeEverySeconds?: number;
  log: (event: string, fields: Record<string, string | number | boolean>) => void;
  /** Handovers to finish or move back at each sweep (domain/handovers.ts); none when absent. */
  handovers?: Pick<Handovers, 'finishDue'>;
}

/** What one sweep did. */
export interface SweepReport {
  claimed: number;
  sent: number;
  undelivered: number;
  superseded: number;
  escalated: number;
  failed: number;
  digests: number;
  /** Monthly monitoring cards sent. */
  monthly: number;
  /** PDFs purged under the retention policy. */
  purged: number;
  /** Pre-review cards sent or brought up to date in place. */
  reviews: number;
  /**
   * How late the sweep ran: its start minus the earliest next-nudge instant it claimed
   * (absent when it claimed nothing). A scheduler that keeps up shows a few seconds.
   */
  lagSeconds?: number;
  /** Handovers finished after a crash or moved back because their time was up. */
  handovers: number;
}

/**
 * The scheduler: nudges, escalations and morning digests from the schedule kept in the
 * store (each open obligation's `nextNudgeAt`), never from timers. A sweep claims the
 * obligations whose next nudge is due — atomically, with a lease another instance takes
 * over if this one dies — runs their due steps of the nudge plan, and moves
 * `nextNudgeAt` to the next step. Every message goes through the outbox's idempotency
 * keys, so a restart or a second instance never sends one twice.
 *
 * @example
 * const scheduler = new Scheduler({ store, service, worklists, standards, calendar, policy, sender, compose, now, holder: 'web-1', log });
 * scheduler.start(); // sleeps until the next nudge or digest is due, then sweeps
 */
export class Scheduler {
  private readonly byId: Map<string, Standard>;
  private readonly recipients: Recipients;
  private readonly outbox: NudgeOutbox;
  private readonly digest: MorningDigest;
  private readonly monthly: MonthlyMonitoring;
  private readonly retention: PdfRetention;
  private readonly reviews: ReviewCards;
  /** When this instance last ran the retention purge (not every sweep: PDFs are not due to the second). */
  private lastPurgeAt = -Infinity;
  private readonly caseWork: CaseEscalations;
  private running = false;
  /** Set by stop(): no more claims, and claimed obligations not yet worked on are handed back. */
  private stopping = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  /** Obligations this instance holds a lease on (claimed, or kept for a retry), by id. */
  private readonly held = new Map<string, Obligation>();

  constructor(private readonly deps: SchedulerDeps) {
    this.byId = new Map(deps.standards.map((s) => [s.id, s]));
    this.recipients = new Recipients(deps.store.directory, deps.store.rota, deps.now);
    this.outbox = new NudgeOutbox({
      store: deps.store,
      sender: deps.sender,
      compose: deps.compose,
      now: deps.now,
      holder: deps.holder,
      log: deps.log,
      participationTeam: () => this.recipients.participationTeam(this.today()),
      today: () => this.today(),
    });
    this.caseWork = new CaseEscalations({ store: deps.store, recipients: this.recipients, outbox: this.outbox, now: deps.now, today: () => this.today() });
    this.digest = new MorningDigest({
      store: deps.store,
      worklists: deps.worklists,
      recipients: this.recipients,
      outbox: this.outbox,
      calendar: deps.calendar,
      standards: this.byId,
    });
    this.monthly = new MonthlyMonitoring({ store: deps.store, recipients: this.recipients, outbox: this.outbox, calendar: deps.calendar, standards: deps.standards });
    this.retention = new PdfRetention({ statements: deps.store.statements, settings: deps.store.settings, service: deps.service, now: deps.now });
    this.reviews = new ReviewCards({
      store: deps.store,
      outbox: this.outbox,
      compose: deps.compose,
      updater: deps.updater,
      calendar: deps.calendar,
      holder: deps.holder,
      now: deps.now,
      log: deps.log,
      everySeconds: deps.reviewEverySeconds,
    });
  }

  /** Claims and works through every due obligation, then sends today's digests if due. */
  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { claimed: 0, sent: 0, undelivered: 0, superseded: 0, escalated: 0, failed: 0, digests: 0, handovers: 0, monthly: 0, purged: 0, reviews: 0 };
    // Work moved "until Friday" goes back first, so Monday's nudges reach whoever holds it again.
    if (this.deps.handovers) report.handovers = await this.deps.handovers.finishDue(this.deps.now());
    const batch = this.deps.batchSize ?? 100;
    // Until nothing is left to claim: an escalation that moves a statement starts new clocks
    // (an immediate one is due at once), and they are swept now, not at the next poll.
    while (!this.stopping) {
      const now = this.deps.now();
      const claimed = await this.deps.store.obligations.claimDue(now, this.deps.holder, this.deps.leaseSeconds ?? 300, batch);
      if (claimed.length === 0) break;
      for (const o of claimed) this.held.set(o.id, o);
      if (report.lagSeconds === undefined) report.lagSeconds = Math.max(0, now - Math.min(...claimed.map((o) => o.nextNudgeAt ?? now)));
      report.claimed += claimed.length;
      // Once stopping, what has not been started is handed back rather than worked on.
      await eachAtOnce(claimed, this.deps.concurrency ?? 8, (o) => (this.stopping ? this.release(o, o.nextNudgeAt, null) : this.work(o, now, report)));
    }
    if (!this.stopping) report.digests = await this.digest.run(this.deps.now());
    // On the month's first working day, at the same hour as the digests (so the same wake-up).
    if (!this.stopping) report.monthly = await this.monthly.run(this.deps.now());
    if (!this.stopping) report.reviews = await this.reviews.run(this.deps.now());
    if (!this.stopping && this.deps.now() - this.lastPurgeAt >= (this.deps.purgeEverySeconds ?? 600)) {
      this.lastPurgeAt = this.deps.now();
      report.purged = await this.retention.sweep();
    }
    return report;
  }

  /** When the next sweep has something to do: the earliest next nudge or digest (null: nothing scheduled). */
  async nextWakeAt(): Promise<number | null> {
    const nudge = await this.deps.store.obligations.earliestNudgeAt();
    const digest = this.digest.nextAfter(this.deps.now());
    if (nudge === null) return digest;
    return digest === null ? nudge : Math.min(nudge, digest);
  }

  /**
   * Runs sweeps until `stop()`: sleeps until the next wake-up, at most `pollSeconds` (so
   * work another instance scheduled, or a claim that lapsed, is picked up), or until
   * `poke()` says something changed here.
   */
  start(options: { pollSeconds?: number } = {}): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    const poll = options.pollSeconds ?? 30;
    this.loop = (async () => {
      while (this.running) {
        let claimed = 0;
        try {
          const report = await this.sweep();
          claimed = report.claimed;
          // Idle sweeps are logged at debug level: the metrics count them (is the scheduler alive?).
          this.deps.log(report.claimed + report.digests + report.handovers + report.monthly + report.purged + report.reviews > 0 ? 'scheduler-sweep' : 'scheduler-idle', { ...report });
        } catch (error) {
          this.deps.log('scheduler-error', { error: error instanceof Error ? error.name : 'unknown' });
        }
        if (!this.running) break;
        const next = await this.nextWakeAt().catch(() => null);
        const now = this.deps.now();
        // Due but nothing claimable (another instance's lease, or a retry waiting): poll rather than spin.
        const waiting = next !== null && next <= now && claimed === 0;
        const seconds = next === null || waiting ? poll : Math.min(poll, Math.max(1, next - now));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, seconds * 1000);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    })();
  }

  /** Something changed (a statement arrived or moved): sweep now rather than at the next wake-up. */
  poke(): void {
    this.wake?.();
  }

  /**
   * Stops the loop: no more claims; obligations claimed but not yet started are handed
   * back at once, and the ones being worked on are finished (a send that fails now hands
   * its obligation back rather than keeping it for a retry). Resolves when the sweep in
   * progress has ended; call {@link releaseLeases} after it, or after a grace period.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  /**
   * Hands back every lease this instance still holds — claims of a sweep cut short and
   * retries it was keeping — so another instance picks them up at once rather than when
   * the lease lapses. Each keeps its next nudge; a message already recorded as sending is
   * never sent again by anyone. Returns how many were handed back.
   */
  async releaseLeases(): Promise<number> {
    let released = 0;
    for (const o of [...this.held.values()]) {
      const fresh = await this.deps.store.obligations.get(o.id);
      if (fresh?.status === 'open' && fresh.lease?.holder === this.deps.holder) {
        await this.release(fresh, fresh.nextNudgeAt, null);
        released++;
      }
      this.held.delete(o.id);
    }
    return released;
  }

  private today(): string {
    const cal = this.deps.calendar;
    return cal.dateOf(cal.dayOf(this.deps.now()));
  }

  /** Runs the steps of a claimed obligation that are due, then schedules the next or retries. */
  private async work(claimed: Obligation, now: number, report: SweepReport): Promise<void> {
    const current = await this.deps.store.obligations.get(claimed.id);
    if (!current || current.status !== 'open' || current.lease?.holder !== this.deps.holder) {
      this.held.delete(claimed.id);
      return;
    }
    // What it is about — a statement, a child's case, a member of staff — and its standard.
    const [item] = await this.deps.worklists.itemsFor([current]);
    if (!item) {
      await this.release(current, null, null);
      return;
    }
    const plan = nudgePlan(current, item.standard, this.deps.calendar, this.deps.policy);
    const from = current.nextNudgeAt ?? now;
    const due = plan.filter((s) => s.at >= from && s.at <= now);
    // Several reminders due at once (after downtime): only the latest is worth sending.
    const reminders = due.filter((s) => s.purpose !== 'breach');
    const latestReminder = reminders[reminders.length - 1];
    let failed = false;
    for (const step of due) {
      const superseded = step.purpose !== 'breach' && step !== latestReminder;
      const results = await this.runStep(step, { ...item, obligation: current }, superseded);
      for (const r of results) {
        if (r === 'sent') report.sent++;
        else if (r === 'undelivered') report.undelivered++;
        else if (r === 'failed') failed = true;
      }
      if (superseded) report.superseded++;
      if (step.purpose === 'breach') report.escalated++;
    }
    if (failed) {
      report.failed++;
      // Keep the step; the lease keeps it from being claimed again until the retry (when
      // stopping, it is handed back instead, for another instance to try at once).
      await this.release(current, from, this.stopping ? null : { holder: this.deps.holder, until: now + (this.deps.retrySeconds ?? 300) });
      return;
    }
    await this.release(current, plan.find((s) => s.at > now)?.at ?? null, null);
  }

  /** Moves the obligation to its next nudge; a change made meanwhile (met, moved) wins. */
  private async release(claimed: Obligation, nextNudgeAt: number | null, lease: Obligation['lease']): Promise<void> {
    let o = claimed;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const released = { ...o, nextNudgeAt, lease, version: o.version + 1 };
        await this.deps.store.obligations.update(released);
        if (lease === null) this.held.delete(o.id);
        else this.held.set(o.id, released);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        const fresh = await this.deps.store.obligations.get(o.id);
        // Met or cancelled meanwhile, or another instance holds it now: nothing more to do here.
        if (!fresh || fresh.status !== 'open' || (fresh.lease !== null && fresh.lease.holder !== this.deps.holder)) {
          this.held.delete(o.id);
          return;
        }
        o = fresh;
      }
    }
  }

  /** One step of the plan: the reminder to whoever must act now, or the breach. */
  private async runStep(step: NudgeStep, item: WorkItem, superseded: boolean): Promise<DeliveryResult[]> {
    if (step.purpose === 'breach') return item.subject === 'statement' ? this.escalate(item) : this.caseWork.escalate(item);
    const o = item.obligation;
    const date = this.today();
    const recipients: Recipient[] = [];
    if (o.ownerId !== null) {
      const owner = await this.deps.store.directory.getPerson(o.ownerId);
      const standIn = owner ? await this.recipients.standIn(owner, date) : null;
      if (standIn) recipients.push(standIn);
      else for (const person of await this.recipients.participationTeam(date)) recipients.push({ person, forPerson: owner });
    } else if (item.subject === 'statement') {
      for (const person of await this.recipients.holdersOf(o.ownerRole, date)) recipients.push({ person, forPerson: null });
    } else {
      // Case work nobody in Heard holds (team reminders on): the case's managers.
      recipients.push(...(await this.caseWork.managersOf(item, date)));
    }
    // Nobody holds the role today (or the owner's stand-ins are all away): the participation team hears instead.
    if (recipients.length === 0) for (const person of await this.recipients.participationTeam(date)) recipients.push({ person, forPerson: null });
    const kind: 'reminder' | 'due' | 'immediate' = step.anyHour ? 'immediate' : step.purpose === 'due' ? 'due' : 'reminder';
    const results: DeliveryResult[] = [];
    for (const r of recipients) {
      const subject = { key: `${o.id}:${step.kind}:${r.person.id}`, kind: step.kind, obligationId: o.id, statementId: item.subject === 'statement' ? item.statement.id : null };
      if (superseded) {
        await this.outbox.supersede(subject, r.person.id);
        continue;
      }
      const message: NudgeMessage =
        item.subject === 'statement'
          ? { type: 'reminder', kind, percent: step.percent, obligation: o, statement: item.statement, standard: item.standard, forPerson: r.forPerson, teamHeld: o.ownerId === null }
          : { type: 'case-reminder', kind: kind === 'due' ? 'due' : 'reminder', percent: step.percent, workingDaysBefore: step.workingDaysBefore, item, forPerson: r.forPerson };
      results.push(await this.outbox.deliver(subject, r.person, message));
    }
    return results;
  }

  /**
   * The breach of a statement's clock: the standard's own escalation where it has one
   * (reassign the statement to `to` and tell `notify`, or tell `to`), else the owner's
   * line manager is asked to act; a team's missed deadline is told to the team. Audited
   * on the statement.
   */
  private async escalate(item: StatementWorkItem): Promise<DeliveryResult[]> {
    const { obligation: o, standard, statement } = item;
    const date = this.today();
    const directory = this.deps.store.directory;
    const owner = o.ownerId ? await directory.getPerson(o.ownerId) : null;
    // Whose work it was: the owner; for a team's clock (momo 2.2), the people it waits on.
    const subjects: Person[] = [];
    for (const id of o.ownerId ? [o.ownerId] : statement.assigneeIds) {
      const p = await directory.getPerson(id);
      if (p) subjects.push(p);
    }
    // An owner role nobody holds (no team manager on record) moves nobody's part: the target is added.
    const movedFrom = o.ownerId !== null || isTeamRole(o.ownerRole) ? subjects.map((p) => p.id) : [];
    const escalation = standard.escalation;
    const messages: { recipient: Recipient; variant: 'manager' | 'reassigned' | 'team' }[] = [];
    if (escalation?.action === 'reassign' && statement.status !== 'duty-procedure' && statement.status !== 'closed') {
      const [target] = await this.recipients.escalationTargets(escalation.to, subjects, date);
      if (target) {
        const moved = await this.deps.service.escalate(statement.id, movedFrom, target.person.id, standard.id);
        messages.push({ recipient: target, variant: moved.ok ? 'reassigned' : 'manager' });
      }
    } else if (escalation) {
      for (const target of await this.recipients.escalationTargets(escalation.to, subjects, date)) messages.push({ recipient: target, variant: 'manager' });
    } else if (subjects.length > 0 && o.ownerId !== null) {
      for (const target of await this.recipients.escalationTargets('line-manager', subjects, date)) messages.push({ recipient: target, variant: 'manager' });
    }
    const tell = [...(escalation?.notify ?? []), ...(messages.length === 0 ? ['participation-team'] : [])];
    for (const role of tell) {
      for (const person of await this.recipients.holdersOf(role, date)) {
        if (!messages.some((m) => m.recipient.person.id === person.id)) messages.push({ recipient: { person, forPerson: null }, variant: 'team' });
      }
    }
    const fresh = (await this.deps.store.statements.get(statement.id)) ?? statement;
    const results: DeliveryResult[] = [];
    for (const { recipient, variant } of messages) {
      const subject = { key: `${o.id}:breach:${recipient.person.id}`, kind: 'breach', obligationId: o.id, statementId: statement.id };
      const result = await this.outbox.deliver(subject, recipient.person, {
        type: 'escalation',
        variant,
        obligation: o,
        statement: fresh,
        standard,
        owner,
        forPerson: recipient.forPerson,
      });
      if (result === 'sent' || result === 'undelivered') {
        await this.deps.store.audit.append({
          id: `au_${subject.key}`,
          at: this.deps.now(),
          actor: { kind: 'system', id: 'scheduler' },
          action: 'statement-escalated',
          statementId: statement.id,
          channel: 'scheduler',
          details: { standard: standard.id, to: recipient.person.id, variant, delivered: result === 'sent' },
        });
      }
      results.push(result);
    }
    return results;
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachAtOnce<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
