import { MongoClient } from 'mongodb';
import { describeBroadcastContract } from '../contract/broadcast-contract';
import { describeStoreContract } from '../contract/store-contract';
import { aStatement } from '../contract/store-fixtures';
import { openStore } from '../index';
import { openMongoStore } from './mongo-store';

/**
 * The MongoDB store runs the storage contract only against a real server: set
 * MONGODB_URI to a replica set (or Cosmos DB for MongoDB) to include it, e.g.
 * `MONGODB_URI='mongodb://localhost:27017/?replicaSet=rs0' npx jest storage`.
 * Each test gets a database of its own, and every one is dropped afterwards.
 */
const uri = process.env.MONGODB_URI;
const describeIfMongo = uri ? describe : describe.skip;

describeIfMongo('the MongoDB store', () => {
  const run = `heard_contract_${process.pid}_${Date.now().toString(36)}`;
  const created: string[] = [];
  const freshDatabase = () => {
    const name = `${run}_${created.length + 1}`;
    created.push(name);
    return name;
  };

  afterAll(async () => {
    const admin = new MongoClient(uri!);
    try {
      for (const name of created) await admin.db(name).dropDatabase();
    } finally {
      await admin.close();
    }
  }, 60_000);

  jest.setTimeout(30_000);

  describeStoreContract('the MongoDB store', () => openMongoStore(uri!, freshDatabase()));

  describeBroadcastContract('the MongoDB store', () => openMongoStore(uri!, freshDatabase()));

  it('creates the indexes queries rely on at start-up', async () => {
    const dbName = freshDatabase();
    const store = await openStore({ kind: 'mongo', uri: uri!, dbName });
    await store.statements.insert(aStatement());
    await store.close();
    const admin = new MongoClient(uri!);
    try {
      const db = admin.db(dbName);
      const names = async (collection: string) => (await db.collection(collection).indexes()).map((index) => index.name);
      await expect(names('statements')).resolves.toEqual(expect.arrayContaining(['statements_by_external_id', 'statements_by_assignee']));
      await expect(names('obligations')).resolves.toEqual(expect.arrayContaining(['obligations_by_owner', 'obligations_by_next_nudge']));
      await expect(names('card_deliveries')).resolves.toEqual(expect.arrayContaining(['card_deliveries_by_state']));
      const unique = (await db.collection('statements').indexes()).find((index) => index.name === 'statements_by_external_id');
      expect(unique?.unique).toBe(true);
    } finally {
      await admin.close();
    }
  });
});

describe('opening the MongoDB store', () => {
  it('fails with a plain message, and without repeating the URI, when no server answers', async () => {
    const unreachable = 'mongodb://heard:s3cret@127.0.0.1:9/?serverSelectionTimeoutMS=200&connectTimeoutMS=200';
    const opening = openMongoStore(unreachable, 'heard');
    await expect(opening).rejects.toThrow(/^could not connect to MongoDB: /);
    await expect(opening).rejects.not.toThrow(/s3cret/);
  });
});
