import Database from 'better-sqlite3';
import * as fs from 'fs';
import type { Repositories, Store } from '../../domain/ports/store.port';
import { gateRepositories, type Gate } from '../gated-repositories';
import { TransactionScopes } from '../transaction-scope';
import { AsyncMutex } from '../async-mutex';
import { dropDeferrableIndexes, migrate, restoreDeferredIndexes } from './sqlite-schema';
import { sqliteRepositories } from './sqlite-repositories';

/**
 * The store holds children's statements and their PDFs: its file, and the -wal and -shm
 * files beside it (which hold recent writes, PDFs included), are readable by their owner
 * only. SQLite creates -wal and -shm with the permissions of the database file.
 */
const FILE_MODE = 0o600;

/** Creates the database file empty with {@link FILE_MODE} if it is new, or tightens it to that if it is not. */
function ownerOnly(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', FILE_MODE));
  fs.chmodSync(file, FILE_MODE);
}

/** How long a write waits for another process holding the file's write lock. */
const BUSY_TIMEOUT_MS = 5000;

/** Page cache per connection (KiB): a go-live import writes hundreds of thousands of index entries in random order, and SQLite's 2 MiB default turns each into a read. */
const CACHE_KIB = 64 * 1024;
/** A load of fewer case events than this keeps every index as it goes (see `bulkLoad`). */
const BULK_LOAD_MIN_EVENTS = 5000;

/**
 * Opens (creating and migrating if needed) the embedded store in one SQLite file, or in
 * memory with `':memory:'` (for tests: nothing survives `close`).
 *
 * The file, and its -wal and -shm, are made readable and writable by their owner only
 * (0600), whoever's umask started the process; an older store's are tightened at open.
 *
 * Durability: WAL journal with `synchronous=FULL`, so a write is on disk before its
 * promise resolves and survives `kill -9` or a power cut.
 *
 * Concurrency: one connection, and one async mutex in front of it. Every call queues on
 * the mutex; a transaction holds it from `BEGIN IMMEDIATE` to `COMMIT`/`ROLLBACK`, across
 * the awaits of its work, so no other call can read its uncommitted writes or slip a
 * write into it. A call outside a transaction is atomic on its own. Another process on
 * the same file waits up to the busy timeout for SQLite's lock.
 *
 * @example
 * const store = await openSqliteStore('/var/lib/heard/heard.db');
 * await store.transaction(async (tx) => {
 *   if ((await tx.statements.insert(statement)) === 'inserted') await tx.audit.append(received);
 * });
 * await store.close();
 */
export async function openSqliteStore(file: string): Promise<Store> {
  const onDisk = file !== ':memory:' && !file.startsWith('file:');
  if (onDisk) ownerOnly(file);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    migrate(db);
    restoreDeferredIndexes(db);
    // A store written by an older build may have a -wal or -shm already, made 0644.
    if (onDisk) for (const companion of [`${file}-wal`, `${file}-shm`]) if (fs.existsSync(companion)) fs.chmodSync(companion, FILE_MODE);
  } catch (error) {
    db.close();
    throw error;
  }

  const implementations = sqliteRepositories(db);
  const mutex = new AsyncMutex();
  const scopes = new TransactionScopes();
  let closed = false;
  let loads = 0;

  const refuseIfClosed = (method: string): void => {
    if (closed) throw new Error(`the store is closed (store.${method})`);
  };

  const storeGate: Gate = (method, call) => {
    try {
      refuseIfClosed(method);
      scopes.refuseInside(method);
    } catch (error) {
      return Promise.reject(error);
    }
    return mutex.run(() => {
      refuseIfClosed(method);
      return call();
    });
  };

  // Inside a transaction the work already holds the mutex: calls run at once, and
  // synchronously, so one the work forgot to await still lands before COMMIT.
  const transactionGate =
    (isActive: () => boolean): Gate =>
    (method, call) => {
      try {
        if (!isActive()) throw new Error(`tx.${method} was called after its transaction had finished`);
        return Promise.resolve(call());
      } catch (error) {
        return Promise.reject(error);
      }
    };

  const repositories = gateRepositories(implementations, storeGate);

  return {
    ...repositories,

    transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
      try {
        refuseIfClosed('transaction');
        scopes.refuseInside('transaction');
      } catch (error) {
        return Promise.reject(error);
      }
      return mutex.run(async () => {
        refuseIfClosed('transaction');
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await scopes.run((isActive) => work(gateRepositories(implementations, transactionGate(isActive))));
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
    },

    // The indexes a load never reads are dropped while a large load runs and built once
    // after it. Building one costs about a fifth of keeping it entry by entry per row, so
    // that pays when the load brings at least a quarter as many events as the store holds.
    async bulkLoad<T>(events: number, work: () => Promise<T>): Promise<T> {
      refuseIfClosed('bulkLoad');
      scopes.refuseInside('bulkLoad');
      const deferred = await mutex.run(() => {
        refuseIfClosed('bulkLoad');
        const held = () => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM case_events').get()!.n;
        if (loads === 0 && (events < BULK_LOAD_MIN_EVENTS || events * 4 < held())) return false;
        if (loads++ === 0) dropDeferrableIndexes(db);
        return true;
      });
      try {
        return await work();
      } finally {
        if (deferred) {
          await mutex.run(() => {
            if (--loads === 0 && !closed) restoreDeferredIndexes(db);
          });
        }
      }
    },

    close(): Promise<void> {
      try {
        scopes.refuseInside('close');
      } catch (error) {
        return Promise.reject(error);
      }
      return mutex.run(() => {
        if (closed) return;
        closed = true;
        db.close();
      });
    },
  };
}
