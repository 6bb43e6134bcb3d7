import { Permissions, seesWholeService } from './permissions';
import { byName, type Absence, type Person } from './person';
import type { Store } from './ports/store.port';
import { civilDateOf, epochDayOf, formatCivilDate, parseCivilDate } from '../standards';

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

/**
 * A person's absences that are not over: the one running on `today` and any to come,
 * soonest first.
 *
 * @example
 * await currentAndComing(store, 'p_sam', '2026-11-23'); // [{ id: 'ab_1', from: '2026-11-23', until: '2026-11-27', ... }]
 */
export async function currentAndComing(store: Store, personId: string, today: string): Promise<Absence[]> {
  return (await store.directory.listAbsences(personId)).filter((a) => a.until >= today).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/**
 * Who is away among the people `actor` may see the lists of — their team for a manager,
 * everyone for the head of service and the participation team — today or starting in
 * the next `days` days, with their covers; by first day, then name. Null for someone who
 * manages nobody and does not see the service (they are told to ask about themselves).
 *
 * @example
 * await whoIsAway(store, priya, '2026-11-23', 14); // [{ person: sam, absence, cover: ali }]
 */
export async function whoIsAway(
  store: Store,
  actor: Person,
  today: string,
  lastDay: string,
): Promise<{ person: Person; absence: Absence; cover: Person | null }[] | null> {
  const permissions = new Permissions(store.directory);
  const people = seesWholeService(actor) ? await store.directory.listPeople() : await permissions.managedBy(actor.id);
  if (people.length === 0 && !seesWholeService(actor)) return null;
  const found: { person: Person; absence: Absence; cover: Person | null }[] = [];
  for (const person of people) {
    for (const absence of await currentAndComing(store, person.id, today)) {
      if (absence.from > lastDay) continue;
      found.push({ person, absence, cover: absence.coverId ? await store.directory.getPerson(absence.coverId) : null });
    }
  }
  return found.sort((a, b) => (a.absence.from < b.absence.from ? -1 : a.absence.from > b.absence.from ? 1 : byName(a.person, b.person)));
}

/**
 * Withdraws an absence that is not over: one still to come is removed; one already
 * running ends yesterday ("I'm back", "cancel my leave" half way through), since the days
 * away so far were real. Audited; the same people who may record it may withdraw it.
 *
 * @example
 * await withdrawAbsence(store, sam, { id: 'ab_1', personId: 'p_sam' }, '2026-11-25', now, 'au_9'); // { ok: true, outcome: 'ended', absence: { ..., until: '2026-11-24' } }
 */
export async function withdrawAbsence(
  store: Store,
  actor: Person,
  absence: Pick<Absence, 'id' | 'personId'>,
  today: string,
  now: number,
  auditId: string,
): Promise<{ ok: true; outcome: 'removed' | 'ended'; absence: Absence } | { ok: false; code: AbsenceRefusal | 'NOT_FOUND' }> {
  const absenceId = absence.id;
  return store.transaction(async (tx) => {
    const person = await tx.directory.getPerson(absence.personId);
    if (!person) return { ok: false, code: 'NOT_FOUND' } as const;
    const stored = (await tx.directory.listAbsences(person.id)).find((a) => a.id === absenceId);
    if (!stored || stored.until < today) return { ok: false, code: 'NOT_FOUND' } as const;
    if (!(await new Permissions(tx.directory).mayRecordAbsenceFor(actor, person))) return { ok: false, code: 'NOT_ALLOWED' } as const;
    const started = stored.from < today;
    const changed: Absence = started ? { ...stored, until: dayBefore(today) } : stored;
    if (started) await tx.directory.putAbsence(changed);
    else await tx.directory.deleteAbsence(stored.id);
    await tx.audit.append({
      id: auditId,
      at: now,
      actor: { kind: 'person', id: actor.id },
      action: started ? 'absence-ended' : 'absence-removed',
      statementId: null,
      channel: 'message',
      details: { absenceId: stored.id, personId: stored.personId, from: stored.from, until: changed.until },
    });
    return { ok: true, outcome: started ? 'ended' : 'removed', absence: changed } as const;
  });
}

/** The local date before `date` (`YYYY-MM-DD`). */
function dayBefore(date: string): string {
  const civil = parseCivilDate(date);
  if (!civil) throw new RangeError(`not a date: ${date}`);
  return formatCivilDate(civilDateOf(epochDayOf(civil) - 1));
}
