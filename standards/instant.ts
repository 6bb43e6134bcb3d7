import { civilDateOf, daysInMonth, epochDayOf } from './civil-date';

/**
 * Instants are whole seconds since the Unix epoch (UTC) throughout Heard. They enter as
 * ISO 8601 text with `Z` or an offset and leave as UTC text with `Z`.
 */

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO 8601 instant that carries `Z` or an offset; fractions of a second are
 * dropped. Throws a RangeError with a plain message for anything else.
 *
 * @example
 * parseInstant('2026-11-21T10:00:00Z'); // 1795255200
 */
export function parseInstant(text: string): number {
  const fast = canonicalParts(text);
  if (fast) return instantOf(text, fast[0], fast[1], fast[2], fast[3], fast[4], fast[5], 0);
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) {
    throw new RangeError(`"${text}" is not an instant: use ISO 8601 with Z or an offset, e.g. 2026-11-23T09:00:00Z`);
  }
  let offset = 0;
  if (m[7] !== 'Z') {
    const sign = m[7][0] === '-' ? -1 : 1;
    const [oh, om] = m[7].slice(1).split(':').map(Number);
    if (oh > 18 || om > 59) throw new RangeError(`"${text}" has an impossible UTC offset`);
    offset = sign * (oh * 3600 + om * 60);
  }
  return instantOf(text, +m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, offset);
}

function instantOf(text: string, year: number, month: number, day: number, hour: number, minute: number, second: number, offset: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`"${text}" is not a real date and time`);
  }
  return epochDayOf({ year, month, day }) * 86400 + hour * 3600 + minute * 60 + second - offset;
}

/** The shape Heard itself writes, `YYYY-MM-DDTHH:MM:SSZ`, read without a regular expression (batches read 10⁵ of them). */
const CANONICAL = '0000-00-00T00:00:00Z';

/** Year, month, day, hour, minute and second of text in exactly the canonical shape; null for anything else. */
function canonicalParts(text: string): number[] | null {
  if (text.length !== CANONICAL.length) return null;
  const parts = [0, 0, 0, 0, 0, 0];
  let part = 0;
  for (let i = 0; i < CANONICAL.length; i++) {
    const c = text.charCodeAt(i);
    if (CANONICAL.charCodeAt(i) === 48) {
      if (c < 48 || c > 57) return null;
      parts[part] = parts[part] * 10 + (c - 48);
    } else if (c !== CANONICAL.charCodeAt(i)) return null;
    else part++;
  }
  return parts;
}

/**
 * UTC text with `Z` and whole seconds.
 *
 * @example
 * formatInstant(1795255200); // '2026-11-21T10:00:00Z'
 */
export function formatInstant(seconds: number): string {
  return `${wallClock(seconds)}Z`;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` of each epoch day formatted so far: a batch formats the same few thousand days again and again. */
const dateTexts = new Map<number, string>();

function dateText(epochDay: number): string {
  let text = dateTexts.get(epochDay);
  if (text === undefined) {
    const { year, month, day } = civilDateOf(epochDay);
    text = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
    dateTexts.set(epochDay, text);
  }
  return text;
}

/** `YYYY-MM-DDTHH:MM:SS` of seconds since the epoch read as wall-clock time. */
function wallClock(seconds: number): string {
  const s = Math.floor(seconds);
  const day = Math.floor(s / 86400);
  const secondOfDay = s - day * 86400;
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  return `${dateText(day)}T${two(hh)}:${two(mm)}:${two(secondOfDay % 60)}`;
}

/**
 * Local text with its offset, e.g. `2026-03-30T14:00:00+01:00`.
 *
 * @example
 * formatLocalInstant(1774875600, 3600); // '2026-03-30T14:00:00+01:00'
 */
export function formatLocalInstant(seconds: number, offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  return `${wallClock(seconds + offsetSeconds)}${sign}${two(Math.floor(abs / 3600))}:${two(Math.floor((abs % 3600) / 60))}`;
}
