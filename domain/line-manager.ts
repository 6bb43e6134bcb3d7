import type { Person } from './person';
import type { DirectoryRepository } from './ports/store.port';

/**
 * A person's line manager: their own (`lineManagerId`), else their team's manager; never
 * themself; null when they have none.
 *
 * @example
 * await lineManagerOf(store.directory, sam); // Priya, who manages Sam's team
 */
export async function lineManagerOf(directory: Pick<DirectoryRepository, 'getPerson' | 'getTeam'>, person: Person): Promise<Person | null> {
  if (person.lineManagerId && person.lineManagerId !== person.id) {
    const manager = await directory.getPerson(person.lineManagerId);
    if (manager) return manager;
  }
  if (!person.teamId) return null;
  const team = await directory.getTeam(person.teamId);
  if (!team?.managerId || team.managerId === person.id) return null;
  return directory.getPerson(team.managerId);
}
