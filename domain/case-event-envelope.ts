import { createHash } from 'crypto';
import { z } from 'zod';
import { intakeTypeProblem, parseCivilDate, parseInstant, type Vocabulary, type WorkingCalendar } from '../standards';
import type { DetailValue } from './case';
import { CHILD_INITIALS_RULE, isChildInitials } from './child-initials';

/**
 * The event envelope of `case-events.md`, checked at the edge — the same rules for
 * `POST /api/case-events` and `heard import case-events` (JSON lines or CSV) — and turned
 * into what the domain keeps: instants read, qualifiers typed by the vocabulary (so
 * `"true"` from a CSV and `true` from JSON are one value), and a fingerprint that tells a
 * repeat from a different event under the same id.
 */

/** How far ahead of Heard's clock an event may say it happened (clock skew), in seconds. @example MAX_OCCURRED_AT_SKEW_SECONDS; // 300 */
export const MAX_OCCURRED_AT_SKEW_SECONDS = 5 * 60;

/** Most qualifiers one event may carry, and most values in one list. */
const MAX_DETAILS = 40;
const MAX_LIST = 20;
const MAX_VALUE_LENGTH = 256;

/**
 * One case event, checked: what `CaseWorkService.receive` takes.
 *
 * @example
 * const e: CaseEventInput = { source: 'liquidlogic', eventId: 'LCS-1', caseRef: 'C-10442', childInitials: 'AB', staffEmail: null,
 *   type: 'visit-completed', occurredAt: 1795185000, occurredDateOnly: false, scheduledFor: null, scheduledDateOnly: false,
 *   by: 'sam@council.example', details: { kind: 'cic' }, supersedes: null, fingerprint: '…' };
 */
export interface CaseEventInput {
  source: string;
  eventId: string;
  caseRef: string | null;
  childInitials: string | null;
  staffEmail: string | null;
  type: string;
  occurredAt: number;
  occurredDateOnly: boolean;
  scheduledFor: number | null;
  scheduledDateOnly: boolean;
  by: string | null;
  details: Record<string, DetailValue>;
  supersedes: string | null;
  fingerprint: string;
}

/** One thing wrong with an event: the field (`details.kind`) and the problem. @example const p: EnvelopeProblem = { field: 'occurredAt', message: 'is in the future' }; */
export interface EnvelopeProblem {
  field: string;
  message: string;
}

/** @example const r: EnvelopeResult = parseCaseEvent(raw, { vocabulary, calendar, now }); */
export type EnvelopeResult = { ok: true; event: CaseEventInput } | { ok: false; problems: EnvelopeProblem[] };

/** A case system's reference: as statements' child references. */
const CASE_REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const EVENT_ID = /^[\x21-\x7E]+$/;
const SOURCE = /^[a-z0-9][a-z0-9._-]*$/;
const DETAIL_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? `is required (${what})` : `must be ${what}`);
const text = (what: string) => z.string({ error: expected(what) });

/** Length first, then the pattern: a pattern run over a megabyte of hostile text can exhaust the stack. */
function bounded(what: string, max: number, pattern: RegExp, message: string) {
  return text(what).min(1, message).max(max, message).pipe(z.string().regex(pattern, message));
}

const email = (what: string) =>
  text(what)
    .max(254, `must be ${what} of at most 254 characters`)
    .pipe(z.email(`must be ${what}`))
    .transform((e) => e.toLowerCase());

const detailScalar = z.union([z.string().max(MAX_VALUE_LENGTH, `must be at most ${MAX_VALUE_LENGTH} characters`), z.number(), z.boolean()], {
  error: 'must be text, a number, true or false (or a list of them)',
});

/**
 * The envelope's shape. Unknown top-level fields are refused (a typo would otherwise lose
 * data silently); unknown qualifiers inside `details` are kept.
 *
 * @example
 * CaseEventEnvelopeSchema.safeParse(JSON.parse(line));
 */
