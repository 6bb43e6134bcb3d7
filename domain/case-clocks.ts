import {
  civilDateOf,
  daysInMonth,
  conditionOf,
  dueInstant,
  epochDayOf,
  eventMatches,
  parseCivilDate,
  type Condition,
  type DerivedRule,
  type EventMatch,
  type MatchableEvent,
  type Standard,
  type Vocabulary,
  type WorkingCalendar,
} from '../standards';
import type { DetailValue } from './case';
import type { ClosedReason, ObligationStatus } from './obligation';

/**
 * The clocks of one case (or member of staff), worked out from its events in the order
 * they happened (`case-events.md`, "What events do to clocks"). Pure: the same events give
 * the same obligations, whenever and in whatever order they arrived, so a late event or a
 * correction is handled by working the subject out again from its ordered history.
 *
 * Each event, in order: (1) meets the open obligations it stops (a different event from
 * the trigger, at or after it); (2) applies its changes — flags, allocations (moving the
 * obligations of a role to its new holder), meetings (moving or cancelling what was
 * counted back from them), case closure; (3) closes the open obligations whose conditions
 * no longer hold; (4) opens the standards it triggers whose conditions now hold, and the
 * next obligation of each recurring standard it met. Heard's own events come first at
 * their instant: `case-opened` at a case's first event and at the first after a
 * `case-closed`, and a `birthday` at 00:00 local of each birthday once the date of birth
 * is known.
 */

/** One event of a subject's history, as the clocks see it. */
export interface ClockEvent {
  /** Stable across corrections: which happening it records. */
  identity: string;
  type: string;
  /** Its instant; for a date alone, 00:00 local of that date. */
  at: number;
  dateOnly: boolean;
  scheduledFor: number | null;
  scheduledDateOnly: boolean;
  /** Who did it (a lower-case e-mail), where known. */
  by: string | null;
  details: Readonly<Record<string, DetailValue>>;
}

/** An obligation as the clocks give it, before it is matched with what is stored. */
export interface ClockObligation {
  occurrenceKey: string;
  standardId: string;
  ownerRole: string;
  /** The holder's e-mail address, or null for a team or a role nobody holds. */
  ownerEmail: string | null;
  triggeredAt: number;
  triggerDateOnly: boolean;
  anchorAt: number | null;
  due: number;
  status: ObligationStatus;
  completedAt: number | null;
  closedAt: number | null;
  closedReason: ClosedReason | null;
  stopDateOnly: boolean;
}

/** Where the subject stands after its last event. */
export interface ClockResult {
  flags: string[];
  allocations: Record<string, string>;
  dateOfBirth: string | null;
  status: 'open' | 'closed';
  obligations: ClockObligation[];
}

/**
 * For a member of staff: who owns their standards. `line-manager` (and a foster carer's
 * `supervising-social-worker`) is their line manager in the directory; the roles that are
 * the staff subject themselves (`iro-service-manager`, …) are them.
 */
export interface StaffOwners {
  self: string;
  lineManager: string | null;
}


/** The allocated worker of a case: the first of these roles someone holds. */
const ALLOCATED_WORKER_ROLES = ['social-worker', 'early-help-worker', 'yos-case-manager', 'personal-adviser'];

/** Staff-relative roles that are the staff subject's line manager; the other staff roles are the subject themself. */
const LINE_MANAGER_ROLES: ReadonlySet<string> = new Set(['line-manager', 'supervising-social-worker']);

interface FlagRule {
  flag: string;
  match: EventMatch;
  set: boolean;
}

interface DerivedSpec {
  name: string;
  rule: DerivedRule;
  /** The event types its rule looks at: other events leave it as it is. */
  types: ReadonlySet<string>;
}

/** A meeting type's held event, as a counting key (`review-held:cic`). */
function heldKeyOf(match: EventMatch): string {
  return `${match.type}:${match.details.type?.[0] ?? match.details.kind?.[0] ?? ''}`;
}

