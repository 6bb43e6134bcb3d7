import type { ClockLine, StatementCardModel } from '../cards/statement-card-model';
import type { AuditEvent } from '../domain/audit-event';
import type { Obligation } from '../domain/obligation';
import type { Person } from '../domain/person';
import type { CardDelivery } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';
import { HAND_BACK_REASONS, type HandBackReason } from '../domain/statement-service';
import { localClockTime, localDayName, type Clock, type Standard, type WorkingCalendar } from '../standards';

/** The case record systems offered on the card unless the organisation sets its own (product.md). */
export const DEFAULT_CASE_RECORD_SYSTEMS = ['Liquid Logic', 'EHM', 'Mosaic', 'Child View'] as const;

/** How each hand-back reason reads on the card. */
export const HAND_BACK_REASON_TITLES: Record<HandBackReason, string> = {
  'not-my-case': "It isn't my case",
  'child-moved-team': 'The child has moved to another team',
  'worker-leaving': "I'm leaving or moving role",
  duplicate: "It's a duplicate of one I already have",
  other: 'Another reason',
};

/** Mind Of My Own statement types as workers know them. */
const TYPE_LABELS: Record<string, string> = {
  'my-world': 'My World',
  'my-meeting': 'My Meeting',
  'my-life': 'My Life',
  'my-plan': 'My Plan',
  'my-review': 'My Review',
  'my-voice': 'My Voice',
  'safety-link': 'Safety Link',
  'my-complaint': 'Complaint',
};

/** What the worker must do to stop a clock, and how it reads once done. */
const STOP_WORDS: Record<string, { pending: string; done: string }> = {
  'statement-assigned': { pending: 'Assign', done: 'Assigned' },
  'statement-opened': { pending: 'Open', done: 'Opened' },
  'statement-saved': { pending: 'Save to the case record', done: 'Saved to the case record' },
  'child-told': { pending: 'Tell the child it was received', done: 'Child told' },
  'safety-link-followed-up': { pending: 'Follow up the Safety Link', done: 'Safety Link followed up' },
};

const CLOCK_WORDS: Record<Clock, (n: number | null) => string> = {
  immediate: () => 'immediately',
  hours: (n) => plural(n, 'hour'),
  'working-hours': (n) => plural(n, 'working hour'),
  'working-days': (n) => plural(n, 'working day'),
  'same-working-day': () => 'the same working day',
  'calendar-days': (n) => plural(n, 'day'),
  weeks: (n) => plural(n, 'week'),
  months: (n) => plural(n, 'month'),
  'before-event': () => 'before the event',
};

