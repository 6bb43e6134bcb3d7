import type Database from 'better-sqlite3';
import type { AuditEvent } from '../../domain/audit-event';
import type { Obligation } from '../../domain/obligation';
import type { Absence, Person, Team } from '../../domain/person';
import { ConcurrencyError, type CardDelivery, type ConversationRecord, type NudgeRecord } from '../../domain/ports/store.port';
import type { Statement } from '../../domain/statement';
import type { RepositoryImplementations } from '../gated-repositories';
import { sqliteBroadcastRepository, sqliteHandoverRepository } from './sqlite-broadcasts';
import { sqliteCaseRepositories } from './sqlite-case-repositories';
import { sqliteFollowUpRepository, sqliteRotaRepository } from './sqlite-duty';
import { sqliteFlowRepository } from './sqlite-flows';
import { sqliteObligationReportQueries, sqliteStatementReportQueries } from './sqlite-report-queries';
import { isUniquenessViolation, parseDoc, parseDocs, preparedStatements, type DocRow } from './sqlite-rows';
import {
  checkAbsenceDates,
  checkInstant,
  checkLeaseSeconds,
  checkLimit,
  checkLocalDate,
  emailKey,
  settingJson,
} from '../query-arguments';

/** The indexed columns of a statement row, and the whole record as JSON. */
function statementRow(statement: Statement) {
  return {
    id: statement.id,
    external_id: statement.externalId,
    status: statement.status,
    sent_at: statement.sentAt,
    version: statement.version,
    doc: JSON.stringify(statement),
  };
}

/** A row of the obligations table (exported for the scheduler bench, which fills it directly). */
export interface ObligationRow {
  id: string;
  standard_id: string;
  subject: Obligation['subject'];
  statement_id: string | null;
  case_id: string | null;
  staff_id: string | null;
  occurrence_key: string | null;
  owner_id: string | null;
  owner_email: string | null;
  owner_role: string;
  triggered_at: number;
  anchor_at: number | null;
  due: number;
  status: Obligation['status'];
  completed_at: number | null;
  closed_at: number | null;
  closed_reason: Obligation['closedReason'];
  trigger_date_only: 0 | 1;
  stop_date_only: 0 | 1;
  next_nudge_at: number | null;
  lease_holder: string | null;
  lease_until: number | null;
  version: number;
}

interface AbsenceRow {
  id: string;
  person_id: string;
  from_date: string;
  until_date: string;
  cover_id: string | null;
}

export const OBLIGATION_COLUMNS =
  'id, standard_id, subject, statement_id, case_id, staff_id, occurrence_key, owner_id, owner_email, owner_role, triggered_at, anchor_at, due, status, completed_at, closed_at, closed_reason, trigger_date_only, stop_date_only, next_nudge_at, lease_holder, lease_until, version';

const OBLIGATION_COLUMN_LIST = OBLIGATION_COLUMNS.split(', ') as (keyof ObligationRow)[];

/** The same columns as named parameters, for INSERT … VALUES. */
export const OBLIGATION_VALUES = OBLIGATION_COLUMN_LIST.map((c) => `@${c}`).join(', ');

/** Rows written by one INSERT when many go in at once. */
const OBLIGATIONS_PER_INSERT = 32;

/** VALUES for OBLIGATIONS_PER_INSERT rows, positional. */
const OBLIGATION_ROWS = Array.from({ length: OBLIGATIONS_PER_INSERT }, () => `(${OBLIGATION_COLUMN_LIST.map(() => '?').join(', ')})`).join(', ');

/** One obligation's values in column order. */
function obligationValues(o: Obligation): unknown[] {
  const row = obligationParams(o);
  return OBLIGATION_COLUMN_LIST.map((c) => row[c]);
}