const HELD_TYPES = new Set(['review-held', 'cp-conference-held', 'core-group-held', 'meeting-held']);

function heldKeyOfEvent(type: string, details: Readonly<Record<string, DetailValue>>): string {
  const q = details.type ?? details.kind;
  return `${type}:${typeof q === 'string' ? q : ''}`;
}

function text(value: DetailValue | undefined): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

function truth(value: DetailValue | undefined): boolean | null {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return null;
}

function count(value: DetailValue | undefined): number | null {
  const s = text(value);
  return s !== null && /^\d+$/.test(s) ? Number(s) : null;
}

/**
 * The standards of one subject, indexed for working out clocks: compiled once, used for
 * every case.
 *
 * @example
 * const rules = new ClockRules(org.standards.filter((s) => org.packs.has(s.pack)), builtInVocabulary(), 'case');
 */
export class ClockRules {
  readonly byId: ReadonlyMap<string, Standard>;
  readonly triggeredBy = new Map<string, Standard[]>();
  readonly stoppedBy = new Map<string, Set<Standard>>();
  /** Standards counted back from a birthday, with the ages they count back from. */
  readonly beforeBirthday: { standard: Standard; ages: number[] }[] = [];
  readonly flagRules = new Map<string, FlagRule[]>();
  readonly derived: DerivedSpec[] = [];
  /** Meeting type → the counting key of its held event. */
  readonly heldKeyOfMeeting = new Map<string, string>();
  /** Counting key of a held event → its meeting type. */
  readonly meetingOfHeldKey = new Map<string, string>();

  constructor(
    standards: readonly Standard[],
    readonly vocabulary: Vocabulary,
    readonly subject: 'case' | 'staff',
  ) {
    const mine = standards.filter((s) => s.subject === subject);
    this.byId = new Map(mine.map((s) => [s.id, s]));
    const add = (map: Map<string, Standard[]>, type: string, s: Standard) => {
      const list = map.get(type) ?? [];
      if (!list.includes(s)) list.push(s);
      map.set(type, list);
    };
    for (const s of mine) {
      if (s.direction === 'before' && s.trigger.type === 'birthday') {
        this.beforeBirthday.push({ standard: s, ages: (s.trigger.details.age ?? []).filter((a) => /^\d+$/.test(a)).map(Number) });
      } else {
        add(this.triggeredBy, s.trigger.type, s);
      }
      for (const stop of s.stops) this.stoppedBy.set(stop.type, (this.stoppedBy.get(stop.type) ?? new Set()).add(s));
    }
    for (const [name, c] of Object.entries(vocabulary.conditions)) {
      if (!c.subjects.includes(subject)) continue;
      if (c.kind === 'flag') {
        for (const [list, set] of [[c.setBy, true], [c.clearedBy, false]] as const) {
          for (const match of list) this.flagRules.set(match.type, [...(this.flagRules.get(match.type) ?? []), { flag: name, match, set }]);
        }
      }
      if (c.kind === 'derived' && c.rule) {
        const r = c.rule;
        const matches = 'within' in r ? [r.within.since] : 'after' in r ? [r.after.since] : 'none' in r ? [r.none, r.since] : 'some' in r ? [r.some, r.since] : [];
        this.derived.push({ name, rule: r, types: new Set(matches.flatMap((m) => (m ? [m.type] : []))) });
      }
    }
    for (const [meeting, m] of Object.entries(vocabulary.meetings)) {
      this.heldKeyOfMeeting.set(meeting, heldKeyOf(m.heldAs));
      this.meetingOfHeldKey.set(heldKeyOf(m.heldAs), meeting);
    }
  }
}

interface Meeting {
  type: string | null;
  scheduledFor: number;
  ordinal: number | null;
  state: 'scheduled' | 'held' | 'cancelled';
  generation: number;
}

