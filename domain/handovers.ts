import type { WorkingCalendar } from '../standards';
import type { Broadcasts } from './broadcasts';
import type { Handover } from './handover';
import type { Obligation } from './obligation';
import { Permissions } from './permissions';
import type { Absence, Person } from './person';
import { ConcurrencyError, type Store } from './ports/store.port';
import { OPEN_STATUSES, type Statement } from './statement';
import type { StatementService } from './statement-service';

/**
 * Moving a person's open work to someone else, as one confirmed and audited operation:
 * every open statement assigned to them (their part of it: another holder keeps theirs)
 * and every other open obligation they own, whatever it is about — found through the
 * obligations port by owner, so clocks on cases or staff move too. Optionally until a
 * date, after which what is still with the new holder moves back (the scheduler's sweep
 * calls {@link Handovers.finishDue}). One statement moved by hand is a handover too, of
 * just that statement, so it is told to everyone it affects the same way.
 */

/**
 * What a handover would move, shown in its preview before anything changes.
 *
 * @example
 * const plan = await handovers.plan(priya, 'p_sam', 'p_ali', '2026-11-27');
 * plan.ok && plan.statements.length; // 4
 */
export interface HandoverPlan {
  from: Person;
  to: Person;
  until: string | null;
  /** Statements whose holder's part moves, oldest sent first. */
  statements: Statement[];
  /** The holder's other open obligations, soonest due first (each keeps its deadline). */
  obligations: Obligation[];
  /** The new holder's absence today or before `until` (a warning before moving work to someone away), or null. */
  toAbsence: Absence | null;
}

/** Why a handover was refused. @example const r: HandoverRefusal = 'NOT_ALLOWED'; */
export type HandoverRefusal = 'NOT_ALLOWED' | 'UNKNOWN_PERSON' | 'SAME_PERSON' | 'NOTHING_TO_MOVE';

export interface HandoversDeps {
  store: Store;
  service: StatementService;
  broadcasts: Broadcasts;
  calendar: WorkingCalendar;
  now: () => number;
  newId: (prefix: string) => string;
}

/** How long a handover may stay `applying` before a sweep takes it as cut short and finishes it. */
const APPLYING_GRACE_SECONDS = 120;

/**
 * @example
 * const handovers = new Handovers({ store, service, broadcasts, calendar, now, newId });
 * const plan = await handovers.plan(priya, 'p_sam', 'p_ali', '2026-11-27');
 * if (plan.ok) await handovers.confirm(priya, 'ho_fl_1', plan);
 */
export class Handovers {
  constructor(private readonly deps: HandoversDeps) {}

  /**
   * Everything of `fromId`'s that would move to `toId` now: their open statements, then
   * their other open obligations. Only someone who may move that person's statements (their
   * manager, the participation team) may.
   */
  async plan(actor: Person, fromId: string, toId: string, until: string | null): Promise<({ ok: true } & HandoverPlan) | { ok: false; code: HandoverRefusal }> {
    const { store } = this.deps;
    const [from, to] = await Promise.all([store.directory.getPerson(fromId), store.directory.getPerson(toId)]);
    if (!from || !to) return { ok: false, code: 'UNKNOWN_PERSON' };
    if (from.id === to.id) return { ok: false, code: 'SAME_PERSON' };
    if (!(await new Permissions(store.directory).mayMoveStatementsOf(actor, from))) return { ok: false, code: 'NOT_ALLOWED' };
    const statements = await store.statements.list({ assigneeId: from.id, statuses: OPEN_STATUSES });
    const moving = new Set(statements.map((s) => s.id));
    // Every other clock they own, whatever it is about: those of cases and staff, a team
    // manager's part of a statement someone else holds, a statement of theirs already saved.
    const owned = await store.obligations.openForOwners([from.id], Number.MAX_SAFE_INTEGER);
    const obligations = owned.filter((o) => {
      const statementId = o.statementId;
      return statementId === null || !moving.has(statementId);
    });
    return { ok: true, from, to, until, statements, obligations, toAbsence: await this.absenceOf(to, until) };
  }

  /**
   * The plan for one statement (or several of one child): each moves from its holder to
   * `toId`. Whoever may reassign it (domain/permissions.ts) may; a queued statement is
   * assigned instead (see StatementService.assign).
   */
  async planStatements(actor: Person, statements: Statement[], toId: string): Promise<({ ok: true } & HandoverPlan) | { ok: false; code: HandoverRefusal }> {
    const { store } = this.deps;
    const to = await store.directory.getPerson(toId);
    const first = statements[0];
    if (!to) return { ok: false, code: 'UNKNOWN_PERSON' };
    if (!first) return { ok: false, code: 'NOTHING_TO_MOVE' };
    const fromId = first.assigneeIds[0];
    const from = fromId ? await store.directory.getPerson(fromId) : null;
    if (!from) return { ok: false, code: 'UNKNOWN_PERSON' };
    if (from.id === to.id) return { ok: false, code: 'SAME_PERSON' };
    const permissions = new Permissions(store.directory);
    for (const s of statements) if (!(await permissions.mayReassign(actor, s, [to.id]))) return { ok: false, code: 'NOT_ALLOWED' };
    return { ok: true, from, to, until: null, statements, obligations: [], toAbsence: await this.absenceOf(to, null) };
  }

