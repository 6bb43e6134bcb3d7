import { MongoClient, WriteConcern, type ClientSession, type Collection, type Db, type TransactionOptions } from 'mongodb';
import type { Repositories, Store } from '../../domain/ports/store.port';
import { AsyncMutex } from '../async-mutex';
import { gateRepositories, type Gate } from '../gated-repositories';
import { TransactionScopes } from '../transaction-scope';
import { mongoBroadcastCollections, mongoBroadcastRepositories, prepareMongoBroadcasts } from './mongo-broadcasts';
import { mongoDutyCollections, mongoDutyRepositories, prepareMongoDuty } from './mongo-duty';
import { mongoFlowRepository, mongoFlowsCollection, prepareMongoFlows } from './mongo-flows';
import { mongoCollections, mongoRepositories, prepareMongoDatabase } from './mongo-repositories';

/** Acknowledged means on a majority of the replica set, in its journal: it survives a failover. */
const MAJORITY = new WriteConcern('majority', undefined, true);

const TRANSACTION_OPTIONS: TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: MAJORITY,
  readPreference: 'primary',
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens the MongoDB store: one database on a replica set or a sharded cluster
 * (transactions need one of those; a standalone server refuses them, and Azure Cosmos DB
 * for MongoDB's RU API runs none across collections). Creates the collections and
 * indexes at start-up.
 *
 * Writes are acknowledged by a majority, journaled. `transaction` runs its work with
 * `session.withTransaction`, which re-runs the work on a transient error (a write
 * conflict with another transaction, a failover): work must not have effects outside the
 * store that cannot be repeated. Inside the work, calls on `tx` run one at a time, as a
 * session requires.
 *
 * @example
 * const store = await openMongoStore(process.env.MONGODB_URI!, 'heard');
 * await store.transaction(async (tx) => {
 *   if ((await tx.statements.insert(statement)) === 'inserted') await tx.audit.append(received);
 * });
 * await store.close();
 */
export async function openMongoStore(uri: string, dbName: string): Promise<Store> {
  // The URI is never repeated in an error: it may carry a password.
  const client = new MongoClient(uri, {
    writeConcern: MAJORITY,
    readConcern: { level: 'majority' },
    // JSON has no undefined; dropping such fields keeps records the same as on the embedded store.
    ignoreUndefined: true,
  });
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new Error(`could not connect to MongoDB: ${messageOf(error)}`, { cause: error });
  }
  const db = client.db(dbName);
  try {
    await prepareMongoDatabase(db);
    await prepareMongoFlows(db);
    await prepareMongoDuty(db);
    await prepareMongoBroadcasts(db);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new Error(`could not prepare the MongoDB database ${dbName}: ${messageOf(error)}`, { cause: error });
  }

  const collections = mongoCollections(db);
  const scopes = new TransactionScopes();
  let closed = false;

  const inNewTransaction = async <R>(work: (session: ClientSession) => Promise<R>): Promise<R> => {
    const session = client.startSession();
    try {
      return await session.withTransaction((s) => work(s), TRANSACTION_OPTIONS);
    } finally {
      await session.endSession();
    }
  };

  const refuseOutOfPlace = (method: string): void => {
    if (closed) throw new Error(`the store is closed (store.${method})`);
    scopes.refuseInside(method);
  };

  const storeGate: Gate = async (method, call) => {
    refuseOutOfPlace(method);
    return call();
  };

  const transactionGate = (isActive: () => boolean): Gate => {
    const oneAtATime = new AsyncMutex();
    return async (method, call) => {
      const refuseIfFinished = () => {
        if (!isActive()) throw new Error(`tx.${method} was called after its transaction had finished`);
      };
      refuseIfFinished();
      return oneAtATime.run(() => {
        refuseIfFinished();
        return call();
      });
    };
  };

  const repositories = gateRepositories(
    {
      ...mongoRepositories(collections, { session: undefined, atomically: inNewTransaction }),
      flows: mongoFlowRepository(db, undefined),
      ...mongoDutyRepositories(db, { session: undefined, atomically: inNewTransaction }),
      ...mongoBroadcastRepositories(db, { session: undefined, atomically: inNewTransaction }),
    },
    storeGate,
  );

  return {
    ...repositories,

    async transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
      refuseOutOfPlace('transaction');
      return inNewTransaction((session) =>
        scopes.run((isActive) =>
          work(
            gateRepositories(
              {
                ...mongoRepositories(collections, { session, atomically: (inner) => inner(session) }),
                flows: mongoFlowRepository(db, session),
                ...mongoDutyRepositories(db, { session, atomically: (inner) => inner(session) }),
                ...mongoBroadcastRepositories(db, { session, atomically: (inner) => inner(session) }),
              },
              transactionGate(isActive),
            ),
          ),
        ),
      );
    },

    // MongoDB keeps its indexes entry by entry: dropping them on a replica set other
    // instances are serving from would cost more than the load saves.
    async bulkLoad<T>(_events: number, work: () => Promise<T>): Promise<T> {
      refuseOutOfPlace('bulkLoad');
      return work();
    },

    async close(): Promise<void> {
      scopes.refuseInside('close');
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

/**
 * Every collection the store keeps, for tools that must reach them all (emptying a test
 * database where `dropDatabase` is missing).
 *
 * @example
 * for (const c of mongoStoreCollections(db)) await c.deleteMany({});
 */
export function mongoStoreCollections(db: Db): Collection[] {
  return [...(Object.values(mongoCollections(db)) as Collection[]), mongoFlowsCollection(db) as unknown as Collection, ...mongoDutyCollections(db), ...mongoBroadcastCollections(db)];
}
