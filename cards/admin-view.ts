import type { CommonChange } from '../domain/admin-changes';
import type { ConfigurableRole, Impact, Move } from '../domain/configuration-service';
import { impactSentence, periodWords, replaySentence } from '../domain/configuration-words';
import type { Organisation } from '../domain/organisation';
import type { Person } from '../domain/person';
import { epochDayOf, parseCivilDate, type CalendarConfig } from '../standards';
import type { AdminCardModel, AdminFact } from './admin-card-model';
import { civilDayName, timeAndDay } from './local-time';

/**
 * What the admin card shows, worded: the organisation's configuration by section, and
 * the dry run of a common change before it is confirmed. Only what an administrator needs
 * to decide: moved deadlines by case reference and standard, never a child's initials.
 */

/** Moved deadlines listed on a preview; the rest are counted. */
const LISTED = 8;

/** Closures and holidays listed (the next ones from today). */
const UPCOMING = 5;

const DAYS = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
] as const;

const DIVISIONS: Readonly<Record<CalendarConfig['division'], string>> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

const ROLE_TITLES: Readonly<Record<ConfigurableRole, string>> = {
  'complaints-officer': 'Complaints officer',
  'head-of-service': 'Head of service',
  'duty-manager': 'Duty managers (when the rota names nobody)',
  'duty-officer': 'Duty officers (when the rota names nobody)',
  admin: 'Administrators',
};

/** A local date `YYYY-MM-DD` as `Tue 24 Nov 2026`. @example dateWords('2026-11-24'); // 'Tue 24 Nov 2026' */
export function dateWords(date: string): string {
  const civil = parseCivilDate(date);
  return civil ? `${civilDayName(epochDayOf(civil))} ${civil.year}` : date;
}

/**
 * The working week in few words, days with the same hours run together:
 * `Mon–Thu 09:00–17:00; Fri 09:00–16:30`.
 *
 * @example
 * weekWords(org.settings.calendar.week); // 'Mon–Fri 09:00–17:00'
 */
export function weekWords(week: CalendarConfig['week']): string {
  const runs: { from: string; to: string; hours: string }[] = [];
  for (const [key, name] of DAYS) {
    const hours = week[key].map(([s, e]) => `${s}–${e}`).join(', ');
    const last = runs[runs.length - 1];
    if (last && last.hours === hours) last.to = name;
    else runs.push({ from: name, to: name, hours });
  }
  const worked = runs.filter((r) => r.hours !== '');
  return worked.length === 0 ? 'no working hours' : worked.map((r) => `${r.from === r.to ? r.from : `${r.from}–${r.to}`} ${r.hours}`).join('; ');
}

/**
 * A calendar in one line, as an answer about working time names it:
 * `Mon–Fri 09:00–17:00, England and Wales bank holidays, 2 closure days`.
 *
 * @example
 * calendarWords(org.calendarConfig); // 'Mon–Fri 09:00–17:00, England and Wales bank holidays'
 */
export function calendarWords(config: CalendarConfig): string {
  const own = config.closures.length + config.extraHolidays.length;
  return `${weekWords(config.week)}, ${DIVISIONS[config.division]} bank holidays${own === 0 ? '' : `, ${own} closure day${own === 1 ? '' : 's'} of the council's own`}`;
}

function datedWords(list: { date: string; name: string }[], today: string): string {
  const coming = list.filter((d) => d.date >= today).sort((a, b) => (a.date < b.date ? -1 : 1));
  if (coming.length === 0) return 'none to come';
  const shown = coming.slice(0, UPCOMING).map((d) => `${dateWords(d.date)}, ${d.name}`);
  return coming.length > UPCOMING ? `${shown.join('; ')}; and ${coming.length - UPCOMING} more` : shown.join('; ');
}

function remindersWords(policy: Organisation['settings']['nudge-policy']): string {
  const points = policy.reminders.map((r) => `${Math.round(r * 100)}%`);
  const at = points.length === 0 ? 'no reminders before the deadline' : `at ${points.join(' and ')} of the allowed working time`;
  return policy.remindAtDue ? `${at}, and when due` : at;
}

/**
 * The configuration by section, with the forms for the common changes.
 *
 * @example
 * renderAdminCard(adminOverview(org, holders, now, null));
 */
