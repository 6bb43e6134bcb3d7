import fc from 'fast-check';
import { dueInstant, type ClockRule } from '../standards/due-instant';
import { formatInstant } from '../standards/instant';
import { compileCalendar } from '../standards/working-calendar';
import { referenceDue, type RefDivision } from './reference-clock';

/**
 * The fast engine (a precomputed day table) against a naive reference that walks
 * minute by minute and day by day, over triggers in 2024–2028 weighted towards the
 * boundaries: 09:00, 17:00, a second either side, midnight, and BST change weekends.
 */
const DIVISIONS: RefDivision[] = ['england-and-wales', 'scotland', 'northern-ireland'];
const calendars = Object.fromEntries(DIVISIONS.map((d) => [d, compileCalendar({ division: d }, { from: 2023, to: 2031 })]));

const START = Date.UTC(2024, 0, 1) / 1000;
const DAYS = 5 * 365 + 1;
const BOUNDARY_MINUTES = [0, 8 * 60 + 59, 9 * 60, 9 * 60 + 1, 12 * 60, 16 * 60 + 59, 17 * 60, 17 * 60 + 1, 23 * 60 + 59];

const trigger = fc
  .tuple(fc.integer({ min: 0, max: DAYS - 1 }), fc.oneof(fc.constantFrom(...BOUNDARY_MINUTES), fc.integer({ min: 0, max: 1439 })), fc.constantFrom(0, 0, 0, -3600))
  .map(([day, minute, shift]) => START + day * 86400 + minute * 60 + shift);

const forward = (clock: ClockRule['clock'], max: number, modifier: ClockRule['modifier'] = null) =>
  fc.integer({ min: 1, max }).map((amount): ClockRule => ({ clock, amount, direction: 'after', modifier }));
const backward = (clock: ClockRule['clock'], max: number) =>
  fc.integer({ min: 1, max }).map((amount): ClockRule => ({ clock, amount, direction: 'before', modifier: null }));

const rules: fc.Arbitrary<ClockRule> = fc.oneof(
  forward('working-hours', 40),
  forward('working-hours', 8, 'next-working-day-cob'),
  forward('working-days', 30),
  forward('working-days', 3, 'next-working-day-cob'),
  fc.constant<ClockRule>({ clock: 'same-working-day', amount: null, direction: 'after', modifier: null }),
  forward('calendar-days', 120),
  forward('weeks', 12),
  forward('months', 24),
  forward('hours', 96),
  backward('working-days', 30),
  backward('calendar-days', 60),
  backward('weeks', 8),
);

describe('the fast engine agrees with the naive reference', () => {
  it('on 10,000 random triggers and clocks over 2024–2028, all three divisions', () => {
    fc.assert(
      fc.property(rules, trigger, fc.constantFrom(...DIVISIONS), (rule, t, division) => {
        const fast = formatInstant(dueInstant(rule, t, calendars[division]));
        const slow = formatInstant(referenceDue(rule, t, division));
        return fast === slow;
      }),
      { numRuns: 10_000, seed: Number(process.env.HEARD_PROPERTY_SEED ?? 20261122) },
    );
  });
});
