import type { EventMatch } from '../event-match';
import { formatEventMatch } from '../event-match';
import { loadBuiltInStandards } from '../pack-loader';
import type { Standard } from '../pack-schema';
import { builtInVocabulary, conditionOf } from '../vocabulary';

/**
 * Recurring standards run as chains (case-events.md, "Recurring"): the trigger opens the
 * first obligation; each stop occurrence meets the current one and opens the next. A
 * chain that waits for an event nothing produces never starts (yos-custody.19 waited for
 * `sentence-plan-review` while standard 18 stopped on `sentence-planning-meeting`), and a
 * `.first` whose stop cannot start its `.thereafter` leaves the cadence dead after one
 * obligation (cic-health.25). These tests hold every chain of the packs to that.
 */

const vocabulary = builtInVocabulary();
const standards = loadBuiltInStandards();

/** Whether some event the case system can send (or Heard derive) has this type for this subject. */
function producible(match: EventMatch, subject: Standard['subject']): boolean {
  const event = vocabulary.events[match.type];
  if (!event || !event.subjects.includes(subject)) return false;
  return subject === 'statement' ? event.origin === 'statement' : event.origin !== 'statement' || match.type === 'statement-sent';
}

/** Whether two accepted values can both admit one value ("2+" and "3" can; "1" and "2+" cannot). */
function valuesMeet(a: string, b: string): boolean {
  const atLeast = (v: string) => /^(\d+)\+$/.exec(v)?.[1];
  const [na, nb] = [atLeast(a), atLeast(b)];
  if (na !== undefined && nb !== undefined) return true;
  if (na !== undefined) return /^\d+$/.test(b) && Number(b) >= Number(na);
  if (nb !== undefined) return /^\d+$/.test(a) && Number(a) >= Number(nb);
  return a === b;
}

/** Whether one event can meet both matches: same type, and every qualifier both name can agree. */
function overlap(a: EventMatch, b: EventMatch): boolean {
  if (a.type !== b.type) return false;
  return Object.entries(a.details).every(([key, values]) => !b.details[key] || values.some((x) => b.details[key].some((y) => valuesMeet(x, y))));
}

/**
 * The events that end a standard's run: its stops, and the events that end its `when`
 * (a flag cleared; the first review that ends "before the first review").
 */
function endings(s: Standard): EventMatch[] {
  const fromConditions = s.when.flatMap((entry) => {
    const found = conditionOf(vocabulary, entry);
    if (!found || found.negated) return [];
    const rule = found.condition.rule;
    return [...found.condition.clearedBy, ...(rule && 'none' in rule ? [rule.none] : [])];
  });
  return [...s.stops, ...fromConditions];
}

/** `.first` → `.second` → `.thereafter` families of one sentence, in the order they hand over. */
function families(): [Standard, Standard][] {
  const order = ['first', 'second', 'thereafter'];
  const byStem = new Map<string, Standard[]>();
  for (const s of standards) {
    const stem = s.id.replace(/\.(first|second|thereafter)$/, '');
    if (stem !== s.id) byStem.set(stem, [...(byStem.get(stem) ?? []), s]);
  }
  return [...byStem.values()].flatMap((family) => {
    const sorted = family.sort((a, b) => order.indexOf(a.id.split('.').pop()!) - order.indexOf(b.id.split('.').pop()!));
    return sorted.slice(1).map((s, i): [Standard, Standard] => [sorted[i], s]);
  });
}

describe('recurring chains', () => {
  const recurring = standards.filter((s) => s.recurring);

  it('are many (every cadence of visits, reviews, supervision and recording is one)', () => {
    expect(recurring.length).toBeGreaterThan(60);
  });

  it.each(recurring.map((s) => [s.id, s] as const))('%s starts on an event the vocabulary can produce and goes on from its stop', (_id, s) => {
    expect({ trigger: formatEventMatch(s.trigger), producible: producible(s.trigger, s.subject) }).toEqual({ trigger: formatEventMatch(s.trigger), producible: true });
    expect(s.stops.length).toBeGreaterThan(0);
    expect(s.stops.filter((m) => !producible(m, s.subject)).map(formatEventMatch)).toEqual([]);
  });

  it('yos-custody.19 "reviews of the sentence planning at a minimum of 3 monthly" starts from the sentence planning that standard 18 meets', () => {
    const [planning, reviews] = ['childrens-services.yos-custody.18', 'childrens-services.yos-custody.19'].map((id) => standards.find((s) => s.id === id)!);
    expect(planning.stops.some((stop) => overlap(stop, reviews.trigger))).toBe(true);
  });

  it.each(['childrens-services.cic-health.25.under-five', 'childrens-services.cic-health.25.five-and-over'])(
    '%s ("Health assessments must be undertaken twice a year … annually") starts from the Initial Health Assessment and each review health assessment opens the next',
    (id) => {
      const initial = standards.find((s) => s.id === 'childrens-services.cic-health.25.initial')!;
      const chain = standards.find((s) => s.id === id)!;
      expect(initial.stops.some((stop) => overlap(stop, chain.trigger))).toBe(true);
      expect(chain.stops.some((stop) => overlap(stop, chain.trigger))).toBe(true);
    },
  );
});

describe('first, second and thereafter', () => {
  const pairs = families();

  it('are found in the packs', () => {
    expect(pairs.length).toBeGreaterThan(10);
  });

  // Either the later one takes over when the earlier ends, or both run from the same start
  // ("within 28 days of the child being placed, the second review at 4 months").
  it.each(pairs.map(([a, b]) => [a.id, b.id, a, b] as const))('%s hands over to %s, or they start together', (_a, _b, earlier, later) => {
    const ends = [...endings(earlier), earlier.trigger];
    expect({ later: formatEventMatch(later.trigger), startedBy: ends.filter((m) => overlap(m, later.trigger)).map(formatEventMatch).length > 0 }).toEqual({
      later: formatEventMatch(later.trigger),
      startedBy: true,
    });
  });
});

describe('every standard', () => {
  it('starts on an event the vocabulary can produce for its subject', () => {
    expect(standards.filter((s) => !producible(s.trigger, s.subject)).map((s) => `${s.id}: ${formatEventMatch(s.trigger)}`)).toEqual([]);
  });

  it('is met by events the vocabulary can produce for its subject', () => {
    expect(standards.flatMap((s) => s.stops.filter((m) => !producible(m, s.subject)).map((m) => `${s.id}: ${formatEventMatch(m)}`))).toEqual([]);
  });
});
