import * as fs from 'fs';
import * as path from 'path';
import type { ImportProblem } from '../domain/directory-import';
import { loadOrganisation } from '../domain/organisation';
import type { Store } from '../domain/ports/store.port';
import { PORTAL_EXPORT_COLUMNS, validatePortalExport } from '../domain/portal-export';
import { StatementService } from '../domain/statement-service';
import { readCsv } from './read-csv';
import { UsageError } from './usage-error';

/** Largest PDF read from an export, as for the intake API. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;

/**
 * `heard import statements <portal-export.csv>`: checks every row and its PDF first, then
 * receives each statement exactly as the intake API does (idempotent on the statement
 * id, so an export can be imported again safely).
 *
 * @example
 * await importStatements('export.csv', store, () => Math.floor(Date.now() / 1000));
 */
export async function importStatements(
  file: string,
  store: Store,
  now: () => number,
): Promise<{ ok: true; received: number; created: number; alreadyReceived: number } | { ok: false; problems: ImportProblem[] }> {
  const validated = validatePortalExport(readCsv(file, PORTAL_EXPORT_COLUMNS), now());
  if (!validated.ok) return validated;
  if (validated.rows.length === 0) throw new UsageError(`${file} has no statements in it`);

  const problems: ImportProblem[] = [];
  const pdfs = new Map<number, Buffer>();
  for (const row of validated.rows) {
    if (row.pdfFile === null) continue;
    const pdfPath = path.resolve(path.dirname(file), row.pdfFile);
    if (!fs.existsSync(pdfPath)) {
      problems.push({ line: row.line, field: 'pdf_file', message: `no such file: ${row.pdfFile}` });
      continue;
    }
    const size = fs.statSync(pdfPath).size;
    if (size > MAX_PDF_BYTES) {
      problems.push({ line: row.line, field: 'pdf_file', message: `is ${size} bytes; the limit is ${MAX_PDF_BYTES}` });
      continue;
    }
    const pdf = fs.readFileSync(pdfPath);
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      problems.push({ line: row.line, field: 'pdf_file', message: 'is not a PDF' });
      continue;
    }
    pdfs.set(row.line, pdf);
  }
  if (problems.length > 0) return { ok: false, problems };

  const org = await loadOrganisation(store.settings);
  const service = new StatementService({ store, standards: org.standards, packs: org.packs, calendar: org.calendar, nudgePolicy: org.nudgePolicy, now });
  let created = 0;
  for (const row of validated.rows) {
    const result = await service.receive({ ...row.request, pdf: pdfs.get(row.line) ?? null }, 'csv');
    if (result.created) created++;
  }
  return { ok: true, received: validated.rows.length, created, alreadyReceived: validated.rows.length - created };
}
