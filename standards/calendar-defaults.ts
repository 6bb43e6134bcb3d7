/*
 * The calendar's fixed vocabulary and defaults (time-semantics.md, "Calendars"), kept
 * apart from the zod schema in calendar-config.ts that applies them, so that code which
 * only needs a division's default calendar (`heard due`) starts without loading zod.
 */

/** The bank-holiday divisions of the United Kingdom. @example BANK_HOLIDAY_DIVISIONS[0]; // 'england-and-wales' */
export const BANK_HOLIDAY_DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;

/** A bank-holiday division. @example const d: Division = 'scotland'; */
export type Division = (typeof BANK_HOLIDAY_DIVISIONS)[number];

/** The zone of a calendar that names none. @example DEFAULT_ZONE; // 'Europe/London' */
export const DEFAULT_ZONE = 'Europe/London';

/** Working hours of a weekday a calendar leaves out. @example DEFAULT_WORKING_DAY; // [['09:00', '17:00']] */
export const DEFAULT_WORKING_DAY: [string, string][] = [['09:00', '17:00']];
