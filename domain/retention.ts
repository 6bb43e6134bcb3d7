import { z } from 'zod';
import type { SettingsRepository, StatementRepository } from './ports/store.port';
import type { StatementService } from './statement-service';

/**
 * The retention of statements' PDFs: once a statement is saved to the case record, the case
 * record holds the child's words, so Heard's own copy of the PDF is kept only for a period
 * the council chooses, then purged — the statement, its clocks and its audit trail stay,
 * with an audit event saying when and why the PDF went. Setting `retention`:
 * `{"pdfDaysAfterSaved": 30}`; unset (or null), PDFs are kept.
 */

/** The setting's key. @example await settings.set(RETENTION_SETTING_KEY, { pdfDaysAfterSaved: 30 }); */
export const RETENTION_SETTING_KEY = 'retention';

/**
 * The retention setting, for `heard config` and for reading it: whole days from 1 to 3,650
 * (ten years) after the statement was saved to the case record, or null to keep PDFs.
 *
 * @example
 * RetentionPolicySchema.parse({ pdfDaysAfterSaved: 30 }); // { pdfDaysAfterSaved: 30 }
 * RetentionPolicySchema.parse({}); // { pdfDaysAfterSaved: null }
 */
export const RetentionPolicySchema = z
  .object({
    pdfDaysAfterSaved: z
      .number({ message: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days (ten years)')
      .nullable()
      .default(null),
  })
  .strict();

/** @example const p: RetentionPolicy = { pdfDaysAfterSaved: 30 }; */
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

/**
 * The council's retention policy from settings; a malformed setting fails with the key and
 * the problem.
 *
 * @example
 * const policy = await loadRetentionPolicy(store.settings); // { pdfDaysAfterSaved: null } when unset
 */
export async function loadRetentionPolicy(settings: SettingsRepository): Promise<RetentionPolicy> {
  const parsed = RetentionPolicySchema.safeParse((await settings.get(RETENTION_SETTING_KEY)) ?? {});
  if (!parsed.success) throw new Error(`setting "${RETENTION_SETTING_KEY}" is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Statements purged per read: a backlog (a policy newly set) goes in batches, each its own transactions. */
const BATCH = 100;

/**
 * The purge job: every PDF whose statement was saved to the case record longer ago than
 * the policy allows is removed, one statement per transaction (StatementService
 * `purgePdfUnderRetention`: PDF deleted, statement marked, audit event, cards updated).
 * Restart-safe: what is purged is no longer listed, what is not is found again, and a
 * statement purged by another instance meanwhile is left alone.
 *
 * @example
 * const retention = new PdfRetention({ statements: store.statements, settings: store.settings, service, now });
 * await retention.sweep(); // how many PDFs it removed
 */
export class PdfRetention {
  constructor(private readonly deps: { statements: Pick<StatementRepository, 'listPdfsHeldSavedBefore'>; settings: SettingsRepository; service: Pick<StatementService, 'purgePdfUnderRetention'>; now: () => number }) {}

  async sweep(): Promise<number> {
    const { pdfDaysAfterSaved: days } = await loadRetentionPolicy(this.deps.settings);
    if (days === null) return 0;
    const savedBefore = this.deps.now() - days * 86400;
    let purged = 0;
    for (;;) {
      const due = await this.deps.statements.listPdfsHeldSavedBefore(savedBefore, BATCH);
      let progressed = false;
      for (const s of due) {
        if (await this.deps.service.purgePdfUnderRetention(s.id, savedBefore, days)) {
          purged++;
          progressed = true;
        }
      }
      if (due.length < BATCH || !progressed) return purged;
    }
  }
}
