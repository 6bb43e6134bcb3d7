import type { Case } from './case';
import { CaseLinks } from './case-links';
import type { CaseWorkService } from './case-work-service';
import { parseCaseEvent } from './case-event-envelope';
import { builtInVocabulary, formatInstant, type WorkingCalendar } from '../standards';
import type { Obligation } from './obligation';
import type { Person } from './person';
import { Permissions } from './permissions';
import type { Store } from './ports/store.port';
import type { Statement } from './statement';

/**
 * The child's voice at their review (Mind Of My Own 4.2–4.7): for each child-in-care
 * review (the momo 4.4 obligation a `meeting-scheduled` of type `cic-review` opens), what
 * the IRO and the social worker need on one card — the statements the child sent since
 * their last review, and the clocks of 4.3, 4.4, 4.5, 4.6 and the 4.7 request for that
 * review — and the recording of what they did, as case events with source `teams`
 * through the case-work service, so each stops its clock like an event from the case
 * system would.
 */

/** The standards of the review card. */
export const REVIEW_STANDARDS = {
  invitation: 'momo.4.3',
  check: 'momo.4.4',
  taken: 'momo.4.5',
  asked: 'momo.4.6',
  request: 'momo.4.7.request',
} as const;

/** What a person records from the card. @example const a: ReviewAction = 'invitation-sent'; */
export type ReviewAction = 'invitation-sent' | 'views-checked' | 'iro-action' | 'statement-taken' | 'momo-asked' | 'not-introduced';

/** @example REVIEW_ACTIONS.includes('momo-asked'); // true */
export const REVIEW_ACTIONS: readonly ReviewAction[] = ['invitation-sent', 'views-checked', 'iro-action', 'statement-taken', 'momo-asked', 'not-introduced'];

/** The case event each action records (4.3, 4.4, 4.4, 4.5, 4.6, 4.6 with the 4.7 request). */
const ACTION_EVENTS: Readonly<Record<ReviewAction, { type: string; details: Record<string, string | boolean | string[]> }>> = {
  'invitation-sent': { type: 'document-shared', details: { document: 'momo-invitation', with: ['child', 'family'] } },
  'views-checked': { type: 'check-completed', details: { check: 'statement-views' } },
  'iro-action': { type: 'check-completed', details: { check: 'statement-views' } },
  'statement-taken': { type: 'document-shared', details: { document: 'momo-statement', with: 'review' } },
  'momo-asked': { type: 'check-completed', details: { check: 'momo-introduction', introduced: true } },
  'not-introduced': { type: 'check-completed', details: { check: 'momo-introduction', introduced: false } },
};

/** Actions that belong to the review itself: offered from its start. */
const AT_THE_REVIEW: ReadonlySet<ReviewAction> = new Set(['statement-taken', 'momo-asked', 'not-introduced']);

/**
 * One clock of the card as it stands.
 *
 * @example const c: ReviewClock = { status: 'open', due: 1795280400, completedAt: null };
 */
export interface ReviewClock {
  status: Obligation['status'];
  due: number;
  completedAt: number | null;
}

/**
 * One statement the child sent since their last review, in references only.
 *
 * @example
 * const s: ReviewStatement = { statementId: 'st_1', reference: 'C-10442', type: 'my-world', sentAt: 1795255200, opened: true, saved: false, holderIds: ['p_sam'], pdfHeld: true };
 */
export interface ReviewStatement {
  statementId: string;
  /** The child reference the statement came with (the case's, or one mapped to it). */
  reference: string;
  type: string;
  sentAt: number;
  opened: boolean;
  saved: boolean;
  /** Who holds it (may download it). */
  holderIds: string[];
  /** Whether Heard still holds the PDF (not purged after saving). */
  pdfHeld: boolean;
}

/**
 * What the review card shows, worked out from the store.
 *
 * @example
 * const brief = await voice.brief('ob_44', now);
 * brief?.statements.length; // 2
 */