export function obligationFromRow(row: ObligationRow): Obligation {
  return {
    id: row.id,
    standardId: row.standard_id,
    subject: row.subject,
    statementId: row.statement_id,
    caseId: row.case_id,
    staffId: row.staff_id,
    occurrenceKey: row.occurrence_key,
    ownerId: row.owner_id,
    ownerEmail: row.owner_email,
    ownerRole: row.owner_role,
    triggeredAt: row.triggered_at,
    anchorAt: row.anchor_at,
    due: row.due,
    status: row.status,
    completedAt: row.completed_at,
    closedAt: row.closed_at,
    closedReason: row.closed_reason,
    triggerDateOnly: row.trigger_date_only === 1,
    stopDateOnly: row.stop_date_only === 1,
    nextNudgeAt: row.next_nudge_at,
    lease: row.lease_holder === null || row.lease_until === null ? null : { holder: row.lease_holder, until: row.lease_until },
    version: row.version,
  };
}

export function obligationParams(o: Obligation): ObligationRow {
  return {
    id: o.id,
    standard_id: o.standardId,
    subject: o.subject,
    statement_id: o.statementId,
    case_id: o.caseId,
    staff_id: o.staffId,
    occurrence_key: o.occurrenceKey,
    owner_id: o.ownerId,
    owner_email: o.ownerEmail,
    owner_role: o.ownerRole,
    triggered_at: o.triggeredAt,
    anchor_at: o.anchorAt,
    due: o.due,
    status: o.status,
    completed_at: o.completedAt,
    closed_at: o.closedAt,
    closed_reason: o.closedReason,
    trigger_date_only: o.triggerDateOnly ? 1 : 0,
    stop_date_only: o.stopDateOnly ? 1 : 0,
    next_nudge_at: o.nextNudgeAt,
    lease_holder: o.lease?.holder ?? null,
    lease_until: o.lease?.until ?? null,
    version: o.version,
  };
}

function absenceFromRow(row: AbsenceRow): Absence {
  return { id: row.id, personId: row.person_id, from: row.from_date, until: row.until_date, coverId: row.cover_id };
}

/**
 * The repositories over one SQLite connection, synchronous (better-sqlite3 is). Each
 * method that writes more than one row runs in its own transaction, which becomes a
 * savepoint when the caller already opened one — so a method is all-or-nothing either
 * way. Serialising callers is the store's job (`sqlite-store.ts`), not this layer's.
 *
 * @example
 * const repositories = sqliteRepositories(new Database(':memory:')); // after migrate(db)
 * repositories.settings.set('calendar', { division: 'scotland' });
 */
