import { MongoServerError, type ClientSession, type Db } from 'mongodb';
import type { ConversationFlow, ConversationFlowRepository } from '../../domain/ports/store.port';
import type { Implementation } from '../gated-repositories';
import { flowStateJson } from '../query-arguments';

/** A flow as stored: the person's id is `_id`; the state is kept as JSON text, as settings are, so it reads back exactly. */
interface FlowDocument {
  _id: string;
  startedAt: number;
  json: string;
}

const COLLECTION = 'conversation_flows';
const NAMESPACE_EXISTS = 48;

/**
 * Creates the flows' collection (a transaction may not create one on every server) and
 * drops the flows older builds kept in settings (`conversation-flow:<id>`): a flow lasts
 * 30 minutes, so one half finished during the upgrade is asked again rather than moved.
 *
 * @example
 * await prepareMongoFlows(client.db('heard'));
 */
export async function prepareMongoFlows(db: Db): Promise<void> {
  if ((await db.listCollections({ name: COLLECTION }, { nameOnly: true }).toArray()).length === 0) {
    try {
      await db.createCollection(COLLECTION);
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_EXISTS)) throw error;
    }
  }
  await db.collection<{ _id: string }>('settings').deleteMany({ _id: { $regex: '^conversation-flow:' } });
}

/**
 * Conversation flows in their own collection, one document per person.
 *
 * @example
 * const flows = mongoFlowRepository(client.db('heard'), undefined);
 */
export function mongoFlowRepository(db: Db, session: ClientSession | undefined): Implementation<ConversationFlowRepository> {
  const flows = db.collection<FlowDocument>(COLLECTION);
  return {
    get: async (personId): Promise<ConversationFlow | null> => {
      const document = await flows.findOne({ _id: personId }, { session });
      return document ? { personId, state: JSON.parse(document.json) as unknown, startedAt: document.startedAt } : null;
    },
    save: async (flow) => {
      const json = flowStateJson(flow);
      await flows.replaceOne({ _id: flow.personId }, { startedAt: flow.startedAt, json }, { upsert: true, session });
    },
    clear: async (personId) => {
      await flows.deleteOne({ _id: personId }, { session });
    },
  };
}
