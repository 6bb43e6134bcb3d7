import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { renderDeliveryReport, renderHandoverNews, renderNotice } from '../cards/broadcast-view';
import { broadcastMessageKey, TO_SEND, type Broadcast, type BroadcastRecipient } from '../domain/broadcast';
import type { Broadcasts } from '../domain/broadcasts';
import { ConcurrencyError, type Store } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';
import type { WorkingCalendar } from '../standards';
import type { CardUpdater, OnceSender } from './outbound.port';
import { RecordedSender } from './recorded-sender';
import { WakeLoop } from './wake-loop';

export interface BroadcastSenderDeps {
  store: Store;
  broadcasts: Broadcasts;
  sender: OnceSender & CardUpdater;
  calendar: WorkingCalendar;
  /** Whole seconds since the epoch (injected: tests drive a fake clock). */
  now: () => number;
  /** This instance's name in leases and records. */
  holder: string;
  log: (event: string, fields: Record<string, string | number | boolean>) => void;
  /** How long a claim on a recipient lasts before another instance may take it over. Default 120 s. */
  leaseSeconds?: number;
  /** Recipients claimed at a time. Default 100. */
  batchSize?: number;
  /** Recipients worked on at once: enough to keep the tenant's rate busy; the throttled sender keeps the limits. Default 64. */
  concurrency?: number;
  /** Tries (each through the throttled sender's own retries) before a recipient is given up as failed. Default 3. */
  maxAttempts?: number;
  /** Wait before the next try after a failure; doubles each time. Default 60 s. */
  retrySeconds?: number;
  /** The delivery report is updated at most this often while sending (and once at the end). Default 3 s. */
  reportEverySeconds?: number;
}

/** What one run did. */
export interface BroadcastRun {
  claimed: number;
  delivered: number;
  notReached: number;
  retrying: number;
  failed: number;
  finished: number;
}

/**
 * Drains the broadcast queue kept in the store: claims recipients with a lease (so two
 * instances never take one, and a dead instance's claims lapse), sends each their card
 * through the recorded sender — the nudge records' idempotency key, recorded as the
 * throttled sender lets the message go, so nothing is ever sent twice, across restarts
 * and instances — and records the outcome on the recipient. At that last moment it also
 * checks the broadcast was not cancelled: nothing leaves after "Cancel sending". A
 * recipient whose key was already recorded by a process that died mid-send is
 * `unconfirmed` (sent or lost, never sent again). Failures Teams keeps answering are
 * tried again later, then given up as `failed`.
 *
 * The delivery report card in the officer's chat is sent once and then updated in place,
 * at most every few seconds while sending and once when done.
 *
 * @example
 * const sender = new BroadcastSender({ store, broadcasts, sender: cardSender, calendar, now, holder: 'web-1', log });
 * await sender.run(); // until nothing is left that may be tried now
 */
export class BroadcastSender {
  private readonly recorded: RecordedSender;
  private readonly lastReport = new Map<string, number>();
  /** The report work of each broadcast, one at a time in order (a first send and an update must not cross). */
  private readonly reporting = new Map<string, Promise<void>>();
  private readonly loop = new WakeLoop();

  constructor(private readonly deps: BroadcastSenderDeps) {
    this.recorded = new RecordedSender(deps);
  }

  /** Claims and sends until nothing is left that may be tried now; brings each touched report up to date. */
  async run(): Promise<BroadcastRun> {
    const run: BroadcastRun = { claimed: 0, delivered: 0, notReached: 0, retrying: 0, failed: 0, finished: 0 };
    const touched = new Set<string>();
    for (;;) {
      const claimed = await this.deps.store.broadcasts.claimRecipients(this.deps.now(), this.deps.holder, this.deps.leaseSeconds ?? 120, this.deps.batchSize ?? 100);
      if (claimed.length === 0) break;
      run.claimed += claimed.length;
      const broadcasts = new Map<string, Broadcast | null>();
      await eachAtOnce(claimed, this.deps.concurrency ?? 64, async (r) => {
        touched.add(r.broadcastId);
        if (!broadcasts.has(r.broadcastId)) broadcasts.set(r.broadcastId, await this.deps.store.broadcasts.get(r.broadcastId));
        const b = broadcasts.get(r.broadcastId);
        if (!b) return;
        const outcome = await this.send(b, r);
        if (outcome === 'delivered') run.delivered++;
        else if (outcome === 'not-reached') run.notReached++;
        else if (outcome === 'retrying') run.retrying++;
        else if (outcome === 'failed') run.failed++;
        await this.reportIfDue(r.broadcastId, false);
      });
      for (const id of broadcasts.keys()) if (await this.finishIfDone(id)) run.finished++;
    }
    for (const id of touched) await this.reportIfDue(id, true);
    return run;
  }