export function sqliteRepositories(db: Database.Database): RepositoryImplementations {
  const sql = preparedStatements(db);
  const atomically = <R>(work: () => R): R => db.transaction(work).immediate();

  const writeAssignees = (statement: Statement): void => {
    sql('DELETE FROM statement_assignees WHERE statement_id = ?').run(statement.id);
    const add = sql('INSERT OR IGNORE INTO statement_assignees (person_id, statement_id) VALUES (?, ?)');
    for (const personId of statement.assigneeIds) add.run(personId, statement.id);
  };

  const getStatementByExternalId = (externalId: string): Statement | null =>
    parseDoc<Statement>(sql<DocRow>('SELECT doc FROM statements WHERE external_id = ?').get(externalId));

  return {
    statements: {
      insert: (statement) =>
        atomically(() => {
          let inserted: boolean;
          try {
            inserted =
              sql(
                `INSERT INTO statements (id, external_id, status, sent_at, version, doc)
                 VALUES (@id, @external_id, @status, @sent_at, @version, @doc)
                 ON CONFLICT (external_id) DO NOTHING`,
              ).run(statementRow(statement)).changes === 1;
          } catch (error) {
            if (!isUniquenessViolation(error)) throw error;
            if (getStatementByExternalId(statement.externalId)) return 'duplicate' as const;
            throw new Error(`statement ${statement.id} already exists with another externalId`, { cause: error });
          }
          if (!inserted) return 'duplicate' as const;
          writeAssignees(statement);
          return 'inserted' as const;
        }),

      get: (id) => parseDoc<Statement>(sql<DocRow>('SELECT doc FROM statements WHERE id = ?').get(id)),

      getByExternalId: getStatementByExternalId,

      update: (statement) =>
        atomically(() => {
          let changes: number;
          try {
            changes = sql(
              `UPDATE statements
               SET external_id = @external_id, status = @status, sent_at = @sent_at, version = @version, doc = @doc
               WHERE id = @id AND version = @version - 1`,
            ).run(statementRow(statement)).changes;
          } catch (error) {
            if (!isUniquenessViolation(error)) throw error;
            throw new Error(`statement ${statement.id} cannot take externalId ${statement.externalId}: another statement has it`, {
              cause: error,
            });
          }
          if (changes !== 1) throw new ConcurrencyError('statement', statement.id);
          writeAssignees(statement);
        }),

      list: (filter, limit) => {
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0 || filter.statuses?.length === 0) return [];
        const where: string[] = [];
        const params: Record<string, unknown> = { limit: rowLimit ?? -1 };
        let from = 'statements s';
        if (filter.statuses) {
          where.push('s.status IN (SELECT value FROM json_each(@statuses))');
          params.statuses = JSON.stringify(filter.statuses);
        }
        if (filter.assigneeId !== undefined) {
          from += ' JOIN statement_assignees a ON a.statement_id = s.id AND a.person_id = @assignee';
          params.assignee = filter.assigneeId;
        }
        const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
        return parseDocs<Statement>(
          sql<DocRow>(`SELECT s.doc FROM ${from} ${condition} ORDER BY s.sent_at, s.id LIMIT @limit`).all(params),
        );
      },

      ...sqliteStatementReportQueries(sql),
    },

    pdfs: {
      put: (statementId, pdf) => {
        sql(
          `INSERT INTO statement_pdfs (statement_id, pdf) VALUES (?, ?)
           ON CONFLICT (statement_id) DO UPDATE SET pdf = excluded.pdf`,
        ).run(statementId, pdf);
      },
      get: (statementId) =>
        sql<{ pdf: Buffer }>('SELECT pdf FROM statement_pdfs WHERE statement_id = ?').get(statementId)?.pdf ?? null,
      delete: (statementId) => {
        sql('DELETE FROM statement_pdfs WHERE statement_id = ?').run(statementId);
      },
    },

    directory: {
      upsert: (people, teams) =>
        atomically(() => {
          const putPerson = sql(
            `INSERT INTO people (id, email_key, aad_object_id, team_id, doc) VALUES (@id, @email_key, @aad_object_id, @team_id, @doc)
             ON CONFLICT (id) DO UPDATE SET email_key = excluded.email_key, aad_object_id = excluded.aad_object_id,
               team_id = excluded.team_id, doc = excluded.doc`,
          );
          for (const person of people) {
            putPerson.run({
              id: person.id,
              email_key: emailKey(person.email),
              aad_object_id: person.aadObjectId,
              team_id: person.teamId,
              doc: JSON.stringify(person),
            });
          }
          const putTeam = sql('INSERT INTO teams (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc');
          for (const team of teams) putTeam.run(team.id, JSON.stringify(team));
        }),

      getPerson: (id) => parseDoc<Person>(sql<DocRow>('SELECT doc FROM people WHERE id = ?').get(id)),

      findPersonByEmail: (email) =>
        parseDoc<Person>(sql<DocRow>('SELECT doc FROM people WHERE email_key = ? ORDER BY id LIMIT 1').get(emailKey(email))),

      findPersonByAadObjectId: (aadObjectId) =>
        parseDoc<Person>(sql<DocRow>('SELECT doc FROM people WHERE aad_object_id = ? ORDER BY id LIMIT 1').get(aadObjectId)),

      listPeople: (filter = {}) => {
        const where: string[] = [];
        const params: Record<string, unknown> = {};
        if (filter.role !== undefined) {
          where.push("EXISTS (SELECT 1 FROM json_each(doc, '$.roles') r WHERE r.value = @role)");
          params.role = filter.role;
        }
        if (filter.teamId !== undefined) {
          where.push('team_id = @team');
          params.team = filter.teamId;
        }
        if (filter.lineManagerId !== undefined) {
          // The expression of people_by_line_manager, exactly, so the index serves it.
          where.push("json_extract(doc, '$.lineManagerId') = @line_manager");
          params.line_manager = filter.lineManagerId;
        }
        const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
        return parseDocs<Person>(sql<DocRow>(`SELECT doc FROM people ${condition} ORDER BY id`).all(params));
      },

      getTeam: (id) => parseDoc<Team>(sql<DocRow>('SELECT doc FROM teams WHERE id = ?').get(id)),

      listTeams: () => parseDocs<Team>(sql<DocRow>('SELECT doc FROM teams ORDER BY id').all()),

      putAbsence: (absence) => {
        checkAbsenceDates(absence);
        sql(
          `INSERT INTO absences (id, person_id, from_date, until_date, cover_id) VALUES (@id, @person_id, @from_date, @until_date, @cover_id)
           ON CONFLICT (id) DO UPDATE SET person_id = excluded.person_id, from_date = excluded.from_date,
             until_date = excluded.until_date, cover_id = excluded.cover_id`,
        ).run({
          id: absence.id,
          person_id: absence.personId,
          from_date: absence.from,
          until_date: absence.until,
          cover_id: absence.coverId,
        });
      },

      deleteAbsence: (id) => {
        sql('DELETE FROM absences WHERE id = ?').run(id);
      },

      listAbsences: (personId, onDate) => {
        if (onDate === undefined) {
          return sql<AbsenceRow>('SELECT * FROM absences WHERE person_id = ? ORDER BY from_date, id').all(personId).map(absenceFromRow);
        }
        checkLocalDate(onDate, 'onDate');
        return sql<AbsenceRow>(
          'SELECT * FROM absences WHERE person_id = @person AND from_date <= @date AND until_date >= @date ORDER BY from_date, id',
        )
          .all({ person: personId, date: onDate })
          .map(absenceFromRow);
      },
    },

    obligations: {
      // Rows go in OBLIGATIONS_PER_INSERT at a time (a case's go-live history brings dozens):
      // one statement per row costs a third more. A refused statement changes nothing, so
      // its rows are the ones to look at for the duplicate.
      insertMany: (obligations) =>
        atomically(() => {
          const add = sql(`INSERT INTO obligations (${OBLIGATION_COLUMNS}) VALUES (${OBLIGATION_VALUES})`);
          const addMany = sql(`INSERT INTO obligations (${OBLIGATION_COLUMNS}) VALUES ${OBLIGATION_ROWS}`);
          // The rows of the statement that failed, to name the duplicate among them.
          let trying: Obligation[] = [];
          try {
            let i = 0;
            for (; i + OBLIGATIONS_PER_INSERT <= obligations.length; i += OBLIGATIONS_PER_INSERT) {
              trying = obligations.slice(i, i + OBLIGATIONS_PER_INSERT);
              addMany.run(trying.flatMap(obligationValues));
            }
            for (; i < obligations.length; i++) {
              trying = [obligations[i]];
              add.run(obligationParams(obligations[i]));
            }
          } catch (error) {
            if (!isUniquenessViolation(error)) throw error;
            const seen = new Set<string>();
            const duplicate = trying.find((o) => seen.size === seen.add(o.id).size || sql('SELECT 1 FROM obligations WHERE id = ?').get(o.id) !== undefined);
            throw new Error(`obligation ${(duplicate ?? trying[0]).id} already exists`, { cause: error });
          }
        }),

      get: (id) => {
        const row = sql<ObligationRow>(`SELECT ${OBLIGATION_COLUMNS} FROM obligations WHERE id = ?`).get(id);
        return row === undefined ? null : obligationFromRow(row);
      },

      listForStatement: (statementId) =>
        sql<ObligationRow>(`SELECT ${OBLIGATION_COLUMNS} FROM obligations WHERE statement_id = ? ORDER BY due, id`)
          .all(statementId)
          .map(obligationFromRow),

      listForCase: (caseId) =>
        sql<ObligationRow>(`SELECT ${OBLIGATION_COLUMNS} FROM obligations WHERE case_id = ? ORDER BY due, id`)
          .all(caseId)
          .map(obligationFromRow),

      listForStaff: (staffId) =>
        sql<ObligationRow>(`SELECT ${OBLIGATION_COLUMNS} FROM obligations WHERE staff_id = ? ORDER BY due, id`)
          .all(staffId)
          .map(obligationFromRow),

      list: (filter, limit) => {
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        const where: string[] = [];
        if (filter.subject !== undefined) where.push('subject = @subject');
        if (filter.caseId !== undefined) where.push('case_id = @case_id');
        if (filter.staffId !== undefined) where.push('staff_id = @staff_id');
        const owner = [
          ...(filter.ownerId !== undefined ? ['owner_id = @owner_id'] : []),
          ...(filter.ownerEmail !== undefined ? ['owner_email = @owner_email'] : []),
        ];
        if (owner.length > 0) where.push(`(${owner.join(' OR ')})`);
        return sql<ObligationRow>(
          `SELECT ${OBLIGATION_COLUMNS} FROM obligations ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY due, id LIMIT @limit`,
        )
          .all({
            subject: filter.subject ?? null,
            case_id: filter.caseId ?? null,
            staff_id: filter.staffId ?? null,
            owner_id: filter.ownerId ?? null,
            owner_email: filter.ownerEmail === undefined ? null : emailKey(filter.ownerEmail),
            limit: rowLimit ?? -1,
          })
          .map(obligationFromRow);
      },

      update: (obligation) => {
        const assignments = OBLIGATION_COLUMNS.split(', ')
          .filter((c) => c !== 'id')
          .map((c) => `${c} = @${c}`)
          .join(', ');
        const changes = sql(`UPDATE obligations SET ${assignments} WHERE id = @id AND version = @version - 1`).run(
          obligationParams(obligation),
        ).changes;
        if (changes !== 1) throw new ConcurrencyError('obligation', obligation.id);
      },

      deleteMany: (ids) =>
        atomically(() => {
          const remove = sql('DELETE FROM obligations WHERE id = ?');
          for (const id of ids) remove.run(id);
        }),

      // A range of obligations_by_owner per owner: [dueFrom, dueBefore), or all before.
      openForOwners: (ownerIds, dueBefore, limit, dueFrom) => {
        checkInstant(dueBefore, 'dueBefore');
        if (dueFrom !== undefined) checkInstant(dueFrom, 'dueFrom');
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0 || ownerIds.length === 0) return [];
        return sql<ObligationRow>(
          `SELECT ${OBLIGATION_COLUMNS} FROM obligations
           WHERE owner_id IN (SELECT value FROM json_each(@owners)) AND status = 'open' AND due >= @due_from AND due < @due_before
           ORDER BY due, id LIMIT @limit`,
        )
          .all({ owners: JSON.stringify(ownerIds), due_from: dueFrom ?? Number.MIN_SAFE_INTEGER, due_before: dueBefore, limit: rowLimit ?? -1 })
          .map(obligationFromRow);
      },

      // One UPDATE … RETURNING: choosing and leasing happen in the same statement, under
      // SQLite's write lock, so no other connection can claim in between. The version
      // moves on, so a claimer whose lease expired and was re-claimed can no longer save.
      claimDue: (now, holder, leaseSeconds, limit) => {
        checkInstant(now, 'now');
        checkLeaseSeconds(leaseSeconds);
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        return sql<ObligationRow>(
          `UPDATE obligations
           SET lease_holder = @holder, lease_until = @until, version = version + 1
           WHERE id IN (
             SELECT id FROM obligations
             WHERE status = 'open' AND next_nudge_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
             ORDER BY next_nudge_at, id
             LIMIT @limit)
           RETURNING ${OBLIGATION_COLUMNS}`,
        )
          .all({ holder, until: now + leaseSeconds, now, limit: rowLimit })
          .map(obligationFromRow)
          .sort((a, b) => (a.nextNudgeAt ?? 0) - (b.nextNudgeAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      },

      // A range on obligations_by_next_nudge (status = 'open', next_nudge_at > NULL) read
      // in index order and stopped at the first row: a seek, however many obligations
      // there are. The scheduler asks this every time it goes back to sleep.
      earliestNudgeAt: () =>
        sql<{ next_nudge_at: number }>(
          `SELECT next_nudge_at FROM obligations
           WHERE status = 'open' AND next_nudge_at IS NOT NULL
           ORDER BY next_nudge_at LIMIT 1`,
        ).get()?.next_nudge_at ?? null,

      // The team's cases from case_allocations (by person), then one range of
      // obligations_unowned_open (partial: the open ones nobody owns) per case, merged in
      // due order: no case document is read.
      openUnownedOnCasesOf: (emails, dueFrom, dueBefore) => {
        checkInstant(dueFrom, 'dueFrom');
        checkInstant(dueBefore, 'dueBefore');
        if (emails.length === 0 || dueBefore <= dueFrom) return [];
        return sql<ObligationRow>(
          `SELECT ${OBLIGATION_COLUMNS} FROM obligations INDEXED BY obligations_unowned_open
           WHERE case_id IN (SELECT case_id FROM case_allocations WHERE email_key IN (SELECT value FROM json_each(@emails)))
             AND status = 'open' AND owner_id IS NULL AND due >= @due_from AND due < @due_before
           ORDER BY due, id`,
        )
          .all({ emails: JSON.stringify([...new Set(emails.map(emailKey))]), due_from: dueFrom, due_before: dueBefore })
          .map(obligationFromRow);
      },

      listDueBetween: (from, to, limit) => {
        checkInstant(from, 'from');
        checkInstant(to, 'to');
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        return sql<ObligationRow>(
          `SELECT ${OBLIGATION_COLUMNS} FROM obligations
           WHERE due >= @from AND due < @to
           ORDER BY due, id LIMIT @limit`,
        )
          .all({ from, to, limit: rowLimit ?? -1 })
          .map(obligationFromRow);
      },

      // Grouped on obligations_open_by_standard (partial: open ones only), read in index
      // order with no sort and no look-up in the table.
      // In primary-key order: one walk over the table for the whole change, however many are open.
      listOpen: (after, limit, standardIds) => {
        const rowLimit = checkLimit(limit, 'limit') ?? 0;
        if (rowLimit === 0 || standardIds?.length === 0) return [];
        const only = standardIds === undefined ? '' : `AND standard_id IN (${standardIds.map(() => '?').join(', ')})`;
        return sql<ObligationRow>(
          `SELECT ${OBLIGATION_COLUMNS} FROM obligations INDEXED BY sqlite_autoindex_obligations_1
           WHERE id > ? AND status = 'open' ${only} ORDER BY id LIMIT ?`,
        )
          .all(after ?? '', ...(standardIds ?? []), rowLimit)
          .map(obligationFromRow);
      },

      countOpenByStandard: (now) => {
        checkInstant(now, 'now');
        return sql<{ standard_id: string; open: number; overdue: number }>(
          `SELECT standard_id, COUNT(*) AS open, SUM(due < @now) AS overdue FROM obligations INDEXED BY obligations_open_by_standard
           WHERE status = 'open' GROUP BY standard_id ORDER BY standard_id`,
        )
          .all({ now })
          .map((row) => ({ standardId: row.standard_id, open: row.open, overdue: row.overdue }));
      },

      ...sqliteObligationReportQueries(sql, OBLIGATION_COLUMNS, obligationFromRow),
    },

    audit: {
      append: (event) => {
        try {
          sql('INSERT INTO audit_events (id, statement_id, case_id, setting, at, doc) VALUES (?, ?, ?, ?, ?, ?)').run(
            event.id,
            event.statementId,
            event.caseId ?? null,
            event.setting ?? null,
            event.at,
            JSON.stringify(event),
          );
        } catch (error) {
          if (!isUniquenessViolation(error)) throw error;
          throw new Error(`audit event ${event.id} is already in the log; events are never replaced`, { cause: error });
        }
      },
      listForStatement: (statementId) =>
        parseDocs<AuditEvent>(sql<DocRow>('SELECT doc FROM audit_events WHERE statement_id = ? ORDER BY at, seq').all(statementId)),
      listForCase: (caseId) => parseDocs<AuditEvent>(sql<DocRow>('SELECT doc FROM audit_events WHERE case_id = ? ORDER BY at, seq').all(caseId)),
      // The last `limit` by time, read newest first on the index and turned back.
      listConfiguration: (filter = {}, limit) => {
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        const where = filter.setting === undefined ? 'setting IS NOT NULL' : 'setting = @setting';
        return parseDocs<AuditEvent>(
          sql<DocRow>(`SELECT doc FROM audit_events INDEXED BY audit_events_by_setting WHERE ${where} ORDER BY at DESC, seq DESC LIMIT @limit`).all({
            setting: filter.setting ?? null,
            limit: rowLimit ?? -1,
          }),
        ).reverse();
      },
    },

    flows: sqliteFlowRepository(db),
    rota: sqliteRotaRepository(db),
    followUps: sqliteFollowUpRepository(db),
    broadcasts: sqliteBroadcastRepository(db),
    handovers: sqliteHandoverRepository(db),

    conversations: {
      save: (record) => {
        sql(
          `INSERT INTO conversations (aad_object_id, doc) VALUES (?, ?)
           ON CONFLICT (aad_object_id) DO UPDATE SET doc = excluded.doc`,
        ).run(record.aadObjectId, JSON.stringify(record));
      },
      get: (aadObjectId) =>
        parseDoc<ConversationRecord>(sql<DocRow>('SELECT doc FROM conversations WHERE aad_object_id = ?').get(aadObjectId)),
    },

    cards: {
      save: (delivery) => {
        sql(
          `INSERT INTO card_deliveries (statement_id, person_id, doc) VALUES (?, ?, ?)
           ON CONFLICT (statement_id, person_id) DO UPDATE SET doc = excluded.doc`,
        ).run(delivery.statementId, delivery.personId, JSON.stringify(delivery));
      },
      listForStatement: (statementId) =>
        parseDocs<CardDelivery>(sql<DocRow>('SELECT doc FROM card_deliveries WHERE statement_id = ? ORDER BY person_id').all(statementId)),
      // The WHERE and ORDER BY repeat the partial index's expressions exactly, so SQLite uses it.
      listNotDelivered: (limit) => {
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        return parseDocs<CardDelivery>(
          sql<DocRow>(
            `SELECT doc FROM card_deliveries
             WHERE json_extract(doc, '$.state') = 'not-delivered'
             ORDER BY json_extract(doc, '$.at'), statement_id, person_id LIMIT ?`,
          ).all(rowLimit ?? -1),
        );
      },
    },

    nudges: {
      // ON CONFLICT DO NOTHING rather than catching the constraint error: one statement
      // decides, under the write lock, and inside a transaction nothing is left to undo.
      begin: (record) => {
        checkInstant(record.at, 'at');
        const inserted =
          sql(
            `INSERT INTO nudges (key, obligation_id, at, doc) VALUES (?, ?, ?, ?)
             ON CONFLICT (key) DO NOTHING`,
          ).run(record.key, record.obligationId, record.at, JSON.stringify(record)).changes === 1;
        return inserted ? ('inserted' as const) : ('duplicate' as const);
      },

      finish: (record) => {
        checkInstant(record.at, 'at');
        const changes = sql('UPDATE nudges SET obligation_id = ?, at = ?, doc = ? WHERE key = ?').run(
          record.obligationId,
          record.at,
          JSON.stringify(record),
          record.key,
        ).changes;
        if (changes !== 1) throw new Error(`nudge ${record.key} cannot be finished: it was never begun, or was removed`);
      },

      remove: (key) => {
        sql('DELETE FROM nudges WHERE key = ?').run(key);
      },

      get: (key) => parseDoc<NudgeRecord>(sql<DocRow>('SELECT doc FROM nudges WHERE key = ?').get(key)),

      listForObligation: (obligationId) =>
        parseDocs<NudgeRecord>(sql<DocRow>('SELECT doc FROM nudges WHERE obligation_id = ? ORDER BY at, key').all(obligationId)),

      listBetween: (from, to, limit) => {
        checkInstant(from, 'from');
        checkInstant(to, 'to');
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        return parseDocs<NudgeRecord>(
          sql<DocRow>('SELECT doc FROM nudges WHERE at >= @from AND at < @to ORDER BY at, key LIMIT @limit').all({
            from,
            to,
            limit: rowLimit ?? -1,
          }),
        );
      },
    },

    ...sqliteCaseRepositories(sql, atomically),

    settings: {
      get: (key) => {
        const row = sql<{ value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
        return row === undefined ? null : (JSON.parse(row.value) as unknown);
      },
      set: (key, value) => {
        sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
          key,
          settingJson(key, value),
        );
      },
    },
  };
}
