import type { AuditEvent } from '../domain/audit-event';
import type { ConfigurableRole, Impact, RolePlan } from '../domain/configuration-service';
import type { Organisation } from '../domain/organisation';
import type { Person } from '../domain/person';
import { SETTINGS, type SettingKey } from '../domain/settings-registry';
import { formatInstant, shortDayName, type WorkingCalendar } from '../standards';
import { impactSentence, periodWords, replaySentence } from '../domain/configuration-words';
import { clockWords } from './standards-command';
import { textTable } from './text-table';

/**
 * The configuration and its changes as a person reads them in a terminal: what each
 * setting says, what a change moves (the sentence the dry run leads with, then one row
 * per deadline), the replay of a past period, and the history of changes.
 */

/** Moves listed in the table; `--json` lists them all. */
const LISTED = 50;

const WEEKDAYS = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
] as const;

/**
 * A deadline in the calendar's local time: `Tue 24 Nov 17:00`; one at 24:00 as the end of
 * the day it ends (`Tue 24 Nov, end of day`).
 *
 * @example
 * localDeadline(cal, parseInstant('2026-11-24T17:00:00Z')); // 'Tue 24 Nov 17:00'
 */
export function localDeadline(cal: WorkingCalendar, t: number): string {
  const local = t + cal.offsetAt(t);
  const minutes = Math.floor((((local % 86400) + 86400) % 86400) / 60);
  if (minutes === 0) return `${shortDayName(cal.epochDay(cal.dayOf(t - 1)))}, end of day`;
  return `${shortDayName(cal.epochDay(cal.dayOf(t)))} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The differences between two values of a setting, one `path: old → new` line each. */
export function differences(path: string, from: unknown, to: unknown): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    return keys.flatMap((k) => differences(`${path}.${k}`, from[k], to[k]));
  }
  if (JSON.stringify(from) === JSON.stringify(to)) return [];
  const show = (v: unknown) => (v === undefined ? '(not set)' : JSON.stringify(v));
  return [`${path}: ${show(from)} → ${show(to)}`];
}

/**
 * What a dry run or an applied change says: the settings changed, the sentence ("37 open
 * deadlines move; 5 become overdue, 2 stop being overdue"), the deadlines that move, and
 * the replay of a past period.
 *
 * @example
 * impactText(impact, before, after, 'dry-run').split('\n')[0]; // 'Dry run: nothing has changed.'
 */
export function impactText(impact: Impact, before: Organisation, after: Organisation, mode: 'dry-run' | 'applied'): string {
  const dry = mode === 'dry-run';
  const lines: string[] = [dry ? 'Dry run: nothing has changed.' : `Changed (${impact.id}).`];
  if (impact.changes.length === 0) return `${lines[0]}\nNothing to change: the configuration already says that.`;
  for (const c of impact.changes) lines.push(...differences(c.key, c.from, c.to));
  lines.push('', impactSentence(impact, mode));
  if (impact.moves.length > 0) {
    const rows = impact.moves.slice(0, LISTED).map((m) => [
      m.reference ?? '',
      m.standardId,
      localDeadline(before.calendar, m.from),
      m.to === null ? 'closed' : localDeadline(after.calendar, m.to),
      m.overdueAfter && !m.overdueBefore ? 'becomes overdue' : m.overdueBefore && !m.overdueAfter && m.to !== null ? 'no longer overdue' : '',
    ]);
    lines.push('', textTable([['REFERENCE', 'STANDARD', 'DEADLINE', dry ? 'UNDER THE CHANGE' : 'NOW', ''], ...rows]));
    if (impact.moves.length > LISTED) lines.push(`… and ${impact.moves.length - LISTED} more (--json lists them all).`);
  }
  if (impact.replay) {
    const period = periodWords(impact.replay.from, impact.replay.to);
    lines.push('');
    if (impact.replay.lines.length === 0) lines.push(`No deadlines of the standards it changes fell in ${period}.`);
    for (const l of impact.replay.lines) lines.push(replaySentence(l, period));
  }
  if (dry) lines.push('', 'Run the same command without --dry-run to make the change.');
  return lines.join('\n');
}

/** A role change, dry run or done. */
export function rolePlanText(plan: RolePlan, status: 'dry-run' | 'applied' | 'already-applied'): string {
  const names = (people: Person[]) => (people.length === 0 ? 'nobody' : people.map((p) => `${p.name} <${p.email}>`).join(', '));
  if (status === 'already-applied') return `roles.${plan.role}: already ${names(plan.to)}; nothing changed.`;
  return [
    `${status === 'dry-run' ? 'Dry run: ' : ''}roles.${plan.role}: ${names(plan.from)} → ${names(plan.to)}`,
    ...(plan.gain.length > 0 ? [`  ${status === 'dry-run' ? 'gains' : 'gained'} the role: ${names(plan.gain)}`] : []),
    ...(plan.lose.length > 0 ? [`  ${status === 'dry-run' ? 'loses' : 'lost'} the role: ${names(plan.lose)}`] : []),
    '  Statements already assigned stay where they are; routing uses the holders from the next statement.',
  ].join('\n');
}

/** The configuration as a person reads it. */
export function configurationText(
  org: Organisation,
  holders: Record<ConfigurableRole, Person[]>,
  rota: { role: string; email: string | null; from: string; until: string }[],
  pending: boolean,
  only?: string,
): string {
  const sections: [SettingKey | 'roles', string[][]][] = [];
  const c = org.settings.calendar;
  const dates = (list: { date: string; name: string }[]) => (list.length === 0 ? 'none' : list.map((d) => `${d.date} ${d.name}`).join('; '));
  sections.push([
    'calendar',
    [
      ['zone', c.zone],
      ['bank holidays', `${c.division} (GOV.UK's list, extended by rule)`],
      ...WEEKDAYS.map(([key, name]) => [name, c.week[key].length === 0 ? 'not a working day' : c.week[key].map(([s, e]) => `${s}–${e}`).join(', ')]),
      ['closures', dates(c.closures)],
      ['one-off holidays', dates(c.extraHolidays)],
    ],
  ]);
  sections.push(['packs', [['enabled', org.settings.packs.join(', ')]]]);
  const changed = org.standards.filter((s) => s.override);
  sections.push([
    'standards',
    changed.length === 0
      ? [['none', 'every standard is read as its pack reads it']]
      : changed.map((s) => [
          s.id,
          s.override!.disabled
            ? `switched off: ${s.override!.reason}`
            : `${clockWords(s)} (pack: ${clockWords({ ...s.override!.pack, direction: s.direction })})${s.interpretation !== s.override!.pack.interpretation ? ', read differently' : ''}: ${s.override!.reason}`,
        ]),
  ]);
  const p = org.settings['nudge-policy'];
  sections.push([
    'nudge-policy',
    [
      ['reminders', `${p.reminders.length === 0 ? 'none' : `at ${p.reminders.map((r) => `${Math.round(r * 100)}%`).join(' and ')} of the allowed working time`}${p.remindAtDue ? ', and at the due instant' : ''}`],
      ['escalation', p.escalateOnBreach ? `on breach; immediate standards after ${p.immediateEscalationMinutes} minutes` : 'off'],
      ['team reminders', p.teamReminders ? 'on' : 'off'],
      ...Object.entries(p.standards).map(([id, o]) => [id, JSON.stringify(o)]),
    ],
  ]);
  const momo = org.settings['mind-of-my-own'];
  sections.push(['mind-of-my-own', [['deletion requests to', momo.deletionRequestsTo.length === 0 ? 'nobody set' : momo.deletionRequestsTo.join(', ')]]]);
  const days = org.settings.retention.pdfDays;
  sections.push(['retention', [['PDFs', days === null ? 'kept (not purged)' : days === 0 ? 'purged once saved to the case record' : `purged ${days} day${days === 1 ? '' : 's'} after saving to the case record`]]]);
  sections.push([
    'roles',
    [
      ...Object.entries(holders).map(([role, people]) => [role, people.length === 0 ? 'nobody' : people.map((x) => `${x.name} <${x.email}>`).join(', ')]),
      // One row a turn, under one label, so that the table keeps its columns.
      ...(rota.length === 0 ? [['duty rota', 'nobody on the rota this week (heard import rota)']] : rota.map((r, i) => [i === 0 ? 'duty rota' : '', `${r.role} ${r.email ?? '?'} ${r.from} → ${r.until}`])),
    ],
  ]);
  const text = sections
    .filter(([key]) => only === undefined || key === only)
    .map(([key, rows]) => `${key === 'roles' ? 'ROLES' : SETTINGS[key].title.toUpperCase()} (${key})\n${textTable(rows.map((r) => ['  ' + r[0], r[1]]))}`)
    .join('\n\n');
  return pending ? `A change's recalculation was cut short: the next heard config set finishes it.\n\n${text}` : text;
}

/** The history of configuration changes; `who` names a person by their id (else the actor's id is shown). */
export function historyText(events: AuditEvent[], who: (id: string) => string | undefined): string {
  if (events.length === 0) return 'No configuration changes recorded.';
  // A role's holders are audited by id (comma-separated): shown by e-mail.
  const holders = (ids: string) => (ids === '' ? 'nobody' : ids.split(',').map((id) => who(id) ?? id).join(', '));
  return textTable([
    ['WHEN', 'WHO', 'SETTING', 'WHAT'],
    ...events.map((e) => [
      formatInstant(e.at),
      (e.actor.kind === 'person' ? who(e.actor.id) : undefined) ?? e.actor.id,
      e.setting ?? '',
      e.action === 'configuration-changed'
        ? e.setting?.startsWith('roles.')
          ? `${holders(String(e.details.from))} → ${holders(String(e.details.to))}`
          : differences(e.setting ?? '', JSON.parse(String(e.details.from)), JSON.parse(String(e.details.to))).join('; ')
        : `${e.details.moved} moved, ${e.details.becomeOverdue} became overdue, ${e.details.stopBeingOverdue} no longer overdue, ${e.details.closed} closed`,
    ]),
  ]);
}
