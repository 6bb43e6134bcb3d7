import type { DigestContent } from '../domain/digest-content';
import { workingSecondsBetween, type WorkingCalendar } from '../standards';
import type { DigestCardData } from './digest-card';
import type { CardViewDeps } from './card-view-deps';
import { calendarDayName, whenText } from './local-time';
import type { WorkItem } from '../domain/worklists';
import { UNALLOCATED_NAME } from './answer-view';
import { roleWords } from './case-words';
import { clockLine } from './statement-words';
import { headingLine, itemDeadline, itemHeading } from './work-item-words';

/**
 * What a morning digest's card shows: the digest's content worded for the morning it is
 * sent (deadlines relative to then, names from the directory).
 *
 * @example
 * renderDigestCard(await digestCardData({ store, standards, calendar, now }, { audience: 'worker', date: '2026-11-23', items }));
 */
export async function digestCardData(deps: CardViewDeps, digest: DigestContent): Promise<DigestCardData> {
  const cal = deps.calendar;
  const now = deps.now();
  const day = calendarDayName(cal, cal.dayOf(now));
  const byId = new Map(deps.standards.map((s) => [s.id, s]));
  const names = new Map<string, string>();
  const nameOf = async (id: string) => {
    if (!names.has(id)) names.set(id, (await deps.store.directory.getPerson(id))?.name ?? 'someone no longer in the directory');
    return names.get(id) as string;
  };
  switch (digest.audience) {
    case 'participation': {
      const queued = digest.queue.filter((e) => e.statement.status === 'queued');
      const undelivered = digest.queue.flatMap((e) => e.undelivered.map((d) => ({ entry: e, delivery: d })));
      const waitingHours = (since: number) => Math.floor(workingSecondsBetween(cal, Math.min(since, now), now) / 3600);
      return {
        audience: 'participation',
        day,
        unassigned: {
          count: queued.length,
          items: await Promise.all(
            queued.map(async (e) => {
              const standard = e.clock ? byId.get(e.clock.standardId) : undefined;
              const line = e.clock && standard ? clockLine(e.clock, standard, cal, now) : null;
              const hours = waitingHours(e.statement.receivedAt);
              return {
                reference: e.statement.child.reference,
                waiting: `waiting ${hours} working hour${hours === 1 ? '' : 's'}`,
                deadline: line?.text ?? 'No clock running',
                standardTitle: standard?.title ?? '',
                state: line?.state === 'overdue' ? ('overdue' as const) : ('running' as const),
              };
            }),
          ),
        },
        undelivered: {
          count: undelivered.length,
          items: await Promise.all(
            undelivered.map(async ({ entry, delivery }) => ({
              reference: entry.statement.child.reference,
              recipient: await nameOf(delivery.personId),
              reason: delivery.reason ?? 'not-installed',
            })),
          ),
        },
        breaches: {
          since: sinceText(cal, now),
          count: digest.breachCount,
          items: digest.breaches.map((b) => ({
            reference: itemHeading(b.item).reference,
            standardTitle: b.item.standard.title,
            owner: b.owner?.name ?? null,
            deadline: whenText(cal, b.item.obligation.due, now),
          })),
        },
      };
    }
    case 'manager': {
      const mostUrgent = (first: WorkItem | null) => (first ? `${headingLine(first)} · ${itemDeadline(first, cal, now).text}` : '');
      return {
        audience: 'manager',
        day,
        teamName: null,
        people: [
          ...digest.rows.map((row) => ({ name: row.person.name, count: row.overdue, mostUrgent: mostUrgent(row.first) })),
          ...(digest.unallocated.count > 0 ? [{ name: UNALLOCATED_NAME, count: digest.unallocated.overdue, mostUrgent: mostUrgent(digest.unallocated.first) }] : []),
        ],
        foundOverdue: {
          count: digest.foundOverdue.count,
          items: digest.foundOverdue.items.map(({ item, owner }) => ({
            title: `${headingLine(item)} · ${owner?.name ?? `${roleWords(item.obligation.ownerRole)} (not allocated)`}`,
            detail: `${item.standard.id} · ${itemDeadline(item, cal, now).text}`,
          })),
        },
      };
    }
    case 'worker':
      return {
        audience: 'worker',
        day,
        dueToday: {
          count: digest.items.length,
          items: digest.items.map((item) => {
            const line = itemDeadline(item, cal, now);
            return {
              reference: headingLine(item),
              deadline: line.text,
              standardTitle: item.standard.title,
              state: line.state === 'overdue' ? ('overdue' as const) : ('running' as const),
            };
          }),
        },
      };
  }
}

/** "Deadlines missed …": `yesterday` after a working day, `since Fri 20 Nov` after a weekend or holiday. */
function sinceText(cal: WorkingCalendar, now: number): string {
  const today = cal.dayOf(now);
  let previous = today - 1;
  while (previous > 0 && !cal.isWorkingDay(previous)) previous--;
  return previous === today - 1 ? 'yesterday' : `since ${calendarDayName(cal, previous)}`;
}
