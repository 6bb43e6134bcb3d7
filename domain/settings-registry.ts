import { z } from 'zod';
import { BUILT_IN_PACK_IDS, CalendarConfigSchema, type Standard } from '../standards';
import { NudgePolicySchema } from './nudge-policy';
import { standardOverridesSchema } from './standard-overrides';

/**
 * Every setting an administrator may change, in one registry: its key in the store, what
 * it is, the zod schema its value must pass (with the defaults an unset setting takes),
 * and what a change moves — open deadlines, the nudges planned, or nothing already
 * running. `heard config`, the Teams admin card and `loadOrganisation` all read settings
 * through it; a new setting joins by adding an entry here.
 */

/** What a setting's schema may check a value against: the standards of the built-in packs. */
export interface SettingContext {
  standards: readonly Standard[];
}

/**
 * What a change of the setting does to what is already running: `deadlines` — open
 * obligations' due instants are worked out again (and their nudges); `nudges` — only
 * their next nudges; `nothing` — it applies to what happens next.
 *
 * @example const m: SettingMoves = 'deadlines';
 */
export type SettingMoves = 'deadlines' | 'nudges' | 'nothing';

/** One setting: key, words for people, schema, and what a change moves. */
export interface SettingDefinition<T> {
  key: string;
  title: string;
  /** One sentence: what it decides. */
  about: string;
  moves: SettingMoves;
  /** Validates a value; an unset setting (`undefined`) gets its defaults. */
  schema(context: SettingContext): z.ZodType<T>;
}

function setting<T>(definition: SettingDefinition<T>): SettingDefinition<T> {
  return definition;
}

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

/** The packs enabled when an administrator has chosen none: the Mind Of My Own standards. */
export const DEFAULT_PACKS = ['momo'] as const;

const PacksSchema = z
  .array(z.enum(BUILT_IN_PACK_IDS, { message: `must be one of ${BUILT_IN_PACK_IDS.join(', ')}` }))
  .min(1, 'enable at least one standards pack')
  .refine((packs) => new Set(packs).size === packs.length, 'name each pack once')
  .default([...DEFAULT_PACKS]);

/**
 * How long Heard keeps a statement's PDF once the worker has recorded it saved to the
 * case record (setting `retention`): `pdfDays` days, 0 for at once, `null` to keep it.
 * The audit trail is kept either way.
 *
 * @example
 * RetentionSchema.parse({ pdfDays: 30 }); // { pdfDays: 30 }
 */
export const RetentionSchema = z
  .object({
    pdfDays: z.number().int('must be a whole number of days').min(0, 'must be 0 (at once) or more days').max(3650, 'at most 3650 days (ten years)').nullable().default(null),
  })
  .strict();

/**
 * The registry. Keys are the store's setting keys.
 *
 * @example
 * SETTINGS.calendar.schema({ standards }).parse({ division: 'scotland' });
 */
export const SETTINGS = {
  calendar: setting({
    key: 'calendar',
    title: 'Calendar',
    about: 'Time zone, working hours per weekday, bank-holiday division, closure dates and one-off holidays: what every working-time deadline counts.',
    moves: 'deadlines',
    schema: () => CalendarConfigSchema.prefault({}),
  }),
  packs: setting({
    key: 'packs',
    title: 'Standards packs',
    about: 'The packs whose standards open clocks. Switching one off closes its open clocks; switching one on starts clocks from the next event.',
    moves: 'deadlines',
    schema: () => PacksSchema,
  }),
  standards: setting({
    key: 'standards',
    title: 'Standards changed by the council',
    about: "Standards switched off, or read with another clock, amount or interpretation, each with its reason; the pack's reading and source sentence stay beside it.",
    moves: 'deadlines',
    schema: (context) => standardOverridesSchema(context.standards).default({}),
  }),
  'nudge-policy': setting({
    key: 'nudge-policy',
    title: 'Nudge policy',
    about: 'When owners are reminded (shares of the allowed working time, at the due instant), whether breaches escalate, and per-standard departures.',
    moves: 'nudges',
    schema: () => NudgePolicySchema.prefault({}),
  }),
  'mind-of-my-own': setting({
    key: 'mind-of-my-own',
    title: 'Mind Of My Own contacts',
    about: "Where the duty manager's deletion request for an unidentified young person is sent.",
    moves: 'nothing',
    schema: () => MindOfMyOwnSchema.prefault({}),
  }),
  retention: setting({
    key: 'retention',
    title: 'Retention',
    about: "How many days a statement's PDF is kept once it is saved to the case record (null: kept); the audit trail is always kept.",
    moves: 'nothing',
    schema: () => RetentionSchema.prefault({}),
  }),
} as const;

