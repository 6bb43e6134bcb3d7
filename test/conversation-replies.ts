import type { ActionOutcome, Reply } from '../dialogs/conversation';
import { validateAdaptiveCard } from './validate-card';

/**
 * Reading what the conversation answered, for the tests below the bot: every card is
 * checked against the Adaptive Card 1.5 schema and by the SDK on the way.
 */

/**
 * Every reply (or a press's outcome: the card that replaces, then what is sent) as one
 * string — cards as their JSON — after checking each card is valid.
 *
 * @example expect(words(await conversation.message(sam, 'help'))).toContain('What Heard does');
 */
export function words(replies: Reply[] | ActionOutcome): string {
  const list = Array.isArray(replies) ? replies : [...(replies.replace ? [{ kind: 'card' as const, card: replies.replace }] : []), ...replies.send];
  expect(list.length).toBeGreaterThan(0);
  return list
    .map((r) => {
      if (r.kind === 'card') {
        expect(validateAdaptiveCard(r.card)).toEqual([]);
        return JSON.stringify(r.card);
      }
      return r.kind === 'text' ? r.text : `[statement ${r.statementId}${r.download ? ' download' : ''}]`;
    })
    .join('\n');
}

/**
 * The data of the first Action.Execute with this verb (and title) in the replies.
 *
 * @example await conversation.action(priya, 'flow.confirm', actionData(preview, 'flow.confirm'));
 */
export function actionData(replies: Reply[] | ActionOutcome, verb: string, title?: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  for (const line of words(replies).split('\n').filter((l) => l.startsWith('{'))) {
    JSON.parse(line, (_key, value) => {
      if (value && typeof value === 'object' && value.verb === verb && (!title || value.title === title) && value.type === 'Action.Execute') found.push(value.data);
      return value;
    });
  }
  expect(found.length).toBeGreaterThan(0);
  return found[0];
}
