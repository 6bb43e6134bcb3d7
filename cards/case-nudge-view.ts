import { sourceText } from './statement-words';
import type { Person } from '../domain/person';
import { recordableStop } from '../domain/teams-case-events';
import type { CaseWorkItem, StaffWorkItem } from '../domain/worklists';
import type { WorkingCalendar } from '../standards';
import type { CaseNudgeCardData } from './case-nudge-card';
import { recordTitle, roleWords } from './case-words';
import { lateText } from './escalation-view';
import { progressPhrase } from './nudge-card';
import { itemDeadline } from './work-item-words';

/** Case work the scheduler nudges about: a child's case or a member of staff. */
export type CaseWork = CaseWorkItem | StaffWorkItem;

/**
 * A reminder about case work: ahead of the deadline (`workingDaysBefore`), at a share of
 * the time (`percent`), or at the deadline (`due`).
 *
 * @example
 * const r: CaseReminder = { kind: 'reminder', percent: null, workingDaysBefore: 5, item, forPerson: null };
 */
export interface CaseReminder {
  kind: 'reminder' | 'due';
  percent: number | null;
  workingDaysBefore: number | null;
  item: CaseWork;
  /** The person away whose work this is, when the recipient stands in for them. */
  forPerson: Person | null;
}

/**
 * A missed deadline of case work: to the manager who follows it up; to the holder of the
 * role the standard hands it to (`handed`: momo 4.2's social worker); or (`team`) for
 * information when nobody else could be told.
 *
 * @example
 * const e: CaseEscalation = { variant: 'manager', item, owner: sam, handedTo: null, forPerson: null };
 */
export interface CaseEscalation {
  variant: 'manager' | 'handed' | 'team';
  item: CaseWork;
  /** Whose deadline it was (null: a role nobody in Heard holds, or a team's). */
  owner: Person | null;
  /** For `handed`: the role the standard hands it to, e.g. `social-worker`. */
  handedTo: string | null;
  forPerson: Person | null;
}

/**
 * What a case reminder's card shows, worded at the moment it is sent.
 *
 * @example
 * renderCaseNudgeCard(caseReminderCardData(reminder, cal, now)); // 'Due in 5 working days'
 */
export function caseReminderCardData(reminder: CaseReminder, cal: WorkingCalendar, now: number): CaseNudgeCardData {
  const stop = reminder.item.subject === 'case' ? recordableStop(reminder.item.standard) : null;
  return {
    ...common(reminder.item, cal, now),
    kind: reminder.kind,
    title: reminderTitle(reminder),
    late: null,
    worker: null,
    role: null,
    handedTo: null,
    coveringFor: reminder.forPerson?.name ?? null,
    record: stop ? recordTitle(stop) : null,
  };
}

/**
 * What a case escalation's card shows: how late, whose it was or the role nobody holds.
 *
 * @example
 * renderCaseNudgeCard(caseEscalationCardData(escalation, cal, now)); // 'Missed deadline: C-10442'
 */
export function caseEscalationCardData(escalation: CaseEscalation, cal: WorkingCalendar, now: number): CaseNudgeCardData {
  const { item, owner } = escalation;
  const o = item.obligation;
  const base = common(item, cal, now);
  return {
    ...base,
    kind: escalation.variant === 'team' ? 'missed-team' : escalation.variant === 'handed' ? 'handed' : 'missed',
    title: `Missed deadline: ${item.subject === 'case' ? item.case.caseRef : base.subject.value}`,
    late: lateText(cal, o.due, o.status === 'met' && o.completedAt !== null ? o.completedAt : now),
    worker: owner ? { name: owner.name, email: owner.email || null } : null,
    role: owner === null && item.subject === 'case' ? roleWords(o.ownerRole) : null,
    handedTo: escalation.handedTo === null ? null : roleWords(escalation.handedTo),
    coveringFor: escalation.forPerson?.name ?? null,
    record: null,
  };
}

function common(item: CaseWork, cal: WorkingCalendar, now: number): Pick<CaseNudgeCardData, 'subject' | 'standardSource' | 'standardTitle' | 'deadline' | 'obligationId'> {
  return {
    subject: item.subject === 'case' ? { title: 'Case', value: `${item.case.caseRef} · ${item.case.initials}` } : { title: 'Staff', value: item.person?.name ?? item.staff.email },
    standardSource: sourceText(item.standard),
    standardTitle: item.standard.title,
    deadline: itemDeadline(item, cal, now).text,
    obligationId: item.obligation.id,
  };
}

/** `Due in 5 working days`, `Due in 1 working day`, `Due today`, `Due now`, or how much of the time has gone. */
function reminderTitle(reminder: CaseReminder): string {
  if (reminder.kind === 'due') return 'Due now';
  const days = reminder.workingDaysBefore;
  if (days === 0) return 'Due today';
  if (days !== null) return `Due in ${days} working day${days === 1 ? '' : 's'}`;
  return progressPhrase(reminder.percent ?? 50);
}
