import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { describeDutyContract } from '../contract/duty-contract';
import { describeCaseStoreContract } from '../contract/case-store-contract';
import { describeConfigurationContract } from '../contract/configuration-contract';
import { describeBroadcastContract } from '../contract/broadcast-contract';
import { describeReportStoreContract } from '../contract/report-store-contract';
import { describeStoreContract } from '../contract/store-contract';
import {
  HOUR,
  T0,
  aBroadcast,
  aCardDelivery,
  aCase,
  aCaseObligation,
  aFollowUp,
  aShift,
  aHandover,
  aRecipient,
  aConversation,
  aNudge,
  anAbsence,
  anAuditEvent,
  anObligation,
  aPdf,
  aPerson,
  aStatement,
  aTeam,
} from '../contract/store-fixtures';
import { openStore } from '../index';
import { DEFERRABLE_INDEXES, SCHEMA_VERSION, dropDeferrableIndexes } from './sqlite-schema';
import { openSqliteStore } from './sqlite-store';

const directory = mkdtempSync(join(tmpdir(), 'heard-sqlite-'));
let files = 0;
const freshFile = () => join(directory, `store-${(files += 1)}.db`);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** How to undo each migration, by the version it brings a file to: undone newest first, they turn a new file into one an older build wrote. */
const UNDO_MIGRATION: Record<number, string> = {
  2: 'DROP TABLE card_deliveries;',
  3: 'DROP INDEX card_deliveries_not_delivered;',
  4: 'DROP TABLE nudges; DROP INDEX obligations_by_due;',
  5: 'DROP TABLE conversation_flows;',
  6: 'DROP TABLE rota_shifts; DROP TABLE safety_link_follow_ups;',
  7: `
    DROP TABLE cases; DROP TABLE staff_subjects; DROP TABLE case_events;
    CREATE TABLE obligations_v4 (
      id TEXT PRIMARY KEY, standard_id TEXT NOT NULL, statement_id TEXT NOT NULL, owner_id TEXT, owner_role TEXT NOT NULL,
      triggered_at INTEGER NOT NULL, due INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('open', 'met', 'cancelled')),
      completed_at INTEGER, next_nudge_at INTEGER, lease_holder TEXT, lease_until INTEGER, version INTEGER NOT NULL,
      CHECK ((lease_holder IS NULL) = (lease_until IS NULL))
    ) STRICT;
    INSERT INTO obligations_v4 SELECT id, standard_id, statement_id, owner_id, owner_role, triggered_at, due, status, completed_at,
      next_nudge_at, lease_holder, lease_until, version FROM obligations WHERE subject = 'statement';
    DROP TABLE obligations;
    ALTER TABLE obligations_v4 RENAME TO obligations;
    CREATE INDEX obligations_by_owner ON obligations (owner_id, status, due);
    CREATE INDEX obligations_by_next_nudge ON obligations (status, next_nudge_at);
    CREATE INDEX obligations_by_statement ON obligations (statement_id, due);
    CREATE INDEX obligations_by_due ON obligations (due, id);
    DROP INDEX audit_events_by_case; ALTER TABLE audit_events DROP COLUMN case_id;
  `,
  8: 'DROP INDEX obligations_open_by_standard;',
  9: 'DROP TABLE broadcast_recipients; DROP TABLE broadcasts; DROP TABLE handovers;',
  10: 'DROP INDEX statements_by_child; DROP INDEX statements_pdf_held_after_saving;',
  11: `
    CREATE INDEX obligations_by_subject_nudge ON obligations (subject, status, next_nudge_at) WHERE next_nudge_at IS NOT NULL;
    DROP TABLE case_allocations; DROP INDEX obligations_unowned_open;
  `,
  12: 'DROP INDEX audit_events_by_setting; ALTER TABLE audit_events DROP COLUMN setting;',
  13: 'DROP INDEX people_by_line_manager;',
};

/** Turns a file written by this build back into what the build of schema `version` wrote. */
function rewindSchema(file: string, version: number): void {
  const raw = new Database(file);
  try {
    for (let v = SCHEMA_VERSION; v > version; v -= 1) {
      const undo = UNDO_MIGRATION[v];
      if (undo === undefined) throw new Error(`the test does not know how to undo migration ${v}; add it to UNDO_MIGRATION`);
      raw.exec(undo);
    }
    raw.prepare('UPDATE schema_version SET version = ?').run(version);
  } finally {
    raw.close();
  }
}

