import { compileCardTemplate, expandCardTemplate, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_INPUTS, ANSWER_VERBS, PEOPLE_DATASET, type FollowUp, type QueueCardModel } from './answer-card-models';
import { DEADLINE_COLOURS, followUpsData } from './answer-card-parts';
import queueCardJson from './queue-card.json';


const queueTemplate = compileCardTemplate(queueCardJson);

/**
 * What `queue-card.json` binds to: the model's words as they are, plus the decisions
 * already taken (which parts show, which colour, the form's choices), with the verbs
 * from `ANSWER_VERBS` and the input ids from `ANSWER_INPUTS`.
 */
interface QueueCardData {
  title: string;
  hasSubtitle: boolean;
  subtitle: string | null;
  showEmpty: boolean;
  empty: string | null;
  hasItems: boolean;
  items: {
    reference: string;
    initials: string;
    typeLabel: string;
    clock: string;
    clockColour: string;
    hasProblem: boolean;
    problem: string | null;
    hasHandedBack: boolean;
    handedBack: string | null;
    hasUndo: boolean;
    undoTitle: string | null;
    statementId: string;
  }[];
  hasMore: boolean;
  more: string | null;
  showAssign: boolean;
  statementChoices: { title: string; value: string }[];
  /** Chosen already when there is only one statement to assign; `null` leaves the input empty. */
  onlyStatementId: string | null;
  assignees: { title: string; value: string }[];
  peopleDataset: string;
  hasAwayWarning: boolean;
  awayText: string | null;
  awayChoices: { title: string; statementId: string; personId: string }[];
  hasFollowUps: boolean;
  followUps: FollowUp[];
  verbs: typeof ANSWER_VERBS;
  inputs: typeof ANSWER_INPUTS;
}

/**
 * Renders the participation queue: a title and optional subtitle, then each statement
 * waiting for the team, oldest first — `CR-20417 · J.B. · My World`, its clock (red when
 * overdue), the problem if it has one (e.g. `Card not delivered to Sam Patel`) in amber,
 * and for one handed back who handed it back and why, with "Give back to Sam"
 * (`handback.undo`). A warning that the person chosen is away comes with "Assign anyway"
 * and, when someone covers, an assign to the cover (`confirmAway: true`). When there are
 * items and people to choose, one form assigns any of them: a statement (`CR-20417
 * J.B.`, chosen already when it is the only one), a person — a people picker: typing
 * searches everyone who may take it (`choices.data`, a `Data.Query` of
 * `PEOPLE_DATASET` answered by the bot), with the model's people as static choices for
 * clients without dynamic type-ahead — both required, and "Assign", which sends
 * `{ verb: 'queue.assign', queueStatementId, queuePersonId }`. At most three follow-ups
 * end the card; they send no inputs, so an unfinished form does not stop them.
 *
 * 30 items with 40 people to choose from come to about 16 KB, under Teams' 28 KB.
 *
 * @example
 * const card = renderQueueCard({
 *   title: 'Unassigned statements', subtitle: '1 waiting', empty: null,
 *   items: [{ statementId: 'st_1', reference: 'CR-20417', initials: 'J.B.', typeLabel: 'My World',
 *     clock: 'Assign by 15:00 today · momo.1.1, 5 working hours', state: 'running', problem: null, handedBack: null, undo: null }],
 *   more: null, assignees: [{ title: 'Sam Patel', value: 'p_sam' }], awayWarning: null, followUps: [],
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderQueueCard(model: QueueCardModel): AdaptiveCardJson {
  return expandCardTemplate(queueTemplate, queueCardData(model));
}

/** "Assign to Ali anyway" and, when someone covers, "Assign to Sam (covering)". */
function awayChoices(warning: QueueCardModel['awayWarning']): QueueCardData['awayChoices'] {
  if (!warning) return [];
  const choices = [{ title: 'Assign anyway', statementId: warning.statementId, personId: warning.personId }];
  if (warning.coverId && warning.coverTitle) choices.push({ title: warning.coverTitle, statementId: warning.statementId, personId: warning.coverId });
  return choices;
}

function queueCardData(model: QueueCardModel): QueueCardData {
  // An empty choice set is not a valid card, so with nobody to choose there is no form.
  const showAssign = model.items.length > 0 && model.assignees.length > 0;
  return {
    title: model.title,
    hasSubtitle: model.subtitle !== null,
    subtitle: model.subtitle,
    showEmpty: model.items.length === 0 && model.empty !== null,
    empty: model.empty,
    hasItems: model.items.length > 0,
    items: model.items.map((item) => ({
      reference: item.reference,
      initials: item.initials,
      typeLabel: item.typeLabel,
      clock: item.clock,
      clockColour: DEADLINE_COLOURS[item.state],
      hasProblem: item.problem !== null,
      problem: item.problem,
      hasHandedBack: item.handedBack !== null,
      handedBack: item.handedBack,
      hasUndo: item.undo !== null,
      undoTitle: item.undo?.title ?? null,
      statementId: item.statementId,
    })),
    hasMore: model.more !== null,
    more: model.more,
    showAssign,
    statementChoices: model.items.map((item) => ({ title: `${item.reference} ${item.initials}`, value: item.statementId })),
    onlyStatementId: model.items.length === 1 ? model.items[0].statementId : null,
    assignees: model.assignees.map(({ title, value }) => ({ title, value })),
    peopleDataset: PEOPLE_DATASET,
    hasAwayWarning: model.awayWarning !== null,
    awayText: model.awayWarning?.text ?? null,
    awayChoices: awayChoices(model.awayWarning),
    ...followUpsData(model.followUps),
    verbs: ANSWER_VERBS,
    inputs: ANSWER_INPUTS,
  };
}
