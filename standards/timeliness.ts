/** Where an obligation stands. @example const s: Timeliness = 'overdue'; */
export type Timeliness = 'open' | 'overdue' | 'on-time' | 'late';

/**
 * Work completed at `completedAt` is on time when `completedAt ≤ due` and late otherwise;
 * an open obligation is overdue at every instant after its due instant. (A recurring
 * standard's next due instant is its clock applied to the last occurrence: `dueInstant`
 * with the occurrence as trigger.)
 *
 * @example
 * timeliness(due, { completedAt: due }); // 'on-time'
 * timeliness(due, { now: due + 1 }); // 'overdue'
 */
export function timeliness(due: number, state: { completedAt: number } | { now: number }): Timeliness {
  if ('completedAt' in state) return state.completedAt <= due ? 'on-time' : 'late';
  return state.now > due ? 'overdue' : 'open';
}