  /**
   * Runs until `stop()`: sends whatever may be sent, then sleeps until the next retry is
   * due, at most `pollSeconds` (another instance's broadcast, a claim that lapsed), or until
   * `poke()` says a broadcast was queued here. At start-up this resumes any broadcast a
   * previous process left half sent.
   */
  start(options: { pollSeconds?: number } = {}): void {
    const poll = options.pollSeconds ?? 30;
    this.loop.start(async () => {
      try {
        const run = await this.run();
        if (run.claimed > 0) this.deps.log('broadcast-run', { ...run });
      } catch (error) {
        this.deps.log('broadcast-error', { error: error instanceof Error ? error.name : 'unknown' });
      }
      const next = await this.nextWakeAt().catch(() => null);
      return next === null ? poll : Math.min(poll, next - this.deps.now());
    });
  }

  /** A broadcast was queued: send now rather than at the next wake-up. */
  poke(): void {
    this.loop.poke();
  }

  /** Stops the loop after the run in progress. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** When the next recipient may be tried (null: none left). */
  nextWakeAt(): Promise<number | null> {
    return this.deps.store.broadcasts.earliestAttemptAt();
  }

  /**
   * Brings a broadcast's delivery report card up to date now (after "I've read this", a
   * cancel): sends it if it was never sent, else updates it in place.
   */
  async refreshReport(broadcastId: string): Promise<void> {
    await this.reportIfDue(broadcastId, true);
  }

  private async send(b: Broadcast, claimed: BroadcastRecipient): Promise<'delivered' | 'not-reached' | 'retrying' | 'failed' | 'skipped'> {
    const { store } = this.deps;
    const person = await store.directory.getPerson(claimed.personId);
    if (!person) return this.settle(claimed, { state: 'failed', reason: 'left-directory' });
    const key = broadcastMessageKey(b.id, person.id);
    const mayGo = async () => {
      // The last moment before it leaves: stopped since? someone else's now?
      const current = await store.broadcasts.getRecipient(b.id, person.id);
      const broadcast = await store.broadcasts.get(b.id);
      return broadcast?.state === 'sending' && current !== null && TO_SEND.includes(current.state) && current.lease?.holder === this.deps.holder;
    };
    const sent = await this.recorded.send({ key, kind: 'broadcast', obligationId: null, statementId: null }, person, () => this.compose(b, claimed), mayGo);
    switch (sent.kind) {
      case 'sent':
        return this.settle(claimed, { state: 'delivered', activityId: sent.activityId, sentAt: sent.record.sentAt ?? this.deps.now() });
      case 'undelivered':
        return this.settle(claimed, { state: 'not-installed', reason: sent.reason });
      case 'already-done': {
        // Recorded before: by an instance that died mid-send ("sending"), or one that finished but was not saved here.
        const r = sent.record;
        if (r.state === 'sent') return this.settle(claimed, { state: 'delivered', activityId: r.activityId, sentAt: r.sentAt });
        if (r.state === 'undelivered') return this.settle(claimed, { state: 'not-installed', reason: r.reason });
        return this.settle(claimed, { state: 'unconfirmed', sentAt: r.at });
      }
      case 'not-dispatched':
        return 'skipped';
      case 'failed': {
        const attempts = claimed.attempts + 1;
        if (attempts >= (this.deps.maxAttempts ?? 3)) return this.settle(claimed, { state: 'failed', reason: 'error', attempts });
        const wait = (this.deps.retrySeconds ?? 60) * 2 ** (attempts - 1);
        return this.settle(claimed, { state: 'retrying', attempts, nextAttemptAt: this.deps.now() + wait });
      }
    }
  }

