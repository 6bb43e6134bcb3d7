import type { FollowUp, ListQuery, WorkItemAct, WorkItemModel } from './answer-card-models';
import { joinHeading } from './work-item-words';

/** Follow-up buttons shown at most: more would wrap into a second row on a phone. */
const MAX_FOLLOW_UPS = 3;

/** The colour of a deadline or clock line: red once it is overdue. */
export const DEADLINE_COLOURS: Readonly<Record<'running' | 'overdue', 'Default' | 'Attention'>> = {
  running: 'Default',
  overdue: 'Attention',
};

/** A work item as the worklist and drill-down templates bind it. */
export interface WorkItemData {
  /** The statement it runs on; empty for a case's or a member of staff's (no Reassign… then). */
  statementId: string;
  /** `CR-20417 · J.B. · My World`, `C-10442 · AB · Case`, `Sam Patel · Staff`. */
  heading: string;
  deadline: string;
  deadlineColour: string;
  standard: string;
  hasActions: boolean;
  actions: { title: string; act: WorkItemAct; statementId: string }[];
  hasRecord: boolean;
  record: string | null;
  obligationId: string;
}

/**
 * Days of work items as the templates bind them: a day with nothing in it is left out
 * (it would be a heading over nothing), overdue deadlines are red, and each button knows
 * its statement (or, recording from Teams, its obligation). Without `withActions` (a
 * manager's read-only view) no button is shown.
 *
 * @example
 * dayGroupsData(model.groups, true)[0].items[0].deadlineColour; // 'Attention' when overdue
 */
export function dayGroupsData(groups: { day: string; items: WorkItemModel[] }[], withActions: boolean): { day: string; items: WorkItemData[] }[] {
  return groups
    .filter((group) => group.items.length > 0)
    .map((group) => ({
      day: group.day,
      items: group.items.map((item) => {
        const actions = withActions ? item.actions.map(({ title, act }) => ({ title, act, statementId: item.statementId })) : [];
        const record = withActions ? item.record : null;
        return {
          statementId: item.statementId,
          heading: joinHeading(item),
          deadline: item.deadline,
          deadlineColour: DEADLINE_COLOURS[item.state],
          standard: item.standard,
          hasActions: actions.length > 0 || record !== null,
          actions,
          hasRecord: record !== null,
          record,
          obligationId: item.obligationId,
        };
      }),
    }));
}

/**
 * The follow-up buttons a card shows (at most three) and whether it shows any.
 *
 * @example
 * followUpsData([{ title: 'Overdue', text: 'anything overdue?' }]).hasFollowUps; // true
 */
export function followUpsData(followUps: FollowUp[]): { hasFollowUps: boolean; followUps: FollowUp[] } {
  const shown = followUps.slice(0, MAX_FOLLOW_UPS).map(({ title, text }) => ({ title, text }));
  return { hasFollowUps: shown.length > 0, followUps: shown };
}

/** A copy of the list a card's buttons carry, with exactly its three keys. @example listData(model.list) */
export function listData(list: ListQuery): ListQuery {
  return { kind: list.kind, from: list.from, to: list.to };
}
