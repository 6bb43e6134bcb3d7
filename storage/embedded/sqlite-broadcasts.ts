import type Database from 'better-sqlite3';
import type { Broadcast, BroadcastRecipient, RecipientPart, RecipientState } from '../../domain/broadcast';
import type { Handover } from '../../domain/handover';
import { ConcurrencyError, type BroadcastRepository, type HandoverRepository } from '../../domain/ports/store.port';
import type { Implementation } from '../gated-repositories';
import { isUniquenessViolation } from './sqlite-rows';
import { checkInstant, checkLeaseSeconds, checkLimit, checkRecipients } from '../query-arguments';

interface RecipientRow {
  broadcast_id: string;
  person_id: string;
  part: RecipientPart;
  state: RecipientState;
  reason: string | null;
  attempts: number;
  next_attempt_at: number;
  lease_holder: string | null;
  lease_until: number | null;
  activity_id: string | null;
  sent_at: number | null;
  read_at: number | null;
  version: number;
}

const RECIPIENT_COLUMNS =
  'broadcast_id, person_id, part, state, reason, attempts, next_attempt_at, lease_holder, lease_until, activity_id, sent_at, read_at, version';

function recipientFromRow(row: RecipientRow): BroadcastRecipient {
  return {
    broadcastId: row.broadcast_id,
    personId: row.person_id,
    part: row.part,
    state: row.state,
    reason: row.reason,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lease: row.lease_holder === null || row.lease_until === null ? null : { holder: row.lease_holder, until: row.lease_until },
    activityId: row.activity_id,
    sentAt: row.sent_at,
    readAt: row.read_at,
    version: row.version,
  };
}

function recipientParams(r: BroadcastRecipient): RecipientRow {
  checkInstant(r.nextAttemptAt, 'nextAttemptAt');
  return {
    broadcast_id: r.broadcastId,
    person_id: r.personId,
    part: r.part,
    state: r.state,
    reason: r.reason,
    attempts: r.attempts,
    next_attempt_at: r.nextAttemptAt,
    lease_holder: r.lease?.holder ?? null,
    lease_until: r.lease?.until ?? null,
    activity_id: r.activityId,
    sent_at: r.sentAt,
    read_at: r.readAt,
    version: r.version,
  };
}

interface DocRow {
  doc: string;
}

/**
 * Broadcasts and their recipients in `broadcasts` and `broadcast_recipients` (migration 6).
 *
 * @example
 * const broadcasts = sqliteBroadcastRepository(db); // after migrate(db)
 * broadcasts.create(broadcast, recipients); // 'inserted'
 */