  /**
   * Records a recipient's outcome and releases the lease. A message that went out is
   * recorded whatever happened meanwhile (a cancel just after it left, a lease that ran out
   * and left it `unconfirmed` to another instance); an outcome of nothing sent gives way
   * to a cancel or to another instance now holding it.
   */
  private async settle(claimed: BroadcastRecipient, change: Partial<BroadcastRecipient>): Promise<'delivered' | 'not-reached' | 'retrying' | 'failed' | 'skipped'> {
    const { store } = this.deps;
    const wentOut = change.state === 'delivered' || change.state === 'unconfirmed' || change.state === 'not-installed';
    const outcome = change.state === 'delivered' || change.state === 'unconfirmed' ? 'delivered' : change.state === 'not-installed' ? 'not-reached' : change.state === 'retrying' ? 'retrying' : 'failed';
    let r = claimed;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await store.broadcasts.updateRecipient({ ...r, ...change, lease: null, readAt: r.readAt, version: r.version + 1 });
        return outcome;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
      const fresh = await store.broadcasts.getRecipient(claimed.broadcastId, claimed.personId);
      if (!fresh) return 'skipped';
      if (wentOut) {
        // Already recorded as arrived (its "I've read this" was pressed): nothing to add.
        if (fresh.state === 'delivered' || fresh.state === 'not-installed') return outcome;
      } else if (fresh.lease?.holder !== this.deps.holder || !TO_SEND.includes(fresh.state)) {
        return 'skipped';
      }
      r = fresh;
    }
    return 'skipped';
  }

  private async compose(b: Broadcast, r: BroadcastRecipient): Promise<AdaptiveCardJson> {
    const { store, calendar } = this.deps;
    const now = this.deps.now();
    if (b.kind === 'notice') return renderNotice(b, await store.directory.getPerson(b.createdBy), null, calendar, now);
    const handover = b.handoverId ? await store.handovers.get(b.handoverId) : null;
    if (!handover) return renderNotice(b, null, null, calendar, now);
    const back = b.id.endsWith('_back');
    const moved = (back ? handover.returned : handover.moved) ?? { statementIds: [], obligationIds: [] };
    const statements: Statement[] = [];
    for (const id of moved.statementIds) {
      const s = await store.statements.get(id);
      if (s) statements.push(s);
    }
    const [from, to, by] = await Promise.all([store.directory.getPerson(handover.fromId), store.directory.getPerson(handover.toId), store.directory.getPerson(handover.createdBy)]);
    return renderHandoverNews(r.part, handover, back ? { from: to, to: from, by: null } : { from, to, by }, statements, back, calendar, now);
  }

  /** Marks a broadcast done once nobody is left to try. */
  private async finishIfDone(broadcastId: string): Promise<boolean> {
    const { store } = this.deps;
    for (let attempt = 0; attempt < 3; attempt++) {
      const b = await store.broadcasts.get(broadcastId);
      if (!b || b.state !== 'sending') return false;
      const left = (await store.broadcasts.listRecipients(broadcastId)).some((r) => TO_SEND.includes(r.state));
      if (left) return false;
      try {
        await store.broadcasts.update({ ...b, state: 'done', finishedAt: this.deps.now(), version: b.version + 1 });
        this.deps.log('broadcast-finished', { broadcastId });
        return true;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    return false;
  }

  /** Sends or updates the officer's report card, at most every few seconds unless `now`. */
  private async reportIfDue(broadcastId: string, force: boolean): Promise<void> {
    const now = this.deps.now();
    const last = this.lastReport.get(broadcastId);
    if (!force && last !== undefined && now - last < (this.deps.reportEverySeconds ?? 3)) return;
    this.lastReport.set(broadcastId, now);
    const previous = this.reporting.get(broadcastId) ?? Promise.resolve();
    const next = previous.then(() =>
      this.report(broadcastId).catch((error: unknown) => {
        // The report is a view of the store: the next update or Refresh shows it.
        this.deps.log('broadcast-report-failed', { broadcastId, error: error instanceof Error ? error.name : 'unknown' });
      }),
    );
    this.reporting.set(broadcastId, next);
    await next;
    if (this.reporting.get(broadcastId) === next) this.reporting.delete(broadcastId);
  }

  private async report(broadcastId: string): Promise<void> {
    const { store, calendar, broadcasts } = this.deps;
    const report = await broadcasts.report(broadcastId);
    if (!report) return;
    const b = report.broadcast;
    const officer = await store.directory.getPerson(b.createdBy);
    if (!officer) return;
    const cancelledBy = b.cancelledBy ? ((await store.directory.getPerson(b.cancelledBy))?.name ?? null) : null;
    const card = renderDeliveryReport(report, { cancelledBy }, calendar, this.deps.now());
    if (b.report) {
      await this.deps.sender.update(b.report.aadObjectId, b.report.activityId, card);
      return;
    }
    const sent = await this.recorded.send({ key: `${broadcastMessageKey(b.id, officer.id)}:report`, kind: 'broadcast-report', obligationId: null, statementId: null }, officer, async () => card);
    const activityId = sent.kind === 'sent' ? sent.activityId : sent.kind === 'already-done' ? sent.record.activityId : null;
    if (!activityId || !officer.aadObjectId) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const fresh = await store.broadcasts.get(b.id);
      if (!fresh || fresh.report) break;
      try {
        await store.broadcasts.update({ ...fresh, report: { aadObjectId: officer.aadObjectId, activityId }, version: fresh.version + 1 });
        break;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    // Sent earlier (another instance, before a restart): bring that card up to date now.
    if (sent.kind === 'already-done') await this.deps.sender.update(officer.aadObjectId, activityId, card);
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
