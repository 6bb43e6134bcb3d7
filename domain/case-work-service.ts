import { randomBytes } from 'crypto';
import { builtInVocabulary, unrecognisedDetails, type Standard, type Vocabulary, type WorkingCalendar } from '../standards';
import type { AuditEvent } from './audit-event';
import type { Case, CaseEvent, StaffSubject } from './case';
import { ClockRules, workOutClocks, type ClockEvent, type ClockObligation, type StaffOwners } from './case-clocks';
import type { CaseEventInput } from './case-event-envelope';
import { DEFAULT_NUDGE_POLICY, nudgePlan, type NudgePolicy } from './nudge-policy';
import type { Obligation } from './obligation';
import type { Handover } from './handover';
import type { Repositories, Store } from './ports/store.port';
import { opensClocks } from './standard-overrides';

/**
 * Case work: receives case events (the API and `heard import case-events` alike), keeps
 * each once, and works the clocks of every case and member of staff they touch out again
 * from its whole history (`case-clocks.ts`), matching the result with the obligations
 * stored so that ids stay stable and only what changed is written.
 */

/** What happened to one event. @example const o: CaseEventOutcome = { status: 'unchanged' }; */
export type CaseEventOutcome =
  | { status: 'imported' }
  | { status: 'unchanged' }
  | { status: 'refused'; code: 'EVENT_ID_CONFLICT'; message: string };

/**
 * What a batch did, as `heard import case-events` prints it.
 *
 * @example
 * const s: CaseWorkSummary = { imported: 3, unchanged: 0, cases: 1, obligationsOpened: 4, obligationsMet: 2, unrecognised: [] };
 */
export interface CaseWorkSummary {
  imported: number;
  unchanged: number;
  /** Distinct cases the accepted events are about. */
  cases: number;
  obligationsOpened: number;
  obligationsMet: number;
  /** Qualifier values that match no standard (a new code in the case system), with how many events carried each. */
  unrecognised: { field: string; value: string; count: number }[];
}

export interface CaseWorkDeps {
  store: Store;
  standards: Standard[];
  /** Enabled pack ids: only their standards open obligations. */
  packs: Set<string>;
  calendar: WorkingCalendar;
  vocabulary?: Vocabulary;
  nudgePolicy?: NudgePolicy;
  now: () => number;
  newId?: (prefix: string) => string;
}

/** Events written per transaction when a batch touches many cases: few commits, bounded work to redo. */
const EVENTS_PER_TRANSACTION = 2000;

interface SubjectGroup {
  key: string;
  indexes: number[];
}

/** A case or a member of staff, as loaded for one transaction. */
type Subject = ({ kind: 'case'; record: Case } | { kind: 'staff'; record: StaffSubject }) & {
  /**
   * Created in this transaction: all its events and obligations are the ones in hand, so
   * they need not be read back (a go-live import creates almost every case it touches).
   */
  created?: { events: CaseEvent[] };
};

interface Tally {
  opened: number;
  met: number;
}

/**
 * @example
 * const service = new CaseWorkService({ store, standards, packs, calendar, now });
 * const { outcomes, summary } = await service.receive(events, 'api');
 */
export class CaseWorkService {
  private readonly rules: { case: ClockRules; staff: ClockRules };
  private readonly vocabulary: Vocabulary;
  private readonly policy: NudgePolicy;
  private readonly newId: (prefix: string) => string;

  constructor(private readonly deps: CaseWorkDeps) {
    this.vocabulary = deps.vocabulary ?? builtInVocabulary();
    const enabled = deps.standards.filter((s) => opensClocks(s, deps.packs));
    this.rules = { case: new ClockRules(enabled, this.vocabulary, 'case'), staff: new ClockRules(enabled, this.vocabulary, 'staff') };
    this.policy = deps.nudgePolicy ?? DEFAULT_NUDGE_POLICY;
    this.newId = deps.newId ?? orderedId;
  }

