import type { AuditEvent } from './audit-event';
import type { Case } from './case';
import type { ReportScope } from './compliance-report';
import type { DutyRole } from './duty-rota';
import { byName, type Person, type Role } from './person';
import type { DirectoryRepository } from './ports/store.port';
import type { Statement } from './statement';

/**
 * Who may see or act on what: a statement, a person's list, a team's list, the queue.
 * The one place these rules live; every edge (statement cards and their refresh, the
 * conversation, the API's downloads through the statement service, the scheduler) asks
 * here, from the person the Teams identity names — never from anything a card carries.
 */

/** The roles whose holders may be given a statement. */
const TAKES_STATEMENTS: ReadonlySet<Role> = new Set<Role>(['worker', 'manager', 'head-of-service', 'complaints-officer', 'duty-manager']);

/**
 * How much of a statement a person may see: all of it (they hold it, manage or cover for
 * someone who does, or run the service); only where it went (they held it once); or
 * nothing at all — not its reference, initials, type, people or clocks.
 *
 * @example
 * const access: StatementAccess = await permissions.statementAccess(ali, statement, audit, '2026-11-23'); // 'none' for a colleague
 */
export type StatementAccess = 'full' | 'former-assignee' | 'none';

/**
 * The participation team and administrators: they run the service, so they see every
 * statement and the queue and may assign or move anyone's statements.
 *
 * @example
 * runsTheService(pat); // true for the participation team
 */
export function runsTheService(actor: Person): boolean {
  return actor.roles.includes('participation') || actor.roles.includes('admin');
}

/**
 * Whether `actor` sees lists "across the service" (every worker's): the head of service,
 * the participation team and administrators.
 *
 * @example
 * seesWholeService(hana); // true for the head of service
 */
export function seesWholeService(actor: Person): boolean {
  return runsTheService(actor) || actor.roles.includes('head-of-service');
}

/**
 * Whether `actor` may see the participation team's queue of unassigned statements: the
 * team itself, administrators, managers and the head of service.
 *
 * @example
 * maySeeQueue(sam); // false for a worker
 */
export function maySeeQueue(actor: Person): boolean {
  return seesWholeService(actor) || actor.roles.includes('manager');
}

/**
 * Whether `actor` may see and change the organisation's configuration (the admin card):
 * administrators only — the `admin` role of the directory.
 *
 * @example
 * mayAdminister(hana); // true once Hana holds the admin role
 */
export function mayAdminister(actor: Person): boolean {
  return actor.roles.includes('admin');
}

/**
 * Whether `actor` may assign a statement from the queue (or one handed back): the
 * participation team and administrators only.
 *
 * @example
 * mayAssignFromQueue(priya); // false: a manager moves their own people's statements, not the queue's
 */
export function mayAssignFromQueue(actor: Person): boolean {
  return runsTheService(actor);
}

/**
 * Whether `actor` is one of the people a statement is assigned to: only they open,
 * acknowledge, save, tell the child, download or hand it back.
 *
 * @example
 * holdsStatement(sam, statement); // true while it is assigned to Sam
 */
export function holdsStatement(actor: Person, statement: Statement): boolean {
  return statement.assigneeIds.includes(actor.id);
}

/**
 * Whether `actor` follows the duty procedure of an unidentified young person's statement:
 * a duty officer it went to, or a duty manager the duty officer told. They are never its
 * assignees ("Do not assign the statement"), so they cannot download it.
 *
 * @example
 * followsDutyProcedure(dee, statement); // true for the duty officer on the rota when it arrived
 */
export function followsDutyProcedure(actor: Person, statement: Statement): boolean {
  return statement.duty !== undefined && (statement.duty.officerIds.includes(actor.id) || statement.duty.managerIds.includes(actor.id));
}

/**
 * Whether `actor` may take a step of the duty procedure that belongs to `role`: the duty
 * officers (or duty managers) it is with; when nobody of that role has it (nobody was on
 * the rota), the participation team and administrators, with whom it then sits.
 *
 * @example
 * mayTakeDutyStep(dee, statement, 'duty-officer'); // true when it went to Dee
 */
export function mayTakeDutyStep(actor: Person, statement: Statement, role: DutyRole): boolean {
  if (statement.duty === undefined) return false;
  const holders = role === 'duty-officer' ? statement.duty.officerIds : statement.duty.managerIds;
  return holders.length > 0 ? holders.includes(actor.id) : runsTheService(actor);
}

/**
 * Whether `personId` held the statement once and no longer does: named as the one it
 * moved from or to in its audit trail, or the one who handed it back.
 *
 * @example
 * heldBefore('p_sam', statement, audit); // true after Sam handed it back
 */
export function heldBefore(personId: string, statement: Statement, audit: AuditEvent[]): boolean {
  if (statement.assigneeIds.includes(personId)) return false;
  const named = (e: AuditEvent, key: string) => String(e.details[key] ?? '').split(',').includes(personId);
  return audit.some((e) => named(e, 'to') || named(e, 'from') || (e.action === 'statement-handed-back' && e.actor.id === personId));
}