export function adminOverview(org: Organisation, holders: Record<ConfigurableRole, Person[]>, now: number, notice: AdminCardModel['notice']): AdminCardModel {
  const c = org.settings.calendar;
  const today = org.calendar.dateOf(org.calendar.dayOf(now));
  const changed = org.standards.filter((s) => s.override);
  const policy = org.settings['nudge-policy'];
  const days = org.settings.retention.pdfDays;
  const names = (people: Person[]) => (people.length === 0 ? 'nobody' : people.map((p) => p.name).join(', '));
  const sections: { title: string; facts: AdminFact[] }[] = [
    {
      title: 'Calendar',
      facts: [
        { title: 'Working hours', value: weekWords(c.week) },
        { title: 'Bank holidays', value: DIVISIONS[c.division] },
        { title: 'Closures', value: datedWords(c.closures, today) },
        { title: 'One-off holidays', value: datedWords(c.extraHolidays, today) },
        { title: 'Time zone', value: c.zone },
      ],
    },
    {
      title: 'Standards',
      facts: [
        { title: 'Packs', value: org.settings.packs.join(', ') },
        {
          title: 'Read differently',
          value: changed.length === 0 ? 'none: every standard as its pack reads it' : changed.map((s) => `${s.id} (${s.override!.disabled ? 'switched off' : 'changed'})`).join(', '),
        },
      ],
    },
    {
      title: 'Nudges',
      facts: [
        { title: 'Reminders', value: remindersWords(policy) },
        { title: 'Escalation', value: policy.escalateOnBreach ? `when a deadline passes; Safety Link after ${policy.immediateEscalationMinutes} minutes` : 'off' },
      ],
    },
    { title: 'Roles', facts: (Object.keys(ROLE_TITLES) as ConfigurableRole[]).map((role) => ({ title: ROLE_TITLES[role], value: names(holders[role]) })) },
    { title: 'Retention', facts: [{ title: 'Statement PDFs', value: days === null ? 'kept' : days === 0 ? 'removed once saved to the case record' : `removed ${days} day${days === 1 ? '' : 's'} after saving to the case record` }] },
  ];
  return {
    title: 'Heard settings',
    subtitle: 'Everything else: heard config on the server.',
    notice,
    sections,
    forms: { reminders: policy.reminders.map((r) => Math.round(r * 100)).join(', '), atDue: policy.remindAtDue },
    preview: null,
  };
}

/**
 * What a common change is, in words: `Add a closure day: Tue 24 Nov 2026, Snow day`.
 *
 * @example
 * changeWords({ kind: 'reminders', percents: [25, 90], atDue: true }); // 'Remind at 25% and 90% of the allowed working time, and when due'
 */
export function changeWords(change: CommonChange): string {
  switch (change.kind) {
    case 'closure':
      return `Add a closure day: ${dateWords(change.date)}, ${change.name}`;
    case 'holiday':
      return `Add a one-off holiday: ${dateWords(change.date)}, ${change.name}`;
    case 'reminders':
      if (change.percents.length === 0) return change.atDue ? 'Remind only when due' : 'Send no reminders';
      return `Remind at ${change.percents.map((p) => `${p}%`).join(' and ')} of the allowed working time${change.atDue ? ', and when due' : ''}`;
  }
}

function moveWords(m: Move, before: Organisation, after: Organisation): string {
  const what = m.subject === 'staff' ? 'A member of staff' : (m.reference ?? 'A case');
  const to = m.to === null ? 'closes (switched off)' : timeAndDay(after.calendar, m.to);
  const mark = m.overdueAfter && !m.overdueBefore ? ' · becomes overdue' : m.overdueBefore && !m.overdueAfter && m.to !== null ? ' · no longer overdue' : '';
  return `${what} · ${m.standardId} · ${timeAndDay(before.calendar, m.from)} → ${to}${mark}`;
}

/**
 * The dry run of a common change, with Confirm carrying the change's id and what it is.
 *
 * @example
 * renderAdminCard(adminPreview({ kind: 'closure', date: '2026-11-24', name: 'Snow day' }, impact, before, after));
 */
export function adminPreview(change: CommonChange, impact: Impact, before: Organisation, after: Organisation): AdminCardModel {
  const replay = impact.replay;
  const period = replay && periodWords(replay.from, replay.to);
  const busiest = replay ? [...replay.lines].sort((a, b) => b.due - a.due || (a.standardId < b.standardId ? -1 : 1)).slice(0, 3) : [];
  const nothing = impact.changes.length === 0;
  return {
    title: `${changeWords(change)}?`,
    subtitle: nothing ? null : 'Nothing has changed yet: this is what it would do now.',
    notice: nothing ? { text: 'The settings already say that: there is nothing to change.', tone: 'good' } : null,
    sections: [],
    forms: null,
    preview: {
      lines: nothing ? [] : [impactSentence(impact, 'dry-run')],
      items: impact.moves.slice(0, LISTED).map((m) => moveWords(m, before, after)),
      more: impact.moves.length > LISTED ? `… and ${impact.moves.length - LISTED} more (heard config --dry-run --json lists them all).` : null,
      replay: busiest.map((l) => replaySentence(l, period!)),
      confirm: nothing
        ? null
        : {
            kind: change.kind,
            change: impact.id,
            date: change.kind === 'reminders' ? '' : change.date,
            name: change.kind === 'reminders' ? '' : change.name,
            reminders: change.kind === 'reminders' ? change.percents.join(', ') : '',
            atDue: change.kind === 'reminders' ? String(change.atDue) : '',
          },
    },
  };
}

/**
 * What the card says once a change is made.
 *
 * @example
 * appliedNotice(change, impact); // 'Done: Add a closure day: Tue 24 Nov 2026, Snow day. 37 open deadlines moved; …'
 */
export function appliedNotice(change: CommonChange, impact: Impact): string {
  return `Done: ${changeWords(change)}. ${impactSentence(impact, 'applied')}`;
}
