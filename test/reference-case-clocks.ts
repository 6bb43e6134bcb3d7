/**
 * An independent reference for the clocks of case and staff standards, written from the
 * specification alone (`../shared/spec/case-events.md`, `interfaces.md`,
 * `time-semantics.md`, `standards/vocabulary.yaml`, `standards/packs/README.md`) without
 * reading Heard's case engine, so that where the two disagree one of them is wrong.
 *
 * It is deliberately simple: it takes every event ever received, drops the ones a
 * correction superseded, and replays each case (or member of staff) from scratch in
 * `occurredAt` order, then order received, applying the rules literally. It shares only
 * the pure parts of the standards engine: the packs and vocabulary as data, the one
 * matching rule (`eventMatches`) and the due-instant arithmetic (`dueInstant`, proven
 * against `reference-clock.ts`).
 *
 * Readings chosen where the specification leaves room are numbered R1… below and in
 * the comments where they apply; the lead reconciles them with the implementation's.
 *
 * R1  Order of one event's effects (case-events.md lists the effects, not their order):
 *     (0) a derived `case-opened` goes first when the event opens or reopens the case;
 *     (1) qualifiers Heard fills in (ordinal, first, reallocation, a cancellation's type)
 *         are worked out from the events before it;
 *     (2) a `meeting-scheduled` for a known meetingId moves, and a `meeting-cancelled`
 *         closes, the clocks counted back from that meeting;
 *     (3) it meets every open obligation whose stop it matches (opened by earlier events
 *         only: "other than the trigger event itself");
 *     (4) `case-closed` closes every obligation still open;
 *     (5) it sets and clears flags, records the date of birth, allocates roles (moving
 *         open obligations of the role);
 *     (6) open obligations whose flag conditions no longer hold close (R2);
 *     (7) recurring chains it met open their next obligation, then standards it
 *         triggers open, their conditions judged on the case as it stands after (5):
 *         so `child-became-looked-after` opens standards that need `looked-after`, and a
 *         conference that ends the plan meets the review-conference clock without
 *         opening the next one.
 * R2  "Conditions change": an open obligation closes as no-longer-applies when a *flag*
 *     condition of its standard (e.g. `looked-after`, `not-disabled-child`) stops holding,
 *     at the event that changed the flag. Derived conditions (age, "within 12 months of
 *     the placement", "before the first review") decide which standard an event opens;
 *     they do not close what is open: a six-weekly visit due after the placement's first
 *     year is met by the next visit, which then opens the next-years cadence.
 * R3  Owner: the person allocated to the role on the case when the obligation opens; a
 *     team or external role, or a role nobody holds, gives `null`. `allocated-worker` is
 *     the first held of social-worker, early-help-worker, yos-case-manager,
 *     personal-adviser. `case-allocated` for a role moves every open obligation of that
 *     role (and every open `allocated-worker` one) to whoever now resolves; met and
 *     closed obligations keep the owner they had. Staff standards: the subject's line
 *     manager in the directory.
 * R4  A reschedule (same meetingId, new scheduledFor) moves the obligations of that
 *     meeting still open: triggerAt becomes the new scheduledFor and due is counted back
 *     from it. Met and closed ones keep the due they were judged against. It re-checks no
 *     condition and opens no standard the first scheduling did not.
 * R5  A cancellation closes the open obligations of that meeting as `cancelled` at its
 *     occurredAt (after their due: `missed`); met ones stay met.
 * R6  `ordinal`, when not sent: for `review-held`, `cp-conference-held`, `meeting-held`,
 *     the events of the same type and kind/type qualifier seen for the case, this one
 *     included; for `core-group-held`, all core groups; for `meeting-scheduled`, the
 *     distinct meetingIds of that meeting type (a reschedule keeps its meeting's ordinal;
 *     a cancelled meeting was seen and counts).
 * R7  `first` (visit-completed, contact-made), when not sent: no earlier event of the same
 *     kind (and `with`) after the case's latest `case-allocated` with reallocation false
 *     — of any role, as the vocabulary says — or since the case's first event.
 * R8  A local-date `occurredAt` is 00:00 local of that date: as a trigger clocks count
 *     from it; as a stop it is on time when its date is on or before the deadline's local
 *     date (a deadline at 24:00 belongs to the day it ends); and, being 00:00, it sorts
 *     before (so cannot meet) an obligation triggered later the same day. `metAt` is
 *     that 00:00 as a UTC instant.
 * R9  Ages: on the local date of the instant, from the date of birth the case has been
 *     sent so far; without one, no age condition holds (and `not-aged-…` does).
 * R10 `none`/`some` since an event the case never had: over its history since it was
 *     last opened, like a rule without `since`.
 * R11 Recurring chains: at most one open obligation per chain; a trigger while one is
 *     open opens nothing; a stop with none open opens nothing (unless it is also the
 *     trigger); a chain whose current obligation closed (no longer applies, case
 *     closed) waits for its trigger again.
 * R12 One stop event meets every open obligation it matches (several meetings' reports,
 *     a visit meeting two standards' cadences).
 * R13 Birthdays are derived events at 00:00 local (before events received for the same
 *     instant), from the case's first event up to the `horizon`. Standards counted back
 *     from a birthday ("opens at the later of the previous birthday and the first instant
 *     its conditions hold") are not modelled: the reference refuses a case whose
 *     birthdays would open one, so a generator change cannot slip past it.
 * R14 An event after `case-closed` reopens the case (`case-opened` first), as the
 *     vocabulary's derivation says — even one recording the closure itself.
 */
