/**
 * A simulated year of a children-in-care team and a child-protection team, for the
 * simulated-year test of issue 15 (`case-year.spec.ts`): the council's financial year
 * 1 April 2024 – 31 March 2025, with the history of the cases already open on 1 April
 * (from January 2023) sent at go-live, then one export a month. Fictional people, case
 * references and initials; a fixed seed, so every run sees the same year.
 *
 * What happens is what a case system would send (`case-events.md`): children becoming
 * looked after and their placements (first and moves), allocations and reallocations,
 * visits on time and late (kinds cic, cp, cin, iro, pa), Child in Care reviews with their
 * invitations, reports and records (some on time, some late, some never sent), a
 * rescheduled review and a cancelled one, initial and review child protection
 * conferences, core groups, child protection plans starting and ending, some children
 * stepping down to a Child in Need plan, children leaving care (one as a care leaver), cases
 * closing, two corrections, events recorded days after they happened (one across a
 * monthly export), some known only by their date, and the professional supervision of
 * every member of staff (one newly qualified social worker among them).
 *
 * Kept out, so that the year only exercises what the reference models (its R13, R14):
 * dates of birth of children 15 or older (whose birthdays would open clocks counted back
 * from a birthday), `date-set`, and any event of a case after it closed.
 */
import { compileCalendar, formatInstant, formatLocalInstant, parseInstant, type WorkingCalendar } from '../standards';
import type { CaseEventInput } from './reference-case-clocks';
import { mulberry32 } from './seeded-random';

/** The simulated year: [start, end) — 00:00 BST on 1 April 2024 to 00:00 BST on 1 April 2025. */
export const YEAR = { start: parseInstant('2024-03-31T23:00:00Z'), end: parseInstant('2025-03-31T23:00:00Z') } as const;

/** The earliest history sent at go-live. */
const HISTORY_FROM = parseInstant('2023-01-02T00:00:00Z');
const DAY = 86400;

/** One row of the people file `heard import people` reads. */
export interface PersonRow {
  email: string;
  name: string;
  roles: string;
  team: string;
  line_manager_email: string;
}

/** One file of case events as the case system exported it. */
export interface EventFile {
  name: string;
  format: 'jsonl' | 'csv';
  events: CaseEventInput[];
}

export interface SimulatedYear {
  people: PersonRow[];
  /** The go-live history, then one export per month, in the order they are imported. */
  files: EventFile[];
  /** Every event, in the order received (file order, then line order). */
  events: CaseEventInput[];
  cases: { ref: string; team: 'cic' | 'cp' }[];
  lineManagerOf: (email: string) => string | null;
  /** The one-off situations the year contains (the common ones show in the counts by type), for the test's log. */
  scenarios: string[];
}

class Dice {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  real(): number {
    return this.next() / 2 ** 32;
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.real() * (b - a + 1));
  }
  chance(p: number): boolean {
    return this.real() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.real() * xs.length)];
  }
}

/** Local days and times on the council's calendar. */
class Days {
  constructor(readonly cal: WorkingCalendar) {}
  of(t: number): number {
    return this.cal.dayOf(t);
  }
  date(t: number): string {
    return this.cal.dateOf(this.cal.dayOf(t));
  }
  midnight(day: number): number {
    return this.cal.endOfDay(day - 1);
  }
  /** The instant of a local time (minutes after midnight) on a day. */
  at(day: number, minutes: number): number {
    const m = this.midnight(day);
    const guess = m + minutes * 60;
    return guess - (this.cal.offsetAt(guess) - this.cal.offsetAt(m));
  }
  working(day: number): number {
    return this.cal.isWorkingDay(day) ? day : this.cal.nextWorkingDay(day);
  }
  /** The working day n working days after (n < 0: before) a day. */
  plusWorking(day: number, n: number): number {
    if (n === 0) return this.working(day);
    return n > 0 ? this.cal.nthWorkingDayAfter(day, n) : this.cal.nthWorkingDayBefore(day, -n);
  }
}

const CIC_WORKERS = ['sam.patel', 'ali.hassan', 'jo.mercer', 'nia.owusu', 'tom.keane', 'ruth.adeyemi', 'leo.fairfax'];
const CP_WORKERS = ['kate.lindqvist', 'ravi.menon', 'owen.price', 'grace.oduya', 'mark.bellamy', 'hana.kowalski', 'dan.ferris'];
const NQSW = 'amy.nwosu';
const IROS = ['irene.okafor', 'paul.grant', 'mina.shah'];
const CHAIRS = ['claire.dunmore', 'victor.ames'];
const PA = 'lucy.carver';
const CIC_MANAGER = 'morgan.reed';
const CP_MANAGER = 'fatima.rahman';
const IRO_MANAGER = 'helen.brooke';
const HEAD = 'david.osei';
const DOMAIN = '@council.example';
const mail = (name: string) => `${name}${DOMAIN}`;

function directory(): PersonRow[] {
  const person = (name: string, roles: string, team: string, manager: string | null): PersonRow => ({
    email: mail(name),
    name: name
      .split('.')
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join(' '),
    roles,
    team,
    line_manager_email: manager ? mail(manager) : '',
  });
  return [
    person(HEAD, 'head-of-service', '', null),
    person(CIC_MANAGER, 'manager', 'Children in Care', HEAD),
    person(CP_MANAGER, 'manager', 'Child Protection', HEAD),
    person(IRO_MANAGER, 'manager', 'IRO Service', HEAD),
    ...CIC_WORKERS.map((w) => person(w, 'worker', 'Children in Care', CIC_MANAGER)),
    person(PA, 'worker', 'Children in Care', CIC_MANAGER),
    ...CP_WORKERS.map((w) => person(w, 'worker', 'Child Protection', CP_MANAGER)),
    person(NQSW, 'worker', 'Child Protection', CP_MANAGER),
    ...IROS.map((w) => person(w, 'worker', 'IRO Service', IRO_MANAGER)),
    ...CHAIRS.map((w) => person(w, 'worker', 'IRO Service', IRO_MANAGER)),
  ];
}

interface Pending {
  event: CaseEventInput;
  at: number;
  receivedAt: number;
  seq: number;
}

interface EmitOptions {
  by?: string;
  scheduledFor?: number;
  /** Known only by its local date (`at` is taken as that date). */
  dateOnly?: boolean;
  source?: string;
  /** When the export carried it; by default soon after, sometimes days later. */
  receivedAt?: number;
  supersedes?: string;
}

/** A case (or member of staff) the events are about. */
interface Subject {
  caseRef?: string;
  childInitials?: string;
  subject?: string;
  /** Dates of birth: a date-only event never falls on a birthday (R13's ordering is not tested). */
  dateOfBirth?: string | null;
}

class Simulation {
  readonly dice: Dice;
  readonly days: Days;
  readonly pending: Pending[] = [];
  readonly scenarios: string[] = [];
  readonly cases: { ref: string; team: 'cic' | 'cp' }[] = [];
  private seq = 0;
  private readonly ids = new Map<string, number>();
  private readonly refs = new Set<string>();

  constructor(seed: number, cal: WorkingCalendar) {
    this.dice = new Dice(seed);
    this.days = new Days(cal);
  }

  /** A recording delay: mostly within hours, sometimes the next day, sometimes days later. */
  delay(): number {
    const r = this.dice.real();
    if (r < 0.7) return this.dice.int(5, 120) * 60;
    if (r < 0.96) return this.dice.int(2, 20) * 3600;
    return this.dice.int(2, 8) * DAY;
  }