/** An obligation while the history is worked through. */
interface Working extends ClockObligation {
  standard: Standard;
  /** The identity of the event that opened it: it cannot also meet it. */
  openedBy: string;
  /** Stops count from here: the trigger, or when a standard counted back from an event opened. */
  windowStart: number;
  /** `meeting:<id>#<generation>` or `date-set:<what>`: what a standard counted back from. */
  anchorRef: string | null;
  /** Its owner came from the triggering event's `by`, so a reallocation does not move it. */
  ownerFromEvent: boolean;
}

/**
 * Works out every obligation of one subject from its history (events in the order they
 * happened, those at the same instant in the order received; corrected events left out).
 *
 * @example
 * const result = workOutClocks(events, { rules, calendar });
 * result.obligations.filter((o) => o.status === 'open');
 */
export function workOutClocks(
  events: readonly ClockEvent[],
  context: { rules: ClockRules; calendar: WorkingCalendar; staffOwners?: StaffOwners },
): ClockResult {
  return new ClockRun(context.rules, context.calendar, context.staffOwners ?? null).run(events);
}

class ClockRun {
  private readonly flags = new Set<string>();
  private readonly allocations = new Map<string, string>();
  private status: 'open' | 'closed' | 'new' = 'new';
  private dateOfBirth: string | null = null;
  private dobKnownFrom = Infinity;
  private readonly obligations: Working[] = [];
  /** The open ones among them, in the order they opened. */
  private readonly open = new Set<Working>();
  /** The open ones by standard: an event looks only at the standards it can stop. */
  private readonly openByStandard = new Map<Standard, Set<Working>>();
  private readonly byKey = new Map<string, Working>();
  private readonly openRecurring = new Map<string, Working>();
  private readonly meetings = new Map<string, Meeting>();
  private readonly lastHeldOrdinal = new Map<string, number>();
  private readonly progressReviews = new Map<string, number>();
  private firstsSeen = new Set<string>();
  /** Derived conditions: the latest event matching `since`, and whether a matching event followed it. */
  private readonly sinceAt = new Map<string, number>();
  private readonly seenSince = new Map<string, boolean>();
  private readonly birthdayCache = new Map<number, number | null>();
  /** Whether a standard's `when` holds, worked out once per event for all the obligations that share it. */
  private holdsNow = new Map<readonly string[], boolean>();
  /** Whether a flag changed since open clocks were last checked against their standards' flags. */
  private flagsChanged = false;

  constructor(
    private readonly rules: ClockRules,
    private readonly cal: WorkingCalendar,
    private readonly staffOwners: StaffOwners | null,
  ) {}

  run(events: readonly ClockEvent[]): ClockResult {
    this.prepareDateOfBirth(events);
    const birthdays = this.birthdays(events);
    let b = 0;
    for (const e of events) {
      while (b < birthdays.length && birthdays[b].at <= e.at) this.step(birthdays[b++]);
      if (this.rules.subject === 'case' && this.status !== 'open') {
        this.step({ identity: `case-opened@${e.identity}`, type: 'case-opened', at: e.at, dateOnly: e.dateOnly, scheduledFor: null, scheduledDateOnly: false, by: null, details: {} });
      }
      this.step(e);
    }
    return {
      flags: [...this.flags].sort(),
      allocations: Object.fromEntries([...this.allocations].sort(([a], [b2]) => (a < b2 ? -1 : 1))),
      dateOfBirth: this.dateOfBirth,
      status: this.status === 'closed' ? 'closed' : 'open',
      obligations: this.obligations.map(
        ({ standard: _s, openedBy: _o, windowStart: _w, anchorRef: _a, ownerFromEvent: _f, ...o }): ClockObligation => o,
      ),
    };
  }

  /** The date of birth is the latest given; it counts from the first event that gave one (a correction applies from there). */
  private prepareDateOfBirth(events: readonly ClockEvent[]): void {
    for (const e of events) {
      const dob = e.type === 'case-status-changed' ? text(e.details.dateOfBirth) : null;
      if (dob === null || parseCivilDate(dob) === null) continue;
      this.dateOfBirth = dob;
      if (this.dobKnownFrom === Infinity) this.dobKnownFrom = e.at;
    }
  }

