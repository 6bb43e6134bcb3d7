import { ConcurrencyError, type Store } from '../../domain/ports/store.port';
import { itNeedingServer, type StoreContractOptions } from './store-contract';
import { HOUR, T0, aCase, aCaseEvent, aCaseObligation, aStaffSubject, anAuditEvent, anObligation } from './store-fixtures';

/**
 * What every store promises case work (issue 15), run against each adapter beside
 * `describeStoreContract`: cases and staff subjects found by their keys, case events kept
 * once per source and event id in the order they happened, and obligations about any of
 * the three subjects found by case, staff member and owner.
 *
 * @example
 * describeCaseStoreContract('the embedded store', () => openSqliteStore(freshFile()));
 */
export function describeCaseStoreContract(name: string, open: () => Promise<Store>, options: StoreContractOptions = {}): void {
  const itNeeds = itNeedingServer(name, options);
  describe(`${name} keeps the storage contract of case work`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('cases', () => {
      it('reads a case back unchanged, by id and by the case system’s reference', async () => {
        await expect(store.cases.insert(aCase())).resolves.toBe('inserted');
        await expect(store.cases.get('ca_1')).resolves.toEqual(aCase());
        await expect(store.cases.getByRef('C-10442')).resolves.toEqual(aCase());
        await expect(store.cases.getByRef('C-99999')).resolves.toBeNull();
      });

      it('reads several cases at once by id, by reference, each once, leaving out ids it does not have', async () => {
        await store.cases.insert(aCase());
        await store.cases.insert(aCase({ id: 'ca_2', caseRef: 'C-10300' }));
        await store.cases.insert(aCase({ id: 'ca_3', caseRef: 'C-10500' }));
        const refs = async (ids: string[]) => (await store.cases.getMany(ids)).map((c) => c.caseRef);
        await expect(refs(['ca_1', 'ca_missing', 'ca_2', 'ca_1'])).resolves.toEqual(['C-10300', 'C-10442']);
        await expect(refs([])).resolves.toEqual([]);
        await expect(store.cases.getMany(['ca_3'])).resolves.toEqual([aCase({ id: 'ca_3', caseRef: 'C-10500' })]);
      });

      it('creates one case per reference, however often its first event arrives at once', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.cases.insert(aCase({ id: `ca_${i}` }))));
        expect(results.filter((r) => r === 'inserted')).toHaveLength(1);
        const kept = await store.cases.getByRef('C-10442');
        expect(results[Number(kept!.id.slice(3))]).toBe('inserted');
      });

      it('stores an update made from the current version and refuses a stale one', async () => {
        await store.cases.insert(aCase());
        await store.cases.update(aCase({ flags: ['looked-after', 'care-order'], version: 2 }));
        await expect(store.cases.update(aCase({ flags: [], version: 2 }))).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.cases.get('ca_1')).resolves.toEqual(aCase({ flags: ['looked-after', 'care-order'], version: 2 }));
        await expect(store.cases.update(aCase({ id: 'ca_missing', caseRef: 'C-2', version: 2 }))).rejects.toBeInstanceOf(ConcurrencyError);
      });
    });

    describe('staff subjects', () => {
      it('finds a staff subject by e-mail whatever its case, once per address', async () => {
        await expect(store.staff.insert(aStaffSubject())).resolves.toBe('inserted');
        await expect(store.staff.insert(aStaffSubject({ id: 'sf_2', email: 'SAM@Example.org' }))).resolves.toBe('duplicate');
        await expect(store.staff.getByEmail('Sam@EXAMPLE.org')).resolves.toEqual(aStaffSubject());
        await expect(store.staff.get('sf_1')).resolves.toEqual(aStaffSubject());
        await expect(store.staff.get('sf_2')).resolves.toBeNull();
      });

      it('checks the version on update', async () => {
        await store.staff.insert(aStaffSubject());
        await store.staff.update(aStaffSubject({ flags: ['newly-qualified'], version: 2 }));
        await expect(store.staff.update(aStaffSubject({ version: 2 }))).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.staff.getByEmail('sam@example.org')).resolves.toEqual(aStaffSubject({ flags: ['newly-qualified'], version: 2 }));
      });
    });

    describe('case events', () => {
      it('keeps an event once per source and event id, and reads it back unchanged', async () => {
        await expect(store.caseEvents.insert(aCaseEvent())).resolves.toBe('inserted');
        await expect(store.caseEvents.insert(aCaseEvent({ details: { kind: 'cp' }, seq: 2 }))).resolves.toBe('duplicate');
        await expect(store.caseEvents.insert(aCaseEvent({ source: 'mosaic' }))).resolves.toBe('inserted');
        await expect(store.caseEvents.get('liquidlogic', 'LCS-1')).resolves.toEqual(aCaseEvent());
        await expect(store.caseEvents.get('liquidlogic', 'LCS-404')).resolves.toBeNull();
      });

      it('reads a batch of events by source and event id at once, each stored one once, and nothing for the others', async () => {
        await store.caseEvents.insert(aCaseEvent());
        await store.caseEvents.insert(aCaseEvent({ eventId: 'LCS-2', seq: 2 }));
        await store.caseEvents.insert(aCaseEvent({ source: 'mosaic', eventId: 'LCS-3', seq: 3 }));
        const keys = async (wanted: { source: string; eventId: string }[]) =>
          (await store.caseEvents.getMany(wanted)).map((e) => `${e.source}:${e.eventId}`).sort();
        await expect(
          keys([
            { source: 'liquidlogic', eventId: 'LCS-1' },
            { source: 'liquidlogic', eventId: 'LCS-3' },
            { source: 'mosaic', eventId: 'LCS-3' },
            { source: 'liquidlogic', eventId: 'LCS-1' },
            { source: 'liquidlogic', eventId: 'LCS-404' },
          ]),
        ).resolves.toEqual(['liquidlogic:LCS-1', 'mosaic:LCS-3']);
        await expect(keys([])).resolves.toEqual([]);
        await expect(store.caseEvents.getMany([{ source: 'liquidlogic', eventId: 'LCS-2' }])).resolves.toEqual([aCaseEvent({ eventId: 'LCS-2', seq: 2 })]);
      });

      it('lets exactly one of 20 simultaneous inserts of one event in', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.caseEvents.insert(aCaseEvent({ seq: i + 1 }))));
        expect(results.filter((r) => r === 'inserted')).toHaveLength(1);
      });

      it('lists a subject’s events in the order they happened, those of the same instant in the order received', async () => {
        const events = [
          aCaseEvent({ eventId: 'late', occurredAt: T0 + 2 * HOUR, seq: 1 }),
          aCaseEvent({ eventId: 'second-received', occurredAt: T0, seq: 3 }),
          aCaseEvent({ eventId: 'first-received', occurredAt: T0, seq: 2 }),
          aCaseEvent({ eventId: 'other-case', subjectId: 'ca_2', occurredAt: T0 - HOUR, seq: 1 }),
        ];
        for (const e of events) await store.caseEvents.insert(e);
        const listed = await store.caseEvents.listForSubject('ca_1');
        expect(listed.map((e) => e.eventId)).toEqual(['first-received', 'second-received', 'late']);
        expect(listed[2]).toEqual(events[0]);
      });

      it('finds the corrections of a batch of events and marks an event corrected', async () => {
        await store.caseEvents.insert(aCaseEvent());
        await store.caseEvents.insert(aCaseEvent({ eventId: 'LCS-7', seq: 7 }));
        const asked = [{ source: 'liquidlogic', eventId: 'LCS-1' }, { source: 'liquidlogic', eventId: 'LCS-7' }, { source: 'liquidlogic', eventId: 'LCS-404' }];
        await expect(store.caseEvents.findSuperseding(asked)).resolves.toEqual([]);
        await expect(store.caseEvents.findSuperseding([])).resolves.toEqual([]);
        const correction = aCaseEvent({ eventId: 'LCS-2', supersedes: 'LCS-1', identity: 'liquidlogic:LCS-1', occurredAt: T0 - HOUR, seq: 2 });
        const another = aCaseEvent({ eventId: 'LCS-8', supersedes: 'LCS-7', identity: 'liquidlogic:LCS-7', seq: 8 });
        await store.caseEvents.insert(correction);
        await store.caseEvents.insert(another);
        // Another source's event of the same id corrects nothing of this source.
        await store.caseEvents.insert(aCaseEvent({ source: 'mosaic', eventId: 'M-9', supersedes: 'LCS-1', seq: 3 }));
        const found = await store.caseEvents.findSuperseding(asked);
        expect(found.sort((a, b) => a.seq - b.seq)).toEqual([correction, another]);
        await store.caseEvents.markSuperseded('liquidlogic', 'LCS-1', 'LCS-2');
        await expect(store.caseEvents.get('liquidlogic', 'LCS-1')).resolves.toEqual(aCaseEvent({ supersededBy: 'LCS-2' }));
        await expect(store.caseEvents.markSuperseded('liquidlogic', 'LCS-404', 'LCS-2')).rejects.toThrow('not stored');
      });
    });

    describe('obligations about cases and staff', () => {
      const staffObligation = aCaseObligation({
        id: 'ob_s1',
        standardId: 'core-practice.supervision.practitioner.monthly',
        subject: 'staff',
        caseId: null,
        staffId: 'sf_1',
        ownerRole: 'line-manager',
        ownerId: 'p_priya',
        ownerEmail: 'priya@example.org',
        due: T0 + 2 * HOUR,
      });

      it('reads every field of a case obligation back, by id, by case and by staff member', async () => {
        const met = aCaseObligation({ id: 'ob_c2', due: T0 + HOUR, status: 'met', completedAt: T0, stopDateOnly: true, anchorAt: T0 + 9 * HOUR, triggerDateOnly: true, nextNudgeAt: null });
        await store.obligations.insertMany([aCaseObligation(), met, staffObligation, anObligation()]);
        await expect(store.obligations.get('ob_c2')).resolves.toEqual(met);
        await expect(store.obligations.listForCase('ca_1')).resolves.toEqual([met, aCaseObligation()]);
        await expect(store.obligations.listForStaff('sf_1')).resolves.toEqual([staffObligation]);
        await expect(store.obligations.listForStatement('st_1')).resolves.toEqual([anObligation()]);
      });

      it('lists obligations by case, subject and owner (a person of the directory or an e-mail the directory lacks), soonest due first', async () => {
        const unknownOwner = aCaseObligation({ id: 'ob_c3', ownerId: null, ownerEmail: 'agency.worker@example.org', due: T0 + 3 * HOUR });
        const otherCase = aCaseObligation({ id: 'ob_c4', caseId: 'ca_2', ownerId: 'p_ali', ownerEmail: 'ali@example.org', due: T0 + 4 * HOUR });
        await store.obligations.insertMany([aCaseObligation(), unknownOwner, otherCase, staffObligation, anObligation()]);
        const ids = async (filter: Parameters<Store['obligations']['list']>[0], limit?: number) => (await store.obligations.list(filter, limit)).map((o) => o.id);
        await expect(ids({})).resolves.toEqual(['ob_s1', 'ob_c3', 'ob_c4', 'ob_1', 'ob_c1']);
        await expect(ids({ caseId: 'ca_1' })).resolves.toEqual(['ob_c3', 'ob_c1']);
        await expect(ids({ subject: 'statement' })).resolves.toEqual(['ob_1']);
        await expect(ids({ ownerId: 'p_sam' })).resolves.toEqual(['ob_1', 'ob_c1']);
        await expect(ids({ ownerEmail: 'Agency.Worker@example.org' })).resolves.toEqual(['ob_c3']);
        await expect(ids({ ownerId: 'p_sam', ownerEmail: 'agency.worker@example.org', caseId: 'ca_1' })).resolves.toEqual(['ob_c3', 'ob_c1']);
        await expect(ids({}, 2)).resolves.toEqual(['ob_s1', 'ob_c3']);
        await expect(ids({}, 0)).resolves.toEqual([]);
        await expect(store.obligations.list({}, -1)).rejects.toThrow(RangeError);
      });

      itNeeds('ordered-insert-write-errors', 'inserts a case’s long history of obligations all or none, naming a duplicate wherever it is', async () => {
        const history = Array.from({ length: 75 }, (_, i) => aCaseObligation({ id: `ob_h${String(i).padStart(2, '0')}`, due: T0 + i * HOUR, occurrenceKey: `k|${i}` }));
        await store.obligations.insertMany(history);
        await expect(store.obligations.listForCase('ca_1')).resolves.toEqual(history);
        const again = Array.from({ length: 70 }, (_, i) => aCaseObligation({ id: `ob_n${String(i).padStart(2, '0')}`, caseId: 'ca_2' }));
        again[40] = aCaseObligation({ id: 'ob_h07', caseId: 'ca_2' });
        await expect(store.obligations.insertMany(again)).rejects.toThrow('obligation ob_h07 already exists');
        await expect(store.obligations.listForCase('ca_2')).resolves.toEqual([]);
      });

      it('removes obligations a recomputation withdrew, and ignores ids it does not have', async () => {
        await store.obligations.insertMany([aCaseObligation(), aCaseObligation({ id: 'ob_c2' })]);
        await store.obligations.deleteMany(['ob_c1', 'ob_missing']);
        await store.obligations.deleteMany([]);
        await expect(store.obligations.listForCase('ca_1')).resolves.toEqual([aCaseObligation({ id: 'ob_c2' })]);
      });

      it('answers the same inside a go-live load as outside it, and hands back what the load returned or threw', async () => {
        await store.obligations.insertMany([aCaseObligation(), staffObligation]);
        const outside = await store.obligations.openForOwners(['p_sam', 'p_priya'], T0 + 100 * 24 * HOUR);
        const inside = await store.bulkLoad(10_000, async () => {
          await store.obligations.insertMany([aCaseObligation({ id: 'ob_c9', occurrenceKey: 'k9', due: T0 + 5 * HOUR })]);
          return store.obligations.openForOwners(['p_sam', 'p_priya'], T0 + 100 * 24 * HOUR);
        });
        expect(outside.map((o) => o.id)).toEqual(['ob_s1', 'ob_c1']);
        expect(inside.map((o) => o.id)).toEqual(['ob_s1', 'ob_c9', 'ob_c1']);
        await expect(store.bulkLoad(10_000, () => Promise.reject(new Error('line 7 is not JSON')))).rejects.toThrow('line 7 is not JSON');
        await expect(store.obligations.listDueBetween(T0, T0 + 100 * 24 * HOUR)).resolves.toHaveLength(3);
      });

      it('claims and wakes for obligations about every subject: statements, cases and staff alike', async () => {
        await store.obligations.insertMany([
          aCaseObligation({ nextNudgeAt: T0 }),
          anObligation({ nextNudgeAt: T0 + HOUR }),
          { ...staffObligation, nextNudgeAt: T0 + 2 * HOUR },
        ]);
        await expect(store.obligations.earliestNudgeAt()).resolves.toBe(T0);
        const first = await store.obligations.claimDue(T0 + 3 * HOUR, 'sched-a', 60, 2);
        expect(first.map((o) => o.id)).toEqual(['ob_c1', 'ob_1']);
        const rest = await store.obligations.claimDue(T0 + 3 * HOUR, 'sched-b', 60, 10);
        expect(rest.map((o) => o.id)).toEqual(['ob_s1']);
      });

      it('lists the open obligations nobody in the directory owns on the cases some people hold a role on, due in a window, soonest first', async () => {
        await store.cases.insert(aCase({ allocations: { 'social-worker': 'Sam@Example.org', iro: 'iro.jones@example.org' } }));
        await store.cases.insert(aCase({ id: 'ca_2', caseRef: 'C-10300', allocations: { 'social-worker': 'ali@example.org', 'team-manager': 'sam@example.org' } }));
        await store.cases.insert(aCase({ id: 'ca_3', caseRef: 'C-10500', allocations: { 'social-worker': 'zed@example.org' } }));
        await store.obligations.insertMany([
          aCaseObligation(),
          aCaseObligation({ id: 'ob_u2', ownerId: null, ownerEmail: null, ownerRole: 'iro-manager', due: T0 + 5 * HOUR }),
          aCaseObligation({ id: 'ob_u1', ownerId: null, ownerEmail: 'agency.worker@example.org', due: T0 + 2 * HOUR }),
          aCaseObligation({ id: 'ob_u3', ownerId: null, ownerEmail: null, ownerRole: 'iro-manager', status: 'met', completedAt: T0, nextNudgeAt: null }),
          aCaseObligation({ id: 'ob_u4', caseId: 'ca_2', ownerId: null, ownerEmail: null, ownerRole: 'duty-manager', due: T0 + 3 * HOUR }),
          aCaseObligation({ id: 'ob_u5', caseId: 'ca_3', ownerId: null, ownerEmail: null, ownerRole: 'duty-manager', due: T0 + HOUR }),
          aCaseObligation({ id: 'ob_u6', caseId: 'ca_2', ownerId: null, ownerEmail: null, ownerRole: 'duty-manager', due: T0 + 9 * HOUR }),
          aCaseObligation({ id: 'ob_u0', ownerId: null, ownerEmail: null, ownerRole: 'iro-manager', due: T0 - 48 * HOUR }),
        ]);
        const ids = async (emails: string[], from: number, before: number) => (await store.obligations.openUnownedOnCasesOf(emails, from, before)).map((o) => o.id);
        // Sam holds a role on ca_1 and ca_2 (each read once, however many of the people hold one), not on ca_3.
        await expect(ids(['sam@example.org', 'ALI@example.org'], T0, T0 + 9 * HOUR)).resolves.toEqual(['ob_u1', 'ob_u4', 'ob_u2']);
        await expect(ids(['sam@example.org'], T0 - 72 * HOUR, T0 + 3 * HOUR)).resolves.toEqual(['ob_u0', 'ob_u1']);
        await expect(ids(['zed@example.org'], T0, T0 + 9 * HOUR)).resolves.toEqual(['ob_u5']);
        await expect(ids(['nobody@example.org'], T0, T0 + 9 * HOUR)).resolves.toEqual([]);
        await expect(ids([], T0, T0 + 9 * HOUR)).resolves.toEqual([]);
        await expect(ids(['sam@example.org'], T0 + 9 * HOUR, T0)).resolves.toEqual([]);
        // Reallocated: the case's work goes with it.
        await store.cases.update(aCase({ allocations: { 'social-worker': 'zed@example.org' }, version: 2 }));
        await expect(ids(['sam@example.org'], T0, T0 + 9 * HOUR)).resolves.toEqual(['ob_u4']);
        await expect(store.obligations.openUnownedOnCasesOf(['sam@example.org'], Number.NaN, T0)).rejects.toThrow(RangeError);
        await expect(store.obligations.openUnownedOnCasesOf(['sam@example.org'], T0, Number.NaN)).rejects.toThrow(RangeError);
      });
    });

    describe('the cases of a team', () => {
      it('finds the cases on which any of some people holds a role now, by reference, following reallocations', async () => {
        await store.cases.insert(aCase());
        await store.cases.insert(aCase({ id: 'ca_2', caseRef: 'C-10300', allocations: { iro: 'IRO.Jones@example.org', 'social-worker': 'ali@example.org' } }));
        await store.cases.insert(aCase({ id: 'ca_3', caseRef: 'C-10500', allocations: {} }));
        const refs = async (emails: string[]) => (await store.cases.listAllocatedTo(emails)).map((c) => c.caseRef);
        await expect(refs(['Sam@Example.org', 'iro.jones@example.org'])).resolves.toEqual(['C-10300', 'C-10442']);
        await expect(refs(['nobody@example.org'])).resolves.toEqual([]);
        await expect(refs([])).resolves.toEqual([]);
        await expect(store.cases.listAllocatedTo(['ali@example.org'])).resolves.toEqual([aCase({ id: 'ca_2', caseRef: 'C-10300', allocations: { iro: 'IRO.Jones@example.org', 'social-worker': 'ali@example.org' } })]);

        await store.cases.update(aCase({ allocations: { 'social-worker': 'ali@example.org' }, version: 2 }));
        await expect(refs(['sam@example.org'])).resolves.toEqual([]);
        await expect(refs(['ali@example.org'])).resolves.toEqual(['C-10300', 'C-10442']);
      });
    });

    it('finds a case’s audit events by time, and keeps them apart from statements’', async () => {
      const moved = anAuditEvent({ id: 'au_2', statementId: null, caseId: 'ca_1', action: 'obligation-moved', at: T0 + 120, details: { obligation: 'ob_c1', to: 'p_ali' } });
      const corrected = anAuditEvent({ id: 'au_1', statementId: null, caseId: 'ca_1', action: 'case-event-corrected', at: T0 + 60, details: { eventId: 'LCS-1' } });
      await store.audit.append(moved);
      await store.audit.append(corrected);
      await store.audit.append(anAuditEvent({ id: 'au_3' }));
      await expect(store.audit.listForCase('ca_1')).resolves.toEqual([corrected, moved]);
      await expect(store.audit.listForStatement('st_1')).resolves.toEqual([anAuditEvent({ id: 'au_3' })]);
    });

    it('keeps a case, its events and its obligations all or none in a transaction', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.cases.insert(aCase());
          await tx.caseEvents.insert(aCaseEvent());
          await tx.obligations.insertMany([aCaseObligation()]);
          throw new Error('the case system sent something unexpected');
        }),
      ).rejects.toThrow('unexpected');
      await expect(store.cases.getByRef('C-10442')).resolves.toBeNull();
      await expect(store.caseEvents.get('liquidlogic', 'LCS-1')).resolves.toBeNull();
      await expect(store.obligations.listForCase('ca_1')).resolves.toEqual([]);
      await store.transaction(async (tx) => {
        await tx.cases.insert(aCase());
        await tx.caseEvents.insert(aCaseEvent());
        await tx.obligations.insertMany([aCaseObligation()]);
      });
      await expect(store.caseEvents.listForSubject('ca_1')).resolves.toEqual([aCaseEvent()]);
      await expect(store.obligations.listForCase('ca_1')).resolves.toEqual([aCaseObligation()]);
    });
  });
}
