import type { Statement } from '../domain/statement';
import { recordableStop } from '../domain/teams-case-events';
import type { QueueEntry, TeamRow, UnallocatedRow, WorkItem } from '../domain/worklists';
import { isoWeekdayOf, parseCivilDate, epochDayOf, type Standard, type WorkingCalendar } from '../standards';
import { UNALLOCATED_ROW, type ListQuery, type QueueCardModel, type TeamCardModel, type WorkItemAct, type WorkItemModel } from './answer-card-models';
import { recordTitle, roleWords } from './case-words';
import { calendarDayName, civilDayName, whenText } from './local-time';
import { clockLine, sourceText, standardName, timescaleText, typeLabel } from './statement-words';
import { HAND_BACK_REASON_TITLES } from './statement-view';
import { headingLine, itemDeadline, itemHeading } from './work-item-words';

/**
 * What the conversation's answer cards show of the work they list: one item, a day's
 * heading, a list's title, a team member's row, a queue entry. The conversation decides
 * which items and for whom; this decides how they read.
 */

/** A work item with the calendar day it is due (to group by). */
export type DatedWorkItem = WorkItemModel & { day: number };

/**
 * One open clock as a list shows it — what it is about, what to do by the exact local
 * time, the standard's id and plain title — with the next thing to do on it (`withActions`:
 * the worker's own list; a manager's drill-down is read-only). A case item whose stop the
 * worker may record from Teams offers that (`Introduced Mind Of My Own`); one nobody holds
 * says for which role.
 *
 * @example
 * workItemModel(item, true, cal, now).deadline; // 'Open by 14:00 today'
 */
export function workItemModel(item: WorkItem, withActions: boolean, cal: WorkingCalendar, now: number): DatedWorkItem {
  const { obligation, standard } = item;
  const deadline = itemDeadline(item, cal, now);
  const actions: { title: string; act: WorkItemAct }[] = [];
  if (withActions && item.subject === 'statement') {
    const { statement } = item;
    if ((statement.status === 'assigned' || statement.status === 'delivered') && statement.pdf && statement.pdf.purgedAt === null) {
      actions.push({ title: 'Download', act: 'download' });
    } else if (statement.status === 'opened') {
      actions.push({ title: 'Acknowledge', act: 'acknowledge' });
    }
    actions.push({ title: 'Show card', act: 'show' });
  }
  const stop = withActions && item.subject === 'case' ? recordableStop(standard) : null;
  const unheld = item.subject === 'case' && obligation.ownerId === null ? ` · for the ${roleWords(obligation.ownerRole)}, whom Heard does not know on this case` : '';
  return {
    statementId: item.subject === 'statement' ? item.statement.id : '',
    obligationId: obligation.id,
    ...itemHeading(item),
    deadline: deadline.text,
    state: deadline.state === 'overdue' ? 'overdue' : 'running',
    standard: `${standardName(standard)}${unheld}`,
    actions,
    record: stop ? recordTitle(stop) : null,
    // A deadline at midnight belongs to the day it ends.
    day: cal.dayOf(obligation.due - 1),
  };
}

/**
 * Items (soonest first) grouped under a heading per local day: `Today, Mon 23 Nov`,
 * `Tomorrow, Tue 24 Nov`, `Fri 20 Nov (past)`.
 *
 * @example
 * dayGroups(items, cal, now)[0].day; // 'Today, Mon 23 Nov'
 */
export function dayGroups(items: DatedWorkItem[], cal: WorkingCalendar, now: number): { day: string; items: WorkItemModel[] }[] {
  const today = cal.dayOf(now);
  const groups: { day: string; items: WorkItemModel[] }[] = [];
  let current = Number.NaN;
  for (const { day, ...item } of items) {
    if (day !== current) {
      const name = calendarDayName(cal, day);
      groups.push({ day: day === today ? `Today, ${name}` : day === today + 1 ? `Tomorrow, ${name}` : day < today ? `${name} (past)` : name, items: [] });
      current = day;
    }
    groups[groups.length - 1].items.push(item);
  }
  return groups;
}

/**
 * A list's title and what it says when it is empty, for one person and for a team: `Due
 * this week`, `Nothing due tomorrow.`, `Overdue`. A due list without dates is the next 7 days.
 *
 * @example
 * listWords({ kind: 'overdue', from: null, to: null }, cal, now).empty; // 'Nothing overdue. Well done.'
 */