  emit(who: Subject, type: string, at: number, details: Record<string, unknown> = {}, opts: EmitOptions = {}): CaseEventInput {
    const source = opts.source ?? (who.caseRef ? 'liquidlogic' : 'import');
    const number = (this.ids.get(source) ?? 0) + 1;
    this.ids.set(source, number);
    const prefix = { liquidlogic: 'LCS', teams: 'TMS', import: 'SUP' }[source] ?? source.toUpperCase();
    let dateOnly = opts.dateOnly ?? false;
    if (dateOnly && who.dateOfBirth && this.days.date(at).slice(5) === who.dateOfBirth.slice(5)) dateOnly = false;
    const instant = dateOnly ? this.days.midnight(this.days.of(at)) : at;
    const event: CaseEventInput = {
      eventId: `${prefix}-${String(100000 + number)}`,
      source,
      ...(who.caseRef ? { caseRef: who.caseRef, childInitials: who.childInitials } : { subject: who.subject }),
      type,
      occurredAt: dateOnly ? this.days.date(instant) : this.formatAt(instant),
      ...(opts.scheduledFor !== undefined ? { scheduledFor: this.formatAt(opts.scheduledFor) } : {}),
      ...(opts.by ? { by: opts.by } : {}),
      details,
      ...(opts.supersedes ? { supersedes: opts.supersedes } : {}),
    };
    const receivedAt = opts.receivedAt ?? (dateOnly ? instant + this.dice.int(10, 30) * 3600 : instant + this.delay());
    this.pending.push({ event, at: instant, receivedAt, seq: this.seq++ });
    return event;
  }

  /** Most instants in UTC, some with the local offset, as case systems differ. */
  private formatAt(t: number): string {
    return this.dice.chance(0.15) ? formatLocalInstant(t, this.days.cal.offsetAt(t)) : formatInstant(t);
  }

  newCaseRef(team: 'cic' | 'cp'): { caseRef: string; childInitials: string } {
    let ref: string;
    do ref = `C-${this.dice.int(10000, 99999)}`;
    while (this.refs.has(ref));
    this.refs.add(ref);
    this.cases.push({ ref, team });
    const letters = 'ABCDEFGHJKLMNPRSTW';
    return { caseRef: ref, childInitials: `${this.dice.pick([...letters])}${this.dice.pick([...letters])}` };
  }

  /** A working-hours instant on (or after) a day. */
  workTime(day: number): number {
    return this.days.at(this.days.working(day), this.dice.int(9 * 60 + 15, 16 * 60 + 30));
  }

  /** A visit: in working hours mostly, some in the evening, a few on Saturday. */
  visitTime(day: number): number {
    const r = this.dice.real();
    if (r < 0.1) return this.days.at(day, this.dice.int(17 * 60 + 30, 19 * 60 + 45));
    if (r < 0.14) {
      const sat = day + ((5 - ((this.days.cal.epochDay(day) + 3) % 7) + 7) % 7); // epoch day 0 was a Thursday
      return this.days.at(sat, this.dice.int(10 * 60, 15 * 60));
    }
    return this.workTime(day);
  }

  /** A date of birth for a child of `age` on 31 March 2025, born before `before`. */
  dateOfBirth(age: number, before: number): string {
    let t = YEAR.end - Math.round((age + this.dice.int(5, 350) / 365) * 365.25 * DAY);
    if (t >= before) t = before - this.dice.int(20, 300) * DAY;
    return this.days.date(t);
  }

  /** A day uniformly between two instants. */
  dayBetween(from: number, to: number): number {
    return this.days.of(from + this.dice.real() * Math.max(0, to - from));
  }
}

/** One case's cast: who holds which role, and from when. */
class Cast {
  private readonly workers: { from: number; email: string }[] = [];
  constructor(first: string) {
    this.workers.push({ from: -Infinity, email: first });
  }
  reallocate(from: number, email: string): void {
    this.workers.push({ from, email });
  }
  workerAt(t: number): string {
    return [...this.workers].reverse().find((w) => w.from <= t)!.email;
  }
}

/** What one Child in Care review looks like from the case system. */
interface ReviewPlan {
  ordinal: number;
  meetingId: string;
  scheduledAt: number;
  scheduledFor: number;
}