  /**
   * Receives checked events: each is stored once (a repeat is `unchanged`; the same id
   * with other content is refused), and every case and member of staff they touch has its
   * clocks worked out again. Events of one subject are written in one transaction. With
   * `recordedBy` (a person recording from Teams), each event received is audited as
   * recorded by them.
   */
  async receive(
    events: readonly CaseEventInput[],
    channel: CaseEvent['channel'],
    recordedBy?: AuditEvent['actor'],
  ): Promise<{ outcomes: CaseEventOutcome[]; summary: CaseWorkSummary }> {
    const outcomes: CaseEventOutcome[] = new Array(events.length);
    const tally: Tally = { opened: 0, met: 0 };
    const people = new Map<string, string | null>();
    for (const chunk of this.chunks(events)) {
      // The work may run more than once (MongoDB retries a transaction that met a conflict): it starts afresh each time.
      const done = await this.deps.store.transaction(async (tx) => {
        const attempt: Tally = { opened: 0, met: 0 };
        const results = new Map<number, CaseEventOutcome>();
        await this.receiveChunk(tx, events, chunk, { channel, recordedBy }, results, attempt, people);
        return { results, attempt };
      });
      for (const [i, outcome] of done.results) outcomes[i] = outcome;
      tally.opened += done.attempt.opened;
      tally.met += done.attempt.met;
    }
    return { outcomes, summary: this.summarise(events, outcomes, tally) };
  }

  /** Events grouped by the case or member of staff they are about, in arrival order, cut into transactions. */
  private chunks(events: readonly CaseEventInput[]): SubjectGroup[][] {
    const groups = new Map<string, SubjectGroup>();
    events.forEach((e, i) => {
      const key = e.caseRef !== null ? `case:${e.caseRef}` : `staff:${e.staffEmail}`;
      const group = groups.get(key) ?? { key, indexes: [] };
      group.indexes.push(i);
      groups.set(key, group);
    });
    const chunks: SubjectGroup[][] = [];
    let current: SubjectGroup[] = [];
    let size = 0;
    for (const group of groups.values()) {
      current.push(group);
      size += group.indexes.length;
      if (size >= EVENTS_PER_TRANSACTION) {
        chunks.push(current);
        current = [];
        size = 0;
      }
    }
    if (current.length > 0) chunks.push(current);
    return chunks;
  }

