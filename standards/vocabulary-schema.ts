import { z } from 'zod';
import { EventMatchInputSchema, QUALIFIER_KEY } from './event-match';

/**
 * The schema of `vocabulary.yaml`: every event type a trigger or stop may name, with its
 * qualifiers and their documented values; every condition a `when` may test; every role
 * that may own a standard. `case-events.md` is the contract it extends ("Developers may
 * add types or qualifier values; each one is documented in the repository beside the
 * packs"); `packs/VOCABULARY.md` is this file for people.
 */

const kebab = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be kebab-case (lower-case words joined by "-")');

const meaning = z.string().min(8, 'say what it means in a sentence');

/** What a record can be about: a child's case, a member of staff, a statement. @example SUBJECTS[0]; // 'case' */
export const SUBJECTS = ['case', 'staff', 'statement'] as const;

/** @example const s: Subject = 'case'; */
export type Subject = (typeof SUBJECTS)[number];

const subjects = z.array(z.enum(SUBJECTS)).min(1);

/**
 * One qualifier of an event type (a key of the envelope's `details`):
 * - `enum`: one of `values` (a pack may only accept documented values);
 * - `boolean`: `true` or `false`;
 * - `count`: a whole number (a pack may accept `N` or `N+`, N and above);
 * - `text`: free text such as an e-mail address or an id, never matched by a pack.
 * `derived` says how Heard works the value out when the sender leaves it out.
 *
 * @example
 * QualifierSchema.parse({ meaning: 'Whether the child was seen alone.', kind: 'boolean' });
 */
export const QualifierSchema = z
  .object({
    meaning,
    kind: z.enum(['enum', 'boolean', 'count', 'text']),
    values: z.record(kebab, z.string().min(3)).optional(),
    derived: meaning.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.kind === 'enum' && (!q.values || Object.keys(q.values).length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'an enum qualifier documents its values' });
    }
    if (q.kind !== 'enum' && q.values) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `a ${q.kind} qualifier has no list of values` });
    }
  });

/** @example const q: Qualifier = { meaning: 'Whether the child was seen alone.', kind: 'boolean' }; */
export type Qualifier = z.infer<typeof QualifierSchema>;

/**
 * Where an event comes from:
 * - `received`: sent by the case system or recorded in Teams, through the case-event intake;
 * - `derived`: worked out by Heard from the case (e.g. `birthday` from the date of birth).
 *   The intake refuses it: a case system never sends it;
 * - `statement`: a step of a Mind Of My Own statement's life in Heard, not a case event.
 *
 * @example ORIGINS.includes('derived'); // true
 */
export const ORIGINS = ['received', 'derived', 'statement'] as const;

/** @example const o: Origin = 'received'; */
export type Origin = (typeof ORIGINS)[number];

/**
 * One event type: what it means, where it comes from, what it can be about, whether it
 * is known in advance (`scheduled`: it carries `scheduledFor`, or Heard knows it ahead,
 * so standards may count back from it), and its qualifiers.
 *
 * @example
 * EventTypeSchema.parse({ meaning: 'A case was closed in the case system.', origin: 'received', subjects: ['case'] });
 */
export const EventTypeSchema = z
  .object({
    meaning,
    origin: z.enum(ORIGINS),
    subjects,
    scheduled: z.boolean().default(false),
    /** For a derived event: exactly when Heard generates it and with what qualifiers. */
    derivation: meaning.optional(),
    qualifiers: z.record(z.string().regex(QUALIFIER_KEY, 'a qualifier key is camelCase'), QualifierSchema).default({}),
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.origin === 'derived') !== (e.derivation !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['derivation'], message: 'a derived event (and only a derived event) says how Heard derives it' });
    }
  });

/** @example const e: EventType = vocabulary.events['visit-completed']; */
export type EventType = z.infer<typeof EventTypeSchema>;

/** The clocks a derived condition may measure a period with (time-semantics.md, forward). */
const periodClock = z.enum(['same-working-day', 'working-days', 'calendar-days', 'weeks', 'months']);

/**
 * How a derived condition is worked out at an instant t on a case (or staff subject):
 * - `age`: the child's age in whole years on t's local date is at least `atLeast` and
 *   below `below` (a child born on 29 February turns a year older on 1 March in other
 *   years); never holds while the case has no date of birth;
 * - `within` / `after`: take the latest event matching `since` at or before t; the
 *   condition holds when t is before (`within`) or at or after (`after`) the due instant
 *   of `clock` and `amount` counted forward from it; never holds without such an event;
 * - `none` / `some`: no event (at least one event) matching the match occurred after the
 *   latest event matching `since` and at or before t; without `since`, over the case's
 *   history since it was last opened (`case-opened`).
 *
 * @example
 * DerivedRuleSchema.parse({ age: { below: 5 } });
 */
