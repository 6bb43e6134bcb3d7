import { EventMatchInputSchema, StopInputSchema, eventMatches, formatEventMatch } from './event-match';

describe('a trigger or stop as written in a pack', () => {
  it('is a type name alone, or a type with the qualifier values it needs (YAML true and 2 read as "true" and "2")', () => {
    expect(EventMatchInputSchema.parse('core-group-held')).toEqual({ type: 'core-group-held', details: {} });
    expect(EventMatchInputSchema.parse({ type: 'visit-completed', details: { kind: 'cp', seenAlone: true, ordinal: 2 } })).toEqual({
      type: 'visit-completed',
      details: { kind: ['cp'], seenAlone: ['true'], ordinal: ['2'] },
    });
  });

  it('refuses a key that is not camelCase, an empty list and an unknown field', () => {
    expect(EventMatchInputSchema.safeParse({ type: 'visit-completed', details: { 'seen-alone': true } }).success).toBe(false);
    expect(EventMatchInputSchema.safeParse({ type: 'visit-completed', details: { kind: [] } }).success).toBe(false);
    expect(EventMatchInputSchema.safeParse({ type: 'visit-completed', qualifiers: { kind: 'cp' } }).success).toBe(false);
  });

  it('lets a stop be none, one, or any one of several ("TAF Meeting or Home Visit")', () => {
    expect(StopInputSchema.parse(null)).toEqual([]);
    expect(StopInputSchema.parse('meeting-held')).toEqual([{ type: 'meeting-held', details: {} }]);
    expect(
      StopInputSchema.parse([{ type: 'meeting-held', details: { type: 'team-around-the-family' } }, { type: 'visit-completed', details: { kind: 'home' } }]).map(formatEventMatch),
    ).toEqual(['meeting-held{type=team-around-the-family}', 'visit-completed{kind=home}']);
  });
});

describe('whether an event meets a match', () => {
  const cicVisit = EventMatchInputSchema.parse({ type: 'visit-completed', details: { kind: 'cic' } });

  it('needs the same type and every named qualifier among the accepted values; other qualifiers do not matter', () => {
    expect(eventMatches(cicVisit, { type: 'visit-completed', details: { kind: 'cic', seenAlone: true } })).toBe(true);
    expect(eventMatches(cicVisit, { type: 'visit-completed', details: { kind: 'cp' } })).toBe(false);
    expect(eventMatches(cicVisit, { type: 'visit-completed' })).toBe(false);
    expect(eventMatches(cicVisit, { type: 'review-held', details: { kind: 'cic' } })).toBe(false);
  });

  it('reads booleans and numbers as sent (seenAlone: true meets "true")', () => {
    const alone = EventMatchInputSchema.parse({ type: 'visit-completed', details: { seenAlone: true } });
    expect(eventMatches(alone, { type: 'visit-completed', details: { seenAlone: true } })).toBe(true);
    expect(eventMatches(alone, { type: 'visit-completed', details: { seenAlone: 'true' } })).toBe(true);
    expect(eventMatches(alone, { type: 'visit-completed', details: { seenAlone: false } })).toBe(false);
  });

  it('accepts "2+" for the second and every later meeting, and any of a list of values', () => {
    const laterReview = EventMatchInputSchema.parse({ type: 'review-held', details: { type: 'cic', ordinal: '2+' } });
    expect(eventMatches(laterReview, { type: 'review-held', details: { type: 'cic', ordinal: 1 } })).toBe(false);
    expect(eventMatches(laterReview, { type: 'review-held', details: { type: 'cic', ordinal: '2' } })).toBe(true);
    expect(eventMatches(laterReview, { type: 'review-held', details: { type: 'cic', ordinal: 12 } })).toBe(true);
    expect(eventMatches(laterReview, { type: 'review-held', details: { type: 'cic', ordinal: 'second' } })).toBe(false);
    const conference = EventMatchInputSchema.parse({ type: 'meeting-scheduled', details: { type: ['icpc', 'rcpc'] } });
    expect(eventMatches(conference, { type: 'meeting-scheduled', details: { type: 'rcpc' } })).toBe(true);
    expect(eventMatches(conference, { type: 'meeting-scheduled', details: { type: 'cic-review' } })).toBe(false);
  });
});
