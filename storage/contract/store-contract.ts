import type { Obligation } from '../../domain/obligation';
import type { Team } from '../../domain/person';
import { ConcurrencyError, type Repositories, type Store } from '../../domain/ports/store.port';
import {
  HOUR,
  T0,
  aCardDelivery,
  aConversation,
  aFlow,
  aNudge,
  aPdf,
  aPerson,
  aStatement,
  aTeam,
  anAbsence,
  anAuditEvent,
  anObligation,
} from './store-fixtures';

/**
 * Behaviours of the contract that rest on the database server itself rather than on the
 * adapter's code, so a server that lacks one (a MongoDB-wire-compatible test server)
 * can be named as lacking it.
 */
export type ServerBehaviour =
  /** An ordered insert that meets a duplicate reports which document, as `writeErrors`. */
  | 'ordered-insert-write-errors'
  /** `findOneAndUpdate` chooses and changes a document atomically under concurrent callers. */
  | 'atomic-find-and-modify'
  /** Concurrent transactions that write the same document conflict (`WriteConflict`) and are retried. */
  | 'transaction-write-conflicts';

/**
 * How to run the suite against one server: `lacks` names the server behaviours it does
 * not have, each with the reason; their tests are skipped there, saying why.
 *
 * @example
 * const options: StoreContractOptions = { lacks: { 'atomic-find-and-modify': 'findOneAndUpdate is not serialised' } };
 */
export interface StoreContractOptions {
  lacks?: Partial<Record<ServerBehaviour, string>>;
}

/**
 * `it` for a test of a behaviour the server itself provides: skipped, with the reason
 * printed, where `options` says the server lacks it.
 *
 * @example
 * const itNeeds = itNeedingServer('the MongoDB store', options);
 * itNeeds('atomic-find-and-modify', 'claims disjoint sets', async () => {});
 */
export function itNeedingServer(name: string, options: StoreContractOptions) {
  return (behaviour: ServerBehaviour, title: string, test: () => Promise<void>): void => {
    const lack = options.lacks?.[behaviour];
    if (lack === undefined) {
      it(title, test);
      return;
    }
    process.stderr.write(`${name}: skipped "${title}": the server lacks ${behaviour} (${lack}). It runs against a server that has it.\n`);
    it.skip(`${title} [the server lacks ${behaviour}: ${lack}]`, test);
  };
}

/**
 * The behaviour every store promises domain/, as one suite: run it against each adapter
 * (`describeStoreContract('SQLite', () => openSqliteStore(tempFile()))`). `open` must give
 * a new, empty store each time it is called; the suite closes what it opens.
 *
 * @example
 * describeStoreContract('the embedded store', () => openSqliteStore(freshFile()));
 */
