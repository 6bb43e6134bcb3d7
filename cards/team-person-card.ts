import { compileCardTemplate, expandCardTemplate, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_VERBS, type ListQuery, type TeamPersonCardModel } from './answer-card-models';
import { dayGroupsData, listData, type WorkItemData } from './answer-card-parts';
import teamPersonCardJson from './team-person-card.json';


const teamPersonTemplate = compileCardTemplate(teamPersonCardJson);

/**
 * What `team-person-card.json` binds to: the model's words as they are, plus the
 * decisions already taken (which parts show, which colour), with the verbs from
 * `ANSWER_VERBS`.
 */
interface TeamPersonCardData {
  title: string;
  hasSubtitle: boolean;
  subtitle: string | null;
  showEmpty: boolean;
  empty: string | null;
  groups: { day: string; items: WorkItemData[] }[];
  hasMore: boolean;
  more: string | null;
  list: ListQuery;
  reassign: boolean;
  verbs: typeof ANSWER_VERBS;
}

/**
 * Renders a manager's drill-down into one person's items: laid out like the worker's own
 * list (each day, then `CR-20417 · J.B. · My World`, the deadline, red when overdue, and
 * the standard) but read-only — the items' own buttons are not shown, whatever the model
 * holds — except, for someone who may move the person's work (`reassign`), "Reassign…"
 * on each item (`{ verb: 'reassign.one', statementId }`, which answers with a people
 * picker); and one "Back to the team" button that sends `{ verb: 'team.back', list }`.
 *
 * @example
 * const card = renderTeamPersonCard({
 *   title: 'Sam Patel: due this week', subtitle: '1 item, soonest first', empty: null,
 *   groups: [{ day: 'Today, Mon 23 Nov', items: [{
 *     statementId: 'st_1', reference: 'CR-20417', initials: 'J.B.', typeLabel: 'My World',
 *     deadline: 'Open by 14:00 today', state: 'running',
 *     standard: 'momo.2.1 · Recipient downloads or views the statement', actions: [],
 *   }] }],
 *   more: null, list: { kind: 'due', from: '2026-11-23', to: '2026-11-29' }, reassign: true,
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderTeamPersonCard(model: TeamPersonCardModel): AdaptiveCardJson {
  return expandCardTemplate(teamPersonTemplate, teamPersonCardData(model));
}

function teamPersonCardData(model: TeamPersonCardModel): TeamPersonCardData {
  const groups = dayGroupsData(model.groups, false);
  return {
    title: model.title,
    hasSubtitle: model.subtitle !== null,
    subtitle: model.subtitle,
    showEmpty: groups.length === 0 && model.empty !== null,
    empty: model.empty,
    groups,
    hasMore: model.more !== null,
    more: model.more,
    list: listData(model.list),
    reassign: model.reassign,
    verbs: ANSWER_VERBS,
  };
}
