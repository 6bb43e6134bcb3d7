import type { EventMatch, Standard, Vocabulary, WorkingCalendar } from '../standards';
import type { Case } from './case';
import { parseCaseEvent } from './case-event-envelope';
import type { CaseEventOutcome, CaseWorkService } from './case-work-service';
import type { Obligation } from './obligation';
import { Permissions } from './permissions';
import type { Person } from './person';
import type { Store } from './ports/store.port';

/**
 * What a worker records from Teams about a child's case: what the case system will not
 * send (`case-events.md`: events come "from what workers do in Teams"), as a case event
 * with source `teams`, through the same checks and the same intake as the case system's
 * (`CaseWorkService`), authorised from the Teams identity.
 *
 * Only events no case system records are offered: that a Mind Of My Own app was
 * introduced or offered to the child (momo 4.1, 4.7, 5.1, 5.2, 6.1; yjs's Xchange), and
 * that the practitioner told the child or family they were running late (core practice
 * standard 1, item 3). Visits, reviews and the rest are the case system's to send: a
 * second record of them from Teams would count twice.
 */

/** The sending system of events recorded in Teams. @example TEAMS_SOURCE; // 'teams' */
export const TEAMS_SOURCE = 'teams';

/** Event types (with the qualifier values) a worker may record from Teams. */
const RECORDABLE: readonly EventMatch[] = [
  { type: 'app-introduced', details: { app: ['momo', 'one', 'xchange'] } },
  { type: 'contact-made', details: { kind: ['late-notice'] } },
];

/**
 * The event that meets a standard and may be recorded from Teams, with the qualifiers it
 * carries (the stop's own values: `app: momo` for momo 4.1), or null when the standard's
 * stop is the case system's to send.
 *
 * @example
 * recordableStop(momo41); // { type: 'app-introduced', details: { app: 'momo' } }
 * recordableStop(cicVisits); // null
 */
export function recordableStop(standard: Pick<Standard, 'stops'>): { type: string; details: Record<string, string> } | null {
  for (const stop of standard.stops) {
    const allowed = RECORDABLE.find((r) => r.type === stop.type);
    if (!allowed) continue;
    const details: Record<string, string> = {};
    let ok = true;
    for (const [key, values] of Object.entries(allowed.details)) {
      const value = stop.details[key]?.find((v) => values.includes(v));
      if (value === undefined) ok = false;
      else details[key] = value;
    }
    if (ok) return { type: stop.type, details };
  }
  return null;
}

/**
 * Why recording was refused, as a code the conversation words: the obligation is not an
 * open case obligation of a known standard, its stop is not recordable, or the person may
 * not record on this case. Each tells the person nothing about the case.
 *
 * @example const r: RecordRefusal = 'NOT_ALLOWED';
 */
export type RecordRefusal = 'NOT_FOUND' | 'NOT_RECORDABLE' | 'NOT_ALLOWED';

/**
 * What recording did: the event was received (or it had been, by an earlier press), and
 * the case it was recorded on; or a refusal.
 *
 * @example const r: RecordResult = { ok: true, outcome: 'imported', kase, type: 'app-introduced', details: { app: 'momo' } };
 */
export type RecordResult =
  | { ok: true; outcome: Exclude<CaseEventOutcome['status'], 'refused'> | 'already-recorded'; kase: Case; type: string; details: Record<string, string> }
  | { ok: false; code: RecordRefusal };

/** @example const deps: TeamsCaseEventsDeps = { store, caseWork, standards, vocabulary, calendar, now }; */
export interface TeamsCaseEventsDeps {
  store: Store;
  caseWork: Pick<CaseWorkService, 'receive'>;
  standards: Standard[];
  vocabulary: Vocabulary;
  calendar: WorkingCalendar;
  now: () => number;
}

/**
 * Records from Teams the event that meets an open case obligation.
 *
 * @example
 * const recorder = new TeamsCaseEvents({ store, caseWork, standards, vocabulary, calendar, now });
 * await recorder.recordStop(sam, 'ob_123'); // { ok: true, outcome: 'imported', … }
 */
export class TeamsCaseEvents {
  private readonly byId: Map<string, Standard>;

  constructor(private readonly deps: TeamsCaseEventsDeps) {
    this.byId = new Map(deps.standards.map((s) => [s.id, s]));
  }

  /**
   * The stop of an obligation's standard this person may record from Teams now, or null:
   * for an open obligation of a child's case whose stop is recordable, for someone who
   * may record on the case (domain/permissions.ts).
   */
  async offer(actor: Person, obligation: Obligation, kase: Case): Promise<ReturnType<typeof recordableStop>> {
    const standard = this.byId.get(obligation.standardId);
    if (obligation.status !== 'open' || obligation.caseId !== kase.id || !standard) return null;
    const stop = recordableStop(standard);
    return stop && (await new Permissions(this.deps.store.directory).mayRecordOnCase(actor, kase)) ? stop : null;
  }

  /**
   * Records, as happened now and done by `actor`, the event that meets an open case
   * obligation: authorised from the actor (who may record on the case), checked like any
   * case event, received through the case-work intake, which audits who recorded it.
   * A second press for the same obligation records nothing more (`already-recorded`).
   */
  async recordStop(actor: Person, obligationId: string): Promise<RecordResult> {
    const { store, now } = this.deps;
    const obligation = obligationId === '' ? null : await store.obligations.get(obligationId);
    const kase = obligation?.caseId ? await store.cases.get(obligation.caseId) : null;
    const standard = obligation ? this.byId.get(obligation.standardId) : undefined;
    if (!obligation || !kase || !standard) return { ok: false, code: 'NOT_FOUND' };
    if (!(await new Permissions(store.directory).mayRecordOnCase(actor, kase))) return { ok: false, code: 'NOT_ALLOWED' };
    const stop = recordableStop(standard);
    if (!stop) return { ok: false, code: 'NOT_RECORDABLE' };
    // One event per obligation pressed: a double click or a stale card finds it recorded.
    const eventId = `${obligation.id}.${stop.type}`;
    if (await store.caseEvents.get(TEAMS_SOURCE, eventId)) return { ok: true, outcome: 'already-recorded', kase, ...stop };
    if (obligation.status !== 'open') return { ok: true, outcome: 'already-recorded', kase, ...stop };

    const at = now();
    const parsed = parseCaseEvent(
      {
        eventId,
        source: TEAMS_SOURCE,
        caseRef: kase.caseRef,
        childInitials: kase.initials,
        type: stop.type,
        occurredAt: new Date(at * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        ...(actor.email ? { by: actor.email } : {}),
        details: stop.details,
      },
      { vocabulary: this.deps.vocabulary, calendar: this.deps.calendar, now: at },
    );
    // Everything in it comes from the store and the vocabulary: a refusal here is a bug, not bad input.
    if (!parsed.ok) throw new Error(`a Teams case event failed its own checks: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    // Received (and audited as recorded by the actor) in the intake's own transaction.
    const { outcomes } = await this.deps.caseWork.receive([parsed.event], 'card', { kind: 'person', id: actor.id });
    const outcome = outcomes[0];
    // Refused only when a simultaneous press recorded it first (same id, another second).
    if (outcome.status === 'refused') return { ok: true, outcome: 'already-recorded', kase, ...stop };
    return { ok: true, outcome: outcome.status, kase, ...stop };
  }
}
