import { randomUUID } from 'crypto';
import { DIRECTORY_COLUMNS, validateDirectoryImport, type ImportProblem } from '../domain/directory-import';
import type { Store } from '../domain/ports/store.port';
import { readImportFile } from './read-csv';
import { UsageError } from './usage-error';

/**
 * `heard import people <file>`: validates the whole file, then stores every person and
 * team in one transaction, or nothing.
 *
 * @example
 * await importPeople('people.csv', store); // { imported: 12, teams: 2 }
 */
export async function importPeople(
  file: string,
  store: Store,
  now: number,
): Promise<{ ok: true; imported: number; teams: number } | { ok: false; problems: ImportProblem[] }> {
  const rows = readImportFile(file, DIRECTORY_COLUMNS, 'people');
  if (rows.length === 0) throw new UsageError(`${file} has no people in it`);
  // Whoever is already in the directory keeps their id: people are found again by e-mail address.
  const known = new Map((await store.directory.listPeople()).map((p) => [p.email.trim().toLowerCase(), p.id]));
  const result = validateDirectoryImport(rows, known);
  if (!result.ok) return result;
  await store.transaction(async (tx) => {
    await tx.directory.upsert(result.value.people, result.value.teams);
    await tx.audit.append({
      id: `au_${randomUUID()}`,
      at: now,
      actor: { kind: 'system', id: 'cli' },
      action: 'directory-imported',
      statementId: null,
      channel: 'cli',
      details: { people: result.value.people.length, teams: result.value.teams.length },
    });
  });
  return { ok: true, imported: result.value.people.length, teams: result.value.teams.length };
}
