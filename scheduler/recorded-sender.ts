import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { Person } from '../domain/person';
import type { NudgeRecord, Store } from '../domain/ports/store.port';
import type { OnceSender, SendOutcome, UndeliveredReason } from './outbound.port';

/** What a message is about, for its idempotency record. */
export interface MessageSubject {
  key: string;
  kind: string;
  obligationId: string | null;
  statementId: string | null;
}

/**
 * How one recorded send ended: sent, undelivered (who cannot be reached and why), already
 * done under its key (by this or another instance, before a restart or just now: the
 * record says how), not dispatched (someone else took the key at the last moment, or
 * `mayGo` said no), or failed for now (retried later).
 */
export type RecordedSend =
  | { kind: 'sent'; activityId: string; record: NudgeRecord }
  | { kind: 'undelivered'; reason: UndeliveredReason; record: NudgeRecord }
  | { kind: 'already-done'; record: NudgeRecord }
  | { kind: 'not-dispatched' }
  | { kind: 'failed' };

export interface RecordedSenderDeps {
  store: Store;
  sender: OnceSender;
  now: () => number;
  /** This instance's name, written on each record. */
  holder: string;
  log: (event: string, fields: Record<string, string | number | boolean>) => void;
}

/**
 * Never twice: every message the scheduler and the broadcast sender send goes through
 * here, under an idempotency key recorded in the store's nudge records (see
 * {@link RecordedSender.send}). A record left `sending` by a process killed mid-send means
 * the message was sent or lost, and it is never sent again.
 *
 * @example
 * const recorded = new RecordedSender({ store, sender, now, holder: 'web-1', log });
 */
export class RecordedSender {
  constructor(private readonly deps: RecordedSenderDeps) {}

  /**
   * Sends one card at most once under its idempotency key and records how it went: the
   * one mechanism every scheduled message and every broadcast goes through. The key is
   * recorded as `sending` when the throttled sender lets the message go (`mayGo`, if given,
   * is asked first, at that same moment: false sends nothing); the outcome replaces it.
   * A key already recorded comes back as `already-done` with its record; a send that
   * failed for certain (retries exhausted) forgets the key, so it is tried again later.
   *
   * @example
   * const sent = await recorded.send({ key: 'broadcast:bc_1:p_sam', kind: 'broadcast', obligationId: null, statementId: null }, sam, () => card);
   */
  async send(
    subject: MessageSubject,
    recipient: Person,
    compose: () => Promise<AdaptiveCardJson>,
    mayGo: () => Promise<boolean> = async () => true,
  ): Promise<RecordedSend> {
    const { store } = this.deps;
    const existing = await store.nudges.get(subject.key);
    if (existing) return { kind: 'already-done', record: existing };
    const record: NudgeRecord = {
      key: subject.key,
      obligationId: subject.obligationId,
      statementId: subject.statementId,
      kind: subject.kind,
      recipientId: recipient.id,
      state: 'sending',
      reason: null,
      holder: this.deps.holder,
      at: this.deps.now(),
      sentAt: null,
      activityId: null,
    };
    if (!recipient.aadObjectId) {
      if (!(await mayGo())) return { kind: 'not-dispatched' };
      const undelivered: NudgeRecord = { ...record, state: 'undelivered', reason: 'not-installed' };
      if ((await store.nudges.begin(undelivered)) === 'duplicate') return { kind: 'already-done', record: (await store.nudges.get(subject.key)) ?? undelivered };
      this.deps.log('nudge-undelivered', { key: record.key, reason: 'not-installed' });
      return { kind: 'undelivered', reason: 'not-installed', record: undelivered };
    }
    const card = await compose();
    let outcome: SendOutcome | 'not-dispatched';
    try {
      outcome = await this.deps.sender.sendOnce(recipient.aadObjectId, card, async () => (await mayGo()) && (await store.nudges.begin(record)) === 'inserted');
    } catch (error) {
      // The connector refused it for certain (retries exhausted): forget the key so a later sweep tries again.
      const mine = await store.nudges.get(record.key);
      if (mine && mine.holder === record.holder && mine.state === 'sending') await store.nudges.remove(record.key);
      this.deps.log('nudge-failed', { key: record.key, error: error instanceof Error ? error.name : 'unknown' });
      return { kind: 'failed' };
    }
    if (outcome === 'not-dispatched') return { kind: 'not-dispatched' };
    if (outcome.ok) {
      const sent: NudgeRecord = { ...record, state: 'sent', sentAt: this.deps.now(), activityId: outcome.activityId };
      await store.nudges.finish(sent);
      return { kind: 'sent', activityId: outcome.activityId, record: sent };
    }
    const undelivered: NudgeRecord = { ...record, state: 'undelivered', reason: outcome.reason };
    // Not installed is known before the key is recorded (nothing was dispatched); 403/404 after.
    const mine = await store.nudges.get(record.key);
    if (!mine) {
      if ((await store.nudges.begin(undelivered)) === 'duplicate') return { kind: 'already-done', record: (await store.nudges.get(record.key)) ?? undelivered };
    } else await store.nudges.finish(undelivered);
    this.deps.log('nudge-undelivered', { key: record.key, reason: outcome.reason });
    return { kind: 'undelivered', reason: outcome.reason, record: undelivered };
  }
}
