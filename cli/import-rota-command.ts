import { randomUUID } from 'crypto';
import type { ImportProblem } from '../domain/directory-import';
import { ROTA_COLUMNS, validateRotaImport } from '../domain/duty-rota';
import { loadOrganisation } from '../domain/organisation';
import type { Store } from '../domain/ports/store.port';
import { formatInstant } from '../standards';
import { readImportFile } from './read-csv';
import { UsageError } from './usage-error';

/**
 * `heard import rota <file>`: the duty rota (who is duty officer and duty manager when),
 * as CSV (`role,email,from,until`) or a JSON array of the same keys. Times are local to the
 * council's calendar (`2026-11-20 17:00`) or instants with an offset. The whole file is
 * checked first; then, in one transaction, it replaces the shifts of its roles that start
 * in the period it covers (so importing next month's rota leaves this month's alone, and
 * importing the same file twice changes nothing), and the import is audited.
 *
 * @example
 * await importRota('rota.csv', store, now); // { imported: 8, roles: ['duty-manager', 'duty-officer'], from: '2026-11-20T17:00:00Z', until: '2026-11-30T09:00:00Z' }
 */
export async function importRota(
  file: string,
  store: Store,
  now: number,
): Promise<{ ok: true; imported: number; roles: string[]; from: string; until: string } | { ok: false; problems: ImportProblem[] }> {
  const rows = readImportFile(file, ROTA_COLUMNS, 'shifts');
  if (rows.length === 0) throw new UsageError(`${file} has no shifts in it`);
  const { calendar } = await loadOrganisation(store.settings);
  const result = validateRotaImport(rows, await store.directory.listPeople(), calendar);
  if (!result.ok) return result;
  const { shifts, roles, from, until } = result.value;
  await store.transaction(async (tx) => {
    await tx.rota.replace({ roles, from, until }, shifts);
    await tx.audit.append({
      id: `au_${randomUUID()}`,
      at: now,
      actor: { kind: 'system', id: 'cli' },
      action: 'rota-imported',
      statementId: null,
      channel: 'cli',
      details: { shifts: shifts.length, roles: roles.join(','), from, until },
    });
  });
  return { ok: true, imported: shifts.length, roles: [...roles], from: formatInstant(from), until: formatInstant(until) };
}
