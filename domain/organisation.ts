import { z } from 'zod';
import { BUILT_IN_PACK_IDS, CalendarConfigSchema, compileCalendar, loadBuiltInStandards, type CalendarConfig, type Standard, type WorkingCalendar } from '../standards';
import { NudgePolicySchema, type NudgePolicy } from './nudge-policy';
import type { SettingsRepository } from './ports/store.port';

/** Setting keys of an organisation. */
export const SETTING_KEYS = { calendar: 'calendar', packs: 'packs', nudgePolicy: 'nudge-policy', mindOfMyOwn: 'mind-of-my-own' } as const;

/**
 * The council's contacts at Mind Of My Own (setting `mind-of-my-own`): where the duty
 * manager's deletion request for an unidentified young person goes — the account manager
 * and the information security administrator. Addresses only; the card's e-mail carries
 * the statement id and nothing about the young person.
 *
 * @example
 * MindOfMyOwnSchema.parse({ deletionRequestsTo: ['account.manager@momo.example'] });
 */
export const MindOfMyOwnSchema = z
  .object({ deletionRequestsTo: z.array(z.email({ message: 'is not an e-mail address' })).max(5).default([]) })
  .strict();

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
  mindOfMyOwn: z.infer<typeof MindOfMyOwnSchema>;
}

/**
 * Reads the organisation's calendar, enabled packs, nudge policy and Mind Of My Own contacts
 * from settings (defaults where unset), validated: a malformed setting fails with the key and the problem.
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
  const mindOfMyOwn = MindOfMyOwnSchema.safeParse((await settings.get(SETTING_KEYS.mindOfMyOwn)) ?? {});
  if (!mindOfMyOwn.success) {
    throw new Error(`setting "mind-of-my-own" is invalid: ${mindOfMyOwn.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return {
    calendarConfig: calendar.data,
    calendar: compileCalendar(calendar.data),
    packs: new Set(packs.data),
    standards: loadBuiltInStandards(),
    nudgePolicy: nudgePolicy.data,
    mindOfMyOwn: mindOfMyOwn.data,
  };
}
