import type { Obligation } from '../../domain/obligation';
import type { PageCursor, Store } from '../../domain/ports/store.port';
import type { Statement } from '../../domain/statement';
import { HOUR, T0, anObligation, aStatement } from './store-fixtures';

/**
 * The reads behind reports, history and retention, as every store must answer them: pages
 * of a period that together hold every row once, in order, whatever the page size; a
 * child's statements; the PDFs the retention policy may purge. Run against each adapter
 * beside the main contract.
 *
 * @example
 * describeReportStoreContract('the embedded store', () => openSqliteStore(freshFile()));
 */
export function describeReportStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} answers the report, history and retention reads`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    /** Reads every page of `read` with pages of `size`, the cursor taken from each page's last row. */
    async function allPages<T>(read: (after: PageCursor | null) => Promise<T[]>, cursorOf: (row: T) => PageCursor, size: number): Promise<T[]> {
      const rows: T[] = [];
      let after: PageCursor | null = null;
      for (let page = 0; page < 100; page++) {
        const got = await read(after);
        rows.push(...got);
        if (got.length < size) return rows;
        after = cursorOf(got[got.length - 1]);
      }
      throw new Error('paging did not end');
    }

    it('pages through the statements sent in a period, each once, by sent time then id, whatever the page size', async () => {
      // Five sent at the same instant (ids out of order), one at each bound, one after.
      const sent: [string, number][] = [['st_e', T0], ['st_a', T0], ['st_c', T0], ['st_b', T0], ['st_d', T0], ['st_early', T0 - HOUR], ['st_last', T0 + HOUR - 1], ['st_out', T0 + HOUR], ['st_before', T0 - HOUR - 1]];
      for (const [id, sentAt] of sent) await store.statements.insert(aStatement({ id, externalId: `momo-${id}`, sentAt }));
      const expected = ['st_early', 'st_a', 'st_b', 'st_c', 'st_d', 'st_e', 'st_last'];
      for (const size of [1, 2, 3, 50]) {
        const rows = await allPages((after) => store.statements.pageSentBetween(T0 - HOUR, T0 + HOUR, after, size), (s: Statement) => ({ at: s.sentAt, id: s.id }), size);
        expect(rows.map((s) => s.id)).toEqual(expected);
      }
      await expect(store.statements.pageSentBetween(T0, T0 + HOUR, null, 0)).resolves.toEqual([]);
    });

    it('pages through the obligations due in a period, of any status, each once, by due then id', async () => {
      const due: [string, number, Obligation['status']][] = [['ob_3', T0, 'open'], ['ob_1', T0, 'met'], ['ob_2', T0, 'cancelled'], ['ob_0', T0 - 1, 'open'], ['ob_9', T0 + 10, 'open'], ['ob_end', T0 + 20, 'open']];
      await store.obligations.insertMany(due.map(([id, d, status]) => anObligation({ id, due: d, status, completedAt: status === 'met' ? d : null })));
      for (const size of [1, 2, 10]) {
        const rows = await allPages((after) => store.obligations.pageDueBetween(T0, T0 + 20, after, size), (o: Obligation) => ({ at: o.due, id: o.id }), size);
        expect(rows.map((o) => [o.id, o.status])).toEqual([['ob_1', 'met'], ['ob_2', 'cancelled'], ['ob_3', 'open'], ['ob_9', 'open']]);
      }
    });

    it("lists a child's statements by reference, oldest sent first, and no one else's", async () => {
      await store.statements.insert(aStatement({ id: 'st_2', externalId: 'momo-2', sentAt: T0 + HOUR, child: { reference: 'CR-1', initials: 'AB' } }));
      await store.statements.insert(aStatement({ id: 'st_1', externalId: 'momo-1', sentAt: T0, child: { reference: 'CR-1', initials: 'AB' } }));
      await store.statements.insert(aStatement({ id: 'st_3', externalId: 'momo-3', sentAt: T0, child: { reference: 'CR-10', initials: 'CD' } }));
      expect((await store.statements.listForChild('CR-1')).map((s) => s.id)).toEqual(['st_1', 'st_2']);
      expect((await store.statements.listForChild('CR-1', 1)).map((s) => s.id)).toEqual(['st_1']);
      expect(await store.statements.listForChild('CR-2')).toEqual([]);
    });

    it('lists the statements whose PDF is still held after being saved to the case record before an instant, oldest saved first', async () => {
      const saved = (savedAt: number) => ({ system: 'Liquid Logic', reference: 'LL-1', savedAt });
      const statements: Statement[] = [
        aStatement({ id: 'st_late', externalId: 'm-1', status: 'saved', caseRecord: saved(T0 + 2 * HOUR) }),
        aStatement({ id: 'st_old', externalId: 'm-2', status: 'saved', caseRecord: saved(T0) }),
        aStatement({ id: 'st_edge', externalId: 'm-3', status: 'closed', caseRecord: saved(T0 + HOUR) }),
        aStatement({ id: 'st_purged', externalId: 'm-4', status: 'saved', caseRecord: saved(T0), pdf: { bytes: 1, sha256: 'ab'.repeat(32), purgedAt: T0 + 10 } }),
        aStatement({ id: 'st_no_pdf', externalId: 'm-5', status: 'saved', caseRecord: saved(T0), pdf: null }),
        aStatement({ id: 'st_unsaved', externalId: 'm-6', status: 'acknowledged' }),
      ];
      for (const s of statements) await store.statements.insert(s);
      expect((await store.statements.listPdfsHeldSavedBefore(T0 + HOUR, 10)).map((s) => s.id)).toEqual(['st_old', 'st_edge']);
      expect((await store.statements.listPdfsHeldSavedBefore(T0 + HOUR, 1)).map((s) => s.id)).toEqual(['st_old']);
      // Purged since: it leaves the list.
      const old = (await store.statements.get('st_old'))!;
      await store.statements.update({ ...old, pdf: { ...old.pdf!, purgedAt: T0 + 3 * HOUR }, version: old.version + 1 });
      expect((await store.statements.listPdfsHeldSavedBefore(T0 + 3 * HOUR, 10)).map((s) => s.id)).toEqual(['st_edge', 'st_late']);
    });
  });
}
