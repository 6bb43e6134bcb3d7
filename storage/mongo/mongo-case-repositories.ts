import { MongoServerError, type ClientSession, type Collection, type Db, type Filter } from 'mongodb';
import type { Case, CaseEvent, StaffSubject } from '../../domain/case';
import type { Obligation } from '../../domain/obligation';
import { ConcurrencyError, type ObligationRepository } from '../../domain/ports/store.port';
import type { Implementation, RepositoryImplementations } from '../gated-repositories';
import { checkInstant, checkLimit, emailKey } from '../query-arguments';

/**
 * The MongoDB store's case work: cases, staff subjects and case events in collections of
 * their own, the obligation queries case work adds, and the upgrade of obligations stored
 * before obligations had subjects.
 */

interface CaseDocument extends Omit<Case, 'id'> {
  _id: string;
  /** Who holds a role on it (the allocations' addresses, lower case), so a manager's team finds its cases by person. */
  allocatedTo: string[];
}

/** A case as stored: with the addresses of its allocations, indexed. */
function caseDocument({ id, ...rest }: Case): CaseDocument {
  return { _id: id, ...rest, allocatedTo: allocatedTo(rest.allocations) };
}

function allocatedTo(allocations: Record<string, string>): string[] {
  return [...new Set(Object.values(allocations).map(emailKey))].sort();
}

interface StaffDocument extends Omit<StaffSubject, 'id'> {
  _id: string;
  emailKey: string;
}

/** A case event as stored: `_id` is `<source>\u0000<eventId>`, so the server refuses a second one. */
interface CaseEventDocument extends CaseEvent {
  _id: string;
}

/** An obligation as stored (its id is `_id`). Documents written before case work lack the subject fields. */
export interface ObligationDocument extends Omit<Obligation, 'id'> {
  _id: string;
}

/** @example const { cases } = mongoCaseCollections(db); */
export interface MongoCaseCollections {
  cases: Collection<CaseDocument>;
  staff: Collection<StaffDocument>;
  caseEvents: Collection<CaseEventDocument>;
}

/**
 * Names the case-work collections of one Heard database.
 *
 * @example
 * const collections = mongoCaseCollections(client.db('heard'));
 */
export function mongoCaseCollections(db: Db): MongoCaseCollections {
  return {
    cases: db.collection<CaseDocument>('cases'),
    staff: db.collection<StaffDocument>('staff_subjects'),
    caseEvents: db.collection<CaseEventDocument>('case_events'),
  };
}

const DUPLICATE_KEY = 11000;
const isDuplicateKey = (error: unknown): boolean => error instanceof MongoServerError && error.code === DUPLICATE_KEY;

/** The settings document that records the obligations' upgrade as done. */
const UPGRADED_MARK = 'schema:obligation-subjects';

/** The settings document that records that every case carries `allocatedTo`. */
const ALLOCATED_MARK = 'schema:case-allocated-to';

/**
 * The indexes case work relies on, and the one-time upgrade of obligations stored before
 * they had subjects (each is a statement's; a cancelled one was closed as `cancelled`).
 * Safe to run at every start.
 *
 * @example
 * await prepareMongoCaseWork(mongoCaseCollections(db), collections.obligations, collections.settings);
 */
export async function prepareMongoCaseWork(
  c: MongoCaseCollections,
  obligations: Collection<ObligationDocument>,
  settings: Collection<{ _id: string; json: string }>,
): Promise<void> {
  await c.cases.createIndexes([
    { key: { caseRef: 1 }, name: 'cases_by_ref', unique: true },
    { key: { allocatedTo: 1, caseRef: 1 }, name: 'cases_by_allocated' },
  ]);
  await c.staff.createIndexes([{ key: { emailKey: 1 }, name: 'staff_subjects_by_email', unique: true }]);
  await c.caseEvents.createIndexes([
    { key: { subjectId: 1, occurredAt: 1, seq: 1 }, name: 'case_events_by_subject' },
    { key: { source: 1, supersedes: 1, receivedAt: 1, seq: 1 }, name: 'case_events_by_supersedes' },
  ]);
  await obligations.createIndexes([
    { key: { caseId: 1, due: 1, _id: 1 }, name: 'obligations_by_case' },
    { key: { staffId: 1, due: 1, _id: 1 }, name: 'obligations_by_staff' },
    { key: { ownerEmail: 1, due: 1, _id: 1 }, name: 'obligations_by_owner_email' },
  ]);
  if (!(await settings.findOne({ _id: ALLOCATED_MARK }))) {
    // Cases stored before allocatedTo: given it one by one (pipeline updates are not everywhere a MongoDB is).
    for await (const kase of c.cases.find({ allocatedTo: { $exists: false } } as Filter<CaseDocument>)) {
      await c.cases.updateOne({ _id: kase._id }, { $set: { allocatedTo: allocatedTo(kase.allocations) } });
    }
    await settings.updateOne({ _id: ALLOCATED_MARK }, { $set: { json: 'true' } }, { upsert: true });
  }
  if (await settings.findOne({ _id: UPGRADED_MARK })) return;
  const legacy = { subject: { $exists: false } } as Filter<ObligationDocument>;
  const common: Partial<ObligationDocument> = {
    subject: 'statement',
    caseId: null,
    staffId: null,
    occurrenceKey: null,
    ownerEmail: null,
    anchorAt: null,
    closedAt: null,
    triggerDateOnly: false,
    stopDateOnly: false,
  };
  await obligations.updateMany({ ...legacy, status: 'cancelled' }, { $set: { ...common, closedReason: 'cancelled' } });
  await obligations.updateMany(legacy, { $set: { ...common, closedReason: null } });
  await settings.updateOne({ _id: UPGRADED_MARK }, { $set: { json: 'true' } }, { upsert: true });
}