function childInCare(sim: Simulation, i: number): void {
  const { dice, days } = sim;
  const history = i < 45;
  const id = sim.newCaseRef('cic');
  const forcedEarly = i >= 45 && i <= 49;
  const startDay = forcedEarly
    ? days.of(YEAR.start) + dice.int(1, 12)
    : history
      ? sim.dayBetween(HISTORY_FROM, YEAR.start - 20 * DAY)
      : sim.dayBetween(YEAR.start, YEAR.end - 40 * DAY);
  const emergency = dice.chance(0.25);
  const t0 = emergency && dice.chance(0.5) ? days.at(startDay, dice.int(17 * 60 + 30, 21 * 60)) : sim.workTime(startDay);
  const careLeaver = i === 11;
  const disabled = i === 7 || i === 58;
  const age = careLeaver ? 17 : disabled ? dice.int(2, 10) : dice.int(0, 17);
  const dob = age < 15 ? sim.dateOfBirth(age, t0) : null;
  const who: Subject = { ...id, dateOfBirth: dob };
  const cast = new Cast(mail(dice.pick(CIC_WORKERS)));
  const iro = new Cast(mail(dice.pick(IROS)));
  const tm = mail(CIC_MANAGER);

  // When the child stops being looked after, and whether the case then closes.
  const leaves = careLeaver || [5, 17, 29, 38, 52, 66].includes(i);
  const leaveAt = careLeaver
    ? days.at(days.working(days.of(parseInstant('2024-10-14T09:00:00Z'))), 11 * 60)
    : leaves
      ? sim.workTime(sim.dayBetween(Math.max(t0 + 120 * DAY, YEAR.start + 30 * DAY), YEAR.end - 20 * DAY))
      : Infinity;
  const closeAt = [5, 29, 52].includes(i) ? sim.workTime(days.of(leaveAt + dice.int(25, 60) * DAY)) : Infinity;
  const cicEnd = Math.min(leaveAt, YEAR.end);
  const by = (t: number) => ({ by: cast.workerAt(t) });

  // Go-live history starts with a local date only for the first events, as exports do.
  const dateOnlyStart = history && dice.chance(0.5);
  const start = dateOnlyStart ? days.midnight(startDay) : t0;
  const batch = start + (dateOnlyStart ? 10 * 3600 : 600);
  if (dob) sim.emit(who, 'case-status-changed', start, { dateOfBirth: dob }, { dateOnly: dateOnlyStart, receivedAt: batch });
  if (disabled) {
    sim.emit(who, 'case-status-changed', start, { flag: 'disabled-child', value: true }, { dateOnly: dateOnlyStart, receivedAt: batch });
    sim.scenarios.push(`${id.caseRef}: a disabled child in care (the Children with Disabilities standards apply)`);
  }
  sim.emit(who, 'case-allocated', start, { role: 'social-worker', person: cast.workerAt(t0) }, { dateOnly: dateOnlyStart, receivedAt: batch });
  sim.emit(who, 'case-allocated', start, { role: 'team-manager', person: tm }, { dateOnly: dateOnlyStart, receivedAt: batch });
  sim.emit(who, 'child-became-looked-after', start, { legalStatus: dice.pick(['s20', 's20', 'ico', 'care-order', 'police-protection']), emergency }, {
    dateOnly: dateOnlyStart,
    receivedAt: batch,
    ...by(t0),
  });

  // Reallocations: a new social worker for some children, a new IRO for one.
  if (dice.chance(0.15) || i === 48) {
    const at = sim.workTime(sim.dayBetween(Math.max(t0 + 30 * DAY, YEAR.start), cicEnd - 5 * DAY));
    if (at > t0 && at < cicEnd) {
      const next = mail(dice.pick(CIC_WORKERS.filter((w) => mail(w) !== cast.workerAt(at))));
      cast.reallocate(at, next);
      sim.emit(who, 'case-allocated', at, { role: 'social-worker', person: next }, { by: tm });
    }
  }
  if (i === 21) {
    const at = sim.workTime(days.of(parseInstant('2024-08-05T09:00:00Z')));
    const next = mail(IROS.find((r) => mail(r) !== iro.workerAt(at))!);
    iro.reallocate(at, next);
    sim.emit(who, 'case-allocated', at, { role: 'iro', person: next }, { by: mail(IRO_MANAGER) });
    sim.scenarios.push(`${id.caseRef}: the IRO changes on ${days.date(at)}`);
  }

  // The first placement, the visit on its day, and what must follow in the first weeks.
  const placementType = i % 10 === 3 ? 'temporary-foster' : dice.pick(['foster', 'foster', 'foster', 'foster', 'kinship', 'residential']);
  const placedAt = Math.max(t0, start) + dice.int(1, 3) * 3600;
  sim.emit(who, 'placement-started', placedAt, { type: placementType, firstOfEpisode: true, planned: !emergency }, by(placedAt));
  const placementDay = days.of(placedAt);
  const firstVisit =
    dice.chance(0.85) && days.at(placementDay, 20 * 60) > placedAt + 3600
      ? placedAt + dice.int(30, 150) * 60
      : sim.visitTime(days.plusWorking(placementDay, 1));
  let momoIntroduced = false;
  const visit = (t: number, kind = 'cic', extra: Record<string, unknown> = {}) => {
    const v = sim.emit(who, 'visit-completed', t, { kind, setting: dice.chance(0.8) ? 'placement' : 'school', seenAlone: dice.chance(0.7), ...extra }, by(t));
    if (dice.chance(0.88)) sim.emit(who, 'record-updated', t + dice.int(2, 46) * 3600, { record: 'visit-note' }, by(t));
    else sim.emit(who, 'record-updated', t + dice.int(3, 6) * DAY, { record: 'visit-note' }, by(t));
    if (!momoIntroduced && dice.chance(0.6)) {
      momoIntroduced = true;
      sim.emit(who, 'app-introduced', t + dice.int(10, 90) * 60, { app: 'momo' }, { source: 'teams', ...by(t) });
    }
    return v;
  };
  const notifiedAt = dice.chance(0.85) ? t0 + dice.int(1, 20) * 3600 : t0 + dice.int(2, 4) * DAY;
  sim.emit(who, 'notification-sent', notifiedAt, { to: 'iro-service', about: 'cic' }, by(notifiedAt));
  const iroAt = sim.workTime(days.plusWorking(days.of(notifiedAt), dice.chance(0.85) ? 1 : 3));
  sim.emit(who, 'case-allocated', iroAt, { role: 'iro', person: iro.workerAt(iroAt) }, { by: mail(IRO_MANAGER) });
  const planningAt = sim.workTime(days.plusWorking(placementDay, dice.chance(0.8) ? dice.int(1, 4) : dice.int(6, 9)));
  sim.emit(who, 'meeting-held', planningAt, { type: 'placement-planning' }, by(planningAt));
  if (dice.chance(0.8)) sim.emit(who, 'document-completed', sim.workTime(days.plusWorking(days.of(planningAt), dice.int(1, 6))), { document: 'placement-plan' }, by(planningAt));
  const carePlanAt = sim.workTime(days.plusWorking(days.of(t0), dice.chance(0.85) ? dice.int(3, 9) : dice.int(11, 15)));
  sim.emit(who, 'plan-started', carePlanAt, { plan: 'care' }, by(carePlanAt));
  if (emergency && dice.chance(0.7)) {
    const ppm = sim.workTime(days.of(t0) + (dice.chance(0.8) ? dice.int(5, 13) : dice.int(15, 20)));
    sim.emit(who, 'meeting-held', ppm, { type: 'ppm' }, by(ppm));
  }
  const healthAt = sim.workTime(days.of(t0) + (dice.chance(0.8) ? dice.int(10, 27) : dice.int(30, 45)));
  sim.emit(who, 'assessment-completed', healthAt, { type: 'health-initial' }, { dateOnly: dice.chance(0.5) });

  // Visits: the placement-day visit, one within the week, then about six-weekly (weekly
  // for a temporary carer until the first review, and for four weeks after a move).
  const moveAt = i % 4 === 1 ? sim.workTime(sim.dayBetween(t0 + 60 * DAY, Math.min(cicEnd, YEAR.end) - 10 * DAY)) : Infinity;
  const firstReviewDue = days.plusWorking(days.of(t0), dice.int(14, 19));
  const visits: number[] = [firstVisit];
  visits.push(sim.visitTime(days.of(firstVisit) + (dice.chance(0.85) ? dice.int(3, 6) : dice.int(8, 11))));
  for (;;) {
    const last = visits[visits.length - 1];
    const temporaryPhase = placementType === 'temporary-foster' && days.of(last) < firstReviewDue;
    const afterMove = last >= moveAt && last < moveAt + 28 * DAY;
    const gap = temporaryPhase || afterMove ? (dice.chance(0.85) ? dice.int(4, 7) : dice.int(8, 12)) : dice.chance(0.8) ? dice.int(20, 40) : dice.int(43, 62);
    let next = sim.visitTime(days.of(last) + gap);
    if (last < moveAt && next > moveAt) next = moveAt + dice.int(2, 30) * 3600;
    if (next >= cicEnd) break;
    visits.push(next);
  }
  visits.forEach((t, k) => {
    if (i === 48 && k === 3) {
      // A correction: the visit was typed in with the wrong date, and put right the next day.
      const wrong = sim.emit(who, 'visit-completed', t + 7 * DAY, { kind: 'cic', setting: 'placement', seenAlone: true }, { ...by(t), receivedAt: t + 7 * DAY + 7200 });
      sim.emit(who, 'visit-completed', t, { ...wrong.details }, { ...by(t), supersedes: wrong.eventId, receivedAt: t + 8 * DAY + 3600 });
      sim.scenarios.push(`${id.caseRef}: a visit recorded a week late by mistake, corrected (supersedes ${wrong.eventId})`);
    } else {
      visit(t);
    }
  });
  if (i === 45) {
    const t = parseInstant('2024-09-27T14:00:00Z');
    if (t > start && t < cicEnd) {
      sim.emit(who, 'visit-completed', t, { kind: 'cic', setting: 'school', seenAlone: true }, { ...by(t), receivedAt: parseInstant('2024-10-02T09:30:00Z') });
      sim.scenarios.push(`${id.caseRef}: a visit on Friday 27 September recorded on 2 October, in the next month's export`);
    }
  }
  if (moveAt < cicEnd) {
    sim.emit(who, 'placement-started', moveAt, { type: dice.pick(['foster', 'residential', 'kinship']), firstOfEpisode: false, planned: dice.chance(0.5) }, by(moveAt));
    const ppm = sim.workTime(days.plusWorking(days.of(moveAt), dice.chance(0.8) ? dice.int(1, 5) : dice.int(6, 8)));
    if (ppm < cicEnd) sim.emit(who, 'meeting-held', ppm, { type: 'placement-planning' }, by(ppm));
  }

  // Reviews: the first within 20 working days, the second within three months, then six-monthly.
  const reviews: ReviewPlan[] = [];
  let reviewFor = days.at(firstReviewDue, dice.pick([10 * 60, 14 * 60]));
  for (let ordinal = 1; reviewFor < cicEnd + 60 * DAY; ordinal++) {
    // The first review is arranged within days; later ones mostly at the review before.
    const previous = reviews[reviews.length - 1]?.scheduledFor;
    const lead = ordinal === 1 ? dice.int(12, 18) * DAY : dice.int(30, 45) * DAY;
    const scheduledAt =
      previous !== undefined && dice.chance(0.6) ? previous + dice.int(1, 4) * 3600 : sim.workTime(days.of(Math.max(t0 + 2 * 3600, reviewFor - lead)));
    reviews.push({ ordinal, meetingId: `${id.caseRef}-CICR-${ordinal}`, scheduledAt, scheduledFor: reviewFor });
    const gap = ordinal === 1 ? (dice.chance(0.85) ? dice.int(75, 89) : dice.int(93, 110)) : dice.chance(0.85) ? dice.int(160, 180) : dice.int(186, 200);
    reviewFor = days.at(days.working(days.of(reviewFor) + gap), dice.pick([10 * 60, 14 * 60]));
  }
  for (const review of reviews) {
    if (review.scheduledAt >= cicEnd) break;
    let { meetingId, scheduledAt, scheduledFor } = review;
    sim.emit(who, 'meeting-scheduled', scheduledAt, { type: 'cic-review', meetingId, ordinal: review.ordinal }, { scheduledFor, by: iro.workerAt(scheduledAt) });
    let preparedFrom = scheduledAt;
    if (i === 46 && review.ordinal === 2) {
      // Rescheduled: the same meeting, two weeks later.
      const movedAt = sim.workTime(days.of(scheduledFor - 21 * DAY));
      scheduledFor = days.at(days.working(days.of(scheduledFor + 14 * DAY)), 14 * 60);
      sim.emit(who, 'meeting-scheduled', movedAt, { type: 'cic-review', meetingId, ordinal: review.ordinal }, { scheduledFor, by: iro.workerAt(movedAt) });
      preparedFrom = movedAt;
      sim.scenarios.push(`${id.caseRef}: review ${meetingId} rescheduled to ${formatInstant(scheduledFor)}`);
    }
    let cancelled = false;
    if (i === 47 && review.ordinal === 2) {
      const cancelAt = sim.workTime(days.plusWorking(days.of(scheduledFor), -2));
      prepare(sim, who, review.ordinal, scheduledFor, preparedFrom, cancelAt, cast, iro);
      sim.emit(who, 'meeting-cancelled', cancelAt, { meetingId, reason: 'exceptional' }, { by: iro.workerAt(cancelAt) });
      meetingId = `${meetingId}-B`;
      scheduledAt = cancelAt + 3600;
      scheduledFor = days.at(days.working(days.of(scheduledFor + 21 * DAY)), 10 * 60);
      sim.emit(who, 'meeting-scheduled', scheduledAt, { type: 'cic-review', meetingId, ordinal: review.ordinal }, { scheduledFor, by: iro.workerAt(scheduledAt) });
      preparedFrom = scheduledAt;
      cancelled = true;
      sim.scenarios.push(`${id.caseRef}: review ${review.meetingId} cancelled two working days before, rearranged as ${meetingId}`);
    }
    if (scheduledFor >= cicEnd) {
      prepare(sim, who, review.ordinal, scheduledFor, preparedFrom, cicEnd, cast, iro);
      break;
    }
    prepare(sim, who, review.ordinal, scheduledFor, preparedFrom, scheduledFor, cast, iro);
    if (!cancelled && dice.chance(0.03)) continue; // not recorded as held: the review clocks run on
    const planChanged = dice.chance(0.2);
    sim.emit(who, 'review-held', scheduledFor, { type: 'cic', meetingId, ordinal: review.ordinal, planChanged }, { by: iro.workerAt(scheduledFor) });
    if (planChanged && dice.chance(0.8)) sim.emit(who, 'record-updated', scheduledFor + (dice.chance(0.8) ? dice.int(3, 40) : dice.int(50, 90)) * 3600, { record: 'plan' }, by(scheduledFor));
    const after = (p: number, onTime: [number, number], late: [number, number]) =>
      sim.workTime(days.plusWorking(days.of(scheduledFor), dice.chance(p) ? dice.int(...onTime) : dice.int(...late)));
    const iroBy = { by: iro.workerAt(scheduledFor) };
    if (dice.chance(0.9)) sim.emit(who, 'record-updated', after(0.85, [1, 5], [6, 9]), { record: 'review-decisions' }, iroBy);
    if (dice.chance(0.8)) sim.emit(who, 'document-shared', after(0.8, [1, 5], [6, 10]), { document: 'review-decisions', with: 'social-worker' }, iroBy);
    if (dice.chance(0.85)) sim.emit(who, 'document-completed', after(0.8, [5, 15], [16, 25]), { document: 'review-record' }, iroBy);
    if (dice.chance(0.8)) sim.emit(who, 'document-shared', after(0.8, [10, 20], [21, 30]), { document: 'review-record', with: 'attendees' }, iroBy);
    if (dice.chance(0.5)) sim.emit(who, 'check-completed', scheduledFor + 1800, { check: 'momo-introduction' }, iroBy);
    if (dice.chance(0.6)) sim.emit(who, 'plan-updated', after(0.9, [2, 15], [16, 20]), { plan: 'care' }, by(scheduledFor));
    if (dice.chance(0.5)) sim.emit(who, 'review-held', sim.workTime(days.of(scheduledFor) + dice.int(60, 100)), { type: 'mid-term' }, iroBy);
  }

  // Personal Education Plans, health reviews, case supervision and the case records.
  series(sim, t0 + (dice.chance(0.7) ? dice.int(7, 19) : dice.int(21, 30)) * DAY, cicEnd, () => (dice.chance(0.85) ? dice.int(85, 118) : dice.int(125, 140)), (t) =>
    sim.emit(who, 'meeting-held', t, { type: 'pep' }, { dateOnly: dice.chance(0.3), ...by(t) }),
  );
  series(sim, healthAt + (age < 5 ? dice.int(150, 180) : dice.int(320, 360)) * DAY, cicEnd, () => (age < 5 ? dice.int(150, 200) : dice.int(330, 380)), (t) =>
    sim.emit(who, 'assessment-completed', t, { type: 'health-review' }, { dateOnly: dice.chance(0.5) }),
  );
  series(sim, t0 + dice.int(14, 35) * DAY, cicEnd, () => (dice.chance(0.8) ? dice.int(20, 30) : dice.int(31, 50)), (t) => {
    sim.emit(who, 'supervision-held', t, { kind: 'case' }, { by: tm });
    if (dice.chance(0.8)) sim.emit(who, 'record-updated', t + dice.int(2, 40) * 3600, { record: 'supervision' }, { by: tm });
  });
  for (const record of ['chronology', 'case-summary']) {
    let first = t0 + dice.int(40, 85) * DAY;
    if (i === 49 && record === 'chronology') {
      // Known only by its date, on the very day its three-monthly deadline ends (R8).
      const [y, m, d] = days.date(first).split('-').map(Number);
      const clamped = Math.min(d, new Date(Date.UTC(y, m - 1 + 4, 0)).getUTCDate());
      const deadline = days.at(days.of(Date.UTC(y, m - 1 + 3, clamped) / 1000 + 12 * 3600), 12 * 60);
      sim.emit(who, 'record-updated', first, { record }, { dateOnly: true, ...by(first) });
      sim.emit(who, 'record-updated', deadline, { record }, { dateOnly: true, ...by(deadline) });
      sim.scenarios.push(`${id.caseRef}: chronology updates known only by their dates, ${days.date(first)} and ${days.date(deadline)}, the day the three months end`);
      first = sim.workTime(days.of(deadline) + dice.int(60, 88));
    }
    series(sim, first, cicEnd, () => (dice.chance(0.85) ? dice.int(60, 88) : dice.int(95, 120)), (t) =>
      sim.emit(who, 'record-updated', t, { record }, { dateOnly: dice.chance(0.5), ...by(t) }),
    );
  }

  // Leaving care, and what follows.
  if (leaveAt < YEAR.end) {
    sim.emit(who, 'child-left-care', leaveAt, { reason: careLeaver ? '18th birthday' : 'returned home', careLeaver }, by(leaveAt));
  }
  if (careLeaver && leaveAt < YEAR.end) {
    sim.scenarios.push(`${id.caseRef}: leaves care on ${days.date(leaveAt)} as a care leaver, with a personal adviser and a pathway plan`);
    const pa = mail(PA);
    const paWho = { by: pa };
    sim.emit(who, 'case-allocated', leaveAt + 1800, { role: 'personal-adviser', person: pa }, { by: tm });
    const pathway = sim.workTime(days.of(leaveAt) + 6);
    sim.emit(who, 'plan-started', pathway, { plan: 'pathway' }, paWho);
    sim.emit(who, 'document-shared', sim.workTime(days.of(pathway) + 9), { document: 'pathway-plan', with: 'child' }, paWho);
    series(sim, leaveAt + dice.int(20, 40) * DAY, YEAR.end, () => (dice.chance(0.8) ? dice.int(35, 55) : dice.int(57, 70)), (t) => {
      sim.emit(who, 'visit-completed', t, { kind: 'pa', setting: 'other' }, paWho);
      sim.emit(who, 'record-updated', t + dice.int(2, 60) * 3600, { record: 'visit-note' }, paWho);
    });
    series(sim, leaveAt + dice.int(30, 50) * DAY, YEAR.end, () => dice.int(45, 65), (t) => sim.emit(who, 'supervision-held', t, { kind: 'case' }, { by: tm }));
    sim.emit(who, 'review-held', sim.workTime(days.of(pathway) + 85), { type: 'pathway' }, paWho);
  }
  if (closeAt < YEAR.end) {
    sim.emit(who, 'case-closed', closeAt, { reason: 'no further social care involvement' }, { by: tm });
  }
}