function plural(n: number | null, word: string): string {
  return `${n ?? 0} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * An instant as a worker says it, relative to now on the organisation's calendar:
 * `14:00 today`, `09:30 tomorrow`, `17:00 yesterday`, `17:00 Mon 30 Nov`.
 *
 * @example
 * whenText(cal, parseInstant('2026-11-23T14:00:00Z'), parseInstant('2026-11-23T09:00:00Z')); // '14:00 today'
 */
export function whenText(cal: WorkingCalendar, t: number, now: number): string {
  const day = cal.dayOf(t);
  const today = cal.dayOf(now);
  const name = day === today ? 'today' : day === today + 1 ? 'tomorrow' : day === today - 1 ? 'yesterday' : localDayName(cal, day);
  return `${localClockTime(cal, t)} ${name}`;
}

/** `standard 2.1, 7 working hours`. @example standardText(momo21); // 'standard 2.1, 7 working hours' */
export function standardText(standard: Standard): string {
  return `standard ${standard.source.ref}, ${CLOCK_WORDS[standard.clock](standard.amount)}`;
}

/**
 * One clock as the card shows it.
 *
 * @example
 * clockLine(obligation, momo21, cal, now); // { text: 'Open by 14:00 today', standard: 'standard 2.1, 7 working hours', state: 'running' }
 */
export function clockLine(o: Obligation, standard: Standard, cal: WorkingCalendar, now: number): ClockLine {
  const stop = standard.stops.length === 1 ? standard.stops[0].type : null;
  const words = (stop && STOP_WORDS[stop]) || { pending: standard.title, done: `${standard.title}: done` };
  if (o.status === 'met') {
    return { text: `${words.done} ${whenText(cal, o.completedAt ?? o.due, now)}`, standard: standardText(standard), state: 'met' };
  }
  // time-semantics.md: overdue at every instant after the due instant; at it, still on time.
  if (now > o.due) return { text: `${words.pending}: overdue since ${whenText(cal, o.due, now)}`, standard: standardText(standard), state: 'overdue' };
  return { text: `${words.pending} by ${whenText(cal, o.due, now)}`, standard: standardText(standard), state: 'running' };
}

/** What a statement card is built from: the stored facts, the viewer and the moment. */
export interface StatementViewInput {
  statement: Statement;
  obligations: Obligation[];
  audit: AuditEvent[];
  deliveries: CardDelivery[];
  /** Names of the people involved (assignees, whoever acted), by id. */
  names: Map<string, string>;
  /** The person looking, or null when rendering the copy everyone shares. */
  viewer: Person | null;
  /** The viewer's Teams user id (`29:…`), to refresh to their own view. */
  viewerTeamsId: string | null;
  standards: Map<string, Standard>;
  calendar: WorkingCalendar;
  now: number;
  caseRecordSystems: readonly string[];
  download?: StatementCardModel['download'];
  notice?: StatementCardModel['notice'];
}

const STATUS_WORDS: Partial<Record<Statement['status'], string>> = {
  received: 'Received',
  queued: 'Waiting in the participation team’s queue',
  assigned: 'Assigned',
  delivered: 'Delivered',
  opened: 'Opened',
  acknowledged: 'Acknowledged',
  'child-told': 'Child told it was received',
  saved: 'Saved to the case record',
  closed: 'Closed',
  'duty-procedure': 'With the duty officer (young person not identified)',
};

/**
 * The card model of one statement for one viewer. Everything is worded here; the card
 * template only lays it out. Carries the reference and initials only.
 *
 * @example
 * const model = statementCardModel({ statement, obligations, audit, deliveries, names, viewer: sam, viewerTeamsId: '29:1', standards, calendar, now, caseRecordSystems });
 */
export function statementCardModel(input: StatementViewInput): StatementCardModel {
  const { statement: s, calendar: cal, now, viewer } = input;
  const nameOf = (id: string) => input.names.get(id) ?? 'someone no longer in the directory';
  const isAssignee = viewer !== null && s.assigneeIds.includes(viewer.id);
  const named = (e: AuditEvent, key: string) => String(e.details[key] ?? '').split(',').includes(viewer?.id ?? '');
  const wasAssignee =
    viewer !== null &&
    !isAssignee &&
    input.audit.some((e) => named(e, 'to') || named(e, 'from') || (e.action === 'statement-handed-back' && e.actor.id === viewer.id));
  const lastAssigned = [...input.audit].reverse().find((e) => e.action === 'statement-assigned' || e.action === 'statement-reassigned');
  const lastOf = (action: string) => [...input.audit].reverse().find((e) => e.action === action);

  const relevant = input.obligations.filter((o) => {
    const standard = input.standards.get(o.standardId);
    if (!standard || standard.subject !== 'statement' || o.status === 'cancelled') return false;
    return isAssignee ? o.ownerId === viewer.id : o.ownerId !== null && s.assigneeIds.includes(o.ownerId);
  });
  relevant.sort((a, b) => a.due - b.due || a.standardId.localeCompare(b.standardId));
  const clocks = relevant.map((o) => clockLine(o, input.standards.get(o.standardId)!, cal, now));

  const opened = ['opened', 'acknowledged', 'child-told', 'saved', 'closed'].includes(s.status);
  const acknowledged = lastOf('statement-acknowledged') !== undefined;
  const childTold = lastOf('child-told') !== undefined;

  const viewerKind: StatementCardModel['viewer'] = isAssignee ? 'assignee' : wasAssignee ? 'former-assignee' : 'observer';
  return {
    statementId: s.id,
    reference: s.child.reference,
    initials: s.child.initials,
    typeLabel: TYPE_LABELS[s.type] ?? s.type,
    sentAt: whenText(cal, s.sentAt, now),
    assignedAt: lastAssigned && s.assigneeIds.length > 0 ? whenText(cal, lastAssigned.at, now) : null,
    status: s.status,
    statusLine: statusLine(input, nameOf, viewerKind),
    assigneeNames: s.assigneeIds.map(nameOf),
    clocks: viewerKind === 'former-assignee' ? [] : clocks,
    viewer: viewerKind,
    done: { opened, acknowledged, childTold, saved: s.caseRecord },
    download: input.download ?? null,
    notice: input.notice ?? null,
    caseRecordSystems: input.caseRecordSystems,
    handBackReasons: HAND_BACK_REASONS.map((value) => ({ value, title: HAND_BACK_REASON_TITLES[value] })),
    refreshUserIds: input.viewerTeamsId ? [input.viewerTeamsId] : [],
  };
}

function statusLine(input: StatementViewInput, nameOf: (id: string) => string, viewer: StatementCardModel['viewer']): string {
  const { statement: s, calendar: cal, now } = input;
  const last = input.audit[input.audit.length - 1];
  if (viewer === 'former-assignee') {
    return s.assigneeIds.length > 0 ? `Now with ${s.assigneeIds.map(nameOf).join(' and ')}` : 'Handed back to the participation team';
  }
  const notDelivered = input.deliveries.filter((d) => d.state === 'not-delivered' && s.assigneeIds.includes(d.personId));
  const base = STATUS_WORDS[s.status] ?? s.status;
  const by = last?.actor.kind === 'person' ? ` by ${nameOf(last.actor.id)}` : '';
  const when = last ? `, ${whenText(cal, last.at, now)}` : '';
  const line = `${base}${by}${when}`;
  if (notDelivered.length === 0 || viewer === 'assignee') return line;
  return `${line}. Not delivered to ${notDelivered.map((d) => nameOf(d.personId)).join(' and ')}: Heard is not installed for them`;
}
