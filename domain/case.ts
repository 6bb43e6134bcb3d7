/**
 * Cases, members of staff as the subject of standards, and the events a case system sends
 * about them (`case-events.md`). A case holds a reference and initials only — never a
 * name — and optionally a date of birth used only to work out ages; it is never shown.
 */

/**
 * A child's case, as Heard last worked it out from its events: created by its first event.
 *
 * @example
 * const c: Case = { id: 'ca_1', caseRef: 'C-10442', initials: 'AB', dateOfBirth: null, flags: ['looked-after'],
 *   allocations: { 'social-worker': 'sam.patel@council.example' }, status: 'open', eventCount: 3,
 *   lastEventAt: 1795255200, version: 3, updatedAt: 1795255260 };
 */
export interface Case {
  id: string;
  /** The case system's own id. */
  caseRef: string;
  /** The child's initials, as the latest event gave them. */
  initials: string;
  /** A local date `YYYY-MM-DD`, or null. Never shown on a card. */
  dateOfBirth: string | null;
  /** The status flags set on the case now, sorted. */
  flags: string[];
  /** For each role, the e-mail address of the person holding it now. */
  allocations: Record<string, string>;
  status: 'open' | 'closed';
  /** How many events were received for it: the next event's arrival number. */
  eventCount: number;
  /** The latest `occurredAt` among its events: how far its clocks have been worked out. */
  lastEventAt: number;
  version: number;
  updatedAt: number;
}

/**
 * A member of staff as the subject of supervision and appraisal standards, keyed by their
 * e-mail address (they need not be in the directory yet).
 *
 * @example
 * const s: StaffSubject = { id: 'sf_1', email: 'sam.patel@council.example', flags: ['newly-qualified'], eventCount: 1, lastEventAt: 1795255200, version: 1, updatedAt: 1795255260 };
 */
export interface StaffSubject {
  id: string;
  email: string;
  flags: string[];
  eventCount: number;
  lastEventAt: number;
  version: number;
  updatedAt: number;
}

/** A qualifier value as sent: text, a yes/no, a number, or a list of them. */
export type DetailValue = string | number | boolean | (string | number | boolean)[];

/**
 * One case event as received and kept: the envelope of `case-events.md`, with its instants
 * read. Never changed once stored, except to note that a later event corrects it.
 *
 * @example
 * const e: CaseEvent = { source: 'liquidlogic', eventId: 'LCS-884213', subject: 'case', subjectId: 'ca_1', caseRef: 'C-10442',
 *   childInitials: 'AB', staffEmail: null, type: 'visit-completed', occurredAt: 1795185000, occurredDateOnly: false,
 *   scheduledFor: null, scheduledDateOnly: false, by: 'sam.patel@council.example', details: { kind: 'cic', seenAlone: true },
 *   supersedes: null, identity: 'liquidlogic:LCS-884213', supersededBy: null, seq: 1, receivedAt: 1795255260,
 *   channel: 'api', fingerprint: '3f…' };
 */
export interface CaseEvent {
  source: string;
  eventId: string;
  subject: 'case' | 'staff';
  /** The case's or staff subject's id. */
  subjectId: string;
  caseRef: string | null;
  childInitials: string | null;
  /** For a staff event: the staff member's e-mail address. */
  staffEmail: string | null;
  type: string;
  /** An instant; for a date without a time, 00:00 local of that date. */
  occurredAt: number;
  occurredDateOnly: boolean;
  scheduledFor: number | null;
  scheduledDateOnly: boolean;
  by: string | null;
  details: Record<string, DetailValue>;
  /** The `eventId` (same source) this event corrects. */
  supersedes: string | null;
  /**
   * Which happening it records, stable across corrections: `<source>:<eventId>` of the first
   * version (a correction takes the identity of the event it corrects).
   */
  identity: string;
  /** The `eventId` of the event that corrects this one, once one has arrived: it no longer counts. */
  supersededBy: string | null;
  /** Arrival number within its subject: events at the same instant apply in this order. */
  seq: number;
  receivedAt: number;
  /** How it came: the API, the command line, or a card in Teams (source `teams`). */
  channel: 'api' | 'cli' | 'card';
  /** SHA-256 of the envelope as sent (keys sorted): the same id with other content is refused. */
  fingerprint: string;
}