/** The papers before a Child in Care review on `scheduledFor`, those falling in [from, until). */
function prepare(sim: Simulation, who: Subject, ordinal: number, scheduledFor: number, from: number, until: number, cast: Cast, iro: Cast): void {
  const { dice, days } = sim;
  const d = days.of(scheduledFor);
  const before = (p: number, onTime: [number, number], late: [number, number]) =>
    sim.workTime(days.plusWorking(d, -(dice.chance(p) ? dice.int(...onTime) : dice.int(...late))));
  const papers: [number, string, Record<string, unknown>, string][] = [];
  const sw = cast.workerAt(scheduledFor);
  const theIro = iro.workerAt(scheduledFor);
  if (dice.chance(0.9)) papers.push([before(0.8, [10, 14], [3, 8]), 'document-shared', { document: 'review-invitation', with: 'invitees' }, sw]);
  if (dice.chance(0.8)) papers.push([sim.workTime(d - (dice.chance(0.8) ? dice.int(16, 22) : dice.int(6, 12))), 'document-shared', { document: 'set-up-form', with: 'cic-admin-team' }, sw]);
  if (dice.chance(0.85)) papers.push([before(0.75, [5, 8], [1, 3]), 'document-completed', { document: 'review-report', signedOff: true }, mail(CIC_MANAGER)]);
  if (dice.chance(0.85)) papers.push([sim.workTime(d - (dice.chance(0.7) ? dice.int(6, 8) : dice.int(2, 4))), 'document-shared', { document: 'review-report', with: 'iro' }, sw]);
  if (dice.chance(0.6)) papers.push([sim.workTime(d - dice.int(2, 4)), 'document-shared', { document: 'review-report', with: 'child' }, sw]);
  if (dice.chance(0.6)) papers.push([before(0.8, [3, 6], [1, 2]), 'document-shared', { document: dice.pick(['health-plan', 'pep']), with: 'iro' }, sw]);
  const iroVisitBefore = ordinal > 1 && dice.chance(0.4) ? dice.int(40, 60) : dice.int(1, 10);
  if (dice.chance(0.85)) papers.push([scheduledFor - iroVisitBefore * DAY - dice.int(1, 5) * 3600, 'visit-completed', { kind: 'iro', seenAlone: dice.chance(0.85) }, theIro]);
  if (dice.chance(0.5)) papers.push([before(0.8, [15, 19], [5, 10]), 'meeting-held', { type: 'iro-social-worker' }, theIro]);
  else if (dice.chance(0.6)) papers.push([before(1, [2, 8], [2, 8]), 'contact-made', { with: 'social-worker' }, theIro]);
  if (dice.chance(0.4)) papers.push([before(0.8, [10, 14], [3, 8]), 'check-completed', { check: 'statement-views' }, theIro]);
  if (dice.chance(0.4)) papers.push([before(0.8, [11, 15], [3, 8]), 'document-shared', { document: 'momo-invitation', with: 'child' }, sw]);
  if (dice.chance(0.3)) papers.push([scheduledFor - dice.int(1, 3) * 3600, 'document-shared', { document: 'momo-statement', with: 'review' }, sw]);
  if (ordinal === 2 && dice.chance(0.6)) papers.push([before(0.85, [2, 10], [1, 1]), 'document-completed', { document: 'permanence-plan' }, sw]);
  for (const [t, type, details, person] of papers) {
    // Papers prepared before the meeting was arranged are sent once it is.
    const at = t <= from ? from + dice.int(1, 48) * 3600 : t;
    if (at < until) sim.emit(who, type, at, details, { by: person });
  }
}

