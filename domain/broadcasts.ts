import { TO_SEND, type Broadcast, type BroadcastRecipient, type RecipientPart, type RecipientState } from './broadcast';
import type { Handover } from './handover';
import { lineManagerOf } from './line-manager';
import { runsTheService } from './permissions';
import { byName, type Person, type Role } from './person';
import type { Store } from './ports/store.port';

/**
 * Who a notice goes to: a team, everyone holding a role, or everyone in the directory.
 *
 * @example const a: AudienceSpec = { kind: 'role', role: 'manager' };
 */
export type AudienceSpec = { kind: 'team'; teamId: string } | { kind: 'role'; role: Role } | { kind: 'everyone' };

/** An audience resolved: its words and its people, by name. @example const a: Audience = { label: 'all managers', people }; */
export interface Audience {
  label: string;
  people: Person[];
}

/**
 * Above this many recipients, sending asks a second time ("Send to all 2,000?"), so nobody
 * sends to everyone by accident. The organisation setting `broadcast-policy`
 * (`{"secondConfirmationAbove": N}`) changes it.
 *
 * @example DEFAULT_SECOND_CONFIRMATION_ABOVE; // 25
 */
export const DEFAULT_SECOND_CONFIRMATION_ABOVE = 25;

/** The words for each role's holders, as a notice's audience. */
const ROLE_AUDIENCE: Readonly<Record<Role, string>> = {
  worker: 'all workers',
  manager: 'all managers',
  participation: 'the participation team',
  'complaints-officer': 'the complaints officers',
  'head-of-service': 'the heads of service',
  'duty-manager': 'the duty managers',
  'duty-officer': 'the duty officers',
  admin: 'the administrators',
};

/** Why a broadcast action was refused. */
export type BroadcastRefusal = 'NOT_ALLOWED' | 'NOT_FOUND' | 'NO_RECIPIENTS' | 'NOT_A_RECIPIENT' | 'FINISHED';

/**
 * Where a broadcast stands, for its delivery report: the count in each state and who has
 * read it, each recipient with their name.
 *
 * @example
 * const r: BroadcastReport = await broadcasts.report('bc_1');
 * r.counts.delivered; // 1987
 */
export interface BroadcastReport {
  broadcast: Broadcast;
  recipients: { recipient: BroadcastRecipient; person: Person | null }[];
  counts: Record<RecipientState, number> & { read: number; total: number };
}

export interface BroadcastsDeps {
  store: Store;
  now: () => number;
}

/**
 * The participation team's broadcasts: who a notice would reach (exactly, by name), the
 * notice itself, the news of a handover to everyone it affects, cancelling one in flight,
 * "I've read this", and the delivery report. Creating one only queues it in the store;
 * scheduler/broadcast-sender.ts sends. Every creation and cancellation is audited (ids and
 * counts only).
 *
 * @example
 * const broadcasts = new Broadcasts({ store, now });
 * const audience = await broadcasts.audienceOf({ kind: 'role', role: 'manager' });
 * await broadcasts.createNotice(jo, 'bc_fl_1', { kind: 'role', role: 'manager' }, 'Office closed Friday', 'The office is closed on Friday.');
 */
export class Broadcasts {
  constructor(private readonly deps: BroadcastsDeps) {}

  /** Whether `actor` may send notices and see delivery reports: the participation team and administrators. */
  mayBroadcast(actor: Person): boolean {
    return runsTheService(actor);
  }

  /** The people a notice to `spec` reaches now, by name (null: no such team). */
  async audienceOf(spec: AudienceSpec): Promise<Audience | null> {
    const directory = this.deps.store.directory;
    if (spec.kind === 'team') {
      const team = await directory.getTeam(spec.teamId);
      if (!team) return null;
      return { label: `the ${team.name} team`.replace(/ team team$/, ' team'), people: (await directory.listPeople({ teamId: team.id })).sort(byName) };
    }
    if (spec.kind === 'role') return { label: ROLE_AUDIENCE[spec.role], people: (await directory.listPeople({ role: spec.role })).sort(byName) };
    return { label: 'everyone', people: (await directory.listPeople()).sort(byName) };
  }

  /** Above how many recipients a second confirmation is asked. */
  async secondConfirmationAbove(): Promise<number> {
    const policy = await this.deps.store.settings.get('broadcast-policy');
    const above = (policy as { secondConfirmationAbove?: unknown } | null)?.secondConfirmationAbove;
    return typeof above === 'number' && Number.isSafeInteger(above) && above >= 0 ? above : DEFAULT_SECOND_CONFIRMATION_ABOVE;
  }

