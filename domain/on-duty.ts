import type { DutyRole } from './duty-rota';
import type { Person } from './person';
import type { DirectoryRepository, RotaRepository } from './ports/store.port';

/**
 * The people on duty in `role` at instant `at`, earliest shift first, each once (someone
 * no longer in the directory is left out).
 *
 * @example
 * await peopleOnDuty(store, 'duty-manager', now); // [Nia] on the weekend rota
 */
export async function peopleOnDuty(store: { rota: RotaRepository; directory: DirectoryRepository }, role: DutyRole, at: number): Promise<Person[]> {
  const people: Person[] = [];
  for (const shift of await store.rota.onDutyAt(role, at)) {
    const person = await store.directory.getPerson(shift.personId);
    if (person && !people.some((p) => p.id === person.id)) people.push(person);
  }
  return people;
}
