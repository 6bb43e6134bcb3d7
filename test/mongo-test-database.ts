import { MongoClient } from 'mongodb';
import type { Store } from '../domain/ports/store.port';
import type { StoreContractOptions } from '../storage/contract/store-contract';
import { mongoStoreCollections, openMongoStore } from '../storage/mongo/mongo-store';

/**
 * The MongoDB server the tests run against, if any: `MONGODB_URI` (a real replica set,
 * Cosmos DB for MongoDB, or the jongodb that `npm run test:mongo` starts).
 */
export const MONGODB_URI = process.env.MONGODB_URI || undefined;

/**
 * True when the server is jongodb. `npm run test:mongo` says so by setting
 * `HEARD_MONGODB_SERVER=jongodb` when it starts one; `checkServerKind` holds that claim
 * against the server's own `buildInfo`, so a mislabelled run fails instead of skipping.
 */
export const ON_JONGODB = process.env.HEARD_MONGODB_SERVER === 'jongodb';

/**
 * Fails unless `HEARD_MONGODB_SERVER` tells the truth about the server at `uri`:
 * jongodb's `buildInfo` gives `gitVersion: "jongodb"` (and a version ending `-jongodb`).
 *
 * @example
 * beforeAll(() => checkServerKind(MONGODB_URI!));
 */
export async function checkServerKind(uri: string): Promise<void> {
  const client = new MongoClient(uri);
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    const isJongodb = info.gitVersion === 'jongodb' || String(info.version).endsWith('-jongodb');
    if (isJongodb !== ON_JONGODB) {
      throw new Error(
        isJongodb
          ? 'MONGODB_URI points at jongodb: run the tests through `npm run test:mongo`, or set HEARD_MONGODB_SERVER=jongodb'
          : 'HEARD_MONGODB_SERVER=jongodb is set but MONGODB_URI points at a real MongoDB server: unset it so every test runs',
      );
    }
  } finally {
    await client.close();
  }
}

/**
 * What jongodb lacks that the storage contract tests, each failing there because of the
 * server, not the adapter; a real `mongod` (replica set) has all three.
 */
const JONGODB_LACKS: Required<StoreContractOptions>['lacks'] = {
  'ordered-insert-write-errors': 'jongodb answers an ordered insert that meets a duplicate with a top-level error, not writeErrors naming the document',
  'atomic-find-and-modify': 'jongodb does not serialise findOneAndUpdate, so concurrent claimers can take the same document',
  'transaction-write-conflicts':
    'jongodb merges a transaction into the data at commit without detecting write conflicts: concurrent read-modify-writes lose updates, and a unique-key clash at commit drops the connection, which the driver retries for 120 s',
};

/**
 * How the storage contract runs on this server: everything on a real MongoDB, all but
 * what jongodb lacks on jongodb.
 *
 * @example
 * describeStoreContract('the MongoDB store', open, contractOptionsForThisServer());
 */
export function contractOptionsForThisServer(): StoreContractOptions {
  return ON_JONGODB ? { lacks: JONGODB_LACKS } : {};
}

/**
 * Databases for one test file on the server at `uri`, each emptied before use: the
 * collections are cleared with `deleteMany` rather than dropped, since not every
 * MongoDB-compatible server has `dropDatabase` (jongodb has not), and on a real server
 * the emptied collections keep their indexes for the next run.
 *
 * @example
 * const databases = mongoTestDatabases(MONGODB_URI!, 'contract');
 * const store = await databases.openEmpty('main');
 * afterAll(() => databases.close());
 */
export function mongoTestDatabases(uri: string, prefix: string) {
  // Made on first use: a skipped describe block still runs its body, with no server.
  let client: MongoClient | undefined;
  const db = (name: string) => (client ??= new MongoClient(uri)).db(name);
  const used = new Set<string>();
  const nameOf = (suffix: string) => `heard_test_${prefix}_${suffix}`;

  const empty = async (dbName: string) => {
    used.add(dbName);
    for (const collection of mongoStoreCollections(db(dbName))) await collection.deleteMany({});
  };

  return {
    /** The name of an emptied database for `suffix`. */
    async emptyDatabase(suffix: string): Promise<string> {
      const dbName = nameOf(suffix);
      await empty(dbName);
      return dbName;
    },

    /** The MongoDB store on an emptied database for `suffix`. */
    async openEmpty(suffix: string): Promise<Store> {
      return openMongoStore(uri, await this.emptyDatabase(suffix));
    },

    /** A database on the server, to look at directly. */
    db,

    /** Empties every database it handed out, and disconnects. */
    async close(): Promise<void> {
      try {
        for (const dbName of used) await empty(dbName);
      } finally {
        await client?.close();
      }
    },
  };
}
