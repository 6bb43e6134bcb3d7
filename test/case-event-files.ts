/**
 * Case events written the two ways `heard import case-events` reads them
 * (`case-events.md`): JSON lines, one envelope a line; and CSV with the columns
 * `event_id, source, case_ref, child_initials, type, occurred_at, scheduled_for, by,
 * subject, supersedes` and one `details.<key>` column per qualifier the file uses.
 */
import type { CaseEventInput } from './reference-case-clocks';

/** The fixed CSV columns and the envelope key each holds. */
export const CSV_COLUMNS = [
  ['event_id', 'eventId'],
  ['source', 'source'],
  ['case_ref', 'caseRef'],
  ['child_initials', 'childInitials'],
  ['type', 'type'],
  ['occurred_at', 'occurredAt'],
  ['scheduled_for', 'scheduledFor'],
  ['by', 'by'],
  ['subject', 'subject'],
  ['supersedes', 'supersedes'],
] as const;

/** @example toJsonLines([event]); // '{"eventId":…}\n' */
export function toJsonLines(events: readonly CaseEventInput[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/** A CSV field, quoted when it must be (RFC 4180). */
function field(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The events as CSV, header first; an empty cell where an event has no such key.
 *
 * @example
 * toCsv([event]).split('\n')[0]; // 'event_id,source,…,details.kind'
 */
export function toCsv(events: readonly CaseEventInput[]): string {
  const keys = [...new Set(events.flatMap((e) => Object.keys(e.details ?? {})))].sort();
  const header = [...CSV_COLUMNS.map(([column]) => column), ...keys.map((k) => `details.${k}`)];
  const rows = events.map((e) => [...CSV_COLUMNS.map(([, key]) => field(e[key])), ...keys.map((k) => field(e.details?.[k]))].join(','));
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