export function describeStoreContract(name: string, open: () => Promise<Store>, options: StoreContractOptions = {}): void {
  const itNeeds = itNeedingServer(name, options);

  describe(`${name} keeps the storage contract`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('statements', () => {
      it('reads an inserted statement back unchanged, by id and by Mind Of My Own id', async () => {
        const statement = aStatement({
          intendedRecipient: { kind: 'complaints-officer' },
          flags: { complaint: true, safetyLink: false, unidentified: false },
          caseRecord: { system: 'liquid-logic', reference: 'LL-42' },
          assigneeIds: ['p_sam', 'p_priya'],
        });
        await expect(store.statements.insert(statement)).resolves.toBe('inserted');
        await expect(store.statements.get('st_1')).resolves.toEqual(statement);
        await expect(store.statements.getByExternalId('momo-1')).resolves.toEqual(statement);
      });

      it('answers null for a statement it does not have', async () => {
        await expect(store.statements.get('st_missing')).resolves.toBeNull();
        await expect(store.statements.getByExternalId('momo-missing')).resolves.toBeNull();
      });

      it('reports a statement received twice as a duplicate and keeps the first', async () => {
        await store.statements.insert(aStatement());
        await expect(store.statements.insert(aStatement({ id: 'st_again', status: 'queued' }))).resolves.toBe('duplicate');
        await expect(store.statements.get('st_again')).resolves.toBeNull();
        await expect(store.statements.getByExternalId('momo-1')).resolves.toMatchObject({ id: 'st_1', status: 'received' });
      });

      it('creates exactly one statement when the same statement arrives 50 times at once', async () => {
        const outcomes = await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.statements.insert(aStatement({ id: `st_${i}`, externalId: 'momo-race' }))),
        );
        expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(49);
        const stored = await store.statements.list({});
        expect(stored).toHaveLength(1);
        expect(stored[0].id).toBe(`st_${outcomes.indexOf('inserted')}`);
      });

      it('refuses a new statement that reuses another statement’s id', async () => {
        await store.statements.insert(aStatement());
        await expect(store.statements.insert(aStatement({ externalId: 'momo-other' }))).rejects.toThrow(
          'statement st_1 already exists with another externalId',
        );
        await expect(store.statements.getByExternalId('momo-other')).resolves.toBeNull();
        await expect(store.statements.get('st_1')).resolves.toMatchObject({ externalId: 'momo-1' });
      });

      it('stores an update made from the current version', async () => {
        await store.statements.insert(aStatement());
        const read = (await store.statements.get('st_1'))!;
        const assigned = { ...read, status: 'assigned' as const, assigneeIds: ['p_sam'], version: 2, updatedAt: T0 + 120 };
        await store.statements.update(assigned);
        await expect(store.statements.get('st_1')).resolves.toEqual(assigned);
      });

      it('refuses an update made from a stale read with a ConcurrencyError, keeping the winner’s change', async () => {
        await store.statements.insert(aStatement());
        const mine = (await store.statements.get('st_1'))!;
        const theirs = (await store.statements.get('st_1'))!;
        await store.statements.update({ ...theirs, status: 'queued', version: 2 });
        const lost = store.statements.update({ ...mine, status: 'assigned', version: 2 });
        await expect(lost).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(lost).rejects.toMatchObject({ entity: 'statement', id: 'st_1' });
        await expect(store.statements.get('st_1')).resolves.toMatchObject({ status: 'queued', version: 2 });
      });

      it('refuses an update that skips a version, or of a statement it does not have', async () => {
        await store.statements.insert(aStatement());
        await expect(store.statements.update(aStatement({ version: 3 }))).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.statements.update(aStatement({ id: 'st_missing', version: 2 }))).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.statements.get('st_1')).resolves.toMatchObject({ version: 1 });
      });

      it('lets exactly one of ten simultaneous updates from the same read win', async () => {
        await store.statements.insert(aStatement());
        const read = (await store.statements.get('st_1'))!;
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.statements.update({ ...read, routedBy: `rule-${i}`, version: 2 })),
        );
        const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        expect(won).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
        await expect(store.statements.get('st_1')).resolves.toMatchObject({ routedBy: `rule-${won[0]}`, version: 2 });
      });

      describe('listing', () => {
        beforeEach(async () => {
          await store.statements.insert(aStatement({ id: 'st_d', externalId: 'm-d', sentAt: T0 + 30, status: 'assigned', assigneeIds: ['p_sam'] }));
          await store.statements.insert(aStatement({ id: 'st_a', externalId: 'm-a', sentAt: T0, status: 'received' }));
          await store.statements.insert(
            aStatement({ id: 'st_b', externalId: 'm-b', sentAt: T0 + 10, status: 'assigned', assigneeIds: ['p_sam', 'p_priya'] }),
          );
          await store.statements.insert(aStatement({ id: 'st_c', externalId: 'm-c', sentAt: T0 + 20, status: 'opened', assigneeIds: ['p_ali'] }));
        });

        const ids = async (filter: Parameters<Store['statements']['list']>[0], limit?: number) =>
          (await store.statements.list(filter, limit)).map((s) => s.id);

        it('lists every statement, oldest sent first, without a filter', async () => {
          await expect(ids({})).resolves.toEqual(['st_a', 'st_b', 'st_c', 'st_d']);
        });

        it('lists statements in any of the given statuses', async () => {
          await expect(ids({ statuses: ['assigned'] })).resolves.toEqual(['st_b', 'st_d']);
          await expect(ids({ statuses: ['assigned', 'opened'] })).resolves.toEqual(['st_b', 'st_c', 'st_d']);
          await expect(ids({ statuses: ['closed'] })).resolves.toEqual([]);
        });

        it('lists nothing for an empty list of statuses', async () => {
          await expect(ids({ statuses: [] })).resolves.toEqual([]);
        });

        it('lists the statements assigned to a person, including ones shared with another', async () => {
          await expect(ids({ assigneeId: 'p_sam' })).resolves.toEqual(['st_b', 'st_d']);
          await expect(ids({ assigneeId: 'p_priya' })).resolves.toEqual(['st_b']);
          await expect(ids({ assigneeId: 'p_nobody' })).resolves.toEqual([]);
        });

        it('combines a status filter and an assignee filter', async () => {
          await expect(ids({ statuses: ['assigned'], assigneeId: 'p_priya' })).resolves.toEqual(['st_b']);
          await expect(ids({ statuses: ['opened'], assigneeId: 'p_sam' })).resolves.toEqual([]);
        });

        it('returns at most `limit` statements, the oldest', async () => {
          await expect(ids({}, 2)).resolves.toEqual(['st_a', 'st_b']);
          await expect(ids({ assigneeId: 'p_sam' }, 1)).resolves.toEqual(['st_b']);
          await expect(ids({}, 0)).resolves.toEqual([]);
        });

        it('refuses a limit that is not a whole number of at least 0', async () => {
          await expect(store.statements.list({}, -1)).rejects.toThrow(RangeError);
          await expect(store.statements.list({}, 1.5)).rejects.toThrow(RangeError);
        });

        it('orders statements sent in the same second by id', async () => {
          await store.statements.insert(aStatement({ id: 'st_0', externalId: 'm-0', sentAt: T0 }));
          await expect(ids({ statuses: ['received'] })).resolves.toEqual(['st_0', 'st_a']);
        });

        it('follows a reassignment: the statement leaves the old assignee’s list and joins the new one’s', async () => {
          const st = (await store.statements.get('st_d'))!;
          await store.statements.update({ ...st, assigneeIds: ['p_ali'], version: st.version + 1 });
          await expect(ids({ assigneeId: 'p_sam' })).resolves.toEqual(['st_b']);
          await expect(ids({ assigneeId: 'p_ali' })).resolves.toEqual(['st_c', 'st_d']);
        });
      });
    });

    describe('PDFs', () => {
      it('gives back exactly the bytes it was given, for a PDF of several hundred kilobytes', async () => {
        const pdf = aPdf(600_000);
        await store.pdfs.put('st_1', pdf);
        const read = await store.pdfs.get('st_1');
        expect(Buffer.isBuffer(read)).toBe(true);
        expect(read?.equals(pdf)).toBe(true);
      });

      it('answers null for a statement without a PDF', async () => {
        await expect(store.pdfs.get('st_1')).resolves.toBeNull();
      });

      it('replaces a PDF stored again for the same statement', async () => {
        await store.pdfs.put('st_1', aPdf(300_000, 1));
        await store.pdfs.put('st_1', aPdf(1_000, 2));
        expect((await store.pdfs.get('st_1'))?.equals(aPdf(1_000, 2))).toBe(true);
      });

      it('purges one statement’s PDF and leaves the others', async () => {
        await store.pdfs.put('st_1', aPdf(2_000, 1));
        await store.pdfs.put('st_2', aPdf(2_000, 2));
        await store.pdfs.delete('st_1');
        await expect(store.pdfs.get('st_1')).resolves.toBeNull();
        expect((await store.pdfs.get('st_2'))?.equals(aPdf(2_000, 2))).toBe(true);
      });

      it('treats purging a PDF that is not there as done', async () => {
        await expect(store.pdfs.delete('st_missing')).resolves.toBeUndefined();
      });
    });

    describe('directory', () => {
      const sam = aPerson({ aadObjectId: 'aad-sam' });
      const priya = aPerson({ id: 'p_priya', name: 'Priya Shah', email: 'Priya.Shah@Example.org', roles: ['manager', 'worker'], lineManagerId: null });
      const ali = aPerson({ id: 'p_ali', name: 'Ali Khan', email: 'ali@example.org', teamId: 't_south', aadObjectId: 'aad-ali' });
      const north = aTeam();
      const south = aTeam({ id: 't_south', name: 'South CiC team', managerId: null });

      it('stores people and teams and reads them back', async () => {
        await store.directory.upsert([sam, priya, ali], [south, north]);
        await expect(store.directory.getPerson('p_priya')).resolves.toEqual(priya);
        await expect(store.directory.getTeam('t_south')).resolves.toEqual(south);
        await expect(store.directory.listTeams()).resolves.toEqual([north, south]);
        await expect(store.directory.getPerson('p_missing')).resolves.toBeNull();
        await expect(store.directory.getTeam('t_missing')).resolves.toBeNull();
      });

      it('replaces a person or team upserted again, leaving the rest', async () => {
        await store.directory.upsert([sam, priya], [north]);
        const moved = { ...sam, teamId: 't_south', roles: ['worker' as const, 'duty-manager' as const] };
        const renamed = { ...north, name: 'North children in care' };
        await store.directory.upsert([moved], [renamed]);
        await expect(store.directory.getPerson('p_sam')).resolves.toEqual(moved);
        await expect(store.directory.getPerson('p_priya')).resolves.toEqual(priya);
        await expect(store.directory.getTeam('t_north')).resolves.toEqual(renamed);
      });

      it('stores all of an upsert or none of it', async () => {
        const broken = aTeam({ id: 't_broken' }) as Team & { self?: unknown };
        broken.self = broken;
        await expect(store.directory.upsert([sam, priya], [north, broken])).rejects.toThrow();
        await expect(store.directory.getPerson('p_sam')).resolves.toBeNull();
        await expect(store.directory.getTeam('t_north')).resolves.toBeNull();
        await expect(store.directory.listPeople()).resolves.toEqual([]);
      });

      it('finds a person by email whatever its case', async () => {
        await store.directory.upsert([sam, priya], []);
        await expect(store.directory.findPersonByEmail('priya.shah@example.org')).resolves.toEqual(priya);
        await expect(store.directory.findPersonByEmail('SAM@EXAMPLE.ORG')).resolves.toEqual(sam);
        await expect(store.directory.findPersonByEmail('nobody@example.org')).resolves.toBeNull();
      });

      it('finds a person by their new email, and no longer by the old one, after a change', async () => {
        await store.directory.upsert([sam], []);
        await store.directory.upsert([{ ...sam, email: 'sam.example@example.org' }], []);
        await expect(store.directory.findPersonByEmail('sam@example.org')).resolves.toBeNull();
        await expect(store.directory.findPersonByEmail('Sam.Example@example.org')).resolves.toMatchObject({ id: 'p_sam' });
      });

      it('finds a person by their Teams (Entra ID) object id', async () => {
        await store.directory.upsert([sam, priya, ali], []);
        await expect(store.directory.findPersonByAadObjectId('aad-ali')).resolves.toEqual(ali);
        await expect(store.directory.findPersonByAadObjectId('aad-unknown')).resolves.toBeNull();
      });

      it('lists people by role, by team, by line manager, by several, or all, in id order', async () => {
        await store.directory.upsert([sam, priya, ali], [north, south]);
        const ids = async (filter?: Parameters<Store['directory']['listPeople']>[0]) =>
          (await store.directory.listPeople(filter)).map((p) => p.id);
        await expect(ids()).resolves.toEqual(['p_ali', 'p_priya', 'p_sam']);
        await expect(ids({ role: 'manager' })).resolves.toEqual(['p_priya']);
        await expect(ids({ role: 'worker' })).resolves.toEqual(['p_ali', 'p_priya', 'p_sam']);
        await expect(ids({ teamId: 't_north' })).resolves.toEqual(['p_priya', 'p_sam']);
        await expect(ids({ role: 'worker', teamId: 't_south' })).resolves.toEqual(['p_ali']);
        await expect(ids({ role: 'admin' })).resolves.toEqual([]);
        await expect(ids({ lineManagerId: 'p_priya' })).resolves.toEqual(['p_ali', 'p_sam']);
        await expect(ids({ lineManagerId: 'p_priya', teamId: 't_south' })).resolves.toEqual(['p_ali']);
        await expect(ids({ lineManagerId: 'p_sam' })).resolves.toEqual([]);
      });

      describe('absences', () => {
        const leave = anAbsence();

        it('finds an absence on its first day, its last day and the days between, and not outside them', async () => {
          await store.directory.putAbsence(leave);
          await expect(store.directory.listAbsences('p_sam', '2026-11-22')).resolves.toEqual([]);
          await expect(store.directory.listAbsences('p_sam', '2026-11-23')).resolves.toEqual([leave]);
          await expect(store.directory.listAbsences('p_sam', '2026-11-25')).resolves.toEqual([leave]);
          await expect(store.directory.listAbsences('p_sam', '2026-11-27')).resolves.toEqual([leave]);
          await expect(store.directory.listAbsences('p_sam', '2026-11-28')).resolves.toEqual([]);
        });

        it('lists all of a person’s absences, earliest first, and none of anyone else’s', async () => {
          const later = anAbsence({ id: 'ab_0', from: '2026-12-21', until: '2027-01-04', coverId: null });
          await store.directory.putAbsence(later);
          await store.directory.putAbsence(leave);
          await store.directory.putAbsence(anAbsence({ id: 'ab_ali', personId: 'p_ali' }));
          await expect(store.directory.listAbsences('p_sam')).resolves.toEqual([leave, later]);
          await expect(store.directory.listAbsences('p_sam', '2027-01-01')).resolves.toEqual([later]);
        });

        it('replaces an absence put again and forgets a deleted one', async () => {
          await store.directory.putAbsence(leave);
          const shortened = { ...leave, until: '2026-11-24', coverId: 'p_priya' };
          await store.directory.putAbsence(shortened);
          await expect(store.directory.listAbsences('p_sam')).resolves.toEqual([shortened]);
          await store.directory.deleteAbsence('ab_1');
          await expect(store.directory.listAbsences('p_sam')).resolves.toEqual([]);
          await expect(store.directory.deleteAbsence('ab_1')).resolves.toBeUndefined();
        });

        it('refuses dates that are not YYYY-MM-DD, and an absence that ends before it starts', async () => {
          await expect(store.directory.putAbsence(anAbsence({ from: '23/11/2026' }))).rejects.toThrow(RangeError);
          await expect(store.directory.putAbsence(anAbsence({ from: '2026-11-27', until: '2026-11-23' }))).rejects.toThrow(
            'absence ab_1 ends (2026-11-23) before it starts (2026-11-27)',
          );
          await expect(store.directory.listAbsences('p_sam', '2026-11-3')).rejects.toThrow(RangeError);
          await expect(store.directory.listAbsences('p_sam')).resolves.toEqual([]);
        });
      });
    });

    describe('obligations', () => {
      it('reads inserted obligations back, by id and by statement, soonest due first', async () => {
        const later = anObligation({ id: 'ob_later', due: T0 + 20 * HOUR });
        const sooner = anObligation({ id: 'ob_sooner', standardId: 'momo.1.1', ownerId: null, ownerRole: 'participation', due: T0 + 2 * HOUR });
        const elsewhere = anObligation({ id: 'ob_elsewhere', statementId: 'st_2' });
        await store.obligations.insertMany([later, sooner, elsewhere]);
        await expect(store.obligations.get('ob_sooner')).resolves.toEqual(sooner);
        await expect(store.obligations.get('ob_missing')).resolves.toBeNull();
        await expect(store.obligations.listForStatement('st_1')).resolves.toEqual([sooner, later]);
        await expect(store.obligations.listForStatement('st_none')).resolves.toEqual([]);
      });

      it('accepts an empty batch', async () => {
        await expect(store.obligations.insertMany([])).resolves.toBeUndefined();
      });

      itNeeds('ordered-insert-write-errors', 'inserts a batch all or none: one existing id keeps the whole batch out', async () => {
        await store.obligations.insertMany([anObligation({ id: 'ob_1' })]);
        await expect(
          store.obligations.insertMany([anObligation({ id: 'ob_new' }), anObligation({ id: 'ob_1', standardId: 'other' })]),
        ).rejects.toThrow('obligation ob_1 already exists');
        await expect(store.obligations.get('ob_new')).resolves.toBeNull();
        await expect(store.obligations.get('ob_1')).resolves.toMatchObject({ standardId: 'momo.2.1' });
      });

      it('checks the version on update like statements do', async () => {
        await store.obligations.insertMany([anObligation()]);
        const read = (await store.obligations.get('ob_1'))!;
        const met = { ...read, status: 'met' as const, completedAt: T0 + HOUR, nextNudgeAt: null, version: 2 };
        await store.obligations.update(met);
        await expect(store.obligations.get('ob_1')).resolves.toEqual(met);
        const stale = store.obligations.update({ ...read, status: 'cancelled', version: 2 });
        await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(stale).rejects.toMatchObject({ entity: 'obligation', id: 'ob_1' });
        await expect(store.obligations.update(anObligation({ id: 'ob_missing', version: 2 }))).rejects.toBeInstanceOf(ConcurrencyError);
      });

      describe('what is due for people', () => {
        const T = T0 + 5 * HOUR;
        beforeEach(async () => {
          await store.obligations.insertMany([
            anObligation({ id: 'ob_a', ownerId: 'p_sam', due: T0 + 2 * HOUR }),
            anObligation({ id: 'ob_b', ownerId: 'p_sam', due: T0 + HOUR }),
            anObligation({ id: 'ob_c', ownerId: 'p_ali', due: T0 + 3 * HOUR }),
            anObligation({ id: 'ob_met', ownerId: 'p_sam', due: T0 + HOUR / 2, status: 'met', completedAt: T0 }),
            anObligation({ id: 'ob_cancelled', ownerId: 'p_ali', due: T0 + HOUR / 2, status: 'cancelled' }),
            anObligation({ id: 'ob_someone_else', ownerId: 'p_zed', due: T0 + HOUR }),
            anObligation({ id: 'ob_team', ownerId: null, due: T0 + HOUR }),
            anObligation({ id: 'ob_later', ownerId: 'p_sam', due: T0 + 10 * HOUR }),
            anObligation({ id: 'ob_at_t', ownerId: 'p_ali', due: T }),
          ]);
        });
        const ids = async (owners: string[], dueBefore: number, limit?: number) =>
          (await store.obligations.openForOwners(owners, dueBefore, limit)).map((o) => o.id);

        it('lists only open obligations of those people due strictly before the instant, soonest first', async () => {
          await expect(ids(['p_sam', 'p_ali'], T)).resolves.toEqual(['ob_b', 'ob_a', 'ob_c']);
          await expect(ids(['p_ali'], T + 1)).resolves.toEqual(['ob_c', 'ob_at_t']);
        });

        it('returns at most `limit`, the soonest due', async () => {
          await expect(ids(['p_sam', 'p_ali'], T, 2)).resolves.toEqual(['ob_b', 'ob_a']);
        });

        it('leaves out what was due before a window’s start, when one is given (due at the start is in)', async () => {
          const inWindow = async (owners: string[], from: number, before: number, limit?: number) =>
            (await store.obligations.openForOwners(owners, before, limit, from)).map((o) => o.id);
          await expect(inWindow(['p_sam', 'p_ali'], T0 + 2 * HOUR, T + 1)).resolves.toEqual(['ob_a', 'ob_c', 'ob_at_t']);
          await expect(inWindow(['p_sam', 'p_ali'], T0 + 2 * HOUR, T + 1, 1)).resolves.toEqual(['ob_a']);
          await expect(inWindow(['p_sam'], T, T)).resolves.toEqual([]);
          await expect(store.obligations.openForOwners(['p_sam'], T, undefined, Number.NaN)).rejects.toThrow(RangeError);
        });

        it('lists nothing for nobody', async () => {
          await expect(ids([], T)).resolves.toEqual([]);
        });
      });

      describe('claiming nudges that are due', () => {
        const now = T0 + 2 * HOUR;
        const fixtures = (): Obligation[] => [
          anObligation({ id: 'ob_c1', nextNudgeAt: T0 + HOUR }),
          anObligation({ id: 'ob_c2', nextNudgeAt: T0 }),
          anObligation({ id: 'ob_not_yet', nextNudgeAt: T0 + 3 * HOUR }),
          anObligation({ id: 'ob_met', nextNudgeAt: T0, status: 'met', completedAt: T0 }),
          anObligation({ id: 'ob_nothing_to_send', nextNudgeAt: null }),
          anObligation({ id: 'ob_held', nextNudgeAt: T0, lease: { holder: 'sched-other', until: now + HOUR } }),
          anObligation({ id: 'ob_c7', nextNudgeAt: T0, lease: { holder: 'sched-dead', until: now } }),
        ];

        it('claims open obligations whose nudge is due and whose lease is absent or has run out, soonest first', async () => {
          await store.obligations.insertMany(fixtures());
          const claimed = await store.obligations.claimDue(now, 'sched-a', 300, 10);
          expect(claimed.map((o) => o.id)).toEqual(['ob_c2', 'ob_c7', 'ob_c1']);
          for (const o of claimed) expect(o.lease).toEqual({ holder: 'sched-a', until: now + 300 });
          await expect(store.obligations.get('ob_c1')).resolves.toEqual(claimed[2]);
          await expect(store.obligations.get('ob_held')).resolves.toMatchObject({ lease: { holder: 'sched-other' }, version: 1 });
        });

        it('moves the version on with the claim', async () => {
          await store.obligations.insertMany(fixtures());
          const [first] = await store.obligations.claimDue(now, 'sched-a', 300, 1);
          expect(first).toMatchObject({ id: 'ob_c2', version: 2 });
        });

        it('claims at most `limit`, and nothing twice while the lease runs', async () => {
          await store.obligations.insertMany(fixtures());
          expect((await store.obligations.claimDue(now, 'sched-a', 300, 2)).map((o) => o.id)).toEqual(['ob_c2', 'ob_c7']);
          expect((await store.obligations.claimDue(now, 'sched-b', 300, 10)).map((o) => o.id)).toEqual(['ob_c1']);
          await expect(store.obligations.claimDue(now + 299, 'sched-b', 300, 10)).resolves.toEqual([]);
          await expect(store.obligations.claimDue(now, 'sched-b', 300, 0)).resolves.toEqual([]);
        });

        itNeeds('atomic-find-and-modify', 'gives simultaneous claimers disjoint sets that together cover everything due', async () => {
          await store.obligations.insertMany(
            Array.from({ length: 30 }, (_, i) => anObligation({ id: `ob_${String(i).padStart(2, '0')}`, nextNudgeAt: T0 + i })),
          );
          const claims = await Promise.all(['a', 'b', 'c', 'd'].map((h) => store.obligations.claimDue(now, `sched-${h}`, 60, 10)));
          const all = claims.flat().map((o) => o.id);
          expect(new Set(all).size).toBe(all.length);
          expect(all).toHaveLength(30);
          for (const [i, claim] of claims.entries()) for (const o of claim) expect(o.lease?.holder).toBe(`sched-${'abcd'[i]}`);
        });

        it('lets another scheduler re-claim once a lease expires, and then refuses the first one’s save', async () => {
          await store.obligations.insertMany([anObligation({ nextNudgeAt: now })]);
          const [byA] = await store.obligations.claimDue(now, 'sched-a', 60, 10);
          await expect(store.obligations.claimDue(now + 59, 'sched-b', 60, 10)).resolves.toEqual([]);
          const [byB] = await store.obligations.claimDue(now + 60, 'sched-b', 60, 10);
          expect(byB).toMatchObject({ id: 'ob_1', lease: { holder: 'sched-b', until: now + 120 }, version: byA.version + 1 });
          await expect(store.obligations.update({ ...byA, lease: null, nextNudgeAt: now + HOUR, version: byA.version + 1 })).rejects.toBeInstanceOf(
            ConcurrencyError,
          );
          const done = { ...byB, lease: null, nextNudgeAt: now + HOUR, version: byB.version + 1 };
          await store.obligations.update(done);
          await expect(store.obligations.get('ob_1')).resolves.toEqual(done);
        });

        it('refuses a lease that is not a positive whole number of seconds', async () => {
          await expect(store.obligations.claimDue(now, 'sched-a', 0, 10)).rejects.toThrow(RangeError);
        });
      });

      describe('when the scheduler should next wake', () => {
        it('answers null when there are no obligations', async () => {
          await expect(store.obligations.earliestNudgeAt()).resolves.toBeNull();
        });

        it('answers the soonest next nudge of the open obligations, leased ones included', async () => {
          await store.obligations.insertMany([
            anObligation({ id: 'ob_later', nextNudgeAt: T0 + 3 * HOUR }),
            anObligation({ id: 'ob_leased', nextNudgeAt: T0 + HOUR, lease: { holder: 'sched-a', until: T0 + 2 * HOUR } }),
            anObligation({ id: 'ob_met', nextNudgeAt: T0, status: 'met', completedAt: T0 }),
            anObligation({ id: 'ob_cancelled', nextNudgeAt: T0, status: 'cancelled' }),
            anObligation({ id: 'ob_nothing_to_send', nextNudgeAt: null }),
          ]);
          await expect(store.obligations.earliestNudgeAt()).resolves.toBe(T0 + HOUR);
        });

        it('answers null when no open obligation has a next nudge, however many are met or cancelled', async () => {
          await store.obligations.insertMany([
            anObligation({ id: 'ob_met', nextNudgeAt: T0, status: 'met', completedAt: T0 }),
            anObligation({ id: 'ob_cancelled', nextNudgeAt: T0, status: 'cancelled' }),
            anObligation({ id: 'ob_nothing_to_send', nextNudgeAt: null }),
          ]);
          await expect(store.obligations.earliestNudgeAt()).resolves.toBeNull();
        });

        it('moves on to the next one once the soonest is met', async () => {
          await store.obligations.insertMany([
            anObligation({ id: 'ob_soon', nextNudgeAt: T0 + HOUR }),
            anObligation({ id: 'ob_later', nextNudgeAt: T0 + 3 * HOUR }),
          ]);
          const soon = (await store.obligations.get('ob_soon'))!;
          await store.obligations.update({ ...soon, status: 'met', completedAt: T0 + HOUR, nextNudgeAt: null, version: 2 });
          await expect(store.obligations.earliestNudgeAt()).resolves.toBe(T0 + 3 * HOUR);
        });
      });

      describe('open and overdue obligations per standard (the metrics)', () => {
        it('counts the open ones per standard and, of those, the ones due before now; met and cancelled ones not at all', async () => {
          await store.obligations.insertMany([
            anObligation({ id: 'ob_a_overdue', standardId: 'momo.2.1', due: T0 - 1 }),
            anObligation({ id: 'ob_a_due_now', standardId: 'momo.2.1', due: T0 }),
            anObligation({ id: 'ob_a_later', standardId: 'momo.2.1', due: T0 + HOUR }),
            anObligation({ id: 'ob_a_met', standardId: 'momo.2.1', due: T0 - HOUR, status: 'met', completedAt: T0 - 2 * HOUR }),
            anObligation({ id: 'ob_b_leased', standardId: 'momo.1.1', due: T0 - HOUR, lease: { holder: 'sched-a', until: T0 + HOUR } }),
            anObligation({ id: 'ob_c_cancelled', standardId: 'yjs.1', due: T0 - HOUR, status: 'cancelled' }),
          ]);
          // Work done at the due instant is on time: due at now is not overdue.
          await expect(store.obligations.countOpenByStandard(T0)).resolves.toEqual([
            { standardId: 'momo.1.1', open: 1, overdue: 1 },
            { standardId: 'momo.2.1', open: 3, overdue: 1 },
          ]);
          await expect(store.obligations.countOpenByStandard(T0 + 2 * HOUR)).resolves.toEqual([
            { standardId: 'momo.1.1', open: 1, overdue: 1 },
            { standardId: 'momo.2.1', open: 3, overdue: 3 },
          ]);
        });

        it('answers nothing when nothing is open', async () => {
          await store.obligations.insertMany([anObligation({ id: 'ob_met', status: 'met', completedAt: T0 })]);
          await expect(store.obligations.countOpenByStandard(T0)).resolves.toEqual([]);
        });
      });

      describe('the obligations due in a period (the morning digest’s breaches)', () => {
        const from = T0 + 24 * HOUR;
        const to = from + 24 * HOUR;
        beforeEach(async () => {
          await store.obligations.insertMany([
            anObligation({ id: 'ob_afternoon', due: from + 8 * HOUR }),
            anObligation({ id: 'ob_y_morning', due: from + 2 * HOUR }),
            anObligation({ id: 'ob_x_met', due: from + 2 * HOUR, status: 'met', completedAt: from + HOUR }),
            anObligation({ id: 'ob_cancelled', due: from + 4 * HOUR, status: 'cancelled' }),
            anObligation({ id: 'ob_at_from', due: from }),
            anObligation({ id: 'ob_at_to', due: to }),
            anObligation({ id: 'ob_day_before', due: from - 1 }),
          ]);
        });
        const ids = async (f: number, t: number, limit?: number) => (await store.obligations.listDueBetween(f, t, limit)).map((o) => o.id);

        it('lists obligations of any status due from `from` up to but not including `to`, soonest due first, then by id', async () => {
          await expect(ids(from, to)).resolves.toEqual(['ob_at_from', 'ob_x_met', 'ob_y_morning', 'ob_cancelled', 'ob_afternoon']);
          await expect(store.obligations.listDueBetween(from, to, 1)).resolves.toEqual([anObligation({ id: 'ob_at_from', due: from })]);
        });

        it('lists nothing for an empty period', async () => {
          await expect(ids(from, from)).resolves.toEqual([]);
          await expect(ids(to, from)).resolves.toEqual([]);
        });

        it('returns at most `limit`, the soonest due, and refuses a limit that is not a whole number of at least 0', async () => {
          await expect(ids(from, to, 2)).resolves.toEqual(['ob_at_from', 'ob_x_met']);
          await expect(ids(from, to, 0)).resolves.toEqual([]);
          await expect(store.obligations.listDueBetween(from, to, -1)).rejects.toThrow(RangeError);
          await expect(store.obligations.listDueBetween(from, to, 2.5)).rejects.toThrow(RangeError);
        });
      });
    });

    describe('nudge records', () => {
      it('reads a begun record back unchanged, and answers null for a key never begun', async () => {
        await expect(store.nudges.begin(aNudge())).resolves.toBe('inserted');
        await expect(store.nudges.get('ob_1:reminder-50:p_sam')).resolves.toEqual(aNudge());
        await expect(store.nudges.get('ob_1:reminder-75:p_sam')).resolves.toBeNull();
      });

      it('answers duplicate to a second begin of one key and keeps the first record, so a reminder goes out once', async () => {
        await store.nudges.begin(aNudge({ holder: 'sched-a' }));
        await expect(store.nudges.begin(aNudge({ holder: 'sched-b', at: T0 + 5 * HOUR }))).resolves.toBe('duplicate');
        await expect(store.nudges.get('ob_1:reminder-50:p_sam')).resolves.toEqual(aNudge({ holder: 'sched-a' }));
      });

      it('lets exactly one of 20 simultaneous begins of one key insert', async () => {
        const outcomes = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.nudges.begin(aNudge({ holder: `sched-${i}` }))),
        );
        expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(1);
        await expect(store.nudges.get('ob_1:reminder-50:p_sam')).resolves.toMatchObject({ holder: `sched-${outcomes.indexOf('inserted')}` });
      });

      it('keeps a digest, which is about no obligation', async () => {
        const digest = aNudge({ key: 'digest:2026-11-23:p_priya', obligationId: null, statementId: null, kind: 'digest', recipientId: 'p_priya' });
        await expect(store.nudges.begin(digest)).resolves.toBe('inserted');
        await expect(store.nudges.get(digest.key)).resolves.toEqual(digest);
      });

      it('replaces the record with the outcome of its send when finished', async () => {
        await store.nudges.begin(aNudge());
        const sent = aNudge({ state: 'sent', sentAt: T0 + 4 * HOUR + 2, activityId: '1:nudge-1' });
        await store.nudges.finish(sent);
        await expect(store.nudges.get(sent.key)).resolves.toEqual(sent);
        const undelivered = aNudge({ state: 'undelivered', reason: 'forbidden' });
        await store.nudges.finish(undelivered);
        await expect(store.nudges.get(sent.key)).resolves.toEqual(undelivered);
      });

      it('refuses to finish a record never begun, and creates nothing', async () => {
        await expect(store.nudges.finish(aNudge({ state: 'sent' }))).rejects.toThrow('nudge ob_1:reminder-50:p_sam cannot be finished');
        await expect(store.nudges.get('ob_1:reminder-50:p_sam')).resolves.toBeNull();
      });

      it('forgets a removed record, so the next begin of its key inserts again (a send that failed for certain is retried)', async () => {
        await store.nudges.begin(aNudge({ holder: 'sched-a' }));
        await store.nudges.remove('ob_1:reminder-50:p_sam');
        await expect(store.nudges.get('ob_1:reminder-50:p_sam')).resolves.toBeNull();
        await expect(store.nudges.finish(aNudge())).rejects.toThrow('cannot be finished');
        await expect(store.nudges.begin(aNudge({ holder: 'sched-b' }))).resolves.toBe('inserted');
        await expect(store.nudges.get('ob_1:reminder-50:p_sam')).resolves.toMatchObject({ holder: 'sched-b' });
        await expect(store.nudges.remove('ob_unknown:due:p_sam')).resolves.toBeUndefined();
      });

      it('lists the records of one obligation, oldest first, those of the same second by key', async () => {
        await store.nudges.begin(aNudge({ key: 'ob_1:due:p_sam', kind: 'due', at: T0 + 8 * HOUR }));
        await store.nudges.begin(aNudge({ key: 'ob_1:reminder-75:p_sam', kind: 'reminder-75', at: T0 + 6 * HOUR }));
        await store.nudges.begin(aNudge({ key: 'ob_1:reminder-50:p_sam', at: T0 + 6 * HOUR, state: 'superseded' }));
        await store.nudges.begin(aNudge({ key: 'ob_2:reminder-50:p_ali', obligationId: 'ob_2', recipientId: 'p_ali' }));
        await store.nudges.begin(aNudge({ key: 'digest:2026-11-23:p_priya', obligationId: null, statementId: null, kind: 'digest' }));
        const keys = async (obligationId: string) => (await store.nudges.listForObligation(obligationId)).map((n) => n.key);
        await expect(keys('ob_1')).resolves.toEqual(['ob_1:reminder-50:p_sam', 'ob_1:reminder-75:p_sam', 'ob_1:due:p_sam']);
        await expect(store.nudges.listForObligation('ob_2')).resolves.toEqual([
          aNudge({ key: 'ob_2:reminder-50:p_ali', obligationId: 'ob_2', recipientId: 'p_ali' }),
        ]);
        await expect(keys('ob_none')).resolves.toEqual([]);
      });

      describe('records of a period', () => {
        const from = T0 + 24 * HOUR;
        const to = from + 24 * HOUR;
        beforeEach(async () => {
          await store.nudges.begin(aNudge({ key: 'k_evening', at: from + 10 * HOUR }));
          await store.nudges.begin(aNudge({ key: 'k_b_morning', at: from + HOUR }));
          await store.nudges.begin(aNudge({ key: 'k_a_morning', at: from + HOUR, obligationId: null, statementId: null, kind: 'digest' }));
          await store.nudges.begin(aNudge({ key: 'k_at_from', at: from }));
          await store.nudges.begin(aNudge({ key: 'k_at_to', at: to }));
          await store.nudges.begin(aNudge({ key: 'k_day_before', at: from - 1 }));
        });
        const keys = async (f: number, t: number, limit?: number) => (await store.nudges.listBetween(f, t, limit)).map((n) => n.key);

        it('lists records from `from` up to but not including `to`, oldest first, those of the same second by key', async () => {
          await expect(keys(from, to)).resolves.toEqual(['k_at_from', 'k_a_morning', 'k_b_morning', 'k_evening']);
          await expect(store.nudges.listBetween(from, to, 1)).resolves.toEqual([aNudge({ key: 'k_at_from', at: from })]);
          await expect(keys(from, from)).resolves.toEqual([]);
        });

        it('follows a finish that changes when a record was made', async () => {
          await store.nudges.finish(aNudge({ key: 'k_evening', at: from - 2, state: 'sent', sentAt: from - 1 }));
          await expect(keys(from, to)).resolves.toEqual(['k_at_from', 'k_a_morning', 'k_b_morning']);
          await expect(keys(from - 2, from)).resolves.toEqual(['k_evening', 'k_day_before']);
        });

        it('returns at most `limit`, the oldest, and refuses a limit that is not a whole number of at least 0', async () => {
          await expect(keys(from, to, 2)).resolves.toEqual(['k_at_from', 'k_a_morning']);
          await expect(keys(from, to, 0)).resolves.toEqual([]);
          await expect(store.nudges.listBetween(from, to, -1)).rejects.toThrow(RangeError);
          await expect(store.nudges.listBetween(from, to, 2.5)).rejects.toThrow(RangeError);
        });
      });
    });

    describe('audit trail', () => {
      it('lists a statement’s events by time, those of the same second in the order appended', async () => {
        const received = anAuditEvent({ id: 'au_1', at: T0 + 60 });
        const routed = anAuditEvent({ id: 'au_2', at: T0 + 120, action: 'statement-routed', details: { rule: 'queue', urgent: false } });
        const assigned = anAuditEvent({
          id: 'au_3',
          at: T0 + 120,
          action: 'statement-assigned',
          actor: { kind: 'person', id: 'p_priya' },
          channel: 'card',
          details: { to: 'p_sam', note: null },
        });
        const sent = anAuditEvent({ id: 'au_4', at: T0 + 30, action: 'statement-sent', channel: 'csv' });
        const other = anAuditEvent({ id: 'au_5', statementId: 'st_2' });
        const general = anAuditEvent({ id: 'au_6', statementId: null, action: 'directory-synced', channel: 'cli', details: {} });
        for (const event of [received, routed, assigned, sent, other, general]) await store.audit.append(event);
        await expect(store.audit.listForStatement('st_1')).resolves.toEqual([sent, received, routed, assigned]);
        await expect(store.audit.listForStatement('st_2')).resolves.toEqual([other]);
        await expect(store.audit.listForStatement('st_none')).resolves.toEqual([]);
      });

      it('never replaces an event: appending the same id again is refused', async () => {
        await store.audit.append(anAuditEvent());
        await expect(store.audit.append(anAuditEvent({ action: 'rewritten' }))).rejects.toThrow('audit event au_1 is already in the log');
        await expect(store.audit.listForStatement('st_1')).resolves.toEqual([anAuditEvent()]);
      });
    });

    describe('conversation references', () => {
      it('saves a reference and reads it back unchanged', async () => {
        await store.conversations.save(aConversation());
        await expect(store.conversations.get(aConversation().aadObjectId)).resolves.toEqual(aConversation());
        await expect(store.conversations.get('aad-unknown')).resolves.toBeNull();
      });

      it('replaces the reference saved again for the same person', async () => {
        await store.conversations.save(aConversation());
        const uninstalled = aConversation({ installed: false, updatedAt: T0 + HOUR, reference: { conversation: { id: 'a:2' } } });
        await store.conversations.save(uninstalled);
        await expect(store.conversations.get(uninstalled.aadObjectId)).resolves.toEqual(uninstalled);
      });
    });

    describe('conversation flows', () => {
      it('keeps one flow per person, read back exactly, replaced when saved again', async () => {
        await store.flows.save(aFlow());
        await store.flows.save(aFlow({ personId: 'p_sam', state: { flow: 'away', step: 'person' } }));
        await expect(store.flows.get('p_priya')).resolves.toEqual(aFlow());
        const later = aFlow({ state: { flow: 'reassign', step: 'confirm', items: [1, 2], open: true }, startedAt: T0 + HOUR });
        await store.flows.save(later);
        await expect(store.flows.get('p_priya')).resolves.toEqual(later);
        await expect(store.flows.get('p_sam')).resolves.toEqual(aFlow({ personId: 'p_sam', state: { flow: 'away', step: 'person' } }));
        await expect(store.flows.get('p_nobody')).resolves.toBeNull();
      });

      it('forgets a person’s flow, and only theirs', async () => {
        await store.flows.save(aFlow());
        await store.flows.save(aFlow({ personId: 'p_sam' }));
        await store.flows.clear('p_priya');
        await store.flows.clear('p_nobody');
        await expect(store.flows.get('p_priya')).resolves.toBeNull();
        await expect(store.flows.get('p_sam')).resolves.toEqual(aFlow({ personId: 'p_sam' }));
      });

      it('keeps flows apart from the settings', async () => {
        await store.flows.save(aFlow());
        await expect(store.settings.get('conversation-flow:p_priya')).resolves.toBeNull();
        await expect(store.settings.get('p_priya')).resolves.toBeNull();
      });

      it('refuses a state JSON cannot hold, or a start that is not an instant, and keeps what it had', async () => {
        await store.flows.save(aFlow());
        await expect(store.flows.save(aFlow({ state: undefined }))).rejects.toThrow(TypeError);
        await expect(store.flows.save(aFlow({ startedAt: 1.5 }))).rejects.toThrow(RangeError);
        await expect(store.flows.get('p_priya')).resolves.toEqual(aFlow());
      });

      it('rolls a flow back with the transaction it was saved in', async () => {
        await expect(
          store.transaction(async (tx) => {
            await tx.flows.save(aFlow());
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind');
        await expect(store.flows.get('p_priya')).resolves.toBeNull();
      });
    });

    describe('card deliveries', () => {
      it('keeps one delivery per statement and person, replacing it when sent again', async () => {
        await store.cards.save(aCardDelivery({ personId: 'p_sam', state: 'not-delivered', reason: 'not-installed', aadObjectId: null, activityId: null }));
        await store.cards.save(aCardDelivery({ personId: 'p_alex' }));
        await store.cards.save(aCardDelivery({ personId: 'p_sam', at: T0 + HOUR }));
        await store.cards.save(aCardDelivery({ statementId: 'st_2', personId: 'p_sam' }));
        await expect(store.cards.listForStatement('st_1')).resolves.toEqual([
          aCardDelivery({ personId: 'p_alex' }),
          aCardDelivery({ personId: 'p_sam', at: T0 + HOUR }),
        ]);
        await expect(store.cards.listForStatement('st_unknown')).resolves.toEqual([]);
      });

      describe('cards that could not be delivered', () => {
        const notDelivered = (overrides: Parameters<typeof aCardDelivery>[0]) =>
          aCardDelivery({ state: 'not-delivered', reason: 'not-installed', aadObjectId: null, activityId: null, ...overrides });

        beforeEach(async () => {
          await store.cards.save(notDelivered({ statementId: 'st_3', personId: 'p_sam', at: T0 + 3 * HOUR }));
          await store.cards.save(aCardDelivery({ statementId: 'st_1', personId: 'p_sam', at: T0 - HOUR }));
          await store.cards.save(notDelivered({ statementId: 'st_2', personId: 'p_ali', at: T0 + HOUR, reason: 'forbidden' }));
          await store.cards.save(notDelivered({ statementId: 'st_1', personId: 'p_priya', at: T0 + HOUR, reason: 'conversation-gone' }));
          await store.cards.save(notDelivered({ statementId: 'st_2', personId: 'p_alex', at: T0 + HOUR }));
        });

        const keys = async (limit?: number) => (await store.cards.listNotDelivered(limit)).map((d) => `${d.statementId}/${d.personId}`);

        it('lists only the not-delivered ones, whole, oldest first; those of the same second by statement, then person', async () => {
          await expect(keys()).resolves.toEqual(['st_1/p_priya', 'st_2/p_alex', 'st_2/p_ali', 'st_3/p_sam']);
          await expect(store.cards.listNotDelivered(1)).resolves.toEqual([
            notDelivered({ statementId: 'st_1', personId: 'p_priya', at: T0 + HOUR, reason: 'conversation-gone' }),
          ]);
        });

        it('drops a card from the list once it is delivered, and adds one that stops being delivered', async () => {
          await store.cards.save(aCardDelivery({ statementId: 'st_2', personId: 'p_ali', at: T0 + 4 * HOUR }));
          await store.cards.save(notDelivered({ statementId: 'st_1', personId: 'p_sam', at: T0 + 5 * HOUR, reason: 'forbidden' }));
          await expect(keys()).resolves.toEqual(['st_1/p_priya', 'st_2/p_alex', 'st_3/p_sam', 'st_1/p_sam']);
        });

        it('returns at most `limit`, the oldest, and refuses a limit that is not a whole number of at least 0', async () => {
          await expect(keys(2)).resolves.toEqual(['st_1/p_priya', 'st_2/p_alex']);
          await expect(keys(0)).resolves.toEqual([]);
          await expect(store.cards.listNotDelivered(-1)).rejects.toThrow(RangeError);
          await expect(store.cards.listNotDelivered(2.5)).rejects.toThrow(RangeError);
        });
      });

      it('lists nothing not delivered when every card arrived', async () => {
        await store.cards.save(aCardDelivery());
        await expect(store.cards.listNotDelivered()).resolves.toEqual([]);
      });
    });

    describe('settings', () => {
      it('answers null for a setting never set', async () => {
        await expect(store.settings.get('calendar')).resolves.toBeNull();
      });

      it('keeps nested JSON values exactly, and replaces them when set again', async () => {
        const calendar = {
          division: 'england-and-wales',
          hours: { start: '09:00', end: '17:00' },
          closures: [{ from: '2026-12-24', until: '2026-12-31', note: null }],
          weekdays: [1, 2, 3, 4, 5],
          immediate: true,
          ratio: 0.75,
        };
        await store.settings.set('calendar', calendar);
        await expect(store.settings.get('calendar')).resolves.toEqual(calendar);
        await store.settings.set('calendar', { division: 'scotland' });
        await expect(store.settings.get('calendar')).resolves.toEqual({ division: 'scotland' });
      });

      it('keeps plain values and lists as well as objects', async () => {
        await store.settings.set('packs', ['momo', 'yjs']);
        await store.settings.set('tenant', '11111111-1111-4111-8111-111111111111');
        await store.settings.set('digest-hour', 8);
        await store.settings.set('nudges-enabled', false);
        await expect(store.settings.get('packs')).resolves.toEqual(['momo', 'yjs']);
        await expect(store.settings.get('tenant')).resolves.toBe('11111111-1111-4111-8111-111111111111');
        await expect(store.settings.get('digest-hour')).resolves.toBe(8);
        await expect(store.settings.get('nudges-enabled')).resolves.toBe(false);
      });

      it('refuses a value JSON cannot hold', async () => {
        await expect(store.settings.set('calendar', undefined)).rejects.toThrow(TypeError);
        await expect(store.settings.get('calendar')).resolves.toBeNull();
      });
    });

    describe('transactions', () => {
      it('commits every write of the work together and answers what the work answered', async () => {
        const result = await store.transaction(async (tx) => {
          expect(await tx.statements.insert(aStatement())).toBe('inserted');
          await tx.pdfs.put('st_1', aPdf(10_000));
          await tx.obligations.insertMany([anObligation()]);
          await tx.audit.append(anAuditEvent());
          return 'done';
        });
        expect(result).toBe('done');
        await expect(store.statements.get('st_1')).resolves.toEqual(aStatement());
        expect((await store.pdfs.get('st_1'))?.equals(aPdf(10_000))).toBe(true);
        await expect(store.obligations.get('ob_1')).resolves.toEqual(anObligation());
        await expect(store.audit.listForStatement('st_1')).resolves.toEqual([anAuditEvent()]);
      });

      it('writes nothing at all when the work throws, and passes the error on', async () => {
        await store.statements.insert(aStatement({ id: 'st_0', externalId: 'momo-0' }));
        await store.settings.set('calendar', { division: 'scotland' });
        const failure = new Error('changed my mind');
        await expect(
          store.transaction(async (tx) => {
            await tx.statements.insert(aStatement());
            const existing = (await tx.statements.get('st_0'))!;
            await tx.statements.update({ ...existing, status: 'closed', version: 2 });
            await tx.pdfs.put('st_1', aPdf(5_000));
            await tx.directory.upsert([aPerson()], [aTeam()]);
            await tx.directory.putAbsence(anAbsence());
            await tx.obligations.insertMany([anObligation()]);
            await tx.audit.append(anAuditEvent());
            await tx.conversations.save(aConversation());
            await tx.cards.save(aCardDelivery());
            await tx.settings.set('calendar', { division: 'northern-ireland' });
            throw failure;
          }),
        ).rejects.toBe(failure);
        await expect(store.statements.get('st_1')).resolves.toBeNull();
        await expect(store.statements.get('st_0')).resolves.toMatchObject({ status: 'received', version: 1 });
        await expect(store.pdfs.get('st_1')).resolves.toBeNull();
        await expect(store.directory.getPerson('p_sam')).resolves.toBeNull();
        await expect(store.directory.getTeam('t_north')).resolves.toBeNull();
        await expect(store.directory.listAbsences('p_sam')).resolves.toEqual([]);
        await expect(store.obligations.get('ob_1')).resolves.toBeNull();
        await expect(store.audit.listForStatement('st_1')).resolves.toEqual([]);
        await expect(store.conversations.get(aConversation().aadObjectId)).resolves.toBeNull();
        await expect(store.cards.listForStatement('st_1')).resolves.toEqual([]);
        await expect(store.settings.get('calendar')).resolves.toEqual({ division: 'scotland' });
      });

      it('forgets a nudge begun in work that throws, so that it can be begun again', async () => {
        const failure = new Error('the send was never attempted');
        await expect(
          store.transaction(async (tx) => {
            await expect(tx.nudges.begin(aNudge({ holder: 'sched-a' }))).resolves.toBe('inserted');
            await expect(tx.nudges.begin(aNudge({ holder: 'sched-a' }))).resolves.toBe('duplicate');
            await expect(tx.nudges.get('ob_1:reminder-50:p_sam')).resolves.toEqual(aNudge({ holder: 'sched-a' }));
            throw failure;
          }),
        ).rejects.toBe(failure);
        await expect(store.nudges.get('ob_1:reminder-50:p_sam')).resolves.toBeNull();
        await expect(store.nudges.listForObligation('ob_1')).resolves.toEqual([]);
        await expect(store.nudges.begin(aNudge({ holder: 'sched-b' }))).resolves.toBe('inserted');
      });

      it('rolls back the earlier writes of work that loses a race', async () => {
        await store.statements.insert(aStatement());
        const stale = (await store.statements.get('st_1'))!;
        await store.statements.update({ ...stale, status: 'queued', version: 2 });
        await expect(
          store.transaction(async (tx) => {
            await tx.audit.append(anAuditEvent({ action: 'statement-assigned' }));
            await tx.statements.update({ ...stale, status: 'assigned', version: 2 });
          }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.audit.listForStatement('st_1')).resolves.toEqual([]);
      });

      it('lets the work read its own writes', async () => {
        await store.transaction(async (tx) => {
          await tx.statements.insert(aStatement({ assigneeIds: ['p_sam'] }));
          await tx.settings.set('calendar', { division: 'scotland' });
          await tx.pdfs.put('st_1', aPdf(1_000));
          await expect(tx.statements.getByExternalId('momo-1')).resolves.toMatchObject({ id: 'st_1' });
          await expect(tx.statements.list({ assigneeId: 'p_sam' })).resolves.toHaveLength(1);
          await expect(tx.statements.insert(aStatement({ id: 'st_2' }))).resolves.toBe('duplicate');
          await expect(tx.settings.get('calendar')).resolves.toEqual({ division: 'scotland' });
          expect((await tx.pdfs.get('st_1'))?.equals(aPdf(1_000))).toBe(true);
        });
      });

      itNeeds('transaction-write-conflicts', 'creates one statement, with its audit event, when the same statement arrives 10 times at once, each in a transaction', async () => {
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.transaction(async (tx) => {
              const outcome = await tx.statements.insert(aStatement({ id: `st_${i}`, externalId: 'momo-race' }));
              if (outcome === 'inserted') await tx.audit.append(anAuditEvent({ id: `au_${i}`, statementId: `st_${i}` }));
              return outcome;
            }),
          ),
        );
        expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(1);
        const winner = `st_${outcomes.indexOf('inserted')}`;
        await expect(store.statements.list({})).resolves.toEqual([expect.objectContaining({ id: winner, externalId: 'momo-race' })]);
        await expect(store.audit.listForStatement(winner)).resolves.toHaveLength(1);
      });

      itNeeds('transaction-write-conflicts', 'runs simultaneous read-modify-write transactions as if one after the other', async () => {
        await store.settings.set('counter', 0);
        await Promise.all(
          Array.from({ length: 5 }, () =>
            store.transaction(async (tx) => {
              const n = (await tx.settings.get('counter')) as number;
              await tx.settings.set('counter', n + 1);
            }),
          ),
        );
        await expect(store.settings.get('counter')).resolves.toBe(5);
      });

      it('keeps a write made from outside while a transaction runs out of that transaction and its rollback', async () => {
        const failing = store.transaction(async (tx) => {
          await tx.statements.insert(aStatement());
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('changed my mind');
        });
        const outside = store.settings.set('calendar', { division: 'scotland' });
        await expect(failing).rejects.toThrow('changed my mind');
        await expect(outside).resolves.toBeUndefined();
        await expect(store.settings.get('calendar')).resolves.toEqual({ division: 'scotland' });
        await expect(store.statements.get('st_1')).resolves.toBeNull();
      });

      it('refuses a call on the store itself from inside the work, which would escape the transaction', async () => {
        await expect(
          store.transaction(async () => {
            await store.settings.set('calendar', { division: 'scotland' });
          }),
        ).rejects.toThrow('store.settings.set was called inside store.transaction: use the tx the transaction passes to its work');
        await expect(store.transaction(() => store.transaction(async () => 'nested'))).rejects.toThrow(
          'store.transaction was called inside store.transaction',
        );
        await expect(store.settings.get('calendar')).resolves.toBeNull();
      });

      it('refuses a tx used after its transaction finished', async () => {
        let leaked: Repositories | undefined;
        await store.transaction(async (tx) => {
          leaked = tx;
        });
        await expect(leaked!.settings.set('calendar', {})).rejects.toThrow('tx.settings.set was called after its transaction had finished');
        await expect(store.settings.get('calendar')).resolves.toBeNull();
      });
    });

    describe('closing', () => {
      it('refuses calls once closed, and closing twice is harmless', async () => {
        const other = await open();
        await other.close();
        await expect(other.settings.get('calendar')).rejects.toThrow('the store is closed (store.settings.get)');
        await expect(other.transaction(async () => 'x')).rejects.toThrow('the store is closed');
        await expect(other.close()).resolves.toBeUndefined();
      });
    });
  });
}
