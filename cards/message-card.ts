import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson, type CardTone } from './adaptive-card';
import messageCardJson from './message-card.json';

const messageTemplate = compileCardTemplate(messageCardJson);

/**
 * Renders a short read-only card: a title and a few lines of plain text, no actions.
 * Used for notices such as "not delivered" to the participation team, and for help.
 * The tone colours the title; without one it reads as ordinary text.
 *
 * @example
 * const card = renderMessageCard(
 *   'Statement CR-20417 was not delivered',
 *   ['Teams says Heard is not installed for Sam Patel.', 'Assign it to someone else from the queue.'],
 *   'warning',
 * );
 */
export function renderMessageCard(title: string, lines: readonly string[], tone?: CardTone): AdaptiveCardJson {
  return expandCardTemplate(messageTemplate, {
    title,
    colour: tone === undefined ? 'Default' : TONE_COLOURS[tone],
    lines: [...lines],
  });
}