export const DerivedRuleSchema = z.union([
  z
    .object({
      age: z
        .object({ atLeast: z.number().int().min(0).optional(), below: z.number().int().min(1).optional() })
        .strict()
        .refine((a) => a.atLeast !== undefined || a.below !== undefined, 'give atLeast, below or both'),
    })
    .strict(),
  z
    .object({
      within: z
        .object({ since: EventMatchInputSchema, clock: periodClock, amount: z.number().int().min(1).optional() })
        .strict(),
    })
    .strict(),
  z
    .object({
      after: z
        .object({ since: EventMatchInputSchema, clock: periodClock, amount: z.number().int().min(1).optional() })
        .strict(),
    })
    .strict(),
  z.object({ none: EventMatchInputSchema, since: EventMatchInputSchema.optional() }).strict(),
  z.object({ some: EventMatchInputSchema, since: EventMatchInputSchema.optional() }).strict(),
]);

/** @example const r: DerivedRule = { age: { atLeast: 5 } }; */
export type DerivedRule = z.infer<typeof DerivedRuleSchema>;

/**
 * One condition a standard's `when` may test:
 * - `flag`: a status flag held on the case (or staff subject): set and cleared explicitly
 *   by `case-status-changed`, and by the events listed in `setBy` / `clearedBy`;
 * - `derived`: worked out by Heard at the instant it is tested, by `rule`;
 * - `statement`: a condition of a statement (the statement engine works it out).
 * Any condition may be tested negated as `not-<name>`.
 *
 * @example
 * ConditionSchema.parse({ meaning: 'The child is looked after by the local authority.', kind: 'flag', subjects: ['case'] });
 */
export const ConditionSchema = z
  .object({
    meaning,
    kind: z.enum(['flag', 'derived', 'statement']),
    subjects,
    setBy: z.array(EventMatchInputSchema).default([]),
    clearedBy: z.array(EventMatchInputSchema).default([]),
    rule: DerivedRuleSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.kind === 'derived') !== (c.rule !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['rule'], message: 'a derived condition (and only a derived condition) has a rule' });
    }
    if (c.kind !== 'flag' && (c.setBy.length > 0 || c.clearedBy.length > 0)) {
      ctx.addIssue({ code: 'custom', path: ['setBy'], message: 'only a flag is set or cleared by events' });
    }
  });

/** @example const c: Condition = vocabulary.conditions['looked-after']; */
export type Condition = z.infer<typeof ConditionSchema>;

/**
 * How the person who must meet a standard is found:
 * - `allocation`: the person the case system (or Teams) allocates to that role on the
 *   case with `case-allocated`; a reallocation moves the open obligations;
 * - `derived`: worked out from the case or the triggering event (see the role's meaning);
 * - `team`: a team: the obligation sits with the team, not one person;
 * - `external`: someone outside the council (an agency, an employer, the young person):
 *   no one in the council owns it; it is a period to show, owned like a team's;
 * - `staff`: relative to the staff subject (e.g. their line manager);
 * - `statement`: relative to a statement (e.g. its recipient).
 *
 * @example ROLE_KINDS.includes('team'); // true
 */
export const ROLE_KINDS = ['allocation', 'derived', 'team', 'external', 'staff', 'statement'] as const;

/**
 * One owner role.
 *
 * @example
 * RoleSchema.parse({ meaning: 'The allocated social worker of the case.', kind: 'allocation', subjects: ['case'] });
 */
export const RoleSchema = z.object({ meaning, kind: z.enum(ROLE_KINDS), subjects }).strict();

/** @example const r: Role = vocabulary.roles['social-worker']; */
export type Role = z.infer<typeof RoleSchema>;

/**
 * How a meeting type of `meeting-scheduled` is reported once held: reviews, conferences
 * and core groups by their own types, other meetings by `meeting-held` (case-events.md).
 *
 * @example
 * MeetingSchema.parse({ heldAs: { type: 'review-held', details: { type: 'cic' } } });
 */
export const MeetingSchema = z.object({ heldAs: EventMatchInputSchema }).strict();

/**
 * The whole vocabulary file.
 *
 * @example
 * VocabularySchema.parse(yaml.parse(fs.readFileSync('standards/vocabulary.yaml', 'utf8')));
 */
export const VocabularySchema = z
  .object({
    version: z.literal(1),
    events: z.record(kebab, EventTypeSchema),
    conditions: z.record(kebab, ConditionSchema),
    roles: z.record(kebab, RoleSchema),
    meetings: z.record(kebab, MeetingSchema),
  })
  .strict();

/** The vocabulary as parsed. @example const v: VocabularyData = VocabularySchema.parse(raw); */
export type VocabularyData = z.infer<typeof VocabularySchema>;
