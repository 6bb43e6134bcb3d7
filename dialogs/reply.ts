import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { FollowUp } from '../cards/answer-card-models';

/**
 * What Heard says back: a card, plain text, or a statement's own card (which the bot
 * renders and keeps up to date, with a fresh download link when asked).
 *
 * @example const reply: Reply = { kind: 'statement', statementId: 'st_1', download: true };
 */
export type Reply =
  | { kind: 'card'; card: AdaptiveCardJson }
  | { kind: 'text'; text: string }
  | { kind: 'statement'; statementId: string; download: boolean };

/**
 * What a card press does: the card that replaces the one pressed (or null), and anything sent after it.
 *
 * @example const outcome: ActionOutcome = { replace: null, send: [text('Ask me again.')] };
 */
export interface ActionOutcome {
  replace: AdaptiveCardJson | null;
  send: Reply[];
}

/** A card as a reply. @example card(renderAnswerCard(model)); */
export function card(c: AdaptiveCardJson): Reply {
  return { kind: 'card', card: c };
}

/** Plain text as a reply. @example text('OK, nothing moved.'); */
export function text(words: string): Reply {
  return { kind: 'text', text: words };
}

/** The questions suggested when Heard has nothing better to offer. */
export const EXAMPLES: FollowUp[] = [
  { title: "What's due this week?", text: "what's due this week" },
  { title: 'Anything overdue?', text: 'anything overdue?' },
  { title: 'Help', text: 'help' },
];
