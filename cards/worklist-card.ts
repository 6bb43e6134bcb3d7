import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_VERBS, type FollowUp, type ListQuery, type WorklistCardModel } from './answer-card-models';
import { dayGroupsData, followUpsData, listData, type WorkItemData } from './answer-card-parts';
import worklistCardJson from './worklist-card.json';


const worklistTemplate = compileCardTemplate(worklistCardJson);

/**
 * What `worklist-card.json` binds to: the model's words as they are, plus the decisions
 * already taken (which parts show, which colour, which statement each button acts on),
 * so the template holds no logic worth testing on its own and the verbs come from
 * `ANSWER_VERBS`.
 */
interface WorklistCardData {
  title: string;
  hasSubtitle: boolean;
  subtitle: string | null;
  hasNote: boolean;
  note: { text: string; colour: string } | null;
  showEmpty: boolean;
  empty: string | null;
  groups: { day: string; items: WorkItemData[] }[];
  hasMore: boolean;
  more: string | null;
  list: ListQuery;
  hasFollowUps: boolean;
  followUps: FollowUp[];
  verbs: typeof ANSWER_VERBS;
}

/**
 * Renders a worker's list (due, overdue or unopened): a title, an optional subtitle and
 * note, then each local day with its items. An item shows `CR-20417 · J.B. · My World`,
 * its deadline (red when overdue), the standard beneath, and its buttons. When there
 * are no items the model's `empty` text is shown instead; at most three follow-ups end
 * the card.
 *
 * Each item button sends `{ verb: 'worklist.act', statementId, act, list }`, a case
 * item's record button (`Introduced Mind Of My Own`) `{ verb: 'case.record', obligationId,
 * list }`, and each follow-up `{ verb: 'ask', text }`; none carries inputs, and none
 * grants anything (the handler re-checks who pressed it). `list` lets the handler show
 * the same list again.
 *
 * Size: every item with two buttons adds about 1.5 KB to the card (15 items come to about
 * 22 KB), so the caller cuts long lists at 15 items, and says so in `more`, to stay
 * under Teams' 28 KB.
 *
 * @example
 * const card = renderWorklistCard({
 *   title: 'Due this week', subtitle: '1 item', note: null, empty: null,
 *   groups: [{ day: 'Today, Mon 23 Nov', items: [{
 *     statementId: 'st_1', reference: 'CR-20417', initials: 'J.B.', typeLabel: 'My World',
 *     deadline: 'Open by 14:00 today', state: 'running',
 *     standard: 'momo.2.1 · Recipient downloads or views the statement',
 *     actions: [{ title: 'Download', act: 'download' }, { title: 'Show card', act: 'show' }],
 *   }] }],
 *   more: null, list: { kind: 'due', from: '2026-11-23', to: '2026-11-29' },
 *   followUps: [{ title: "What's overdue?", text: 'overdue' }],
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderWorklistCard(model: WorklistCardModel): AdaptiveCardJson {
  return expandCardTemplate(worklistTemplate, worklistCardData(model));
}

function worklistCardData(model: WorklistCardModel): WorklistCardData {
  const groups = dayGroupsData(model.groups, true);
  return {
    title: model.title,
    hasSubtitle: model.subtitle !== null,
    subtitle: model.subtitle,
    hasNote: model.note !== null,
    note: model.note === null ? null : { text: model.note.text, colour: TONE_COLOURS[model.note.tone] },
    showEmpty: groups.length === 0 && model.empty !== null,
    empty: model.empty,
    groups,
    hasMore: model.more !== null,
    more: model.more,
    list: listData(model.list),
    ...followUpsData(model.followUps),
    verbs: ANSWER_VERBS,
  };
}