/**
 * The rules that need the directory: who manages whom, who covers for whom today. Give it
 * the transaction's directory inside a transaction, so that it reads what the transaction
 * sees.
 *
 * @example
 * const permissions = new Permissions(store.directory);
 * await permissions.maySeeStatement(priya, statement, '2026-11-23'); // true: Priya manages Sam, who holds it
 */
export class Permissions {
  constructor(private readonly directory: DirectoryRepository) {}

  /**
   * The people a manager manages: the members of the teams they manage and their line
   * reports, each once, never the manager themself, by name. Empty for someone who
   * manages nobody. Line reports may sit in any team (or none), so the whole directory is
   * read once: one query, and nobody can appear twice.
   */
  async managedBy(managerId: string): Promise<Person[]> {
    const teams = (await this.directory.listTeams()).filter((t) => t.managerId === managerId);
    // The members of each team and the line reports, each read by its index, not the whole directory.
    const lists = await Promise.all([...teams.map((t) => this.directory.listPeople({ teamId: t.id })), this.directory.listPeople({ lineManagerId: managerId })]);
    const people = new Map(lists.flat().map((p) => [p.id, p]));
    people.delete(managerId);
    return [...people.values()].sort(byName);
  }

  /** Whether `actor` manages `person`: their line manager, or the manager of their team. */
  async manages(actor: Person, person: Person): Promise<boolean> {
    if (actor.id === person.id) return false;
    if (person.lineManagerId === actor.id) return true;
    if (!person.teamId) return false;
    return (await this.directory.getTeam(person.teamId))?.managerId === actor.id;
  }

  /**
   * Who may see a statement in full: the people it is assigned to, whoever covers for one
   * of them on `today` (a local date), their managers, the participation team and
   * administrators, and whoever follows its duty procedure. Everyone else — a colleague
   * in the same team, anyone outside the directory (`null`) — sees nothing of it.
   */
  async maySeeStatement(actor: Person | null, statement: Statement, today: string): Promise<boolean> {
    if (!actor) return false;
    if (runsTheService(actor) || followsDutyProcedure(actor, statement)) return true;
    return this.worksTheCase(actor, statement, today);
  }

  /**
   * Who may read a Safety Link follow-up's note: the people working the case — those who
   * hold the statement, their managers and whoever covers for one of them on `today`. The
   * participation team and administrators see the decision, not the note.
   *
   * @example
   * await permissions.mayReadFollowUpNote(pat, statement, '2026-11-23'); // false
   */
  async mayReadFollowUpNote(actor: Person | null, statement: Statement, today: string): Promise<boolean> {
    return actor !== null && this.worksTheCase(actor, statement, today);
  }

  /**
   * Whether `actor` may record the Safety Link follow-up ("Team Managers receiving a
   * statement, where the Safety Link has been triggered, will follow up with the allocated
   * worker", yjs Safety Link 2): it is a Safety Link statement they hold, and they manage
   * someone else who holds it (the allocated worker), or they are a duty manager it was
   * sent to (the team manager away, or the follow-up escalated to them).
   *
   * @example
   * await permissions.mayRecordSafetyLinkFollowUp(priya, statement); // true: Priya holds it and manages Sam
   * await permissions.mayRecordSafetyLinkFollowUp(sam, statement); // false: the worker is followed up with
   */
  async mayRecordSafetyLinkFollowUp(actor: Person, statement: Statement): Promise<boolean> {
    if (!statement.flags.safetyLink || !holdsStatement(actor, statement)) return false;
    if (actor.roles.includes('duty-manager')) return true;
    return this.managesAnyOf(actor, statement.assigneeIds.filter((id) => id !== actor.id));
  }

  /** The statement is theirs, or they manage or cover for someone whose it is. */
  private async worksTheCase(actor: Person, statement: Statement, today: string): Promise<boolean> {
    if (holdsStatement(actor, statement)) return true;
    for (const id of statement.assigneeIds) {
      const assignee = await this.directory.getPerson(id);
      if (assignee && (await this.manages(actor, assignee))) return true;
      if ((await this.directory.listAbsences(id, today)).some((a) => a.coverId === actor.id)) return true;
    }
    return false;
  }

  /** {@link maySeeStatement}, and someone who held it once may still see where it went. */
  async statementAccess(actor: Person | null, statement: Statement, audit: AuditEvent[], today: string): Promise<StatementAccess> {
    if (await this.maySeeStatement(actor, statement, today)) return 'full';
    return actor && heldBefore(actor.id, statement, audit) ? 'former-assignee' : 'none';
  }

  /**
   * Whether `actor` may move a statement from the people who hold it to `to`: the
   * participation team and administrators; a manager of any of them; or a manager holding
   * it (an escalation moved it to them) passing it to people they manage.
   */
  async mayReassign(actor: Person, statement: Statement, to: string[]): Promise<boolean> {
    if (runsTheService(actor)) return true;
    if (await this.managesAnyOf(actor, statement.assigneeIds)) return true;
    if (!holdsStatement(actor, statement)) return false;
    const others = to.filter((id) => id !== actor.id);
    if (others.length === 0) return false;
    for (const id of others) if (!(await this.managesAnyOf(actor, [id]))) return false;
    return true;
  }

