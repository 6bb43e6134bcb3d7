import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as path from 'path';
import { SCHEMA_VERSION } from './sqlite-schema';

/**
 * A backup or restore that cannot be done, for a reason the operator can act on (a file
 * that is not a Heard store, a store in use, a file that would be overwritten).
 *
 * @example
 * try { await backupSqliteStore(file, target); } catch (e) { if (e instanceof StoreFileError) report(e.message); }
 */
export class StoreFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreFileError';
  }
}

/** What a store file holds, checked: every page sound, a schema this build can open. */
export interface StoreFileSummary {
  file: string;
  schemaVersion: number;
  statements: number;
  bytes: number;
}

/** Pages copied in one backup step: all of them, so the copy is one read transaction, one moment. */
const EVERY_PAGE = 0x7fffffff;
const SQLITE_BUSY = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The schema version of an open Heard store, or why the file is not one this build can use. */
function schemaVersionOf(db: Database.Database, file: string): number {
  let rows: { version: number }[];
  try {
    rows = db.prepare<[], { version: number }>('SELECT version FROM schema_version').all();
  } catch (error) {
    const code = codeOf(error);
    if (code === 'SQLITE_NOTADB') throw new StoreFileError(`${file} is not a Heard store: not an SQLite database`);
    if (code === 'SQLITE_CORRUPT') throw new StoreFileError(`${file} is damaged: ${messageOf(error)}`);
    if (/no such table/.test(messageOf(error))) throw new StoreFileError(`${file} is not a Heard store: it has no schema_version table`);
    throw error;
  }
  if (rows.length !== 1 || !Number.isInteger(rows[0].version) || rows[0].version < 1) {
    throw new StoreFileError(`${file} is not a Heard store: its schema_version table is malformed`);
  }
  const version = rows[0].version;
  if (version > SCHEMA_VERSION) {
    throw new StoreFileError(
      `${file} has schema version ${version}, newer than this build of Heard understands (${SCHEMA_VERSION}): restore it with a newer Heard`,
    );
  }
  return version;
}

/** Checks every page and index of an open store file, and says what it holds. */
function checkStoreFile(db: Database.Database, file: string): StoreFileSummary {
  const schemaVersion = schemaVersionOf(db, file);
  const problems = db
    .prepare<[], { integrity_check: string }>('PRAGMA integrity_check(5)')
    .all()
    .map((row) => row.integrity_check);
  if (problems.join() !== 'ok') throw new StoreFileError(`${file} is damaged: ${problems.join('; ')}`);
  const { n } = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM statements').get()!;
  return { file, schemaVersion, statements: n, bytes: fs.statSync(file).size };
}

/**
 * Opens an existing file as SQLite, saying plainly when it is missing or is not a database.
 * (better-sqlite3 opens lazily: a file of another kind fails at its first statement.)
 */
function openExisting(file: string, options: { readonly?: boolean; timeout?: number } = {}): Database.Database {
  if (!fs.existsSync(file)) throw new StoreFileError(`${file} does not exist`);
  if (!fs.statSync(file).isFile()) throw new StoreFileError(`${file} is not a file`);
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, readonly: options.readonly ?? false, timeout: options.timeout ?? 5000 });
  } catch (error) {
    throw new StoreFileError(`${file} cannot be opened: ${messageOf(error)}`);
  }
  return db;
}

