import type { EventMatch, Standard } from '../standards';
import { conditionOf, dueInstant, eventMatches, formatInstant, parseInstant } from '../standards';
import { calendar, caseWorld, person, standards, vocabulary } from './case-world';

/**
 * Every recurring chain and every family of standards counted back from a meeting or a
 * date, run on the real engine and store, each test named by its standard and the
 * sentence it encodes. A case is set up so the standard's conditions hold (its flags set,
 * a placement or a date of birth where a derived condition needs one, its owner role
 * allocated), then:
 * - a chain: its trigger opens the first obligation; a stop before the deadline meets it
 *   on time and opens the next from that instant; a stop after the next deadline meets
 *   that one late and opens the one after;
 * - a standard before a meeting (or a date the court or custody sets): scheduling opens it,
 *   due by the clock counted back; scheduling it again moves it; a meeting cancelled
 *   closes it as cancelled.
 */

const DAY = 86_400;
const T = parseInstant('2026-06-01T10:00:00Z');
const SETUP = T - 500 * DAY;
const OWNER = 'owner@council.example';
const STAFF = 'staff.member@council.example';
const PEOPLE = [person('p_owner', OWNER), person('p_staff', STAFF, 'p_owner')];
const PACKS = ['momo', 'yjs', 'childrens-services', 'core-practice'];
/** Late enough that two yearly cycles from T have happened. */
const NOW = '2029-01-01T00:00:00Z';

const iso = (t: number) => formatInstant(t);
let counter = 0;

/** An event that meets a match: its type and, for each qualifier it names, the first value it accepts. */
function eventOf(match: EventMatch, at: number, subject: Standard['subject'], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(match.details)) {
    const kind = vocabulary.events[match.type].qualifiers[key]?.kind;
    const value = values[0].replace(/\+$/, '');
    details[key] = kind === 'boolean' ? value === 'true' : kind === 'count' ? Number(value) : value;
  }
  if (match.type === 'case-allocated') details.person ??= OWNER;
  if (match.type === 'case-allocated') details.role ??= 'social-worker';
  if (match.type === 'meeting-cancelled') details.meetingId ??= `M-${counter}`;
  if (match.type === 'date-set') details.what ??= 'release';
  const who = subject === 'staff' ? { subject: STAFF } : { caseRef: 'C-1', childInitials: 'AB' };
  return { eventId: `E-${++counter}`, source: 'lcs', ...who, type: match.type, occurredAt: iso(at), details, ...extra };
}

const simple = (type: string, details: Record<string, unknown> = {}): EventMatch => ({
  type,
  details: Object.fromEntries(Object.entries(details).map(([k, v]) => [k, [String(v)]])),
});

/** Events that make a derived condition hold at T (each once, before T); an event of the trigger's type is left to the trigger. */
const DERIVED_SETUP: Record<string, () => { match: EventMatch; at: number }[]> = {
  'aged-under-5': () => [],
  'aged-5-and-over': () => [],
  'aged-14-and-over': () => [],
  'aged-18-to-21': () => [],
  'aged-under-22': () => [],
  'placement-day': () => [{ match: simple('placement-started', { type: 'foster', firstOfEpisode: true }), at: T - 3600 }],
  'placement-first-year': () => [{ match: simple('placement-started', { type: 'foster', firstOfEpisode: true }), at: T - 30 * DAY }],
  'placement-after-first-year': () => [{ match: simple('placement-started', { type: 'foster', firstOfEpisode: true }), at: T - 400 * DAY }],
  'within-four-weeks-of-placement-move': () => [{ match: simple('placement-started', { type: 'foster', firstOfEpisode: false }), at: T - 7 * DAY }],
  'arrangement-first-year': () => [{ match: simple('contact-received', { service: 'private-fostering', kind: 'notification' }), at: T - 30 * DAY }],
  'arrangement-after-first-year': () => [{ match: simple('contact-received', { service: 'private-fostering', kind: 'notification' }), at: T - 400 * DAY }],
  'looked-after-a-year-or-more': () => [{ match: simple('child-became-looked-after', { legalStatus: 'care-order' }), at: T - 400 * DAY }],
  'before-first-cic-review': () => [{ match: simple('child-became-looked-after', { legalStatus: 's20' }), at: T - 30 * DAY }],
  'after-first-cic-review': () => [
    { match: simple('child-became-looked-after', { legalStatus: 's20' }), at: T - 60 * DAY },
    { match: simple('review-held', { type: 'cic' }), at: T - 30 * DAY },
  ],
  'before-first-adoption-review': () => [{ match: simple('placement-started', { type: 'adoptive', firstOfEpisode: false }), at: T - 30 * DAY }],
  'after-first-adoption-review': () => [
    { match: simple('placement-started', { type: 'adoptive', firstOfEpisode: false }), at: T - 60 * DAY },
    { match: simple('review-held', { type: 'adoption' }), at: T - 30 * DAY },
  ],
  'visiting-frequency-not-reviewed': () => [],
  'momo-not-introduced': () => [],
  'referred-to-assist': () => [{ match: simple('contact-received', { service: 'assist', source: 'marf' }), at: T - 30 * DAY }],
  'first-six-weeks-in-post': () => [{ match: simple('started-in-post'), at: T - 7 * DAY }],
  'after-first-six-weeks-in-post': () => [{ match: simple('started-in-post'), at: T - 60 * DAY }],
};

