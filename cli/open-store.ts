import * as path from 'path';
import type { Store } from '../domain/ports/store.port';
import { DEFAULT_STORE_FILE, openStore } from '../storage';

/**
 * The embedded store's file: `file` (from --store), HEARD_STORE, or `.data/heard.sqlite`,
 * as an absolute path.
 *
 * @example
 * embeddedStoreFile(values.store); // '/srv/heard/.data/heard.sqlite'
 */
export function embeddedStoreFile(file?: string): string {
  return path.resolve(file ?? process.env.HEARD_STORE ?? DEFAULT_STORE_FILE);
}

/**
 * Opens the organisation's store: MongoDB when MONGODB_URI is set, otherwise the
 * embedded store in `file`, HEARD_STORE, or `.data/heard.sqlite`.
 *
 * @example
 * const store = await openConfiguredStore(values.store);
 */
export async function openConfiguredStore(file?: string): Promise<Store> {
  const uri = process.env.MONGODB_URI;
  if (uri) return openStore({ kind: 'mongo', uri, dbName: process.env.HEARD_MONGODB_DB ?? 'heard' });
  return openStore({ kind: 'embedded', file: embeddedStoreFile(file) });
}
