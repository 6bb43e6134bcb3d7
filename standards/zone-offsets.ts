import * as fs from 'fs';
import * as path from 'path';

/**
 * UTC offsets of an IANA time zone as a table of transitions, read from `Intl` once when
 * a calendar is compiled (or, for the default zone and years, from the table `npm run
 * build` wrote), so that deadline arithmetic never calls `Intl`.
 */

const WEEK = 7 * 86400;

/** Offset transitions of one zone over a span of time. @example zoneOffsets('Europe/London', 2026, 2026).offsetAt(0); */
export interface ZoneOffsets {
  zone: string;
  /** Offset (local − UTC, in seconds) in force at a UTC instant. */
  offsetAt(utcSeconds: number): number;
  /** The UTC instant of a local wall-clock time (seconds since the epoch as if local were UTC). */
  toUtc(localSeconds: number): number;
}

/** Offset transitions of one zone, as `npm run build` keeps them: at `at[k]` the offset becomes `offsets[k]`. */
export interface ZoneTable {
  from: number;
  to: number;
  at: number[];
  offsets: number[];
}

/** File name of the zone tables `npm run build` writes into `dist/standards/` (the default zone's, for the default years). */
export const ZONE_TABLES_FILE = 'zone-tables.json';

let built: Record<string, ZoneTable> | null | undefined;

/** The zone tables written beside the compiled engine, if any (none when running from source). */
function builtZoneTables(): Record<string, ZoneTable> | null {
  if (built === undefined) {
    const file = path.join(__dirname, ZONE_TABLES_FILE);
    built = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ZoneTable>) : null;
  }
  return built;
}

/**
 * Whether a string names an IANA time zone this runtime knows (one with a built table is
 * known without asking `Intl`, whose first use costs a start-up its time-zone data).
 *
 * @example
 * isKnownTimeZone('Europe/London'); // true
 */
export function isKnownTimeZone(zone: string): boolean {
  if (builtZoneTables()?.[zone]) return true;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function intlOffset(format: Intl.DateTimeFormat, utcSeconds: number): number {
  const parts = format.formatToParts(new Date(utcSeconds * 1000));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second')) / 1000;
  return local - utcSeconds;
}

const bounds = (fromYear: number, toYear: number) => ({
  start: Date.UTC(fromYear, 0, 1) / 1000 - 2 * 86400,
  end: Date.UTC(toYear + 1, 0, 1) / 1000 + 2 * 86400,
});

/**
 * Reads the offset transitions of `zone` from `Intl` between the start of `fromYear` and
 * the end of `toYear` (sampling weekly, then bisecting each change to the second).
 *
 * @example
 * readZoneTable('Europe/London', 2026, 2026).at.length; // 3: the start, and the two changes of 2026
 */
export function readZoneTable(zone: string, fromYear: number, toYear: number): ZoneTable {
  if (!isKnownTimeZone(zone)) throw new RangeError(`unknown time zone "${zone}"`);
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const { start, end } = bounds(fromYear, toYear);
  const at: number[] = [start];
  const offsets: number[] = [intlOffset(format, start)];
  for (let t = start; t < end; t += WEEK) {
    const next = Math.min(t + WEEK, end);
    const before = offsets[offsets.length - 1];
    if (intlOffset(format, next) === before) continue;
    // Find each change inside (t, next]; more than one in a week is handled by repeating.
    let lo = t;
    while (intlOffset(format, next) !== offsets[offsets.length - 1]) {
      let hi = next;
      const from = offsets[offsets.length - 1];
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffset(format, mid) === from) lo = mid;
        else hi = mid;
      }
      at.push(hi);
      offsets.push(intlOffset(format, hi));
      lo = hi;
    }
  }
  return { from: fromYear, to: toYear, at, offsets };
}

/**
 * The part of a table covering `fromYear`–`toYear`, exactly as {@link readZoneTable}
 * would read it for those years; null if the table does not cover them.
 *
 * @example
 * narrowZoneTable(readZoneTable('Europe/London', 2000, 2060), 2026, 2026);
 */
export function narrowZoneTable(table: ZoneTable, fromYear: number, toYear: number): ZoneTable | null {
  if (fromYear < table.from || toYear > table.to) return null;
  const { start, end } = bounds(fromYear, toYear);
  let first = 0;
  while (first + 1 < table.at.length && table.at[first + 1] <= start) first++;
  const at = [start];
  const offsets = [table.offsets[first]];
  for (let k = first + 1; k < table.at.length && table.at[k] <= end; k++) {
    at.push(table.at[k]);
    offsets.push(table.offsets[k]);
  }
  return { from: fromYear, to: toYear, at, offsets };
}

/**
 * The UTC offsets of `zone` from the start of `fromYear` to the end of `toYear`: from the
 * table `npm run build` wrote when it covers them, otherwise read from `Intl`.
 *
 * @example
 * const london = zoneOffsets('Europe/London', 2026, 2026);
 * london.offsetAt(Date.UTC(2026, 6, 1) / 1000); // 3600
 */
export function zoneOffsets(zone: string, fromYear: number, toYear: number): ZoneOffsets {
  const table = builtZoneTables()?.[zone];
  return zoneOffsetsFrom(zone, (table && narrowZoneTable(table, fromYear, toYear)) ?? readZoneTable(zone, fromYear, toYear));
}

/**
 * Offsets answered from a table of transitions.
 *
 * @example
 * zoneOffsetsFrom('Europe/London', readZoneTable('Europe/London', 2026, 2026)).offsetAt(0);
 */
export function zoneOffsetsFrom(zone: string, table: ZoneTable): ZoneOffsets {
  const { from: fromYear, to: toYear, at, offsets } = table;
  const { start, end } = bounds(fromYear, toYear);
  const transitions = Float64Array.from(at);
  const values = Int32Array.from(offsets);

  function offsetAt(utcSeconds: number): number {
    if (utcSeconds < start || utcSeconds > end) {
      throw new RangeError(`instant ${new Date(utcSeconds * 1000).toISOString()} is outside the calendar's years ${fromYear}–${toYear}`);
    }
    let lo = 0;
    let hi = transitions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (transitions[mid] <= utcSeconds) lo = mid;
      else hi = mid - 1;
    }
    return values[lo];
  }

  function toUtc(localSeconds: number): number {
    // The offsets that could be in force around this wall-clock time (transitions are
    // always more than a day apart). In an overlap (clocks going back) the earlier
    // instant is used; in a gap (clocks going forward) the wall time does not exist and
    // the transition itself, the first instant after the gap, is used.
    const candidates = [offsetAt(localSeconds - 86400), offsetAt(localSeconds), offsetAt(localSeconds + 86400)].map(
      (o) => localSeconds - o,
    );
    let best = Infinity;
    for (const t of candidates) if (t + offsetAt(t) === localSeconds && t < best) best = t;
    if (best !== Infinity) return best;
    const after = Math.min(...candidates);
    for (let i = 0; i < transitions.length; i++) if (transitions[i] > after) return transitions[i];
    throw new RangeError(`local time ${new Date(localSeconds * 1000).toISOString()} cannot be placed in ${zone}`);
  }

  return { zone, offsetAt, toUtc };
}
