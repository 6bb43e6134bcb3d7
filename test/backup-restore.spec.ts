import { spawn } from 'child_process';
import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PDF, seededStore, statementBody } from './test-council.fixture';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { SCHEMA_VERSION } from '../storage/embedded/sqlite-schema';
import { isAcknowledged, killIntakeProcesses, postStatement, startIntakeProcess } from './intake-process';

/**
 * `heard backup` and `heard restore`, through the real command (bin/heard.js, built), on
 * an embedded store that the intake API — in a process of its own — keeps writing to.
 */

const BIN = path.join(__dirname, '..', 'bin', 'heard.js');
/** A statement's PDF of about 60 KB, so that the store is more than a few pages. */
const BIG_PDF = Buffer.concat([PDF, Buffer.alloc(60_000, 0x20)]).toString('base64');
const SENT_AT = new Date((Math.floor(Date.now() / 1000) - 60) * 1000).toISOString();

afterAll(killIntakeProcesses);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-backup-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `heard …` in a process of its own, without blocking this one (the load goes on meanwhile). */
function heard(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, MONGODB_URI: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Waits, at most `ms`, for `condition`. */
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A seeded store file in the test's folder. */
async function newStore(name = 'heard.db'): Promise<string> {
  const file = path.join(dir, name);
  await (await seededStore(file)).close();
  return file;
}

describe('heard backup while Heard takes statements, then heard restore', () => {
  it('restores every statement acknowledged before the backup began, each with its audit trail and clocks', async () => {
    const file = await newStore();
    const intake = await startIntakeProcess(file);
    const acknowledged = new Map<string, string>();
    let stop = false;
    let next = 0;
    const sender = async () => {
      while (!stop && next < 20_000) {
        const externalId = `load-${next++}`;
        const outcome = await postStatement(intake.port, statementBody(externalId, { sentAt: SENT_AT, pdf: BIG_PDF }));
        if (isAcknowledged(outcome)) acknowledged.set(externalId, outcome.statementId);
      }
    };
    const senders = Promise.all(Array.from({ length: 8 }, sender));
    const backupFile = path.join(dir, 'backup.sqlite');
    let backup: Awaited<ReturnType<typeof heard>>;
    let before: Map<string, string>;
    let whileBackingUp: number;
    try {
      await until(() => acknowledged.size >= 100, 30_000, '100 acknowledged statements');
      before = new Map(acknowledged);
      backup = await heard(['backup', backupFile, '--store', file]);
      whileBackingUp = acknowledged.size - before.size;
    } finally {
      stop = true;
      await senders;
      process.kill(intake.pid, 'SIGTERM');
      await intake.exited;
    }

    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    // The intake kept acknowledging statements while the backup ran.
    expect(whileBackingUp).toBeGreaterThan(0);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);

    const restoredFile = path.join(dir, 'restored', 'heard.db');
    const restore = await heard(['restore', backupFile, '--store', restoredFile]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);

    const store = await openSqliteStore(restoredFile);
    try {
      const statements = await store.statements.list({});
      expect(JSON.parse(backup.stdout)).toMatchObject({ schemaVersion: SCHEMA_VERSION, statements: statements.length });
      expect(JSON.parse(restore.stdout)).toMatchObject({ file: restoredFile, statements: statements.length, replaced: null });
      const restored = new Map(statements.map((s) => [s.externalId, s.id]));
      const missing = [...before].filter(([externalId, id]) => restored.get(externalId) !== id);
      expect(missing).toEqual([]);
      // A consistent moment: no statement without what its intake transaction wrote with it.
      for (const s of statements) {
        expect((await store.audit.listForStatement(s.id)).map((e) => e.action)).toContain('statement-received');
        expect(await store.obligations.listForStatement(s.id)).not.toEqual([]);
        expect((await store.pdfs.get(s.id))?.toString('base64')).toBe(BIG_PDF);
      }
    } finally {
      await store.close();
    }
  }, 90_000);

  it('will not restore over a store Heard has open, even with --force; once Heard stops, replaces it and keeps the old one beside it', async () => {
    const backupFile = path.join(dir, 'backup.sqlite');
    const file = await newStore();
    expect((await heard(['backup', backupFile, '--store', file])).code).toBe(0);
    const intake = await startIntakeProcess(file);
    try {
      expect(isAcknowledged(await postStatement(intake.port, statementBody('after-the-backup', { sentAt: SENT_AT })))).toBe(true);
      const refused = await heard(['restore', backupFile, '--store', file, '--force']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(`heard: ${file} is in use: stop Heard (and any heard command using the store) before restoring over it\n`);
    } finally {
      process.kill(intake.pid, 'SIGTERM');
      await intake.exited;
    }

    const withoutForce = await heard(['restore', backupFile, '--store', file]);
    expect(withoutForce.code).toBe(2);
    expect(withoutForce.stderr).toContain('already exists: restoring replaces everything in it, so give --force');

    const restored = await heard(['restore', backupFile, '--store', file, '--force']);
    expect(restored.code).toBe(0);
    const { replaced } = JSON.parse(restored.stdout) as { replaced: string };
    expect(path.dirname(replaced)).toBe(dir);
    for (const [at, expected] of [
      [file, null],
      [replaced, 'st_'],
    ] as const) {
      const store = await openSqliteStore(at);
      const statement = await store.statements.getByExternalId('after-the-backup');
      await store.close();
      if (expected === null) expect(statement).toBeNull();
      else expect(statement?.id).toMatch(/^st_/);
    }
  }, 60_000);

  it('refuses to restore a file that is not a sound Heard store of a schema it knows, and leaves the store alone', async () => {
    const file = await newStore();
    const backupFile = path.join(dir, 'backup.sqlite');
    expect((await heard(['backup', backupFile, '--store', file])).code).toBe(0);

    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database\n');
    const otherDb = path.join(dir, 'other.sqlite');
    new Database(otherDb).exec('CREATE TABLE t (x)').close();
    const newer = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(backupFile, newer);
    new Database(newer).exec(`UPDATE schema_version SET version = ${SCHEMA_VERSION + 1}`).close();
    const truncated = path.join(dir, 'truncated.sqlite');
    fs.writeFileSync(truncated, fs.readFileSync(backupFile).subarray(0, 4096 * 3));

    const target = path.join(dir, 'target.db');
    for (const [candidate, problem] of [
      [text, 'is not a Heard store: not an SQLite database'],
      [otherDb, 'is not a Heard store: it has no schema_version table'],
      [newer, `has schema version ${SCHEMA_VERSION + 1}, newer than this build of Heard understands (${SCHEMA_VERSION})`],
      [truncated, 'is damaged'],
      [path.join(dir, 'missing.sqlite'), 'does not exist'],
    ]) {
      const result = await heard(['restore', candidate, '--store', target]);
      expect({ candidate, code: result.code }).toEqual({ candidate, code: 2 });
      expect(result.stderr).toContain(problem);
      expect(fs.existsSync(target)).toBe(false);
    }
  }, 60_000);

  it('never overwrites an existing file unless --force, and points a MongoDB deployment at its own tools', async () => {
    const file = await newStore();
    const backupFile = path.join(dir, 'backup.sqlite');
    fs.writeFileSync(backupFile, 'yesterday');
    const refused = await heard(['backup', backupFile, '--store', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists: a backup does not overwrite a file unless --force is given');
    expect(fs.readFileSync(backupFile, 'utf8')).toBe('yesterday');
    expect((await heard(['backup', backupFile, '--store', file, '--force'])).code).toBe(0);
    expect(JSON.parse((await heard(['restore', backupFile, '--store', path.join(dir, 'again.db')])).stdout)).toMatchObject({ statements: 0 });

    const mongo = await heard(['backup', path.join(dir, 'b2.sqlite')], { MONGODB_URI: 'mongodb://127.0.0.1:9/?replicaSet=rs0' });
    expect(mongo.code).toBe(2);
    expect(mongo.stderr).toContain('back it up with mongodump/mongorestore');
  }, 60_000);
});
