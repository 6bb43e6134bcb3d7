/**
 * An obligation is one instance of a standard's clock: "statement st_01 must be opened by
 * p_sam by 14:00", "case C-10442 must have its child in care visited by 28 Nov". Opened by
 * a trigger event, met by one of the standard's stop events, or closed without being met.
 */

/** What the clock runs on: a statement, a child's case, or a member of staff. @example const s: ObligationSubject = 'case'; */
export type ObligationSubject = 'statement' | 'case' | 'staff';

/**
 * `open`; `met` (at `completedAt`); `cancelled`: closed without being met (at `closedAt`,
 * `closedReason` says why). The stored word stays `cancelled` for statements' history;
 * {@link standingOf} turns it into `closed` or `missed` as `heard obligations` prints it.
 *
 * @example const s: ObligationStatus = 'open';
 */
export type ObligationStatus = 'open' | 'met' | 'cancelled';

/**
 * Why an obligation closed without being met: `cancelled` (the statement moved to someone
 * else; the meeting it was counted back from was cancelled), `no-longer-applies` (the case
 * stopped meeting the standard's conditions), `case-closed`.
 *
 * @example const r: ClosedReason = 'no-longer-applies';
 */
export type ClosedReason = 'cancelled' | 'no-longer-applies' | 'case-closed';

/** @example CLOSED_REASONS.includes('case-closed'); // true */
export const CLOSED_REASONS: readonly ClosedReason[] = ['cancelled', 'no-longer-applies', 'case-closed'];

/**
 * @example
 * const o: Obligation = { id: 'ob_1', standardId: 'momo.2.1', subject: 'statement', statementId: 'st_01', caseId: null, staffId: null,
 *   occurrenceKey: null, ownerId: 'p_sam', ownerEmail: null, ownerRole: 'recipient', triggeredAt: 1795255200, anchorAt: null,
 *   due: 1795280400, status: 'open', completedAt: null, closedAt: null, closedReason: null, triggerDateOnly: false,
 *   stopDateOnly: false, nextNudgeAt: 1795262400, lease: null, version: 1 };
 */
export interface Obligation {
  id: string;
  standardId: string;
  subject: ObligationSubject;
  /** Exactly one of these three is set, the one `subject` names. */
  statementId: string | null;
  caseId: string | null;
  staffId: string | null;
  /**
   * For case and staff obligations: which occurrence of the standard it is, stable when the
   * subject's clocks are worked out again (`<standard>|<trigger>`, the trigger being the
   * first sender's event id, `meeting:<meetingId>`, `date-set:<what>` or `birthday:<age>`).
   * Null for statements.
   */
  occurrenceKey: string | null;
  /** The person who must meet it, or null while it sits with a team or with nobody (the role unheld). */
  ownerId: string | null;
  /**
   * For case and staff obligations: the e-mail address of the person holding the owner role,
   * as the case system or directory gives it, even when the directory does not know them
   * (then `ownerId` is null). Null for statements and for roles nobody holds.
   */
  ownerEmail: string | null;
  /** The standard's owner role. */
  ownerRole: string;
  /** When the clock started: the trigger; for a standard counted back from an event, when that event became known. */
  triggeredAt: number;
  /** For a standard counted back from an event: that event's instant (a meeting's `scheduledFor`, a birthday). */
  anchorAt: number | null;
  due: number;
  status: ObligationStatus;
  /** When it was met (status `met`). */
  completedAt: number | null;
  /** When it closed without being met (status `cancelled`). */
  closedAt: number | null;
  closedReason: ClosedReason | null;
  /** The trigger gave a date without a time (the clock counts from 00:00 local). */
  triggerDateOnly: boolean;
  /** The event that met or closed it gave a date without a time: judged against the deadline's local date. */
  stopDateOnly: boolean;
  /** When the scheduler should next look at it (null: nothing more to send). */
  nextNudgeAt: number | null;
  /** The scheduler instance that has claimed the next nudge, until when (a lease that expires if it dies). */
  lease: { holder: string; until: number } | null;
  version: number;
}

/**
 * Where an obligation stands, as `heard obligations` and reports print it: `open` (not yet
 * due), `overdue` (due and not met), `met` (at or before due), `late` (met after due),
 * `closed` (closed at or before due without being met), `missed` (closed after due
 * without being met).
 *
 * @example const s: Standing = 'missed';
 */
export type Standing = 'open' | 'overdue' | 'met' | 'late' | 'closed' | 'missed';

/** @example STANDINGS.includes('late'); // true */
export const STANDINGS: readonly Standing[] = ['open', 'overdue', 'met', 'late', 'closed', 'missed'];

/**
 * Whether an event at `at` counts as at or before `due`. An instant is compared as it is;
 * an event given as a date only (`dateOnly`, `at` its 00:00 local) counts when its date is
 * on or before the deadline's local date — a deadline at 24:00 belongs to the day it
 * ends, so `dayOf(due - 1)` is that date.
 *
 * @example
 * byDeadline(at, false, due, (t) => cal.dayOf(t)); // at <= due
 */
export function byDeadline(at: number, dateOnly: boolean, due: number, dayOf: (t: number) => number): boolean {
  return dateOnly ? dayOf(at) <= dayOf(due - 1) : at <= due;
}

/**
 * Where `o` stands at `now`: `now` only decides between `open` and `overdue`; met and
 * closed obligations are judged by when that happened.
 *
 * @example
 * standingOf(obligation, now, (t) => cal.dayOf(t)); // 'overdue'
 */
export function standingOf(o: Obligation, now: number, dayOf: (t: number) => number): Standing {
  switch (o.status) {
    case 'open':
      return now > o.due ? 'overdue' : 'open';
    case 'met':
      return o.completedAt === null || byDeadline(o.completedAt, o.stopDateOnly, o.due, dayOf) ? 'met' : 'late';
    case 'cancelled':
      // A statement obligation cancelled before closedAt was recorded counts as closed in time.
      return o.closedAt === null || byDeadline(o.closedAt, o.stopDateOnly, o.due, dayOf) ? 'closed' : 'missed';
  }
}

/** The fields of an obligation that a statement's clock sets itself. */
export type StatementObligationFields = Pick<
  Obligation,
  'id' | 'standardId' | 'ownerId' | 'ownerRole' | 'triggeredAt' | 'due' | 'status' | 'completedAt' | 'nextNudgeAt' | 'lease' | 'version'
> & { statementId: string };

/**
 * An obligation about a statement: the fields case work adds take their statement values
 * (no case, no occurrence key, instants with times).
 *
 * @example
 * statementObligation({ id: 'ob_1', standardId: 'momo.2.1', statementId: 'st_1', ownerId: 'p_sam', ownerRole: 'recipient',
 *   triggeredAt: t, due: t + 7 * 3600, status: 'open', completedAt: null, nextNudgeAt: null, lease: null, version: 1 });
 */
export function statementObligation(fields: StatementObligationFields): Obligation {
  return {
    subject: 'statement',
    caseId: null,
    staffId: null,
    occurrenceKey: null,
    ownerEmail: null,
    anchorAt: null,
    closedAt: null,
    closedReason: fields.status === 'cancelled' ? 'cancelled' : null,
    triggerDateOnly: false,
    stopDateOnly: false,
    ...fields,
  };
}
