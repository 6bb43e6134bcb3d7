import { z } from 'zod';
import { EventMatchInputSchema, StopInputSchema, type EventMatch } from './event-match';

/**
 * The clocks of `time-semantics.md`. `before-event` only runs backward (due = the event).
 *
 * @example
 * CLOCKS.includes('working-hours'); // true
 */
export const CLOCKS = [
  'immediate',
  'hours',
  'working-hours',
  'working-days',
  'same-working-day',
  'calendar-days',
  'weeks',
  'months',
  'before-event',
] as const;

/** A clock name. @example const c: Clock = 'working-days'; */
export type Clock = (typeof CLOCKS)[number];

/** Clocks that take no amount. @example CLOCKS_WITHOUT_AMOUNT.has('immediate'); // true */
export const CLOCKS_WITHOUT_AMOUNT: ReadonlySet<Clock> = new Set<Clock>(['immediate', 'same-working-day', 'before-event']);

/** Clocks that may count backward from an event. @example BACKWARD_CLOCKS.has('working-days'); // true */
export const BACKWARD_CLOCKS: ReadonlySet<Clock> = new Set<Clock>([
  'working-days',
  'calendar-days',
  'weeks',
  'months',
  'before-event',
]);

const kebab = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be kebab-case (lower-case words joined by "-")');

/**
 * What a standard's breach leads to, where the document says so (e.g. momo 2.2: the
 * participation team contacts the worker, then the statement is reassigned to the
 * line manager).
 *
 * @example
 * EscalationSchema.parse({ action: 'reassign', to: 'line-manager', notify: ['participation-team'] });
 */
export const EscalationSchema = z
  .object({
    /** `notify`: tell `to`; `reassign`: move the work item to `to`. */
    action: z.enum(['notify', 'reassign']),
    /** A role, or `line-manager` / `duty-manager` relative to the owner. */
    to: kebab,
    /** Others told when the escalation happens. */
    notify: z.array(kebab).default([]),
  })
  .strict();

/** @example const e: Escalation = { action: 'notify', to: 'line-manager', notify: [] }; */
export type Escalation = z.infer<typeof EscalationSchema>;

/**
 * Where in a seed document a standard comes from. `quote` is the verbatim sentence(s);
 * `timescale` is the verbatim text of a timescale column, where the document has one.
 *
 * @example
 * SourceSchema.parse({ section: '2', ref: '2.1', quote: 'It must be downloaded or viewed within 7 working hours.' });
 */
export const SourceSchema = z
  .object({
    section: z.string().min(1),
    ref: z.string().min(1),
    quote: z.string().min(10),
    timescale: z.string().min(1).optional(),
  })
  .strict();

const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'must be an ISO 8601 instant with Z or an offset');

/**
 * A worked example: the trigger (or, for `before` standards, the event) and the due instant.
 *
 * @example
 * ExampleSchema.parse({ at: '2026-11-21T10:00:00Z', due: '2026-11-23T17:00:00Z' });
 */
export const ExampleSchema = z.object({ at: instant, due: instant, note: z.string().optional() }).strict();

/**
 * One standard as written in a pack file.
 *
 * @example
 * StandardSchema.parse({
 *   id: 'momo.2.1', title: 'Recipient downloads or views the statement', owner: 'recipient',
 *   subject: 'statement', trigger: 'statement-assigned', stop: 'statement-opened',
 *   clock: 'working-hours', amount: 7,
 *   source: { section: '2', ref: '2.1', quote: 'It must be downloaded or viewed within 7 working hours.' },
 * });
 */
export const StandardSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/, 'must look like "pack.section.number" (lower case, dot-separated)'),
    title: z.string().min(3),
    /** The role that must meet the standard. */
    owner: kebab,
    /** What the clock runs on: a statement, a child's case, or a member of staff. */
    subject: z.enum(['statement', 'case', 'staff']),
    /**
     * The event that starts the clock (for `before` standards: the event counted back
     * from): a type of the vocabulary, or `{type, details}` naming the qualifier values
     * that must match. Normalised to an {@link EventMatch}.
     */
    trigger: EventMatchInputSchema,
    /**
     * What meets the standard and stops the clock: `null` (nothing is recorded), one
     * match, or a list of matches of which any one meets it. Normalised to a list.
     */
    stop: StopInputSchema.default([]),
    clock: z.enum(CLOCKS),
    amount: z.number().int().min(1).nullable().default(null),
    direction: z.enum(['after', 'before']).default('after'),
    modifier: z.enum(['next-working-day-cob']).nullable().default(null),
    /** Recurring: the next due instant is the clock applied to the last occurrence. */
    recurring: z.boolean().default(false),
    /** Conditions (flags of the subject) under which the standard applies, e.g. `complaint`. */
    when: z.array(kebab).default([]),
    escalation: EscalationSchema.nullable().default(null),
    /** The reading chosen where the source sentence is ambiguous, in plain words. */
    interpretation: z.string().min(10).nullable().default(null),
    source: SourceSchema,
    /**
     * Worked examples worked out by hand from the sentence (on the default calendar,
     * England and Wales): the tests check the engine gives the same due instant. Every
     * standard with an `interpretation` has at least one, so the reading is tested.
     */
    examples: z.array(ExampleSchema).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.interpretation !== null && s.examples.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['examples'], message: 'a standard with an interpretation needs at least one worked example' });
    }
    for (const problem of clockRuleProblems(s)) ctx.addIssue({ code: 'custom', ...problem });
  });

