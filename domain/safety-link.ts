/**
 * The Safety Link follow-up: "Team Managers receiving a statement, where the Safety Link
 * has been triggered, will follow up with the allocated worker to decide if safeguarding
 * procedures apply or urgent action is required" (yjs, Safety Link 2). The manager records
 * what was decided, with a short note; the note is kept with the follow-up, never in a log
 * or the audit trail's details, and only the people working the case read it
 * (domain/permissions.ts).
 */

/** What the follow-up decided. @example SAFETY_LINK_DECISIONS.includes('no-further-action'); // true */
export const SAFETY_LINK_DECISIONS = ['safeguarding-procedures', 'urgent-action', 'no-further-action'] as const;

/** @example const d: SafetyLinkDecision = 'urgent-action'; */
export type SafetyLinkDecision = (typeof SAFETY_LINK_DECISIONS)[number];

/** The longest note a follow-up keeps: a short note, not a case record. */
export const MAX_FOLLOW_UP_NOTE = 500;

/**
 * One recorded follow-up of a Safety Link statement: at most one per statement.
 *
 * @example
 * const f: SafetyLinkFollowUp = { id: 'fu_1', statementId: 'st_1', decision: 'urgent-action', note: 'Spoke to Sam; visit today.', byId: 'p_priya', at: 1795255200 };
 */
export interface SafetyLinkFollowUp {
  id: string;
  statementId: string;
  decision: SafetyLinkDecision;
  /** Free text: may hold personal data, so it is never logged nor put in an audit event's details. */
  note: string;
  /** Who recorded it. */
  byId: string;
  at: number;
}

/**
 * The decision as sent from a card, or null when it is none of the three.
 *
 * @example
 * safetyLinkDecisionOf('urgent-action'); // 'urgent-action'
 * safetyLinkDecisionOf('maybe'); // null
 */
export function safetyLinkDecisionOf(value: unknown): SafetyLinkDecision | null {
  return SAFETY_LINK_DECISIONS.find((d) => d === value) ?? null;
}

/**
 * The note as it will be kept (trimmed, line breaks kept, other control characters
 * refused), or why it cannot be: a follow-up needs a short note of what was agreed.
 *
 * @example
 * followUpNoteOf('  Spoke to Sam. '); // { ok: true, note: 'Spoke to Sam.' }
 * followUpNoteOf(''); // { ok: false, problem: 'empty' }
 */
export function followUpNoteOf(value: unknown): { ok: true; note: string } | { ok: false; problem: 'empty' | 'too-long' | 'unreadable' } {
  if (typeof value !== 'string') return { ok: false, problem: 'empty' };
  const note = value.replace(/\r\n?/g, '\n').trim();
  if (note === '') return { ok: false, problem: 'empty' };
  if ([...note].length > MAX_FOLLOW_UP_NOTE) return { ok: false, problem: 'too-long' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000B-\u001F\u007F]/.test(note)) return { ok: false, problem: 'unreadable' };
  return { ok: true, note };
}
