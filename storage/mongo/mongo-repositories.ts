import { MongoBulkWriteError, MongoServerError, ObjectId, type ClientSession, type Collection, type Db, type Filter } from 'mongodb';
import type { AuditEvent } from '../../domain/audit-event';
import type { Obligation } from '../../domain/obligation';
import type { Absence, Person, Team } from '../../domain/person';
import { ConcurrencyError, type CardDelivery, type ConversationRecord, type NudgeRecord } from '../../domain/ports/store.port';
import type { Statement } from '../../domain/statement';
import type { RepositoryImplementations } from '../gated-repositories';
import {
  checkAbsenceDates,
  checkInstant,
  checkLeaseSeconds,
  checkLimit,
  checkLocalDate,
  emailKey,
  settingJson,
} from '../query-arguments';
import {
  mongoCaseCollections,
  mongoCaseObligationQueries,
  mongoCaseRepositories,
  obligationFrom,
  prepareMongoCaseWork,
  type MongoCaseCollections,
  type ObligationDocument,
} from './mongo-case-repositories';
import { PDF_BUCKET, fromGridFsDocuments, toGridFsDocuments, type PdfChunkDocument, type PdfFileDocument } from './gridfs-layout';
import { backfillSavedAt, mongoObligationReportQueries, mongoStatementReportQueries, REPORT_STATEMENT_INDEXES } from './mongo-report-queries';

/** A statement as stored: its id is the document's `_id`. */
interface StatementDocument extends Omit<Statement, 'id'> {
  _id: string;
}

/** A person as stored, with the normalised email people are found by. */
interface PersonDocument extends Omit<Person, 'id'> {
  _id: string;
  emailKey: string;
}

interface TeamDocument extends Omit<Team, 'id'> {
  _id: string;
}

interface AbsenceDocument extends Omit<Absence, 'id'> {
  _id: string;
}

/**
 * An audit event as stored. `_id` is an ObjectId made when the event is appended: within
 * one process it grows with every append, so it orders events that share an `at`.
 */
interface AuditDocument extends AuditEvent {
  _id: ObjectId;
}

interface ConversationDocument extends Omit<ConversationRecord, 'aadObjectId'> {
  _id: string;
}

/** Settings are kept as JSON text, so every value reads back exactly as the embedded store gives it. */
/** Keyed by a generated _id; (statementId, personId) is unique by index. */
type CardDeliveryDocument = CardDelivery;

/** A nudge record as stored: its idempotency key is the document's `_id`, so the server refuses a second one. */
interface NudgeDocument extends Omit<NudgeRecord, 'key'> {
  _id: string;
}

interface SettingDocument {
  _id: string;
  json: string;
}

/**
 * The collections of one Heard database.
 *
 * @example
 * const collections = mongoCollections(client.db('heard'));
 */
export interface MongoCollections extends MongoCaseCollections {
  statements: Collection<StatementDocument>;
  people: Collection<PersonDocument>;
  teams: Collection<TeamDocument>;
  absences: Collection<AbsenceDocument>;
  obligations: Collection<ObligationDocument>;
  audit: Collection<AuditDocument>;
  conversations: Collection<ConversationDocument>;
  cards: Collection<CardDeliveryDocument>;
  nudges: Collection<NudgeDocument>;
  settings: Collection<SettingDocument>;
  pdfFiles: Collection<PdfFileDocument>;
  pdfChunks: Collection<PdfChunkDocument>;
}

/**
 * Names the collections of one Heard database.
 *
 * @example
 * const { statements } = mongoCollections(client.db('heard'));
 */