  private async receiveChunk(
    tx: Repositories,
    events: readonly CaseEventInput[],
    chunk: SubjectGroup[],
    { channel, recordedBy }: { channel: CaseEvent['channel']; recordedBy: AuditEvent['actor'] | undefined },
    results: Map<number, CaseEventOutcome>,
    tally: Tally,
    people: Map<string, string | null>,
  ): Promise<void> {
    const now = this.deps.now();
    const touched = new Map<string, Subject>();
    // One copy of each subject per transaction, however it was reached (its events, or a correction of one of them).
    const loaded = new Map<string, Subject>();
    const remember = (subject: Subject): Subject => {
      const known = loaded.get(subject.record.id);
      if (known) return known;
      loaded.set(subject.record.id, subject);
      return subject;
    };
    // Every event of the chunk already received, in one read; those received in it join as they are written.
    const eventKey = (source: string, eventId: string) => `${source}\u0000${eventId}`;
    const received = new Map<string, CaseEvent>();
    const inChunk = chunk.flatMap((group) => group.indexes.map((i) => events[i]));
    for (const e of await tx.caseEvents.getMany(inChunk)) received.set(eventKey(e.source, e.eventId), e);
    // The corrections already received of the events new here (a correction may arrive before what it corrects),
    // the first received of each; those received in this chunk join as they are written.
    const corrections = new Map<string, CaseEvent>();
    const noteCorrection = (c: CaseEvent) => {
      const key = eventKey(c.source, c.supersedes!);
      const known = corrections.get(key);
      if (!known || c.receivedAt < known.receivedAt || (c.receivedAt === known.receivedAt && c.seq < known.seq)) corrections.set(key, c);
    };
    const fresh = inChunk.filter((e) => !received.has(eventKey(e.source, e.eventId)));
    for (const c of await tx.caseEvents.findSuperseding(fresh)) noteCorrection(c);
    for (const group of chunk) {
      const first = events[group.indexes[0]];
      const subject = remember(await this.loadOrCreate(tx, first, now));
      for (const i of group.indexes) {
        const e = events[i];
        const existing = received.get(eventKey(e.source, e.eventId));
        if (existing) {
          results.set(
            i,
            existing.fingerprint === e.fingerprint
              ? { status: 'unchanged' }
              : { status: 'refused', code: 'EVENT_ID_CONFLICT', message: `${e.source} event ${e.eventId} was already received with other content; a resend must repeat it exactly, a correction needs a new eventId with supersedes` },
          );
          continue;
        }
        const corrected = e.supersedes !== null ? await tx.caseEvents.get(e.source, e.supersedes) : null;
        const correction = corrections.get(eventKey(e.source, e.eventId)) ?? null;
        subject.record.eventCount += 1;
        if (e.childInitials !== null && subject.kind === 'case') subject.record.initials = e.childInitials;
        const stored: CaseEvent = {
          source: e.source,
          eventId: e.eventId,
          subject: subject.kind,
          subjectId: subject.record.id,
          caseRef: e.caseRef,
          childInitials: e.childInitials,
          staffEmail: e.staffEmail,
          type: e.type,
          occurredAt: e.occurredAt,
          occurredDateOnly: e.occurredDateOnly,
          scheduledFor: e.scheduledFor,
          scheduledDateOnly: e.scheduledDateOnly,
          by: e.by,
          details: e.details,
          supersedes: e.supersedes,
          identity: corrected?.identity ?? (e.supersedes !== null ? `${e.source}:${e.supersedes}` : `${e.source}:${e.eventId}`),
          supersededBy: correction?.eventId ?? null,
          seq: subject.record.eventCount,
          receivedAt: now,
          channel,
          fingerprint: e.fingerprint,
        };
        await tx.caseEvents.insert(stored);
        received.set(eventKey(stored.source, stored.eventId), stored);
        if (stored.supersedes !== null) noteCorrection(stored);
        subject.created?.events.push(stored);
        results.set(i, { status: 'imported' });
        if (recordedBy) {
          // Someone recorded it in Teams: who, beside what.
          await tx.audit.append({
            id: this.newId('au'),
            at: now,
            actor: recordedBy,
            action: 'case-event-recorded',
            statementId: null,
            caseId: subject.kind === 'case' ? subject.record.id : null,
            channel,
            details: { source: e.source, eventId: e.eventId, type: e.type },
          });
        }
        touched.set(subject.record.id, subject);
        if (corrected && corrected.supersededBy === null) {
          await tx.caseEvents.markSuperseded(corrected.source, corrected.eventId, e.eventId);
          const inHand = loaded.get(corrected.subjectId)?.created?.events.find((x) => x.source === corrected.source && x.eventId === corrected.eventId);
          if (inHand) inHand.supersededBy = e.eventId;
          await tx.audit.append({
            id: this.newId('au'),
            at: now,
            actor: { kind: 'system', id: 'case-events' },
            action: 'case-event-corrected',
            statementId: null,
            caseId: corrected.subject === 'case' ? corrected.subjectId : null,
            channel,
            details: { source: corrected.source, eventId: corrected.eventId, correctedBy: e.eventId, type: corrected.type },
          });
          // A correction may move an event to another case: that case is worked out again too.
          if (!touched.has(corrected.subjectId)) {
            const other = loaded.get(corrected.subjectId) ?? (await this.load(tx, corrected.subject, corrected.subjectId));
            if (other) touched.set(other.record.id, remember(other));
          }
        }
      }
    }
    for (const subject of touched.values()) await this.workOut(tx, subject, now, tally, people, channel);
  }

  private async load(tx: Repositories, kind: 'case' | 'staff', id: string): Promise<Subject | null> {
    if (kind === 'case') {
      const record = await tx.cases.get(id);
      return record ? { kind, record } : null;
    }
    const record = await tx.staff.get(id);
    return record ? { kind, record } : null;
  }

