import type { Collection, Db } from 'mongodb';
import type { DutyRole, RotaShift } from '../../domain/duty-rota';
import type { FollowUpRepository, RotaRepository } from '../../domain/ports/store.port';
import type { SafetyLinkFollowUp } from '../../domain/safety-link';
import type { Implementation } from '../gated-repositories';
import { checkDutyRole, checkInstant, checkRotaShift } from '../query-arguments';
import { ID_INDEX, type MongoContext } from './mongo-repositories';

/** A rota shift as stored: its id is `_id`. */
interface ShiftDocument extends Omit<RotaShift, 'id'> {
  _id: string;
}

/** A Safety Link follow-up as stored: keyed by its statement, so the server refuses a second one. */
interface FollowUpDocument extends Omit<SafetyLinkFollowUp, 'statementId'> {
  _id: string;
}

const ROTA = 'rota_shifts';
const FOLLOW_UPS = 'safety_link_follow_ups';

/**
 * Creates the rota's and the follow-ups' collections (outside any transaction: a
 * transaction may not create one on every server) and the rota's indexes. Safe to run at
 * every start.
 *
 * @example
 * await prepareMongoDuty(client.db('heard'));
 */
export async function prepareMongoDuty(db: Db): Promise<void> {
  // Created by createIndexes, like every other collection (see prepareMongoDatabase).
  await db.collection(FOLLOW_UPS).createIndexes([ID_INDEX]);
  await db.collection<ShiftDocument>(ROTA).createIndexes([
    ID_INDEX,
    { key: { role: 1, from: 1, _id: 1 }, name: 'rota_shifts_by_role' },
    { key: { from: 1, _id: 1 }, name: 'rota_shifts_by_from' },
  ]);
}

/** The rota's and the follow-ups' collections. @example for (const c of mongoDutyCollections(db)) await c.countDocuments(); */
export function mongoDutyCollections(db: Db): Collection[] {
  return [db.collection(ROTA), db.collection(FOLLOW_UPS)];
}

function shiftFrom({ _id, ...rest }: ShiftDocument): RotaShift {
  return { id: _id, ...rest };
}

/**
 * The duty rota and Safety Link follow-ups on MongoDB: a rota import replaces its period
 * in one transaction (`context.atomically`); a follow-up is an upsert that only inserts,
 * so a second one for a statement never aborts the caller's transaction.
 *
 * @example
 * const { rota, followUps } = mongoDutyRepositories(client.db('heard'), { session: undefined, atomically });
 */
export function mongoDutyRepositories(
  db: Db,
  context: MongoContext,
): { rota: Implementation<RotaRepository>; followUps: Implementation<FollowUpRepository> } {
  const { session } = context;
  const shifts = db.collection<ShiftDocument>(ROTA);
  const followUps = db.collection<FollowUpDocument>(FOLLOW_UPS);
  const byStart = { from: 1, _id: 1 } as const;
  return {
    rota: {
      replace: async (period, replacement) => {
        checkInstant(period.from, 'period.from');
        checkInstant(period.until, 'period.until');
        for (const role of period.roles) checkDutyRole(role, 'period.roles');
        for (const s of replacement) checkRotaShift(s);
        await context.atomically(async (s) => {
          await shifts.deleteMany({ role: { $in: [...period.roles] }, from: { $gte: period.from, $lt: period.until } }, { session: s });
          for (const { id, ...rest } of replacement) await shifts.replaceOne({ _id: id }, rest, { upsert: true, session: s });
        });
      },
      onDutyAt: async (role: DutyRole, at) => {
        checkInstant(at, 'at');
        return (await shifts.find({ role, from: { $lte: at }, until: { $gt: at } }, { session, sort: byStart }).toArray()).map(shiftFrom);
      },
      listBetween: async (from, until) => {
        checkInstant(from, 'from');
        checkInstant(until, 'until');
        return (await shifts.find({ from: { $lt: until }, until: { $gt: from } }, { session, sort: byStart }).toArray()).map(shiftFrom);
      },
    },
    followUps: {
      insert: async (followUp) => {
        const { statementId, ...rest } = followUp;
        const result = await followUps.updateOne({ _id: statementId }, { $setOnInsert: rest }, { upsert: true, session });
        return result.upsertedCount === 1 ? 'inserted' : 'duplicate';
      },
      getForStatement: async (statementId) => {
        const document = await followUps.findOne({ _id: statementId }, { session });
        if (!document) return null;
        const { _id, ...rest } = document;
        return { ...rest, statementId: _id };
      },
    },
  };
}
