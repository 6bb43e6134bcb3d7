import { createHash, randomUUID } from 'crypto';
import type { Standard, WorkingCalendar } from '../standards';
import type { AuditEvent } from './audit-event';
import { DUTY_STEP_ROLE, DUTY_STEPS, IDENTIFIED_ACTION, childReferenceOf, dutyStepProblem, initialsOf, mayIdentify, unidentifiedChild, type DutyStep } from './duty-procedure';
import type { DutyRole } from './duty-rota';
import { peopleOnDuty } from './on-duty';
import { lastHandBack } from './hand-back';
import type { IntakeRequest, IntakeResult } from './intake-request';
import { DEFAULT_NUDGE_POLICY, nudgePlan, type NudgePolicy } from './nudge-policy';
import type { Obligation } from './obligation';
import { meetObligations, openObligations, type OwnerResolver } from './obligation-rules';
import { holdsStatement, mayAssignFromQueue, mayTakeDutyStep, Permissions } from './permissions';
import type { Person, Role } from './person';
import type { CardDelivery, Repositories, Store } from './ports/store.port';
import { dutyManagerOf, route, type RoutingDecision, type RoutingDirectory } from './routing';
import { followUpNoteOf, type SafetyLinkDecision, type SafetyLinkFollowUp } from './safety-link';
import type { Statement, StatementStatus } from './statement';

/** Expected failures of a statement action, mapped to friendly replies at the edges. */
export type StatementErrorCode =
  | 'STATEMENT_NOT_FOUND'
  | 'NOT_ASSIGNED_TO_YOU'
  | 'NOT_ALLOWED'
  | 'UNKNOWN_PERSON'
  | 'NOT_ASSIGNABLE'
  | 'PDF_NOT_AVAILABLE'
  | 'PROCEDURE_OVER'
  | 'ALREADY_ASSIGNED'
  | 'NOT_HANDED_BACK';

/**
 * A refused action; `ALREADY_ASSIGNED` says who has it now (someone else assigned it first).
 *
 * @example const r: ActionResult = { ok: false, code: 'ALREADY_ASSIGNED', holderIds: ['p_ali'] };
 */
export type ActionResult = { ok: true; statement: Statement; changed: boolean } | { ok: false; code: StatementErrorCode; holderIds?: string[] };

/**
 * A duty procedure step's result: as {@link ActionResult}, or refused because the step it
 * follows (`first`) has not been recorded yet.
 *
 * @example const r: DutyStepResult = { ok: false, code: 'OUT_OF_ORDER', first: 'young-person-contacted' };
 */
export type DutyStepResult = ActionResult | { ok: false; code: 'OUT_OF_ORDER'; first: DutyStep };

/** Why a worker hands a statement back (a code, so the audit trail carries no free text). */
export const HAND_BACK_REASONS = ['not-my-case', 'child-moved-team', 'worker-leaving', 'duplicate', 'other'] as const;
export type HandBackReason = (typeof HAND_BACK_REASONS)[number];

/** Where an action came from, for the audit trail. */
export type Channel = AuditEvent['channel'];

/**
 * A statement changed: told to listeners after the change is committed, so the bot can
 * deliver the card to new assignees and update every copy already sent.
 *
 * @example
 * service.subscribe((change) => cards.sync(change));
 */
export interface StatementChange {
  /** The audit action of the change, e.g. `statement-assigned`, `statement-acknowledged`. */
  action: string;
  statement: Statement;
  /** Who it was with before the change (the same as now unless it moved). */
  previousAssigneeIds: string[];
  /** Who made the change: a person's id, or null for the system (intake, routing). */
  actorId: string | null;
}

/** @example const listener: StatementListener = (change) => console.log(change.action); */
export type StatementListener = (change: StatementChange) => void;

export interface StatementServiceDeps {
  store: Store;
  standards: Standard[];
  /** Enabled pack ids. */
  packs: Set<string>;
  calendar: WorkingCalendar;
  /** When obligations are nudged (their first `nextNudgeAt`); the product's default when absent. */
  nudgePolicy?: NudgePolicy;
  now: () => number;
  newId?: (prefix: string) => string;
}

/** Standards' owner roles held by one person of the directory. */
const DIRECTORY_ROLE_OF_OWNER = new Map<string, Role>([
  ['complaints-officer', 'complaints-officer'],
  ['head-of-service', 'head-of-service'],
]);

/** The audit action that says where intake placed a statement. */
const ACTION_OF_ROUTING: Record<RoutingDecision['kind'], string> = {
  'duty-procedure': 'statement-routed',
  queue: 'statement-queued',
  assign: 'statement-assigned',
};

/** Statuses after which a statement has been opened by its recipient. */
const OPENED_OR_LATER: StatementStatus[] = ['opened', 'acknowledged', 'child-told', 'saved', 'closed'];

