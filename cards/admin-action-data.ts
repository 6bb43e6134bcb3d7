import { z } from 'zod';
import type { CommonChange } from '../domain/admin-changes';
import { parseCivilDate } from '../standards';
import { ADMIN_INPUTS, ADMIN_VERBS, type AdminVerb } from './admin-card-model';

/**
 * The data each admin card verb carries, as zod schemas. Forgiving like the answer
 * cards' (`answer-action-data.ts`): what cannot be read reads as empty, and the handler
 * says what to put right. What an administrator typed is checked by {@link commonChangeOf}.
 */

function press<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess((value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}), z.object(shape));
}

const text = (max: number) => z.string().trim().max(max).catch('');
const kind = z.enum(['closure', 'holiday', 'reminders']).nullable().catch(null);

/** The schema of each verb's data. @example ADMIN_ACTION_DATA[ADMIN_VERBS.preview].parse({ kind: 'closure', adminClosureDate: '2026-11-24' }); */
export const ADMIN_ACTION_DATA = {
  [ADMIN_VERBS.show]: press({}),
  [ADMIN_VERBS.preview]: press({
    kind,
    [ADMIN_INPUTS.closureDate]: text(20),
    [ADMIN_INPUTS.closureName]: text(200),
    [ADMIN_INPUTS.holidayDate]: text(20),
    [ADMIN_INPUTS.holidayName]: text(200),
    [ADMIN_INPUTS.reminders]: text(200),
    [ADMIN_INPUTS.atDue]: text(10),
  }),
  [ADMIN_VERBS.confirm]: press({ kind, change: text(100), date: text(20), name: text(200), reminders: text(200), atDue: text(10) }),
} as const satisfies Record<AdminVerb, z.ZodType>;

/** What an administrator asked for, checked, or what to put right. */
export type CommonChangeInput = { ok: true; change: CommonChange } | { ok: false; problem: string };

/**
 * Checks a common change as typed on the card: a real date and, for a one-off holiday,
 * its name (a closure without one is an "Organisation closure"); reminder points as whole
 * percentages between 1 and 99, at most five.
 *
 * @example
 * commonChangeOf('reminders', { date: '', name: '', reminders: '50, 90', atDue: 'true' });
 * // { ok: true, change: { kind: 'reminders', percents: [50, 90], atDue: true } }
 */
export function commonChangeOf(kindOf: 'closure' | 'holiday' | 'reminders' | null, input: { date: string; name: string; reminders: string; atDue: string }): CommonChangeInput {
  if (kindOf === null) return { ok: false, problem: 'That button no longer says what to change: nothing changed.' };
  if (kindOf === 'reminders') {
    const parts = input.reminders.split(/[\s,;%]+/).filter(Boolean);
    const percents = parts.map(Number);
    if (parts.length > 5 || percents.some((p) => !Number.isInteger(p) || p < 1 || p > 99)) {
      return { ok: false, problem: 'Give up to five reminder points as whole percentages between 1 and 99, e.g. 50, 75. Nothing changed.' };
    }
    return { ok: true, change: { kind: 'reminders', percents, atDue: input.atDue === 'true' } };
  }
  if (parseCivilDate(input.date) === null) return { ok: false, problem: 'Choose the date. Nothing changed.' };
  const name = input.name.slice(0, 60);
  if (kindOf === 'holiday' && name === '') return { ok: false, problem: 'Give the holiday its name, e.g. Coronation bank holiday. Nothing changed.' };
  return { ok: true, change: { kind: kindOf, date: input.date, name: name || 'Organisation closure' } };
}
