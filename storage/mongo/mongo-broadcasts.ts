import { MongoBulkWriteError, MongoServerError, type Collection, type Db } from 'mongodb';
import type { Broadcast, BroadcastRecipient } from '../../domain/broadcast';
import type { Handover } from '../../domain/handover';
import { ConcurrencyError, type BroadcastRepository, type HandoverRepository } from '../../domain/ports/store.port';
import type { Implementation } from '../gated-repositories';
import { checkInstant, checkLeaseSeconds, checkLimit, checkRecipients } from '../query-arguments';
import { ID_INDEX, type MongoContext } from './mongo-repositories';

interface BroadcastDocument extends Omit<Broadcast, 'id'> {
  _id: string;
}

/** A recipient as stored: `_id` is `<broadcastId>/<personId>`, so one person is in a broadcast once. */
interface RecipientDocument extends BroadcastRecipient {
  _id: string;
}

interface HandoverDocument extends Omit<Handover, 'id'> {
  _id: string;
}

const DUPLICATE_KEY = 11000;
const COLLECTIONS = ['broadcasts', 'broadcast_recipients', 'handovers'] as const;

function isDuplicateKey(error: unknown): boolean {
  return (error instanceof MongoServerError || error instanceof MongoBulkWriteError) && error.code === DUPLICATE_KEY;
}

function recipientId(broadcastId: string, personId: string): string {
  return `${broadcastId}/${personId}`;
}

function recipientFrom(document: RecipientDocument): BroadcastRecipient {
  const { _id, ...recipient } = document;
  void _id;
  return recipient;
}

function broadcastFrom(document: BroadcastDocument): Broadcast {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}

function handoverFrom(document: HandoverDocument): Handover {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}

/**
 * Creates the collections (a transaction may not create one on every server) and the
 * indexes the queue's queries use: recipients still to be tried by when they may next
 * be tried, broadcasts by who confirmed them, handovers by person and by what a sweep finishes.
 *
 * @example
 * await prepareMongoBroadcasts(client.db('heard'));
 */
export async function prepareMongoBroadcasts(db: Db): Promise<void> {
  // Created by createIndexes, like every other collection (see prepareMongoDatabase).
  await db.collection('broadcasts').createIndexes([
    ID_INDEX,
    { key: { createdBy: 1, createdAt: -1, _id: -1 }, name: 'broadcasts_by_creator' },
    { key: { createdAt: -1, _id: -1 }, name: 'broadcasts_by_created_at' },
  ]);
  await db.collection('broadcast_recipients').createIndexes([
    ID_INDEX,
    { key: { broadcastId: 1, personId: 1 }, name: 'broadcast_recipients_by_broadcast' },
    {
      key: { nextAttemptAt: 1, broadcastId: 1, personId: 1 },
      name: 'broadcast_recipients_to_send',
      partialFilterExpression: { state: { $in: ['pending', 'retrying'] } },
    },
  ]);
  await db.collection('handovers').createIndexes([
    ID_INDEX,
    { key: { fromId: 1, createdAt: -1, _id: -1 }, name: 'handovers_by_person' },
    { key: { state: 1, returnAt: 1, createdAt: 1, _id: 1 }, name: 'handovers_to_finish' },
  ]);
}

/** The broadcasts', recipients' and handovers' collections. @example for (const c of mongoBroadcastCollections(db)) await c.countDocuments(); */
export function mongoBroadcastCollections(db: Db): Collection[] {
  return COLLECTIONS.map((name) => db.collection(name));
}

/**
 * Broadcasts, their recipients and handovers in MongoDB, within the session of `context`
 * (a transaction's, or none). A broadcast and its recipients are created in one
 * transaction; a claim takes one recipient at a time with `findOneAndUpdate`, as the
 * obligations' claim does, so two senders never hold one recipient.
 *
 * @example
 * const { broadcasts, handovers } = mongoBroadcastRepositories(db, { session: undefined, atomically });
 */
