import type Database from 'better-sqlite3';
import type { ConversationFlow, ConversationFlowRepository } from '../../domain/ports/store.port';
import type { Implementation } from '../gated-repositories';
import { flowStateJson } from '../query-arguments';

interface FlowRow {
  person_id: string;
  started_at: number;
  doc: string;
}

/**
 * Conversation flows in the `conversation_flows` table (migration 5), one row per person.
 *
 * @example
 * const flows = sqliteFlowRepository(db); // after migrate(db)
 * flows.save({ personId: 'p_priya', state: { step: 'target' }, startedAt: 1795255200 });
 */
export function sqliteFlowRepository(db: Database.Database): Implementation<ConversationFlowRepository> {
  const get = db.prepare<[string], FlowRow>('SELECT person_id, started_at, doc FROM conversation_flows WHERE person_id = ?');
  const save = db.prepare(
    `INSERT INTO conversation_flows (person_id, started_at, doc) VALUES (?, ?, ?)
     ON CONFLICT (person_id) DO UPDATE SET started_at = excluded.started_at, doc = excluded.doc`,
  );
  const clear = db.prepare('DELETE FROM conversation_flows WHERE person_id = ?');
  return {
    get: (personId): ConversationFlow | null => {
      const row = get.get(personId);
      return row ? { personId: row.person_id, state: JSON.parse(row.doc) as unknown, startedAt: row.started_at } : null;
    },
    save: (flow) => {
      save.run(flow.personId, flow.startedAt, flowStateJson(flow));
    },
    clear: (personId) => {
      clear.run(personId);
    },
  };
}
