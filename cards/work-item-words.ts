import type { WorkItem } from '../domain/worklists';
import type { WorkingCalendar } from '../standards';
import { anchorWords } from './case-words';
import { whenText } from './local-time';
import type { ClockLine } from './statement-card-model';
import { clockLine, typeLabel } from './statement-words';

/**
 * How a work item is named on any card: a statement by its reference, initials and type;
 * a child's case by its reference and initials (never a name); a member of staff by
 * their name (or address, when the directory does not know them).
 */

/**
 * What a work item is about, as a list's heading shows it: a statement's reference,
 * initials and type; a case's reference and initials; a member of staff's name.
 *
 * @example
 * itemHeading(caseItem); // { reference: 'C-10442', initials: 'AB', typeLabel: 'Case' }
 */
export function itemHeading(item: WorkItem): { reference: string; initials: string; typeLabel: string } {
  switch (item.subject) {
    case 'statement':
      return { reference: item.statement.child.reference, initials: item.statement.child.initials, typeLabel: typeLabel(item.statement.type) };
    case 'case':
      return { reference: item.case.caseRef, initials: item.case.initials, typeLabel: 'Case' };
    case 'staff':
      return { reference: item.person?.name ?? item.staff.email, initials: '', typeLabel: 'Staff' };
  }
}

/**
 * The heading in one line: `C-10442 · AB · Case`, `Sam Patel · Staff`.
 *
 * @example
 * headingLine(item); // 'CR-20417 · J.B. · My World'
 */
export function headingLine(item: WorkItem): string {
  return joinHeading(itemHeading(item));
}

/**
 * A heading's parts in one line, leaving out an empty one.
 *
 * @example
 * joinHeading({ reference: 'Sam Patel', initials: '', typeLabel: 'Staff' }); // 'Sam Patel · Staff'
 */
export function joinHeading(heading: { reference: string; initials: string; typeLabel: string }): string {
  return [heading.reference, heading.initials, heading.typeLabel].filter((part) => part !== '').join(' · ');
}


/**
 * An item's deadline as a list, a reminder or a digest shows it: what to do by the exact
 * local time (`Visit the child by 17:00 Fri 27 Nov`), and for a deadline counted back
 * from a meeting, a date set or a birthday, what it is counted back from (`…, before the
 * meeting at 10:00 Thu 3 Dec`).
 *
 * @example
 * itemDeadline(item, cal, now); // { text: 'Share the document by 17:00 Fri 27 Nov, before the meeting at 10:00 Thu 3 Dec', state: 'running' }
 */
export function itemDeadline(item: Pick<WorkItem, 'obligation' | 'standard'>, cal: WorkingCalendar, now: number): { text: string; state: ClockLine['state'] } {
  const { obligation: o, standard } = item;
  const line = clockLine(o, standard, cal, now);
  const anchor = anchorWords(o);
  if (anchor === null || o.anchorAt === null || o.status !== 'open') return { text: line.text, state: line.state };
  const when = whenText(cal, o.anchorAt, now);
  return { text: o.anchorAt === o.due ? `${line.text}, when ${anchor} starts` : `${line.text}, before ${anchor} at ${when}`, state: line.state };
}
