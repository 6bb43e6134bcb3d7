import { randomUUID } from 'crypto';
import * as fs from 'fs';
import { DIRECTORY_COLUMNS, validateDirectoryImport, type ImportProblem } from '../domain/directory-import';
import type { Store } from '../domain/ports/store.port';
import { readCsv } from './read-csv';
import { UsageError } from './usage-error';

/** Rows of a people file with the line each came from (CSV: the header is line 1; JSON: item n is "line" n). */
export function readPeopleFile(file: string): { line: number; row: unknown }[] {
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  if (file.toLowerCase().endsWith('.json')) {
    const text = fs.readFileSync(file, 'utf8');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(data)) throw new UsageError(`${file} must hold a JSON array of people`);
    return data.map((row, i) => ({ line: i + 1, row }));
  }
  return readCsv(file, DIRECTORY_COLUMNS);
}

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
  const rows = readPeopleFile(file);
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