export function sqliteBroadcastRepository(db: Database.Database): Implementation<BroadcastRepository> {
  const insertBroadcast = db.prepare('INSERT INTO broadcasts (id, created_by, created_at, version, doc) VALUES (?, ?, ?, ?, ?)');
  const insertRecipient = db.prepare(
    `INSERT INTO broadcast_recipients (${RECIPIENT_COLUMNS})
     VALUES (@broadcast_id, @person_id, @part, @state, @reason, @attempts, @next_attempt_at, @lease_holder, @lease_until,
             @activity_id, @sent_at, @read_at, @version)`,
  );
  const create = db.transaction((broadcast: Broadcast, recipients: BroadcastRecipient[]) => {
    insertBroadcast.run(broadcast.id, broadcast.createdBy, checkInstant(broadcast.createdAt, 'createdAt'), broadcast.version, JSON.stringify(broadcast));
    for (const r of recipients) insertRecipient.run(recipientParams(r));
  });
  const getRecipient = db.prepare<[string, string], RecipientRow>(
    `SELECT ${RECIPIENT_COLUMNS} FROM broadcast_recipients WHERE broadcast_id = ? AND person_id = ?`,
  );
  const claim = db.prepare<{ now: number; holder: string; until: number; limit: number }, RecipientRow>(
    `UPDATE broadcast_recipients
        SET lease_holder = @holder, lease_until = @until, version = version + 1
      WHERE (broadcast_id, person_id) IN (
              SELECT broadcast_id, person_id FROM broadcast_recipients
               WHERE state IN ('pending', 'retrying') AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
               ORDER BY next_attempt_at, broadcast_id, person_id
               LIMIT @limit)
      RETURNING ${RECIPIENT_COLUMNS}`,
  );
  return {
    create: (broadcast, recipients) => {
      checkRecipients(broadcast.id, recipients);
      try {
        create(broadcast, recipients);
        return 'inserted';
      } catch (error) {
        if (isUniquenessViolation(error) && db.prepare('SELECT 1 FROM broadcasts WHERE id = ?').get(broadcast.id)) return 'duplicate';
        throw error;
      }
    },
    get: (id) => {
      const row = db.prepare<[string], DocRow>('SELECT doc FROM broadcasts WHERE id = ?').get(id);
      return row ? (JSON.parse(row.doc) as Broadcast) : null;
    },
    update: (broadcast) => {
      const changes = db
        .prepare('UPDATE broadcasts SET version = ?, doc = ? WHERE id = ? AND version = ?')
        .run(broadcast.version, JSON.stringify(broadcast), broadcast.id, broadcast.version - 1).changes;
      if (changes !== 1) throw new ConcurrencyError('broadcast', broadcast.id);
    },
    listRecent: (filter, limit) => {
      const rowLimit = checkLimit(limit, 'limit') ?? -1;
      const rows =
        filter.createdBy === undefined
          ? db.prepare<[number], DocRow>('SELECT doc FROM broadcasts ORDER BY created_at DESC, id DESC LIMIT ?').all(rowLimit)
          : db
              .prepare<[string, number], DocRow>('SELECT doc FROM broadcasts WHERE created_by = ? ORDER BY created_at DESC, id DESC LIMIT ?')
              .all(filter.createdBy, rowLimit);
      return rows.map((row) => JSON.parse(row.doc) as Broadcast);
    },
    listRecipients: (broadcastId) =>
      db
        .prepare<[string], RecipientRow>(`SELECT ${RECIPIENT_COLUMNS} FROM broadcast_recipients WHERE broadcast_id = ? ORDER BY person_id`)
        .all(broadcastId)
        .map(recipientFromRow),
    getRecipient: (broadcastId, personId) => {
      const row = getRecipient.get(broadcastId, personId);
      return row ? recipientFromRow(row) : null;
    },
    updateRecipient: (recipient) => {
      const params = recipientParams(recipient);
      const changes = db
        .prepare(
          `UPDATE broadcast_recipients
              SET part = @part, state = @state, reason = @reason, attempts = @attempts, next_attempt_at = @next_attempt_at,
                  lease_holder = @lease_holder, lease_until = @lease_until, activity_id = @activity_id, sent_at = @sent_at,
                  read_at = @read_at, version = @version
            WHERE broadcast_id = @broadcast_id AND person_id = @person_id AND version = @version - 1`,
        )
        .run(params).changes;
      if (changes !== 1) throw new ConcurrencyError('broadcast recipient', `${recipient.broadcastId}/${recipient.personId}`);
    },
    claimRecipients: (now, holder, leaseSeconds, limit) => {
      checkInstant(now, 'now');
      checkLeaseSeconds(leaseSeconds);
      const rowLimit = checkLimit(limit, 'limit') ?? 0;
      const rows = claim.all({ now, holder, until: now + leaseSeconds, limit: rowLimit });
      // RETURNING gives rows in no promised order: put them in claim order.
      return rows
        .map(recipientFromRow)
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || compare(a.broadcastId, b.broadcastId) || compare(a.personId, b.personId));
    },
    cancelPending: (broadcastId) =>
      db
        .prepare(
          `UPDATE broadcast_recipients SET state = 'cancelled', lease_holder = NULL, lease_until = NULL, version = version + 1
            WHERE broadcast_id = ? AND state IN ('pending', 'retrying')`,
        )
        .run(broadcastId).changes,
    earliestAttemptAt: () =>
      db
        .prepare<[], { next_attempt_at: number }>(
          `SELECT next_attempt_at FROM broadcast_recipients WHERE state IN ('pending', 'retrying') ORDER BY next_attempt_at LIMIT 1`,
        )
        .get()?.next_attempt_at ?? null,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Handovers in `handovers` (migration 6).
 *
 * @example
 * const handovers = sqliteHandoverRepository(db); // after migrate(db)
 * handovers.insert(handover); // 'inserted'
 */
export function sqliteHandoverRepository(db: Database.Database): Implementation<HandoverRepository> {
  const params = (h: Handover) => {
    checkInstant(h.createdAt, 'createdAt');
    if (h.returnAt !== null) checkInstant(h.returnAt, 'returnAt');
    return { id: h.id, from_id: h.fromId, created_at: h.createdAt, state: h.state, return_at: h.returnAt, version: h.version, doc: JSON.stringify(h) };
  };
  return {
    insert: (handover) => {
      try {
        db.prepare(
          'INSERT INTO handovers (id, from_id, created_at, state, return_at, version, doc) VALUES (@id, @from_id, @created_at, @state, @return_at, @version, @doc)',
        ).run(params(handover));
        return 'inserted';
      } catch (error) {
        if (isUniquenessViolation(error)) return 'duplicate';
        throw error;
      }
    },
    get: (id) => {
      const row = db.prepare<[string], DocRow>('SELECT doc FROM handovers WHERE id = ?').get(id);
      return row ? (JSON.parse(row.doc) as Handover) : null;
    },
    update: (handover) => {
      const changes = db
        .prepare(
          `UPDATE handovers SET from_id = @from_id, created_at = @created_at, state = @state, return_at = @return_at, version = @version, doc = @doc
            WHERE id = @id AND version = @version - 1`,
        )
        .run(params(handover)).changes;
      if (changes !== 1) throw new ConcurrencyError('handover', handover.id);
    },
    listFrom: (personId) =>
      db
        .prepare<[string], DocRow>('SELECT doc FROM handovers WHERE from_id = ? ORDER BY created_at DESC, id DESC')
        .all(personId)
        .map((row) => JSON.parse(row.doc) as Handover),
    listToFinish: (now, limit) => {
      checkInstant(now, 'now');
      const rowLimit = checkLimit(limit, 'limit') ?? -1;
      return db
        .prepare<{ now: number; limit: number }, DocRow>(
          `SELECT doc FROM handovers
            WHERE state IN ('applying', 'active') AND (state = 'applying' OR return_at <= @now)
            ORDER BY created_at, id LIMIT @limit`,
        )
        .all({ now, limit: rowLimit })
        .map((row) => JSON.parse(row.doc) as Handover);
    },
  };
}