/** Calls `each` at `first` and then after every `gap()` days, while before `until`. */
function series(sim: Simulation, first: number, until: number, gap: () => number, each: (t: number) => void): void {
  for (let t = first; t < until; t = sim.workTime(sim.days.of(t) + gap())) each(t);
}

function childProtection(sim: Simulation, j: number): void {
  const { dice, days } = sim;
  const history = j < 25;
  const id = sim.newCaseRef('cp');
  const startDay =
    j === 30
      ? days.of(YEAR.start) + dice.int(1, 12)
      : history
        ? sim.dayBetween(YEAR.start - 300 * DAY, YEAR.start - 15 * DAY)
        : sim.dayBetween(YEAR.start, YEAR.end - 25 * DAY);
  const t0 = sim.workTime(startDay);
  const age = dice.int(0, 17);
  const dob = age < 15 ? sim.dateOfBirth(age, t0) : null;
  const who: Subject = { ...id, dateOfBirth: dob };
  const nqswFrom = parseInstant('2024-10-14T09:00:00Z');
  const cast = new Cast(mail(t0 > nqswFrom && dice.chance(0.25) ? NQSW : dice.pick(CP_WORKERS)));
  const chair = mail(dice.pick(CHAIRS));
  const tm = mail(CP_MANAGER);
  const by = (t: number) => ({ by: cast.workerAt(t) });
  const batch = t0 + 900;
  if (dob) sim.emit(who, 'case-status-changed', t0, { dateOfBirth: dob }, { receivedAt: batch });
  sim.emit(who, 'case-allocated', t0, { role: 'social-worker', person: cast.workerAt(t0) }, { receivedAt: batch, by: tm });
  sim.emit(who, 'case-allocated', t0, { role: 'team-manager', person: tm }, { receivedAt: batch, by: tm });
  sim.emit(who, 'case-allocated', t0, { role: 'conference-chair', person: chair }, { receivedAt: batch, by: tm });
  sim.emit(who, 'decision-recorded', t0, { decision: 'icpc' }, { receivedAt: batch, by: tm });
  let momoIntroduced = false;
  if (dice.chance(0.45)) {
    momoIntroduced = true;
    const t = sim.visitTime(days.of(t0) + dice.int(1, 9));
    sim.emit(who, 'app-introduced', t, { app: 'momo' }, { source: 'teams', ...by(t) });
  }

  // The initial conference and its papers.
  const icpc = days.at(days.plusWorking(days.of(t0), dice.chance(0.85) ? dice.int(9, 14) : dice.int(16, 20)), dice.pick([10 * 60, 13 * 60 + 30]));
  const icpcId = `${id.caseRef}-ICPC`;
  const scheduledAt = sim.workTime(days.plusWorking(days.of(t0), 1));
  sim.emit(who, 'meeting-scheduled', scheduledAt, { type: 'icpc', meetingId: icpcId }, { scheduledFor: icpc, by: tm });
  conferencePapers(sim, who, 'icpc', icpc, scheduledAt, cast, chair);
  const planMade = j % 12 !== 5;
  sim.emit(who, 'cp-conference-held', icpc, { kind: 'initial', planMade, meetingId: icpcId, quorate: true }, { by: chair });
  if (planMade && dice.chance(0.2)) sim.emit(who, 'plan-started', icpc + 600, { plan: 'cp' }, { by: chair });
  afterConference(sim, who, icpc, true, cast, chair);
  if (!planMade) {
    const closeAt = sim.workTime(days.of(icpc) + dice.int(14, 28));
    if (closeAt < YEAR.end) {
      sim.emit(who, 'case-closed', closeAt, { reason: 'no plan made at the initial conference' }, { by: tm });
    }
    return;
  }
  if (dice.chance(0.3)) sim.emit(who, 'plan-ended', sim.workTime(days.of(icpc) + dice.int(40, 100)), { plan: 'safety' }, by(icpc));

  // Review conferences: the first within three months, then six-monthly; the plan ends at one.
  const rcpcs: { at: number; ends: 'conference' | 'plan-ended' | null }[] = [];
  let next = days.at(days.working(days.of(icpc) + (dice.chance(0.85) ? dice.int(70, 88) : dice.int(93, 105))), dice.pick([10 * 60, 13 * 60 + 30]));
  for (let k = 1; next < YEAR.end + 60 * DAY; k++) {
    const ends = dice.chance(k === 1 ? 0.25 : 0.5) ? (dice.chance(0.75) ? 'conference' : 'plan-ended') : null;
    rcpcs.push({ at: next, ends });
    if (ends) break;
    next = days.at(days.working(days.of(next) + (dice.chance(0.85) ? dice.int(150, 180) : dice.int(186, 200))), dice.pick([10 * 60, 13 * 60 + 30]));
  }
  const endingAt = rcpcs.find((r) => r.ends)?.at ?? Infinity;
  const planEnd = Math.min(endingAt, YEAR.end);
  // Reallocation of some children to another social worker.
  if (dice.chance(0.15)) {
    const at = sim.workTime(sim.dayBetween(Math.max(icpc + 20 * DAY, YEAR.start), planEnd - 5 * DAY));
    if (at > icpc && at < planEnd) {
      const nextWorker = mail(at > nqswFrom && dice.chance(0.3) ? NQSW : dice.pick(CP_WORKERS.filter((w) => mail(w) !== cast.workerAt(at))));
      if (nextWorker !== cast.workerAt(at)) {
        cast.reallocate(at, nextWorker);
        sim.emit(who, 'case-allocated', at, { role: 'social-worker', person: nextWorker }, { by: tm });
      }
    }
  }

  rcpcs.forEach((r, k) => {
    const meetingId = `${id.caseRef}-RCPC-${k + 1}`;
    const arrangedAt = sim.workTime(days.of(r.at) - dice.int(28, 42));
    if (arrangedAt >= YEAR.end) return;
    sim.emit(who, 'meeting-scheduled', arrangedAt, { type: 'rcpc', meetingId }, { scheduledFor: r.at, by: tm });
    conferencePapers(sim, who, 'rcpc', r.at, arrangedAt, cast, chair);
    if (r.at >= YEAR.end) return;
    sim.emit(who, 'cp-conference-held', r.at, { kind: 'review', meetingId, quorate: true, ...(r.ends === 'conference' ? { planEnded: true } : {}) }, { by: chair });
    if (r.ends === 'plan-ended') sim.emit(who, 'plan-ended', r.at + 1200, { plan: 'cp' }, { by: chair });
    afterConference(sim, who, r.at, false, cast, chair);
  });

  // Visits while the plan lasts: within 48 hours of the conference, then every ten working days.
  const visits: number[] = [];
  let v = dice.chance(0.85) ? icpc + dice.int(3, 40) * 3600 : icpc + dice.int(50, 80) * 3600;
  while (v < planEnd) {
    visits.push(v);
    v = sim.visitTime(days.of(v) + (dice.chance(0.8) ? dice.int(7, 13) : dice.int(15, 22)));
  }
  visits.forEach((t, k) => {
    const details = { kind: 'cp', setting: dice.pick(['home', 'home', 'home', 'school', 'other']), seenAlone: age >= 5 && dice.chance(0.6), unannounced: dice.chance(0.1) };
    if (j === 30 && k === 2) {
      const wrong = sim.emit(who, 'visit-completed', t, { ...details, kind: 'cin' }, { ...by(t), receivedAt: t + 3600 });
      sim.emit(who, 'visit-completed', t, details, { ...by(t), supersedes: wrong.eventId, receivedAt: t + 2 * DAY });
      sim.scenarios.push(`${id.caseRef}: a child protection visit recorded as a Child in Need visit, corrected (supersedes ${wrong.eventId})`);
    } else {
      sim.emit(who, 'visit-completed', t, details, by(t));
    }
    if (dice.chance(0.8)) sim.emit(who, 'record-updated', t + dice.int(1, 20) * 3600, { record: 'visit-note' }, by(t));
    else if (dice.chance(0.5)) sim.emit(who, 'record-updated', t + dice.int(30, 70) * 3600, { record: 'visit-note' }, by(t));
  });
  if (!momoIntroduced && visits.length > 2 && dice.chance(0.5)) sim.emit(who, 'app-introduced', visits[2] + 1800, { app: 'momo' }, { source: 'teams', ...by(visits[2]) });

  // Core groups: within ten working days of the conference, then about six-weekly.
  let cg = sim.workTime(days.plusWorking(days.of(icpc), dice.chance(0.85) ? dice.int(4, 9) : dice.int(11, 14)));
  for (let k = 1; cg < planEnd; k++) {
    let meetingId: string | undefined;
    if (dice.chance(0.3)) {
      meetingId = `${id.caseRef}-CG-${k}`;
      sim.emit(who, 'meeting-scheduled', cg - dice.int(5, 10) * DAY, { type: 'core-group', meetingId }, { scheduledFor: cg, ...by(cg) });
    }
    sim.emit(who, 'core-group-held', cg, meetingId ? { meetingId } : {}, by(cg));
    if (dice.chance(0.7)) sim.emit(who, 'plan-updated', cg + dice.int(1, 4) * 3600, { plan: 'cp' }, by(cg));
    if (dice.chance(0.85)) sim.emit(who, 'document-completed', sim.workTime(days.of(cg) + (dice.chance(0.8) ? dice.int(2, 6) : dice.int(8, 16))), { document: 'core-group-record', signedOff: true }, { by: tm });
    if (dice.chance(0.75)) sim.emit(who, 'document-shared', sim.workTime(days.of(cg) + (dice.chance(0.8) ? dice.int(3, 13) : dice.int(15, 20))), { document: 'core-group-record', signedOff: true, with: 'attendees' }, by(cg));
    cg = sim.workTime(days.of(cg) + (dice.chance(0.8) ? dice.int(28, 41) : dice.int(44, 56)));
  }

  // Case supervision and management oversight while the plan lasts.
  series(sim, icpc + dice.int(7, 28) * DAY, planEnd, () => (dice.chance(0.8) ? dice.int(21, 28) : dice.int(29, 45)), (t) => {
    sim.emit(who, 'supervision-held', t, { kind: 'case' }, { by: tm });
    if (dice.chance(0.75)) sim.emit(who, 'record-updated', t + dice.int(2, 100) * 3600, { record: 'supervision' }, { by: tm });
    if (dice.chance(0.8)) sim.emit(who, 'management-oversight-recorded', t + dice.int(1, 3) * DAY, {}, { by: tm });
  });
  series(sim, t0 + dice.int(50, 85) * DAY, planEnd, () => (dice.chance(0.85) ? dice.int(60, 88) : dice.int(95, 120)), (t) =>
    sim.emit(who, 'record-updated', t, { record: dice.pick(['chronology', 'case-summary']) }, { dateOnly: dice.chance(0.4), ...by(t) }),
  );

  if (endingAt >= YEAR.end) return;
  // After the plan: a Child in Need plan for some, closure for the others.
  if (dice.chance(0.6)) {
    const decided = endingAt + 3600;
    sim.emit(who, 'decision-recorded', decided, { decision: 'cin' }, { by: tm });
    sim.emit(who, 'plan-started', decided + 600, { plan: 'cin' }, by(decided));
    const cinEnd = dice.chance(0.5) ? sim.workTime(days.of(decided) + dice.int(90, 160)) : Infinity;
    const until = Math.min(cinEnd, YEAR.end);
    series(sim, sim.visitTime(days.plusWorking(days.of(decided), dice.chance(0.85) ? dice.int(1, 5) : dice.int(6, 9))), until, () => (dice.chance(0.8) ? dice.int(10, 20) : dice.int(23, 30)), (t) => {
      sim.emit(who, 'visit-completed', t, { kind: 'cin', setting: 'home', seenAlone: age >= 5 && dice.chance(0.5) }, by(t));
      if (dice.chance(0.8)) sim.emit(who, 'record-updated', t + dice.int(2, 40) * 3600, { record: 'visit-note' }, by(t));
    });
    series(sim, sim.workTime(days.of(decided) + dice.int(25, 42)), until, () => (dice.chance(0.8) ? dice.int(30, 42) : dice.int(45, 60)), (t) => {
      const planChanged = dice.chance(0.2);
      sim.emit(who, 'review-held', t, { type: 'cin', planChanged }, by(t));
      if (planChanged && dice.chance(0.8)) sim.emit(who, 'record-updated', t + dice.int(3, 60) * 3600, { record: 'plan' }, by(t));
      if (dice.chance(0.8)) sim.emit(who, 'document-completed', sim.workTime(days.of(t) + dice.int(3, 16)), { document: 'cin-plan', signedOff: true }, { by: tm });
      if (dice.chance(0.7)) sim.emit(who, 'document-shared', sim.workTime(days.of(t) + dice.int(5, 18)), { document: 'review-record', signedOff: true, with: 'attendees' }, by(t));
    });
    if (cinEnd < YEAR.end) {
      sim.emit(who, 'plan-ended', cinEnd, { plan: 'cin' }, { by: tm });
      const closeAt = sim.workTime(days.of(cinEnd) + dice.int(5, 20));
      if (closeAt < YEAR.end) sim.emit(who, 'case-closed', closeAt, { reason: 'child in need plan completed' }, { by: tm });
    }
  } else {
    const closeAt = sim.workTime(days.of(endingAt) + dice.int(14, 50));
    if (closeAt < YEAR.end) {
      sim.emit(who, 'case-closed', closeAt, { reason: 'child protection plan ended' }, { by: tm });
    }
  }
}

