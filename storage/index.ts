import * as fs from 'fs';
import * as path from 'path';
import type { Store } from '../domain/ports/store.port';

/** Where the embedded store lives unless configured otherwise (relative to the working directory). @example openStore({ kind: 'embedded', file: DEFAULT_STORE_FILE }); */
export const DEFAULT_STORE_FILE = path.join('.data', 'heard.sqlite');

/**
 * Where the store lives: an embedded SQLite file (the default: one machine, no server to
 * run) or a MongoDB database (several instances, several councils).
 *
 * @example
 * const config: StoreConfig = { kind: 'embedded', file: '/var/lib/heard/heard.db' };
 */
export type StoreConfig = { kind: 'embedded'; file: string } | { kind: 'mongo'; uri: string; dbName: string };

/**
 * Opens the configured store; both kinds keep the same promises (`storage/contract`).
 * The embedded file's folder is created if need be (mode 0700). Each adapter is loaded
 * only when configured, so the embedded default never loads the MongoDB driver.
 *
 * @example
 * const store = await openStore({ kind: 'embedded', file: 'heard.db' });
 * const shared = await openStore({ kind: 'mongo', uri: process.env.MONGODB_URI!, dbName: 'heard' });
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  switch (config.kind) {
    case 'embedded': {
      const { openSqliteStore } = await import('./embedded/sqlite-store');
      // A folder made for the store is its owner's only (the file inside is 0600 too).
      fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true, mode: 0o700 });
      return openSqliteStore(config.file);
    }
    case 'mongo': {
      const { openMongoStore } = await import('./mongo/mongo-store');
      return openMongoStore(config.uri, config.dbName);
    }
    default: {
      const unknown: never = config;
      throw new Error(`unknown store kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
    }
  }
}

export { ConcurrencyError } from '../domain/ports/store.port';
export type { Store } from '../domain/ports/store.port';
