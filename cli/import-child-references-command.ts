import { randomUUID } from 'crypto';
import { CHILD_REFERENCE_COLUMNS, CHILD_REFERENCES_KEY, validateChildReferences } from '../domain/case-links';
import type { ImportProblem } from '../domain/directory-import';
import type { Store } from '../domain/ports/store.port';
import { readImportFile } from './read-csv';
import { UsageError } from './usage-error';

/**
 * `heard import child-references <file>`: where the Mind Of My Own portal's child
 * references differ from the case system's, the mapping that links each child's
 * statements to their case. Every row is checked first; the file replaces the mapping in
 * one transaction, audited, or nothing changes.
 *
 * @example
 * await importChildReferences('child-references.csv', store, now); // { ok: true, mapped: 120, cases: 118 }
 */
export async function importChildReferences(
  file: string,
  store: Store,
  now: number,
): Promise<{ ok: true; mapped: number; cases: number } | { ok: false; problems: ImportProblem[] }> {
  const rows = readImportFile(file, CHILD_REFERENCE_COLUMNS, 'child references');
  if (rows.length === 0) throw new UsageError(`${file} has no child references in it`);
  const result = validateChildReferences(rows, now);
  if (!result.ok) return result;
  const cases = new Set(result.value.entries.map((e) => e.caseRef)).size;
  await store.transaction(async (tx) => {
    const before = (await tx.settings.get(CHILD_REFERENCES_KEY)) as { entries?: unknown[] } | null;
    await tx.settings.set(CHILD_REFERENCES_KEY, result.value);
    await tx.audit.append({
      id: `au_${randomUUID()}`,
      at: now,
      actor: { kind: 'system', id: 'cli' },
      action: 'child-references-imported',
      statementId: null,
      channel: 'cli',
      details: { mapped: result.value.entries.length, cases, replaced: before?.entries?.length ?? 0 },
    });
  });
  return { ok: true, mapped: result.value.entries.length, cases };
}