  /**
   * Queues a notice with "I've read this" to everyone `spec` reaches now. `id` is the
   * confirmation's idempotency key: confirming again (a double press, a retry after a
   * crash) finds the same broadcast and queues nobody twice.
   */
  async createNotice(
    actor: Person,
    id: string,
    spec: AudienceSpec,
    title: string,
    body: string,
  ): Promise<{ ok: true; broadcast: Broadcast; created: boolean } | { ok: false; code: BroadcastRefusal }> {
    if (!this.mayBroadcast(actor)) return { ok: false, code: 'NOT_ALLOWED' };
    const existing = await this.deps.store.broadcasts.get(id);
    if (existing) return { ok: true, broadcast: existing, created: false };
    const audience = await this.audienceOf(spec);
    if (!audience || audience.people.length === 0) return { ok: false, code: 'NO_RECIPIENTS' };
    const now = this.deps.now();
    const broadcast: Broadcast = {
      id,
      kind: 'notice',
      createdBy: actor.id,
      createdAt: now,
      audience: audience.label,
      title,
      body,
      handoverId: null,
      askRead: true,
      state: 'sending',
      finishedAt: null,
      cancelledBy: null,
      report: null,
      version: 1,
    };
    return this.create(broadcast, audience.people.map((p) => ({ personId: p.id, part: 'notice' as const })), actor.id);
  }

  /**
   * Queues the news of a handover (one statement or all of a person's work) to everyone it
   * affects: the new holder (their statement cards come as well), the previous holder,
   * and the line managers of both — not whoever confirmed it, who gets the delivery
   * report. `back`: the news that the work has moved back. Idempotent on the handover.
   */
  async forHandover(handover: Handover, back = false): Promise<Broadcast | null> {
    const id = `bc_${handover.id}${back ? '_back' : ''}`;
    const existing = await this.deps.store.broadcasts.get(id);
    if (existing) return existing;
    const moved = back ? handover.returned : handover.moved;
    if (!moved || moved.statementIds.length + moved.obligationIds.length === 0) return null;
    const directory = this.deps.store.directory;
    const [from, to] = back ? [handover.toId, handover.fromId] : [handover.fromId, handover.toId];
    const parts: { personId: string; part: RecipientPart }[] = [
      { personId: to, part: 'new-holder' },
      { personId: from, part: 'previous-holder' },
    ];
    for (const id of [from, to]) {
      const person = await directory.getPerson(id);
      const manager = person ? await lineManagerOf(directory, person) : null;
      if (manager && manager.id !== handover.createdBy && !parts.some((p) => p.personId === manager.id)) parts.push({ personId: manager.id, part: 'manager' });
    }
    const count = moved.statementIds.length;
    const now = this.deps.now();
    const broadcast: Broadcast = {
      id,
      kind: 'reassignment',
      createdBy: handover.createdBy,
      createdAt: now,
      audience: 'everyone the move affects',
      title: back ? 'Work moved back' : count === 1 && moved.obligationIds.length === 0 ? 'A statement moved' : 'Work moved',
      body: '',
      handoverId: handover.id,
      askRead: false,
      state: 'sending',
      finishedAt: null,
      cancelledBy: null,
      report: null,
      version: 1,
    };
    const created = await this.create(broadcast, parts, null);
    return created.broadcast;
  }

  private async create(broadcast: Broadcast, parts: { personId: string; part: RecipientPart }[], actorId: string | null): Promise<{ ok: true; broadcast: Broadcast; created: boolean }> {
    const recipients: BroadcastRecipient[] = parts.map(({ personId, part }) => ({
      broadcastId: broadcast.id,
      personId,
      part,
      state: 'pending',
      reason: null,
      attempts: 0,
      nextAttemptAt: broadcast.createdAt,
      lease: null,
      activityId: null,
      sentAt: null,
      readAt: null,
      version: 1,
    }));
    const outcome = await this.deps.store.transaction(async (tx) => {
      if ((await tx.broadcasts.create(broadcast, recipients)) === 'duplicate') return 'duplicate' as const;
      await tx.audit.append({
        id: `au_${broadcast.id}`,
        at: broadcast.createdAt,
        actor: actorId ? { kind: 'person', id: actorId } : { kind: 'system', id: 'handover' },
        action: 'broadcast-queued',
        statementId: null,
        channel: 'message',
        details: { broadcastId: broadcast.id, kind: broadcast.kind, recipients: recipients.length, handoverId: broadcast.handoverId },
      });
      return 'inserted' as const;
    });
    if (outcome === 'duplicate') return { ok: true, broadcast: (await this.deps.store.broadcasts.get(broadcast.id)) ?? broadcast, created: false };
    return { ok: true, broadcast, created: true };
  }