/**
 * The statement lifecycle: intake, routing, assignment, opening, acknowledging, telling
 * the child, saving to the case record, handing back and reassigning. Every transition
 * is one transaction that updates the statement, meets and opens the obligations of the
 * enabled standards, and appends an audit event.
 *
 * @example
 * const service = new StatementService({ store, standards, packs: new Set(['momo']), calendar, now: () => Date.now() / 1000 | 0 });
 * await service.receive(request, 'api');
 */
export class StatementService {
  private readonly byId: Map<string, Standard>;
  private readonly newId: (prefix: string) => string;
  private readonly listeners = new Set<StatementListener>();

  constructor(private readonly deps: StatementServiceDeps) {
    this.byId = new Map(deps.standards.map((s) => [s.id, s]));
    this.newId = deps.newId ?? ((prefix) => `${prefix}_${randomUUID()}`);
  }

  /** Calls `listener` after every committed change of a statement; returns the unsubscribe. */
  subscribe(listener: StatementListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Records what happened to the card sent to one assignee: a delivered card moves an
   * assigned statement to `delivered`; one that could not be delivered stays assigned
   * and is kept as not delivered, so the participation team can act. Audited either way.
   */
  async recordDelivery(delivery: CardDelivery): Promise<Statement | null> {
    return this.deps.store.transaction(async (tx) => {
      const s = await tx.statements.get(delivery.statementId);
      if (!s) return null;
      await tx.cards.save(delivery);
      const delivered = delivery.state === 'delivered';
      await this.audit(tx, delivery.at, { kind: 'system', id: 'delivery' }, delivered ? 'statement-delivered' : 'statement-not-delivered', s.id, 'card', {
        to: delivery.personId,
        ...(delivery.reason ? { reason: delivery.reason } : {}),
      });
      if (!delivered || s.status !== 'assigned' || !s.assigneeIds.includes(delivery.personId)) return s;
      const next: Statement = { ...s, status: 'delivered', version: s.version + 1, updatedAt: delivery.at };
      await tx.statements.update(next);
      return next;
    });
  }

  private tell(action: string, statement: Statement, previousAssigneeIds: string[], actorId: string | null): void {
    for (const listener of this.listeners) listener({ action, statement, previousAssigneeIds, actorId });
  }

  /**
   * Stores a statement once (idempotent on its external id), routes it and opens its
   * clocks. Of an unidentified young person it keeps no reference or initials
   * (`unidentifiedChild`): only the statement id.
   */
  async receive(request: IntakeRequest, channel: 'api' | 'csv'): Promise<IntakeResult> {
    const existing = await this.deps.store.statements.getByExternalId(request.externalId);
    if (existing) return resultOf(existing, false);
    const now = this.deps.now();
    const decision = await route(request.intendedRecipient, request.flags, this.today(), this.routingDirectory(this.deps.store));
    const statement: Statement = {
      id: this.newId('st'),
      externalId: request.externalId,
      sentAt: request.sentAt,
      receivedAt: now,
      child: request.flags.unidentified ? unidentifiedChild(request.externalId) : request.child,
      type: request.type,
      intendedRecipient: request.intendedRecipient,
      flags: request.flags,
      status: 'received',
      assigneeIds: [],
      routedBy: decision.rule,
      caseRecord: null,
      pdf: request.pdf ? { bytes: request.pdf.length, sha256: createHash('sha256').update(request.pdf).digest('hex'), purgedAt: null } : null,
      version: 1,
      updatedAt: now,
    };
    const placed = await this.deps.store.transaction(async (tx) => {
      if ((await tx.statements.insert(statement)) === 'duplicate') {
        const winner = await tx.statements.getByExternalId(request.externalId);
        if (!winner) throw new Error('statement reported duplicate but is missing');
        return { statement: winner, created: false };
      }
      if (request.pdf) await tx.pdfs.put(statement.id, request.pdf);
      await this.audit(tx, now, { kind: 'system', id: 'intake' }, 'statement-received', statement.id, channel, {
        externalId: statement.externalId,
        type: statement.type,
      });
      const opened = await this.open(tx, 'statement-sent', statement.sentAt, statement);
      return { statement: await this.applyRouting(tx, statement, decision, now, channel, opened), created: true };
    });
    if (placed.created) this.tell(ACTION_OF_ROUTING[decision.kind], placed.statement, [], null);
    return resultOf(placed.statement, placed.created);
  }

  /**
   * Assigns a queued (or handed-back) statement: participation team only. Two officers
   * assigning it at once: the first wins and the second is refused with who has it
   * (`ALREADY_ASSIGNED`), since it is no longer waiting.
   */
  async assign(statementId: string, assigneeId: string, actor: Person, channel: Channel): Promise<ActionResult> {
    if (!mayAssignFromQueue(actor)) return { ok: false, code: 'NOT_ALLOWED' };
    return this.reassignTo(statementId, [assigneeId], actor, channel, 'statement-assigned', {}, []);
  }

  /**
   * Moves a statement from one of its holders to someone else, leaving any other holder
   * (a Safety Link's team manager) as they are: how a handover moves a person's work.
   * `actor` null: the system (a handover moving back), which needs no permission.
   *
   * @example
   * await service.moveFrom('st_1', 'p_sam', 'p_ali', priya, 'message', { handover: 'ho_1' });
   */
  async moveFrom(statementId: string, fromId: string, toId: string, actor: Person | null, channel: Channel, details: AuditEvent['details'] = {}): Promise<ActionResult> {
    return this.reassignTo(
      statementId,
      (s) => (s.assigneeIds.includes(fromId) ? s.assigneeIds.map((id) => (id === fromId ? toId : id)) : s.assigneeIds),
      actor,
      channel,
      'statement-reassigned',
      details,
    );
  }

  /** Moves an assigned statement to someone else: participation team, admins, the assignee's manager, or a manager holding it to one of their own people. */
  async reassign(statementId: string, toPersonId: string, actor: Person, channel: Channel): Promise<ActionResult> {
    return this.reassignTo(statementId, [toPersonId], actor, channel, 'statement-reassigned');
  }

  /** The assignee downloaded or viewed it: stops the "open within 7 working hours" clock. */
  recordOpened(statementId: string, actor: Person, channel: Channel): Promise<ActionResult> {
    return this.assigneeAction(statementId, actor, channel, 'statement-opened', (s) =>
      OPENED_OR_LATER.includes(s.status) ? null : { ...s, status: 'opened' },
    );
  }

  /** The assignee acknowledged it (which also counts as opened). */
  acknowledge(statementId: string, actor: Person, channel: Channel): Promise<ActionResult> {
    return this.assigneeAction(statementId, actor, channel, ['statement-opened', 'statement-acknowledged'], (s) =>
      ['acknowledged', 'child-told', 'saved', 'closed'].includes(s.status) ? null : { ...s, status: 'acknowledged' },
    );
  }

  /** The assignee let the child know it was received. */
  recordChildTold(statementId: string, actor: Person, channel: Channel): Promise<ActionResult> {
    return this.assigneeAction(statementId, actor, channel, ['statement-opened', 'child-told'], (s) =>
      ['child-told', 'saved', 'closed'].includes(s.status) ? null : { ...s, status: 'child-told' },
    );
  }

  /** The assignee saved it to the case record (system and record reference). */
  recordSaved(statementId: string, actor: Person, caseRecord: { system: string; reference: string }, channel: Channel): Promise<ActionResult> {
    return this.assigneeAction(statementId, actor, channel, ['statement-opened', 'statement-saved'], (s, now) =>
      s.caseRecord ? null : { ...s, status: s.status === 'closed' ? 'closed' : 'saved', caseRecord: { ...caseRecord, savedAt: now } },
    );
  }

  /**
   * "Not for me": back to the participation team's queue, with a reason code. When nobody
   * else holds it, every clock still running on it stops and the assigning clock starts
   * again from now (momo.1.1.handed-back: see its interpretation). The audit event keeps
   * the status and the clocks it stopped, so the hand-back can be undone.
   */
  async handBack(statementId: string, actor: Person, reason: HandBackReason, channel: Channel): Promise<ActionResult> {
    const now = this.deps.now();
    const result = await this.deps.store.transaction(async (tx): Promise<ActionResult> => {
      const s = await tx.statements.get(statementId);
      if (!s) return { ok: false, code: 'STATEMENT_NOT_FOUND' } as const;
      if (!holdsStatement(actor, s)) return { ok: false, code: 'NOT_ASSIGNED_TO_YOU' } as const;
      const remaining = s.assigneeIds.filter((id) => id !== actor.id);
      const next: Statement = {
        ...s,
        assigneeIds: remaining,
        status: remaining.length > 0 ? s.status : 'queued',
        version: s.version + 1,
        updatedAt: now,
      };
      await tx.statements.update(next);
      const stopped = remaining.length > 0 ? await this.cancelOwned(tx, s.id, actor.id, now) : await this.cancelAll(tx, s.id, now);
      await this.audit(tx, now, { kind: 'person', id: actor.id }, 'statement-handed-back', s.id, channel, {
        reason,
        status: s.status,
        stopped: stopped.join(','),
      });
      if (remaining.length === 0) await this.open(tx, 'statement-handed-back', now, next);
      return { ok: true, statement: next, changed: true } as const;
    });
    if (result.ok) this.tell('statement-handed-back', result.statement, [...result.statement.assigneeIds, actor.id], actor.id);
    return result;
  }

  /**
   * Undoes a hand-back while the statement still waits in the queue: back to the person
   * who handed it back, in the state it was in, with the very clocks the hand-back stopped
   * (same deadlines: undoing gains no time). The person who handed it back or the
   * participation team may; anyone else, or once it has been assigned since, is refused.
   *
   * @example
   * await service.undoHandBack('st_1', sam, 'card');
   */
  async undoHandBack(statementId: string, actor: Person, channel: Channel): Promise<ActionResult> {
    const now = this.deps.now();
    const result = await this.deps.store.transaction(async (tx): Promise<ActionResult> => {
      const s = await tx.statements.get(statementId);
      if (!s) return { ok: false, code: 'STATEMENT_NOT_FOUND' } as const;
      const handBack = lastHandBack(await tx.audit.listForStatement(s.id));
      if (s.status !== 'queued' || s.assigneeIds.length > 0 || !handBack) return { ok: false, code: 'NOT_HANDED_BACK', holderIds: s.assigneeIds } as const;
      const holderId = handBack.actor.id;
      if (actor.id !== holderId && !mayAssignFromQueue(actor)) return { ok: false, code: 'NOT_ALLOWED' } as const;
      if (!(await tx.directory.getPerson(holderId))) return { ok: false, code: 'UNKNOWN_PERSON' } as const;
      const status = String(handBack.details.status ?? 'assigned') as StatementStatus;
      const next: Statement = { ...s, assigneeIds: [holderId], status, version: s.version + 1, updatedAt: now };
      await tx.statements.update(next);
      const stopped = new Set(String(handBack.details.stopped ?? '').split(',').filter(Boolean));
      for (const o of await tx.obligations.listForStatement(s.id)) {
        if (o.status === 'open') {
          // The queue's clock started by the hand-back: nobody needs to assign it now.
          await tx.obligations.update({ ...o, status: 'cancelled', nextNudgeAt: null, lease: null, version: o.version + 1 });
        } else if (stopped.has(o.id) && o.status === 'cancelled') {
          const standard = this.byId.get(o.standardId);
          const plan = standard ? nudgePlan(o, standard, this.deps.calendar, this.deps.nudgePolicy ?? DEFAULT_NUDGE_POLICY) : [];
          await tx.obligations.update({ ...o, status: 'open', nextNudgeAt: plan.find((step) => step.at >= now)?.at ?? null, lease: null, version: o.version + 1 });
        }
      }
      await this.audit(tx, now, { kind: 'person', id: actor.id }, 'statement-hand-back-undone', s.id, channel, { to: holderId, status });
      return { ok: true, statement: next, changed: true } as const;
    });
    if (result.ok) this.tell('statement-hand-back-undone', result.statement, [], actor.id);
    return result;
  }

  /** The signed PDF of a statement for its assignee, recording that it was opened. */
  async downloadPdf(statementId: string, actor: Person): Promise<{ ok: true; pdf: Buffer } | { ok: false; code: StatementErrorCode }> {
    // Only what was really served counts as opened: check the PDF before recording it.
    const statement = await this.deps.store.statements.get(statementId);
    if (!statement) return { ok: false, code: 'STATEMENT_NOT_FOUND' };
    if (!holdsStatement(actor, statement)) return { ok: false, code: 'NOT_ASSIGNED_TO_YOU' };
    const pdf = await this.deps.store.pdfs.get(statementId);
    if (!pdf) return { ok: false, code: 'PDF_NOT_AVAILABLE' };
    const opened = await this.recordOpened(statementId, actor, 'download');
    if (!opened.ok) return opened;
    return { ok: true, pdf };
  }

  /**
   * The retention policy's purge of one statement's PDF (domain/retention.ts): when it was
   * saved to the case record at or before `savedBefore` and Heard still holds the PDF, the
   * PDF is deleted, the statement records when (`pdf.purgedAt`), and the audit trail says
   * why (`pdf-purged`, with the policy's days); every card of it is updated, so Download
   * goes. True when this call purged it; false when there was nothing to do (already
   * purged, by another instance perhaps, or not yet due).
   *
   * @example
   * await service.purgePdfUnderRetention('st_1', now - 30 * 86400, 30);
   */
  async purgePdfUnderRetention(statementId: string, savedBefore: number, days: number): Promise<boolean> {
    const now = this.deps.now();
    const purged = await this.deps.store.transaction(async (tx) => {
      const s = await tx.statements.get(statementId);
      const savedAt = s?.caseRecord?.savedAt;
      if (!s || !s.pdf || s.pdf.purgedAt !== null || savedAt === undefined || savedAt > savedBefore) return null;
      await tx.pdfs.delete(s.id);
      const next: Statement = { ...s, pdf: { ...s.pdf, purgedAt: now }, version: s.version + 1, updatedAt: now };
      await tx.statements.update(next);
      await this.audit(tx, now, { kind: 'system', id: 'retention' }, 'pdf-purged', s.id, 'scheduler', { retentionDays: days, bytes: s.pdf.bytes });
      return next;
    });
    if (purged) this.tell('pdf-purged', purged, purged.assigneeIds, null);
    return purged !== null;
  }

  /**
   * A missed deadline's escalation moves the statement (momo 2.2: to the worker's line
   * manager): the scheduler, not a person, replaces `fromPersonIds` among the assignees
   * with `toPersonId` — the other assignees keep it (a Safety Link's case manager stays
   * when its team manager's part moves to the duty manager). Audited as a reassignment
   * by the system, with the standard that escalated.
   *
   * @example
   * await service.escalate('st_1', ['p_sam'], 'p_priya', 'momo.2.2');
   */
  async escalate(statementId: string, fromPersonIds: string[], toPersonId: string, standardId: string): Promise<ActionResult> {
    return this.reassignTo(statementId, (s) => [...s.assigneeIds.filter((id) => !fromPersonIds.includes(id)), toPersonId], null, 'scheduler', 'statement-reassigned', {
      rule: 'escalation',
      standard: standardId,
    });
  }

  /**
   * The Safety Link follow-up (yjs Safety Link 2): the team manager — or the duty manager
   * it went to — records what was decided with the allocated worker, with a short note.
   * The note is kept with the follow-up (the `followUps` port), never in the audit event,
   * which names the follow-up and the decision; the clock stops, whoever owned it; every
   * card of the statement is updated. Once recorded, another press changes nothing.
   *
   * @example
   * await service.recordSafetyLinkFollowUp('st_1', priya, 'urgent-action', 'Visit arranged for today.', 'card');
   */
  async recordSafetyLinkFollowUp(statementId: string, actor: Person, decision: SafetyLinkDecision, note: string, channel: Channel): Promise<ActionResult> {
    const kept = followUpNoteOf(note);
    if (!kept.ok) throw new RangeError(`a follow-up note must be 1–500 characters of text (${kept.problem})`);
    const now = this.deps.now();
    const result = await this.deps.store.transaction(async (tx): Promise<ActionResult> => {
      const s = await tx.statements.get(statementId);
      if (!s) return { ok: false, code: 'STATEMENT_NOT_FOUND' };
      if (!holdsStatement(actor, s)) return { ok: false, code: 'NOT_ASSIGNED_TO_YOU' };
      if (!(await new Permissions(tx.directory).mayRecordSafetyLinkFollowUp(actor, s))) return { ok: false, code: 'NOT_ALLOWED' };
      const followUp: SafetyLinkFollowUp = { id: this.newId('fu'), statementId: s.id, decision, note: kept.note, byId: actor.id, at: now };
      if ((await tx.followUps.insert(followUp)) === 'duplicate') return { ok: true, statement: s, changed: false };
      const met = meetObligations(['safety-link-followed-up'], now, await tx.obligations.listForStatement(s.id), this.byId);
      for (const o of met) await tx.obligations.update(o);
      const next: Statement = { ...s, version: s.version + 1, updatedAt: now };
      await tx.statements.update(next);
      await this.audit(tx, now, { kind: 'person', id: actor.id }, 'safety-link-followed-up', s.id, channel, {
        decision,
        followUp: followUp.id,
        met: met.map((o) => o.standardId).join(','),
      });
      return { ok: true, statement: next, changed: true };
    });
    if (result.ok && result.changed) this.tell('safety-link-followed-up', result.statement, result.statement.assigneeIds, actor.id);
    return result;
  }

  /**
   * A step of the duty procedure for an unidentified young person, taken in order by the
   * duty officer (the deletion request by the duty manager). It meets the step's clock and
   * starts the next ones (the follow-up e-mail starts the two-day reply window and the
   * three-working-day deletion clock). Checking the records tells the duty manager on the
   * rota, who then follows the procedure too; requesting deletion ends it and removes
   * Heard's own copy of the PDF. A step out of order is refused with the step to record
   * first; a step already recorded changes nothing.
   *
   * @example
   * await service.recordDutyStep('st_1', dee, 'duty-records-checked', 'card');
   */
  async recordDutyStep(statementId: string, actor: Person, step: DutyStep, channel: Channel): Promise<DutyStepResult> {
    const now = this.deps.now();
    const result = await this.deps.store.transaction(async (tx): Promise<DutyStepResult> => {
      const s = await tx.statements.get(statementId);
      if (!s) return { ok: false, code: 'STATEMENT_NOT_FOUND' };
      if (!mayTakeDutyStep(actor, s, DUTY_STEP_ROLE[step])) return { ok: false, code: 'NOT_ALLOWED' };
      const problem = dutyStepProblem(step, await this.stepsTaken(tx, s.id));
      if (problem?.code === 'ALREADY_DONE') return { ok: true, statement: s, changed: false };
      if (problem) return problem.code === 'OUT_OF_ORDER' ? { ok: false, ...problem } : { ok: false, code: problem.code };
      let next: Statement = { ...s, version: s.version + 1, updatedAt: now };
      const details: AuditEvent['details'] = {};
      if (step === DUTY_STEPS.recordsChecked && s.duty) {
        const manager = await dutyManagerOf(this.today(), this.routingDirectory(tx));
        next = { ...next, duty: { ...s.duty, managerIds: manager ? [manager.id] : [] } };
        details.managers = manager?.id ?? '';
      }
      if (step === DUTY_STEPS.deletionRequested) {
        // Mind Of My Own deletes the young person's details; Heard keeps no copy of the statement either.
        await tx.pdfs.delete(s.id);
        next = { ...next, status: 'closed', pdf: s.pdf && { ...s.pdf, purgedAt: s.pdf.purgedAt ?? now } };
      }
      await tx.statements.update(next);
      const met = meetObligations([step], now, await tx.obligations.listForStatement(s.id), this.byId);
      for (const o of met) await tx.obligations.update(o);
      await this.open(tx, step, now, next);
      await this.audit(tx, now, { kind: 'person', id: actor.id }, step, s.id, channel, { ...details, met: met.map((o) => o.standardId).join(',') });
      return { ok: true, statement: next, changed: true };
    });
    if (result.ok && result.changed) this.tell(step, result.statement, result.statement.assigneeIds, actor.id);
    return result;
  }

  /**
   * The unidentified young person is identified — the records check found them, or they
   * got in touch: their case reference and initials are recorded, the procedure's clocks
   * stop, and the statement is routed like any other (its clocks counted from now: it
   * could not be assigned before). The reference and initials must already be checked
   * (`childReferenceOf`, `initialsOf`): anything else is a programming error.
   *
   * @example
   * await service.identify('st_1', dee, { reference: 'CR-20417', initials: 'J.B.' }, 'card');
   */
  async identify(statementId: string, actor: Person, child: Statement['child'], channel: Channel): Promise<ActionResult> {
    if (childReferenceOf(child.reference) !== child.reference || initialsOf(child.initials) !== child.initials) {
      throw new RangeError('identify needs a case reference and initials as checked by childReferenceOf and initialsOf');
    }
    const now = this.deps.now();
    const placed = await this.deps.store.transaction(async (tx): Promise<{ result: ActionResult; action: string | null }> => {
      const refuse = (code: StatementErrorCode) => ({ result: { ok: false, code } as const, action: null });
      const s = await tx.statements.get(statementId);
      if (!s) return refuse('STATEMENT_NOT_FOUND');
      if (!mayTakeDutyStep(actor, s, 'duty-officer')) return refuse('NOT_ALLOWED');
      if (!mayIdentify(await this.stepsTaken(tx, s.id))) return refuse('PROCEDURE_OVER');
      for (const o of await tx.obligations.listForStatement(s.id)) {
        if (o.status === 'open') await tx.obligations.update({ ...o, status: 'cancelled', closedAt: now, closedReason: 'no-longer-applies', nextNudgeAt: null, lease: null, version: o.version + 1 });
      }
      const flags = { ...s.flags, unidentified: false };
      const decision = await route(s.intendedRecipient, flags, this.today(), this.routingDirectory(tx));
      const identified: Statement = { ...s, child, flags, status: 'received', routedBy: decision.rule, version: s.version + 1, updatedAt: now };
      await tx.statements.update(identified);
      await this.audit(tx, now, { kind: 'person', id: actor.id }, IDENTIFIED_ACTION, s.id, channel, { rule: decision.rule });
      const opened = await this.open(tx, 'statement-sent', now, identified);
      const statement = await this.applyRouting(tx, identified, decision, now, channel, opened);
      return { result: { ok: true, statement, changed: true }, action: ACTION_OF_ROUTING[decision.kind] };
    });
    if (placed.result.ok && placed.action) this.tell(placed.action, placed.result.statement, [], actor.id);
    return placed.result;
  }

  /** The duty procedure's steps already recorded on a statement (and whether it was identified). */
  private async stepsTaken(tx: Repositories, statementId: string): Promise<Set<string>> {
    return new Set((await tx.audit.listForStatement(statementId)).map((e) => e.action));
  }

  private today(): string {
    return this.deps.calendar.dateOf(this.deps.calendar.dayOf(this.deps.now()));
  }

  /** `actor` null: the system (an escalation), which needs no permission. */
  private async reassignTo(
    statementId: string,
    target: string[] | ((s: Statement) => string[]),
    actor: Person | null,
    channel: Channel,
    action: 'statement-assigned' | 'statement-reassigned',
    details: AuditEvent['details'] = {},
    /** Who must hold it now for the move to go ahead (`[]`: nobody, it waits in the queue); undefined: anyone. */
    expectedHolders?: string[],
  ): Promise<ActionResult> {
    const now = this.deps.now();
    let previousAssigneeIds: string[] = [];
    const result = await this.deps.store.transaction(async (tx): Promise<ActionResult> => {
      const s = await tx.statements.get(statementId);
      if (!s) return { ok: false, code: 'STATEMENT_NOT_FOUND' } as const;
      if (s.status === 'duty-procedure') return { ok: false, code: 'NOT_ASSIGNABLE' } as const;
      if (expectedHolders && !sameMembers(s.assigneeIds, expectedHolders)) return { ok: false, code: 'ALREADY_ASSIGNED', holderIds: s.assigneeIds } as const;
      const to = [...new Set(typeof target === 'function' ? target(s) : target)];
      if (actor !== null && !(await new Permissions(tx.directory).mayReassign(actor, s, to))) return { ok: false, code: 'NOT_ALLOWED' } as const;
      for (const id of to) if (!(await tx.directory.getPerson(id))) return { ok: false, code: 'UNKNOWN_PERSON' } as const;
      if (s.assigneeIds.length === to.length && to.every((id) => s.assigneeIds.includes(id))) {
        return { ok: true, statement: s, changed: false } as const;
      }
      previousAssigneeIds = s.assigneeIds;
      // Those who keep it keep their clocks; those who lose it have theirs cancelled.
      for (const previous of s.assigneeIds) if (!to.includes(previous)) await this.cancelOwned(tx, s.id, previous, now);
      const next: Statement = { ...s, assigneeIds: to, status: 'assigned', version: s.version + 1, updatedAt: now };
      await tx.statements.update(next);
      const who: AuditEvent['actor'] = actor ? { kind: 'person', id: actor.id } : { kind: 'system', id: 'scheduler' };
      await this.audit(tx, now, who, action, s.id, channel, { to: to.join(','), from: s.assigneeIds.join(','), ...details });
      const open = await tx.obligations.listForStatement(s.id);
      const met = meetObligations(['statement-assigned', action], now, open, this.byId);
      for (const o of met) await tx.obligations.update(o);
      const stillOpen = open.filter((o) => o.status === 'open' && !met.some((m) => m.id === o.id));
      const started = (await openObligations('statement-assigned', now, next, this.obligationDeps(tx))).filter(
        (o) => o.ownerId === null || !stillOpen.some((x) => x.standardId === o.standardId && x.ownerId === o.ownerId),
      );
      // A team's clock the assignment starts (momo 2.2: opened within 2 working days) starts
      // again for the new holders: the old one would escalate their statement on the last one's time.
      for (const o of stillOpen) {
        if (o.ownerId === null && started.some((n) => n.standardId === o.standardId)) {
          await tx.obligations.update({ ...o, status: 'cancelled', nextNudgeAt: null, lease: null, version: o.version + 1 });
        }
      }
      await tx.obligations.insertMany(started);
      return { ok: true, statement: next, changed: true } as const;
    });
    if (result.ok && result.changed) this.tell(action, result.statement, previousAssigneeIds, actor?.id ?? null);
    return result;
  }

  private async assigneeAction(
    statementId: string,
    actor: Person,
    channel: Channel,
    events: string | string[],
    transition: (s: Statement, now: number) => Statement | null,
  ): Promise<ActionResult> {
    const now = this.deps.now();
    const eventList = Array.isArray(events) ? events : [events];
    const result = await this.deps.store.transaction(async (tx): Promise<ActionResult> => {
      const s = await tx.statements.get(statementId);
      if (!s) return { ok: false, code: 'STATEMENT_NOT_FOUND' } as const;
      if (!holdsStatement(actor, s)) return { ok: false, code: 'NOT_ASSIGNED_TO_YOU' } as const;
      const met = meetObligations(eventList, now, await tx.obligations.listForStatement(s.id), this.byId, actor.id);
      for (const o of met) await tx.obligations.update(o);
      const transitioned = transition(s, now);
      const next = transitioned && { ...transitioned, version: s.version + 1, updatedAt: now };
      if (next) await tx.statements.update(next);
      if (next || met.length > 0) {
        await this.audit(tx, now, { kind: 'person', id: actor.id }, eventList[eventList.length - 1], s.id, channel, {
          met: met.map((o) => o.standardId).join(','),
          ...(next?.caseRecord && next.caseRecord !== s.caseRecord ? { system: next.caseRecord.system } : {}),
        });
      }
      return { ok: true, statement: next ?? s, changed: next !== null || met.length > 0 } as const;
    });
    if (result.ok && result.changed) {
      this.tell(eventList[eventList.length - 1], result.statement, result.statement.assigneeIds, actor.id);
    }
    return result;
  }

  private async applyRouting(
    tx: Repositories,
    statement: Statement,
    decision: RoutingDecision,
    now: number,
    channel: Channel,
    opened: Obligation[],
  ): Promise<Statement> {
    if (decision.kind === 'duty-procedure') {
      const next: Statement = {
        ...statement,
        status: 'duty-procedure',
        duty: { officerIds: decision.officerIds, managerIds: [] },
        version: statement.version + 1,
      };
      await tx.statements.update(next);
      await this.open(tx, 'unidentified-statement-received', now, next);
      // `officers`, not `to`: the statement is not assigned to them.
      await this.audit(tx, now, { kind: 'system', id: 'routing' }, 'statement-routed', statement.id, channel, {
        rule: decision.rule,
        officers: decision.officerIds.join(','),
      });
      return next;
    }
    if (decision.kind === 'queue') {
      const next = { ...statement, status: 'queued' as const, version: statement.version + 1 };
      await tx.statements.update(next);
      await this.audit(tx, now, { kind: 'system', id: 'routing' }, 'statement-queued', statement.id, channel, { rule: decision.rule });
      return next;
    }
    const next: Statement = { ...statement, status: 'assigned', assigneeIds: decision.assigneeIds, version: statement.version + 1 };
    await tx.statements.update(next);
    await this.audit(tx, now, { kind: 'system', id: 'routing' }, 'statement-assigned', statement.id, channel, {
      rule: decision.rule,
      to: decision.assigneeIds.join(','),
    });
    const events = ['statement-assigned', ...(statement.flags.safetyLink ? ['statement-forwarded'] : [])];
    for (const o of meetObligations(events, now, opened, this.byId)) await tx.obligations.update(o);
    for (const event of events) await this.open(tx, event, now, next);
    return next;
  }

  private async open(tx: Repositories, event: string, at: number, statement: Statement): Promise<Obligation[]> {
    const obligations = await openObligations(event, at, statement, this.obligationDeps(tx));
    if (obligations.length > 0) await tx.obligations.insertMany(obligations);
    return obligations;
  }

  private obligationDeps(tx: Repositories) {
    return {
      standards: this.deps.standards,
      packs: this.deps.packs,
      calendar: this.deps.calendar,
      nudgePolicy: this.deps.nudgePolicy ?? DEFAULT_NUDGE_POLICY,
      resolveOwners: this.ownerResolver(tx),
      newId: () => this.newId('ob'),
    };
  }

  /**
   * `recipient` → the assignees; `team-manager` → their team managers; `duty-officer` →
   * the duty officers following the statement's duty procedure; `duty-manager` → the duty
   * managers the duty officer told, else the one on the rota now (else the first present
   * holder of the role); a role → its first holder. Nobody: the clock sits with the team.
   */
  private ownerResolver(tx: Repositories): OwnerResolver {
    return async (role, statement) => {
      if (role === 'duty-officer' || role === 'duty-manager') return this.dutyOwners(tx, role, statement);
      if (role === 'recipient' || role === 'case-manager' || role === 'allocated-worker' || role === 'social-worker') {
        return statement.assigneeIds;
      }
      if (role === 'team-manager' || role === 'line-manager') {
        const managers: string[] = [];
        for (const id of statement.assigneeIds) {
          const person = await tx.directory.getPerson(id);
          const manager = person && (await this.routingDirectory(tx).teamManagerOf(person));
          if (manager && !managers.includes(manager.id)) managers.push(manager.id);
        }
        return managers.length > 0 ? managers : [null];
      }
      const directoryRole = DIRECTORY_ROLE_OF_OWNER.get(role);
      if (directoryRole) {
        const holders = await tx.directory.listPeople({ role: directoryRole });
        return holders.length > 0 ? [holders[0].id] : [null];
      }
      return [null];
    };
  }

  private async dutyOwners(tx: Repositories, role: DutyRole, statement: Statement): Promise<(string | null)[]> {
    const holders = role === 'duty-officer' ? statement.duty?.officerIds : statement.duty?.managerIds;
    if (holders && holders.length > 0) return holders;
    if (role === 'duty-officer') return [null];
    const manager = await dutyManagerOf(this.today(), this.routingDirectory(tx));
    return [manager?.id ?? null];
  }

  private routingDirectory(repos: Repositories): RoutingDirectory {
    const directory = repos.directory;
    return {
      onDuty: (role) => peopleOnDuty(repos, role, this.deps.now()),
      findPersonByEmail: (email) => directory.findPersonByEmail(email),
      getPerson: (id) => directory.getPerson(id),
      withRole: (role) => directory.listPeople({ role }),
      teamManagerOf: async (person) => {
        if (!person.teamId) return null;
        const team = await directory.getTeam(person.teamId);
        if (!team?.managerId || team.managerId === person.id) {
          return person.lineManagerId ? directory.getPerson(person.lineManagerId) : null;
        }
        return directory.getPerson(team.managerId);
      },
      absencesOn: (personId, date) => directory.listAbsences(personId, date),
    };
  }

  /** Cancels the person's open obligations on the statement; their ids. */
  private async cancelOwned(tx: Repositories, statementId: string, ownerId: string, now: number): Promise<string[]> {
    return this.cancelWhere(tx, statementId, now, (o) => o.ownerId === ownerId);
  }

  /** Cancels every open obligation on the statement (nobody holds it any more); their ids. */
  private cancelAll(tx: Repositories, statementId: string, now: number): Promise<string[]> {
    return this.cancelWhere(tx, statementId, now, () => true);
  }

  private async cancelWhere(tx: Repositories, statementId: string, now: number, which: (o: Obligation) => boolean): Promise<string[]> {
    const cancelled: string[] = [];
    for (const o of await tx.obligations.listForStatement(statementId)) {
      if (o.status === 'open' && which(o)) {
        await tx.obligations.update({ ...o, status: 'cancelled', closedAt: now, closedReason: 'cancelled', nextNudgeAt: null, lease: null, version: o.version + 1 });
        cancelled.push(o.id);
      }
    }
    return cancelled;
  }

  private async audit(
    tx: Repositories,
    at: number,
    actor: AuditEvent['actor'],
    action: string,
    statementId: string,
    channel: Channel,
    details: AuditEvent['details'],
  ): Promise<void> {
    await tx.audit.append({ id: this.newId('au'), at, actor, action, statementId, channel, details });
  }
}

/** Whether two lists of ids hold the same people, in any order. */
function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

function resultOf(statement: Statement, created: boolean): IntakeResult {
  return { created, statementId: statement.id, status: statement.status, assigneeIds: statement.assigneeIds, routedBy: statement.routedBy };
}
