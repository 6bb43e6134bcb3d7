import type { Obligation } from '../domain/obligation';
import type { Statement } from '../domain/statement';
import type { Clock, Standard, WorkingCalendar } from '../standards';
import { nextStep } from './case-words';
import { whenText } from './local-time';
import type { ClockLine } from './statement-card-model';

/**
 * The words every card family uses for a statement and its clocks: its type as workers
 * know it, a standard and its timescale, and one clock's line. One table each, so a
 * statement reads the same on its own card, a list, a nudge and a digest.
 */

/** Mind Of My Own statement types as workers know them. */
const TYPE_LABELS: Readonly<Record<string, string>> = {
  'my-world': 'My World',
  'my-meeting': 'My Meeting',
  'my-life': 'My Life',
  'my-plan': 'My Plan',
  'my-review': 'My Review',
  'my-voice': 'My Voice',
  'safety-link': 'Safety Link',
  'my-complaint': 'Complaint',
};

/**
 * A statement type as workers know it; a type Heard has no label for yet is spelt out
 * from its code (`my-new-thing` → `My New Thing`).
 *
 * @example
 * typeLabel('my-world'); // 'My World'
 */
export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/**
 * How a statement is named in a notice: its reference and initials, or, while the young
 * person is unidentified, the Mind Of My Own statement id (Heard holds nothing else of them).
 *
 * @example
 * statementLabel(statement); // 'C-1001 · AB' or 'unidentified young person, statement momo-8841'
 */
export function statementLabel(statement: Pick<Statement, 'child' | 'flags' | 'externalId'>): string {
  return statement.flags.unidentified ? `unidentified young person, statement ${statement.externalId}` : `${statement.child.reference} · ${statement.child.initials}`;
}

/** What the worker must do to stop a clock, and how it reads once done. */
const STOP_WORDS: Record<string, { pending: string; done: string }> = {
  'statement-assigned': { pending: 'Assign', done: 'Assigned' },
  'statement-opened': { pending: 'Open', done: 'Opened' },
  'statement-saved': { pending: 'Save to the case record', done: 'Saved to the case record' },
  'child-told': { pending: 'Tell the child it was received', done: 'Child told' },
  'safety-link-followed-up': { pending: 'Follow up the Safety Link', done: 'Safety Link followed up' },
  'duty-records-checked': { pending: 'Check Child View and LCS, then tell the duty manager', done: 'Records checked' },
  'young-person-contacted': { pending: 'Contact the young person', done: 'Young person contacted' },
  'deletion-requested': { pending: 'Request deletion from Mind Of My Own', done: 'Deletion requested' },
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
 * `standard 2.1, 7 working hours`; when the council reads a standard differently,
 * `standard 2.1, 5 working hours (the council's reading)`.
 *
 * @example standardText(momo21); // 'standard 2.1, 7 working hours'
 */
export function standardText(standard: Standard): string {
  return `standard ${standard.source.ref}, ${timescaleText(standard)}`;
}

/**
 * Where a standard comes from, as people know it: the document's title and the section
 * (never a file name or an internal id).
 *
 * @example sourceText(momo21); // 'Mind Of My Own practice standards, 2.1'
 */
export function sourceText(standard: Standard): string {
  return `${standard.source.documentTitle}, ${standard.source.ref}`;
}

/**
 * A standard as a card names it: its title, then where it comes from.
 *
 * @example standardName(momo21); // 'Recipient downloads or views the statement · Mind Of My Own practice standards, 2.1'
 */
export function standardName(standard: Standard): string {
  return `${standard.title} · ${sourceText(standard)}`;
}

/** Who must meet a standard, in words a worker uses. */
const OWNER_WORDS: Readonly<Record<string, string>> = {
  recipient: 'whoever the statement is assigned to',
  'participation-team': 'the participation team',
  iro: 'the Independent Reviewing Officer (IRO)',
  'iro-team': 'the IRO team',
  'yos-case-manager': 'the youth justice case manager',
  'service-portal-admin': 'the Mind Of My Own service portal user',
  'worker-in-contact': 'the worker the child is talking to',
  'young-person': 'the young person',
};

/** @example ownerText('recipient'); // 'whoever the statement is assigned to' */
export function ownerText(owner: string): string {
  return OWNER_WORDS[owner] ?? `the ${owner.replace(/-/g, ' ')}`;
}

/**
 * The timescale alone: `7 working hours`, marked when it is the council's own reading.
 *
 * @example timescaleText(momo21); // '7 working hours'
 */
export function timescaleText(standard: Standard): string {
  const council = standard.override && !standard.override.disabled && (standard.override.pack.clock !== standard.clock || standard.override.pack.amount !== standard.amount);
  return `${CLOCK_WORDS[standard.clock](standard.amount)}${council ? " (the council's reading)" : ''}`;
}

/**
 * The timescale the pack gives a standard the council reads differently (null when it
 * reads it as the pack does).
 *
 * @example packTimescaleText(momo21ReadAsFive); // '7 working hours'
 */
export function packTimescaleText(standard: Standard): string | null {
  return standard.override ? CLOCK_WORDS[standard.override.pack.clock](standard.override.pack.amount) : null;
}

/**
 * One clock as the card shows it.
 *
 * @example
 * clockLine(obligation, momo21, cal, now); // { text: 'Open by 14:00 today', standard: 'standard 2.1, 7 working hours', state: 'running' }
 */
export function clockLine(o: Obligation, standard: Standard, cal: WorkingCalendar, now: number): ClockLine {
  // Worded by the first stop; a clock that several events stop says only that it stopped.
  const stop = standard.stops.length > 0 ? standard.stops[0].type : null;
  const words = (stop && STOP_WORDS[stop]) || { pending: nextStep(standard), done: `${nextStep(standard)}: done` };
  if (o.status === 'met') {
    const done = standard.stops.length > 1 ? 'Stopped' : words.done;
    return { text: `${done} ${whenText(cal, o.completedAt ?? o.due, now)}`, standard: standardText(standard), state: 'met' };
  }
  // time-semantics.md: overdue at every instant after the due instant; at it, still on time.
  if (now > o.due) return { text: `${words.pending}: overdue since ${whenText(cal, o.due, now)}`, standard: standardText(standard), state: 'overdue' };
  return { text: `${words.pending} by ${whenText(cal, o.due, now)}`, standard: standardText(standard), state: 'running' };
}