  /** The case (or staff subject) an event is about, created by its first event. */
  private async loadOrCreate(tx: Repositories, e: CaseEventInput, now: number): Promise<Subject> {
    if (e.caseRef !== null) {
      const found = await tx.cases.getByRef(e.caseRef);
      if (found) return { kind: 'case', record: found };
      const record: Case = {
        id: this.newId('ca'),
        caseRef: e.caseRef,
        initials: e.childInitials ?? '',
        dateOfBirth: null,
        flags: [],
        allocations: {},
        status: 'open',
        eventCount: 0,
        lastEventAt: e.occurredAt,
        version: 1,
        updatedAt: now,
      };
      if ((await tx.cases.insert(record)) === 'inserted') return { kind: 'case', record, created: { events: [] } };
      return { kind: 'case', record: (await tx.cases.getByRef(e.caseRef))! };
    }
    const email = e.staffEmail!;
    const found = await tx.staff.getByEmail(email);
    if (found) return { kind: 'staff', record: found };
    const record: StaffSubject = { id: this.newId('sf'), email, flags: [], eventCount: 0, lastEventAt: e.occurredAt, version: 1, updatedAt: now };
    if ((await tx.staff.insert(record)) === 'inserted') return { kind: 'staff', record, created: { events: [] } };
    return { kind: 'staff', record: (await tx.staff.getByEmail(email))! };
  }

  /** Works a subject's clocks out from its events and brings the stored obligations and record in line. */
  private async workOut(tx: Repositories, subject: Subject, now: number, tally: Tally, people: Map<string, string | null>, channel: CaseEvent['channel']): Promise<void> {
    const events = subject.created ? [...subject.created.events].sort((a, b) => a.occurredAt - b.occurredAt || a.seq - b.seq) : await tx.caseEvents.listForSubject(subject.record.id);
    const history = events.filter((e) => e.supersededBy === null).map(clockEventOf);
    const staffOwners = subject.kind === 'staff' ? await this.staffOwners(tx, subject.record.email) : undefined;
    const result = workOutClocks(history, { rules: this.rules[subject.kind], calendar: this.deps.calendar, staffOwners });
    const stored = subject.created ? [] : subject.kind === 'case' ? await tx.obligations.listForCase(subject.record.id) : await tx.obligations.listForStaff(subject.record.id);
    for (const o of result.obligations) if (o.ownerEmail !== null && !people.has(o.ownerEmail)) people.set(o.ownerEmail, (await tx.directory.findPersonByEmail(o.ownerEmail))?.id ?? null);
    const byKey = new Map(stored.map((o) => [o.occurrenceKey, o]));
    const inserts: Obligation[] = [];
    const handedFrom = new Map<string, Handover[]>();
    const audit = (action: string, details: Record<string, string | number | boolean | null>) =>
      tx.audit.append({ id: this.newId('au'), at: now, actor: { kind: 'system', id: 'case-events' }, action, statementId: null, caseId: subject.kind === 'case' ? subject.record.id : null, channel, details });

    for (const derived of result.obligations) {
      const standard = this.rules[subject.kind].byId.get(derived.standardId)!;
      const fields = this.fieldsOf(subject, derived, people);
      const before = byKey.get(derived.occurrenceKey);
      byKey.delete(derived.occurrenceKey);
      // Met and closed clocks keep the deadline of the reading that applied when they ran:
      // a calendar or standard changed since moves only what is still open (or a trigger corrected).
      if (before && before.status !== 'open' && fields.status !== 'open' && before.triggeredAt === fields.triggeredAt && before.anchorAt === fields.anchorAt) fields.due = before.due;
      if (!before) {
        const o: Obligation = { id: this.newId('ob'), ...fields, nextNudgeAt: null, lease: null, version: 1 };
        o.nextNudgeAt = this.nextNudge(o, standard, now, true);
        inserts.push(o);
        tally.opened++;
        if (o.status === 'met') tally.met++;
        continue;
      }
      if (before && (await this.handedOver(tx, before, fields, handedFrom))) {
        fields.ownerId = before.ownerId;
        fields.ownerEmail = before.ownerEmail;
      }
      if (sameClock(before, fields)) continue;
      const after: Obligation = { ...before, ...fields, version: before.version + 1 };
      const replan = before.due !== after.due || before.status !== after.status || before.ownerId !== after.ownerId || before.ownerEmail !== after.ownerEmail;
      if (replan) after.nextNudgeAt = this.nextNudge(after, standard, now, false);
      if (after.status !== 'open') after.lease = null;
      await tx.obligations.update(after);
      if (after.status === 'met' && before.status !== 'met') tally.met++;
      if (before.ownerEmail !== after.ownerEmail && after.status === 'open') {
        await audit('obligation-moved', { obligation: before.id, standard: before.standardId, role: before.ownerRole, from: before.ownerId, to: after.ownerId });
      }
    }
    if (inserts.length > 0) await tx.obligations.insertMany(inserts);
    // A clock of a standard switched off (or of a pack switched off) stays as the change left it: only a correction withdraws.
    const withdrawn = [...byKey.values()].filter((o) => this.rules[subject.kind].byId.has(o.standardId));
    if (withdrawn.length > 0) {
      await tx.obligations.deleteMany(withdrawn.map((o) => o.id));
      for (const o of withdrawn) await audit('obligation-withdrawn', { obligation: o.id, standard: o.standardId });
    }

    const lastEventAt = history.length > 0 ? history[history.length - 1].at : subject.record.lastEventAt;
    if (subject.kind === 'case') {
      await tx.cases.update({
        ...subject.record,
        dateOfBirth: result.dateOfBirth,
        flags: result.flags,
        allocations: result.allocations,
        status: result.status,
        lastEventAt,
        version: subject.record.version + 1,
        updatedAt: now,
      });
    } else {
      await tx.staff.update({ ...subject.record, flags: result.flags, lastEventAt, version: subject.record.version + 1, updatedAt: now });
    }
  }

