import type { Person } from '../domain/person';
import type { DirectoryRepository } from '../domain/ports/store.port';

/**
 * The one person a name means in the directory: the full name, else a first or last name
 * that only one person has. Otherwise null, with what went wrong added to `problems`
 * ("I can't find…", "More than one person is called…").
 *
 * @example
 * await findPerson(store.directory, 'ali', problems); // Ali Worker, when only one Ali
 */
export async function findPerson(directory: Pick<DirectoryRepository, 'listPeople'>, name: string, problems: string[]): Promise<Person | null> {
  const wanted = name.toLowerCase().replace(/\s+/g, ' ').trim();
  if (wanted === '') return null;
  const people = await directory.listPeople();
  const full = people.filter((p) => p.name.toLowerCase() === wanted);
  const matches = full.length > 0 ? full : people.filter((p) => p.name.toLowerCase().split(' ').includes(wanted) || p.name.toLowerCase().startsWith(`${wanted} `));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) problems.push(`I can't find "${name}" in the directory.`);
  else problems.push(`More than one person is called "${name}": ${matches.map((p) => p.name).join(', ')}. Say the full name.`);
  return null;
}
