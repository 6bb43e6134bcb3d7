import { createHash, randomBytes } from 'crypto';
import { z } from 'zod';
import { ROLES, type Person, type Role, type Team } from './person';

/**
 * Validating a directory import (people with their roles, teams and line managers) as a
 * whole: every problem is reported with its line, and an import with any problem
 * imports nothing.
 */

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'is not an e-mail address' }));

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? null : v));

/** One row as read from CSV or JSON (keys as in the CSV header). */
const RowSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1, 'is empty').max(200, 'is longer than 200 characters'),
    roles: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : v.split(/[;|]/)).map((r) => r.trim().toLowerCase()).filter((r) => r !== ''))
      .pipe(z.array(z.enum(ROLES, { message: `must be among ${ROLES.join(', ')}` })).min(1, 'needs at least one role')),
    team: optionalText,
    line_manager_email: optionalText.pipe(z.union([z.null(), emailSchema])),
    aad_object_id: optionalText.pipe(
      z.union([z.null(), z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a Teams (Entra ID) object id, a GUID')]),
    ),
  })
  .strict();

/** The CSV header Heard expects. @example DIRECTORY_COLUMNS.join(','); */
export const DIRECTORY_COLUMNS = ['email', 'name', 'roles', 'team', 'line_manager_email', 'aad_object_id'] as const;

/** A validated import, ready to store. */
export interface DirectoryImport {
  people: Person[];
  teams: Team[];
}

/** A problem with one line (1-based, as an editor shows it; the CSV header is line 1). */
export interface ImportProblem {
  line: number;
  field: string | null;
  message: string;
}

/**
 * A new person's id: random, so it says nothing about who the person is (ids are what
 * logs and the audit trail carry; an id derived from an e-mail address could be
 * reversed by hashing the staff list). An id is made once, when a person first enters
 * the directory; importing them again finds them by e-mail address and keeps it.
 *
 * @example
 * newPersonId(); // 'p_9f2c4e1a0b7d3865'
 */
export function newPersonId(): string {
  return `p_${randomBytes(8).toString('hex')}`;
}

/** @example teamIdFor('North CiC Team'); // 't_north-cic-team' */
export function teamIdFor(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `t_${slug || createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/**
 * Validates rows (each with the line it came from). Line managers must be in the import
 * or among `knownEmails` (the directory's people: lower-case e-mail address → id).
 * Someone already in the directory keeps their id; someone new gets a random one.
 *
 * @example
 * validateDirectoryImport([{ line: 2, row: { email: 'sam@council.example', name: 'Sam', roles: 'worker' } }], new Map());
 */
export function validateDirectoryImport(
  rows: { line: number; row: unknown }[],
  knownEmails: ReadonlyMap<string, string>,
  newId: () => string = newPersonId,
): { ok: true; value: DirectoryImport } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const parsed: { line: number; row: z.output<typeof RowSchema> }[] = [];
  for (const { line, row } of rows) {
    const result = RowSchema.safeParse(row);
    if (result.success) parsed.push({ line, row: result.data });
    else for (const issue of result.error.issues) problems.push({ line, field: issue.path.map(String).join('.') || null, message: issue.message });
  }

  const lineOfEmail = new Map<string, number>();
  for (const { line, row } of parsed) {
    const first = lineOfEmail.get(row.email);
    if (first !== undefined) problems.push({ line, field: 'email', message: `appears again (first on line ${first})` });
    else lineOfEmail.set(row.email, line);
  }
  const ids = new Map<string, string>(knownEmails);
  for (const { row } of parsed) if (!ids.has(row.email)) ids.set(row.email, newId());

  const managersOfTeam = new Map<string, { line: number; email: string }[]>();
  for (const { line, row } of parsed) {
    if (row.line_manager_email !== null && !ids.has(row.line_manager_email)) {
      problems.push({ line, field: 'line_manager_email', message: 'is not in this file nor in the directory' });
    }
    if (row.line_manager_email === row.email) problems.push({ line, field: 'line_manager_email', message: 'is the person themself' });
    if (row.team !== null && row.roles.includes('manager')) {
      const list = managersOfTeam.get(row.team) ?? [];
      list.push({ line, email: row.email });
      managersOfTeam.set(row.team, list);
    }
  }
  for (const [team, managers] of managersOfTeam) {
    if (managers.length > 1) {
      problems.push({
        line: managers[1].line,
        field: 'roles',
        message: `team "${team}" already has a manager (line ${managers[0].line}); a team has one manager`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };

  const teams = new Map<string, Team>();
  for (const { row } of parsed) {
    if (row.team === null) continue;
    const id = teamIdFor(row.team);
    const manager = managersOfTeam.get(row.team)?.[0];
    teams.set(id, { id, name: row.team, managerId: manager ? ids.get(manager.email)! : null });
  }
  const people: Person[] = parsed.map(({ row }) => ({
    id: ids.get(row.email)!,
    aadObjectId: row.aad_object_id ? row.aad_object_id.toLowerCase() : null,
    name: row.name,
    email: row.email,
    roles: row.roles as Role[],
    teamId: row.team === null ? null : teamIdFor(row.team),
    lineManagerId: row.line_manager_email === null ? null : (ids.get(row.line_manager_email) ?? null),
  }));
  return { ok: true, value: { people, teams: [...teams.values()] } };
}
