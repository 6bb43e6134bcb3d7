import * as fs from 'fs';
import * as path from 'path';
import type { StandardOverrides } from '../domain/standard-overrides';
import type { Store } from '../domain/ports/store.port';
import { DEFAULT_STORE_FILE, openStore } from '../storage';
import { UsageError } from './usage-error';

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

/**
 * The `standards` setting of the organisation's store — the standards it reads
 * differently — when there is a store: `--store`, HEARD_STORE or MONGODB_URI given, or
 * the default file there. None (nothing is created) otherwise.
 *
 * @example
 * listStandards('momo', await councilOverrides(values.store));
 */
export async function councilOverrides(file?: string): Promise<StandardOverrides> {
  if (file === undefined && !process.env.MONGODB_URI && !fs.existsSync(embeddedStoreFile())) return {};
  const store = await openConfiguredStore(file);
  try {
    const [{ parseSetting }, { loadBuiltInStandards }] = await Promise.all([import('../domain/settings-registry'), import('../standards')]);
    const parsed = parseSetting('standards', await store.settings.get('standards'), { standards: loadBuiltInStandards() });
    if (!parsed.ok) throw new UsageError(`the store's standards setting is invalid (heard config validate): ${parsed.problems[0].path}: ${parsed.problems[0].message}`);
    return parsed.value;
  } finally {
    await store.close();
  }
}
