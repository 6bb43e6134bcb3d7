import type { Organisation } from './organisation';
import type { SettingKey } from './settings-registry';

/**
 * The changes an administrator makes most often, from Teams: a closure day (snow, a
 * council's own holiday), a one-off bank holiday announced after this release, and the
 * points at which the nudge policy reminds owners. Each becomes new values of the
 * settings it touches, validated and dry-run like any other change.
 */

/**
 * One common change, as the admin card's form gives it.
 *
 * @example
 * const c: CommonChange = { kind: 'closure', date: '2026-11-24', name: 'Snow day' };
 */
export type CommonChange =
  | { kind: 'closure'; date: string; name: string }
  | { kind: 'holiday'; date: string; name: string }
  /** Reminders at these percentages of the allowed working time (1–99), and whether also at the due instant. */
  | { kind: 'reminders'; percents: number[]; atDue: boolean };

/**
 * The settings a common change replaces, worked out from the organisation's current ones.
 *
 * @example
 * settingsFor({ kind: 'closure', date: '2026-11-24', name: 'Snow day' }, org);
 * // { calendar: { ...org.settings.calendar, closures: [...org.settings.calendar.closures, { date: '2026-11-24', name: 'Snow day' }] } }
 */
export function settingsFor(change: CommonChange, org: Pick<Organisation, 'settings'>): Partial<Record<SettingKey, unknown>> {
  const calendar = org.settings.calendar;
  // The same day added again (Confirm pressed twice) leaves the list as it is: nothing to change.
  const adding = (list: { date: string; name: string }[], day: { date: string; name: string }) =>
    list.some((d) => d.date === day.date && d.name === day.name) ? list : [...list, { date: day.date, name: day.name }];
  switch (change.kind) {
    case 'closure':
      return { calendar: { ...calendar, closures: adding(calendar.closures, change) } };
    case 'holiday':
      return { calendar: { ...calendar, extraHolidays: adding(calendar.extraHolidays, change) } };
    case 'reminders':
      return {
        'nudge-policy': {
          ...org.settings['nudge-policy'],
          reminders: [...new Set(change.percents)].sort((a, b) => a - b).map((p) => p / 100),
          remindAtDue: change.atDue,
        },
      };
  }
}
