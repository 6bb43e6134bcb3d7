import { Permissions } from './permissions';
import type { Absence, Person } from './person';
import type { Store } from './ports/store.port';

/** Why an absence was not recorded. */
export type AbsenceRefusal = 'NOT_ALLOWED' | 'UNKNOWN_PERSON' | 'BAD_DATES';

/**
 * Records an absence with its cover, audited (ids and dates only). While it runs,
 * routing sends the person's new statements to the cover (or their line manager). Who
 * may record it (themselves, their manager, the participation team, an administrator) is
 * decided in the same transaction, from what it reads.
 *
 * @example
 * await recordAbsence(store, actor, { id: 'ab_1', personId: 'p_sam', from: '2026-11-23', until: '2026-11-27', coverId: 'p_ali' }, now, 'au_1');
 */
export async function recordAbsence(
  store: Store,
  actor: Person,
  absence: Absence,
  now: number,
  auditId: string,
): Promise<{ ok: true } | { ok: false; code: AbsenceRefusal }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(absence.from) || !/^\d{4}-\d{2}-\d{2}$/.test(absence.until) || absence.until < absence.from) {
    return { ok: false, code: 'BAD_DATES' };
  }
  return store.transaction(async (tx) => {
    const person = await tx.directory.getPerson(absence.personId);
    if (!person) return { ok: false, code: 'UNKNOWN_PERSON' } as const;
    if (absence.coverId !== null && !(await tx.directory.getPerson(absence.coverId))) return { ok: false, code: 'UNKNOWN_PERSON' } as const;
    if (!(await new Permissions(tx.directory).mayRecordAbsenceFor(actor, person))) return { ok: false, code: 'NOT_ALLOWED' } as const;
    await tx.directory.putAbsence(absence);
    await tx.audit.append({
      id: auditId,
      at: now,
      actor: { kind: 'person', id: actor.id },
      action: 'absence-recorded',
      statementId: null,
      channel: 'message',
      details: { absenceId: absence.id, personId: absence.personId, coverId: absence.coverId, from: absence.from, until: absence.until },
    });
    return { ok: true } as const;
  });
}
