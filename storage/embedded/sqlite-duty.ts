import type Database from 'better-sqlite3';
import type { DutyRole, RotaShift } from '../../domain/duty-rota';
import type { FollowUpRepository, RotaRepository } from '../../domain/ports/store.port';
import type { SafetyLinkFollowUp } from '../../domain/safety-link';
import type { Implementation } from '../gated-repositories';
import { checkDutyRole, checkInstant, checkRotaShift } from '../query-arguments';

interface ShiftRow {
  id: string;
  role: DutyRole;
  person_id: string;
  from_at: number;
  until_at: number;
}

function shiftFromRow(row: ShiftRow): RotaShift {
  return { id: row.id, role: row.role, personId: row.person_id, from: row.from_at, until: row.until_at };
}

/**
 * The duty rota in the `rota_shifts` table (migration 6). An import replaces the shifts
 * of its roles that start in its period, in one transaction (a savepoint inside a caller's).
 *
 * @example
 * const rota = sqliteRotaRepository(db); // after migrate(db)
 * rota.onDutyAt('duty-manager', 1795255200);
 */
export function sqliteRotaRepository(db: Database.Database): Implementation<RotaRepository> {
  const remove = db.prepare('DELETE FROM rota_shifts WHERE role = ? AND from_at >= ? AND from_at < ?');
  const insert = db.prepare(
    `INSERT INTO rota_shifts (id, role, person_id, from_at, until_at) VALUES (@id, @role, @person_id, @from_at, @until_at)
     ON CONFLICT (id) DO UPDATE SET role = excluded.role, person_id = excluded.person_id, from_at = excluded.from_at, until_at = excluded.until_at`,
  );
  const onDuty = db.prepare<[DutyRole, number, number], ShiftRow>(
    'SELECT id, role, person_id, from_at, until_at FROM rota_shifts WHERE role = ? AND from_at <= ? AND until_at > ? ORDER BY from_at, id',
  );
  const between = db.prepare<[number, number], ShiftRow>(
    'SELECT id, role, person_id, from_at, until_at FROM rota_shifts WHERE from_at < ? AND until_at > ? ORDER BY from_at, id',
  );
  const replace = db.transaction((period: { roles: readonly DutyRole[]; from: number; until: number }, shifts: RotaShift[]) => {
    for (const role of period.roles) remove.run(role, period.from, period.until);
    for (const s of shifts) insert.run({ id: s.id, role: s.role, person_id: s.personId, from_at: s.from, until_at: s.until });
  });
  return {
    replace: (period, shifts) => {
      checkInstant(period.from, 'period.from');
      checkInstant(period.until, 'period.until');
      for (const role of period.roles) checkDutyRole(role, 'period.roles');
      for (const s of shifts) checkRotaShift(s);
      replace(period, shifts);
    },
    onDutyAt: (role, at) => onDuty.all(role, checkInstant(at, 'at'), at).map(shiftFromRow),
    listBetween: (from, until) => between.all(checkInstant(until, 'until'), checkInstant(from, 'from')).map(shiftFromRow),
  };
}

/**
 * Safety Link follow-ups in `safety_link_follow_ups` (migration 6): keyed by statement, so
 * a second one for the same statement is refused inside the database; triggers keep the
 * table append-only.
 *
 * @example
 * sqliteFollowUpRepository(db).insert(followUp); // 'inserted'
 */
export function sqliteFollowUpRepository(db: Database.Database): Implementation<FollowUpRepository> {
  const insert = db.prepare('INSERT INTO safety_link_follow_ups (statement_id, id, doc) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const get = db.prepare<[string], { doc: string }>('SELECT doc FROM safety_link_follow_ups WHERE statement_id = ?');
  return {
    insert: (followUp) => (insert.run(followUp.statementId, followUp.id, JSON.stringify(followUp)).changes === 1 ? 'inserted' : 'duplicate'),
    getForStatement: (statementId) => {
      const row = get.get(statementId);
      return row ? (JSON.parse(row.doc) as SafetyLinkFollowUp) : null;
    },
  };
}