/** A date of birth that makes every age condition of the standard hold at T. */
function dateOfBirth(s: Standard): string | null {
  if (s.when.includes('aged-under-5')) return '2023-02-01';
  if (s.when.some((w) => w.startsWith('aged-'))) return s.when.includes('aged-5-and-over') && !s.when.some((w) => w === 'aged-14-and-over' || w === 'aged-18-to-21') ? '2016-02-01' : '2007-02-01';
  return null;
}

/** The events that make `s` apply at T: its owner allocated, its flags set, its derived conditions brought about. */
function setUp(s: Standard): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const role = vocabulary.roles[s.owner];
  if (s.subject === 'case') {
    events.push(eventOf(simple('case-allocated', { role: role?.kind === 'allocation' ? s.owner : 'social-worker' }), SETUP, 'case'));
    const dob = dateOfBirth(s);
    if (dob) events.push(eventOf(simple('case-status-changed'), SETUP, 'case', { details: { dateOfBirth: dob } }));
  }
  for (const entry of s.when) {
    const found = conditionOf(vocabulary, entry)!;
    if (found.negated) continue;
    // A flag the trigger itself sets (safeguarding concerns raised) is left to the trigger.
    if (found.condition.kind === 'flag' && !eventMatches(s.trigger, { type: 'case-status-changed', details: { flag: found.name, value: true } })) {
      events.push(eventOf(simple('case-status-changed'), SETUP + DAY, s.subject, { details: { flag: found.name, value: true } }));
    }
    if (found.condition.kind === 'derived') for (const { match, at } of DERIVED_SETUP[found.name]()) if (match.type !== s.trigger.type) events.push(eventOf(match, at, s.subject));
  }
  return events;
}

const quote = (s: Standard) => s.source.quote.replace(/\s+/g, ' ');
const clock = (s: Standard, at: number) => iso(dueInstant(s, at, calendar));

const chains = standards.filter((s) => s.recurring && s.subject !== 'statement');
const beforeFamilies = standards.filter((s) => s.direction === 'before' && s.subject !== 'statement' && (s.trigger.type === 'meeting-scheduled' || s.trigger.type === 'date-set'));