export function mongoCollections(db: Db): MongoCollections {
  return {
    statements: db.collection<StatementDocument>('statements'),
    people: db.collection<PersonDocument>('people'),
    teams: db.collection<TeamDocument>('teams'),
    absences: db.collection<AbsenceDocument>('absences'),
    obligations: db.collection<ObligationDocument>('obligations'),
    audit: db.collection<AuditDocument>('audit_events'),
    conversations: db.collection<ConversationDocument>('conversations'),
    cards: db.collection<CardDeliveryDocument>('card_deliveries'),
    nudges: db.collection<NudgeDocument>('nudges'),
    settings: db.collection<SettingDocument>('settings'),
    pdfFiles: db.collection<PdfFileDocument>(`${PDF_BUCKET}.files`),
    pdfChunks: db.collection<PdfChunkDocument>(`${PDF_BUCKET}.chunks`),
    ...mongoCaseCollections(db),
  };
}

/** The `_id` index every collection has: asking for it changes nothing but creates a missing collection. */
export const ID_INDEX = { key: { _id: 1 }, name: '_id_' };

/**
 * Creates the collections and the indexes queries rely on. Every collection is created
 * here, outside any transaction (not every server lets a transaction create one), by
 * `createIndexes` — not by `create` or `listCollections`, which some MongoDB-compatible
 * servers lack. Safe to run at every start and from several instances at once: what
 * exists is left alone.
 *
 * @example
 * await prepareMongoDatabase(client.db('heard'));
 */
export async function prepareMongoDatabase(db: Db): Promise<void> {
  const c = mongoCollections(db);
  for (const collection of Object.values(c) as Collection[]) await collection.createIndexes([ID_INDEX]);
  await c.statements.createIndexes([
    { key: { externalId: 1 }, name: 'statements_by_external_id', unique: true },
    { key: { assigneeIds: 1, sentAt: 1, _id: 1 }, name: 'statements_by_assignee' },
    { key: { status: 1, sentAt: 1, _id: 1 }, name: 'statements_by_status' },
    { key: { sentAt: 1, _id: 1 }, name: 'statements_by_sent_at' },
    ...REPORT_STATEMENT_INDEXES,
  ]);
  await c.people.createIndexes([
    { key: { emailKey: 1, _id: 1 }, name: 'people_by_email' },
    { key: { aadObjectId: 1, _id: 1 }, name: 'people_by_aad_object_id' },
    { key: { teamId: 1, _id: 1 }, name: 'people_by_team' },
    { key: { roles: 1, _id: 1 }, name: 'people_by_role' },
    { key: { lineManagerId: 1, _id: 1 }, name: 'people_by_line_manager' },
  ]);
  await c.absences.createIndexes([{ key: { personId: 1, from: 1, _id: 1 }, name: 'absences_by_person' }]);
  await c.obligations.createIndexes([
    { key: { ownerId: 1, status: 1, due: 1 }, name: 'obligations_by_owner' },
    { key: { status: 1, nextNudgeAt: 1 }, name: 'obligations_by_next_nudge' },
    { key: { statementId: 1, due: 1 }, name: 'obligations_by_statement' },
    { key: { due: 1, _id: 1 }, name: 'obligations_by_due' },
    { key: { status: 1, standardId: 1, due: 1 }, name: 'obligations_open_by_standard' },
  ]);
  await c.audit.createIndexes([
    { key: { id: 1 }, name: 'audit_events_by_id', unique: true },
    { key: { statementId: 1, at: 1, _id: 1 }, name: 'audit_events_by_statement' },
  ]);
  await c.cards.createIndexes([
    { key: { statementId: 1, personId: 1 }, name: 'card_deliveries_by_statement', unique: true },
    // Plain rather than partial: not every MongoDB-compatible service (Cosmos DB) accepts a partialFilterExpression.
    { key: { state: 1, at: 1, statementId: 1, personId: 1 }, name: 'card_deliveries_by_state' },
  ]);
  await c.nudges.createIndexes([
    { key: { obligationId: 1 }, name: 'nudges_by_obligation' },
    { key: { at: 1, _id: 1 }, name: 'nudges_by_at' },
  ]);
  // The indexes the GridFS specification asks for, as GridFSBucket would create them.
  await c.pdfFiles.createIndexes([{ key: { filename: 1, uploadDate: 1 } }]);
  await c.pdfChunks.createIndexes([{ key: { files_id: 1, n: 1 }, unique: true }]);
  await c.audit.createIndexes([{ key: { caseId: 1, at: 1, _id: 1 }, name: 'audit_events_by_case' }]);
  await c.audit.createIndexes([{ key: { setting: 1, at: 1, _id: 1 }, name: 'audit_events_by_setting' }]);
  await prepareMongoCaseWork(c, c.obligations, c.settings);
  await backfillSavedAt(c.statements, c.audit, c.settings);
}