/** A new, empty file only its owner can read, beside `target`, for writing a copy into before it takes `target`'s name. */
function privateTempFileBeside(target: string): string {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}`);
  fs.rmSync(temp, { force: true });
  fs.closeSync(fs.openSync(temp, 'wx', 0o600));
  return temp;
}

/** Makes a finished copy durable under its final name: its bytes, then the rename, on disk. */
function moveIntoPlace(temp: string, target: string): void {
  const fd = fs.openSync(temp, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
  const dir = fs.openSync(path.dirname(target), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

/**
 * Copies `source` into a new private file `temp` with SQLite's online backup API in one
 * step (one read transaction: a single consistent moment, while writers carry on), turns
 * the copy into a self-contained file (rollback journal, no -wal beside it) and checks it.
 */
async function copyStore(source: Database.Database, temp: string, label: string): Promise<StoreFileSummary> {
  await source.backup(temp, { progress: () => EVERY_PAGE });
  const copy = new Database(temp, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    return { ...checkStoreFile(copy, temp), file: label };
  } finally {
    copy.close();
  }
}

/**
 * Backs up the embedded store in `storeFile` to `backupFile` while Heard may be running:
 * SQLite's online backup API copies the store as of one moment — every write committed
 * before the copy began is in it, nothing half-written is — without stopping the writers.
 * The backup is checked (integrity, schema version) before it takes its name, is
 * readable by its owner only, and never overwrites an existing file unless `force`.
 *
 * @example
 * const { statements } = await backupSqliteStore('.data/heard.sqlite', '/backups/heard-2026-11-23.sqlite');
 */
export async function backupSqliteStore(storeFile: string, backupFile: string, options: { force?: boolean } = {}): Promise<StoreFileSummary> {
  const source = path.resolve(storeFile);
  const target = path.resolve(backupFile);
  if (source === target) throw new StoreFileError('the backup must be another file than the store');
  if (fs.existsSync(target) && !options.force) {
    throw new StoreFileError(`${target} already exists: a backup does not overwrite a file unless --force is given`);
  }
  if (!fs.existsSync(path.dirname(target))) throw new StoreFileError(`the folder ${path.dirname(target)} does not exist`);
  const db = openExisting(source);
  let temp: string | undefined;
  try {
    schemaVersionOf(db, source);
    temp = privateTempFileBeside(target);
    const summary = await copyStore(db, temp, target);
    moveIntoPlace(temp, target);
    temp = undefined;
    return summary;
  } finally {
    db.close();
    if (temp) fs.rmSync(temp, { force: true });
  }
}

/** What `restoreSqliteStore` did: the backup's summary, and where the store it replaced was kept. */
export interface RestoreSummary extends StoreFileSummary {
  from: string;
  replaced: string | null;
}

/**
 * Takes the store file's exclusive lock, which any open connection (a running Heard, a
 * `heard` command) prevents, so a store in use is never replaced under its users.
 */
function lockUnusedStore(file: string): Database.Database {
  const db = openExisting(file, { timeout: 0 });
  try {
    // In exclusive locking mode a lock, once taken, is held until the connection closes.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    // Fold any write-ahead log into the file, so the copy kept aside is whole on its own.
    if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
    return db;
  } catch (error) {
    db.close();
    if (SQLITE_BUSY.has(codeOf(error) ?? '')) {
      throw new StoreFileError(`${file} is in use: stop Heard (and any heard command using the store) before restoring over it`);
    }
    if (codeOf(error) === 'SQLITE_NOTADB') return openExisting(file, { timeout: 0 });
    throw error;
  }
}

/**
 * Restores the embedded store in `storeFile` from `backupFile`, after checking that the
 * backup is a sound Heard store of a schema this build can open (older ones are brought
 * up to date when Heard next opens the store). An existing store is replaced only with
 * `force`, never while anything has it open, and is kept beside the new one as
 * `<store>.replaced-<time>`.
 *
 * @example
 * await restoreSqliteStore('/backups/heard-2026-11-23.sqlite', '.data/heard.sqlite', { force: true });
 */
export async function restoreSqliteStore(backupFile: string, storeFile: string, options: { force?: boolean } = {}): Promise<RestoreSummary> {
  const from = path.resolve(backupFile);
  const target = path.resolve(storeFile);
  if (from === target) throw new StoreFileError('the backup and the store are the same file');
  const backup = openExisting(from, { readonly: true });
  let lock: Database.Database | undefined;
  let temp: string | undefined;
  try {
    checkStoreFile(backup, from);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const exists = fs.existsSync(target);
    if (exists && !options.force) {
      throw new StoreFileError(
        `${target} already exists: restoring replaces everything in it, so give --force (the store it replaces is kept beside it)`,
      );
    }
    if (exists) lock = lockUnusedStore(target);
    temp = privateTempFileBeside(target);
    const summary = await copyStore(backup, temp, target);
    let replaced: string | null = null;
    if (exists) {
      replaced = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.linkSync(target, replaced);
    }
    moveIntoPlace(temp, target);
    temp = undefined;
    lock?.close();
    lock = undefined;
    // Whatever sat beside the old file belonged to it, not to the restored one.
    for (const sidecar of ['-wal', '-shm', '-journal']) fs.rmSync(`${target}${sidecar}`, { force: true });
    return { ...summary, from, replaced };
  } finally {
    backup.close();
    lock?.close();
    if (temp) fs.rmSync(temp, { force: true });
  }
}