export function listWords(list: ListQuery, cal: WorkingCalendar, now: number): { title: string; empty: string; teamEmpty: string } {
  if (list.kind === 'overdue') return { title: 'Overdue', empty: 'Nothing overdue. Well done.', teamEmpty: 'Nobody in the team has anything overdue.' };
  if (list.kind === 'unopened') return { title: 'Not opened yet', empty: 'You have opened every statement sent to you.', teamEmpty: 'Nothing unopened.' };
  const today = cal.epochDay(cal.dayOf(now));
  const from = list.from ? civilDayNumber(list.from) : today;
  const to = list.to ? civilDayNumber(list.to) : today + 6;
  const monday = today - (isoWeekdayOf(today) - 1);
  let when: string;
  if (!list.from) when = 'in the next 7 days';
  else if (from === to) when = from === today ? 'today' : from === today + 1 ? 'tomorrow' : `on ${civilDayName(from)}`;
  else if (from === monday && to === monday + 6) when = 'this week';
  else if (from === monday + 7 && to === monday + 13) when = 'next week';
  else when = `${civilDayName(from)} – ${civilDayName(to)}`;
  return { title: `Due ${when}`, empty: `Nothing due ${when}.`, teamEmpty: `Nothing due ${when} for anyone in the team.` };
}

/**
 * A team summary's rows: each person with something in the list, their counts and the
 * most urgent item; then, when the team's cases have work nobody in the directory holds,
 * a row for it (`Not allocated`), whose drill-down lists it.
 *
 * @example
 * teamRowModels(rows, null, cal, now)[0].oldest; // 'CR-20417 · J.B. · My World · Open: overdue since 14:00 yesterday'
 */
export function teamRowModels(rows: TeamRow[], unallocated: UnallocatedRow | null, cal: WorkingCalendar, now: number): TeamCardModel['rows'] {
  const oldest = (first: WorkItem | null) => (first ? `${headingLine(first)} · ${itemDeadline(first, cal, now).text}` : null);
  const models: TeamCardModel['rows'] = rows.map((r) => ({
    personId: r.person.id,
    name: r.person.name,
    count: r.count,
    overdue: r.overdue,
    oldest: oldest(r.first),
    state: r.overdue > 0 ? 'overdue' : 'running',
  }));
  if (unallocated && unallocated.count > 0) {
    models.push({
      personId: UNALLOCATED_ROW,
      name: UNALLOCATED_NAME,
      count: unallocated.count,
      overdue: unallocated.overdue,
      oldest: oldest(unallocated.first),
      state: unallocated.overdue > 0 ? 'overdue' : 'running',
    });
  }
  return models;
}

/** The name of a team summary's row of case work nobody in the directory holds. @example UNALLOCATED_NAME; // 'Not allocated' */
export const UNALLOCATED_NAME = 'Not allocated';

/**
 * One entry of the participation team's queue: the statement, the team's clock on it with
 * its standard, who its card could not reach and, if it was handed back, by whom
 * (`handedBackBy`, their name), when and why, with "Give back to <first name>".
 *
 * @example
 * queueItemModel(entry, momo11, [], null, cal, now).clock; // 'Assign by 15:00 today · momo.1.1, 5 working hours'
 */
export function queueItemModel(
  entry: QueueEntry,
  standard: Standard | undefined,
  undeliveredTo: string[],
  handedBackBy: string | null,
  cal: WorkingCalendar,
  now: number,
): QueueCardModel['items'][number] {
  const line = entry.clock && standard ? clockLine(entry.clock, standard, cal, now) : null;
  const back = entry.handedBack;
  const reason = back ? (HAND_BACK_REASON_TITLES as Record<string, string>)[back.reason] ?? HAND_BACK_REASON_TITLES.other : null;
  return {
    statementId: entry.statement.id,
    reference: entry.statement.child.reference,
    initials: entry.statement.child.initials,
    typeLabel: typeLabel(entry.statement.type),
    clock: line && standard ? `${line.text} · ${sourceText(standard)}, ${timescaleText(standard)}` : 'No clock running',
    state: line?.state === 'overdue' ? 'overdue' : 'running',
    problem: undeliveredTo.length > 0 ? `Card not delivered to ${undeliveredTo.join(', ')}` : null,
    handedBack: back ? `Handed back by ${handedBackBy ?? 'someone no longer in the directory'} at ${whenText(cal, back.at, now)}: “${reason}”` : null,
    undo: back && handedBackBy ? { title: `Give back to ${handedBackBy.split(' ')[0]}` } : null,
  };
}

/**
 * A statement in one line, as a preview of what will move lists it.
 *
 * @example
 * statementLine(statement); // 'CR-20417 J.B. · My World'
 */
export function statementLine(statement: Statement): string {
  return `${statement.child.reference} ${statement.child.initials} · ${typeLabel(statement.type)}`;
}

function civilDayNumber(iso: string): number {
  const date = parseCivilDate(iso);
  if (!date) throw new RangeError(`not a date: ${iso}`);
  return epochDayOf(date);
}
