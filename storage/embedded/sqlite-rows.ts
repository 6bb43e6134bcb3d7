import type Database from 'better-sqlite3';

/**
 * What the embedded store's repositories share: prepared statements cached by their SQL,
 * rows that keep a record's JSON in a `doc` column, and SQLite's uniqueness errors.
 */

/** A row whose `doc` column holds the record's JSON. @example const row: DocRow = { doc: '{"id":"st_1"}' }; */
export interface DocRow {
  doc: string;
}

/**
 * Positional (`?`) or named (`@name`) parameters: better-sqlite3 checks them against the
 * SQL at run time, so the static type admits both.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Bind = any[];

/** A prepared statement from its SQL, prepared once per connection. @example sql<DocRow>('SELECT doc FROM cases WHERE id = ?').get('ca_1'); */
export type Sql = <Row = unknown>(source: string) => Database.Statement<Bind, Row>;

/**
 * Prepares each distinct SQL text once on `db` and hands the same statement back after.
 *
 * @example
 * const sql = preparedStatements(db);
 * sql('DELETE FROM nudges WHERE key = ?').run('ob_1:due:p_sam');
 */
export function preparedStatements(db: Database.Database): Sql {
  const cache = new Map<string, Database.Statement<Bind, unknown>>();
  return <Row = unknown>(source: string): Database.Statement<Bind, Row> => {
    let statement = cache.get(source);
    if (!statement) {
      statement = db.prepare(source);
      cache.set(source, statement);
    }
    return statement as Database.Statement<Bind, Row>;
  };
}

/** The record of a row, or null for none. @example parseDoc<Case>(sql<DocRow>('SELECT doc FROM cases WHERE id = ?').get(id)); */
export function parseDoc<T>(row: DocRow | undefined): T | null {
  return row === undefined ? null : (JSON.parse(row.doc) as T);
}

/** The records of rows, in order. @example parseDocs<AuditEvent>(rows); */
export function parseDocs<T>(rows: DocRow[]): T[] {
  return rows.map((row) => JSON.parse(row.doc) as T);
}

/**
 * Whether SQLite refused a write for a broken UNIQUE or PRIMARY KEY constraint.
 *
 * @example
 * try { insert.run(row); } catch (error) { if (!isUniquenessViolation(error)) throw error; }
 */
export function isUniquenessViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