/**
 * How repository calls reach the database: `session` is the transaction's while inside
 * `store.transaction` (undefined otherwise); `atomically` runs multi-document work in
 * that transaction, or in a new one of its own.
 *
 * @example
 * const context: MongoContext = { session: undefined, atomically: (work) => runInNewTransaction(work) };
 */
export interface MongoContext {
  session: ClientSession | undefined;
  atomically<R>(work: (session: ClientSession) => Promise<R>): Promise<R>;
}

const DUPLICATE_KEY = 11000;

function isDuplicateKey(error: unknown): error is MongoServerError {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/** Which of `ids` a failed insertMany tripped over, for the error message. */
function duplicateIdOf(error: MongoServerError, ids: string[]): string {
  if (error instanceof MongoBulkWriteError) {
    const first = Array.isArray(error.writeErrors) ? error.writeErrors[0] : error.writeErrors;
    if (first && ids[first.index] !== undefined) return ids[first.index];
  }
  return ids.join(', ');
}

function statementFrom({ _id, ...rest }: StatementDocument): Statement {
  return { id: _id, ...rest };
}

function personFrom(document: PersonDocument): Person {
  const { _id, emailKey: _key, ...rest } = document;
  return { id: _id, ...rest };
}

function personDocument({ id: _id, ...rest }: Person): Omit<PersonDocument, '_id'> {
  return { ...rest, emailKey: emailKey(rest.email) };
}

function teamFrom({ _id, ...rest }: TeamDocument): Team {
  return { id: _id, ...rest };
}

function absenceFrom({ _id, ...rest }: AbsenceDocument): Absence {
  return { id: _id, ...rest };
}

function auditEventFrom({ _id: _objectId, ...event }: AuditDocument): AuditEvent {
  return event;
}

function conversationFrom({ _id, ...rest }: ConversationDocument): ConversationRecord {
  return { aadObjectId: _id, ...rest };
}

function nudgeFrom({ _id, ...rest }: NudgeDocument): NudgeRecord {
  return { key: _id, ...rest };
}

/** Attempts at reading a PDF that is being replaced at the same moment. */
const PDF_READ_ATTEMPTS = 5;

/**
 * The repositories over one MongoDB database. Writes of one document are atomic on
 * their own; writes of several (a directory upsert, a batch of obligations, a PDF's
 * chunks) go through `context.atomically`.
 *
 * @example
 * const repositories = mongoRepositories(mongoCollections(db), { session: undefined, atomically });
 * await repositories.settings.set('calendar', { division: 'scotland' });
 */
export function mongoRepositories(c: MongoCollections, context: MongoContext): Omit<RepositoryImplementations, 'flows' | 'rota' | 'followUps' | 'broadcasts' | 'handovers'> {
  const { session } = context;

  const removePdf = async (statementId: string, s: ClientSession): Promise<void> => {
    const files = await c.pdfFiles.find({ filename: statementId }, { session: s, projection: { _id: 1 } }).toArray();
    if (files.length === 0) return;
    const ids = files.map((file) => file._id);
    await c.pdfChunks.deleteMany({ files_id: { $in: ids } }, { session: s });
    await c.pdfFiles.deleteMany({ _id: { $in: ids } }, { session: s });
  };

  return {
    statements: {
      // An upsert that only inserts: it never fails on a duplicate, which inside a
      // transaction would abort the whole transaction. The server retries an upsert that
      // races another on the unique externalId index.
      insert: async (statement) => {
        const { id, externalId, ...rest } = statement;
        try {
          const result = await c.statements.updateOne(
            { externalId },
            { $setOnInsert: { _id: id, ...rest } },
            { upsert: true, session },
          );
          return result.upsertedCount === 1 ? 'inserted' : 'duplicate';
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          if (session === undefined && (await c.statements.countDocuments({ externalId }, { limit: 1 })) === 1) {
            return 'duplicate';
          }
          throw new Error(`statement ${id} already exists with another externalId`, { cause: error });
        }
      },

      get: async (id) => {
        const document = await c.statements.findOne({ _id: id }, { session });
        return document ? statementFrom(document) : null;
      },

      getByExternalId: async (externalId) => {
        const document = await c.statements.findOne({ externalId }, { session });
        return document ? statementFrom(document) : null;
      },

      update: async (statement) => {
        const { id, ...rest } = statement;
        let matched: number;
        try {
          matched = (await c.statements.replaceOne({ _id: id, version: statement.version - 1 }, rest, { session })).matchedCount;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          throw new Error(`statement ${id} cannot take externalId ${statement.externalId}: another statement has it`, {
            cause: error,
          });
        }
        if (matched !== 1) throw new ConcurrencyError('statement', id);
      },

      list: async (filter, limit) => {
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0 || filter.statuses?.length === 0) return [];
        const query: Filter<StatementDocument> = {};
        if (filter.statuses) query.status = { $in: filter.statuses };
        if (filter.assigneeId !== undefined) query.assigneeIds = filter.assigneeId;
        const cursor = c.statements.find(query, { session, sort: { sentAt: 1, _id: 1 } });
        if (rowLimit !== undefined) cursor.limit(rowLimit);
        return (await cursor.toArray()).map(statementFrom);
      },

      ...mongoStatementReportQueries(c.statements, session, statementFrom),
    },

    pdfs: {
      put: (statementId, pdf) =>
        context.atomically(async (s) => {
          const { file, chunks } = toGridFsDocuments(statementId, pdf, new Date());
          await removePdf(statementId, s);
          // Chunks first, as GridFS writers do: a file document never points at missing chunks.
          if (chunks.length > 0) await c.pdfChunks.insertMany(chunks, { session: s });
          await c.pdfFiles.insertOne(file, { session: s });
        }),

      // Outside a transaction the file may be replaced between reading its document and
      // its chunks; each upload has a new file id, so that shows as missing chunks and
      // the read starts again.
      get: async (statementId) => {
        for (let attempt = 0; attempt < PDF_READ_ATTEMPTS; attempt += 1) {
          const file = await c.pdfFiles.findOne({ filename: statementId }, { session, sort: { uploadDate: -1, _id: -1 } });
          if (!file) return null;
          const chunks = await c.pdfChunks.find({ files_id: file._id }, { session, sort: { n: 1 } }).toArray();
          const pdf = fromGridFsDocuments(file, chunks);
          if (pdf) return pdf;
        }
        throw new Error(`the PDF of statement ${statementId} kept changing while it was read; read it again`);
      },

      delete: (statementId) => context.atomically((s) => removePdf(statementId, s)),
    },

    directory: {
      upsert: (people, teams) =>
        context.atomically(async (s) => {
          if (people.length > 0) {
            await c.people.bulkWrite(
              people.map((person) => ({
                replaceOne: { filter: { _id: person.id }, replacement: personDocument(person), upsert: true },
              })),
              { session: s, ordered: true },
            );
          }
          if (teams.length > 0) {
            await c.teams.bulkWrite(
              teams.map(({ id, ...rest }) => ({ replaceOne: { filter: { _id: id }, replacement: rest, upsert: true } })),
              { session: s, ordered: true },
            );
          }
        }),

      getPerson: async (id) => {
        const document = await c.people.findOne({ _id: id }, { session });
        return document ? personFrom(document) : null;
      },

      findPersonByEmail: async (email) => {
        const document = await c.people.findOne({ emailKey: emailKey(email) }, { session, sort: { _id: 1 } });
        return document ? personFrom(document) : null;
      },

      findPersonByAadObjectId: async (aadObjectId) => {
        const document = await c.people.findOne({ aadObjectId }, { session, sort: { _id: 1 } });
        return document ? personFrom(document) : null;
      },

      listPeople: async (filter = {}) => {
        const query: Filter<PersonDocument> = {};
        if (filter.role !== undefined) query.roles = filter.role;
        if (filter.teamId !== undefined) query.teamId = filter.teamId;
        if (filter.lineManagerId !== undefined) query.lineManagerId = filter.lineManagerId;
        return (await c.people.find(query, { session, sort: { _id: 1 } }).toArray()).map(personFrom);
      },

      getTeam: async (id) => {
        const document = await c.teams.findOne({ _id: id }, { session });
        return document ? teamFrom(document) : null;
      },

      listTeams: async () => (await c.teams.find({}, { session, sort: { _id: 1 } }).toArray()).map(teamFrom),

      putAbsence: async (absence) => {
        checkAbsenceDates(absence);
        const { id, ...rest } = absence;
        await c.absences.replaceOne({ _id: id }, rest, { upsert: true, session });
      },

      deleteAbsence: async (id) => {
        await c.absences.deleteOne({ _id: id }, { session });
      },

      listAbsences: async (personId, onDate) => {
        const query: Filter<AbsenceDocument> = { personId };
        if (onDate !== undefined) {
          checkLocalDate(onDate, 'onDate');
          query.from = { $lte: onDate };
          query.until = { $gte: onDate };
        }
        return (await c.absences.find(query, { session, sort: { from: 1, _id: 1 } }).toArray()).map(absenceFrom);
      },
    },

    obligations: {
      insertMany: async (obligations) => {
        if (obligations.length === 0) return;
        const documents = obligations.map(({ id, ...rest }) => ({ _id: id, ...rest }));
        await context.atomically(async (s) => {
          try {
            await c.obligations.insertMany(documents, { session: s, ordered: true });
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
            const id = duplicateIdOf(
              error,
              obligations.map((o) => o.id),
            );
            throw new Error(`obligation ${id} already exists`, { cause: error });
          }
        });
      },

      get: async (id) => {
        const document = await c.obligations.findOne({ _id: id }, { session });
        return document ? obligationFrom(document) : null;
      },

      listForStatement: async (statementId) =>
        (await c.obligations.find({ statementId }, { session, sort: { due: 1, _id: 1 } }).toArray()).map(obligationFrom),

      ...mongoCaseObligationQueries(c.obligations, c.cases, session),

      update: async (obligation) => {
        const { id, ...rest } = obligation;
        const result = await c.obligations.replaceOne({ _id: id, version: obligation.version - 1 }, rest, { session });
        if (result.matchedCount !== 1) throw new ConcurrencyError('obligation', id);
      },

      openForOwners: async (ownerIds, dueBefore, limit, dueFrom) => {
        checkInstant(dueBefore, 'dueBefore');
        if (dueFrom !== undefined) checkInstant(dueFrom, 'dueFrom');
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0 || ownerIds.length === 0) return [];
        const cursor = c.obligations.find(
          { ownerId: { $in: ownerIds }, status: 'open', due: dueFrom === undefined ? { $lt: dueBefore } : { $gte: dueFrom, $lt: dueBefore } },
          { session, sort: { due: 1, _id: 1 } },
        );
        if (rowLimit !== undefined) cursor.limit(rowLimit);
        return (await cursor.toArray()).map(obligationFrom);
      },

      // One findOneAndUpdate per obligation: each choose-and-lease is atomic on the
      // server, and the filter only matches an unleased (or lapsed) obligation, so two
      // claimers can never both take one. The version moves on with the lease, so a
      // claimer whose lease lapsed and was re-claimed can no longer save its copy.
      claimDue: async (now, holder, leaseSeconds, limit) => {
        checkInstant(now, 'now');
        checkLeaseSeconds(leaseSeconds);
        const rowLimit = checkLimit(limit, 'limit') ?? 0;
        const claimed: Obligation[] = [];
        while (claimed.length < rowLimit) {
          const document = await c.obligations.findOneAndUpdate(
            { status: 'open', nextNudgeAt: { $lte: now }, $or: [{ lease: null }, { 'lease.until': { $lte: now } }] },
            { $set: { lease: { holder, until: now + leaseSeconds } }, $inc: { version: 1 } },
            { session, sort: { nextNudgeAt: 1, _id: 1 }, returnDocument: 'after' },
          );
          if (!document) break;
          claimed.push(obligationFrom(document));
        }
        return claimed;
      },

      // `$ne: null` leaves out obligations without a next nudge; the sort then walks
      // obligations_by_next_nudge from the first open one and stops at once.
      earliestNudgeAt: async () => {
        const document = await c.obligations.findOne(
          { status: 'open', nextNudgeAt: { $ne: null } },
          { session, sort: { nextNudgeAt: 1 }, projection: { _id: 0, nextNudgeAt: 1 } },
        );
        return document?.nextNudgeAt ?? null;
      },

      listDueBetween: async (from, to, limit) => {
        checkInstant(from, 'from');
        checkInstant(to, 'to');
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        const cursor = c.obligations.find({ due: { $gte: from, $lt: to } }, { session, sort: { due: 1, _id: 1 } });
        if (rowLimit !== undefined) cursor.limit(rowLimit);
        return (await cursor.toArray()).map(obligationFrom);
      },

      listOpen: async (after, limit, standardIds) => {
        const rowLimit = checkLimit(limit, 'limit') ?? 0;
        if (rowLimit === 0 || standardIds?.length === 0) return [];
        const filter: Filter<ObligationDocument> = { status: 'open', _id: { $gt: after ?? '' } };
        if (standardIds !== undefined) filter.standardId = { $in: [...standardIds] };
        return (await c.obligations.find(filter, { session, sort: { _id: 1 }, limit: rowLimit }).toArray()).map(obligationFrom);
      },

      // The group needs only status, standardId and due: all in obligations_open_by_standard,
      // so the server can answer from the index without reading the documents.
      countOpenByStandard: async (now) => {
        checkInstant(now, 'now');
        // Two plain groupings rather than one with a conditional sum: both use the open
        // obligations' index, and every MongoDB-wire server evaluates them alike.
        const countBy = (match: Filter<ObligationDocument>) =>
          c.obligations
            .aggregate<{ _id: string; n: number }>([{ $match: match }, { $group: { _id: '$standardId', n: { $sum: 1 } } }], { session })
            .toArray();
        const [open, overdue] = await Promise.all([countBy({ status: 'open' }), countBy({ status: 'open', due: { $lt: now } })]);
        const overdueBy = new Map(overdue.map((row) => [row._id, row.n]));
        return open
          .map((row) => ({ standardId: row._id, open: row.n, overdue: overdueBy.get(row._id) ?? 0 }))
          .sort((a, b) => (a.standardId < b.standardId ? -1 : a.standardId > b.standardId ? 1 : 0));
      },

      ...mongoObligationReportQueries(c.obligations, session, obligationFrom),
    },

    audit: {
      append: async (event) => {
        try {
          await c.audit.insertOne({ _id: new ObjectId(), ...event }, { session });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          throw new Error(`audit event ${event.id} is already in the log; events are never replaced`, { cause: error });
        }
      },

      listForStatement: async (statementId) =>
        (await c.audit.find({ statementId }, { session, sort: { at: 1, _id: 1 } }).toArray()).map(auditEventFrom),

      listForCase: async (caseId) => (await c.audit.find({ caseId }, { session, sort: { at: 1, _id: 1 } }).toArray()).map(auditEventFrom),
      listConfiguration: async (filter = {}, limit) => {
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        const query: Filter<AuditDocument> = filter.setting === undefined ? { setting: { $type: 'string' } } : { setting: filter.setting };
        const cursor = c.audit.find(query, { session, sort: { at: -1, _id: -1 } });
        if (rowLimit !== undefined) cursor.limit(rowLimit);
        return (await cursor.toArray()).map(auditEventFrom).reverse();
      },
    },

    conversations: {
      save: async ({ aadObjectId, ...rest }) => {
        await c.conversations.replaceOne({ _id: aadObjectId }, rest, { upsert: true, session });
      },

      get: async (aadObjectId) => {
        const document = await c.conversations.findOne({ _id: aadObjectId }, { session });
        return document ? conversationFrom(document) : null;
      },
    },

    cards: {
      save: async (delivery) => {
        await c.cards.replaceOne({ statementId: delivery.statementId, personId: delivery.personId }, delivery, { upsert: true, session });
      },

      listForStatement: async (statementId) =>
        (await c.cards.find({ statementId }, { session, sort: { personId: 1 } }).toArray()).map(({ _id, ...delivery }) => delivery),

      listNotDelivered: async (limit) => {
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        const cursor = c.cards.find({ state: 'not-delivered' }, { session, sort: { at: 1, statementId: 1, personId: 1 } });
        if (rowLimit !== undefined) cursor.limit(rowLimit);
        return (await cursor.toArray()).map(({ _id, ...delivery }) => delivery);
      },
    },

    nudges: {
      // An upsert that only inserts, like statements.insert: a duplicate key inside a
      // transaction would abort the whole transaction, where this just matches the
      // existing record and changes nothing. The server retries an upsert that races
      // another on `_id`; should the duplicate-key error still reach us outside a
      // transaction, `_id` is the key, so it can only mean the record exists.
      begin: async (record) => {
        checkInstant(record.at, 'at');
        const { key, ...rest } = record;
        try {
          const result = await c.nudges.updateOne({ _id: key }, { $setOnInsert: rest }, { upsert: true, session });
          return result.upsertedCount === 1 ? 'inserted' : 'duplicate';
        } catch (error) {
          if (isDuplicateKey(error) && session === undefined) return 'duplicate';
          throw error;
        }
      },

      finish: async (record) => {
        checkInstant(record.at, 'at');
        const { key, ...rest } = record;
        const result = await c.nudges.replaceOne({ _id: key }, rest, { session });
        if (result.matchedCount !== 1) throw new Error(`nudge ${key} cannot be finished: it was never begun, or was removed`);
      },

      remove: async (key) => {
        await c.nudges.deleteOne({ _id: key }, { session });
      },

      get: async (key) => {
        const document = await c.nudges.findOne({ _id: key }, { session });
        return document ? nudgeFrom(document) : null;
      },

      listForObligation: async (obligationId) =>
        (await c.nudges.find({ obligationId }, { session, sort: { at: 1, _id: 1 } }).toArray()).map(nudgeFrom),

      listBetween: async (from, to, limit) => {
        checkInstant(from, 'from');
        checkInstant(to, 'to');
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        const cursor = c.nudges.find({ at: { $gte: from, $lt: to } }, { session, sort: { at: 1, _id: 1 } });
        if (rowLimit !== undefined) cursor.limit(rowLimit);
        return (await cursor.toArray()).map(nudgeFrom);
      },
    },

    ...mongoCaseRepositories(c, session),

    settings: {
      get: async (key) => {
        const document = await c.settings.findOne({ _id: key }, { session });
        return document ? (JSON.parse(document.json) as unknown) : null;
      },

      set: async (key, value) => {
        await c.settings.replaceOne({ _id: key }, { json: settingJson(key, value) }, { upsert: true, session });
      },
    },
  };
}