/** @example const k: SettingKey = 'calendar'; */
export type SettingKey = keyof typeof SETTINGS;

/** Every setting key, in the order `heard config show` lists them. @example SETTING_KEY_LIST[0]; // 'calendar' */
export const SETTING_KEY_LIST = Object.keys(SETTINGS) as SettingKey[];

/** The value a setting holds once validated (defaults filled in). */
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K] extends SettingDefinition<infer T> ? T : never;

/** Every setting's validated value. @example const v: SettingValues = parseSettings(raw, { standards }).values; */
export type SettingValues = { [K in SettingKey]: SettingValue<K> };

/**
 * Whether `key` names a setting of the registry.
 *
 * @example
 * isSettingKey('calendar'); // true
 * isSettingKey('digest-opt-in:p_sam'); // false: a person's own preference, not the organisation's
 */
export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

/**
 * One problem with a setting's value: the setting, where inside it, and what is wrong.
 *
 * @example
 * const p: SettingProblem = { key: 'calendar', path: 'closures.0.date', message: 'must be a real date YYYY-MM-DD' };
 */
export interface SettingProblem {
  key: string;
  path: string;
  message: string;
}

/**
 * Validates one setting's raw value (`null` or `undefined`: unset, so its defaults).
 *
 * @example
 * parseSetting('retention', { pdfDays: -1 }, { standards });
 * // { ok: false, problems: [{ key: 'retention', path: 'pdfDays', message: 'must be 0 (at once) or more days' }] }
 */
export function parseSetting<K extends SettingKey>(
  key: K,
  raw: unknown,
  context: SettingContext,
): { ok: true; value: SettingValue<K> } | { ok: false; problems: SettingProblem[] } {
  const parsed = (SETTINGS[key] as SettingDefinition<SettingValue<K>>).schema(context).safeParse(raw ?? undefined);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => ({ key, path: i.path.map(String).join('.'), message: i.message })) };
}

/**
 * Validates every setting of the registry from their raw values (as stored, or as a
 * configuration file gives them); unset ones take their defaults.
 *
 * @example
 * const result = parseSettings({ calendar: { division: 'scotland' } }, { standards });
 * if (result.ok) result.values.packs; // ['momo']
 */
export function parseSettings(raw: Partial<Record<SettingKey, unknown>>, context: SettingContext): { ok: true; values: SettingValues } | { ok: false; problems: SettingProblem[] } {
  const values: Partial<Record<SettingKey, unknown>> = {};
  const problems: SettingProblem[] = [];
  for (const key of SETTING_KEY_LIST) {
    const result = parseSetting(key, raw[key], context);
    if (result.ok) values[key] = result.value;
    else problems.push(...result.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: values as SettingValues };
}

/**
 * A problem as one line: `calendar: closures.0.date: must be a real date YYYY-MM-DD`.
 *
 * @example
 * problemLine({ key: 'packs', path: '', message: 'enable at least one standards pack' }); // 'packs: enable at least one standards pack'
 */
export function problemLine(p: SettingProblem): string {
  return p.path === '' ? `${p.key}: ${p.message}` : `${p.key}: ${p.path}: ${p.message}`;
}
