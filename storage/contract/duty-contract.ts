import type { Store } from '../../domain/ports/store.port';
import { HOUR, T0, aFollowUp, aShift, aStatement } from './store-fixtures';

/**
 * The storage contract of the duty rota, Safety Link follow-ups and the duty procedure's
 * record on a statement, run against each adapter beside `describeStoreContract`.
 * `open` must give a new, empty store each time; the suite closes what it opens.
 *
 * @example
 * describeDutyContract('the embedded store', () => openSqliteStore(freshFile()));
 */
export function describeDutyContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} keeps the duty rota and Safety Link follow-ups`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('the duty rota', () => {
      const period = { roles: ['duty-manager', 'duty-officer'] as const, from: T0, until: T0 + 48 * HOUR };

      it('answers who is on duty at an instant: from the start of a shift, until (not at) its end', async () => {
        const day = aShift();
        const night = aShift({ id: 'rs_2', personId: 'p_nia', from: T0 + 8 * HOUR, until: T0 + 24 * HOUR });
        const officer = aShift({ id: 'rs_3', role: 'duty-officer', personId: 'p_dee' });
        await store.rota.replace(period, [night, day, officer]);
        await expect(store.rota.onDutyAt('duty-manager', T0 - 1)).resolves.toEqual([]);
        await expect(store.rota.onDutyAt('duty-manager', T0)).resolves.toEqual([day]);
        await expect(store.rota.onDutyAt('duty-manager', T0 + 8 * HOUR - 1)).resolves.toEqual([day]);
        await expect(store.rota.onDutyAt('duty-manager', T0 + 8 * HOUR)).resolves.toEqual([night]);
        await expect(store.rota.onDutyAt('duty-officer', T0 + HOUR)).resolves.toEqual([officer]);
        await expect(store.rota.onDutyAt('duty-officer', T0 + 8 * HOUR)).resolves.toEqual([]);
      });

      it('lists two people on duty at once, earliest start first', async () => {
        const late = aShift({ id: 'rs_a', personId: 'p_nia', from: T0 + HOUR, until: T0 + 9 * HOUR });
        await store.rota.replace(period, [late, aShift()]);
        await expect(store.rota.onDutyAt('duty-manager', T0 + 2 * HOUR)).resolves.toEqual([aShift(), late]);
      });

      it('replaces only the roles and period imported, and importing the same rota twice changes nothing', async () => {
        const before = aShift({ id: 'rs_0', from: T0 - 24 * HOUR, until: T0 - 16 * HOUR });
        const officer = aShift({ id: 'rs_3', role: 'duty-officer', personId: 'p_dee' });
        await store.rota.replace({ roles: ['duty-manager', 'duty-officer'], from: T0 - 24 * HOUR, until: T0 + 8 * HOUR }, [before, aShift(), officer]);
        const replacement = aShift({ id: 'rs_9', personId: 'p_nia' });
        for (let i = 0; i < 2; i++) await store.rota.replace({ roles: ['duty-manager'], from: T0, until: T0 + 8 * HOUR }, [replacement]);
        await expect(store.rota.listBetween(T0 - 48 * HOUR, T0 + 48 * HOUR)).resolves.toEqual([before, replacement, officer].sort((a, b) => a.from - b.from || a.id.localeCompare(b.id)));
      });

      it('lists the shifts overlapping a period', async () => {
        const night = aShift({ id: 'rs_2', personId: 'p_nia', from: T0 + 8 * HOUR, until: T0 + 24 * HOUR });
        await store.rota.replace(period, [aShift(), night]);
        await expect(store.rota.listBetween(T0 + 8 * HOUR, T0 + 9 * HOUR)).resolves.toEqual([night]);
        await expect(store.rota.listBetween(T0 - HOUR, T0)).resolves.toEqual([]);
        await expect(store.rota.listBetween(T0 + 7 * HOUR, T0 + 9 * HOUR)).resolves.toEqual([aShift(), night]);
      });

      it('refuses a shift that ends before it starts or is not a duty role, and keeps the rota as it was', async () => {
        await store.rota.replace(period, [aShift()]);
        await expect(store.rota.replace(period, [aShift({ id: 'rs_2', until: T0 - 1 })])).rejects.toThrow(RangeError);
        await expect(store.rota.replace(period, [aShift({ id: 'rs_2', role: 'worker' as never })])).rejects.toThrow(RangeError);
        await expect(store.rota.onDutyAt('duty-manager', T0 + 1.5)).rejects.toThrow(RangeError);
        await expect(store.rota.onDutyAt('duty-manager', T0)).resolves.toEqual([aShift()]);
      });

      it('keeps no shift of a rota replaced in a transaction that fails', async () => {
        await store.rota.replace(period, [aShift()]);
        await expect(
          store.transaction(async (tx) => {
            await tx.rota.replace(period, [aShift({ id: 'rs_2', personId: 'p_nia' })]);
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind');
        await expect(store.rota.onDutyAt('duty-manager', T0)).resolves.toEqual([aShift()]);
      });
    });

    describe('Safety Link follow-ups', () => {
      it('keeps one follow-up per statement, note and all, and refuses a second', async () => {
        await expect(store.followUps.insert(aFollowUp())).resolves.toBe('inserted');
        await expect(store.followUps.insert(aFollowUp({ id: 'fu_2', decision: 'no-further-action', note: 'Later' }))).resolves.toBe('duplicate');
        await expect(store.followUps.getForStatement('st_1')).resolves.toEqual(aFollowUp());
        await expect(store.followUps.getForStatement('st_2')).resolves.toBeNull();
      });

      it('a duplicate inside a transaction does not spoil the rest of its work', async () => {
        await store.followUps.insert(aFollowUp());
        await store.transaction(async (tx) => {
          expect(await tx.followUps.insert(aFollowUp({ id: 'fu_2' }))).toBe('duplicate');
          await tx.statements.insert(aStatement());
        });
        await expect(store.statements.get('st_1')).resolves.toEqual(aStatement());
      });

      it('keeps no follow-up recorded in a transaction that fails', async () => {
        await expect(
          store.transaction(async (tx) => {
            await tx.followUps.insert(aFollowUp());
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind');
        await expect(store.followUps.getForStatement('st_1')).resolves.toBeNull();
      });
    });

    describe('the duty procedure on a statement', () => {
      it('reads back who follows it, and a statement without it has none', async () => {
        const unidentified = aStatement({ status: 'duty-procedure', flags: { complaint: false, safetyLink: false, unidentified: true }, duty: { officerIds: ['p_dee'], managerIds: [] } });
        await store.statements.insert(unidentified);
        await expect(store.statements.get('st_1')).resolves.toEqual(unidentified);
        const told = { ...unidentified, duty: { officerIds: ['p_dee'], managerIds: ['p_dev'] }, version: 2 };
        await store.statements.update(told);
        await expect(store.statements.get('st_1')).resolves.toEqual(told);
        await store.statements.insert(aStatement({ id: 'st_2', externalId: 'momo-2' }));
        expect(await store.statements.get('st_2')).not.toHaveProperty('duty');
      });
    });
  });
}