/** The papers before a child protection conference, sent between `from` and the conference. */
function conferencePapers(sim: Simulation, who: Subject, kind: 'icpc' | 'rcpc', at: number, from: number, cast: Cast, chair: string): void {
  const { dice, days } = sim;
  const d = days.of(at);
  const sw = cast.workerAt(at);
  const wd = (p: number, onTime: [number, number], late: [number, number]) => sim.workTime(days.plusWorking(d, -(dice.chance(p) ? dice.int(...onTime) : dice.int(...late))));
  const papers: [number, string, Record<string, unknown>, string][] = [];
  if (dice.chance(0.85)) papers.push([wd(0.75, [7, 9], [3, 6]), 'document-shared', { document: 'set-up-form', with: 'cp-admin-team' }, sw]);
  if (dice.chance(0.9)) papers.push([wd(0.85, [5, 8], [2, 4]), 'document-shared', { document: 'conference-invitation', with: 'invitees' }, mail(CP_MANAGER)]);
  if (kind === 'icpc') {
    if (dice.chance(0.9)) papers.push([wd(0.8, [2, 4], [1, 1]), 'document-completed', { document: 'conference-report' }, sw]);
    if (dice.chance(0.8)) papers.push([sim.workTime(d - (dice.chance(0.7) ? dice.int(2, 4) : 1)), 'document-shared', { document: 'conference-report', with: 'family' }, sw]);
    if (dice.chance(0.6)) papers.push([sim.workTime(d - dice.int(1, 4)), 'document-shared', { document: 'agency-report', with: 'chair' }, sw]);
  } else {
    if (dice.chance(0.9)) papers.push([wd(0.8, [5, 8], [2, 4]), 'document-completed', { document: 'conference-report', signedOff: true }, mail(CP_MANAGER)]);
    if (dice.chance(0.85)) papers.push([wd(0.7, [7, 9], [2, 6]), 'document-shared', { document: 'conference-report', with: 'family' }, sw]);
  }
  if (dice.chance(0.6)) papers.push([wd(0.8, [3, 6], [1, 2]), 'contact-made', { with: 'social-worker' }, chair]);
  for (const [t, type, details, person] of papers) {
    const when = t <= from ? from + dice.int(1, 30) * 3600 : t;
    if (when < at) sim.emit(who, type, when, details, { by: person });
  }
}

