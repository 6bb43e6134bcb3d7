import { ConcurrencyError, type Store } from '../../domain/ports/store.port';
import { itNeedingServer, type StoreContractOptions } from './store-contract';
import { HOUR, T0, aBroadcast, aHandover, aRecipient } from './store-fixtures';

/**
 * What every store promises the broadcast queue and handovers, as one suite run against
 * each adapter beside the store contract. `open` must give a new, empty store each time.
 *
 * @example
 * describeBroadcastContract('the embedded store', () => openSqliteStore(freshFile()));
 */
export function describeBroadcastContract(name: string, open: () => Promise<Store>, options: StoreContractOptions = {}): void {
  const itNeeds = itNeedingServer(name, options);
  describe(`${name} keeps the broadcast queue and handovers`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    const people = (n: number) => Array.from({ length: n }, (_, i) => `p_${String(i).padStart(4, '0')}`);

    describe('broadcasts', () => {
      it('keeps a broadcast and its recipients as created, and reads them back unchanged', async () => {
        const recipients = [aRecipient({ personId: 'p_sam' }), aRecipient({ personId: 'p_ali', part: 'manager' })];
        await expect(store.broadcasts.create(aBroadcast(), recipients)).resolves.toBe('inserted');
        await expect(store.broadcasts.get('bc_1')).resolves.toEqual(aBroadcast());
        await expect(store.broadcasts.listRecipients('bc_1')).resolves.toEqual([recipients[1], recipients[0]]);
        await expect(store.broadcasts.getRecipient('bc_1', 'p_sam')).resolves.toEqual(recipients[0]);
        await expect(store.broadcasts.getRecipient('bc_1', 'p_nobody')).resolves.toBeNull();
        await expect(store.broadcasts.get('bc_none')).resolves.toBeNull();
      });

      it('answers duplicate to a second confirmation with the same id and adds nobody: a broadcast is created once', async () => {
        await store.broadcasts.create(aBroadcast(), [aRecipient()]);
        await expect(store.broadcasts.create(aBroadcast({ title: 'Second press' }), [aRecipient(), aRecipient({ personId: 'p_ali' })])).resolves.toBe('duplicate');
        await expect(store.broadcasts.get('bc_1')).resolves.toEqual(aBroadcast());
        await expect(store.broadcasts.listRecipients('bc_1')).resolves.toEqual([aRecipient()]);
      });

      it('creates nothing when one recipient cannot be stored (a person twice): all or none', async () => {
        await expect(store.broadcasts.create(aBroadcast(), [aRecipient(), aRecipient()])).rejects.toThrow();
        await expect(store.broadcasts.get('bc_1')).resolves.toBeNull();
        await expect(store.broadcasts.listRecipients('bc_1')).resolves.toEqual([]);
      });

      it('keeps 2,000 recipients of one broadcast', async () => {
        const ids = people(2000);
        await store.broadcasts.create(aBroadcast({ audience: 'everyone' }), ids.map((personId) => aRecipient({ personId })));
        expect((await store.broadcasts.listRecipients('bc_1')).map((r) => r.personId)).toEqual(ids);
      });

      it('refuses an update from a stale read', async () => {
        await store.broadcasts.create(aBroadcast(), []);
        const withReport = aBroadcast({ report: { aadObjectId: 'aad-jo', activityId: '1:report' }, version: 2 });
        await store.broadcasts.update(withReport);
        await expect(store.broadcasts.update(aBroadcast({ state: 'cancelled', version: 2 }))).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.broadcasts.get('bc_1')).resolves.toEqual(withReport);
      });

      it('lists broadcasts newest first, all of them or one person’s', async () => {
        await store.broadcasts.create(aBroadcast({ id: 'bc_a', createdAt: T0 }), []);
        await store.broadcasts.create(aBroadcast({ id: 'bc_b', createdAt: T0 + HOUR, createdBy: 'p_pat' }), []);
        await store.broadcasts.create(aBroadcast({ id: 'bc_c', createdAt: T0 + 2 * HOUR }), []);
        const ids = async (filter: { createdBy?: string }, limit?: number) => (await store.broadcasts.listRecent(filter, limit)).map((b) => b.id);
        await expect(ids({})).resolves.toEqual(['bc_c', 'bc_b', 'bc_a']);
        await expect(ids({ createdBy: 'p_jo' })).resolves.toEqual(['bc_c', 'bc_a']);
        await expect(ids({ createdBy: 'p_jo' }, 1)).resolves.toEqual(['bc_c']);
        await expect(ids({}, 0)).resolves.toEqual([]);
      });
    });

    describe('claiming recipients to send to', () => {
      const now = T0 + HOUR;

      it('claims recipients still to be tried whose time has come and who nobody holds, oldest first, with a lease', async () => {
        await store.broadcasts.create(aBroadcast(), [
          aRecipient({ personId: 'p_b', nextAttemptAt: T0 }),
          aRecipient({ personId: 'p_a', nextAttemptAt: T0 }),
          aRecipient({ personId: 'p_retry', state: 'retrying', attempts: 1, nextAttemptAt: T0 + 30 }),
          aRecipient({ personId: 'p_later', state: 'retrying', attempts: 1, nextAttemptAt: now + 1 }),
          aRecipient({ personId: 'p_done', state: 'delivered', activityId: '1:a', sentAt: T0 }),
          aRecipient({ personId: 'p_held', lease: { holder: 'sender-other', until: now + 60 } }),
          aRecipient({ personId: 'p_dead', lease: { holder: 'sender-dead', until: now } }),
        ]);
        const claimed = await store.broadcasts.claimRecipients(now, 'sender-a', 120, 10);
        expect(claimed.map((r) => r.personId)).toEqual(['p_a', 'p_b', 'p_dead', 'p_retry']);
        for (const r of claimed) expect(r).toMatchObject({ lease: { holder: 'sender-a', until: now + 120 }, version: 2 });
        await expect(store.broadcasts.getRecipient('bc_1', 'p_a')).resolves.toEqual(claimed[0]);
        await expect(store.broadcasts.claimRecipients(now + 1, 'sender-b', 120, 0)).resolves.toEqual([]);
        // While sender-a's leases run: the one whose other sender's lease ran out, and the one whose time has come since.
        expect((await store.broadcasts.claimRecipients(now + 119, 'sender-b', 120, 10)).map((r) => r.personId)).toEqual(['p_held', 'p_later']);
      });

      itNeeds('atomic-find-and-modify', 'gives simultaneous senders disjoint sets that together cover every recipient', async () => {
        await store.broadcasts.create(aBroadcast(), people(200).map((personId) => aRecipient({ personId })));
        const claims = await Promise.all(['a', 'b', 'c', 'd'].map((h) => store.broadcasts.claimRecipients(now, `sender-${h}`, 60, 60)));
        const all = claims.flat().map((r) => r.personId);
        expect(new Set(all).size).toBe(all.length);
        expect(all).toHaveLength(200);
      });

      it('lets another sender take over once a lease runs out, and then refuses the first one’s save', async () => {
        await store.broadcasts.create(aBroadcast(), [aRecipient()]);
        const [byA] = await store.broadcasts.claimRecipients(now, 'sender-a', 60, 10);
        const [byB] = await store.broadcasts.claimRecipients(now + 60, 'sender-b', 60, 10);
        expect(byB).toMatchObject({ lease: { holder: 'sender-b' }, version: byA.version + 1 });
        await expect(store.broadcasts.updateRecipient({ ...byA, state: 'delivered', lease: null, version: byA.version + 1 })).rejects.toBeInstanceOf(ConcurrencyError);
        const delivered = { ...byB, state: 'delivered' as const, lease: null, activityId: '1:x', sentAt: now + 61, version: byB.version + 1 };
        await store.broadcasts.updateRecipient(delivered);
        await expect(store.broadcasts.getRecipient('bc_1', 'p_sam')).resolves.toEqual(delivered);
        await expect(store.broadcasts.claimRecipients(now + 10 * HOUR, 'sender-c', 60, 10)).resolves.toEqual([]);
      });

      it('cancels every recipient still to be tried, held or not, and none already settled', async () => {
        await store.broadcasts.create(aBroadcast(), [
          aRecipient({ personId: 'p_a' }),
          aRecipient({ personId: 'p_b', state: 'retrying', attempts: 2 }),
          aRecipient({ personId: 'p_c', lease: { holder: 'sender-a', until: now + 60 } }),
          aRecipient({ personId: 'p_d', state: 'delivered', sentAt: T0 }),
          aRecipient({ personId: 'p_e', state: 'not-installed', reason: 'not-installed' }),
        ]);
        await store.broadcasts.create(aBroadcast({ id: 'bc_2' }), [aRecipient({ broadcastId: 'bc_2' })]);
        await expect(store.broadcasts.cancelPending('bc_1')).resolves.toBe(3);
        const states = (await store.broadcasts.listRecipients('bc_1')).map((r) => [r.personId, r.state, r.lease]);
        expect(states).toEqual([
          ['p_a', 'cancelled', null],
          ['p_b', 'cancelled', null],
          ['p_c', 'cancelled', null],
          ['p_d', 'delivered', null],
          ['p_e', 'not-installed', null],
        ]);
        expect((await store.broadcasts.claimRecipients(now + HOUR, 'sender-b', 60, 10)).map((r) => r.broadcastId)).toEqual(['bc_2']);
      });

      it('says when the next recipient may be tried, and null when none is left', async () => {
        await expect(store.broadcasts.earliestAttemptAt()).resolves.toBeNull();
        await store.broadcasts.create(aBroadcast(), [
          aRecipient({ personId: 'p_a', state: 'delivered', nextAttemptAt: T0 - HOUR }),
          aRecipient({ personId: 'p_b', state: 'retrying', nextAttemptAt: T0 + 90 }),
          aRecipient({ personId: 'p_c', nextAttemptAt: T0 + 30, lease: { holder: 'sender-a', until: T0 + 300 } }),
        ]);
        await expect(store.broadcasts.earliestAttemptAt()).resolves.toBe(T0 + 30);
      });

      it('rolls a broadcast back with the transaction that created it', async () => {
        await expect(
          store.transaction(async (tx) => {
            await tx.broadcasts.create(aBroadcast(), [aRecipient()]);
            throw new Error('the handover failed');
          }),
        ).rejects.toThrow('the handover failed');
        await expect(store.broadcasts.get('bc_1')).resolves.toBeNull();
        await expect(store.broadcasts.claimRecipients(T0 + HOUR, 'sender-a', 60, 10)).resolves.toEqual([]);
      });
    });

    describe('handovers', () => {
      it('keeps a handover once under its id, and a second confirmation changes nothing', async () => {
        await expect(store.handovers.insert(aHandover())).resolves.toBe('inserted');
        await expect(store.handovers.insert(aHandover({ toId: 'p_priya' }))).resolves.toBe('duplicate');
        await expect(store.handovers.get('ho_1')).resolves.toEqual(aHandover());
        await expect(store.handovers.get('ho_none')).resolves.toBeNull();
      });

      it('refuses an update from a stale read', async () => {
        await store.handovers.insert(aHandover());
        const applied = aHandover({ state: 'active', moved: { statementIds: ['st_1'], obligationIds: [] }, version: 2 });
        await store.handovers.update(applied);
        await expect(store.handovers.update(aHandover({ state: 'done', version: 2 }))).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.handovers.get('ho_1')).resolves.toEqual(applied);
      });

      it('lists a person’s handovers newest first', async () => {
        await store.handovers.insert(aHandover({ id: 'ho_a', createdAt: T0 }));
        await store.handovers.insert(aHandover({ id: 'ho_b', createdAt: T0 + HOUR }));
        await store.handovers.insert(aHandover({ id: 'ho_c', fromId: 'p_ali', toId: 'p_sam' }));
        expect((await store.handovers.listFrom('p_sam')).map((h) => h.id)).toEqual(['ho_b', 'ho_a']);
        await expect(store.handovers.listFrom('p_nobody')).resolves.toEqual([]);
      });

      it('lists what a sweep must finish: handovers cut short while applying, and active ones due back, oldest first', async () => {
        const now = T0 + 10 * 24 * HOUR;
        await store.handovers.insert(aHandover({ id: 'ho_applying', createdAt: T0 + 2 }));
        await store.handovers.insert(aHandover({ id: 'ho_due', state: 'active', createdAt: T0 + 1, returnAt: now }));
        await store.handovers.insert(aHandover({ id: 'ho_not_yet', state: 'active', returnAt: now + 1 }));
        await store.handovers.insert(aHandover({ id: 'ho_for_good', state: 'done', until: null, returnAt: null }));
        await store.handovers.insert(aHandover({ id: 'ho_returned', state: 'returned', returnAt: T0, returnedAt: T0 }));
        expect((await store.handovers.listToFinish(now)).map((h) => h.id)).toEqual(['ho_due', 'ho_applying']);
        expect((await store.handovers.listToFinish(now, 1)).map((h) => h.id)).toEqual(['ho_due']);
      });
    });
  });
}
