import { describeBroadcastContract } from '../contract/broadcast-contract';
import { describeCaseStoreContract } from '../contract/case-store-contract';
import { describeConfigurationContract } from '../contract/configuration-contract';
import { describeDutyContract } from '../contract/duty-contract';
import { describeReportStoreContract } from '../contract/report-store-contract';
import { describeStoreContract } from '../contract/store-contract';
import { aStatement } from '../contract/store-fixtures';
import { MONGODB_URI, checkServerKind, contractOptionsForThisServer, mongoTestDatabases } from '../../test/mongo-test-database';
import { openStore } from '../index';
import { openMongoStore } from './mongo-store';

/**
 * The MongoDB store on the wire: set MONGODB_URI to a replica set (or Cosmos DB for
 * MongoDB) to include it, e.g. `MONGODB_URI='mongodb://localhost:27017/?replicaSet=rs0' npx jest storage`;
 * `npm run test:mongo` starts jongodb, a MongoDB-wire-compatible server, and runs it there.
 * Every test gets an emptied database.
 */
const uri = MONGODB_URI;
const describeIfMongo = uri ? describe : describe.skip;

describeIfMongo('the MongoDB store', () => {
  const databases = mongoTestDatabases(uri ?? '', 'contract');

  beforeAll(() => checkServerKind(uri!));
  afterAll(() => databases.close(), 60_000);

  jest.setTimeout(30_000);

  describeStoreContract('the MongoDB store', () => databases.openEmpty('store'), contractOptionsForThisServer());
  describeDutyContract('the MongoDB store', () => databases.openEmpty('duty'));
  describeCaseStoreContract('the MongoDB store', () => databases.openEmpty('cases'), contractOptionsForThisServer());
  describeReportStoreContract('the MongoDB store', () => databases.openEmpty('reports'));

  describeBroadcastContract('the MongoDB store', () => databases.openEmpty('broadcasts'), contractOptionsForThisServer());

  describeConfigurationContract('the MongoDB store', () => databases.openEmpty('configuration'));

  it('creates the indexes queries rely on at start-up', async () => {
    const dbName = await databases.emptyDatabase('indexes');
    const store = await openStore({ kind: 'mongo', uri: uri!, dbName });
    await store.statements.insert(aStatement());
    await store.close();
    const db = databases.db(dbName);
    const names = async (collection: string) => (await db.collection(collection).indexes()).map((index) => index.name);
    await expect(names('statements')).resolves.toEqual(expect.arrayContaining(['statements_by_external_id', 'statements_by_assignee']));
    await expect(names('obligations')).resolves.toEqual(expect.arrayContaining(['obligations_by_owner', 'obligations_by_next_nudge']));
    await expect(names('card_deliveries')).resolves.toEqual(expect.arrayContaining(['card_deliveries_by_state']));
    const unique = (await db.collection('statements').indexes()).find((index) => index.name === 'statements_by_external_id');
    expect(unique?.unique).toBe(true);
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