/** What follows a child protection conference: outcome, checklist, decision, record, outline plan. */
function afterConference(sim: Simulation, who: Subject, at: number, initial: boolean, cast: Cast, chair: string): void {
  const { dice, days } = sim;
  const sw = cast.workerAt(at);
  if (dice.chance(0.9)) sim.emit(who, 'record-updated', at + (dice.chance(0.8) ? dice.int(2, 22) : dice.int(26, 60)) * 3600, { record: 'conference-outcome' }, { by: sw });
  if (dice.chance(0.7)) sim.emit(who, 'document-completed', at + (dice.chance(0.8) ? dice.int(1, 20) : dice.int(26, 50)) * 3600, { document: 'chair-checklist' }, { by: chair });
  if (initial && dice.chance(0.75)) sim.emit(who, 'document-completed', at + dice.int(1, 5) * 3600, { document: 'outline-cp-plan' }, { by: chair });
  if (dice.chance(0.8)) sim.emit(who, 'document-shared', sim.workTime(days.plusWorking(days.of(at), dice.chance(0.8) ? 1 : 3)), { document: 'conference-decision', with: 'invitees' }, { by: chair });
  if (dice.chance(0.85)) {
    sim.emit(who, 'document-shared', sim.workTime(days.plusWorking(days.of(at), dice.chance(0.75) ? dice.int(5, 10) : dice.int(12, 24))), { document: 'conference-record', with: 'invitees' }, { by: chair });
  }
}

