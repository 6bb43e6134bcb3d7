import type { Store } from '../../domain/ports/store.port';
import { HOUR, T0, anAuditEvent, anObligation } from './store-fixtures';

/**
 * The storage contract of what a change of the organisation's configuration needs: its
 * audit events listed by setting, and the open obligations of a standard read page by
 * page to be worked out again. Run against each adapter beside `describeStoreContract`;
 * `open` must give a new, empty store each time; the suite closes what it opens.
 *
 * @example
 * describeConfigurationContract('the embedded store', () => openSqliteStore(freshFile()));
 */
export function describeConfigurationContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} keeps what configuration changes need`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('configuration changes in the audit trail', () => {
      const change = (id: string, setting: string, at: number) =>
        anAuditEvent({ id, at, setting, statementId: null, action: 'configuration-changed', actor: { kind: 'person', id: 'p_hana' }, channel: 'cli', details: { from: '{}', to: '{"division":"scotland"}' } });

      it('lists the changes of one setting or of all, by time, those of the same second in the order appended, and nothing else', async () => {
        const calendar = change('au_c1', 'calendar', T0 + 120);
        const packs = change('au_c2', 'packs', T0 + 60);
        const calendarAgain = change('au_c3', 'calendar', T0 + 120);
        const statementEvent = anAuditEvent({ id: 'au_s1', at: T0 + 90 });
        for (const event of [calendar, packs, statementEvent, calendarAgain]) await store.audit.append(event);
        await expect(store.audit.listConfiguration()).resolves.toEqual([packs, calendar, calendarAgain]);
        await expect(store.audit.listConfiguration({ setting: 'calendar' })).resolves.toEqual([calendar, calendarAgain]);
        await expect(store.audit.listConfiguration({ setting: 'retention' })).resolves.toEqual([]);
        // The statement's own trail is not disturbed by the new field.
        await expect(store.audit.listForStatement('st_1')).resolves.toEqual([statementEvent]);
      });

      it('gives the last `limit` changes, oldest of them first, and refuses a limit that is not a whole number of at least 0', async () => {
        for (let i = 1; i <= 4; i++) await store.audit.append(change(`au_c${i}`, 'calendar', T0 + i * 60));
        await expect(store.audit.listConfiguration({}, 2)).resolves.toEqual([change('au_c3', 'calendar', T0 + 180), change('au_c4', 'calendar', T0 + 240)]);
        await expect(store.audit.listConfiguration({}, 0)).resolves.toEqual([]);
        await expect(store.audit.listConfiguration({}, -1)).rejects.toThrow(RangeError);
      });

      it('keeps a configuration change as it keeps every event: never replaced', async () => {
        await store.audit.append(change('au_c1', 'calendar', T0));
        await expect(store.audit.append(change('au_c1', 'packs', T0))).rejects.toThrow('audit event au_c1 is already in the log');
        await expect(store.audit.listConfiguration()).resolves.toEqual([change('au_c1', 'calendar', T0)]);
      });
    });

    describe('open obligations, page by page', () => {
      beforeEach(async () => {
        await store.obligations.insertMany([
          anObligation({ id: 'ob_b', due: T0 + 2 * HOUR }),
          anObligation({ id: 'ob_a', due: T0 + 3 * HOUR }),
          anObligation({ id: 'ob_c', due: T0 + HOUR }),
          anObligation({ id: 'ob_d', standardId: 'momo.1.1', due: T0 }),
          anObligation({ id: 'ob_met', status: 'met', completedAt: T0 }),
          anObligation({ id: 'ob_cancelled', status: 'cancelled' }),
        ]);
      });
      const page = async (after: string | null, limit: number, standardIds?: string[]) => (await store.obligations.listOpen(after, limit, standardIds)).map((o) => o.id);

      it('lists only the open ones, by id, whatever their deadlines', async () => {
        await expect(page(null, 10)).resolves.toEqual(['ob_a', 'ob_b', 'ob_c', 'ob_d']);
        await expect(store.obligations.listOpen(null, 1)).resolves.toEqual([anObligation({ id: 'ob_a', due: T0 + 3 * HOUR })]);
      });

      it('goes on after an id, and meets each once even when deadlines move between pages', async () => {
        await expect(page(null, 2)).resolves.toEqual(['ob_a', 'ob_b']);
        const b = (await store.obligations.get('ob_b'))!;
        await store.obligations.update({ ...b, due: T0 + 9 * HOUR, version: b.version + 1 });
        await expect(page('ob_b', 2)).resolves.toEqual(['ob_c', 'ob_d']);
        await expect(page('ob_d', 2)).resolves.toEqual([]);
      });

      it('keeps to the standards named', async () => {
        await expect(page(null, 10, ['momo.1.1'])).resolves.toEqual(['ob_d']);
        await expect(page(null, 10, ['momo.1.1', 'momo.2.1'])).resolves.toEqual(['ob_a', 'ob_b', 'ob_c', 'ob_d']);
        await expect(page(null, 10, [])).resolves.toEqual([]);
      });

      it('answers nothing for a limit of 0, and refuses a limit that is not a whole number', async () => {
        await expect(page(null, 0)).resolves.toEqual([]);
        await expect(store.obligations.listOpen(null, 2.5)).rejects.toThrow(RangeError);
      });
    });
  });
}
