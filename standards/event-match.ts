import { z } from 'zod';

/**
 * What a standard's trigger or stop must see: an event type of the vocabulary
 * (`vocabulary.yaml`) and, for some of its qualifiers, the values accepted. An event
 * matches when its type is `type` and, for every key of `details`, the event carries that
 * key with one of the accepted values. Keys the match does not name are not looked at.
 *
 * A value written `N+` (digits then `+`) accepts every whole number from N upward, for
 * count qualifiers such as `ordinal` (`"2+"`: the second and every later review).
 *
 * @example
 * const m: EventMatch = { type: 'visit-completed', details: { kind: ['cic'] } };
 */
export interface EventMatch {
  readonly type: string;
  readonly details: Readonly<Record<string, readonly string[]>>;
}

/**
 * An event as far as matching needs it: its type and its qualifiers as sent (strings,
 * booleans or numbers; a list means the event carries each of those values).
 *
 * @example
 * const e: MatchableEvent = { type: 'visit-completed', details: { kind: 'cic', seenAlone: true } };
 */
export interface MatchableEvent {
  readonly type: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

const kebab = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be kebab-case (lower-case words joined by "-")');

/** A qualifier key: camelCase, as in the event envelope. @example QUALIFIER_KEY.test('seenAlone'); // true */
export const QUALIFIER_KEY = /^[a-z][a-zA-Z0-9]*$/;

/** YAML gives `true`, `3` where the packs mean the strings `"true"`, `"3"`: one form for all. */
const scalar = z.union([z.string().min(1), z.boolean(), z.number()]).transform((v) => String(v));

/**
 * A trigger or stop as written in a pack: a type name alone, or `{type, details}` whose
 * `details` maps a qualifier key to one accepted value or a list of them. Parses to the
 * normalised {@link EventMatch} (every value a string, every entry a list).
 *
 * @example
 * EventMatchInputSchema.parse('cp-conference-held'); // { type: 'cp-conference-held', details: {} }
 * EventMatchInputSchema.parse({ type: 'review-held', details: { type: 'cic', ordinal: 1 } });
 * // { type: 'review-held', details: { type: ['cic'], ordinal: ['1'] } }
 */
export const EventMatchInputSchema = z.union([
  kebab.transform((type): EventMatch => ({ type, details: {} })),
  z
    .object({
      type: kebab,
      details: z
        .record(
          z.string().regex(QUALIFIER_KEY, 'a qualifier key is camelCase, e.g. "seenAlone"'),
          z.union([scalar.transform((v) => [v]), z.array(scalar).min(1, 'list at least one accepted value')]),
        )
        .default({}),
    })
    .strict()
    .transform((m): EventMatch => ({ type: m.type, details: m.details })),
]);

/**
 * A standard's stop as written: none (`null`), one match, or a list of matches of which
 * any one meets the standard (`dta-step-down.4`: "TAF Meeting or Home Visit"). Parses to
 * a list (empty for none).
 *
 * @example
 * StopInputSchema.parse(null); // []
 * StopInputSchema.parse(['meeting-held', 'visit-completed']).length; // 2
 */
export const StopInputSchema = z
  .union([z.null(), EventMatchInputSchema, z.array(EventMatchInputSchema)])
  .transform((s): EventMatch[] => (s === null ? [] : Array.isArray(s) ? s : [s]));

function eventValues(value: unknown): string[] | null {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v) => eventValues(v) ?? []);
  return null;
}

/** Whether one accepted value (`"cic"`, `"2+"`) admits one value the event carries. */
function admits(accepted: string, value: string): boolean {
  if (accepted === value) return true;
  const atLeast = /^(\d+)\+$/.exec(accepted);
  return atLeast !== null && /^\d+$/.test(value) && Number(value) >= Number(atLeast[1]);
}

/**
 * Whether `event` meets `match`: the same type, and for every qualifier the match names,
 * a value the event carries among those accepted.
 *
 * @example
 * eventMatches({ type: 'review-held', details: { type: ['cic'], ordinal: ['2+'] } },
 *   { type: 'review-held', details: { type: 'cic', ordinal: 3 } }); // true
 */
export function eventMatches(match: EventMatch, event: MatchableEvent): boolean {
  if (match.type !== event.type) return false;
  // for…in, not Object.entries: this runs for every standard an event could touch.
  for (const key in match.details) {
    const accepted = match.details[key];
    const values = eventValues(event.details?.[key]);
    if (!values || !values.some((v) => accepted.some((a) => admits(a, v)))) return false;
  }
  return true;
}

/**
 * A match in one line, the way the packs README writes them:
 * `review-held{type=cic, ordinal=2+}`, `meeting-scheduled{type=icpc|rcpc}`.
 *
 * @example
 * formatEventMatch({ type: 'visit-completed', details: { kind: ['cic'] } }); // 'visit-completed{kind=cic}'
 */
export function formatEventMatch(match: EventMatch): string {
  const keys = Object.entries(match.details);
  if (keys.length === 0) return match.type;
  return `${match.type}{${keys.map(([k, v]) => `${k}=${v.join('|')}`).join(', ')}}`;
}