export function mongoBroadcastRepositories(
  db: Db,
  context: MongoContext,
): { broadcasts: Implementation<BroadcastRepository>; handovers: Implementation<HandoverRepository> } {
  const { session } = context;
  const broadcasts = db.collection<BroadcastDocument>('broadcasts');
  const recipients = db.collection<RecipientDocument>('broadcast_recipients');
  const handovers = db.collection<HandoverDocument>('handovers');
  const toSend = { state: { $in: ['pending', 'retrying'] } } as const;

  return {
    broadcasts: {
      create: async (broadcast, list) => {
        checkInstant(broadcast.createdAt, 'createdAt');
        checkRecipients(broadcast.id, list);
        for (const r of list) checkInstant(r.nextAttemptAt, 'nextAttemptAt');
        try {
          await context.atomically(async (s) => {
            const { id, ...rest } = broadcast;
            await broadcasts.insertOne({ _id: id, ...rest }, { session: s });
            if (list.length > 0) await recipients.insertMany(list.map((r) => ({ _id: recipientId(r.broadcastId, r.personId), ...r })), { session: s, ordered: true });
          });
          return 'inserted';
        } catch (error) {
          if (isDuplicateKey(error) && (await broadcasts.findOne({ _id: broadcast.id }, { session }))) return 'duplicate';
          throw error;
        }
      },
      get: async (id) => {
        const document = await broadcasts.findOne({ _id: id }, { session });
        return document ? broadcastFrom(document) : null;
      },
      update: async (broadcast) => {
        const { id, ...rest } = broadcast;
        const result = await broadcasts.replaceOne({ _id: id, version: broadcast.version - 1 }, rest, { session });
        if (result.matchedCount !== 1) throw new ConcurrencyError('broadcast', id);
      },
      listRecent: async (filter, limit) => {
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        const cursor = broadcasts.find(filter.createdBy === undefined ? {} : { createdBy: filter.createdBy }, { session, sort: { createdAt: -1, _id: -1 } });
        if (rowLimit !== undefined) cursor.limit(rowLimit);
        return (await cursor.toArray()).map(broadcastFrom);
      },
      listRecipients: async (broadcastId) =>
        (await recipients.find({ broadcastId }, { session, sort: { personId: 1 } }).toArray()).map(recipientFrom),
      getRecipient: async (broadcastId, personId) => {
        const document = await recipients.findOne({ _id: recipientId(broadcastId, personId) }, { session });
        return document ? recipientFrom(document) : null;
      },
      updateRecipient: async (recipient) => {
        checkInstant(recipient.nextAttemptAt, 'nextAttemptAt');
        const id = recipientId(recipient.broadcastId, recipient.personId);
        const result = await recipients.replaceOne({ _id: id, version: recipient.version - 1 }, recipient, { session });
        if (result.matchedCount !== 1) throw new ConcurrencyError('broadcast recipient', id);
      },
      claimRecipients: async (now, holder, leaseSeconds, limit) => {
        checkInstant(now, 'now');
        checkLeaseSeconds(leaseSeconds);
        const rowLimit = checkLimit(limit, 'limit') ?? 0;
        const claimed: BroadcastRecipient[] = [];
        while (claimed.length < rowLimit) {
          const document = await recipients.findOneAndUpdate(
            { ...toSend, nextAttemptAt: { $lte: now }, $or: [{ lease: null }, { 'lease.until': { $lte: now } }] },
            { $set: { lease: { holder, until: now + leaseSeconds } }, $inc: { version: 1 } },
            { session, sort: { nextAttemptAt: 1, broadcastId: 1, personId: 1 }, returnDocument: 'after' },
          );
          if (!document) break;
          claimed.push(recipientFrom(document));
        }
        return claimed;
      },
      cancelPending: async (broadcastId) =>
        (await recipients.updateMany({ broadcastId, ...toSend }, { $set: { state: 'cancelled', lease: null }, $inc: { version: 1 } }, { session })).modifiedCount,
      earliestAttemptAt: async () => {
        const document = await recipients.findOne(toSend, { session, sort: { nextAttemptAt: 1 }, projection: { _id: 0, nextAttemptAt: 1 } });
        return document?.nextAttemptAt ?? null;
      },
    },
    handovers: {
      insert: async (handover) => {
        checkInstant(handover.createdAt, 'createdAt');
        const { id, ...rest } = handover;
        try {
          await handovers.insertOne({ _id: id, ...rest }, { session });
          return 'inserted';
        } catch (error) {
          if (isDuplicateKey(error)) return 'duplicate';
          throw error;
        }
      },
      get: async (id) => {
        const document = await handovers.findOne({ _id: id }, { session });
        return document ? handoverFrom(document) : null;
      },
      update: async (handover) => {
        const { id, ...rest } = handover;
        const result = await handovers.replaceOne({ _id: id, version: handover.version - 1 }, rest, { session });
        if (result.matchedCount !== 1) throw new ConcurrencyError('handover', id);
      },
      listFrom: async (personId) => (await handovers.find({ fromId: personId }, { session, sort: { createdAt: -1, _id: -1 } }).toArray()).map(handoverFrom),
      listToFinish: async (now, limit) => {
        checkInstant(now, 'now');
        const rowLimit = checkLimit(limit, 'limit');
        if (rowLimit === 0) return [];
        const cursor = handovers.find(
          { $or: [{ state: 'applying' }, { state: 'active', returnAt: { $lte: now } }] },
          { session, sort: { createdAt: 1, _id: 1 } },
        );
        if (rowLimit !== undefined) cursor.limit(rowLimit);
        return (await cursor.toArray()).map(handoverFrom);
      },
    },
  };
}
