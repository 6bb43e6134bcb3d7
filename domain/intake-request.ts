import type { IntendedRecipient, StatementFlags } from './statement';

/**
 * A statement arriving from Mind Of My Own (the intake API or a portal CSV export),
 * already validated at the edge.
 *
 * @example
 * const r: IntakeRequest = { externalId: 'momo-123', sentAt: 1795255200, child: { reference: 'C-1001', initials: 'AB' },
 *   type: 'my-world', intendedRecipient: { kind: 'person', email: 'sam@example.org' },
 *   flags: { complaint: false, safetyLink: false, unidentified: false }, pdf: Buffer.from('%PDF-1.4') };
 */
export interface IntakeRequest {
  externalId: string;
  sentAt: number;
  child: { reference: string; initials: string };
  type: string;
  intendedRecipient: IntendedRecipient;
  flags: StatementFlags;
  pdf: Buffer | null;
}

/** What intake did: `created` is false when the same externalId was already received. */
export interface IntakeResult {
  created: boolean;
  statementId: string;
  status: string;
  assigneeIds: string[];
  routedBy: string | null;
}

/**
 * Receives a statement: stores it once, routes it and opens its obligations.
 *
 * @example
 * const result = await intake(request, 'api');
 */
export type ReceiveStatement = (request: IntakeRequest, channel: 'api' | 'csv') => Promise<IntakeResult>;

/** How long after sending a statement may still arrive (a backlog after an outage), in seconds. @example MAX_STATEMENT_AGE_SECONDS / 86400; // 366 */
export const MAX_STATEMENT_AGE_SECONDS = 366 * 24 * 3600;

/** How far ahead of the server's clock a sender's clock may run, in seconds. @example MAX_SENT_AT_SKEW_SECONDS; // 300 */
export const MAX_SENT_AT_SKEW_SECONDS = 5 * 60;

/**
 * Why a send instant cannot be accepted, or null: the same rule for the API and for
 * portal exports.
 *
 * @example
 * sentAtProblem(now + 3600, now); // 'must not be in the future'
 */
export function sentAtProblem(sentAt: number, now: number): string | null {
  if (sentAt > now + MAX_SENT_AT_SKEW_SECONDS) return 'must not be in the future';
  if (sentAt < now - MAX_STATEMENT_AGE_SECONDS) return 'must be within the last year';
  return null;
}
