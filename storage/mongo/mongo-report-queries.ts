import type { ClientSession, Collection, Filter, IndexDescription } from 'mongodb';
import type { AuditEvent } from '../../domain/audit-event';
import type { Obligation } from '../../domain/obligation';
import type { ObligationRepository, PageCursor, StatementRepository } from '../../domain/ports/store.port';
import type { Statement } from '../../domain/statement';
import type { Implementation } from '../gated-repositories';
import { checkInstant, checkLimit } from '../query-arguments';

/**
 * The reads of reports, history and retention on MongoDB (the embedded store's are in
 * `sqlite-report-queries.ts`): keyset pages of a period, a child's statements, and the
 * PDFs the retention policy may purge, each a range on an index of its own.
 */

type WithStringId<T> = Omit<T, 'id'> & { _id: string };

/** The indexes these queries read, created with the others at start-up. */
export const REPORT_STATEMENT_INDEXES: IndexDescription[] = [
  { key: { 'child.reference': 1, sentAt: 1, _id: 1 }, name: 'statements_by_child' },
  // Plain rather than partial (Cosmos DB): statements never saved have no savedAt and sit outside any `$lte` range.
  { key: { 'caseRecord.savedAt': 1, _id: 1 }, name: 'statements_by_saved_at' },
];

/** Marks the settings collection once statements saved by older builds have their savedAt. */
const SAVED_AT_MARK = 'schema:statements-saved-at';

/**
 * Gives statements saved to the case record by older builds their `caseRecord.savedAt`:
 * the audit trail's `statement-saved` event, else their last update. Once per database.
 *
 * @example
 * await backfillSavedAt(c.statements, c.audit, c.settings);
 */
export async function backfillSavedAt<S extends WithStringId<Statement>, A extends AuditEvent>(
  statements: Collection<S>,
  audit: Collection<A>,
  settings: Collection<{ _id: string; json: string }>,
): Promise<void> {
  if (await settings.findOne({ _id: SAVED_AT_MARK })) return;
  const legacy = { caseRecord: { $type: 'object' }, 'caseRecord.savedAt': { $exists: false } } as Filter<S>;
  for await (const s of statements.find(legacy, { projection: { _id: 1, updatedAt: 1 } })) {
    const saved = await audit.findOne({ statementId: s._id, action: 'statement-saved' } as Filter<A>, { sort: { at: 1 } });
    await statements.updateOne({ _id: s._id } as Filter<S>, { $set: { 'caseRecord.savedAt': saved?.at ?? s.updatedAt } } as never);
  }
  await settings.updateOne({ _id: SAVED_AT_MARK }, { $set: { json: 'true' } }, { upsert: true });
}

/**
 * The statements' queries (spread into `statements`).
 *
 * @example
 * const statements = { ...core, ...mongoStatementReportQueries(c.statements, session, statementFrom) };
 */
export function mongoStatementReportQueries<S extends WithStringId<Statement>>(
  statements: Collection<S>,
  session: ClientSession | undefined,
  from: (document: S) => Statement,
): Pick<Implementation<StatementRepository>, 'pageSentBetween' | 'listForChild' | 'listPdfsHeldSavedBefore'> {
  return {
    pageSentBetween: async (start, end, after, limit) => {
      const page = pageQuery('sentAt', start, end, after, limit);
      if (page === null) return [];
      const found = await statements.find(page.filter as Filter<S>, { session, sort: { sentAt: 1, _id: 1 }, limit: page.limit }).toArray();
      return (found as S[]).map(from);
    },

    listForChild: async (reference, limit) => {
      const rowLimit = checkLimit(limit, 'limit');
      if (rowLimit === 0) return [];
      const cursor = statements.find({ 'child.reference': reference } as unknown as Filter<S>, { session, sort: { 'child.reference': 1, sentAt: 1, _id: 1 } });
      if (rowLimit !== undefined) cursor.limit(rowLimit);
      return ((await cursor.toArray()) as S[]).map(from);
    },

    listPdfsHeldSavedBefore: async (savedBefore, limit) => {
      checkInstant(savedBefore, 'savedBefore');
      const rowLimit = checkLimit(limit, 'limit');
      if (rowLimit === 0) return [];
      const found = await statements
        .find({ 'caseRecord.savedAt': { $lte: savedBefore }, pdf: { $type: 'object' }, 'pdf.purgedAt': null } as Filter<S>, {
          session,
          sort: { 'caseRecord.savedAt': 1, _id: 1 },
          limit: rowLimit,
        })
        .toArray();
      return (found as S[]).map(from);
    },
  };
}

/**
 * The obligations' query (spread into `obligations`).
 *
 * @example
 * const obligations = { ...core, ...mongoObligationReportQueries(c.obligations, session, obligationFrom) };
 */
export function mongoObligationReportQueries<O extends WithStringId<Obligation>>(
  obligations: Collection<O>,
  session: ClientSession | undefined,
  from: (document: O) => Obligation,
): Pick<Implementation<ObligationRepository>, 'pageDueBetween'> {
  return {
    // obligations_by_due (due, _id), from the cursor on.
    pageDueBetween: async (start, end, after, limit) => {
      const page = pageQuery('due', start, end, after, limit);
      if (page === null) return [];
      const found = await obligations.find(page.filter as Filter<O>, { session, sort: { due: 1, _id: 1 }, limit: page.limit }).toArray();
      return (found as O[]).map(from);
    },
  };
}

/** A keyset page of `[start, end)` on `field` (then `_id`) after `after`; null for an empty page. */
function pageQuery(field: string, start: number, end: number, after: PageCursor | null, limit: number): { filter: object; limit: number } | null {
  checkInstant(start, 'from');
  checkInstant(end, 'to');
  if (after !== null) checkInstant(after.at, 'after.at');
  const rowLimit = checkLimit(limit, 'limit');
  if (rowLimit === undefined) throw new RangeError('a page needs a limit');
  if (rowLimit === 0) return null;
  const range = { [field]: { $gte: start, $lt: end } };
  const filter =
    after === null ? range : { $and: [range, { $or: [{ [field]: { $gt: after.at } }, { [field]: after.at, _id: { $gt: after.id } }] }] };
  return { filter, limit: rowLimit };
}
