import type { Person } from '../domain/person';
import type { Permissions } from '../domain/permissions';
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
  if (name.trim() === '') return null;
  const matches = await peopleNamed(directory, name);
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) problems.push(`I can't find "${name}" in the directory.`);
  else problems.push(`More than one person is called "${name}": ${matches.map((p) => p.name).join(', ')}. Say the full name.`);
  return null;
}

/**
 * The colleague a question names, among the people `actor` may see the work of
 * (domain/permissions.ts `maySeeListOf`: their own, the people they manage, everyone for
 * the head of service and the participation team). Anyone else — and a name nobody has —
 * gets the same `refusal`, which says nothing of whether that person exists.
 *
 * @example
 * await colleagueNamed(permissions, store.directory, priya, 'Ali'); // { person: Ali Worker }
 */
export async function colleagueNamed(
  permissions: Pick<Permissions, 'maySeeListOf'>,
  directory: Pick<DirectoryRepository, 'listPeople'>,
  actor: Person,
  name: string,
): Promise<{ person: Person; refusal: null } | { person: null; refusal: string }> {
  const named = await peopleNamed(directory, name);
  const visible: Person[] = [];
  for (const p of named) if (await permissions.maySeeListOf(actor, p)) visible.push(p);
  if (visible.length === 1) return { person: visible[0], refusal: null };
  if (visible.length > 1) return { person: null, refusal: `More than one person you manage is called "${name}": ${visible.map((p) => p.name).join(', ')}. Say the full name.` };
  return { person: null, refusal: `I can only show you the work of people you manage, so I can't answer that about "${name}". Ask "what's due for my team?" for the people you manage.` };
}

/** Everyone a name may mean: those with that full name, else those with it as a first or last name. */
async function peopleNamed(directory: Pick<DirectoryRepository, 'listPeople'>, name: string): Promise<Person[]> {
  const wanted = name.toLowerCase().replace(/\s+/g, ' ').trim();
  const people = await directory.listPeople();
  const full = people.filter((p) => p.name.toLowerCase() === wanted);
  return full.length > 0 ? full : people.filter((p) => p.name.toLowerCase().split(' ').includes(wanted) || p.name.toLowerCase().startsWith(`${wanted} `));
}