  /** 00:00 local of the date `years` after the date of birth (29 February: 1 March in other years). */
  private birthdayAt(years: number): number | null {
    let at = this.birthdayCache.get(years);
    if (at === undefined) {
      at = this.computeBirthday(years);
      this.birthdayCache.set(years, at);
    }
    return at;
  }

  private computeBirthday(years: number): number | null {
    const dob = this.dateOfBirth === null ? null : parseCivilDate(this.dateOfBirth);
    if (!dob) return null;
    const year = dob.year + years;
    const actual = dob.day > daysInMonth(year, dob.month) ? { year, month: dob.month + 1, day: 1 } : { year, month: dob.month, day: dob.day };
    try {
      return this.cal.midnight[this.cal.indexOfEpochDay(epochDayOf(actual))];
    } catch {
      return null;
    }
  }

  /** Heard's birthday events between the first event (or the date of birth becoming known) and the last event. */
  private birthdays(events: readonly ClockEvent[]): ClockEvent[] {
    if (this.rules.subject !== 'case' || this.dateOfBirth === null || events.length === 0) return [];
    const from = Math.max(events[0].at, this.dobKnownFrom);
    const to = events[events.length - 1].at;
    const list: ClockEvent[] = [];
    for (let age = 1; age <= 130; age++) {
      const at = this.birthdayAt(age);
      // Birthdays before the calendar's first year matter to nothing it can count.
      if (at === null) continue;
      if (at > to) break;
      if (at >= from) list.push({ identity: `birthday:${age}`, type: 'birthday', at, dateOnly: true, scheduledFor: null, scheduledDateOnly: false, by: null, details: { age } });
    }
    return list;
  }

  private ageAt(t: number): number | null {
    if (this.dateOfBirth === null || t < this.dobKnownFrom) return null;
    const dob = parseCivilDate(this.dateOfBirth);
    if (!dob) return null;
    const today = civilDateOf(this.cal.epochDay(this.cal.dayOf(t)));
    const before = today.month < dob.month || (today.month === dob.month && today.day < dob.day);
    return today.year - dob.year - (before ? 1 : 0);
  }

  private step(e: ClockEvent): void {
    const details = this.withDerivedQualifiers(e);
    const event: MatchableEvent = { type: e.type, details };
    const met = this.meet(e, event);
    this.apply(e, event, details);
    this.holdsNow = new Map();
    this.closeWhatNoLongerApplies(e);
    const candidates = new Set<Standard>((this.rules.triggeredBy.get(e.type) ?? []).filter((s) => eventMatches(s.trigger, event)));
    for (const s of met) if (s.recurring) candidates.add(s);
    for (const s of candidates) this.openStandard(s, e, details);
    this.openBeforeBirthdays(e);
  }

  /** The qualifiers Heard fills in where the sender left them out (vocabulary.yaml, `derived`). */
  private withDerivedQualifiers(e: ClockEvent): Readonly<Record<string, DetailValue>> {
    const d: Record<string, DetailValue> = { ...e.details };
    const fill = (key: string, value: DetailValue | null) => {
      if (d[key] === undefined && value !== null) d[key] = value;
    };
    switch (e.type) {
      case 'case-allocated': {
        const role = text(d.role);
        const person = text(d.person)?.toLowerCase() ?? null;
        const held = role === null ? undefined : this.allocations.get(role);
        fill('reallocation', held !== undefined && held !== person);
        break;
      }
      case 'visit-completed':
        fill('first', !this.firstsSeen.has(`visit:${text(d.kind) ?? ''}`));
        break;
      case 'contact-made':
        fill('first', !this.firstsSeen.has(`contact:${text(d.kind) ?? ''}:${text(d.with) ?? ''}`));
        break;
      case 'meeting-cancelled': {
        const id = text(d.meetingId);
        fill('type', (id !== null ? this.meetings.get(id)?.type : null) ?? null);
        break;
      }
      case 'meeting-scheduled': {
        const id = text(d.meetingId);
        const known = id !== null ? this.meetings.get(id) : undefined;
        if (known && known.state === 'scheduled') fill('ordinal', known.ordinal);
        else fill('ordinal', this.nextOrdinal(text(d.type), e.scheduledFor ?? e.at, id));
        break;
      }
      case 'assessment-progress-reviewed':
        fill('ordinal', (this.progressReviews.get(text(d.type) ?? '') ?? 0) + 1);
        break;
      default:
        if (HELD_TYPES.has(e.type)) {
          const key = heldKeyOfEvent(e.type, d);
          const id = text(d.meetingId);
          const scheduled = id !== null ? this.meetings.get(id) : undefined;
          const fromMeeting = scheduled && scheduled.type !== null && this.rules.heldKeyOfMeeting.get(scheduled.type) === key ? scheduled.ordinal : null;
          fill('ordinal', fromMeeting ?? (this.lastHeldOrdinal.get(key) ?? 0) + 1);
        }
    }
    return d;
  }

