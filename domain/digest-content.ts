import type { Obligation } from './obligation';
import type { Person } from './person';
import type { Statement } from './statement';
import type { QueueEntry, TeamRow, WorkItem } from './worklists';
import type { Standard } from '../standards';

/** A deadline missed: the obligation, its statement and standard, and whose it was (null: a team's). */
export interface BreachItem {
  obligation: Obligation;
  statement: Statement;
  standard: Standard;
  owner: Person | null;
}

/**
 * What one morning digest says, before it is a card: for the participation team, the
 * queue and the breaches since the previous working day; for a manager, the team rows
 * with overdue work; for a worker who opted in, today's items. `date` is the local date.
 *
 * @example
 * const d: DigestContent = { audience: 'worker', date: '2026-11-23', items: [] };
 */
export type DigestContent =
  | { audience: 'participation'; date: string; queue: QueueEntry[]; breaches: BreachItem[]; breachCount: number }
  | { audience: 'manager'; date: string; rows: TeamRow[] }
  | { audience: 'worker'; date: string; items: WorkItem[] };
