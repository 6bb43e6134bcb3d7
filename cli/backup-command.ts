import { backupSqliteStore, restoreSqliteStore, type RestoreSummary, type StoreFileSummary } from '../storage/embedded/sqlite-backup';
import { embeddedStoreFile } from './open-store';
import { UsageError } from './usage-error';

function refuseMongo(): void {
  if (process.env.MONGODB_URI) {
    throw new UsageError(
      'the store is MongoDB (MONGODB_URI is set): back it up with mongodump/mongorestore or your platform’s backups; heard backup and restore are for the embedded store',
    );
  }
}

/**
 * `heard backup <file>`: a consistent copy of the embedded store, taken while Heard runs.
 *
 * @example
 * await backupCommand('/backups/heard-2026-11-23.sqlite', { store: undefined, force: false });
 */
export function backupCommand(file: string, options: { store?: string; force?: boolean }): Promise<StoreFileSummary> {
  refuseMongo();
  return backupSqliteStore(embeddedStoreFile(options.store), file, { force: options.force });
}

/**
 * `heard restore <file>`: the embedded store replaced by a checked backup.
 *
 * @example
 * await restoreCommand('/backups/heard-2026-11-23.sqlite', { store: undefined, force: true });
 */
export function restoreCommand(file: string, options: { store?: string; force?: boolean }): Promise<RestoreSummary> {
  refuseMongo();
  return restoreSqliteStore(file, embeddedStoreFile(options.store), { force: options.force });
}