describe('every recurring chain runs: the trigger opens it, each stop meets the current clock and opens the next', () => {
  it('covers every recurring case and staff standard of the packs', () => {
    expect(chains.length).toBeGreaterThan(90);
  });

  it.each(chains.map((s) => [s.id, quote(s), s] as const))('%s: "%s"', async (_id, _quote, s) => {
    const world = await caseWorld({ people: PEOPLE, now: NOW, packs: PACKS });
    try {
      const key = (e: Record<string, unknown>) => `${s.id}|lcs:${e.eventId as string}`;
      const subject = s.subject === 'staff' ? STAFF : 'C-1';
      const setup = setUp(s);
      // A case-opened chain starts at the case's first event: Heard derives the trigger.
      const derived = vocabulary.events[s.trigger.type].origin === 'derived';
      const trigger = derived ? setup[0] : eventOf(s.trigger, T, s.subject);
      const at = parseInstant(trigger.occurredAt as string);
      await world.send(...setup, ...(derived ? [] : [trigger]));
      const first = (await world.of(s.id, subject)).find((o) => o.occurrenceKey === (derived ? `${s.id}|case-opened@lcs:${trigger.eventId as string}` : key(trigger)));
      expect(first && { status: first.status, due: iso(first.due) }).toEqual({ status: 'open', due: clock(s, at) });

      // A stop half-way to the deadline: on time, and the next clock counts from it.
      const m1 = at + Math.floor((first!.due - at) / 2);
      const stop1 = eventOf(s.stops[0], m1, s.subject);
      await world.send(stop1);
      const afterFirst = await world.of(s.id, subject);
      const met = afterFirst.find((o) => o.id === first!.id)!;
      expect({ status: met.status, completedAt: met.completedAt && iso(met.completedAt), standing: world.standing(met) }).toEqual({ status: 'met', completedAt: iso(m1), standing: 'met' });
      const second = afterFirst.find((o) => o.occurrenceKey === key(stop1));
      expect(second && { status: second.status, triggeredAt: iso(second.triggeredAt), due: iso(second.due) }).toEqual({ status: 'open', triggeredAt: iso(m1), due: clock(s, m1) });

      // A stop a day after the next deadline: late, and the chain goes on.
      const m2 = second!.due + DAY;
      const stop2 = eventOf(s.stops[0], m2, s.subject);
      await world.send(stop2);
      const afterSecond = await world.of(s.id, subject);
      expect(world.standing(afterSecond.find((o) => o.id === second!.id)!)).toBe('late');
      expect(afterSecond.filter((o) => o.status === 'open').map((o) => [o.occurrenceKey, iso(o.due)])).toEqual([[key(stop2), clock(s, m2)]]);
    } finally {
      await world.close();
    }
  });
});

describe('every standard counted back from a meeting or a date: scheduling opens it, rescheduling moves it, cancelling closes it', () => {
  it('covers every such case and staff standard of the packs', () => {
    expect(beforeFamilies.length).toBeGreaterThan(45);
  });

  it.each(beforeFamilies.map((s) => [s.id, quote(s), s] as const))('%s: "%s"', async (_id, _quote, s) => {
    const world = await caseWorld({ people: PEOPLE, now: NOW, packs: PACKS });
    try {
      const subject = s.subject === 'staff' ? STAFF : 'C-1';
      const meeting = s.trigger.type === 'meeting-scheduled';
      const d1 = T + 60 * DAY;
      const d2 = T + 74 * DAY;
      const idDetails = meeting ? { meetingId: 'M-1' } : {};
      const schedule = (at: number, when: number) => {
        const e = eventOf(s.trigger, at, s.subject, { scheduledFor: iso(when) });
        (e.details as Record<string, unknown>) = { ...(e.details as Record<string, unknown>), ...idDetails };
        return e;
      };
      await world.send(...setUp(s), schedule(T, d1));
      const [opened] = await world.of(s.id, subject);
      expect(opened && { status: opened.status, anchorAt: opened.anchorAt && iso(opened.anchorAt), due: iso(opened.due) }).toEqual({ status: 'open', anchorAt: iso(d1), due: clock(s, d1) });

      await world.send(schedule(T + DAY, d2));
      const moved = await world.of(s.id, subject);
      expect(moved.map((o) => ({ id: o.id, status: o.status, due: iso(o.due) }))).toEqual([{ id: opened.id, status: 'open', due: clock(s, d2) }]);

      if (meeting) {
        await world.send(eventOf({ type: 'meeting-cancelled', details: {} }, T + 2 * DAY, s.subject, { details: { meetingId: 'M-1' } }));
        const [cancelled] = await world.of(s.id, subject);
        expect({ status: cancelled.status, reason: cancelled.closedReason, standing: world.standing(cancelled) }).toEqual({ status: 'cancelled', reason: 'cancelled', standing: 'closed' });
      }
    } finally {
      await world.close();
    }
  });
});
