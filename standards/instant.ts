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
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) {
    throw new RangeError(`"${text}" is not an instant: use ISO 8601 with Z or an offset, e.g. 2026-11-23T09:00:00Z`);
  }
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] ? Number(m[6]) : 0;
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new RangeError(`"${text}" is not a real date and time`);
  }
  let offset = 0;
  if (m[7] !== 'Z') {
    const sign = m[7][0] === '-' ? -1 : 1;
    const [oh, om] = m[7].slice(1).split(':').map(Number);
    if (oh > 18 || om > 59) throw new RangeError(`"${text}" has an impossible UTC offset`);
    offset = sign * (oh * 3600 + om * 60);
  }
  return Math.floor(probe.getTime() / 1000) - offset;
}

/**
 * UTC text with `Z` and whole seconds.
 *
 * @example
 * formatInstant(1795255200); // '2026-11-21T10:00:00Z'
 */
export function formatInstant(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Local text with its offset, e.g. `2026-03-30T14:00:00+01:00`.
 *
 * @example
 * formatLocalInstant(1774875600, 3600); // '2026-03-30T14:00:00+01:00'
 */
export function formatLocalInstant(seconds: number, offsetSeconds: number): string {
  const local = new Date((seconds + offsetSeconds) * 1000).toISOString().slice(0, 19);
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