  /** An absence of `person` that covers today or starts on or before `until` (the last day), soonest first. */
  private async absenceOf(person: Person, until: string | null): Promise<Absence | null> {
    const { calendar } = this.deps;
    const today = calendar.dateOf(calendar.dayOf(this.deps.now()));
    const last = until && until > today ? until : today;
    const absences = (await this.deps.store.directory.listAbsences(person.id)).filter((a) => a.until >= today && a.from <= last);
    return absences.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))[0] ?? null;
  }

  /**
   * Confirms a plan as shown: records the handover under `id` (the confirmation's
   * idempotency key) and an audit event, moves each statement and obligation still with
   * the previous holder, and queues the news to everyone affected. Confirming again with
   * the same id moves nothing twice: it finishes what a first attempt cut short and answers
   * with the same handover.
   */
  async confirm(actor: Person, id: string, plan: HandoverPlan): Promise<{ ok: true; handover: Handover } | { ok: false; code: HandoverRefusal }> {
    const { store, calendar } = this.deps;
    const now = this.deps.now();
    if (!(await new Permissions(store.directory).mayMoveStatementsOf(actor, plan.from))) {
      // One statement moved by someone who may move it but not all of its holder's work (a manager holding it passing it on).
      const permissions = new Permissions(store.directory);
      for (const s of plan.statements) if (!(await permissions.mayReassign(actor, s, [plan.to.id]))) return { ok: false, code: 'NOT_ALLOWED' };
      if (plan.obligations.length > 0) return { ok: false, code: 'NOT_ALLOWED' };
    }
    const handover: Handover = {
      id,
      fromId: plan.from.id,
      toId: plan.to.id,
      createdBy: actor.id,
      createdAt: now,
      until: plan.until,
      returnAt: plan.until ? calendar.midnight[calendar.dayOfDate(plan.until) + 1] : null,
      statementIds: plan.statements.map((s) => s.id),
      obligationIds: plan.obligations.map((o) => o.id),
      moved: null,
      returned: null,
      state: 'applying',
      returnedAt: null,
      version: 1,
    };
    await store.transaction(async (tx) => {
      if ((await tx.handovers.insert(handover)) === 'duplicate') return;
      await tx.audit.append({
        id: `au_${id}`,
        at: now,
        actor: { kind: 'person', id: actor.id },
        action: 'work-handed-over',
        statementId: null,
        channel: 'message',
        details: {
          handoverId: id,
          from: handover.fromId,
          to: handover.toId,
          until: handover.until,
          statements: handover.statementIds.join(','),
          obligations: handover.obligationIds.join(','),
        },
      });
    });
    const stored = await store.handovers.get(id);
    if (!stored) throw new Error(`handover ${id} was recorded but cannot be read back`);
    return { ok: true, handover: await this.apply(stored, actor) };
  }

  /**
   * What the scheduler's sweep does at `now`: finishes handovers a crash left half
   * applied, and moves back those whose time is up. Idempotent, so two instances
   * sweeping at once do no harm; how many it finished.
   */
  async finishDue(now: number): Promise<number> {
    let finished = 0;
    for (const h of await this.deps.store.handovers.listToFinish(now, 50)) {
      if (h.state === 'applying') {
        if (now - h.createdAt < APPLYING_GRACE_SECONDS) continue;
        await this.apply(h, null);
      } else {
        await this.moveBack(h, null);
      }
      finished += 1;
    }
    return finished;
  }

  /**
   * Moves back now what is still with the new holder (someone back early): the person
   * the work belongs to, whoever moved it, their manager or the participation team may.
   * The moves are the system's, audited with who asked. What went back.
   */
  async moveBackNow(
    actor: Person,
    handoverId: string,
  ): Promise<{ ok: true; handover: Handover; back: { statementIds: string[]; obligationIds: string[] } } | { ok: false; code: HandoverRefusal }> {
    const h = await this.deps.store.handovers.get(handoverId);
    if (!h) return { ok: false, code: 'NOTHING_TO_MOVE' };
    const from = await this.deps.store.directory.getPerson(h.fromId);
    if (!from) return { ok: false, code: 'UNKNOWN_PERSON' };
    const allowed = actor.id === h.fromId || actor.id === h.createdBy || (await new Permissions(this.deps.store.directory).mayMoveStatementsOf(actor, from));
    if (!allowed) return { ok: false, code: 'NOT_ALLOWED' };
    if (h.state !== 'active') return { ok: false, code: 'NOTHING_TO_MOVE' };
    return { ok: true, ...(await this.moveBack(h, actor.id)) };
  }

  /** The handovers from a person that will move back (active), newest first. */
  async activeFrom(personId: string): Promise<Handover[]> {
    return (await this.deps.store.handovers.listFrom(personId)).filter((h) => h.state === 'active');
  }

  /** Moves what the handover names from its previous holder to its new one, then queues the news. */
  private async apply(h: Handover, actor: Person | null): Promise<Handover> {
    if (h.state === 'applying') {
      const moved = await this.move(h, h.fromId, h.toId, h.statementIds, h.obligationIds, actor, {});
      h = await this.settle(h, { moved, state: h.until ? 'active' : 'done' });
    }
    await this.deps.broadcasts.forHandover(h);
    return h;
  }

  /** Moves back, as the system, what is still with the new holder; `requestedBy` someone back early. */
  private async moveBack(h: Handover, requestedBy: string | null): Promise<{ handover: Handover; back: { statementIds: string[]; obligationIds: string[] } }> {
    if (h.state !== 'active') return { handover: h, back: { statementIds: [], obligationIds: [] } };
    const moved = h.moved ?? { statementIds: [], obligationIds: [] };
    const back = await this.move(h, h.toId, h.fromId, moved.statementIds, moved.obligationIds, null, { rule: 'handover-ended', ...(requestedBy ? { requestedBy } : {}) });
    const settled = await this.settle(h, { state: 'returned', returnedAt: this.deps.now(), returned: back });
    await this.deps.broadcasts.forHandover(settled, true);
    return { handover: settled, back };
  }

  /** Moves each statement (the holder's part) and obligation still with `fromId`; what did move. */
  private async move(
    h: Handover,
    fromId: string,
    toId: string,
    statementIds: string[],
    obligationIds: string[],
    actor: Person | null,
    details: Record<string, string>,
  ): Promise<{ statementIds: string[]; obligationIds: string[] }> {
    const { store, service } = this.deps;
    const moved = { statementIds: [] as string[], obligationIds: [] as string[] };
    for (const statementId of statementIds) {
      // Only what is still open and with them: one done, or moved on by someone else, stays where it is.
      const statement = await store.statements.get(statementId);
      if (!statement || !OPEN_STATUSES.includes(statement.status)) continue;
      if (!statement.assigneeIds.includes(fromId)) {
        if (statement.assigneeIds.includes(toId)) moved.statementIds.push(statementId);
        continue;
      }
      const result = await service.moveFrom(statementId, fromId, toId, actor, actor ? 'message' : 'scheduler', { handover: h.id, ...details });
      if (result.ok && result.statement.assigneeIds.includes(toId) && !result.statement.assigneeIds.includes(fromId)) moved.statementIds.push(statementId);
    }
    const now = this.deps.now();
    // A case's clock names its owner by e-mail too (the case engine works owners out by address).
    const toEmail = obligationIds.length > 0 ? ((await store.directory.getPerson(toId))?.email ?? null) : null;
    for (const obligationId of obligationIds) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const o = await store.obligations.get(obligationId);
        if (!o || o.status !== 'open' || (o.ownerId !== fromId && o.ownerId !== toId)) break;
        if (o.ownerId === toId) {
          moved.obligationIds.push(o.id);
          break;
        }
        try {
          await store.transaction(async (tx) => {
            await tx.obligations.update({ ...o, ownerId: toId, ownerEmail: o.subject === 'statement' ? o.ownerEmail : toEmail, lease: null, version: o.version + 1 });
            await tx.audit.append({
              id: this.deps.newId('au'),
              at: now,
              actor: actor ? { kind: 'person', id: actor.id } : { kind: 'system', id: 'handover' },
              action: 'obligation-handed-over',
              statementId: o.statementId,
              caseId: o.caseId,
              channel: actor ? 'message' : 'scheduler',
              details: { handover: h.id, obligationId: o.id, standard: o.standardId, from: fromId, to: toId, ...details },
            });
          });
          moved.obligationIds.push(o.id);
          break;
        } catch (error) {
          // Nudged or met at the same moment: read it again.
          if (!(error instanceof ConcurrencyError)) throw error;
        }
      }
    }
    return moved;
  }

  /** Stores the handover's new state; a second sweep or retry that got there first wins. */
  private async settle(h: Handover, change: Partial<Handover>): Promise<Handover> {
    const next: Handover = { ...h, ...change, version: h.version + 1 };
    try {
      await this.deps.store.handovers.update(next);
      return next;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return (await this.deps.store.handovers.get(h.id)) ?? next;
    }
  }
}
