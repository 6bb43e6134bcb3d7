import { renderAnswerCard } from '../cards/answer-card';
import { civilDayName } from '../cards/local-time';
import type { Person } from '../domain/person';
import { OPEN_STATUSES, type Statement } from '../domain/statement';
import { civilDateOf, epochDayOf } from '../standards';
import type { DialogDeps } from './dialog-deps';
import { dayNumber, localEpochDay } from './list-query';
import { card, type Reply } from './reply';
import type { Understanding } from './understand';

/**
 * "How are we doing?": statements received, still open, opened within standard 2.1 and
 * clocks overdue, for the asker, their team (the people they manage) or the service;
 * this month unless the question names a period.
 *
 * @example
 * await statsAnswer(deps, priya, understanding);
 */
export async function statsAnswer(deps: DialogDeps, actor: Person, u: Understanding): Promise<Reply> {
  const cal = deps.calendar;
  const now = deps.now();
  const today = localEpochDay(cal, now);
  const date = civilDateOf(today);
  const from = u.range ? dayNumber(u.range.from) : epochDayOf({ year: date.year, month: date.month, day: 1 });
  const to = u.range ? dayNumber(u.range.to) : today;
  const window = { from: cal.midnight[cal.indexOfEpochDay(from)], to: cal.midnight[cal.indexOfEpochDay(to + 1)] };
  let scopeIds: string[] | null = null;
  let scopeName = 'the service';
  if (u.scope === 'me') {
    scopeIds = [actor.id];
    scopeName = 'you';
  } else if (u.scope === 'team') {
    const team = await deps.permissions.managedBy(actor.id);
    scopeIds = team.length > 0 ? team.map((p) => p.id) : [actor.id];
    scopeName = team.length > 0 ? 'your team' : 'you';
  }
  const statements: Statement[] = scopeIds === null
    ? await deps.store.statements.list({})
    : (await Promise.all(scopeIds.map((id) => deps.store.statements.list({ assigneeId: id })))).flat();
  const inRange = [...new Map(statements.filter((s) => s.sentAt >= window.from && s.sentAt < window.to).map((s) => [s.id, s])).values()];
  let opened = 0;
  let openedOnTime = 0;
  let overdueNow = 0;
  for (const s of inRange) {
    for (const o of await deps.store.obligations.listForStatement(s.id)) {
      if (o.standardId === 'momo.2.1' && o.status === 'met') {
        opened++;
        if ((o.completedAt ?? Infinity) <= o.due) openedOnTime++;
      }
      if (o.status === 'open' && now > o.due) overdueNow++;
    }
  }
  return card(renderAnswerCard({
    title: `Statements for ${scopeName}, ${civilDayName(from)}–${civilDayName(to)}`,
    tone: null,
    lines: inRange.length === 0 ? ['No statements were sent in that time.'] : [],
    facts: [
      { title: 'Received', value: String(inRange.length) },
      { title: 'Still open', value: String(inRange.filter((s) => OPEN_STATUSES.includes(s.status) || s.status === 'queued').length) },
      { title: 'Opened within standard 2.1', value: opened === 0 ? '–' : `${openedOnTime} of ${opened} (${Math.round((100 * openedOnTime) / opened)}%)` },
      { title: 'Clocks overdue now', value: String(overdueNow) },
    ],
    quote: null,
    followUps: [],
  }));
}