const eventKey = (source: string, eventId: string): string => `${source}\u0000${eventId}`;

function caseFrom({ _id, allocatedTo: _people, ...rest }: CaseDocument): Case {
  return { id: _id, ...rest };
}

function staffFrom(document: StaffDocument): StaffSubject {
  const { _id, emailKey: _key, ...rest } = document;
  return { id: _id, ...rest };
}

function eventFrom({ _id: _key, ...event }: CaseEventDocument): CaseEvent {
  return event;
}

/**
 * An obligation from its document, whatever build wrote it.
 *
 * @example
 * obligationFrom(await collection.findOne({ _id: 'ob_1' }));
 */
export function obligationFrom({ _id, ...rest }: ObligationDocument): Obligation {
  return { id: _id, ...rest };
}

/**
 * The repositories of cases, staff subjects and case events over one database.
 *
 * @example
 * const { cases } = mongoCaseRepositories(mongoCaseCollections(db), undefined);
 */
export function mongoCaseRepositories(
  c: MongoCaseCollections,
  session: ClientSession | undefined,
): Pick<RepositoryImplementations, 'cases' | 'staff' | 'caseEvents'> {
  return {
    cases: {
      // An upsert that only inserts: a duplicate does not abort the surrounding transaction.
      insert: async (kase) => {
        const { _id: id, caseRef, ...rest } = caseDocument(kase);
        try {
          const result = await c.cases.updateOne({ caseRef }, { $setOnInsert: { _id: id, ...rest } }, { upsert: true, session });
          return result.upsertedCount === 1 ? 'inserted' : 'duplicate';
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          if (session === undefined && (await c.cases.countDocuments({ caseRef }, { limit: 1 })) === 1) return 'duplicate';
          throw new Error(`case ${id} already exists with another caseRef`, { cause: error });
        }
      },
      get: async (id) => {
        const document = await c.cases.findOne({ _id: id }, { session });
        return document ? caseFrom(document) : null;
      },
      getMany: async (ids) => {
        if (ids.length === 0) return [];
        return (await c.cases.find({ _id: { $in: [...new Set(ids)] } }, { session, sort: { caseRef: 1 } }).toArray()).map(caseFrom);
      },
      getByRef: async (caseRef) => {
        const document = await c.cases.findOne({ caseRef }, { session });
        return document ? caseFrom(document) : null;
      },
      update: async (kase) => {
        const { _id: id, ...rest } = caseDocument(kase);
        let matched: number;
        try {
          matched = (await c.cases.replaceOne({ _id: id, version: kase.version - 1 }, rest, { session })).matchedCount;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          throw new Error(`case ${id} cannot take caseRef ${kase.caseRef}: another case has it`, { cause: error });
        }
        if (matched !== 1) throw new ConcurrencyError('case', id);
      },
      listAllocatedTo: async (emails) => {
        if (emails.length === 0) return [];
        const people = [...new Set(emails.map(emailKey))];
        return (await c.cases.find({ allocatedTo: { $in: people } }, { session, sort: { caseRef: 1 } }).toArray()).map(caseFrom);
      },
    },

    staff: {
      insert: async (subject) => {
        const { id, ...rest } = subject;
        const key = emailKey(subject.email);
        try {
          const result = await c.staff.updateOne({ emailKey: key }, { $setOnInsert: { _id: id, ...rest } }, { upsert: true, session });
          return result.upsertedCount === 1 ? 'inserted' : 'duplicate';
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          if (session === undefined && (await c.staff.countDocuments({ emailKey: key }, { limit: 1 })) === 1) return 'duplicate';
          throw new Error(`staff subject ${id} already exists with another e-mail`, { cause: error });
        }
      },
      get: async (id) => {
        const document = await c.staff.findOne({ _id: id }, { session });
        return document ? staffFrom(document) : null;
      },
      getByEmail: async (email) => {
        const document = await c.staff.findOne({ emailKey: emailKey(email) }, { session });
        return document ? staffFrom(document) : null;
      },
      update: async (subject) => {
        const { id, ...rest } = subject;
        const result = await c.staff.replaceOne({ _id: id, version: subject.version - 1 }, { ...rest, emailKey: emailKey(subject.email) }, { session });
        if (result.matchedCount !== 1) throw new ConcurrencyError('staff subject', id);
      },
    },

    caseEvents: {
      insert: async (event) => {
        const _id = eventKey(event.source, event.eventId);
        const result = await c.caseEvents.updateOne({ _id }, { $setOnInsert: { ...event } }, { upsert: true, session });
        return result.upsertedCount === 1 ? 'inserted' : 'duplicate';
      },
      get: async (source, eventId) => {
        const document = await c.caseEvents.findOne({ _id: eventKey(source, eventId) }, { session });
        return document ? eventFrom(document) : null;
      },
      getMany: async (keys) => {
        if (keys.length === 0) return [];
        const ids = [...new Set(keys.map((k) => eventKey(k.source, k.eventId)))];
        return (await c.caseEvents.find({ _id: { $in: ids } }, { session }).toArray()).map(eventFrom);
      },
      listForSubject: async (subjectId) =>
        (await c.caseEvents.find({ subjectId }, { session, sort: { occurredAt: 1, seq: 1 } }).toArray()).map(eventFrom),
      findSuperseding: async (keys) => {
        if (keys.length === 0) return [];
        const bySource = new Map<string, string[]>();
        for (const k of keys) bySource.set(k.source, [...(bySource.get(k.source) ?? []), k.eventId]);
        const filter = { $or: [...bySource].map(([source, ids]) => ({ source, supersedes: { $in: ids } })) };
        return (await c.caseEvents.find(filter, { session }).toArray()).map(eventFrom);
      },
      markSuperseded: async (source, eventId, supersededBy) => {
        const result = await c.caseEvents.updateOne({ _id: eventKey(source, eventId) }, { $set: { supersededBy } }, { session });
        if (result.matchedCount !== 1) throw new Error(`case event ${source}:${eventId} is not stored`);
      },
    },
  };
}

