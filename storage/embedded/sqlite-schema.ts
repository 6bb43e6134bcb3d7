import type Database from 'better-sqlite3';

/**
 * The embedded store's schema, as numbered migrations. Records that nest (statements,
 * people, audit events, conversation references, settings) keep their JSON in a `doc`
 * column; what queries filter or sort on is a real, indexed column written from the same
 * object in the same statement, so the two cannot drift. Obligations and absences are
 * flat and are columns only.
 *
 * A migration is appended, never edited: a file written by an older build is brought
 * up to date at open, one migration at a time, each in its own transaction.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE statements (
    id          TEXT PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL,
    sent_at     INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    doc         TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;
  CREATE INDEX statements_by_status ON statements (status, sent_at, id);
  CREATE INDEX statements_by_sent_at ON statements (sent_at, id);

  CREATE TABLE statement_assignees (
    person_id    TEXT NOT NULL,
    statement_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, statement_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX statement_assignees_by_statement ON statement_assignees (statement_id);

  CREATE TABLE statement_pdfs (
    statement_id TEXT PRIMARY KEY,
    pdf          BLOB NOT NULL
  ) STRICT;

  CREATE TABLE people (
    id            TEXT PRIMARY KEY,
    email_key     TEXT NOT NULL,
    aad_object_id TEXT,
    team_id       TEXT,
    doc           TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;
  CREATE INDEX people_by_email ON people (email_key, id);
  CREATE INDEX people_by_aad_object_id ON people (aad_object_id, id);
  CREATE INDEX people_by_team ON people (team_id, id);

  CREATE TABLE teams (
    id  TEXT PRIMARY KEY,
    doc TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;

  CREATE TABLE absences (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL,
    from_date  TEXT NOT NULL,
    until_date TEXT NOT NULL,
    cover_id   TEXT
  ) STRICT;
  CREATE INDEX absences_by_person ON absences (person_id, from_date, id);

  CREATE TABLE obligations (
    id            TEXT PRIMARY KEY,
    standard_id   TEXT NOT NULL,
    statement_id  TEXT NOT NULL,
    owner_id      TEXT,
    owner_role    TEXT NOT NULL,
    triggered_at  INTEGER NOT NULL,
    due           INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'met', 'cancelled')),
    completed_at  INTEGER,
    next_nudge_at INTEGER,
    lease_holder  TEXT,
    lease_until   INTEGER,
    version       INTEGER NOT NULL,
    CHECK ((lease_holder IS NULL) = (lease_until IS NULL))
  ) STRICT;
  CREATE INDEX obligations_by_owner ON obligations (owner_id, status, due);
  CREATE INDEX obligations_by_next_nudge ON obligations (status, next_nudge_at);
  CREATE INDEX obligations_by_statement ON obligations (statement_id, due);

  CREATE TABLE audit_events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    statement_id TEXT,
    at           INTEGER NOT NULL,
    doc          TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;
  CREATE INDEX audit_events_by_statement ON audit_events (statement_id, at, seq);
  CREATE TRIGGER audit_events_are_never_updated BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_events_are_never_deleted BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

  CREATE TABLE conversations (
    aad_object_id TEXT PRIMARY KEY,
    doc           TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;

  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
  ) STRICT;
  `,
  `
  CREATE TABLE card_deliveries (
    statement_id TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    doc          TEXT NOT NULL CHECK (json_valid(doc)),
    PRIMARY KEY (statement_id, person_id)
  ) STRICT, WITHOUT ROWID;
  `,
  // Cards that could not be delivered are few and the participation team's queue asks
  // for them often: a partial index keeps that read independent of every card ever sent.
  `
  CREATE INDEX card_deliveries_not_delivered
    ON card_deliveries (json_extract(doc, '$.at'), statement_id, person_id)
    WHERE json_extract(doc, '$.state') = 'not-delivered';
  `,
  // The scheduler's record of every message it sends, keyed by the idempotency key so a
  // second insert of one key fails inside the database, not in a read-then-write race.
  // The morning digest reads a day of breaches by due instant, hence obligations (due, id).
  `
  CREATE TABLE nudges (
    key           TEXT PRIMARY KEY,
    obligation_id TEXT,
    at            INTEGER NOT NULL,
    doc           TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX nudges_by_obligation ON nudges (obligation_id, at, key);
  CREATE INDEX nudges_by_at ON nudges (at, key);
  CREATE INDEX obligations_by_due ON obligations (due, id);
  `,
  // Half-finished conversations (reassign, away) get their own table, apart from the
  // council's configuration in settings; flows kept there by older builds move over.
  `
  CREATE TABLE conversation_flows (
    person_id  TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL,
    doc        TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT, WITHOUT ROWID;
  INSERT INTO conversation_flows (person_id, started_at, doc)
    SELECT substr(key, length('conversation-flow:') + 1), json_extract(value, '$.startedAt'), value
    FROM settings
    WHERE key LIKE 'conversation-flow:%' AND json_type(value) = 'object' AND json_type(value, '$.startedAt') = 'integer';
  DELETE FROM settings WHERE key LIKE 'conversation-flow:%';
  `,
  // The duty rota (who is duty officer or duty manager when), read by role at an instant;
  // and Safety Link follow-ups, one per statement, append-only like the audit trail whose
  // events name them: their notes are evidence.
  `
  CREATE TABLE rota_shifts (
    id        TEXT PRIMARY KEY,
    role      TEXT NOT NULL CHECK (role IN ('duty-officer', 'duty-manager')),
    person_id TEXT NOT NULL,
    from_at   INTEGER NOT NULL,
    until_at  INTEGER NOT NULL,
    CHECK (until_at > from_at)
  ) STRICT;
  CREATE INDEX rota_shifts_by_role ON rota_shifts (role, from_at, id);
  CREATE INDEX rota_shifts_by_from ON rota_shifts (from_at, id);

  CREATE TABLE safety_link_follow_ups (
    statement_id TEXT PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    doc          TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;
  CREATE TRIGGER safety_link_follow_ups_are_never_updated BEFORE UPDATE ON safety_link_follow_ups
    BEGIN SELECT RAISE(ABORT, 'Safety Link follow-ups are append-only'); END;
  CREATE TRIGGER safety_link_follow_ups_are_never_deleted BEFORE DELETE ON safety_link_follow_ups
    BEGIN SELECT RAISE(ABORT, 'Safety Link follow-ups are append-only'); END;
  `,
  // Case work: cases, staff subjects and their events; obligations about any of
  // the three subjects (the table is rebuilt, as SQLite cannot drop statement_id's NOT
  // NULL); the audit trail findable by case. Self-contained: it reads no other migration's
  // tables but obligations and audit_events. A case imports several obligations per event,
  // most of them already met or closed, so each index on obligations is paid for many
  // times over: the ones only open obligations are looked up by (owner, next nudge) leave
  // the rest out; none by owner e-mail (only `heard obligations --owner` asks, rarely). The
  // new columns carry no CHECK: each costs more per row than an index (the domain and the
  // contract suite hold subject, reason and flags to their values).
  `
  CREATE TABLE cases (
    id       TEXT PRIMARY KEY,
    case_ref TEXT NOT NULL UNIQUE,
    version  INTEGER NOT NULL,
    doc      TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;

  CREATE TABLE staff_subjects (
    id        TEXT PRIMARY KEY,
    email_key TEXT NOT NULL UNIQUE,
    version   INTEGER NOT NULL,
    doc       TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;

  CREATE TABLE case_events (
    source      TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    subject_id  TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    supersedes  TEXT,
    doc         TEXT NOT NULL CHECK (json_valid(doc)),
    PRIMARY KEY (source, event_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX case_events_by_subject ON case_events (subject_id, occurred_at, seq);
  CREATE INDEX case_events_by_supersedes ON case_events (source, supersedes) WHERE supersedes IS NOT NULL;

  CREATE TABLE obligations_v7 (
    id                TEXT PRIMARY KEY,
    standard_id       TEXT NOT NULL,
    subject           TEXT NOT NULL,
    statement_id      TEXT,
    case_id           TEXT,
    staff_id          TEXT,
    occurrence_key    TEXT,
    owner_id          TEXT,
    owner_email       TEXT,
    owner_role        TEXT NOT NULL,
    triggered_at      INTEGER NOT NULL,
    anchor_at         INTEGER,
    due               INTEGER NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'met', 'cancelled')),
    completed_at      INTEGER,
    closed_at         INTEGER,
    closed_reason     TEXT,
    trigger_date_only INTEGER NOT NULL,
    stop_date_only    INTEGER NOT NULL,
    next_nudge_at     INTEGER,
    lease_holder      TEXT,
    lease_until       INTEGER,
    version           INTEGER NOT NULL,
    CHECK ((lease_holder IS NULL) = (lease_until IS NULL))
  ) STRICT;
  INSERT INTO obligations_v7 (id, standard_id, subject, statement_id, owner_id, owner_role, triggered_at, due, status,
                              completed_at, closed_reason, trigger_date_only, stop_date_only, next_nudge_at, lease_holder,
                              lease_until, version)
    SELECT id, standard_id, 'statement', statement_id, owner_id, owner_role, triggered_at, due, status, completed_at,
           CASE status WHEN 'cancelled' THEN 'cancelled' END, 0, 0, next_nudge_at, lease_holder, lease_until, version
    FROM obligations;
  DROP TABLE obligations;
  ALTER TABLE obligations_v7 RENAME TO obligations;
  CREATE INDEX obligations_by_owner ON obligations (owner_id, status, due) WHERE status = 'open';
  CREATE INDEX obligations_by_next_nudge ON obligations (status, next_nudge_at) WHERE next_nudge_at IS NOT NULL;
  CREATE INDEX obligations_by_subject_nudge ON obligations (subject, status, next_nudge_at) WHERE next_nudge_at IS NOT NULL;
  CREATE INDEX obligations_by_statement ON obligations (statement_id, due) WHERE statement_id IS NOT NULL;
  CREATE INDEX obligations_by_case ON obligations (case_id, due, id) WHERE case_id IS NOT NULL;
  CREATE INDEX obligations_by_staff ON obligations (staff_id, due, id) WHERE staff_id IS NOT NULL;
  CREATE INDEX obligations_by_due ON obligations (due, id);

  ALTER TABLE audit_events ADD COLUMN case_id TEXT;
  CREATE INDEX audit_events_by_case ON audit_events (case_id, at, seq) WHERE case_id IS NOT NULL;
  `,
  // The metrics count open and overdue obligations per standard at every scrape: a
  // partial index of the open ones only (met and cancelled ones pile up for ever) that
  // holds all the count reads, so the table itself is never touched.
  `
  CREATE INDEX obligations_open_by_standard ON obligations (standard_id, due) WHERE status = 'open';
  `,
  // Broadcasts and their recipients: a durable queue. A recipient is flat (columns only)
  // and claimed with a lease like an obligation; the partial index holds only those still
  // to be tried, so a claim reads nothing of the thousands already settled. Handovers keep
  // their record as JSON, with what a sweep looks for (applying, or active and due back)
  // as columns.
  `
  CREATE TABLE broadcasts (
    id         TEXT PRIMARY KEY,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    doc        TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;
  CREATE INDEX broadcasts_by_creator ON broadcasts (created_by, created_at, id);
  CREATE INDEX broadcasts_by_created_at ON broadcasts (created_at, id);

  CREATE TABLE broadcast_recipients (
    broadcast_id    TEXT NOT NULL REFERENCES broadcasts (id),
    person_id       TEXT NOT NULL,
    part            TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'retrying', 'delivered', 'unconfirmed', 'not-installed', 'failed', 'cancelled')),
    reason          TEXT,
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    lease_holder    TEXT,
    lease_until     INTEGER,
    activity_id     TEXT,
    sent_at         INTEGER,
    read_at         INTEGER,
    version         INTEGER NOT NULL,
    PRIMARY KEY (broadcast_id, person_id),
    CHECK ((lease_holder IS NULL) = (lease_until IS NULL))
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX broadcast_recipients_to_send
    ON broadcast_recipients (next_attempt_at, broadcast_id, person_id)
    WHERE state IN ('pending', 'retrying');

  CREATE TABLE handovers (
    id         TEXT PRIMARY KEY,
    from_id    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    state      TEXT NOT NULL,
    return_at  INTEGER,
    version    INTEGER NOT NULL,
    doc        TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;
  CREATE INDEX handovers_by_person ON handovers (from_id, created_at, id);
  CREATE INDEX handovers_to_finish ON handovers (state, return_at, created_at, id) WHERE state IN ('applying', 'active');
  `,
  // Evidence that the child was heard: a child's statements by reference (case history,
  // the share of reviews with a statement before them), and the statements whose PDF the
  // retention policy may purge — saved to the case record, the PDF still held — by when
  // they were saved. Statements saved by older builds get their savedAt from the audit
  // trail's statement-saved event (else their last update), so the policy counts from it.
  `
  CREATE INDEX statements_by_child ON statements (json_extract(doc, '$.child.reference'), sent_at, id);
  UPDATE statements
    SET doc = json_set(doc, '$.caseRecord.savedAt', COALESCE(
      (SELECT MIN(a.at) FROM audit_events a WHERE a.statement_id = statements.id AND json_extract(a.doc, '$.action') = 'statement-saved'),
      json_extract(doc, '$.updatedAt')))
    WHERE json_type(doc, '$.caseRecord') = 'object' AND json_type(doc, '$.caseRecord.savedAt') IS NULL;
  CREATE INDEX statements_pdf_held_after_saving ON statements (json_extract(doc, '$.caseRecord.savedAt'), id)
    WHERE json_type(doc, '$.caseRecord') = 'object' AND json_type(doc, '$.pdf') = 'object' AND json_type(doc, '$.pdf.purgedAt') = 'null';
  `,
  // Case work downstream: the scheduler nudges obligations about every subject, so the
  // index by subject and next nudge goes (one fewer index for every obligation a go-live
  // import writes); who holds a role on each case, by person, so a manager's team finds
  // its cases; and the open case obligations nobody in the directory owns, by case, for
  // the team lists (partial: a handful among a case's history).
  `
  DROP INDEX obligations_by_subject_nudge;

  CREATE TABLE case_allocations (
    email_key TEXT NOT NULL,
    case_id   TEXT NOT NULL,
    PRIMARY KEY (email_key, case_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX case_allocations_by_case ON case_allocations (case_id);
  INSERT OR IGNORE INTO case_allocations (email_key, case_id)
    SELECT lower(trim(a.value)), c.id FROM cases c, json_each(c.doc, '$.allocations') a WHERE a.type = 'text';

  CREATE INDEX obligations_unowned_open ON obligations (case_id, due) WHERE status = 'open' AND owner_id IS NULL AND case_id IS NOT NULL;
  `,
  // Changes of the organisation's configuration (heard config, the admin card) are audit
  // events naming the setting they change, listed by setting; no event before this
  // migration names one, so nothing is backfilled (the log is append-only).
  `
  ALTER TABLE audit_events ADD COLUMN setting TEXT;
  CREATE INDEX audit_events_by_setting ON audit_events (setting, at, seq) WHERE setting IS NOT NULL;
  `,
  // A manager's team is the members of the teams they manage and their line reports: the
  // line reports by line manager, so the team lists read their people instead of the
  // whole directory.
  `
  CREATE INDEX people_by_line_manager ON people (json_extract(doc, '$.lineManagerId'), id);
  `,
];

/**
 * Indexes on obligations that a large load builds once, at its end, instead of entry by
 * entry: receiving case events never reads through them (it reads a case's or staff
 * member's obligations by `obligations_by_case` and `obligations_by_staff`, which stay).
 * Each definition is exactly the one the migrations leave (`sqlite-store.spec.ts`
 * compares them), so dropping and re-creating one changes nothing but when it is built.
 */
