import { narrowZoneTable, readZoneTable, zoneOffsetsFrom } from './zone-offsets';

describe('the zone table `npm run build` writes beside the engine', () => {
  const london = readZoneTable('Europe/London', 2000, 2060);

  it('gives, for any span of years it covers, the clock changes Intl gives for that span', () => {
    for (const [from, to] of [
      [2000, 2000],
      [2025, 2027],
      [2026, 2026],
      [2059, 2060],
      [2000, 2060],
    ]) {
      expect(narrowZoneTable(london, from, to)).toEqual(readZoneTable('Europe/London', from, to));
    }
    expect(narrowZoneTable(london, 1999, 2001)).toBeNull();
    expect(narrowZoneTable(london, 2060, 2061)).toBeNull();
  });

  it('knows 2026 as GMT until 01:00 on 29 March, BST until 01:00 on 25 October, then GMT', () => {
    const offsets = zoneOffsetsFrom('Europe/London', narrowZoneTable(london, 2026, 2026)!);
    const at = (iso: string) => Date.parse(iso) / 1000;
    expect(offsets.offsetAt(at('2026-03-29T00:59:59Z'))).toBe(0);
    expect(offsets.offsetAt(at('2026-03-29T01:00:00Z'))).toBe(3600);
    expect(offsets.offsetAt(at('2026-10-25T00:59:59Z'))).toBe(3600);
    expect(offsets.offsetAt(at('2026-10-25T01:00:00Z'))).toBe(0);
  });
});