  /**
   * Stops a broadcast in flight: nobody not yet sent to is sent to (a message already on
   * its way completes). Whoever confirmed it, or the participation team, may.
   */
  async cancel(actor: Person, broadcastId: string): Promise<{ ok: true; broadcast: Broadcast; cancelled: number } | { ok: false; code: BroadcastRefusal }> {
    const now = this.deps.now();
    return this.deps.store.transaction(async (tx) => {
      const b = await tx.broadcasts.get(broadcastId);
      if (!b) return { ok: false, code: 'NOT_FOUND' } as const;
      if (b.createdBy !== actor.id && !runsTheService(actor)) return { ok: false, code: 'NOT_ALLOWED' } as const;
      if (b.state !== 'sending') return { ok: false, code: 'FINISHED' } as const;
      const cancelled = await tx.broadcasts.cancelPending(b.id);
      const next: Broadcast = { ...b, state: 'cancelled', cancelledBy: actor.id, finishedAt: now, version: b.version + 1 };
      await tx.broadcasts.update(next);
      await tx.audit.append({
        id: `au_${b.id}_cancelled`,
        at: now,
        actor: { kind: 'person', id: actor.id },
        action: 'broadcast-cancelled',
        statementId: null,
        channel: 'card',
        details: { broadcastId: b.id, notSent: cancelled },
      });
      return { ok: true, broadcast: next, cancelled } as const;
    });
  }

  /**
   * "I've read this": recorded once for the person pressing it, if the notice was sent to
   * them (from their Teams identity, never from the card).
   */
  async markRead(actor: Person, broadcastId: string): Promise<{ ok: true; broadcast: Broadcast; readAt: number; first: boolean } | { ok: false; code: BroadcastRefusal }> {
    const b = await this.deps.store.broadcasts.get(broadcastId);
    if (!b) return { ok: false, code: 'NOT_FOUND' };
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await this.deps.store.broadcasts.getRecipient(broadcastId, actor.id);
      if (!r) return { ok: false, code: 'NOT_A_RECIPIENT' };
      if (r.readAt !== null) return { ok: true, broadcast: b, readAt: r.readAt, first: false };
      const readAt = this.deps.now();
      try {
        // Pressing it shows it arrived, whatever the sender recorded (a send cut short by a crash).
        const state: RecipientState = r.state === 'unconfirmed' || TO_SEND.includes(r.state) ? 'delivered' : r.state;
        await this.deps.store.broadcasts.updateRecipient({ ...r, readAt, state, version: r.version + 1 });
        return { ok: true, broadcast: b, readAt, first: true };
      } catch {
        // The sender settled it at the same moment: read it again.
      }
    }
    return { ok: false, code: 'NOT_FOUND' };
  }

  /** The delivery report of a broadcast (null: none). Recipients by name. */
  async report(broadcastId: string): Promise<BroadcastReport | null> {
    const { store } = this.deps;
    const broadcast = await store.broadcasts.get(broadcastId);
    if (!broadcast) return null;
    const people = new Map((await store.directory.listPeople()).map((p) => [p.id, p]));
    const recipients = (await store.broadcasts.listRecipients(broadcastId))
      .map((recipient) => ({ recipient, person: people.get(recipient.personId) ?? null }))
      .sort((a, b) => (a.person && b.person ? byName(a.person, b.person) : a.recipient.personId < b.recipient.personId ? -1 : 1));
    const counts = { pending: 0, retrying: 0, delivered: 0, unconfirmed: 0, 'not-installed': 0, failed: 0, cancelled: 0, read: 0, total: recipients.length };
    for (const { recipient } of recipients) {
      counts[recipient.state] += 1;
      if (recipient.readAt !== null) counts.read += 1;
    }
    return { broadcast, recipients, counts };
  }

  /** The broadcasts a person may see the reports of, newest first: their own (all, for the participation team). */
  async recent(actor: Person, limit = 5): Promise<Broadcast[]> {
    if (!this.mayBroadcast(actor)) return this.deps.store.broadcasts.listRecent({ createdBy: actor.id }, limit);
    return this.deps.store.broadcasts.listRecent({}, limit);
  }

  /** Whether `actor` may see a broadcast's report: whoever confirmed it, and the participation team. */
  maySeeReport(actor: Person, broadcast: Broadcast): boolean {
    return broadcast.createdBy === actor.id || runsTheService(actor);
  }
}