import type { Standard, WorkingCalendar, EventMatch, Vocabulary } from '../standards';
import { conditionOf, dueInstant, eventMatches, formatInstant, parseInstant } from '../standards';

/** One case event as sent (the envelope of case-events.md). */
export interface CaseEventInput {
  eventId: string;
  source: string;
  caseRef?: string;
  childInitials?: string;
  subject?: string;
  type: string;
  occurredAt: string;
  scheduledFor?: string;
  by?: string;
  details?: Record<string, unknown>;
  supersedes?: string;
}

/** What the reference needs to know about the council. */
export interface ReferenceWorld {
  /** The case and staff standards of the enabled packs. */
  standards: readonly Standard[];
  vocabulary: Vocabulary;
  calendar: WorkingCalendar;
  /** The line manager's e-mail of a member of staff, from the directory. */
  lineManagerOf: (email: string) => string | null;
  /** Birthdays are derived up to this instant (R13); default: the latest event. */
  horizon?: number;
}

export type ClosedReason = 'cancelled' | 'no-longer-applies' | 'case-closed';
export type Status = 'open' | 'overdue' | 'met' | 'late' | 'closed' | 'missed';

/** One obligation as the reference works it out, with its whole life. */
export interface RefObligation {
  standard: string;
  subject: 'case' | 'staff';
  case: string | null;
  staff: string | null;
  ownerRole: string;
  owner: string | null;
  triggerAt: number;
  due: number;
  /** The meeting a `before` standard counts back from. */
  meetingId: string | null;
  metAt: number | null;
  /** The stop was a local date (R8). */
  metDateOnly: boolean;
  closedAt: number | null;
  closedReason: ClosedReason | null;
}

/** The fields of `heard obligations --json`, minus the opaque id. */
export interface ObligationListing {
  standard: string;
  subject: 'case' | 'staff';
  case: string | null;
  statement: null;
  staff: string | null;
  owner: string | null;
  triggerAt: string;
  due: string;
  status: Status;
  metAt: string | null;
  closedReason: ClosedReason | null;
}

/** An event placed on the replay's time line. */
interface Item {
  type: string;
  details: Record<string, unknown>;
  at: number;
  dateOnly: boolean;
  scheduledFor: number | null;
  by: string | null;
  derived: boolean;
  /** Order received; derived events sort before received ones at the same instant (R13). */
  received: number;
}

interface SubjectState {
  kind: 'case' | 'staff';
  ref: string;
  flags: Set<string>;
  dateOfBirth: string | null;
  allocations: Map<string, string>;
  applied: Item[];
  obligations: RefObligation[];
  meetings: Map<string, { type: string | undefined; ordinal: unknown }>;
  closed: boolean;
}

