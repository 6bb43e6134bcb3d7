import type { Case, CaseEvent, StaffSubject } from '../../domain/case';
import { ConcurrencyError } from '../../domain/ports/store.port';
import type { RepositoryImplementations } from '../gated-repositories';
import { emailKey } from '../query-arguments';
import { isUniquenessViolation, parseDoc, parseDocs, type DocRow, type Sql } from './sqlite-rows';

/**
 * The embedded store's case work: cases and staff subjects (JSON in `doc`, the keys they
 * are found by in indexed columns) and case events, unique per source and event id.
 *
 * @example
 * const { cases, staff, caseEvents } = sqliteCaseRepositories(preparedStatements(db), atomically);
 */
export function sqliteCaseRepositories(
  sql: Sql,
  atomically: <R>(work: () => R) => R,
): Pick<RepositoryImplementations, 'cases' | 'staff' | 'caseEvents'> {
  const eventRow = (e: CaseEvent) => ({
    source: e.source,
    event_id: e.eventId,
    subject_id: e.subjectId,
    occurred_at: e.occurredAt,
    seq: e.seq,
    supersedes: e.supersedes,
    doc: JSON.stringify(e),
  });
  /** Who holds a role on the case, kept beside its document so a manager's team finds its cases by person. */
  const allocate = (c: Case): void => {
    sql('DELETE FROM case_allocations WHERE case_id = ?').run(c.id);
    const add = sql('INSERT OR IGNORE INTO case_allocations (email_key, case_id) VALUES (?, ?)');
    for (const email of new Set(Object.values(c.allocations).map(emailKey))) add.run(email, c.id);
  };
  const getEvent = (source: string, eventId: string): CaseEvent | null =>
    parseDoc<CaseEvent>(sql<DocRow>('SELECT doc FROM case_events WHERE source = ? AND event_id = ?').get(source, eventId));

  return {
    cases: {
      insert: (c) =>
        atomically(() => {
          try {
            const inserted =
              sql(
                `INSERT INTO cases (id, case_ref, version, doc) VALUES (?, ?, ?, ?)
                 ON CONFLICT (case_ref) DO NOTHING`,
              ).run(c.id, c.caseRef, c.version, JSON.stringify(c)).changes === 1;
            if (inserted) allocate(c);
            return inserted ? ('inserted' as const) : ('duplicate' as const);
          } catch (error) {
            if (!isUniquenessViolation(error)) throw error;
            throw new Error(`case ${c.id} already exists with another caseRef`, { cause: error });
          }
        }),
      get: (id) => parseDoc<Case>(sql<DocRow>('SELECT doc FROM cases WHERE id = ?').get(id)),
      getMany: (ids) =>
        ids.length === 0
          ? []
          : parseDocs<Case>(
              sql<DocRow>('SELECT doc FROM cases WHERE id IN (SELECT value FROM json_each(?)) ORDER BY case_ref').all(JSON.stringify([...new Set(ids)])),
            ),
      getByRef: (caseRef) => parseDoc<Case>(sql<DocRow>('SELECT doc FROM cases WHERE case_ref = ?').get(caseRef)),
      update: (c) =>
        atomically(() => {
          let changes: number;
          try {
            changes = sql('UPDATE cases SET case_ref = ?, version = ?, doc = ? WHERE id = ? AND version = ?').run(
              c.caseRef,
              c.version,
              JSON.stringify(c),
              c.id,
              c.version - 1,
            ).changes;
          } catch (error) {
            if (!isUniquenessViolation(error)) throw error;
            throw new Error(`case ${c.id} cannot take caseRef ${c.caseRef}: another case has it`, { cause: error });
          }
          if (changes !== 1) throw new ConcurrencyError('case', c.id);
          allocate(c);
        }),
      listAllocatedTo: (emails) => {
        if (emails.length === 0) return [];
        return parseDocs<Case>(
          sql<DocRow>(
            `SELECT doc FROM cases WHERE id IN (
               SELECT case_id FROM case_allocations WHERE email_key IN (SELECT value FROM json_each(?)))
             ORDER BY case_ref`,
          ).all(JSON.stringify([...new Set(emails.map(emailKey))])),
        );
      },
    },

    staff: {
      insert: (s) => {
        try {
          const inserted =
            sql(
              `INSERT INTO staff_subjects (id, email_key, version, doc) VALUES (?, ?, ?, ?)
               ON CONFLICT (email_key) DO NOTHING`,
            ).run(s.id, emailKey(s.email), s.version, JSON.stringify(s)).changes === 1;
          return inserted ? ('inserted' as const) : ('duplicate' as const);
        } catch (error) {
          if (!isUniquenessViolation(error)) throw error;
          throw new Error(`staff subject ${s.id} already exists with another e-mail`, { cause: error });
        }
      },
      get: (id) => parseDoc<StaffSubject>(sql<DocRow>('SELECT doc FROM staff_subjects WHERE id = ?').get(id)),
      getByEmail: (email) => parseDoc<StaffSubject>(sql<DocRow>('SELECT doc FROM staff_subjects WHERE email_key = ?').get(emailKey(email))),
      update: (s) => {
        const changes = sql('UPDATE staff_subjects SET email_key = ?, version = ?, doc = ? WHERE id = ? AND version = ?').run(
          emailKey(s.email),
          s.version,
          JSON.stringify(s),
          s.id,
          s.version - 1,
        ).changes;
        if (changes !== 1) throw new ConcurrencyError('staff subject', s.id);
      },
    },

    caseEvents: {
      // ON CONFLICT DO NOTHING: the primary key decides, under the write lock.
      insert: (event) =>
        sql(
          `INSERT INTO case_events (source, event_id, subject_id, occurred_at, seq, supersedes, doc)
           VALUES (@source, @event_id, @subject_id, @occurred_at, @seq, @supersedes, @doc)
           ON CONFLICT (source, event_id) DO NOTHING`,
        ).run(eventRow(event)).changes === 1
          ? ('inserted' as const)
          : ('duplicate' as const),
      get: getEvent,
      // One primary-key seek per key.
      getMany: (keys) =>
        keys.length === 0
          ? []
          : parseDocs<CaseEvent>(
              sql<DocRow>(
                `SELECT doc FROM case_events WHERE (source, event_id) IN (
                   SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`,
              ).all(JSON.stringify(keys.map((k) => [k.source, k.eventId]))),
            ),
      listForSubject: (subjectId) =>
        parseDocs<CaseEvent>(sql<DocRow>('SELECT doc FROM case_events WHERE subject_id = ? ORDER BY occurred_at, seq').all(subjectId)),
      findSuperseding: (keys) =>
        keys.length === 0
          ? []
          : parseDocs<CaseEvent>(
              sql<DocRow>(
                // INDEXED BY: left to itself, the planner walks every event of the source by primary key.
                `SELECT doc FROM case_events INDEXED BY case_events_by_supersedes
                 WHERE supersedes IS NOT NULL AND (source, supersedes) IN (
                   SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`,
              ).all(JSON.stringify(keys.map((k) => [k.source, k.eventId]))),
            ),
      markSuperseded: (source, eventId, supersededBy) =>
        atomically(() => {
          const event = getEvent(source, eventId);
          if (!event) throw new Error(`case event ${source}:${eventId} is not stored`);
          sql('UPDATE case_events SET doc = ? WHERE source = ? AND event_id = ?').run(JSON.stringify({ ...event, supersededBy }), source, eventId);
        }),
    },
  };
}
