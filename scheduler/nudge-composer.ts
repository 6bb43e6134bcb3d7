import type { Activity } from 'botbuilder';
import { renderDigestCard, type DigestCardData } from '../cards/digest-card';
import { renderEscalationCard } from '../cards/escalation-card';
import { renderNudgeCard } from '../cards/nudge-card';
import { renderUndeliveredNoticeCard, type UndeliveredKind } from '../cards/undelivered-notice-card';
import { cardActivity } from '../bot/statement-cards';
import { clockLine, whenText } from '../bot/statement-view';
import { escalationCardData, type EscalationViewDeps } from '../dialogs/escalation-view';
import type { Person } from '../domain/person';
import { localDayName, workingSecondsBetween } from '../standards';
import type { DigestContent } from './morning-digest-content';
import type { ComposeMessage, NudgeMessage } from './nudge-outbox';

/**
 * Turns the scheduler's messages into Adaptive Card activities, worded for the recipient
 * at the moment of sending (deadlines relative to now: `17:00 today`).
 *
 * @example
 * const compose = nudgeComposer({ store, worklists, standards, calendar, now });
 * await compose({ type: 'reminder', kind: 'reminder', percent: 50, ... }, sam);
 */
export function nudgeComposer(deps: EscalationViewDeps): ComposeMessage {
  return async (message: NudgeMessage, recipient: Person): Promise<Partial<Activity>> => {
    const cal = deps.calendar;
    const now = deps.now();
    switch (message.type) {
      case 'reminder':
        return cardActivity(
          renderNudgeCard({
            kind: message.kind,
            percent: message.percent,
            statementId: message.statement.id,
            reference: message.statement.child.reference,
            standardId: message.standard.id,
            standardTitle: message.standard.title,
            deadline: clockLine(message.obligation, message.standard, cal, now).text,
            coveringFor: message.forPerson?.name ?? null,
            teamHeld: message.teamHeld,
          }),
        );
      case 'escalation':
        return cardActivity(
          renderEscalationCard(
            await escalationCardData(deps, recipient, message.statement, message.obligation, message.variant, null, message.forPerson?.name ?? null),
          ),
        );
      case 'undelivered':
        return cardActivity(
          renderUndeliveredNoticeCard({
            kind: undeliveredKind(message.kind),
            reason: message.reason,
            recipient: { name: message.unreachable.name, email: message.unreachable.email || null },
            reference: message.statement?.child.reference ?? null,
            standardId: message.standard?.id ?? null,
          }),
        );
      case 'digest':
        return cardActivity(renderDigestCard(await digestCardData(deps, message.digest)));
    }
  };
}

function undeliveredKind(kind: string): UndeliveredKind {
  if (kind.startsWith('reminder-')) return 'reminder';
  if (kind === 'breach') return 'escalation';
  if (kind === 'digest') return 'digest';
  return 'due';
}

/** The digest card's words: deadlines relative to the morning it is sent. */
async function digestCardData(deps: EscalationViewDeps, digest: DigestContent): Promise<DigestCardData> {
  const cal = deps.calendar;
  const now = deps.now();
  const day = localDayName(cal, cal.dayOf(now));
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
                standardId: e.clock?.standardId ?? '',
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
          items: await Promise.all(
            digest.breaches.map(async (b) => ({
              reference: b.statement.child.reference,
              standardId: b.standard.id,
              owner: b.owner?.name ?? null,
              deadline: whenText(cal, b.obligation.due, now),
            })),
          ),
        },
      };
    }
    case 'manager':
      return {
        audience: 'manager',
        day,
        teamName: null,
        people: digest.rows.map((row) => ({
          name: row.person.name,
          count: row.overdue,
          mostUrgent: row.first ? `${row.first.statement.child.reference} · ${clockLine(row.first.obligation, row.first.standard, cal, now).text}` : '',
        })),
      };
    case 'worker':
      return {
        audience: 'worker',
        day,
        dueToday: {
          count: digest.items.length,
          items: digest.items.map((item) => {
            const line = clockLine(item.obligation, item.standard, cal, now);
            return {
              reference: item.statement.child.reference,
              deadline: line.text,
              standardId: item.standard.id,
              standardTitle: item.standard.title,
              state: line.state === 'overdue' ? ('overdue' as const) : ('running' as const),
            };
          }),
        },
      };
  }
}

/** "Deadlines missed …": `yesterday` after a working day, `since Fri 20 Nov` after a weekend or holiday. */
function sinceText(cal: EscalationViewDeps['calendar'], now: number): string {
  const today = cal.dayOf(now);
  let previous = today - 1;
  while (previous > 0 && !cal.isWorkingDay(previous)) previous--;
  return previous === today - 1 ? 'yesterday' : `since ${localDayName(cal, previous)}`;
}