  /** The ordinal of a newly scheduled meeting: the last held of its kind, plus those scheduled before it and not yet held. */
  private nextOrdinal(type: string | null, scheduledFor: number, id: string | null): number | null {
    if (type === null) return null;
    const key = this.rules.heldKeyOfMeeting.get(type);
    const held = key !== undefined ? (this.lastHeldOrdinal.get(key) ?? 0) : 0;
    let pending = 0;
    for (const [otherId, m] of this.meetings) if (otherId !== id && m.type === type && m.state === 'scheduled' && m.scheduledFor < scheduledFor) pending++;
    return held + pending + 1;
  }

  /** (1) Meets the open obligations this event stops; returns their standards. */
  private meet(e: ClockEvent, event: MatchableEvent): Set<Standard> {
    const met = new Set<Standard>();
    const stopped = this.rules.stoppedBy.get(e.type);
    if (!stopped) return met;
    for (const standard of stopped) {
      const open = this.openByStandard.get(standard);
      if (!open || open.size === 0 || !standard.stops.some((m) => eventMatches(m, event))) continue;
      for (const o of open) {
        if (o.openedBy === e.identity || e.at < o.windowStart) continue;
        o.status = 'met';
        o.completedAt = e.at;
        o.stopDateOnly = e.dateOnly;
        this.ended(o);
        met.add(standard);
      }
    }
    return met;
  }

  /** (2) What the event changes on the subject. */
  private apply(e: ClockEvent, event: MatchableEvent, d: Readonly<Record<string, DetailValue>>): void {
    if (e.type === 'case-opened') {
      this.status = 'open';
      for (const spec of this.rules.derived) if ('none' in spec.rule || 'some' in spec.rule) if (!spec.rule.since) this.seenSince.set(spec.name, false);
    }
    for (const rule of this.rules.flagRules.get(e.type) ?? []) {
      if (eventMatches(rule.match, event)) this.setFlag(rule.flag, rule.set);
    }
    if (e.type === 'case-status-changed') {
      const flag = text(d.flag);
      const value = truth(d.value);
      if (flag !== null && value !== null) this.setFlag(flag, value);
    }
    this.trackDerived(event, e.at);
    this.trackCounts(e, d);
    switch (e.type) {
      case 'case-allocated': {
        const role = text(d.role);
        const person = text(d.person)?.toLowerCase() ?? null;
        if (role === null || person === null) break;
        this.allocations.set(role, person);
        if (truth(d.reallocation) === false) this.firstsSeen = new Set();
        this.reResolveOwners();
        break;
      }
      case 'meeting-scheduled':
        this.schedule(e, d);
        break;
      case 'meeting-cancelled': {
        const id = text(d.meetingId);
        const meeting = id !== null ? this.meetings.get(id) : undefined;
        if (id === null || !meeting || meeting.state !== 'scheduled') break;
        const ref = `meeting:${id}#${meeting.generation}`;
        for (const o of this.open) if (o.anchorRef === ref) this.close(o, e, 'cancelled');
        meeting.state = 'cancelled';
        meeting.generation++;
        break;
      }
      case 'date-set': {
        const ref = `date-set:${text(d.what) ?? ''}`;
        if (e.scheduledFor !== null) for (const o of this.open) if (o.anchorRef === ref) this.move(o, e.scheduledFor);
        break;
      }
      case 'case-closed':
        for (const o of this.open) this.close(o, e, 'case-closed');
        this.status = 'closed';
        break;
    }
  }

