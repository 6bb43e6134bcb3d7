import { z } from 'zod';
import { BUILT_IN_PACK_IDS, CalendarConfigSchema, compileCalendar, loadBuiltInStandards, type CalendarConfig, type Standard, type WorkingCalendar } from '../standards';
import { NudgePolicySchema, type NudgePolicy } from './nudge-policy';
import type { SettingsRepository } from './ports/store.port';

/** Setting keys of an organisation. */
export const SETTING_KEYS = { calendar: 'calendar', packs: 'packs', nudgePolicy: 'nudge-policy' } as const;

const PacksSchema = z.array(z.enum(BUILT_IN_PACK_IDS)).min(1, 'enable at least one standards pack');

/** The packs enabled when an administrator has chosen none: the Mind Of My Own standards. */
export const DEFAULT_PACKS = ['momo'] as const;

/** What the domain needs to know about the organisation. */
export interface Organisation {
  calendarConfig: CalendarConfig;
  calendar: WorkingCalendar;
  packs: Set<string>;
  standards: Standard[];
  nudgePolicy: NudgePolicy;
}

/**
 * Reads the organisation's calendar, enabled packs and nudge policy from settings (defaults where
 * unset), validated: a malformed setting fails with the key and the problem.
 *
 * @example
 * const org = await loadOrganisation(store.settings);
 */
export async function loadOrganisation(settings: SettingsRepository): Promise<Organisation> {
  const rawCalendar = (await settings.get(SETTING_KEYS.calendar)) ?? {};
  const calendar = CalendarConfigSchema.safeParse(rawCalendar);
  if (!calendar.success) {
    throw new Error(`setting "calendar" is invalid: ${calendar.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const packs = PacksSchema.safeParse((await settings.get(SETTING_KEYS.packs)) ?? [...DEFAULT_PACKS]);
  if (!packs.success) throw new Error(`setting "packs" is invalid: ${packs.error.issues.map((i) => i.message).join('; ')}`);
  const nudgePolicy = NudgePolicySchema.safeParse((await settings.get(SETTING_KEYS.nudgePolicy)) ?? {});
  if (!nudgePolicy.success) {
    throw new Error(`setting "nudge-policy" is invalid: ${nudgePolicy.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return {
    calendarConfig: calendar.data,
    calendar: compileCalendar(calendar.data),
    packs: new Set(packs.data),
    standards: loadBuiltInStandards(),
    nudgePolicy: nudgePolicy.data,
  };
}