/** Professional supervision of every member of staff; a newly qualified social worker from 2 September. */
function staffSupervision(sim: Simulation, people: PersonRow[]): void {
  const { dice, days } = sim;
  for (const p of people) {
    if (!p.line_manager_email) continue;
    const who: Subject = { subject: p.email };
    if (p.email === mail(NQSW)) {
      const start = parseInstant('2024-09-02T08:30:00Z');
      sim.emit(who, 'case-status-changed', start, { flag: 'newly-qualified', value: true }, { receivedAt: start + 600, by: p.line_manager_email });
      sim.emit(who, 'started-in-post', start, {}, { receivedAt: start + 600, by: p.line_manager_email });
      let t = sim.workTime(days.of(start) + dice.int(4, 7));
      for (; t < start + 42 * DAY; t = sim.workTime(days.of(t) + (dice.chance(0.85) ? dice.int(5, 7) : dice.int(8, 10)))) {
        sim.emit(who, 'supervision-held', t, { kind: 'professional' }, { by: p.line_manager_email });
      }
      series(sim, t, YEAR.end, () => (dice.chance(0.8) ? dice.int(10, 14) : dice.int(15, 21)), (s) =>
        sim.emit(who, 'supervision-held', s, { kind: 'professional' }, { by: p.line_manager_email }),
      );
      sim.scenarios.push(`${p.email}: a newly qualified social worker starting on 2 September 2024`);
      continue;
    }
    series(sim, sim.workTime(sim.dayBetween(parseInstant('2024-01-08T09:00:00Z'), parseInstant('2024-02-28T09:00:00Z'))), YEAR.end, () =>
      dice.chance(0.8) ? dice.int(21, 30) : dice.int(32, 45), (t) => sim.emit(who, 'supervision-held', t, { kind: 'professional' }, { by: p.line_manager_email }),
    );
    if (dice.chance(0.8)) sim.emit(who, 'staff-review-held', sim.workTime(sim.dayBetween(YEAR.start, YEAR.end - 5 * DAY)), { kind: 'appraisal' }, { by: p.line_manager_email });
  }
}

/** Local month name of an instant, for the export files. */
function monthOf(days: Days, t: number): string {
  return days.date(t).slice(0, 7);
}

/**
 * The simulated year. Files: `history.jsonl` (everything received before 1 April 2024,
 * sent at go-live), then one export per month, `YYYY-MM.jsonl`, every third one as CSV.
 *
 * @example
 * const year = simulateYear();
 * year.files.map((f) => f.name); // ['history.jsonl', '2024-04.jsonl', …, '2025-03.csv']
 */
export function simulateYear(seed = 20240401, cal: WorkingCalendar = compileCalendar()): SimulatedYear {
  const sim = new Simulation(seed, cal);
  const people = directory();
  for (let i = 0; i < 80; i++) childInCare(sim, i);
  for (let j = 0; j < 70; j++) childProtection(sim, j);
  staffSupervision(sim, people);

  // A record known only by its date on a day the case has another of the same type at a
  // known time would sort before it (R8) whichever came first: give it the time instead.
  const timed = new Set(sim.pending.filter((p) => !/^\d{4}-\d{2}-\d{2}$/.test(p.event.occurredAt)).map((p) => `${p.event.caseRef}|${p.event.type}|${sim.days.date(p.at)}`));
  for (const p of sim.pending) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(p.event.occurredAt) || !timed.has(`${p.event.caseRef}|${p.event.type}|${p.event.occurredAt}`)) continue;
    p.at = sim.days.at(sim.days.of(p.at), 12 * 60);
    p.event.occurredAt = formatInstant(p.at);
    p.receivedAt = Math.max(p.receivedAt, p.at + 600);
  }
  // Nothing of a case happens after it closed (the reference's R14 is not what the year tests).
  const closed = new Map(sim.pending.filter((p) => p.event.type === 'case-closed').map((p) => [p.event.caseRef, p.at]));
  const open = (p: Pending) => p.event.type === 'case-closed' || p.at < (closed.get(p.event.caseRef) ?? Infinity);
  const kept = sim.pending.filter((p) => p.at < YEAR.end && p.receivedAt < YEAR.end && open(p)).sort((a, b) => a.receivedAt - b.receivedAt || a.seq - b.seq);
  const files: EventFile[] = [{ name: 'history.jsonl', format: 'jsonl', events: [] }];
  const csvMonths = new Set(['2024-06', '2024-09', '2024-12', '2025-03']);
  for (const p of kept) {
    const name = p.receivedAt < YEAR.start ? 'history' : monthOf(sim.days, p.receivedAt);
    const format = csvMonths.has(name) ? 'csv' : 'jsonl';
    let file = files[files.length - 1];
    if (file.name !== `${name}.${format}`) {
      file = { name: `${name}.${format}`, format, events: [] };
      files.push(file);
    }
    file.events.push(p.event);
  }
  const managers = new Map(people.map((p) => [p.email, p.line_manager_email || null]));
  return {
    people,
    files,
    events: files.flatMap((f) => f.events),
    cases: sim.cases,
    lineManagerOf: (email) => managers.get(email) ?? null,
    scenarios: sim.scenarios,
  };
}