export const CaseEventEnvelopeSchema = z.strictObject(
  {
    eventId: bounded('the event’s id in the sending system', 128, EVENT_ID, 'must be 1–128 printable characters without spaces'),
    source: text('the sending system')
      .min(1, 'must name the sending system')
      .max(64, 'must be at most 64 characters')
      .transform((s) => s.toLowerCase())
      .pipe(z.string().regex(SOURCE, 'must be the sending system in lower case letters, digits, ".", "_" or "-", e.g. liquidlogic')),
    caseRef: bounded('the case reference', 64, CASE_REF, 'must be a case reference of 1–64 letters, digits or . _ : / -').optional(),
    childInitials: text('the child’s initials').refine(isChildInitials, CHILD_INITIALS_RULE).optional(),
    subject: email('the e-mail address of the member of staff the event is about').optional(),
    type: bounded('a type of the vocabulary', 64, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be an event type in lower-case-kebab, e.g. visit-completed'),
    occurredAt: text('an ISO 8601 instant with Z or an offset, or a local date YYYY-MM-DD').max(40, 'must be an instant or a local date'),
    scheduledFor: text('an ISO 8601 instant with Z or an offset, or a local date YYYY-MM-DD').max(40, 'must be an instant or a local date').optional(),
    by: email('the e-mail address of who did it').optional(),
    details: z
      .record(
        z.string().max(64, 'a qualifier key is at most 64 characters').pipe(z.string().regex(DETAIL_KEY, 'a qualifier key is letters and digits, e.g. seenAlone')),
        z.union([detailScalar, z.array(detailScalar).max(MAX_LIST, `must list at most ${MAX_LIST} values`)]),
        { error: expected('an object of qualifiers, e.g. {"kind": "cic"}') },
      )
      .optional(),
    supersedes: bounded('the eventId this event corrects', 128, EVENT_ID, 'must be the eventId it corrects: 1–128 printable characters').optional(),
  },
  { error: 'must be a JSON object (one case event)' },
);

/** The content of an event in one fixed order (qualifiers sorted by key), for its fingerprint. */
function canonical(e: Omit<CaseEventInput, 'fingerprint'>): string {
  const details = Object.keys(e.details)
    .sort()
    .map((k) => [k, e.details[k]]);
  return JSON.stringify([
    e.source,
    e.eventId,
    e.caseRef,
    e.childInitials,
    e.staffEmail,
    e.type,
    e.occurredAt,
    e.occurredDateOnly,
    e.scheduledFor,
    e.scheduledDateOnly,
    e.by,
    details,
    e.supersedes,
  ]);
}

const EMAIL = z.email();

/** A time as sent: an instant, or a local date read as its 00:00 local. */
function readTime(value: string, cal: WorkingCalendar): { at: number; dateOnly: boolean } | string {
  if (LOCAL_DATE.test(value)) {
    if (!parseCivilDate(value)) return 'is not a real date';
    try {
      return { at: cal.midnight[cal.dayOfDate(value)], dateOnly: true };
    } catch {
      return `must fall within ${cal.fromYear}–${cal.toYear}`;
    }
  }
  let at: number;
  try {
    at = parseInstant(value);
  } catch {
    return 'must be an ISO 8601 instant with Z or an offset (e.g. 2026-11-20T14:30:00Z), or a local date (2026-11-20)';
  }
  try {
    cal.dayOf(at);
  } catch {
    return `must fall within ${cal.fromYear}–${cal.toYear}`;
  }
  return { at, dateOnly: false };
}

/** A qualifier value typed by the vocabulary: `"true"` → true for a yes/no, `"3"` → 3 for a count. */
function typed(kind: string | undefined, value: string | number | boolean): string | number | boolean {
  if (typeof value !== 'string') return value;
  if (kind === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (kind === 'count' && /^\d{1,9}$/.test(value)) return Number(value);
  return value;
}

/** Qualifiers an event of a type cannot do without (Heard could not act on it otherwise). */
function requiredProblems(type: string, d: Record<string, DetailValue>, scheduledFor: number | null): EnvelopeProblem[] {
  const problems: EnvelopeProblem[] = [];
  const need = (key: string, why: string) => {
    if (d[key] === undefined) problems.push({ field: `details.${key}`, message: `is required for ${type}: ${why}` });
  };
  if ((type === 'meeting-scheduled' || type === 'date-set') && scheduledFor === null) {
    problems.push({ field: 'scheduledFor', message: `is required for ${type}: the date the standards count back from` });
  }
  if (type !== 'meeting-scheduled' && type !== 'date-set' && scheduledFor !== null) {
    problems.push({ field: 'scheduledFor', message: 'only meeting-scheduled and date-set carry a date to come' });
  }
  switch (type) {
    case 'case-allocated':
      need('role', 'the role allocated');
      need('person', 'the e-mail address of the person allocated');
      if (typeof d.person === 'string' && !EMAIL.safeParse(d.person).success) problems.push({ field: 'details.person', message: 'must be an e-mail address' });
      break;
    case 'case-status-changed':
      if (d.dateOfBirth === undefined) {
        need('flag', 'the flag set or cleared (or give dateOfBirth)');
        need('value', 'true to set the flag, false to clear it');
        if (d.value !== undefined && typeof d.value !== 'boolean') problems.push({ field: 'details.value', message: 'must be true or false' });
      } else if (typeof d.dateOfBirth !== 'string' || !LOCAL_DATE.test(d.dateOfBirth) || !parseCivilDate(d.dateOfBirth)) {
        problems.push({ field: 'details.dateOfBirth', message: 'must be a real local date YYYY-MM-DD' });
      }
      break;
    case 'meeting-cancelled':
      need('meetingId', 'the id of the meeting-scheduled it cancels');
      break;
    case 'date-set':
      need('what', 'which date was set');
      break;
  }
  return problems;
}

/**
 * Checks one event (a parsed JSON object, or a CSV row turned into one) and reads it.
 * `now` bounds `occurredAt` (an event cannot have happened in the future).
 *
 * @example
 * const r = parseCaseEvent({ eventId: 'LCS-1', source: 'liquidlogic', caseRef: 'C-10442', childInitials: 'AB', type: 'visit-completed',
 *   occurredAt: '2026-11-20T14:30:00Z', details: { kind: 'cic' } }, { vocabulary, calendar, now });
 * if (!r.ok) r.problems; // [{ field, message }]
 */
export function parseCaseEvent(raw: unknown, context: { vocabulary: Vocabulary; calendar: WorkingCalendar; now: number }): EnvelopeResult {
  const parsed = CaseEventEnvelopeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(problemOf) };
  const e = parsed.data;
  const problems: EnvelopeProblem[] = [];
  const v = context.vocabulary;

  if ((e.caseRef === undefined) === (e.subject === undefined)) {
    problems.push({ field: e.caseRef === undefined ? 'caseRef' : 'subject', message: 'give caseRef (a child’s case) or subject (a member of staff), not both' });
  }
  if (e.caseRef !== undefined && e.childInitials === undefined) problems.push({ field: 'childInitials', message: 'is required with caseRef (initials only, never a name)' });
  if (e.subject !== undefined && e.childInitials !== undefined) problems.push({ field: 'childInitials', message: 'a staff event is about a member of staff, not a child: leave it out' });
  if (e.supersedes === e.eventId) problems.push({ field: 'supersedes', message: 'an event cannot correct itself' });

  const typeProblem = intakeTypeProblem(v, e.type);
  const eventType = v.events[e.type];
  if (typeProblem) problems.push({ field: 'type', message: typeProblem });
  else if (eventType) {
    const subject = e.subject !== undefined ? 'staff' : 'case';
    if (!eventType.subjects.includes(subject)) problems.push({ field: 'type', message: `"${e.type}" is an event of ${eventType.subjects.filter((s) => s !== 'statement').join(' or ')}, not of a ${subject === 'staff' ? 'member of staff' : 'child’s case'}` });
  }

  const occurred = readTime(e.occurredAt, context.calendar);
  if (typeof occurred === 'string') problems.push({ field: 'occurredAt', message: occurred });
  else if (occurred.at > context.now + MAX_OCCURRED_AT_SKEW_SECONDS) problems.push({ field: 'occurredAt', message: 'is in the future: send an event once it has happened (a meeting to come is meeting-scheduled with scheduledFor)' });
  const scheduled = e.scheduledFor === undefined ? null : readTime(e.scheduledFor, context.calendar);
  if (typeof scheduled === 'string') problems.push({ field: 'scheduledFor', message: scheduled });

  const qualifiers = eventType?.qualifiers ?? {};
  const details: Record<string, DetailValue> = {};
  const keys = Object.keys(e.details ?? {});
  if (keys.length > MAX_DETAILS) problems.push({ field: 'details', message: `must carry at most ${MAX_DETAILS} qualifiers` });
  for (const key of keys) {
    const value = e.details![key];
    const kind = qualifiers[key]?.kind;
    details[key] = Array.isArray(value) ? value.map((x) => typed(kind, x)) : typed(kind, value);
  }
  if (problems.length === 0) problems.push(...requiredProblems(e.type, details, scheduled === null || typeof scheduled === 'string' ? null : scheduled.at));
  if (problems.length > 0 || typeof occurred === 'string' || typeof scheduled === 'string') return { ok: false, problems };

  const event: Omit<CaseEventInput, 'fingerprint'> = {
    source: e.source,
    eventId: e.eventId,
    caseRef: e.caseRef ?? null,
    childInitials: e.childInitials ?? null,
    staffEmail: e.subject ?? null,
    type: e.type,
    occurredAt: occurred.at,
    occurredDateOnly: occurred.dateOnly,
    scheduledFor: scheduled?.at ?? null,
    scheduledDateOnly: scheduled?.dateOnly ?? false,
    by: e.by ?? null,
    details,
    supersedes: e.supersedes ?? null,
  };
  return { ok: true, event: { ...event, fingerprint: createHash('sha256').update(canonical(event)).digest('hex') } };
}

function problemOf(issue: z.core.$ZodIssue): EnvelopeProblem {
  const field = issue.path.length === 0 ? '(event)' : issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  if (issue.code === 'unrecognized_keys') {
    // Name the unknown fields, but never echo an unbounded amount of the sender's text.
    const keys = issue.keys.slice(0, 5).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
    return { field, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys.join(', ')}${issue.keys.length > 5 ? ', …' : ''}` };
  }
  return { field, message: issue.message };
}

/** The columns of a case-events CSV export, besides one `details.<key>` per qualifier. @example CASE_EVENT_CSV_COLUMNS[0]; // 'event_id' */
export const CASE_EVENT_CSV_COLUMNS = ['event_id', 'source', 'case_ref', 'child_initials', 'type', 'occurred_at', 'scheduled_for', 'by', 'subject', 'supersedes'] as const;

const CSV_FIELD: Record<(typeof CASE_EVENT_CSV_COLUMNS)[number], string> = {
  event_id: 'eventId',
  source: 'source',
  case_ref: 'caseRef',
  child_initials: 'childInitials',
  type: 'type',
  occurred_at: 'occurredAt',
  scheduled_for: 'scheduledFor',
  by: 'by',
  subject: 'subject',
  supersedes: 'supersedes',
};

/**
 * A CSV row (header → cell) as an envelope object: empty cells are absent, `details.kind`
 * becomes `details: {kind}`. Unknown columns are the caller's to refuse.
 *
 * @example
 * envelopeOfCsvRow({ event_id: 'LCS-1', source: 'liquidlogic', 'details.kind': 'cic', by: '' }); // { eventId: 'LCS-1', source: 'liquidlogic', details: { kind: 'cic' } }
 */
export function envelopeOfCsvRow(row: Record<string, string>): Record<string, unknown> {
  const envelope: Record<string, unknown> = {};
  const details: Record<string, string> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (cell === '') continue;
    if (column.startsWith('details.')) details[column.slice('details.'.length)] = cell;
    else if (column in CSV_FIELD) envelope[CSV_FIELD[column as keyof typeof CSV_FIELD]] = cell;
  }
  if (Object.keys(details).length > 0) envelope.details = details;
  return envelope;
}

/**
 * Whether a CSV header is one of the envelope's columns or a `details.<key>` column.
 *
 * @example
 * isCaseEventCsvColumn('details.seenAlone'); // true
 */
export function isCaseEventCsvColumn(column: string): boolean {
  return (CASE_EVENT_CSV_COLUMNS as readonly string[]).includes(column) || /^details\.[A-Za-z][A-Za-z0-9_]{0,63}$/.test(column);
}
