import { renderStatementCard } from '../cards/statement-card';
import { DEFAULT_CASE_RECORD_SYSTEMS, statementCardModel } from '../cards/statement-view';
import { loadRetentionPolicy, PdfRetention, RETENTION_SETTING_KEY } from '../domain/retention';
import { parseInstant } from '../standards';
import { schedulerWorld, type SchedulerWorld } from './scheduler-harness';
import { standardsAndCalendar } from './test-council.fixture';
import { validateAdaptiveCard } from './validate-card';

/**
 * Retention: "the PDF is stored and served only through short-lived, per-user signed links,
 * and can be purged after it is saved to the case record while the audit trail is kept"
 * (product.md). A configurable period after saving, then a purge job with its own audit
 * events — on the scheduler's fake clock, across restarts, crashes and two instances.
 */

const t = parseInstant;
const DAY = 86400;
const PDF = Buffer.from('%PDF-1.4 fictional statement');

let world: SchedulerWorld;
let saved: string;
let unsaved: string;

beforeEach(async () => {
  world = await schedulerWorld({ start: t('2026-11-23T10:00:00Z') });
  saved = await world.receive('momo-saved', t('2026-11-23T09:30:00Z'), { pdf: PDF });
  unsaved = await world.receive('momo-unsaved', t('2026-11-23T09:40:00Z'), { pdf: PDF, child: { reference: 'C-2', initials: 'CD' } });
  world.clock.now = t('2026-11-23T11:00:00Z');
  await world.service.recordSaved(saved, world.person('p_sam'), { system: 'Liquid Logic', reference: 'LL-42' }, 'card');
  await world.store.settings.set(RETENTION_SETTING_KEY, { pdfDaysAfterSaved: 30 });
});

afterEach(() => world.close());

describe("the retention of statements' PDFs", () => {
  it('removes the PDF 30 days after the statement was saved to the case record, and not a second sooner — the statement and its audit trail stay', async () => {
    const scheduler = world.scheduler();
    world.clock.now = t('2026-11-23T11:00:00Z') + 30 * DAY - 1;
    expect((await scheduler.sweep()).purged).toBe(0);
    expect(await world.store.pdfs.get(saved)).toEqual(PDF);

    world.clock.now += 1;
    const auditBefore = await world.store.audit.listForStatement(saved);
    expect((await world.scheduler('after-restart').sweep()).purged).toBe(1);
    expect(await world.store.pdfs.get(saved)).toBeNull();
    expect(await world.store.statements.get(saved)).toMatchObject({ status: 'saved', caseRecord: { system: 'Liquid Logic', reference: 'LL-42' }, pdf: { purgedAt: world.clock.now } });
    const audit = await world.store.audit.listForStatement(saved);
    expect(audit.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(audit.slice(auditBefore.length)).toEqual([
      expect.objectContaining({ action: 'pdf-purged', actor: { kind: 'system', id: 'retention' }, channel: 'scheduler', details: { retentionDays: 30, bytes: PDF.length }, at: world.clock.now }),
    ]);
    // Never saved: kept, however old.
    expect(await world.store.pdfs.get(unsaved)).toEqual(PDF);
  });

  it('then refuses the download with a clear reason, and the card says why and offers no Download', async () => {
    world.clock.now += 31 * DAY;
    await world.scheduler().sweep();
    expect(await world.service.downloadPdf(saved, world.person('p_sam'))).toEqual({ ok: false, code: 'PDF_NOT_AVAILABLE' });
    const { standards, calendar } = standardsAndCalendar();
    const statement = (await world.store.statements.get(saved))!;
    const card = renderStatementCard(
      statementCardModel({
        statement,
        obligations: await world.store.obligations.listForStatement(saved),
        audit: await world.store.audit.listForStatement(saved),
        deliveries: [],
        names: new Map([['p_sam', 'Sam Worker']]),
        viewer: world.person('p_sam'),
        viewerTeamsId: null,
        standards: new Map(standards.map((s) => [s.id, s])),
        calendar,
        now: world.clock.now,
        caseRecordSystems: DEFAULT_CASE_RECORD_SYSTEMS,
      }),
    );
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('The PDF was removed from Heard on Thu 24 Dec under the council’s retention policy, after it was saved to the case record (Liquid Logic LL-42). Open it there.');
    expect(text).not.toContain('"title":"Download"');
  });

  it('purges each PDF once when two instances sweep together, and a purge cut short by a crash is finished by the next run', async () => {
    const more: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await world.receive(`momo-more-${i}`, world.clock.now, { pdf: PDF, child: { reference: `C-1${i}`, initials: 'EF' } });
      await world.service.recordSaved(id, world.person('p_sam'), { system: 'Mosaic', reference: `M-${i}` }, 'card');
      more.push(id);
    }
    world.clock.now += 30 * DAY;
    // A process that dies after its second purge: the first two are done, the rest are not.
    let calls = 0;
    const dying = new PdfRetention({
      statements: world.store.statements,
      settings: world.store.settings,
      service: { purgePdfUnderRetention: async (...args) => (++calls > 2 ? Promise.reject(new Error('killed')) : world.service.purgePdfUnderRetention(...args)) },
      now: () => world.clock.now,
    });
    await expect(dying.sweep()).rejects.toThrow('killed');
    const [a, b] = await Promise.all([world.scheduler('sched-a').sweep(), world.scheduler('sched-b').sweep()]);
    expect(2 + a.purged + b.purged).toBe(6);
    for (const id of [saved, ...more]) {
      expect(await world.store.pdfs.get(id)).toBeNull();
      expect((await world.store.audit.listForStatement(id)).filter((e) => e.action === 'pdf-purged')).toHaveLength(1);
    }
    expect((await world.scheduler('sched-c').sweep()).purged).toBe(0);
  });

  it('keeps every PDF while no period is set, and names the setting when its value is wrong', async () => {
    await world.store.settings.set(RETENTION_SETTING_KEY, { pdfDaysAfterSaved: null });
    world.clock.now += 365 * DAY;
    expect((await world.scheduler().sweep()).purged).toBe(0);
    expect(await world.store.pdfs.get(saved)).toEqual(PDF);
    await world.store.settings.set(RETENTION_SETTING_KEY, { pdfDaysAfterSaved: 0 });
    await expect(loadRetentionPolicy(world.store.settings)).rejects.toThrow('setting "retention" is invalid: pdfDaysAfterSaved: must be at least 1 day');
    await world.store.settings.set(RETENTION_SETTING_KEY, { pdfDays: 30 });
    await expect(loadRetentionPolicy(world.store.settings)).rejects.toThrow('setting "retention" is invalid');
  });
});
