import { createHash } from 'crypto';
import { z } from 'zod';
import { parseCivilDate, epochDayOf, parseInstant, type WorkingCalendar } from '../standards';
import type { ImportProblem } from './directory-import';
import type { Person } from './person';

/**
 * The duty rota: who is the duty officer and who the duty manager at a given moment
 * ("the Duty Manager, who is identifiable via the Youth Justice Service Duty Rota", yjs).
 * A shift is a stretch of time, nights and weekends included when the council's rota
 * covers them; nothing here assumes working hours.
 */

/** The roles a duty rota covers. @example DUTY_ROLES.includes('duty-officer'); // true */
export const DUTY_ROLES = ['duty-officer', 'duty-manager'] as const;

/** @example const role: DutyRole = 'duty-manager'; */
export type DutyRole = (typeof DUTY_ROLES)[number];

/**
 * One shift: `personId` is on duty as `role` from `from` (included) until `until`
 * (excluded), both instants in whole seconds.
 *
 * @example
 * const shift: RotaShift = { id: 'rs_1', role: 'duty-manager', personId: 'p_dev', from: 1795424400, until: 1795654800 };
 */
export interface RotaShift {
  id: string;
  role: DutyRole;
  personId: string;
  from: number;
  until: number;
}

/** The longest shift a rota may hold: a week (a weekend on call is 64 hours). */
export const MAX_SHIFT_SECONDS = 7 * 86400;

/** The CSV header of a rota file. @example ROTA_COLUMNS.join(','); // 'role,email,from,until' */
export const ROTA_COLUMNS = ['role', 'email', 'from', 'until'] as const;

/** A validated rota import: its shifts, and the period and roles it replaces. */
export interface RotaImport {
  shifts: RotaShift[];
  /** The roles in the file: only their shifts are replaced. */
  roles: DutyRole[];
  /** The first start and the last end in the file: shifts of those roles starting in [from, until) are replaced. */
  from: number;
  until: number;
}

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/;

/**
 * A rota time: a local wall-clock time in the council's zone (`2026-11-23 09:00` or
 * `2026-11-23T09:00`), or an instant with `Z` or an offset. A local time the clocks skip
 * (01:30 on the last Sunday of March in London) does not exist and is refused.
 *
 * @example
 * rotaTime('2026-07-01 09:00', cal); // 1782892800 (08:00Z: summer time)
 */
export function rotaTime(text: string, cal: WorkingCalendar): number {
  const local = LOCAL_TIME.exec(text.trim());
  if (!local) {
    try {
      return parseInstant(text);
    } catch {
      throw new RangeError('must be a local time YYYY-MM-DD HH:MM (the council’s time zone) or an instant with Z or an offset');
    }
  }
  const date = parseCivilDate(local[1]);
  const hour = Number(local[2]);
  const minute = Number(local[3]);
  if (!date || hour > 23 || minute > 59) throw new RangeError('is not a real date and time');
  const wall = epochDayOf(date) * 86400 + hour * 3600 + minute * 60;
  const at = cal.zone.toUtc(wall);
  if (at + cal.zone.offsetAt(at) !== wall) throw new RangeError('does not exist in the council’s time zone (the clocks go forward then)');
  return at;
}

const RowSchema = z
  .object({
    role: z.string().trim().toLowerCase().pipe(z.enum(DUTY_ROLES, { message: `must be ${DUTY_ROLES.join(' or ')}` })),
    email: z.string().trim().toLowerCase().pipe(z.email({ message: 'is not an e-mail address' })),
    from: z.string().trim().min(1, 'is empty'),
    until: z.string().trim().min(1, 'is empty'),
  })
  .strict();

/**
 * A shift's stable id, so importing the same rota twice changes nothing.
 *
 * @example
 * shiftIdFor('duty-manager', 'p_dev', 1795424400); // 'rs_…'
 */
export function shiftIdFor(role: DutyRole, personId: string, from: number): string {
  return `rs_${createHash('sha256').update(`${role}\n${personId}\n${from}`).digest('hex').slice(0, 16)}`;
}

/**
 * Validates a rota file as a whole (rows with the line each came from): every problem is
 * reported with its line, and a file with any problem imports nothing. Each row names a
 * person of the directory who holds the role, and a shift of at most a week that ends
 * after it starts; one person's shifts in one role must not overlap.
 *
 * @example
 * validateRotaImport([{ line: 2, row: { role: 'duty-manager', email: 'dev@council.example', from: '2026-11-23 09:00', until: '2026-11-23 17:00' } }], people, cal);
 */
export function validateRotaImport(
  rows: { line: number; row: unknown }[],
  people: readonly Person[],
  cal: WorkingCalendar,
): { ok: true; value: RotaImport } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  const shifts: (RotaShift & { line: number })[] = [];
  for (const { line, row } of rows) {
    const parsed = RowSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, field: issue.path.map(String).join('.') || null, message: issue.message });
      continue;
    }
    const { role, email, from: fromText, until: untilText } = parsed.data;
    const person = byEmail.get(email);
    if (!person) problems.push({ line, field: 'email', message: 'is not in the directory: import the person first (heard import people)' });
    else if (!person.roles.includes(role)) problems.push({ line, field: 'role', message: `${email} does not hold the ${role} role in the directory` });
    const at = (field: 'from' | 'until', text: string): number | null => {
      try {
        return rotaTime(text, cal);
      } catch (error) {
        problems.push({ line, field, message: (error as Error).message });
        return null;
      }
    };
    const from = at('from', fromText);
    const until = at('until', untilText);
    if (from === null || until === null || !person) continue;
    if (until <= from) problems.push({ line, field: 'until', message: 'must be after from' });
    else if (until - from > MAX_SHIFT_SECONDS) problems.push({ line, field: 'until', message: 'makes a shift longer than a week: split it' });
    else shifts.push({ id: shiftIdFor(role, person.id, from), role, personId: person.id, from, until, line });
  }
  const sorted = [...shifts].sort((a, b) => a.from - b.from || a.line - b.line);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].from < sorted[i].until; j++) {
      if (sorted[j].personId === sorted[i].personId && sorted[j].role === sorted[i].role) {
        const [first, second] = sorted[i].line < sorted[j].line ? [sorted[i], sorted[j]] : [sorted[j], sorted[i]];
        problems.push({ line: second.line, field: 'from', message: `overlaps the same person's ${second.role} shift on line ${first.line}` });
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  if (shifts.length === 0) return { ok: false, problems: [{ line: 1, field: null, message: 'the rota has no shifts' }] };
  return {
    ok: true,
    value: {
      shifts: shifts.map(({ line: _line, ...shift }) => shift),
      roles: DUTY_ROLES.filter((role) => shifts.some((s) => s.role === role)),
      from: Math.min(...shifts.map((s) => s.from)),
      until: Math.max(...shifts.map((s) => s.until)),
    },
  };
}