  private setFlag(flag: string, on: boolean): void {
    if (on === this.flags.has(flag)) return;
    if (on) this.flags.add(flag);
    else this.flags.delete(flag);
    this.flagsChanged = true;
  }

  private trackDerived(event: MatchableEvent, at: number): void {
    for (const { name, rule, types } of this.rules.derived) {
      if (!types.has(event.type)) continue;
      if ('within' in rule || 'after' in rule) {
        const since = 'within' in rule ? rule.within.since : rule.after.since;
        if (eventMatches(since, event)) this.sinceAt.set(name, at);
      } else if ('none' in rule || 'some' in rule) {
        if (rule.since && eventMatches(rule.since, event)) this.seenSince.set(name, false);
        else if (eventMatches('none' in rule ? rule.none : rule.some, event)) this.seenSince.set(name, true);
      }
    }
  }

  private trackCounts(e: ClockEvent, d: Readonly<Record<string, DetailValue>>): void {
    if (e.type === 'visit-completed') this.firstsSeen.add(`visit:${text(d.kind) ?? ''}`);
    if (e.type === 'contact-made') this.firstsSeen.add(`contact:${text(d.kind) ?? ''}:${text(d.with) ?? ''}`);
    if (e.type === 'assessment-started') this.progressReviews.set(text(d.type) ?? '', 0);
    if (e.type === 'assessment-progress-reviewed') this.progressReviews.set(text(d.type) ?? '', count(d.ordinal) ?? 0);
    if (!HELD_TYPES.has(e.type)) return;
    const key = heldKeyOfEvent(e.type, d);
    const ordinal = count(d.ordinal);
    if (ordinal !== null) this.lastHeldOrdinal.set(key, ordinal);
    // The scheduled meeting it held: the one named, else the earliest of its kind still to be held.
    const meetingType = this.rules.meetingOfHeldKey.get(key);
    const id = text(d.meetingId);
    let held = id !== null ? this.meetings.get(id) : undefined;
    if (!held && meetingType !== undefined) {
      for (const m of this.meetings.values()) if (m.type === meetingType && m.state === 'scheduled' && (!held || m.scheduledFor < held.scheduledFor)) held = m;
    }
    if (held && held.state === 'scheduled') held.state = 'held';
  }

  private schedule(e: ClockEvent, d: Readonly<Record<string, DetailValue>>): void {
    if (e.scheduledFor === null) return;
    const id = text(d.meetingId);
    if (id === null) return;
    const known = this.meetings.get(id);
    if (known && known.state === 'scheduled') {
      known.scheduledFor = e.scheduledFor;
      const ref = `meeting:${id}#${known.generation}`;
      for (const o of this.open) if (o.anchorRef === ref) this.move(o, e.scheduledFor);
      return;
    }
    this.meetings.set(id, {
      type: text(d.type),
      scheduledFor: e.scheduledFor,
      ordinal: count(d.ordinal),
      state: 'scheduled',
      generation: known ? known.generation + (known.state === 'held' ? 1 : 0) : 0,
    });
  }

  /** A standard counted back from an event whose date moved: due from the new date. */
  private move(o: Working, anchorAt: number): void {
    o.anchorAt = anchorAt;
    o.due = dueInstant(o.standard, anchorAt, this.cal);
  }