export interface ReviewBrief {
  /** The momo 4.4 obligation: the card's key. */
  obligationId: string;
  caseId: string;
  caseRef: string;
  initials: string;
  meetingId: string;
  /** When the review is (or was) to be held. */
  reviewAt: number;
  /** `cancelled`: the meeting was cancelled; `held`: the case system reported it held. */
  state: 'scheduled' | 'cancelled' | 'held';
  /** The deadline of 4.3 and 4.4: at least 10 working days before the review. */
  deadline: number;
  /** The previous review held, from when statements count (null: none known). */
  since: number | null;
  statements: ReviewStatement[];
  invitation: ReviewClock | null;
  check: ReviewClock;
  taken: ReviewClock | null;
  asked: ReviewClock | null;
  request: ReviewClock | null;
  /** Whether the child has been introduced to Mind Of My Own (app-introduced). */
  introduced: boolean;
  /** What was recorded from the card (or by the case system) that the card stops offering. */
  recorded: ReviewAction[];
  /** Whether the review has begun at `now` (what is done at the review is offered from then). */
  begun: boolean;
  /** The e-mail addresses of the people the card goes to (allocated IRO and social worker). */
  iro: string | null;
  socialWorker: string | null;
}

/** What recording an action did. @example const r: ReviewRecordResult = { ok: true, changed: true }; */
export type ReviewRecordResult = { ok: true; changed: boolean } | { ok: false; code: 'NOT_FOUND' | 'NOT_YET' | 'CLOSED' };

export interface ReviewVoiceDeps {
  store: Store;
  caseWork: CaseWorkService;
  calendar: WorkingCalendar;
  now: () => number;
}

const OPENED: ReadonlySet<Statement['status']> = new Set(['opened', 'acknowledged', 'child-told', 'saved']);

/**
 * @example
 * const voice = new ReviewVoice({ store, caseWork, now });
 * await voice.record(sam, 'ob_44', 'invitation-sent');
 */
export class ReviewVoice {
  private readonly permissions: Permissions;

  constructor(private readonly deps: ReviewVoiceDeps) {
    this.permissions = new Permissions(deps.store.directory);
  }

  /** The card's content for a momo 4.4 obligation, or null when it is not one. */
  async brief(obligationId: string, now: number): Promise<ReviewBrief | null> {
    const store = this.deps.store;
    const check = await store.obligations.get(obligationId);
    const meeting = check ? meetingOf(check) : null;
    if (!check || check.standardId !== REVIEW_STANDARDS.check || check.caseId === null || meeting === null || check.anchorAt === null) return null;
    const c = await store.cases.get(check.caseId);
    if (!c) return null;
    const events = (await store.caseEvents.listForSubject(c.id)).filter((e) => e.supersededBy === null);
    const obligations = await store.obligations.listForCase(c.id);
    const reviewAt = check.anchorAt;
    const held = events.find((e) => (e.type === 'review-held' || e.type === 'meeting-held') && e.details.meetingId === meeting.id);
    const since = latest(events.filter((e) => e.type === 'review-held' && e.details.type === 'cic' && e.details.meetingId !== meeting.id && e.occurredAt < reviewAt).map((e) => e.occurredAt));
    const links = await CaseLinks.load(store);
    const statements = (await links.statementsOf(store, c.caseRef)).filter((s) => (since === null || s.sentAt > since) && s.sentAt <= reviewAt);
    const sameMeeting = (id: string) => obligations.find((o) => o.standardId === id && o.occurrenceKey === `${id}|${meeting.ref}`) ?? null;
    const asked = held ? (obligations.find((o) => o.standardId === REVIEW_STANDARDS.asked && o.occurrenceKey === `${REVIEW_STANDARDS.asked}|${held.identity}`) ?? null) : null;
    const mine = events.filter((e) => e.source === TEAMS_SOURCE && e.details.meetingId === meeting.id);
    const request = latestObligation(obligations.filter((o) => o.standardId === REVIEW_STANDARDS.request && mine.some((e) => o.occurrenceKey === `${REVIEW_STANDARDS.request}|${e.identity}`)));
    return {
      obligationId: check.id,
      caseId: c.id,
      caseRef: c.caseRef,
      initials: c.initials,
      meetingId: meeting.id,
      reviewAt,
      state: check.closedReason === 'cancelled' ? 'cancelled' : held ? 'held' : 'scheduled',
      deadline: check.due,
      since,
      statements: statements.map((s) => ({
        statementId: s.id,
        reference: s.child.reference,
        type: s.type,
        sentAt: s.sentAt,
        opened: OPENED.has(s.status) || s.caseRecord !== null,
        saved: s.caseRecord !== null,
        holderIds: s.assigneeIds,
        pdfHeld: s.pdf !== null && s.pdf.purgedAt === null,
      })),
      invitation: clockOf(sameMeeting(REVIEW_STANDARDS.invitation)),
      check: clockOf(check)!,
      taken: clockOf(sameMeeting(REVIEW_STANDARDS.taken)),
      asked: clockOf(asked),
      request: clockOf(request),
      introduced: events.some((e) => e.type === 'app-introduced' && e.details.app === 'momo'),
      recorded: REVIEW_ACTIONS.filter((a) => mine.some((e) => e.eventId === eventIdOf(c, meeting.id, a))),
      begun: now >= reviewAt,
      iro: c.allocations.iro ?? null,
      socialWorker: c.allocations['social-worker'] ?? null,
    };
  }

