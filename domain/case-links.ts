import { z } from 'zod';
import type { Case } from './case';
import type { ImportProblem } from './directory-import';
import type { Repositories } from './ports/store.port';
import type { Statement } from './statement';

/**
 * Which case a statement belongs to. A statement's child reference is the case reference
 * in the council's case system when the Mind Of My Own portal is set up with it; where the
 * council's references differ, the administrator imports a mapping from child reference to
 * case reference (`heard import child-references`). A statement whose child has no case
 * stays as it is: nothing here changes a statement.
 */

/** The settings key of the imported mapping. */
export const CHILD_REFERENCES_KEY = 'child-references';

/** The columns of the mapping file. @example CHILD_REFERENCE_COLUMNS; // ['child_reference', 'case_ref'] */
export const CHILD_REFERENCE_COLUMNS = ['child_reference', 'case_ref'] as const;

/** Most rows one mapping may hold (it is kept as one settings document). */
export const MAX_CHILD_REFERENCES = 50_000;

/** As statements' child references and case references are checked at intake. */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const reference = (what: string) =>
  z
    .string({ error: `is required (${what})` })
    .trim()
    .min(1, `is required (${what})`)
    .max(64, 'must be at most 64 characters')
    .pipe(z.string().regex(REFERENCE, 'must be letters, digits or . _ : / - (a reference, never a name)'));

const RowSchema = z.object({ child_reference: reference('the child reference the Mind Of My Own portal uses'), case_ref: reference('the case reference in the case system') });

/**
 * The mapping as stored: one entry per child reference.
 *
 * @example
 * const m: ChildReferenceMap = { entries: [{ childReference: 'MOMO-77', caseRef: 'C-10442' }], importedAt: 1795255200 };
 */
export interface ChildReferenceMap {
  entries: { childReference: string; caseRef: string }[];
  importedAt: number;
}

/**
 * Checks every row of a mapping file (the line each came from): both references present
 * and well formed, each child reference once. All problems are reported; nothing is kept
 * unless every row is right.
 *
 * @example
 * validateChildReferences([{ line: 2, row: { child_reference: 'MOMO-77', case_ref: 'C-10442' } }], 1795255200);
 * // { ok: true, value: { entries: [{ childReference: 'MOMO-77', caseRef: 'C-10442' }], importedAt: 1795255200 } }
 */
export function validateChildReferences(rows: { line: number; row: unknown }[], now: number): { ok: true; value: ChildReferenceMap } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const entries: ChildReferenceMap['entries'] = [];
  if (rows.length > MAX_CHILD_REFERENCES) return { ok: false, problems: [{ line: rows[MAX_CHILD_REFERENCES].line, field: null, message: `a mapping holds at most ${MAX_CHILD_REFERENCES} rows` }] };
  for (const { line, row } of rows) {
    const parsed = RowSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, field: issue.path.length > 0 ? String(issue.path[0]) : null, message: issue.message });
      continue;
    }
    const { child_reference: childReference, case_ref: caseRef } = parsed.data;
    const first = seen.get(childReference);
    if (first !== undefined) {
      problems.push({ line, field: 'child_reference', message: `is already mapped on line ${first}: a child reference belongs to one case` });
      continue;
    }
    seen.set(childReference, line);
    entries.push({ childReference, caseRef });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { entries, importedAt: now } };
}

/**
 * Reads the links between statements and cases.
 *
 * @example
 * const links = await CaseLinks.load(store);
 * links.caseRefOf(statement); // 'C-10442'
 */
export class CaseLinks {
  private constructor(
    private readonly toCase: ReadonlyMap<string, string>,
    private readonly toChildren: ReadonlyMap<string, string[]>,
  ) {}

  /** The links as the store holds them now (the imported mapping, if any). */
  static async load(store: Pick<Repositories, 'settings'>): Promise<CaseLinks> {
    const stored = (await store.settings.get(CHILD_REFERENCES_KEY)) as ChildReferenceMap | null;
    const toCase = new Map<string, string>();
    const toChildren = new Map<string, string[]>();
    for (const { childReference, caseRef } of stored?.entries ?? []) {
      toCase.set(childReference, caseRef);
      toChildren.set(caseRef, [...(toChildren.get(caseRef) ?? []), childReference]);
    }
    return new CaseLinks(toCase, toChildren);
  }

  /** The case reference a child reference belongs to: the mapping's, else the reference itself. */
  caseRefOf(childReference: string): string {
    return this.toCase.get(childReference) ?? childReference;
  }

  /** Every child reference whose statements belong to the case: its own, and those mapped to it. */
  childReferencesOf(caseRef: string): string[] {
    const mapped = this.toChildren.get(caseRef) ?? [];
    // A reference mapped to another case is that case's, not this one's.
    return this.toCase.has(caseRef) ? mapped : [caseRef, ...mapped.filter((r) => r !== caseRef)];
  }

  /** The case a statement belongs to, or null when its child has none (or it is an unidentified young person's). */
  async caseOf(store: Pick<Repositories, 'cases'>, statement: Statement): Promise<Case | null> {
    if (statement.flags.unidentified) return null;
    return store.cases.getByRef(this.caseRefOf(statement.child.reference));
  }

  /** The statements of a case's child, oldest sent first (at most `limit` per child reference). */
  async statementsOf(store: Pick<Repositories, 'statements'>, caseRef: string, limit?: number): Promise<Statement[]> {
    const all: Statement[] = [];
    for (const ref of this.childReferencesOf(caseRef)) all.push(...(await store.statements.listForChild(ref, limit)));
    return all.filter((s) => !s.flags.unidentified).sort((a, b) => a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