/**
 * The obligation queries case work adds, over the obligations collection.
 *
 * @example
 * const extra = mongoCaseObligationQueries(collections.obligations, collections.cases, session);
 */
export function mongoCaseObligationQueries(
  obligations: Collection<ObligationDocument>,
  cases: Collection<CaseDocument>,
  session: ClientSession | undefined,
): Pick<Implementation<ObligationRepository>, 'listForCase' | 'listForStaff' | 'list' | 'deleteMany' | 'openUnownedOnCasesOf'> {
  const sorted = async (filter: Filter<ObligationDocument>, limit?: number): Promise<Obligation[]> => {
    const cursor = obligations.find(filter, { session, sort: { due: 1, _id: 1 } });
    if (limit !== undefined) cursor.limit(limit);
    return (await cursor.toArray()).map(obligationFrom);
  };
  return {
    listForCase: (caseId) => sorted({ caseId }),
    listForStaff: (staffId) => sorted({ staffId }),
    list: async (filter, limit) => {
      const rowLimit = checkLimit(limit, 'limit');
      if (rowLimit === 0) return [];
      const query: Filter<ObligationDocument> = {};
      if (filter.subject !== undefined) query.subject = filter.subject;
      if (filter.caseId !== undefined) query.caseId = filter.caseId;
      if (filter.staffId !== undefined) query.staffId = filter.staffId;
      const owner: Filter<ObligationDocument>[] = [
        ...(filter.ownerId !== undefined ? [{ ownerId: filter.ownerId }] : []),
        ...(filter.ownerEmail !== undefined ? [{ ownerEmail: emailKey(filter.ownerEmail) }] : []),
      ];
      if (owner.length > 0) query.$or = owner;
      return sorted(query, rowLimit);
    },
    // The team's case ids from cases_by_allocated (ids only), then obligations_by_case.
    openUnownedOnCasesOf: async (emails, dueFrom, dueBefore) => {
      checkInstant(dueFrom, 'dueFrom');
      checkInstant(dueBefore, 'dueBefore');
      if (emails.length === 0 || dueBefore <= dueFrom) return [];
      const people = [...new Set(emails.map(emailKey))];
      const caseIds = (await cases.find({ allocatedTo: { $in: people } }, { session, projection: { _id: 1 } }).toArray()).map((d) => d._id);
      if (caseIds.length === 0) return [];
      return sorted({ caseId: { $in: caseIds }, status: 'open', ownerId: null, due: { $gte: dueFrom, $lt: dueBefore } });
    },
    deleteMany: async (ids) => {
      if (ids.length === 0) return;
      await obligations.deleteMany({ _id: { $in: ids } }, { session });
    },
  };
}
