/** People, teams and absences: who gets which statement and who covers for whom. */

/**
 * The roles Heard knows. The duty officer and duty manager are on the duty rota
 * (domain/duty-rota.ts), which says who holds the role at a given moment.
 *
 * @example ROLES.includes('manager'); // true
 */
export const ROLES = ['worker', 'manager', 'participation', 'complaints-officer', 'head-of-service', 'duty-manager', 'duty-officer', 'admin'] as const;

/** @example const r: Role = 'worker'; */
export type Role = (typeof ROLES)[number];

/** @example const p: Person = { id: 'p_sam', aadObjectId: null, name: 'Sam Example', email: 'sam@example.org', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' }; */
export interface Person {
  id: string;
  /** The Teams (Entra ID) object id: how an action is tied to a person. */
  aadObjectId: string | null;
  name: string;
  email: string;
  roles: Role[];
  teamId: string | null;
  lineManagerId: string | null;
}

/**
 * Orders people by name as a reader expects (case and accents aside), then by id so the
 * order is stable.
 *
 * @example
 * people.sort(byName);
 */
export function byName(a: Person, b: Person): number {
  return a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** @example const t: Team = { id: 't_north', name: 'North CiC team', managerId: 'p_priya' }; */
export interface Team {
  id: string;
  name: string;
  managerId: string | null;
}

/**
 * Someone away from work between two local dates (inclusive), with an optional cover.
 *
 * @example
 * const a: Absence = { id: 'ab_1', personId: 'p_sam', from: '2026-11-23', until: '2026-11-27', coverId: 'p_ali' };
 */
export interface Absence {
  id: string;
  personId: string;
  from: string;
  until: string;
  coverId: string | null;
}