  /**
   * Whether an open clock the engine would give back to its role's holder was handed over
   * from them (the participation team moved their work, for a while or for good): it stays
   * with whoever it was handed to, and goes back when the handover ends. A new allocation
   * to someone else still moves it. `cache` keeps each person's handovers for the call.
   */
  private async handedOver(tx: Repositories, before: Obligation, fields: Pick<Obligation, 'ownerId' | 'ownerEmail' | 'status'>, cache: Map<string, Handover[]>): Promise<boolean> {
    if (before.status !== 'open' || fields.status !== 'open' || before.ownerId === null || fields.ownerId === null) return false;
    if (before.ownerId === fields.ownerId) return false;
    let from = cache.get(fields.ownerId);
    if (!from) {
      from = await tx.handovers.listFrom(fields.ownerId);
      cache.set(fields.ownerId, from);
    }
    return from.some((h) => h.toId === before.ownerId && h.state !== 'returned' && (h.moved?.obligationIds ?? h.obligationIds).includes(before.id));
  }

  /** The stored form of a worked-out obligation (all but id, nudges and version). */
  private fieldsOf(subject: Subject, o: ClockObligation, people: ReadonlyMap<string, string | null>): Omit<Obligation, 'id' | 'nextNudgeAt' | 'lease' | 'version'> {
    return {
      standardId: o.standardId,
      subject: subject.kind,
      statementId: null,
      caseId: subject.kind === 'case' ? subject.record.id : null,
      staffId: subject.kind === 'staff' ? subject.record.id : null,
      occurrenceKey: o.occurrenceKey,
      ownerId: o.ownerEmail === null ? null : (people.get(o.ownerEmail) ?? null),
      ownerEmail: o.ownerEmail,
      ownerRole: o.ownerRole,
      triggeredAt: o.triggeredAt,
      anchorAt: o.anchorAt,
      due: o.due,
      status: o.status,
      completedAt: o.completedAt,
      closedAt: o.closedAt,
      closedReason: o.closedReason,
      triggerDateOnly: o.triggerDateOnly,
      stopDateOnly: o.stopDateOnly,
    };
  }

