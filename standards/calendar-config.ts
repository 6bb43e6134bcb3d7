import { z } from 'zod';
import { minutesOfDay, parseCivilDate } from './civil-date';
import { BANK_HOLIDAY_DIVISIONS, DEFAULT_WORKING_DAY, DEFAULT_ZONE } from './calendar-defaults';
import { isKnownTimeZone } from './zone-offsets';

// The divisions and minutesOfDay live in modules without zod, so that `heard due` starts
// without loading it; they are still exported from here, where callers look for them.
export { BANK_HOLIDAY_DIVISIONS, type Division } from './calendar-defaults';
export { minutesOfDay } from './civil-date';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM (00:00–24:00)');
const localDate = z.string().refine((s) => parseCivilDate(s) !== null, 'must be a real date YYYY-MM-DD');

const intervals = z
  .array(z.tuple([hhmm, hhmm]))
  .superRefine((list, ctx) => {
    let previousEnd = -1;
    list.forEach(([start, end], i) => {
      if (minutesOfDay(start) >= minutesOfDay(end)) ctx.addIssue({ code: 'custom', path: [i], message: `interval ${start}–${end} must start before it ends` });
      if (minutesOfDay(start) < previousEnd) ctx.addIssue({ code: 'custom', path: [i], message: `interval ${start}–${end} overlaps or is out of order` });
      previousEnd = minutesOfDay(end);
    });
  });

/** A date listed twice is a slip (two names for one closure): each date once. */
function onceEach(list: { date: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach(({ date }, i) => {
    if (seen.has(date)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `${date} is listed already` });
    seen.add(date);
  });
}

/**
 * An organisation's working calendar (see time-semantics.md, "Calendars"). Every field
 * has the default of the spec, so `{}` is the default calendar.
 *
 * @example
 * CalendarConfigSchema.parse({ week: { fri: [['09:00', '16:30']] } }).week.fri; // [['09:00', '16:30']]
 */
export const CalendarConfigSchema = z
  .object({
    zone: z.string().refine(isKnownTimeZone, 'must be an IANA time zone such as Europe/London').default(DEFAULT_ZONE),
    week: z
      .object({
        mon: intervals,
        tue: intervals,
        wed: intervals,
        thu: intervals,
        fri: intervals,
        sat: intervals,
        sun: intervals,
      })
      .strict()
      .partial()
      .default({})
      .transform((w) => ({
        mon: w.mon ?? DEFAULT_WORKING_DAY,
        tue: w.tue ?? DEFAULT_WORKING_DAY,
        wed: w.wed ?? DEFAULT_WORKING_DAY,
        thu: w.thu ?? DEFAULT_WORKING_DAY,
        fri: w.fri ?? DEFAULT_WORKING_DAY,
        sat: w.sat ?? [],
        sun: w.sun ?? [],
      })),
    division: z.enum(BANK_HOLIDAY_DIVISIONS).default('england-and-wales'),
    /** The organisation's own closure dates (e.g. 24 Dec). */
    closures: z.array(z.object({ date: localDate, name: z.string().min(1).default('Organisation closure') }).strict()).superRefine(onceEach).default([]),
    /** One-off bank holidays announced after this release, added by an administrator. */
    extraHolidays: z.array(z.object({ date: localDate, name: z.string().min(1) }).strict()).superRefine(onceEach).default([]),
  })
  .strict();

/** A validated calendar configuration. @example const c: CalendarConfig = CalendarConfigSchema.parse({}); */
export type CalendarConfig = z.output<typeof CalendarConfigSchema>;

/** The input form (defaults optional). @example const c: CalendarConfigInput = { division: 'scotland' }; */
export type CalendarConfigInput = z.input<typeof CalendarConfigSchema>;
