import { sourceText } from './statement-words';
import type { Obligation } from '../domain/obligation';
import { Permissions } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { Statement } from '../domain/statement';
import { workingSecondsBetween, type WorkingCalendar } from '../standards';
import type { CardViewDeps } from './card-view-deps';
import type { EscalationCardData, EscalationVariant } from './escalation-card';
import { timeAndDay, whenText } from './local-time';
import { FOLLOW_UP_QUESTION, SAFETY_LINK_DECISION_TITLES } from './safety-link-words';


/**
 * The escalation card's data for one viewer, from the store as it stands: the scheduler
 * sends it on a breach and the card's buttons show it again after a press, so both read
 * the same way. Whoever the viewer may hand it to (domain/permissions.ts: their own
 * people; everyone, for the participation team) is offered for "Reassign to…".
 *
 * @example
 * renderEscalationCard(await escalationCardData(deps, priya, statement, missed, 'manager', null, null));
 */
export async function escalationCardData(
  deps: CardViewDeps,
  viewer: Person,
  statement: Statement,
  missed: Obligation,
  variant: EscalationVariant,
  outcome: string | null,
  coveringFor: string | null,
): Promise<EscalationCardData> {
  const cal = deps.calendar;
  const directory = deps.store.directory;
  const standard = deps.standards.find((s) => s.id === missed.standardId);
  const worker = missed.ownerId ? await directory.getPerson(missed.ownerId) : null;
  const names = await Promise.all(
    statement.assigneeIds.map(async (id) => (id === viewer.id ? 'you' : (await directory.getPerson(id))?.name ?? 'someone no longer in the directory')),
  );
  const holders = names.join(' and ');
  const permissions = new Permissions(directory);
  const candidates = await permissions.assignableBy(viewer);
  return {
    variant,
    statementId: statement.id,
    obligationId: missed.id,
    reference: statement.child.reference,
    standardSource: standard ? sourceText(standard) : missed.standardId,
    standardTitle: standard?.title ?? 'a practice standard',
    deadline: timeAndDay(cal, missed.due),
    late: lateText(cal, missed.due, missed.status === 'met' && missed.completedAt !== null ? missed.completedAt : deps.now()),
    worker: worker ? { name: worker.name, email: worker.email || null } : null,
    coveringFor,
    holders: holders === '' ? 'Nobody: it is in the queue' : holders,
    withYou: statement.assigneeIds.includes(viewer.id),
    people: candidates.filter((p) => p.id !== viewer.id && !statement.assigneeIds.includes(p.id)).map((p) => ({ title: p.name, value: p.id })),
    outcome,
    movedTo: standard?.escalation?.to === 'duty-manager' ? 'the duty manager' : 'the line manager',
    followUp: standard?.stops.some((stop) => stop.type === 'safety-link-followed-up') && statement.flags.safetyLink ? await followUpPart(deps, viewer, statement, permissions) : null,
  };
}

/** The Safety Link follow-up on an escalation card: the form for whoever may record it now, else what is awaited or was decided. */
async function followUpPart(deps: CardViewDeps, viewer: Person, statement: Statement, permissions: Permissions): Promise<EscalationCardData['followUp']> {
  const recorded = await deps.store.followUps.getForStatement(statement.id);
  if (recorded) {
    const by = (await deps.store.directory.getPerson(recorded.byId))?.name ?? 'someone no longer in the directory';
    return { text: `${SAFETY_LINK_DECISION_TITLES[recorded.decision]}: recorded by ${by}, ${whenText(deps.calendar, recorded.at, deps.now())}.`, canRecord: false };
  }
  if (await permissions.mayRecordSafetyLinkFollowUp(viewer, statement)) return { text: FOLLOW_UP_QUESTION, canRecord: true };
  return { text: 'Not followed up yet.', canRecord: false };
}

/**
 * How late a deadline was met (or is, still open) in working time.
 *
 * @example
 * lateText(cal, due, due + 3 * 3600); // '3 working hours late' (when all three hours are working time)
 */
export function lateText(cal: WorkingCalendar, due: number, at: number): string {
  if (at <= due) return 'On time';
  const worked = workingSecondsBetween(cal, due, at);
  if (worked < 3600) return 'Less than a working hour late';
  // Whole working days between the deadline's day and today, both left out.
  const dueDay = cal.dayOf(due);
  const days = cal.workingDaysBefore[cal.dayOf(at)] - cal.workingDaysBefore[Math.min(dueDay + 1, cal.days)];
  if (days >= 1) return `${days} working day${days === 1 ? '' : 's'} late`;
  const hours = Math.floor(worked / 3600);
  return `${hours} working hour${hours === 1 ? '' : 's'} late`;
}