/**
 * What is wrong with a clock rule — an amount missing or not wanted, a clock that cannot
 * count backward, a modifier on a backward clock — each at the field it concerns. Empty
 * when the rule is sound. The pack schema and an organisation's change of a standard's
 * reading both hold rules to this.
 *
 * @example
 * clockRuleProblems({ clock: 'working-days', amount: null, direction: 'after', modifier: null });
 * // [{ path: ['amount'], message: 'clock "working-days" needs a whole-number amount >= 1' }]
 */
export function clockRuleProblems(rule: { clock: Clock; amount: number | null; direction: 'after' | 'before'; modifier: string | null }): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const needsAmount = !CLOCKS_WITHOUT_AMOUNT.has(rule.clock);
  if (needsAmount && rule.amount === null) problems.push({ path: ['amount'], message: `clock "${rule.clock}" needs a whole-number amount >= 1` });
  if (!needsAmount && rule.amount !== null) problems.push({ path: ['amount'], message: `clock "${rule.clock}" takes no amount; use null` });
  if (rule.direction === 'before' && !BACKWARD_CLOCKS.has(rule.clock)) problems.push({ path: ['clock'], message: `clock "${rule.clock}" cannot count backward from an event` });
  if (rule.clock === 'before-event' && rule.direction !== 'before') problems.push({ path: ['direction'], message: 'clock "before-event" needs direction "before"' });
  if (rule.direction === 'before' && rule.modifier !== null) problems.push({ path: ['modifier'], message: 'a modifier only applies to clocks counting forward' });
  return problems;
}

/** A standard as written in a pack file. @example const s: StandardInput = StandardSchema.parse(raw); */
export type StandardInput = z.infer<typeof StandardSchema>;

/**
 * A pack file: the standards one seed document sets.
 *
 * @example
 * PackSchema.parse({ id: 'momo', title: 'Mind Of My Own practice standards', document: '000_61132f3a5eb56019.txt', standards: [] });
 */
export const PackSchema = z
  .object({
    id: kebab,
    title: z.string().min(3),
    /** The seed document's file name, e.g. `000_61132f3a5eb56019.txt`. */
    document: z.string().regex(/^[\w.-]+\.txt$/, 'must be a seed document file name'),
    description: z.string().optional(),
    standards: z.array(StandardSchema),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.standards.forEach((s, i) => {
      if (!s.id.startsWith(`${p.id}.`)) {
        ctx.addIssue({ code: 'custom', path: ['standards', i, 'id'], message: `id "${s.id}" must start with "${p.id}."` });
      }
      if (seen.has(s.id)) {
        ctx.addIssue({ code: 'custom', path: ['standards', i, 'id'], message: `duplicate id "${s.id}"` });
      }
      seen.add(s.id);
    });
  });

/** A validated pack. @example const p: Pack = PackSchema.parse(raw); */
export type Pack = z.infer<typeof PackSchema>;

/**
 * A standard as the rest of Heard sees it: the pack's fields plus the pack id and the
 * document name on its source, with its trigger and stops normalised: `trigger` is one
 * {@link EventMatch}; `stops` lists the matches of which any one meets it (empty when
 * the document names nothing that does).
 *
 * @example
 * const s: Standard = loadBuiltInStandards().find((x) => x.id === 'momo.2.1')!;
 * s.trigger; // { type: 'statement-assigned', details: {} }
 * s.stops;   // [{ type: 'statement-opened', details: {} }]
 */
export type Standard = Omit<StandardInput, 'source' | 'trigger' | 'stop'> & {
  pack: string;
  trigger: EventMatch;
  stops: readonly EventMatch[];
  /** `document` is the seed file's name (for tools); `documentTitle` the pack's title, as people see the source. */
  source: StandardInput['source'] & { document: string; documentTitle: string };
  /**
   * Present when the organisation changed this standard's reading (its setting
   * `standards`): then `clock`, `amount` and `interpretation` above are the
   * organisation's, and this keeps the pack's beside them with the reason. The source
   * sentence never changes.
   */
  override?: ReadingOverride;
};

/**
 * An organisation's change of a standard: switched off, or read differently (clock,
 * amount, interpretation), always with the reason it gave; `pack` is the reading the pack
 * encodes, so both can be shown.
 *
 * @example
 * const o: ReadingOverride = { disabled: false, reason: 'Cabinet decision 14/2026: five working hours', pack: { clock: 'working-hours', amount: 7, interpretation: null } };
 */
export interface ReadingOverride {
  disabled: boolean;
  reason: string;
  pack: { clock: Clock; amount: number | null; interpretation: string | null };
}