const ALLOCATED_WORKER_ROLES = ['social-worker', 'early-help-worker', 'yos-case-manager', 'personal-adviser'];
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function isOpen(o: RefObligation): boolean {
  return o.metAt === null && o.closedAt === null;
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * The clocks of every case and staff standard that the events start, worked out by
 * replaying each subject's events. `events` are in the order received.
 *
 * @example
 * const obligations = referenceObligations(events, world);
 * obligations.map((o) => listingAt(o, world.calendar, at));
 */
export function referenceObligations(events: readonly CaseEventInput[], world: ReferenceWorld): RefObligation[] {
  return new Replay(world).run(events);
}

class Replay {
  private readonly cal: WorkingCalendar;
  private readonly byId: Map<string, Standard>;

  constructor(private readonly world: ReferenceWorld) {
    this.cal = world.calendar;
    this.byId = new Map(world.standards.map((s) => [s.id, s]));
  }

  run(events: readonly CaseEventInput[]): RefObligation[] {
    const effective = this.effectiveEvents(events);
    const horizon = this.world.horizon ?? Math.max(...effective.map(({ item }) => item.at), 0);
    const bySubject = new Map<string, { kind: 'case' | 'staff'; ref: string; items: Item[] }>();
    for (const { event, item } of effective) {
      const kind = event.caseRef ? 'case' : 'staff';
      const ref = event.caseRef ?? event.subject;
      if (!ref) throw new Error(`event ${event.eventId} names neither a case nor a staff subject`);
      const key = `${kind}:${ref}`;
      if (!bySubject.has(key)) bySubject.set(key, { kind, ref, items: [] });
      bySubject.get(key)!.items.push(item);
    }
    const all: RefObligation[] = [];
    for (const { kind, ref, items } of bySubject.values()) all.push(...this.replaySubject(kind, ref, items, horizon));
    return all;
  }

  /** Every event that still counts: duplicates sent again collapse, superseded ones drop. */
  private effectiveEvents(events: readonly CaseEventInput[]): { event: CaseEventInput; item: Item }[] {
    const seen = new Map<string, string>();
    const kept: { event: CaseEventInput; item: Item }[] = [];
    events.forEach((event, received) => {
      const key = `${event.source}\u0000${event.eventId}`;
      const content = JSON.stringify(event);
      const before = seen.get(key);
      if (before !== undefined) {
        if (before !== content) throw new Error(`event ${event.source}/${event.eventId} sent twice with different content`);
        return;
      }
      seen.set(key, content);
      const { at, dateOnly } = this.instantOf(event.occurredAt);
      kept.push({
        event,
        item: {
          type: event.type,
          details: { ...(event.details ?? {}) },
          at,
          dateOnly,
          scheduledFor: event.scheduledFor === undefined ? null : this.instantOf(event.scheduledFor).at,
          by: event.by ?? null,
          derived: false,
          received,
        },
      });
    });
    const superseded = new Set(kept.filter(({ event }) => event.supersedes).map(({ event }) => `${event.source}\u0000${event.supersedes}`));
    return kept.filter(({ event }) => !superseded.has(`${event.source}\u0000${event.eventId}`));
  }

  /** R8: a local date is 00:00 local of that date. */
  private instantOf(text: string): { at: number; dateOnly: boolean } {
    if (DATE_ONLY.test(text)) return { at: this.cal.endOfDay(this.cal.dayOfDate(text) - 1), dateOnly: true };
    return { at: parseInstant(text), dateOnly: false };
  }

  private replaySubject(kind: 'case' | 'staff', ref: string, received: Item[], horizon: number): RefObligation[] {
    const state: SubjectState = {
      kind,
      ref,
      flags: new Set(),
      dateOfBirth: null,
      allocations: new Map(),
      applied: [],
      obligations: [],
      meetings: new Map(),
      closed: false,
    };
    const items = [...received, ...this.birthdays(kind, ref, received, horizon)];
    items.sort((a, b) => a.at - b.at || a.received - b.received);
    let opened = false;
    for (const item of items) {
      if (kind === 'case' && !item.derived && (!opened || state.closed)) {
        // R1 (0), R14: the case opens (or reopens) before its event applies.
        this.apply(state, { type: 'case-opened', details: {}, at: item.at, dateOnly: item.dateOnly, scheduledFor: null, by: null, derived: true, received: item.received });
        opened = true;
        state.closed = false;
      }
      this.apply(state, item);
    }
    return state.obligations;
  }

  /**
   * R13: the birthdays of the case's final date of birth, from its first event to the
   * horizon. Refuses a case whose birthdays fall in a window a `before` standard would
   * count back over.
   */
  private birthdays(kind: 'case' | 'staff', ref: string, received: Item[], horizon: number): Item[] {
    if (kind !== 'case') return [];
    const dob = [...received]
      .sort((a, b) => a.at - b.at || a.received - b.received)
      .map((i) => (i.type === 'case-status-changed' && typeof i.details.dateOfBirth === 'string' ? i.details.dateOfBirth : null))
      .filter((d): d is string => d !== null)
      .pop();
    if (!dob || received.length === 0) return [];
    const start = Math.min(...received.map((i) => i.at));
    const born = Number(dob.slice(0, 4));
    const out: Item[] = [];
    for (let age = 1; age <= 25; age++) {
      const at = this.birthdayInstant(dob, born + age);
      const previous = age === 1 ? -Infinity : this.birthdayInstant(dob, born + age - 1);
      const countedBack = this.world.standards.filter(
        (s) => s.subject === 'case' && s.direction === 'before' && eventMatches(s.trigger, { type: 'birthday', details: { age } }),
      );
      if (countedBack.length > 0 && at > start && previous <= horizon) {
        throw new Error(
          `reference: case ${ref} turns ${age} on ${this.cal.dateOf(this.cal.dayOf(at))}, inside the window of ${countedBack
            .map((s) => s.id)
            .join(', ')}, counted back from a birthday, which the reference does not model (R13)`,
        );
      }
      if (at >= start && at <= horizon) {
        out.push({ type: 'birthday', details: { age }, at, dateOnly: true, scheduledFor: null, by: null, derived: true, received: -1 });
      }
    }
    return out;
  }

  /** 00:00 local of the birthday in `year` (29 February is 1 March in other years). */
  private birthdayInstant(dob: string, year: number): number {
    let monthDay = dob.slice(5);
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (monthDay === '02-29' && !leap) monthDay = '03-01';
    return this.cal.endOfDay(this.cal.dayOfDate(`${year}-${monthDay}`) - 1);
  }

  private apply(state: SubjectState, item: Item): void {
    // A `date-set` sent again moves its date; the reference does not model that, and the year sends none.
    if (item.type === 'date-set') throw new Error('reference: date-set is not modelled');
    this.fillDerivedQualifiers(state, item); // R1 (1)
    const rescheduled = this.moveOrCancelMeeting(state, item); // R1 (2)
    const chainsMet = this.meetStops(state, item); // R1 (3)
    if (item.type === 'case-closed') {
      for (const o of state.obligations.filter(isOpen)) this.close(o, item.at, 'case-closed'); // R1 (4)
      state.closed = true;
    }
    state.applied.push(item);
    this.applyEffects(state, item); // R1 (5)
    for (const o of state.obligations.filter(isOpen)) {
      // R1 (6), R2: only flag conditions close what is open.
      const standard = this.standard(o.standard);
      if (!standard.when.every((entry) => this.flagConditionHolds(state, entry))) this.close(o, item.at, 'no-longer-applies');
    }
    for (const standard of chainsMet) this.open(state, standard, item, item.at); // R1 (7): the next of each chain met
    if (rescheduled) return; // R4
    for (const standard of this.world.standards) {
      if (standard.subject !== state.kind || !eventMatches(standard.trigger, item)) continue;
      if (standard.direction === 'after') this.open(state, standard, item, item.at);
      else if (item.type === 'birthday') continue; // R13: refused in birthdays()
      else if (item.scheduledFor === null) throw new Error(`reference: ${item.type} for ${standard.id} has no scheduledFor to count back from`);
      else this.open(state, standard, item, item.scheduledFor);
    }
  }

  /** Opens one obligation of `standard` triggered at `triggerAt`, if its conditions hold and (R11) its chain has none open. */
  private open(state: SubjectState, standard: Standard, item: Item, triggerAt: number): void {
    if (!standard.when.every((entry) => this.conditionHolds(state, entry, item.at))) return;
    if (standard.recurring && state.obligations.some((o) => o.standard === standard.id && isOpen(o))) return;
    state.obligations.push({
      standard: standard.id,
      subject: state.kind,
      case: state.kind === 'case' ? state.ref : null,
      staff: state.kind === 'staff' ? state.ref : null,
      ownerRole: standard.owner,
      owner: this.resolveOwner(state, standard.owner, item),
      triggerAt,
      due: dueInstant(standard, triggerAt, this.cal),
      meetingId: standard.direction === 'before' && item.type === 'meeting-scheduled' ? this.meetingIdOf(item) : null,
      metAt: null,
      metDateOnly: false,
      closedAt: null,
      closedReason: null,
    });
  }

  private close(o: RefObligation, at: number, reason: ClosedReason): void {
    o.closedAt = at;
    o.closedReason = reason;
  }

  /** R12: every open obligation whose stop the event matches is met; returns the recurring standards met. */
  private meetStops(state: SubjectState, item: Item): Standard[] {
    const chains = new Map<string, Standard>();
    for (const o of state.obligations.filter(isOpen)) {
      const standard = this.standard(o.standard);
      if (!standard.stops.some((stop) => eventMatches(stop, item))) continue;
      o.metAt = item.at;
      o.metDateOnly = item.dateOnly;
      if (standard.recurring) chains.set(standard.id, standard);
    }
    return [...chains.values()];
  }

  /** R4, R5. Returns true when the event reschedules a meeting already known. */
  private moveOrCancelMeeting(state: SubjectState, item: Item): boolean {
    const id = this.meetingIdOf(item);
    if (id === null) {
      // A meeting without an id cannot be moved or cancelled, but counts for ordinals (R6).
      if (item.type === 'meeting-scheduled') state.meetings.set(`#${state.meetings.size}`, { type: typeof item.details.type === 'string' ? item.details.type : undefined, ordinal: item.details.ordinal });
      return false;
    }
    if (item.type === 'meeting-cancelled') {
      for (const o of state.obligations.filter((x) => x.meetingId === id && isOpen(x))) this.close(o, item.at, 'cancelled');
      return false;
    }
    if (item.type !== 'meeting-scheduled') return false;
    const known = state.meetings.has(id);
    if (!known) {
      state.meetings.set(id, { type: typeof item.details.type === 'string' ? item.details.type : undefined, ordinal: item.details.ordinal });
      return false;
    }
    for (const o of state.obligations.filter((x) => x.meetingId === id && isOpen(x))) {
      o.triggerAt = item.scheduledFor!;
      o.due = dueInstant(this.standard(o.standard), o.triggerAt, this.cal);
    }
    return true;
  }

  private meetingIdOf(item: Item): string | null {
    const id = item.details.meetingId;
    return typeof id === 'string' && id !== '' ? id : null;
  }

  /** R6, R7 and the vocabulary's `derived` qualifiers, from the events before this one. */
  private fillDerivedQualifiers(state: SubjectState, item: Item): void {
    const d = item.details;
    const applied = state.applied;
    switch (item.type) {
      case 'review-held':
      case 'meeting-held':
        if (d.ordinal === undefined) d.ordinal = applied.filter((a) => a.type === item.type && a.details.type === d.type).length + 1;
        break;
      case 'cp-conference-held':
        if (d.ordinal === undefined) d.ordinal = applied.filter((a) => a.type === item.type && a.details.kind === d.kind).length + 1;
        break;
      case 'core-group-held':
        if (d.ordinal === undefined) d.ordinal = applied.filter((a) => a.type === item.type).length + 1;
        break;
      case 'meeting-scheduled': {
        const id = this.meetingIdOf(item);
        const known = id === null ? undefined : state.meetings.get(id);
        if (d.ordinal === undefined) {
          if (known) d.ordinal = known.ordinal ?? this.meetingsOfType(state, d.type);
          else d.ordinal = this.meetingsOfType(state, d.type) + 1;
        }
        break;
      }
      case 'meeting-cancelled': {
        const id = this.meetingIdOf(item);
        const known = id === null ? undefined : state.meetings.get(id);
        if (d.type === undefined && known?.type !== undefined) d.type = known.type;
        break;
      }
      case 'visit-completed':
      case 'contact-made':
        if (d.first === undefined) {
          const since = this.latestIndex(applied, (a) => a.type === 'case-allocated' && !truthy(a.details.reallocation));
          d.first = !applied
            .slice(since + 1)
            .some((a) => a.type === item.type && a.details.kind === d.kind && (item.type !== 'contact-made' || a.details.with === d.with));
        }
        break;
      case 'case-allocated':
        if (d.reallocation === undefined) {
          const holder = typeof d.role === 'string' ? state.allocations.get(d.role) : undefined;
          d.reallocation = holder !== undefined && holder !== d.person;
        }
        break;
    }
  }

  /** Distinct meetings of one meeting type scheduled so far (R6). */
  private meetingsOfType(state: SubjectState, type: unknown): number {
    return [...state.meetings.values()].filter((m) => m.type === type).length;
  }

  private latestIndex(items: Item[], predicate: (i: Item) => boolean): number {
    for (let k = items.length - 1; k >= 0; k--) if (predicate(items[k])) return k;
    return -1;
  }

  /** R1 (5): flags, date of birth, allocations. */
  private applyEffects(state: SubjectState, item: Item): void {
    const d = item.details;
    if (item.type === 'case-status-changed') {
      if (typeof d.flag === 'string' && d.value !== undefined) {
        if (truthy(d.value)) state.flags.add(d.flag);
        else state.flags.delete(d.flag);
      }
      if (typeof d.dateOfBirth === 'string') state.dateOfBirth = d.dateOfBirth;
    }
    for (const [name, condition] of Object.entries(this.world.vocabulary.conditions)) {
      if (condition.kind !== 'flag' || !condition.subjects.includes(state.kind)) continue;
      if (condition.clearedBy.some((m) => eventMatches(m as EventMatch, item))) state.flags.delete(name);
      if (condition.setBy.some((m) => eventMatches(m as EventMatch, item))) state.flags.add(name);
    }
    if (item.type === 'case-allocated' && typeof d.role === 'string' && typeof d.person === 'string') {
      state.allocations.set(d.role, d.person);
      for (const o of state.obligations.filter(isOpen)) {
        if (o.ownerRole === d.role || o.ownerRole === 'allocated-worker') o.owner = this.resolveOwner(state, o.ownerRole, item); // R3
      }
    }
  }

  /** R3. */
  private resolveOwner(state: SubjectState, role: string, item: Item): string | null {
    const kind = this.world.vocabulary.roles[role]?.kind;
    switch (kind) {
      case 'allocation':
        return state.allocations.get(role) ?? null;
      case 'derived': {
        const allocated = ALLOCATED_WORKER_ROLES.map((r) => state.allocations.get(r)).find((p) => p !== undefined) ?? null;
        return role === 'worker-in-contact' ? (item.by ?? allocated) : allocated;
      }
      case 'staff':
        if (state.kind !== 'staff') return null;
        return role === 'line-manager' || role === 'supervising-social-worker' ? this.world.lineManagerOf(state.ref) : state.ref;
      default:
        return null; // team, external, statement
    }
  }

  private flagConditionHolds(state: SubjectState, entry: string): boolean {
    const c = conditionOf(this.world.vocabulary, entry);
    if (!c) throw new Error(`reference: unknown condition ${entry}`);
    if (c.condition.kind !== 'flag') return true;
    return state.flags.has(c.name) !== c.negated;
  }

  private conditionHolds(state: SubjectState, entry: string, at: number): boolean {
    const c = conditionOf(this.world.vocabulary, entry);
    if (!c) throw new Error(`reference: unknown condition ${entry}`);
    const holds = c.condition.kind === 'flag' ? state.flags.has(c.name) : this.derivedHolds(state, c.name, at);
    return holds !== c.negated;
  }

  /** The rules of `vocabulary-schema.ts`'s DerivedRuleSchema, read literally, at instant `at`. */
  private derivedHolds(state: SubjectState, name: string, at: number): boolean {
    const rule = this.world.vocabulary.conditions[name].rule;
    if (!rule) throw new Error(`reference: derived condition ${name} has no rule`);
    if ('age' in rule) {
      if (state.dateOfBirth === null) return false; // R9
      const age = this.ageOn(state.dateOfBirth, this.cal.dateOf(this.cal.dayOf(at)));
      return (rule.age.atLeast === undefined || age >= rule.age.atLeast) && (rule.age.below === undefined || age < rule.age.below);
    }
    if ('within' in rule || 'after' in rule) {
      const period = 'within' in rule ? rule.within : rule.after;
      const k = this.latestIndex(state.applied, (a) => eventMatches(period.since as EventMatch, a));
      if (k < 0) return false;
      const end = dueInstant({ clock: period.clock, amount: period.amount ?? null, direction: 'after', modifier: null }, state.applied[k].at, this.cal);
      return 'within' in rule ? at < end : at >= end;
    }
    const match = ('none' in rule ? rule.none : rule.some) as EventMatch;
    const sinceMatch = rule.since as EventMatch | undefined;
    let from = sinceMatch ? this.latestIndex(state.applied, (a) => eventMatches(sinceMatch, a)) : -1;
    if (from < 0) from = this.latestIndex(state.applied, (a) => a.type === 'case-opened'); // R10
    const found = state.applied.slice(from + 1).some((a) => eventMatches(match, a));
    return 'none' in rule ? !found : found;
  }

  /** Whole years on a local date (a 29 February birthday is 1 March in other years). */
  private ageOn(dob: string, date: string): number {
    const [by, bm, bd] = dob.split('-').map(Number);
    const [y, m, d] = date.split('-').map(Number);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const [cm, cd] = bm === 2 && bd === 29 && !leap ? [3, 1] : [bm, bd];
    return y - by - (m < cm || (m === cm && d < cd) ? 1 : 0);
  }

  private standard(id: string): Standard {
    const s = this.byId.get(id);
    if (!s) throw new Error(`reference: unknown standard ${id}`);
    return s;
  }
}

/**
 * The local date a deadline belongs to: its own, or the day before when it falls at
 * 24:00 (00:00 local of the next date).
 */
function deadlineDate(due: number, cal: WorkingCalendar): string {
  const day = cal.dayOf(due);
  return cal.dateOf(cal.endOfDay(day - 1) === due ? day - 1 : day);
}

/**
 * The status of an obligation judged at `at` (interfaces.md, `heard obligations`).
 *
 * @example
 * statusAt(o, calendar, parseInstant('2025-03-31T23:00:00Z')); // 'overdue'
 */
export function statusAt(o: RefObligation, cal: WorkingCalendar, at: number): Status {
  if (o.metAt !== null) {
    const onTime = o.metDateOnly ? cal.dateOf(cal.dayOf(o.metAt)) <= deadlineDate(o.due, cal) : o.metAt <= o.due; // R8
    return onTime ? 'met' : 'late';
  }
  if (o.closedAt !== null) return o.closedAt <= o.due ? 'closed' : 'missed';
  return at > o.due ? 'overdue' : 'open';
}

/**
 * One obligation as `heard obligations --json` prints it (without the id), judged at `at`.
 *
 * @example
 * listingAt(o, calendar, at).status;
 */
export function listingAt(o: RefObligation, cal: WorkingCalendar, at: number): ObligationListing {
  return {
    standard: o.standard,
    subject: o.subject,
    case: o.case,
    statement: null,
    staff: o.staff,
    owner: o.owner,
    triggerAt: formatInstant(o.triggerAt),
    due: formatInstant(o.due),
    status: statusAt(o, cal, at),
    metAt: o.metAt === null ? null : formatInstant(o.metAt),
    closedReason: o.closedReason,
  };
}
