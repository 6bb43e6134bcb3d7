import type { Obligation } from '../../domain/obligation';
import type { ObligationRepository, PageCursor, StatementRepository } from '../../domain/ports/store.port';
import type { Statement } from '../../domain/statement';
import type { Implementation } from '../gated-repositories';
import { checkInstant, checkLimit } from '../query-arguments';
import { parseDocs, type DocRow, type Sql } from './sqlite-rows';

/**
 * The reads of reports, history and retention on the embedded store: keyset pages of a
 * period (statements by sentAt, obligations by due), a child's statements, and the PDFs
 * the retention policy may purge. Each is a range on an index of its own, so it costs the
 * rows it returns, not the table.
 */

/**
 * The statements' queries (spread into `statements`).
 *
 * @example
 * const statements = { ...core, ...sqliteStatementReportQueries(sql) };
 */
export function sqliteStatementReportQueries(
  sql: Sql,
): Pick<Implementation<StatementRepository>, 'pageSentBetween' | 'listForChild' | 'listPdfsHeldSavedBefore'> {
  return {
    // statements_by_sent_at (sent_at, id): the row-value comparison is a seek past the cursor.
    pageSentBetween: (from, to, after, limit) => {
      const { cursorAt, cursorId, rowLimit } = pageArguments(from, to, after, limit);
      if (rowLimit === 0) return [];
      return parseDocs<Statement>(
        sql<DocRow>(
          `SELECT doc FROM statements
           WHERE sent_at >= @from AND sent_at < @to AND (sent_at, id) > (@cursor_at, @cursor_id)
           ORDER BY sent_at, id LIMIT @limit`,
        ).all({ from, to, cursor_at: cursorAt, cursor_id: cursorId, limit: rowLimit }),
      );
    },

    // The expression repeats statements_by_child's exactly, so SQLite uses it.
    listForChild: (reference, limit) => {
      const rowLimit = checkLimit(limit, 'limit');
      if (rowLimit === 0) return [];
      return parseDocs<Statement>(
        sql<DocRow>(
          `SELECT doc FROM statements WHERE json_extract(doc, '$.child.reference') = @reference
           ORDER BY sent_at, id LIMIT @limit`,
        ).all({ reference, limit: rowLimit ?? -1 }),
      );
    },

    // The partial index statements_pdf_held_after_saving holds only saved statements whose
    // PDF is still here: the WHERE repeats its condition so SQLite may use it.
    listPdfsHeldSavedBefore: (savedBefore, limit) => {
      checkInstant(savedBefore, 'savedBefore');
      const rowLimit = checkLimit(limit, 'limit');
      if (rowLimit === 0) return [];
      return parseDocs<Statement>(
        sql<DocRow>(
          `SELECT doc FROM statements
           WHERE json_type(doc, '$.caseRecord') = 'object' AND json_type(doc, '$.pdf') = 'object' AND json_type(doc, '$.pdf.purgedAt') = 'null'
             AND json_extract(doc, '$.caseRecord.savedAt') <= @saved_before
           ORDER BY json_extract(doc, '$.caseRecord.savedAt'), id LIMIT @limit`,
        ).all({ saved_before: savedBefore, limit: rowLimit }),
      );
    },
  };
}

/**
 * The obligations' query (spread into `obligations`).
 *
 * @example
 * const obligations = { ...core, ...sqliteObligationReportQueries(sql, obligationFromRow) };
 */
export function sqliteObligationReportQueries<Row>(
  sql: Sql,
  columns: string,
  fromRow: (row: Row) => Obligation,
): Pick<Implementation<ObligationRepository>, 'pageDueBetween'> {
  return {
    // obligations_by_due (due, id), read from the cursor on.
    pageDueBetween: (from, to, after, limit) => {
      const { cursorAt, cursorId, rowLimit } = pageArguments(from, to, after, limit);
      if (rowLimit === 0) return [];
      return sql<Row>(
        `SELECT ${columns} FROM obligations
         WHERE due >= @from AND due < @to AND (due, id) > (@cursor_at, @cursor_id)
         ORDER BY due, id LIMIT @limit`,
      )
        .all({ from, to, cursor_at: cursorAt, cursor_id: cursorId, limit: rowLimit })
        .map(fromRow);
    },
  };
}

/** A page's bounds checked; without a cursor, one that sorts before every row of the range. */
function pageArguments(from: number, to: number, after: PageCursor | null, limit: number) {
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  if (after !== null) checkInstant(after.at, 'after.at');
  const rowLimit = checkLimit(limit, 'limit');
  if (rowLimit === undefined) throw new RangeError('a page needs a limit');
  return { cursorAt: after?.at ?? from - 1, cursorId: after?.id ?? '', rowLimit };
}