  /**
   * Whether `actor` may see the card and record from it: the case's allocated social
   * worker or IRO, or someone who manages either of them.
   */
  async mayAct(actor: Person, brief: Pick<ReviewBrief, 'iro' | 'socialWorker'>): Promise<boolean> {
    for (const email of [brief.iro, brief.socialWorker]) {
      if (email === null) continue;
      if (email.toLowerCase() === actor.email.toLowerCase()) return true;
      const allocated = await this.deps.store.directory.findPersonByEmail(email);
      if (allocated && (await this.permissions.manages(actor, allocated))) return true;
    }
    return false;
  }

  /**
   * Records an action from the card as a case event (source `teams`, by the actor) through
   * the case-work service, so its clock stops at this instant. Pressing twice records it
   * once. Refused (`NOT_FOUND`, telling nothing) to anyone {@link mayAct} refuses.
   */
  async record(actor: Person, obligationId: string, action: ReviewAction): Promise<ReviewRecordResult> {
    const now = this.deps.now();
    const brief = await this.brief(obligationId, now);
    if (!brief || !(await this.mayAct(actor, brief))) return { ok: false, code: 'NOT_FOUND' };
    if (brief.state === 'cancelled') return { ok: false, code: 'CLOSED' };
    if (AT_THE_REVIEW.has(action) && !brief.begun) return { ok: false, code: 'NOT_YET' };
    const { type, details } = ACTION_EVENTS[action];
    // Checked as any event from a case system is: the card's event is an ordinary case event.
    const parsed = parseCaseEvent(
      { eventId: eventIdOf(brief, brief.meetingId, action), source: TEAMS_SOURCE, caseRef: brief.caseRef, childInitials: brief.initials, type, occurredAt: formatInstant(now), by: actor.email.toLowerCase(), details: { ...details, meetingId: brief.meetingId } },
      { vocabulary: builtInVocabulary(), calendar: this.deps.calendar, now },
    );
    if (!parsed.ok) throw new Error(`a review card event failed the envelope: ${parsed.problems.map((p) => p.field).join(', ')}`);
    if (await this.deps.store.caseEvents.get(TEAMS_SOURCE, parsed.event.eventId)) return { ok: true, changed: false };
    const { outcomes } = await this.deps.caseWork.receive([parsed.event], 'api');
    return { ok: true, changed: outcomes[0]?.status === 'imported' };
  }
}

/** The source of the events recorded from Teams. */
export const TEAMS_SOURCE = 'teams';

/** The id of the event one action records for one review: one per review and action, so a second press changes nothing. */
function eventIdOf(c: Pick<Case, 'caseRef'>, meetingId: string, action: ReviewAction): string {
  return `review:${c.caseRef}:${meetingId}:${action}`.slice(0, 128);
}

/** The meeting a before-the-meeting obligation counts back from: `…|meeting:<id>#<generation>`. */
function meetingOf(o: Obligation): { id: string; ref: string } | null {
  const at = o.occurrenceKey?.indexOf('|meeting:') ?? -1;
  if (o.occurrenceKey === null || at < 0) return null;
  const ref = o.occurrenceKey.slice(at + 1);
  const hash = ref.lastIndexOf('#');
  return hash < 0 ? null : { id: ref.slice('meeting:'.length, hash), ref };
}

function clockOf(o: Obligation | null): ReviewClock | null {
  return o ? { status: o.status, due: o.due, completedAt: o.completedAt } : null;
}

function latest(instants: number[]): number | null {
  return instants.length === 0 ? null : Math.max(...instants);
}

function latestObligation(list: Obligation[]): Obligation | null {
  return list.reduce<Obligation | null>((a, o) => (a === null || o.triggeredAt > a.triggeredAt ? o : a), null);
}