  /** A member of staff's owners: themself, and their line manager in the directory (if any). */
  private async staffOwners(tx: Repositories, email: string): Promise<StaffOwners> {
    const person = await tx.directory.findPersonByEmail(email);
    const manager = person?.lineManagerId ? await tx.directory.getPerson(person.lineManagerId) : null;
    return { self: email, lineManager: manager ? manager.email.toLowerCase() : null };
  }

  /**
   * When the scheduler should first look at an obligation: never once it is met or closed;
   * never for one already overdue when Heard first hears of it (a go-live history: the
   * manager's digest reports it, rather than a storm of escalations); otherwise the first
   * step of its nudge plan still to come.
   */
  private nextNudge(o: Obligation, standard: Standard, now: number, arriving: boolean): number | null {
    if (o.status !== 'open' || (arriving && o.due < now)) return null;
    return nudgePlan(o, standard, this.deps.calendar, this.policy).find((step) => step.at >= now)?.at ?? null;
  }

  private summarise(events: readonly CaseEventInput[], outcomes: CaseEventOutcome[], tally: Tally): CaseWorkSummary {
    const unrecognised = new Map<string, { field: string; value: string; count: number }>();
    const cases = new Set<string>();
    events.forEach((e, i) => {
      if (outcomes[i]?.status === 'refused') return;
      if (e.caseRef !== null) cases.add(e.caseRef);
      for (const { field, value } of unrecognisedDetails(this.vocabulary, e.type, e.details)) {
        const key = `${field}\u0000${value}`;
        const entry = unrecognised.get(key) ?? { field, value, count: 0 };
        entry.count++;
        unrecognised.set(key, entry);
      }
    });
    return {
      imported: outcomes.filter((o) => o?.status === 'imported').length,
      unchanged: outcomes.filter((o) => o?.status === 'unchanged').length,
      cases: cases.size,
      obligationsOpened: tally.opened,
      obligationsMet: tally.met,
      unrecognised: [...unrecognised.values()].sort((a, b) => b.count - a.count || (a.field < b.field ? -1 : a.field > b.field ? 1 : a.value < b.value ? -1 : 1)),
    };
  }
}

/** Tells this process's ids from another's made in the same millisecond. */
const PROCESS_TAG = randomBytes(5).toString('hex');
let lastMillisecond = 0;
let millisecondText = '';
let sequence = 0;

/**
 * A unique id that sorts in the order it was made (milliseconds, then a counter, then this
 * process's tag): a go-live import writes obligations by the hundred thousand, and ids in
 * order go in at the end of the primary-key index instead of all over it.
 *
 * @example
 * orderedId('ob'); // 'ob_mik4z8a2q0000c3f91a07be'
 */
export function orderedId(prefix: string): string {
  const now = Date.now();
  if (now === lastMillisecond) sequence++;
  else {
    lastMillisecond = now;
    millisecondText = now.toString(36).padStart(9, '0');
    sequence = 0;
  }
  return `${prefix}_${millisecondText}${sequence.toString(36).padStart(4, '0')}${PROCESS_TAG}`;
}

function clockEventOf(e: CaseEvent): ClockEvent {
  return {
    identity: e.identity,
    type: e.type,
    at: e.occurredAt,
    dateOnly: e.occurredDateOnly,
    scheduledFor: e.scheduledFor,
    scheduledDateOnly: e.scheduledDateOnly,
    by: e.by,
    details: e.details,
  };
}

const CLOCK_FIELDS = [
  'standardId',
  'ownerId',
  'ownerEmail',
  'ownerRole',
  'triggeredAt',
  'anchorAt',
  'due',
  'status',
  'completedAt',
  'closedAt',
  'closedReason',
  'triggerDateOnly',
  'stopDateOnly',
] as const;

function sameClock(stored: Obligation, fields: Pick<Obligation, (typeof CLOCK_FIELDS)[number]>): boolean {
  return CLOCK_FIELDS.every((k) => stored[k] === fields[k]);
}
