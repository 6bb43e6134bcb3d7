import { formatInstant, formatLocalInstant, parseInstant } from './instant';

describe('instants', () => {
  it('reads Z and offsets, and writes UTC with whole seconds', () => {
    expect(formatInstant(parseInstant('2026-11-21T10:00:00Z'))).toBe('2026-11-21T10:00:00Z');
    expect(formatInstant(parseInstant('2026-07-01T10:00:00+01:00'))).toBe('2026-07-01T09:00:00Z');
    expect(formatInstant(parseInstant('2026-07-01T10:00-05:30'))).toBe('2026-07-01T15:30:00Z');
    expect(formatInstant(parseInstant('2026-07-01T10:00:00.999Z'))).toBe('2026-07-01T10:00:00Z');
  });

  it.each(['2026-11-21', '2026-11-21T10:00:00', 'yesterday', '2026-02-30T10:00:00Z', '2026-11-21T24:00:00Z', '2026-11-21T10:00:00+19:00', ''])(
    'refuses %j with a plain message',
    (text) => {
      expect(() => parseInstant(text)).toThrow(RangeError);
    },
  );

  it('writes local time with its offset', () => {
    expect(formatLocalInstant(parseInstant('2026-03-30T13:00:00Z'), 3600)).toBe('2026-03-30T14:00:00+01:00');
    expect(formatLocalInstant(parseInstant('2026-11-23T17:00:00Z'), 0)).toBe('2026-11-23T17:00:00+00:00');
    expect(formatLocalInstant(parseInstant('2026-11-23T17:00:00Z'), -18000)).toBe('2026-11-23T12:00:00-05:00');
  });
});
