import type { ClientSession, Collection, Db } from 'mongodb';
import type { ConversationFlow, ConversationFlowRepository } from '../../domain/ports/store.port';
import type { Implementation } from '../gated-repositories';
import { flowStateJson } from '../query-arguments';
import { ID_INDEX } from './mongo-repositories';

/** A flow as stored: the person's id is `_id`; the state is kept as JSON text, as settings are, so it reads back exactly. */
interface FlowDocument {
  _id: string;
  startedAt: number;
  json: string;
}

const COLLECTION = 'conversation_flows';

/**
 * Creates the flows' collection — by `createIndexes`, outside any transaction, like every
 * other collection (see `prepareMongoDatabase`) — and drops the flows older builds kept in
 * settings (`conversation-flow:<id>`): a flow lasts 30 minutes, so one half finished
 * during the upgrade is asked again rather than moved.
 *
 * @example
 * await prepareMongoFlows(client.db('heard'));
 */
export async function prepareMongoFlows(db: Db): Promise<void> {
  await mongoFlowsCollection(db).createIndexes([ID_INDEX]);
  await db.collection<{ _id: string }>('settings').deleteMany({ _id: { $regex: '^conversation-flow:' } });
}

/** The flows' collection. @example await mongoFlowsCollection(db).countDocuments(); */
export function mongoFlowsCollection(db: Db): Collection<FlowDocument> {
  return db.collection<FlowDocument>(COLLECTION);
}

/**
 * Conversation flows in their own collection, one document per person.
 *
 * @example
 * const flows = mongoFlowRepository(client.db('heard'), undefined);
 */
export function mongoFlowRepository(db: Db, session: ClientSession | undefined): Implementation<ConversationFlowRepository> {
  const flows = mongoFlowsCollection(db);
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