export const DEFERRABLE_INDEXES: readonly { name: string; columns: string }[] = [
  { name: 'obligations_by_owner', columns: "(owner_id, status, due) WHERE status = 'open'" },
  { name: 'obligations_by_next_nudge', columns: '(status, next_nudge_at) WHERE next_nudge_at IS NOT NULL' },
  { name: 'obligations_by_statement', columns: '(statement_id, due) WHERE statement_id IS NOT NULL' },
  { name: 'obligations_by_due', columns: '(due, id)' },
  { name: 'obligations_open_by_standard', columns: "(standard_id, due) WHERE status = 'open'" },
  { name: 'obligations_unowned_open', columns: "(case_id, due) WHERE status = 'open' AND owner_id IS NULL AND case_id IS NOT NULL" },
];

/**
 * Builds every deferrable index that is missing: at the end of a large load, and when a
 * store is opened (a load whose process was killed left them dropped).
 *
 * @example
 * restoreDeferredIndexes(db); // nothing to do on a store with all its indexes
 */
export function restoreDeferredIndexes(db: Database.Database): void {
  const present = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'obligations'").all().map((r) => r.name));
  const missing = DEFERRABLE_INDEXES.filter((ix) => !present.has(ix.name));
  if (missing.length === 0) return;
  db.transaction(() => {
    for (const ix of missing) db.exec(`CREATE INDEX IF NOT EXISTS ${ix.name} ON obligations ${ix.columns}`);
  }).immediate();
}