  /**
   * Whether `actor` may record what happened on a child's case from Teams (that Mind Of My
   * Own was introduced, …): someone allocated to the case in any role, or the manager of
   * someone who is. Nobody else — not the participation team, not a colleague — since
   * what they record meets the case's statutory clocks.
   *
   * @example
   * await permissions.mayRecordOnCase(sam, kase); // true while Sam is the case's social worker
   */
  async mayRecordOnCase(actor: Person, kase: Pick<Case, 'allocations'>): Promise<boolean> {
    const allocated = new Set(Object.values(kase.allocations).map((email) => email.trim().toLowerCase()));
    if (actor.email && allocated.has(actor.email.trim().toLowerCase())) return true;
    for (const email of allocated) {
      const person = await this.directory.findPersonByEmail(email);
      if (person && (await this.manages(actor, person))) return true;
    }
    return false;
  }

  /** Whether `actor` may see one person's list (their due and overdue work): their own, their manager's, or the service's. */
  async maySeeListOf(actor: Person, person: Person): Promise<boolean> {
    return actor.id === person.id || seesWholeService(actor) || (await this.manages(actor, person));
  }

  /** Whether `actor` may move all of a person's statements (or cover them): the participation team, administrators, or their manager. */
  async mayMoveStatementsOf(actor: Person, person: Person): Promise<boolean> {
    return runsTheService(actor) || (await this.manages(actor, person));
  }

  /** Whether `actor` may record an absence (and its cover) for `person`: themselves, their manager, the participation team or an administrator. */
  async mayRecordAbsenceFor(actor: Person, person: Person): Promise<boolean> {
    return actor.id === person.id || (await this.mayMoveStatementsOf(actor, person));
  }

  /**
   * The people `actor` may hand a statement to, by name: for the participation team and
   * administrators everyone who may take one — workers, managers, the Head of Service
   * (momo 1.3: a child with no allocated worker), the complaints officer (momo 1.2) and
   * the duty managers; for anyone else the people they manage.
   */
  async assignableBy(actor: Person): Promise<Person[]> {
    if (!runsTheService(actor)) return this.managedBy(actor.id);
    return (await this.directory.listPeople()).filter((p) => p.roles.some((r) => TAKES_STATEMENTS.has(r))).sort(byName);
  }

  /**
   * Whose figures `actor` may see, as wide as `asked` allows: the whole service for the
   * head of service, the participation team and administrators; a manager's team (the
   * people they manage, themself, and what nobody holds on their teams' work); anyone
   * else their own. `label` says which, in words.
   *
   * @example
   * await permissions.reportScope(priya, 'all'); // { scope: { kind: 'people', … }, label: 'your team', narrowed: true }
   */
  async reportScope(actor: Person, asked: 'me' | 'team' | 'all'): Promise<{ scope: ReportScope; label: 'you' | 'your team' | 'the service'; narrowed: boolean }> {
    if (asked === 'all' && seesWholeService(actor)) return { scope: { kind: 'service' }, label: 'the service', narrowed: false };
    if (asked !== 'me') {
      const managed = await this.managedBy(actor.id);
      if (managed.length > 0) {
        const teamIds = new Set((await this.directory.listTeams()).filter((t) => t.managerId === actor.id).map((t) => t.id));
        const scope: ReportScope = { kind: 'people', personIds: new Set([actor.id, ...managed.map((p) => p.id)]), teamIds };
        return { scope, label: 'your team', narrowed: asked === 'all' };
      }
      if (seesWholeService(actor)) return { scope: { kind: 'service' }, label: 'the service', narrowed: false };
    }
    return { scope: { kind: 'people', personIds: new Set([actor.id]), teamIds: new Set() }, label: 'you', narrowed: asked !== 'me' };
  }

  /**
   * Who may see a child's case and its history: the people allocated to it, their
   * managers, whoever covers for one of them on `today`, and those who see the whole
   * service. Anyone else learns nothing of it.
   *
   * @example
   * await permissions.maySeeCase(priya, c, '2026-11-23'); // true: Priya manages Sam, its social worker
   */
  async maySeeCase(actor: Person | null, c: Case, today: string): Promise<boolean> {
    if (!actor) return false;
    if (seesWholeService(actor)) return true;
    for (const email of new Set(Object.values(c.allocations).map((e) => e.toLowerCase()))) {
      if (email === actor.email.toLowerCase()) return true;
      const allocated = await this.directory.findPersonByEmail(email);
      if (!allocated) continue;
      if (await this.manages(actor, allocated)) return true;
      if ((await this.directory.listAbsences(allocated.id, today)).some((a) => a.coverId === actor.id)) return true;
    }
    return false;
  }

  private async managesAnyOf(actor: Person, personIds: string[]): Promise<boolean> {
    for (const id of personIds) {
      const person = await this.directory.getPerson(id);
      if (person && (await this.manages(actor, person))) return true;
    }
    return false;
  }
}