/** The permission bits of a file or folder. */
const modeOf = (f: string) => statSync(f).mode & 0o777;

/** The query plan SQLite chooses, one line per step. */
function planOf(db: Database.Database, query: string): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((row) => row.detail);
}

describeStoreContract('the embedded SQLite store', () => openSqliteStore(freshFile()));

describeDutyContract('the embedded SQLite store', () => openSqliteStore(freshFile()));
describeBroadcastContract('the embedded SQLite store', () => openSqliteStore(freshFile()));

describeStoreContract('the embedded SQLite store in memory', () => openSqliteStore(':memory:'));

describeCaseStoreContract('the embedded SQLite store', () => openSqliteStore(freshFile()));

describeReportStoreContract('the embedded SQLite store', () => openSqliteStore(freshFile()));
describeConfigurationContract('the embedded SQLite store', () => openSqliteStore(freshFile()));

describe('the embedded SQLite store on disk', () => {
  it('finds everything again after it is closed and reopened', async () => {
    const file = freshFile();
    const first = await openStore({ kind: 'embedded', file });
    await first.statements.insert(aStatement({ assigneeIds: ['p_sam'] }));
    await first.pdfs.put('st_1', aPdf(50_000));
    await first.directory.upsert([aPerson()], [aTeam()]);
    await first.directory.putAbsence(anAbsence());
    await first.obligations.insertMany([anObligation()]);
    await first.audit.append(anAuditEvent());
    await first.conversations.save(aConversation());
    await first.nudges.begin(aNudge());
    await first.settings.set('calendar', { division: 'scotland', closures: [] });
    await first.close();

    const again = await openSqliteStore(file);
    await expect(again.statements.getByExternalId('momo-1')).resolves.toEqual(aStatement({ assigneeIds: ['p_sam'] }));
    await expect(again.statements.list({ assigneeId: 'p_sam' })).resolves.toHaveLength(1);
    expect((await again.pdfs.get('st_1'))?.equals(aPdf(50_000))).toBe(true);
    await expect(again.directory.findPersonByEmail('SAM@example.org')).resolves.toEqual(aPerson());
    await expect(again.directory.getTeam('t_north')).resolves.toEqual(aTeam());
    await expect(again.directory.listAbsences('p_sam', '2026-11-24')).resolves.toEqual([anAbsence()]);
    await expect(again.obligations.get('ob_1')).resolves.toEqual(anObligation());
    await expect(again.audit.listForStatement('st_1')).resolves.toEqual([anAuditEvent()]);
    await expect(again.conversations.get(aConversation().aadObjectId)).resolves.toEqual(aConversation());
    await expect(again.nudges.get(aNudge().key)).resolves.toEqual(aNudge());
    await expect(again.settings.get('calendar')).resolves.toEqual({ division: 'scotland', closures: [] });
    await again.close();
  });

  it('keeps the store to its owner: a new folder 0700, the file and its -wal and -shm (which hold PDFs) 0600, whatever the umask', async () => {
    const folder = join(directory, 'fresh-folder', '.data');
    const file = join(folder, 'heard.sqlite');
    const umask = process.umask(0o000); // the loosest a process could start with
    try {
      const store = await openStore({ kind: 'embedded', file });
      await store.pdfs.put('st_1', aPdf(10_000));
      expect(modeOf(folder)).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, modeOf(f)]).toEqual([f, 0o600]);
      await store.close();
    } finally {
      process.umask(umask);
    }
  });

  it('tightens a store an older build left world-readable when it opens it', async () => {
    const file = freshFile();
    const store = await openSqliteStore(file);
    await store.pdfs.put('st_1', aPdf(10_000));
    await store.close();
    const raw = new Database(file);
    raw.pragma('wal_autocheckpoint = 0'); // leave a -wal behind, as a running process does
    raw.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) chmodSync(f, 0o644);

    const reopened = await openSqliteStore(file);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, modeOf(f)]).toEqual([f, 0o600]);
    await reopened.close();
    raw.close();
  });

  it('writes a WAL journal with synchronous=FULL and records its schema version', async () => {
    const file = freshFile();
    await (await openSqliteStore(file)).close();
    const raw = new Database(file);
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: SCHEMA_VERSION }]);
      const indexes = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all();
      expect(indexes).toEqual(
        expect.arrayContaining([
          { name: 'obligations_by_owner' },
          { name: 'obligations_by_next_nudge' },
          { name: 'statements_by_status' },
          { name: 'card_deliveries_not_delivered' },
          { name: 'nudges_by_obligation' },
          { name: 'nudges_by_at' },
          { name: 'obligations_by_due' },
        ]),
      );
    } finally {
      raw.close();
    }
    const reopened = await openSqliteStore(file);
    await reopened.close();
  });

  it('brings a file written by the first release up to date, keeping what it holds', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    await first.audit.append(anAuditEvent());
    await first.close();
    // What the first release wrote: everything but the card deliveries of schema version 2 and what came after.
    rewindSchema(file, 1);
    const upgraded = await openSqliteStore(file);
    try {
      await expect(upgraded.audit.listForStatement('st_1')).resolves.toEqual([anAuditEvent()]);
      await upgraded.cards.save(aCardDelivery());
      await expect(upgraded.cards.listForStatement('st_1')).resolves.toEqual([aCardDelivery()]);
    } finally {
      await upgraded.close();
    }
  });

  it('brings a file of schema version 2 up to date with the index of cards not delivered, keeping the cards', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    const lost = aCardDelivery({ statementId: 'st_2', state: 'not-delivered', reason: 'forbidden', aadObjectId: null, activityId: null });
    await first.cards.save(aCardDelivery());
    await first.cards.save(lost);
    await first.close();
    // What schema version 2 wrote: the card deliveries without the index (and nothing of later versions).
    rewindSchema(file, 2);
    const upgraded = await openSqliteStore(file);
    try {
      await expect(upgraded.cards.listNotDelivered()).resolves.toEqual([lost]);
      await expect(upgraded.cards.listForStatement('st_1')).resolves.toEqual([aCardDelivery()]);
    } finally {
      await upgraded.close();
    }
    const check = new Database(file, { readonly: true });
    try {
      expect(check.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: SCHEMA_VERSION }]);
      const plan = check
        .prepare(
          `EXPLAIN QUERY PLAN SELECT doc FROM card_deliveries WHERE json_extract(doc, '$.state') = 'not-delivered'
           ORDER BY json_extract(doc, '$.at'), statement_id, person_id LIMIT -1`,
        )
        .all() as { detail: string }[];
      // The index is only worth having if the query the adapter runs uses it (and sorts nothing itself).
      expect(plan.map((row) => row.detail)).toEqual([expect.stringContaining('USING INDEX card_deliveries_not_delivered')]);
    } finally {
      check.close();
    }
  });

  it('brings a file of schema version 4 up to date with a table of conversation flows, moving the flows older builds kept in settings', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    await first.settings.set('calendar', { division: 'scotland' });
    await first.close();
    rewindSchema(file, 4);
    // What schema version 4 wrote: half-finished flows among the settings, and cleared ones as null.
    const flow = { id: 'fl_1', flow: 'reassign', step: 'target', personId: 'p_sam', targetId: null, from: null, until: null, startedAt: T0 };
    const raw = new Database(file);
    try {
      const put = raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      put.run('conversation-flow:p_priya', JSON.stringify(flow));
      put.run('conversation-flow:p_ali', 'null');
    } finally {
      raw.close();
    }
    const upgraded = await openSqliteStore(file);
    try {
      await expect(upgraded.flows.get('p_priya')).resolves.toEqual({ personId: 'p_priya', state: flow, startedAt: T0 });
      await expect(upgraded.flows.get('p_ali')).resolves.toBeNull();
      await expect(upgraded.settings.get('conversation-flow:p_priya')).resolves.toBeNull();
      await expect(upgraded.settings.get('conversation-flow:p_ali')).resolves.toBeNull();
      await expect(upgraded.settings.get('calendar')).resolves.toEqual({ division: 'scotland' });
    } finally {
      await upgraded.close();
    }
  });

  it('brings a file of schema version 5 up to date with the broadcast queue and handovers, keeping what it holds', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    await first.statements.insert(aStatement());
    await first.close();
    rewindSchema(file, 5);
    const upgraded = await openSqliteStore(file);
    try {
      await expect(upgraded.statements.get('st_1')).resolves.toEqual(aStatement());
      await expect(upgraded.broadcasts.create(aBroadcast(), [aRecipient()])).resolves.toBe('inserted');
      await expect(upgraded.broadcasts.claimRecipients(T0 + HOUR, 'sender-a', 60, 10)).resolves.toHaveLength(1);
      await expect(upgraded.handovers.insert(aHandover())).resolves.toBe('inserted');
    } finally {
      await upgraded.close();
    }
  });

  it('brings a file of schema version 3 up to date with the nudge records and the index by due instant, keeping what it holds', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    const obligations = [
      anObligation({ id: 'ob_1', due: T0 + 8 * HOUR, nextNudgeAt: T0 + 4 * HOUR }),
      anObligation({ id: 'ob_2', due: T0 + 2 * HOUR, nextNudgeAt: null, status: 'met', completedAt: T0 + HOUR }),
    ];
    await first.obligations.insertMany(obligations);
    await first.cards.save(aCardDelivery());
    await first.close();
    // What schema version 3 wrote: no nudge records, and obligations not indexed by due instant alone.
    rewindSchema(file, 3);
    const upgraded = await openSqliteStore(file);
    try {
      await expect(upgraded.obligations.listDueBetween(T0, T0 + 24 * HOUR)).resolves.toEqual([obligations[1], obligations[0]]);
      await expect(upgraded.obligations.earliestNudgeAt()).resolves.toBe(T0 + 4 * HOUR);
      await expect(upgraded.cards.listForStatement('st_1')).resolves.toEqual([aCardDelivery()]);
      await expect(upgraded.nudges.begin(aNudge())).resolves.toBe('inserted');
      await expect(upgraded.nudges.listBetween(T0, T0 + 24 * HOUR)).resolves.toEqual([aNudge()]);
    } finally {
      await upgraded.close();
    }
    const check = new Database(file, { readonly: true });
    try {
      expect(check.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: SCHEMA_VERSION }]);
      // The queries the adapter runs: each must seek its index and read in its order, never
      // scan the table (a council keeps every obligation it ever had) or sort by itself.
      expect(
        planOf(
          check,
          `SELECT next_nudge_at FROM obligations WHERE status = 'open' AND next_nudge_at IS NOT NULL ORDER BY next_nudge_at LIMIT 1`,
        ),
      ).toEqual([expect.stringMatching(/^SEARCH obligations USING COVERING INDEX obligations_by_next_nudge \(status=\? AND next_nudge_at>\?\)$/)]);
      expect(planOf(check, 'SELECT * FROM obligations WHERE due >= 1 AND due < 2 ORDER BY due, id LIMIT -1')).toEqual([
        expect.stringMatching(/^SEARCH obligations USING INDEX obligations_by_due \(due>\? AND due<\?\)$/),
      ]);
      expect(planOf(check, 'SELECT doc FROM nudges WHERE at >= 1 AND at < 2 ORDER BY at, key LIMIT -1')).toEqual([
        expect.stringMatching(/^SEARCH nudges USING INDEX nudges_by_at \(at>\? AND at<\?\)$/),
      ]);
      expect(planOf(check, "SELECT doc FROM nudges WHERE obligation_id = 'ob_1' ORDER BY at, key")).toEqual([
        expect.stringMatching(/^SEARCH nudges USING INDEX nudges_by_obligation \(obligation_id=\?\)$/),
      ]);
    } finally {
      check.close();
    }
  });

  it('brings a file of schema version 4 up to date with case work: its statement obligations keep their clocks, a cancelled one closed as cancelled', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    const open = anObligation({ id: 'ob_1', ownerId: 'p_sam', due: T0 + 8 * HOUR, nextNudgeAt: T0 + 4 * HOUR, lease: { holder: 'sched-a', until: T0 + 60 } });
    const cancelled = anObligation({ id: 'ob_2', due: T0 + 2 * HOUR, nextNudgeAt: null, status: 'cancelled', closedAt: null });
    await first.obligations.insertMany([open, cancelled]);
    await first.audit.append(anAuditEvent());
    await first.close();
    rewindSchema(file, 4);
    const upgraded = await openSqliteStore(file);
    try {
      await expect(upgraded.obligations.listForStatement('st_1')).resolves.toEqual([cancelled, open]);
      expect(cancelled).toMatchObject({ subject: 'statement', closedReason: 'cancelled', caseId: null });
      await expect(upgraded.obligations.openForOwners(['p_sam'], T0 + 24 * HOUR)).resolves.toEqual([open]);
      await expect(upgraded.audit.listForStatement('st_1')).resolves.toEqual([anAuditEvent()]);
      await upgraded.audit.append(anAuditEvent({ id: 'au_case', statementId: null, caseId: 'ca_1', action: 'obligation-moved' }));
      await expect(upgraded.audit.listForCase('ca_1')).resolves.toEqual([anAuditEvent({ id: 'au_case', statementId: null, caseId: 'ca_1', action: 'obligation-moved' })]);
    } finally {
      await upgraded.close();
    }
    const check = new Database(file, { readonly: true });
    try {
      expect(planOf(check, "SELECT * FROM obligations WHERE case_id = 'ca_1' ORDER BY due, id")).toEqual([
        expect.stringMatching(/^SEARCH obligations USING INDEX obligations_by_case \(case_id=\?\)$/),
      ]);
      expect(planOf(check, "SELECT doc FROM case_events WHERE subject_id = 'ca_1' ORDER BY occurred_at, seq")).toEqual([
        expect.stringMatching(/^SEARCH case_events USING INDEX case_events_by_subject \(subject_id=\?\)$/),
      ]);
      expect(planOf(check, "SELECT * FROM obligations WHERE owner_id IN ('p_sam') AND status = 'open' AND due < 5 ORDER BY due, id")).toEqual(
        expect.arrayContaining([expect.stringMatching(/^SEARCH obligations USING INDEX obligations_by_owner/)]),
      );
    } finally {
      check.close();
    }
  });

  it('brings a file of schema version 8 up to date with who holds a role on each case, so the team lists find a team’s cases', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    await first.cases.insert(aCase({ allocations: { 'social-worker': 'sam@example.org', iro: 'iro.jones@example.org' } }));
    await first.cases.insert(aCase({ id: 'ca_2', caseRef: 'C-20001', allocations: {} }));
    const unowned = aCaseObligation({ id: 'ob_u', ownerId: null, ownerEmail: null, ownerRole: 'iro-manager', due: T0 + HOUR });
    await first.obligations.insertMany([aCaseObligation(), unowned]);
    await first.close();
    rewindSchema(file, 8);
    const upgraded = await openSqliteStore(file);
    try {
      await expect(upgraded.cases.listAllocatedTo(['iro.jones@example.org'])).resolves.toEqual([aCase({ allocations: { 'social-worker': 'sam@example.org', iro: 'iro.jones@example.org' } })]);
      await expect(upgraded.obligations.openUnownedOnCasesOf(['iro.jones@example.org'], T0, T0 + 24 * HOUR)).resolves.toEqual([unowned]);
    } finally {
      await upgraded.close();
    }
    const check = new Database(file, { readonly: true });
    try {
      expect(planOf(check, "SELECT * FROM obligations INDEXED BY obligations_unowned_open WHERE case_id IN ('ca_1') AND status = 'open' AND owner_id IS NULL AND due < 5 ORDER BY due, id")).toEqual(
        expect.arrayContaining([expect.stringMatching(/^SEARCH obligations USING INDEX obligations_unowned_open \(case_id=\? AND due<\?\)$/)]),
      );
      expect(planOf(check, "SELECT case_id FROM case_allocations WHERE email_key IN ('sam@example.org')")).toEqual([
        expect.stringMatching(/^SEARCH case_allocations USING PRIMARY KEY \(email_key=\?\)$/),
      ]);
    } finally {
      check.close();
    }
  });

  it('brings a file of schema version 12 up to date with people found by line manager, so a manager’s team is read without the whole directory', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    const priya = aPerson({ id: 'p_priya', name: 'Priya Shah', email: 'priya@example.org', roles: ['manager'], lineManagerId: null });
    const sam = aPerson();
    const ali = aPerson({ id: 'p_ali', name: 'Ali Khan', email: 'ali@example.org', teamId: 't_south', lineManagerId: 'p_zed' });
    await first.directory.upsert([priya, sam, ali], []);
    await first.close();
    rewindSchema(file, 12);
    const upgraded = await openSqliteStore(file);
    try {
      await expect(upgraded.directory.listPeople({ lineManagerId: 'p_priya' })).resolves.toEqual([sam]);
    } finally {
      await upgraded.close();
    }
    const check = new Database(file, { readonly: true });
    try {
      expect(planOf(check, "SELECT doc FROM people WHERE json_extract(doc, '$.lineManagerId') = 'p_priya' ORDER BY id")).toEqual([
        expect.stringMatching(/^SEARCH people USING INDEX people_by_line_manager \(<expr>=\?\)$/),
      ]);
    } finally {
      check.close();
    }
  });

  it('refuses a file written by a newer Heard instead of guessing at its layout', async () => {
    const file = freshFile();
    await (await openSqliteStore(file)).close();
    const raw = new Database(file);
    raw.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
    raw.close();
    await expect(openSqliteStore(file)).rejects.toThrow(
      `the store file has schema version ${SCHEMA_VERSION + 1}, newer than this build of Heard understands (${SCHEMA_VERSION}); upgrade Heard`,
    );
  });

  it('keeps the audit trail append-only even against a direct SQL change', async () => {
    const file = freshFile();
    const store = await openSqliteStore(file);
    await store.audit.append(anAuditEvent());
    await store.close();
    const raw = new Database(file);
    try {
      expect(() => raw.prepare('DELETE FROM audit_events').run()).toThrow('the audit log is append-only');
      expect(() => raw.prepare("UPDATE audit_events SET at = 0").run()).toThrow('the audit log is append-only');
    } finally {
      raw.close();
    }
  });

  it('keeps Safety Link follow-ups append-only even against a direct SQL change: their notes are evidence', async () => {
    const file = freshFile();
    const store = await openSqliteStore(file);
    await store.followUps.insert(aFollowUp());
    await store.close();
    const raw = new Database(file);
    try {
      expect(() => raw.prepare('DELETE FROM safety_link_follow_ups').run()).toThrow('Safety Link follow-ups are append-only');
      expect(() => raw.prepare("UPDATE safety_link_follow_ups SET doc = '{}'").run()).toThrow('Safety Link follow-ups are append-only');
    } finally {
      raw.close();
    }
  });

  it('brings a file of schema version 5 up to date with the duty rota and Safety Link follow-ups, keeping what it holds', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    await first.statements.insert(aStatement());
    await first.close();
    rewindSchema(file, 5);
    const upgraded = await openSqliteStore(file);
    try {
      await expect(upgraded.statements.get('st_1')).resolves.toEqual(aStatement());
      await expect(upgraded.rota.onDutyAt('duty-manager', T0)).resolves.toEqual([]);
      await upgraded.rota.replace({ roles: ['duty-manager'], from: T0, until: T0 + 8 * HOUR }, [aShift()]);
      await expect(upgraded.rota.onDutyAt('duty-manager', T0)).resolves.toEqual([aShift()]);
      await expect(upgraded.followUps.insert(aFollowUp())).resolves.toBe('inserted');
    } finally {
      await upgraded.close();
    }
  });

  it('brings a file of schema version 8 up to date: statements saved by an older build count their retention from the audit trail', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    const legacyRecord = { system: 'Liquid Logic', reference: 'LL-1' };
    await first.statements.insert(aStatement({ id: 'st_1', externalId: 'm-1', status: 'saved', caseRecord: legacyRecord, updatedAt: T0 + 9 * HOUR }));
    await first.statements.insert(aStatement({ id: 'st_2', externalId: 'm-2', status: 'saved', caseRecord: legacyRecord, updatedAt: T0 + 5 * HOUR }));
    await first.statements.insert(aStatement({ id: 'st_3', externalId: 'm-3', status: 'acknowledged' }));
    await first.audit.append(anAuditEvent({ id: 'au_saved', action: 'statement-saved', statementId: 'st_1', at: T0 + 2 * HOUR }));
    await first.close();
    rewindSchema(file, 8);
    const upgraded = await openSqliteStore(file);
    try {
      // st_1 from its statement-saved event; st_2 has none, so from its last update.
      await expect(upgraded.statements.get('st_1')).resolves.toMatchObject({ caseRecord: { ...legacyRecord, savedAt: T0 + 2 * HOUR } });
      await expect(upgraded.statements.get('st_2')).resolves.toMatchObject({ caseRecord: { ...legacyRecord, savedAt: T0 + 5 * HOUR } });
      await expect(upgraded.statements.get('st_3')).resolves.toMatchObject({ caseRecord: null });
      expect((await upgraded.statements.listPdfsHeldSavedBefore(T0 + 9 * HOUR, 10)).map((s) => s.id)).toEqual(['st_1', 'st_2']);
    } finally {
      await upgraded.close();
    }
  });

  it("reads a period's pages, a child's statements and the PDFs held after saving by their own indexes, never a table scan", async () => {
    const file = freshFile();
    await (await openSqliteStore(file)).close();
    const check = new Database(file, { readonly: true });
    try {
      expect(planOf(check, 'SELECT doc FROM statements WHERE sent_at >= 1 AND sent_at < 2 AND (sent_at, id) > (0, \'\') ORDER BY sent_at, id LIMIT 5')).toEqual([
        expect.stringMatching(/^SEARCH statements USING INDEX statements_by_sent_at \(sent_at>\? AND sent_at<\?\)$/),
      ]);
      expect(planOf(check, 'SELECT * FROM obligations WHERE due >= 1 AND due < 2 AND (due, id) > (0, \'\') ORDER BY due, id LIMIT 5')).toEqual([
        expect.stringMatching(/^SEARCH obligations USING INDEX obligations_by_due \(due>\? AND due<\?\)$/),
      ]);
      expect(
        planOf(check, "SELECT doc FROM statements WHERE json_extract(doc, '$.child.reference') = 'CR-1' ORDER BY sent_at, id"),
      ).toEqual([expect.stringMatching(/^SEARCH statements USING INDEX statements_by_child \(<expr>=\?\)$/)]);
      expect(
        planOf(
          check,
          `SELECT doc FROM statements
           WHERE json_type(doc, '$.caseRecord') = 'object' AND json_type(doc, '$.pdf') = 'object' AND json_type(doc, '$.pdf.purgedAt') = 'null'
             AND json_extract(doc, '$.caseRecord.savedAt') <= 5
           ORDER BY json_extract(doc, '$.caseRecord.savedAt'), id LIMIT 5`,
        ),
      ).toEqual([expect.stringMatching(/^SEARCH statements USING INDEX statements_pdf_held_after_saving \(<expr><\?\)$/)]);
    } finally {
      check.close();
    }
  });

  it('brings a file of schema version 11 up to date with configuration changes in the audit trail, keeping the trail it had', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    await first.audit.append(anAuditEvent());
    await first.close();
    rewindSchema(file, 11);
    const upgraded = await openSqliteStore(file);
    try {
      await expect(upgraded.audit.listForStatement('st_1')).resolves.toEqual([anAuditEvent()]);
      await expect(upgraded.audit.listConfiguration()).resolves.toEqual([]);
      const change = anAuditEvent({ id: 'au_c1', statementId: null, action: 'configuration-changed', setting: 'calendar', details: { from: '{}', to: '{}' } });
      await upgraded.audit.append(change);
      await expect(upgraded.audit.listConfiguration({ setting: 'calendar' })).resolves.toEqual([change]);
    } finally {
      await upgraded.close();
    }
  });

  it('sees claims made through another connection to the same file (two Heard processes on one machine)', async () => {
    const file = freshFile();
    const one = await openSqliteStore(file);
    const two = await openSqliteStore(file);
    await one.obligations.insertMany(Array.from({ length: 10 }, (_, i) => anObligation({ id: `ob_${i}`, nextNudgeAt: 1 })));
    const [a, b] = await Promise.all([one.obligations.claimDue(10, 'sched-a', 60, 6), two.obligations.claimDue(10, 'sched-b', 60, 6)]);
    const ids = [...a, ...b].map((o) => o.id);
    expect(new Set(ids).size).toBe(10);
    await one.close();
    await two.close();
  });

  it(
    'keeps every statement it acknowledged, exactly once, when its process is killed with SIGKILL mid-stream',
    async () => {
      const file = freshFile();
      const child = spawn(
        process.execPath,
        ['--import', pathToFileURL(require.resolve('tsx')).href, join(__dirname, 'durability-writer.ts'), file],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const acknowledged: string[] = [];
      let stderr = '';
      let partial = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
      await new Promise<void>((resolve, reject) => {
        const giveUp = setTimeout(() => reject(new Error(`the writer acknowledged only ${acknowledged.length} statements; stderr: ${stderr}`)), 8_000);
        child.stdout.on('data', (chunk: Buffer) => {
          const lines = (partial + chunk.toString()).split('\n');
          partial = lines.pop() ?? '';
          acknowledged.push(...lines.filter((line) => line.startsWith('momo-')));
          if (acknowledged.length >= 300) {
            clearTimeout(giveUp);
            resolve();
          }
        });
        child.on('exit', () => {
          clearTimeout(giveUp);
          reject(new Error(`the writer stopped by itself; stderr: ${stderr}`));
        });
      });
      child.kill('SIGKILL');
      await expect(exited).resolves.toBe('SIGKILL');

      const raw = new Database(file);
      try {
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        raw.close();
      }
      const store = await openSqliteStore(file);
      const stored = await store.statements.list({});
      const counts = new Map<string, number>();
      for (const s of stored) counts.set(s.externalId, (counts.get(s.externalId) ?? 0) + 1);
      for (const externalId of acknowledged) {
        expect([externalId, counts.get(externalId)]).toEqual([externalId, 1]);
      }
      // The statement and its audit event were one transaction: neither is ever found without the other.
      for (const s of stored) await expect(store.audit.listForStatement(s.id)).resolves.toHaveLength(1);
      expect(stored.length).toBeGreaterThanOrEqual(acknowledged.length);
      await store.close();
    },
    15_000,
  );
});