/**
 * Drops the deferrable indexes for a large load (built again by {@link restoreDeferredIndexes}).
 *
 * @example
 * dropDeferrableIndexes(db);
 */
export function dropDeferrableIndexes(db: Database.Database): void {
  db.transaction(() => {
    for (const ix of DEFERRABLE_INDEXES) db.exec(`DROP INDEX IF EXISTS ${ix.name}`);
  }).immediate();
}

/**
 * The schema version this build writes.
 *
 * @example
 * SCHEMA_VERSION; // 13
 */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file's schema up to {@link SCHEMA_VERSION}, recording progress in the
 * `schema_version` table. Each step runs in a `BEGIN IMMEDIATE` transaction, so two
 * processes opening a new file at once do not both migrate it. Refuses a file written by
 * a newer build rather than guess at its layout.
 *
 * @example
 * migrate(new Database('heard.db')); // a new file gets every table and index
 */
export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL) STRICT');
  const read = db.prepare<[], { version: number }>('SELECT version FROM schema_version');
  for (;;) {
    const applied = db.transaction(() => {
      const rows = read.all();
      if (rows.length > 1) {
        throw new Error(`the schema_version table holds ${rows.length} rows; it must hold one`);
      }
      const current = rows.length === 0 ? 0 : rows[0].version;
      if (current > SCHEMA_VERSION) {
        throw new Error(
          `the store file has schema version ${current}, newer than this build of Heard understands (${SCHEMA_VERSION}); upgrade Heard`,
        );
      }
      if (current === SCHEMA_VERSION) return false;
      db.exec(MIGRATIONS[current]);
      if (rows.length === 0) db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(current + 1);
      else db.prepare('UPDATE schema_version SET version = ?').run(current + 1);
      return true;
    }).immediate();
    if (!applied) return;
  }
}
