import type { Person } from './person';
import type { QueueEntry, TeamRow, UnallocatedRow, WorkItem } from './worklists';

/**
 * A deadline missed, or found already missed: the work item (statement, case or member
 * of staff, with its obligation and standard) and whose it was (null: a team's, or a role
 * nobody in the directory holds).
 *
 * @example const b: BreachItem = { item, owner: sam };
 */
export interface BreachItem {
  item: WorkItem;
  owner: Person | null;
}

/**
 * What one morning digest says, before it is a card: for the participation team, the
 * queue and the breaches since the previous working day (statements', and the Mind Of My
 * Own standards' on cases); for a manager, the team rows with overdue work, the team's
 * case work nobody holds, and — once — the case work found already overdue when Heard
 * first heard of it (a go-live history sends no storm of escalations, so it is reported
 * here); for a worker who opted in, today's items. `date` is the local date.
 *
 * @example
 * const d: DigestContent = { audience: 'worker', date: '2026-11-23', items: [] };
 */
export type DigestContent =
  | { audience: 'participation'; date: string; queue: QueueEntry[]; breaches: BreachItem[]; breachCount: number }
  | { audience: 'manager'; date: string; rows: TeamRow[]; unallocated: UnallocatedRow; foundOverdue: { count: number; items: BreachItem[] } }
  | { audience: 'worker'; date: string; items: WorkItem[] };
