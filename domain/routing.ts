import type { DutyRole } from './duty-rota';
import type { Absence, Person } from './person';
import type { IntendedRecipient, StatementFlags } from './statement';

/**
 * Where a new statement goes, by the routing of the Mind Of My Own (000) and youth
 * justice (001) standards. Anything that cannot be placed goes to the participation
 * team's queue: nothing is ever dropped.
 *
 * @example
 * const r: RoutingDecision = { kind: 'assign', assigneeIds: ['p_sam'], rule: 'intended-worker' };
 */
export type RoutingDecision =
  | { kind: 'assign'; assigneeIds: string[]; rule: RoutingRule }
  | { kind: 'queue'; rule: RoutingRule }
  | { kind: 'duty-procedure'; rule: 'unidentified'; officerIds: string[] };

/** The rule that placed a statement, recorded on it and in the audit trail. */
export type RoutingRule =
  | 'intended-worker'
  | 'cover'
  | 'line-manager'
  | 'complaint'
  | 'no-allocated-worker'
  | 'safety-link'
  | 'unidentified'
  | 'queue-unknown-recipient'
  | 'queue-role-unfilled';

/** What routing may look up: the directory as it stands and absences on today's local date. */
export interface RoutingDirectory {
  findPersonByEmail(email: string): Promise<Person | null>;
  getPerson(id: string): Promise<Person | null>;
  /** People holding a role, in a stable order. */
  withRole(role: Person['roles'][number]): Promise<Person[]>;
  /** The manager of the person's team, if any. */
  teamManagerOf(person: Person): Promise<Person | null>;
  /** The person's absences covering the local date. */
  absencesOn(personId: string, date: string): Promise<Absence[]>;
  /** The people on the duty rota in the role at the moment of routing, earliest shift first. */
  onDuty(role: DutyRole): Promise<Person[]>;
}

/**
 * Decides where a statement goes (no side effects):
 *
 * 1. unidentified young person → never assigned: the duty procedure, followed by the
 *    duty officers on the rota (present today) when it arrives — none on the rota: the
 *    participation team follows it (yjs);
 * 2. complaint, or meant for the "Complaints Officer" → the complaints officer (momo 1.2);
 * 3. Safety Link → the case manager and their team manager at once, the duty manager
 *    when the team manager is away (yjs Safety Link 1 and 2): the one on the rota, else
 *    the first present holder of the role in the directory;
 * 4. no allocated worker → the Head of Service for Safeguarding and QA (momo 1.3);
 * 5. the intended worker; when they are away, their cover, else their line manager
 *    (yjs Re-assigning Statements 1);
 * otherwise the participation team's queue.
 *
 * @example
 * await route({ kind: 'person', email: 'sam@example.org' }, flags, '2026-11-23', directory);
 */
export async function route(
  recipient: IntendedRecipient,
  flags: StatementFlags,
  today: string,
  directory: RoutingDirectory,
): Promise<RoutingDecision> {
  if (flags.unidentified) {
    const officers = await presentOf(await directory.onDuty('duty-officer'), today, directory);
    return { kind: 'duty-procedure', rule: 'unidentified', officerIds: officers.map((p) => p.id) };
  }

  if (flags.complaint || recipient.kind === 'complaints-officer') {
    const officers = await directory.withRole('complaints-officer');
    if (officers.length === 0) return { kind: 'queue', rule: 'queue-role-unfilled' };
    return { kind: 'assign', assigneeIds: [officers[0].id], rule: 'complaint' };
  }

  if (recipient.kind === 'none') {
    const heads = await directory.withRole('head-of-service');
    if (heads.length === 0) return { kind: 'queue', rule: 'queue-role-unfilled' };
    return { kind: 'assign', assigneeIds: [heads[0].id], rule: 'no-allocated-worker' };
  }

  const worker = await directory.findPersonByEmail(recipient.email);

  if (flags.safetyLink) {
    const assignees: string[] = [];
    if (worker) assignees.push(worker.id);
    const manager = worker ? await directory.teamManagerOf(worker) : null;
    const managerAway = manager ? (await directory.absencesOn(manager.id, today)).length > 0 : true;
    if (manager && !managerAway) assignees.push(manager.id);
    else {
      const duty = await dutyManagerOf(today, directory);
      if (duty) assignees.push(duty.id);
    }
    const unique = [...new Set(assignees)];
    if (unique.length === 0) return { kind: 'queue', rule: 'queue-role-unfilled' };
    return { kind: 'assign', assigneeIds: unique, rule: 'safety-link' };
  }

  if (!worker) return { kind: 'queue', rule: 'queue-unknown-recipient' };
  const absences = await directory.absencesOn(worker.id, today);
  if (absences.length === 0) return { kind: 'assign', assigneeIds: [worker.id], rule: 'intended-worker' };
  const cover = absences.find((a) => a.coverId !== null)?.coverId ?? null;
  if (cover && (await directory.absencesOn(cover, today)).length === 0 && (await directory.getPerson(cover))) {
    return { kind: 'assign', assigneeIds: [cover], rule: 'cover' };
  }
  if (worker.lineManagerId && (await directory.absencesOn(worker.lineManagerId, today)).length === 0) {
    return { kind: 'assign', assigneeIds: [worker.lineManagerId], rule: 'line-manager' };
  }
  return { kind: 'queue', rule: 'queue-role-unfilled' };
}

async function presentOf(people: Person[], today: string, directory: Pick<RoutingDirectory, 'absencesOn'>): Promise<Person[]> {
  const present: Person[] = [];
  for (const p of people) if ((await directory.absencesOn(p.id, today)).length === 0) present.push(p);
  return present;
}

/**
 * The duty manager a statement goes to now: the first on the rota who is not away, else
 * (nobody on the rota) the first present holder of the role in the directory, else none.
 *
 * @example
 * await dutyManagerOf('2026-11-21', directory); // Dev, on the weekend rota
 */
export async function dutyManagerOf(today: string, directory: Pick<RoutingDirectory, 'onDuty' | 'withRole' | 'absencesOn'>): Promise<Person | null> {
  const onRota = await presentOf(await directory.onDuty('duty-manager'), today, directory);
  if (onRota.length > 0) return onRota[0];
  return (await presentOf(await directory.withRole('duty-manager'), today, directory))[0] ?? null;
}