  private close(o: Working, e: ClockEvent, reason: ClosedReason): void {
    o.status = 'cancelled';
    o.closedAt = e.at;
    o.closedReason = reason;
    o.stopDateOnly = e.dateOnly;
    this.ended(o);
  }

  /** It is no longer open (met or closed). */
  private ended(o: Working): void {
    this.open.delete(o);
    this.openByStandard.get(o.standard)?.delete(o);
    if (this.openRecurring.get(o.standardId) === o) this.openRecurring.delete(o.standardId);
  }

  /**
   * (3) Open obligations whose standard's status flags no longer hold close as no longer
   * applying. Only flags (what the case *is*: looked after, on a plan) close a clock; the
   * conditions Heard works out from time or history (placement day, first year of a
   * placement, before the first review, an age) chose which standard opened, and stop
   * holding as time passes — a first-year visit still falls due after the anniversary.
   */
  private closeWhatNoLongerApplies(e: ClockEvent): void {
    // Every open clock opened with its flags holding: until a flag changes, they all still hold.
    if (!this.flagsChanged) return;
    this.flagsChanged = false;
    for (const [standard, open] of this.openByStandard) {
      if (open.size > 0 && !this.flagsHold(standard.when)) for (const o of open) this.close(o, e, 'no-longer-applies');
    }
  }

  /** Whether every flag entry of `when` (negated or not) holds now; derived entries are not asked. */
  private flagsHold(when: readonly string[]): boolean {
    for (const entry of when) {
      const found = conditionOf(this.rules.vocabulary, entry);
      if (!found) return false;
      if (found.condition.kind === 'flag' && this.flags.has(found.name) === found.negated) return false;
    }
    return true;
  }

  /** (4) Opens `s` from this event, if its conditions hold and it is not open already. */
  private openStandard(s: Standard, e: ClockEvent, d: Readonly<Record<string, DetailValue>>): void {
    if (s.direction === 'before') {
      if (e.scheduledFor === null) return;
      let key: string;
      let anchorRef: string | null;
      if (e.type === 'date-set') {
        anchorRef = `date-set:${text(d.what) ?? ''}`;
        key = `${s.id}|${anchorRef}`;
      } else {
        const id = text(d.meetingId);
        const meeting = id !== null ? this.meetings.get(id) : undefined;
        anchorRef = id !== null && meeting ? `meeting:${id}#${meeting.generation}` : null;
        key = `${s.id}|${anchorRef ?? e.identity}`;
      }
      if (this.byKey.has(key) || !this.holds(s.when, e.at)) return;
      this.add(s, key, e, { anchorAt: e.scheduledFor, anchorRef });
      return;
    }
    if ((s.recurring && this.openRecurring.has(s.id)) || !this.holds(s.when, e.at)) return;
    const key = `${s.id}|${e.identity}`;
    if (this.byKey.has(key)) return;
    this.add(s, key, e, { anchorAt: null, anchorRef: null });
  }

  /** Standards due before a birthday open once the previous birthday has passed and their conditions hold. */
  private openBeforeBirthdays(e: ClockEvent): void {
    for (const { standard, ages } of this.rules.beforeBirthday) {
      for (const age of ages) {
        const key = `${standard.id}|birthday:${age}`;
        if (this.byKey.has(key) || e.at < this.dobKnownFrom) continue;
        const next = this.birthdayAt(age);
        const previous = this.birthdayAt(age - 1);
        if (next === null || previous === null || e.at < previous || e.at >= next || !this.holds(standard.when, e.at)) continue;
        this.add(standard, key, e, { anchorAt: next, anchorRef: null });
      }
    }
  }