describe('a go-live load into the embedded store', () => {
  const indexesOn = (file: string): string[] => {
    const raw = new Database(file, { readonly: true });
    try {
      return (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'obligations' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    } finally {
      raw.close();
    }
  };
  const deferrable = DEFERRABLE_INDEXES.map((ix) => ix.name).sort();

  it('defers exactly the indexes the migrations made, with the same definitions', async () => {
    const file = freshFile();
    await (await openSqliteStore(file)).close();
    const raw = new Database(file, { readonly: true });
    try {
      const made = new Map((raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'obligations' AND sql IS NOT NULL").all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql.replace(/\s+/g, ' ')]));
      for (const ix of DEFERRABLE_INDEXES) expect(made.get(ix.name)).toBe(`CREATE INDEX ${ix.name} ON obligations ${ix.columns}`);
      // Receiving case events reads obligations by case and by staff member: those are never deferred.
      expect(deferrable).not.toContain('obligations_by_case');
      expect(deferrable).not.toContain('obligations_by_staff');
    } finally {
      raw.close();
    }
  });

  it('builds the indexes a large load never reads once, at its end, answering queries the same meanwhile', async () => {
    const file = freshFile();
    const store = await openSqliteStore(file);
    await store.obligations.insertMany([aCaseObligation(), aCaseObligation({ id: 'ob_c2', occurrenceKey: 'k2', due: T0 + HOUR })]);
    const before = await store.obligations.openForOwners(['p_sam'], T0 + 100 * 24 * HOUR);
    const during = await store.bulkLoad(5000, async () => {
      expect(indexesOn(file).filter((name) => deferrable.includes(name))).toEqual([]);
      return store.obligations.openForOwners(['p_sam'], T0 + 100 * 24 * HOUR);
    });
    expect(during).toEqual(before);
    expect(indexesOn(file)).toEqual(expect.arrayContaining(deferrable));
    await store.close();
  });

  it('builds them again when the load fails, and when a store a killed load left without them is opened', async () => {
    const file = freshFile();
    const store = await openSqliteStore(file);
    await expect(store.bulkLoad(5000, () => Promise.reject(new Error('the file ran out')))).rejects.toThrow('the file ran out');
    expect(indexesOn(file)).toEqual(expect.arrayContaining(deferrable));
    await store.close();

    const killed = new Database(file);
    dropDeferrableIndexes(killed);
    killed.close();
    expect(indexesOn(file)).not.toContain('obligations_by_owner');
    await (await openSqliteStore(file)).close();
    expect(indexesOn(file)).toEqual(expect.arrayContaining(deferrable));
  });

  it('keeps every index as it goes for a small load, or one small beside what the store already holds', async () => {
    const file = freshFile();
    const store = await openSqliteStore(file);
    await store.bulkLoad(4999, async () => expect(indexesOn(file)).toEqual(expect.arrayContaining(deferrable)));
    const raw = new Database(file);
    const add = raw.prepare("INSERT INTO case_events (source, event_id, subject_id, occurred_at, seq, supersedes, doc) VALUES ('lcs', ?, 'ca_1', 0, ?, NULL, '{}')");
    raw.transaction(() => {
      for (let i = 0; i < 20_004; i++) add.run(`E-${i}`, i);
    })();
    raw.close();
    // 5,000 events beside 20,004 held: indexing them as they go costs less than building the whole table's indexes again.
    await store.bulkLoad(5000, async () => expect(indexesOn(file)).toEqual(expect.arrayContaining(deferrable)));
    await store.close();
  });
});
