import type { StatementErrorCode } from '../domain/statement-service';

/**
 * What a person is told when the statement service refuses them: one sentence per code,
 * the same on a statement card, an escalation card or in the chat. Each says that nothing
 * changed, and none says anything about a statement the person may not see.
 */
const REFUSALS: Readonly<Record<StatementErrorCode, string>> = {
  STATEMENT_NOT_FOUND: "I can't find that statement any more, so nothing changed. Ask the participation team about it.",
  NOT_ASSIGNED_TO_YOU: "This statement isn't assigned to you, so I haven't changed anything. It stays with the people it is assigned to.",
  NOT_ALLOWED: "You can't do that with this statement, so nothing changed.",
  UNKNOWN_PERSON: "I can't find that person in Heard's directory, so nothing changed.",
  NOT_ASSIGNABLE: 'This statement follows the duty procedure and is never assigned, so nothing changed.',
  PDF_NOT_AVAILABLE: 'The PDF of this statement is not available (it may have been removed after it was saved to the case record).',
  PROCEDURE_OVER: 'The duty procedure for this statement has ended (the young person was identified, or deletion was requested), so nothing changed.',
  ALREADY_ASSIGNED: 'Someone else assigned this statement a moment ago, so nothing changed.',
  NOT_HANDED_BACK: 'This statement is no longer waiting in the queue (someone has assigned it since), so the hand-back cannot be undone and nothing changed.',
};

/**
 * The words for a refusal.
 *
 * @example
 * refusalText('UNKNOWN_PERSON'); // "I can't find that person in Heard's directory, so nothing changed."
 */
export function refusalText(code: StatementErrorCode): string {
  return REFUSALS[code];
}

/**
 * The words for a refused move (reassigning from an escalation card): who may move it
 * instead, from the mover's side. `holders` names the people it is with (empty: the queue).
 *
 * @example
 * moveRefusalText('NOT_ALLOWED', { holders: ['Sam Worker'], youHoldIt: false });
 * // "Only Sam Worker's manager or the participation team can move it, so nothing changed."
 */
export function moveRefusalText(code: StatementErrorCode, who: { holders: string[]; youHoldIt: boolean }): string {
  if (code === 'NOT_ALLOWED') {
    if (who.holders.length === 0) return 'Only the participation team can assign it from the queue, so nothing changed.';
    if (who.youHoldIt) return 'It is with you: you can pass it to someone you manage; anyone else only your manager or the participation team can move it to. Nothing changed.';
    return `Only ${who.holders.join(' and ')}'s manager or the participation team can move it, so nothing changed.`;
  }
  if (code === 'NOT_ASSIGNED_TO_YOU' || code === 'PDF_NOT_AVAILABLE') return 'It could not be moved just now, so nothing changed.';
  return refusalText(code);
}
