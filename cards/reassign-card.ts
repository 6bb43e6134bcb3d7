import { compileCardTemplate, expandCardTemplate, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_INPUTS, ANSWER_VERBS, PEOPLE_DATASET, type ReassignCardModel } from './answer-card-models';
import reassignCardJson from './reassign-card.json';

const reassignTemplate = compileCardTemplate(reassignCardJson);

/**
 * Renders "Reassign…" for one statement: what it is and who has it, a notice in amber
 * when there is one, a people picker — typing searches everyone who may take it
 * (`choices.data`, a `Data.Query` of `PEOPLE_DATASET` the bot answers), with the model's
 * people as static choices for clients without dynamic type-ahead — and Continue, which
 * sends `{ verb: 'reassign.one', statementId, reassignPersonId }` for a preview.
 *
 * @example
 * const card = renderReassignCard({ statementId: 'st_1', title: 'Reassign CR-20430 · AB', lines: ['With Ali Hassan.'],
 *   people: [{ title: 'Sam Patel', value: 'p_sam' }], notice: null });
 */
export function renderReassignCard(model: ReassignCardModel): AdaptiveCardJson {
  return expandCardTemplate(reassignTemplate, {
    statementId: model.statementId,
    title: model.title,
    lines: [...model.lines],
    hasNotice: model.notice !== null,
    notice: model.notice,
    people: model.people.map(({ title, value }) => ({ title, value })),
    peopleDataset: PEOPLE_DATASET,
    verbs: ANSWER_VERBS,
    inputs: ANSWER_INPUTS,
  });
}
