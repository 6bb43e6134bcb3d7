import { compileCalendar, loadBuiltInStandards, type CalendarConfig, type Standard, type WorkingCalendar } from '../standards';
import type { NudgePolicy } from './nudge-policy';
import type { SettingsRepository } from './ports/store.port';
import { MindOfMyOwnSchema, parseSetting, SETTING_KEY_LIST, type SettingKey, type SettingValues } from './settings-registry';
import { applyOverrides } from './standard-overrides';
import type { z } from 'zod';

export { DEFAULT_PACKS, MindOfMyOwnSchema } from './settings-registry';

/** Setting keys of an organisation (the registry, `settings-registry.ts`, has them all). */
export const SETTING_KEYS = { calendar: 'calendar', packs: 'packs', nudgePolicy: 'nudge-policy', mindOfMyOwn: 'mind-of-my-own' } as const;

/** What the domain needs to know about the organisation. */
export interface Organisation {
  calendarConfig: CalendarConfig;
  calendar: WorkingCalendar;
  packs: Set<string>;
  /** Every standard of the built-in packs as the organisation reads it (its changes applied, those switched off marked so). */
  standards: Standard[];
  nudgePolicy: NudgePolicy;
  mindOfMyOwn: z.infer<typeof MindOfMyOwnSchema>;
  /** Every setting of the registry, validated, defaults filled in. */
  settings: SettingValues;
}

/**
 * The organisation that validated settings describe: the calendar compiled, the
 * standards read as the organisation changed them. Pure (the calendar's compilation
 * aside): `heard config --dry-run` builds the organisation a change would give with it.
 *
 * @example
 * const next = organisationFrom({ ...org.settings, calendar: changedCalendar });
 */
export function organisationFrom(settings: SettingValues, builtIn: readonly Standard[] = loadBuiltInStandards()): Organisation {
  return {
    calendarConfig: settings.calendar,
    calendar: compiled(settings.calendar),
    packs: new Set(settings.packs),
    standards: applyOverrides(builtIn, settings.standards),
    nudgePolicy: settings['nudge-policy'],
    mindOfMyOwn: settings['mind-of-my-own'],
    settings,
  };
}

/** Compiled calendars by their configuration: compiling sixty years takes a moment, and a compiled calendar never changes. */
const calendars = new Map<string, WorkingCalendar>();

function compiled(config: CalendarConfig): WorkingCalendar {
  const key = JSON.stringify(config);
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size >= 8) calendars.delete(calendars.keys().next().value!);
    calendar = compileCalendar(config);
    calendars.set(key, calendar);
  }
  return calendar;
}

/**
 * Reads every setting of the registry from the store (defaults where unset), validated:
 * a malformed setting fails with the key, the path inside it and the problem.
 *
 * @example
 * const settings = await loadSettings(store.settings);
 */
export async function loadSettings(settings: SettingsRepository, builtIn: readonly Standard[] = loadBuiltInStandards()): Promise<SettingValues> {
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const key of SETTING_KEY_LIST) {
    const result = parseSetting(key, await settings.get(key), { standards: builtIn });
    if (!result.ok) throw new Error(`setting "${key}" is invalid: ${result.problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('; ')}`);
    values[key] = result.value;
  }
  return values as SettingValues;
}

/**
 * Reads the organisation's calendar, enabled packs, changed standards, nudge policy and
 * the other settings of the registry from the store (defaults where unset), validated: a
 * malformed setting fails with the key and the problem.
 *
 * @example
 * const org = await loadOrganisation(store.settings);
 */
export async function loadOrganisation(settings: SettingsRepository): Promise<Organisation> {
  const builtIn = loadBuiltInStandards();
  return organisationFrom(await loadSettings(settings, builtIn), builtIn);
}