  private add(s: Standard, key: string, e: ClockEvent, anchor: { anchorAt: number | null; anchorRef: string | null }): void {
    const owner = this.ownerOf(s.owner, e);
    const o: Working = {
      occurrenceKey: key,
      standardId: s.id,
      ownerRole: s.owner,
      ownerEmail: owner.email,
      triggeredAt: e.at,
      triggerDateOnly: e.dateOnly,
      anchorAt: anchor.anchorAt,
      due: dueInstant(s, anchor.anchorAt ?? e.at, this.cal),
      status: 'open',
      completedAt: null,
      closedAt: null,
      closedReason: null,
      stopDateOnly: false,
      standard: s,
      openedBy: e.identity,
      windowStart: e.at,
      anchorRef: anchor.anchorRef,
      ownerFromEvent: owner.fromEvent,
    };
    this.obligations.push(o);
    this.open.add(o);
    const same = this.openByStandard.get(s);
    if (same) same.add(o);
    else this.openByStandard.set(s, new Set([o]));
    this.byKey.set(key, o);
    if (s.recurring) this.openRecurring.set(s.id, o);
  }

  /** After an allocation changed: every open obligation goes to whoever now holds its role (the service audits the moves it stores). */
  private reResolveOwners(): void {
    for (const o of this.open) {
      if (o.ownerFromEvent) continue;
      const to = this.ownerOf(o.ownerRole, null).email;
      if (to === o.ownerEmail) continue;
      o.ownerEmail = to;
    }
  }

  /**
   * Who holds a role: the person allocated to it on the case (nobody, until a
   * `case-allocated` names someone, where the case system has allocated no one); for `allocated-worker`, the first allocated of the
   * worker roles; for `worker-in-contact`, the event's `by`, else the allocated worker; on a
   * member of staff, their line manager or themself; nobody (null) for a team or outsider.
   */
  private ownerOf(role: string, e: ClockEvent | null): { email: string | null; fromEvent: boolean } {
    const kind = this.rules.vocabulary.roles[role]?.kind;
    if (this.staffOwners) {
      if (kind !== 'staff') return { email: null, fromEvent: false };
      return { email: LINE_MANAGER_ROLES.has(role) ? this.staffOwners.lineManager : this.staffOwners.self, fromEvent: false };
    }
    switch (kind) {
      case 'allocation':
        return { email: this.allocations.get(role) ?? null, fromEvent: false };
      case 'derived':
        if (role === 'worker-in-contact' && e?.by) return { email: e.by, fromEvent: true };
        return { email: this.allocatedWorker(), fromEvent: false };
      default:
        return { email: null, fromEvent: false };
    }
  }

  private allocatedWorker(): string | null {
    for (const role of ALLOCATED_WORKER_ROLES) {
      const person = this.allocations.get(role);
      if (person !== undefined) return person;
    }
    return null;
  }

  /** Whether every `when` entry holds at `t` (the current event's instant: remembered until the next step). */
  private holds(when: readonly string[], t: number): boolean {
    const known = this.holdsNow.get(when);
    if (known !== undefined) return known;
    const result = this.evaluate(when, t);
    this.holdsNow.set(when, result);
    return result;
  }

  private evaluate(when: readonly string[], t: number): boolean {
    for (const entry of when) {
      const found = conditionOf(this.rules.vocabulary, entry);
      if (!found) return false;
      if (this.conditionHolds(found.name, found.condition, t) === found.negated) return false;
    }
    return true;
  }

  private conditionHolds(name: string, c: Condition, t: number): boolean {
    if (c.kind === 'flag') return this.flags.has(name);
    if (c.kind !== 'derived' || !c.rule) return false;
    const rule = c.rule;
    if ('age' in rule) {
      const age = this.ageAt(t);
      return age !== null && (rule.age.atLeast === undefined || age >= rule.age.atLeast) && (rule.age.below === undefined || age < rule.age.below);
    }
    if ('within' in rule || 'after' in rule) {
      const period = 'within' in rule ? rule.within : rule.after;
      const since = this.sinceAt.get(name);
      if (since === undefined) return false;
      const end = dueInstant({ clock: period.clock, amount: period.amount ?? null, direction: 'after', modifier: null }, since, this.cal);
      return 'within' in rule ? t < end : t >= end;
    }
    const seen = this.seenSince.get(name) ?? false;
    return 'none' in rule ? !seen : seen;
  }
}
