import { compileCardTemplate, expandCardTemplate, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_VERBS, type ConfirmCardModel } from './answer-card-models';
import confirmCardJson from './confirm-card.json';

const confirmTemplate = compileCardTemplate(confirmCardJson);

/**
 * What `confirm-card.json` binds to: the model's words as they are, plus the decisions
 * already taken (which parts show, which button is the positive one), with the verbs
 * from `ANSWER_VERBS`.
 */
interface ConfirmCardData {
  flowId: string;
  title: string;
  lines: string[];
  hasWarning: boolean;
  warning: string | null;
  hasItems: boolean;
  items: string[];
  hasMore: boolean;
  more: string | null;
  choices: { title: string; choice: string; style: 'positive' | 'default' }[];
  cancelTitle: string;
  verbs: typeof ANSWER_VERBS;
}

/**
 * Renders the preview of a multi-turn flow (reassign, away, a broadcast) before anything
 * changes: the question, its lines, a warning in amber when there is one (the new holder
 * is away; a message to many people), what will move as a bulleted list (all the items the model gives,
 * then its `more` line), and the buttons — one per choice, the first one positive, each
 * sending `{ verb: 'flow.confirm', flowId, choice }`, then the cancel button sending
 * `{ verb: 'flow.cancel', flowId }`. The model gives one or two choices: with the cancel
 * button that stays within the five buttons a phone shows.
 *
 * @example
 * const card = renderConfirmCard({
 *   flowId: 'fl_1', title: 'Move 3 statements from Sam Patel to Priya Shah?',
 *   lines: ['Until Fri 27 Nov: new statements for Sam go to Priya too.'],
 *   items: ['CR-20417 J.B. · Open by 14:00 today'], more: null, warning: null,
 *   choices: [{ title: 'Move them', choice: 'confirm' }], cancelTitle: 'Cancel',
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderConfirmCard(model: ConfirmCardModel): AdaptiveCardJson {
  return expandCardTemplate(confirmTemplate, confirmCardData(model));
}

function confirmCardData(model: ConfirmCardModel): ConfirmCardData {
  return {
    flowId: model.flowId,
    title: model.title,
    lines: [...model.lines],
    hasWarning: model.warning !== null,
    warning: model.warning,
    hasItems: model.items.length > 0,
    items: [...model.items],
    hasMore: model.more !== null,
    more: model.more,
    choices: model.choices.map(({ title, choice }, i) => ({ title, choice, style: i === 0 ? 'positive' : 'default' })),
    cancelTitle: model.cancelTitle,
    verbs: ANSWER_VERBS,
  };
}
