import type { AuditEvent } from '../audit-event';
import type { Broadcast, BroadcastRecipient } from '../broadcast';
import type { Case, CaseEvent, StaffSubject } from '../case';
import type { DutyRole, RotaShift } from '../duty-rota';
import type { Handover } from '../handover';
import type { Obligation, ObligationSubject } from '../obligation';
import type { Absence, Person, Role, Team } from '../person';
import type { SafetyLinkFollowUp } from '../safety-link';
import type { Statement, StatementStatus } from '../statement';

/**
 * The storage ports domain/ needs. Two adapters implement them — `storage/embedded`
 * (SQLite, the default) and `storage/mongo` — and both pass `storage/contract`.
 * All instants are whole seconds since the epoch.
 */

/** An update lost a race: the stored version is not the one the caller read. */
export class ConcurrencyError extends Error {
  constructor(readonly entity: string, readonly id: string) {
    super(`${entity} ${id} was changed by someone else; read it again`);
    this.name = 'ConcurrencyError';
  }
}

/** @example await store.statements.insert(statement); // 'inserted' | 'duplicate' */
export interface StatementRepository {
  /** Inserts unless a statement with the same externalId exists; never creates two. */
  insert(statement: Statement): Promise<'inserted' | 'duplicate'>;
  get(id: string): Promise<Statement | null>;
  getByExternalId(externalId: string): Promise<Statement | null>;
  /** Stores `statement` if the stored version is `statement.version - 1`; else ConcurrencyError. */
  update(statement: Statement): Promise<void>;
  /** Statements in any of the statuses and/or assigned to the person, oldest sentAt first. */
  list(filter: { statuses?: readonly StatementStatus[]; assigneeId?: string }, limit?: number): Promise<Statement[]>;
  /**
   * One page of the statements sent in `[from, to)`, by sentAt then id, after `after`
   * (keyset paging on the sentAt index): what a report reads, however long the period.
   */
  pageSentBetween(from: number, to: number, after: PageCursor | null, limit: number): Promise<Statement[]>;
  /** The statements of one child (by the child's reference, which is the case reference), oldest sent first. */
  listForChild(reference: string, limit?: number): Promise<Statement[]>;
  /**
   * Statements whose PDF Heard still holds though they were saved to the case record at or
   * before `savedBefore` (`caseRecord.savedAt`), oldest saved first: what the retention
   * policy purges.
   */
  listPdfsHeldSavedBefore(savedBefore: number, limit: number): Promise<Statement[]>;
}

/**
 * Where the previous page of a keyset read ended: its last row's instant (sentAt, due)
 * and id. @example const after: PageCursor = { at: 1795255200, id: 'ob_42' };
 */
export interface PageCursor {
  at: number;
  id: string;
}

/** PDFs of statements, kept apart from the records (GridFS on MongoDB). @example await store.pdfs.put('st_1', bytes); */
export interface PdfStore {
  put(statementId: string, pdf: Buffer): Promise<void>;
  get(statementId: string): Promise<Buffer | null>;
  /** Purge after saving to the case record; the audit trail stays. */
  delete(statementId: string): Promise<void>;
}

/** @example await store.directory.getPerson('p_sam'); */
export interface DirectoryRepository {
  /** Inserts or replaces these people and teams, all or none. */
  upsert(people: Person[], teams: Team[]): Promise<void>;
  getPerson(id: string): Promise<Person | null>;
  findPersonByEmail(email: string): Promise<Person | null>;
  findPersonByAadObjectId(aadObjectId: string): Promise<Person | null>;
  /** People with a role, in a team, or whose line manager is someone (all that are given), in id order. */
  listPeople(filter?: { role?: Role; teamId?: string; lineManagerId?: string }): Promise<Person[]>;
  getTeam(id: string): Promise<Team | null>;
  listTeams(): Promise<Team[]>;
  putAbsence(absence: Absence): Promise<void>;
  deleteAbsence(id: string): Promise<void>;
  /** Absences of a person covering a local date `YYYY-MM-DD` (or all of the person's, without a date). */
  listAbsences(personId: string, onDate?: string): Promise<Absence[]>;
}

/**
 * Which obligations `ObligationRepository.list` gives: every given field must match.
 *
 * @example const f: ObligationFilter = { caseId: 'ca_1', ownerEmail: 'sam@example.org' };
 */
export interface ObligationFilter {
  subject?: ObligationSubject;
  caseId?: string;
  staffId?: string;
  /** Owned by this person of the directory, or held by this e-mail address (either matches). */
  ownerId?: string;
  ownerEmail?: string;
}

/** @example await store.obligations.openForOwners(['p_sam'], dueBefore); */
export interface ObligationRepository {
  insertMany(obligations: Obligation[]): Promise<void>;
  get(id: string): Promise<Obligation | null>;
  listForStatement(statementId: string): Promise<Obligation[]>;
  /** Every obligation of a case, of any status, soonest due first (then by id). */
  listForCase(caseId: string): Promise<Obligation[]>;
  /** Every obligation about a member of staff, of any status, soonest due first (then by id). */
  listForStaff(staffId: string): Promise<Obligation[]>;
  /**
   * Obligations of any status matching the filter, soonest due first (then by id). With
   * `ownerId` and `ownerEmail` both given, either matches.
   */
  list(filter: ObligationFilter, limit?: number): Promise<Obligation[]>;
  /** Version-checked like StatementRepository.update. */
  update(obligation: Obligation): Promise<void>;
  /**
   * Removes obligations that should never have existed: a case's clocks worked out again
   * after a correction no longer give them. Ids it does not have are ignored.
   */
  deleteMany(ids: string[]): Promise<void>;
  /**
   * Open obligations of these owners due before an instant (and at or after `dueFrom`,
   * when given: a window's start, so that what is long overdue is not read), soonest first.
   */
  openForOwners(ownerIds: string[], dueBefore: number, limit?: number, dueFrom?: number): Promise<Obligation[]>;
  /**
   * Atomically claims up to `limit` open obligations (about any subject) whose
   * nextNudgeAt ≤ now and whose lease is absent or expired, giving each a lease to
   * `holder` until `now + leaseSeconds`. Two claimers never get the same obligation while
   * a lease runs.
   */
  claimDue(now: number, holder: string, leaseSeconds: number, limit: number): Promise<Obligation[]>;
  /**
   * The smallest nextNudgeAt of the open obligations (leased or not), or null when none
   * has a next nudge: when a scheduler should next wake.
   */
  earliestNudgeAt(): Promise<number | null>;
  /**
   * Open obligations that no person of the directory owns (`ownerId` null: a role nobody
   * holds, a team's, or someone the directory does not know) on the cases where any of
   * these people (e-mail addresses, any case) holds a role now, due in `[dueFrom,
   * dueBefore)`, soonest first (then by id): what a team's manager sees for the roles
   * nobody in Heard holds, found without reading the team's cases.
   */
  openUnownedOnCasesOf(emails: readonly string[], dueFrom: number, dueBefore: number): Promise<Obligation[]>;
  /**
   * Obligations of any status whose due instant is in `[from, to)`, soonest due first
   * (then by id): the breaches of a day for the morning digest.
   */
  listDueBetween(from: number, to: number, limit?: number): Promise<Obligation[]>;
  /**
   * One page of the obligations of any status whose due instant is in `[from, to)`, by
   * due then id, after `after` (keyset paging on the due index): what a report reads.
   */
  pageDueBetween(from: number, to: number, after: PageCursor | null, limit: number): Promise<Obligation[]>;
  /**
   * For each standard with open obligations: how many are open, and how many of those
   * are overdue (due before `now`; one due at `now` is still on time). One grouped read
   * of an index of the open obligations, however many are met or cancelled: what the
   * metrics report at scrape time.
   */
  countOpenByStandard(now: number): Promise<OpenCount[]>;
  /**
   * Open obligations by id, after `after` (an id already read; null for the first page),
   * of the given standards only when `standardIds` is given: what a configuration change
   * works out again, page by page. Ids do not change when an obligation's deadline moves,
   * so a walk that moves deadlines as it goes meets each obligation once.
   */
  listOpen(after: string | null, limit: number, standardIds?: readonly string[]): Promise<Obligation[]>;
}

/** @example const count: OpenCount = { standardId: 'momo.2.1', open: 12, overdue: 1 }; */
export interface OpenCount {
  standardId: string;
  open: number;
  overdue: number;
}

/**
 * One message the scheduler sends to one person: a nudge or escalation of an obligation,
 * a morning digest, or a notice that someone could not be reached. Its key is the
 * idempotency key — obligation, nudge kind and recipient (`ob_1:reminder-50:p_sam`) or
 * digest date and recipient (`digest:2026-11-23:p_priya`) — and it is recorded as
 * `sending` before the message goes out, so no restart or second instance sends it again.
 */
export interface NudgeRecord {
  key: string;
  /** The obligation it is about (null for digests). */
  obligationId: string | null;
  /** The statement it is about (null for digests). */
  statementId: string | null;
  /**
   * `reminder-50`, `reminder-75`, `ahead-5`, `due`, `breach`, `breach-notice`, `digest`,
   * `undelivered-notice`, `found-overdue` (a manager's digest reported it, once).
   */
  kind: string;
  recipientId: string;
  /**
   * `sending`: claimed and on its way (a crash here leaves it sent or lost, never twice);
   * `sent`; `undelivered` (403/404 or not installed: `reason` says which); `superseded`
   * (a later reminder of the same obligation was due at the same time and went instead).
   */
  state: 'sending' | 'sent' | 'undelivered' | 'superseded';
  reason: string | null;
  /** The scheduler instance that recorded it. */
  holder: string;
  /** When it was recorded; `sentAt` when the send was acknowledged. */
  at: number;
  sentAt: number | null;
  activityId: string | null;
}

/** @example if ((await store.nudges.begin(record)) === 'inserted') await send(); */
export interface NudgeRepository {
  /** Records a nudge unless one with its key exists; never two with one key. */
  begin(record: NudgeRecord): Promise<'inserted' | 'duplicate'>;
  /** Replaces the record with its key (the outcome of the send); throws if there is none. */
  finish(record: NudgeRecord): Promise<void>;
  /** Forgets a record whose send failed for certain (retried later). */
  remove(key: string): Promise<void>;
  get(key: string): Promise<NudgeRecord | null>;
  listForObligation(obligationId: string): Promise<NudgeRecord[]>;
  /** Records with `at` in `[from, to)`, oldest first (then by key). */
  listBetween(from: number, to: number, limit?: number): Promise<NudgeRecord[]>;
}

/** Append-only. @example await store.audit.append(event); */
export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  listForStatement(statementId: string): Promise<AuditEvent[]>;
  /** A case's events (reallocations, corrections), by time, those of the same second in the order appended. */
  listForCase(caseId: string): Promise<AuditEvent[]>;
  /**
   * The changes of the organisation's configuration (events with a `setting`), of one
   * setting or all, by time, those of the same second in the order appended; the last
   * `limit` of them when given.
   */
  listConfiguration(filter?: { setting?: string }, limit?: number): Promise<AuditEvent[]>;
}

/** @example await store.cases.getByRef('C-10442'); */
export interface CaseRepository {
  /** Inserts unless a case with the same caseRef exists; never creates two. */
  insert(c: Case): Promise<'inserted' | 'duplicate'>;
  get(id: string): Promise<Case | null>;
  /** The cases of these ids that exist, by reference (each once). */
  getMany(ids: readonly string[]): Promise<Case[]>;
  getByRef(caseRef: string): Promise<Case | null>;
  /** Stores `c` if the stored version is `c.version - 1`; else ConcurrencyError. */
  update(c: Case): Promise<void>;
  /**
   * The cases on which any of these people (e-mail addresses, any case) holds a role now,
   * by reference: the cases of a manager's team.
   */
  listAllocatedTo(emails: readonly string[]): Promise<Case[]>;
}

/** @example await store.staff.getByEmail('sam@example.org'); */
export interface StaffSubjectRepository {
  /** Inserts unless a staff subject with the same e-mail (whatever its case) exists. */
  insert(s: StaffSubject): Promise<'inserted' | 'duplicate'>;
  get(id: string): Promise<StaffSubject | null>;
  getByEmail(email: string): Promise<StaffSubject | null>;
  /** Version-checked like CaseRepository.update. */
  update(s: StaffSubject): Promise<void>;
}

/**
 * The case events received, each once per `source` + `eventId`.
 *
 * @example if ((await store.caseEvents.insert(event)) === 'duplicate') compare(await store.caseEvents.get(event.source, event.eventId));
 */
export interface CaseEventRepository {
  /** Inserts unless an event with the same source and eventId exists; never two. */
  insert(event: CaseEvent): Promise<'inserted' | 'duplicate'>;
  get(source: string, eventId: string): Promise<CaseEvent | null>;
  /** The stored events of these keys (each once, in no particular order): a batch checked in one read. */
  getMany(keys: readonly { source: string; eventId: string }[]): Promise<CaseEvent[]>;
  /** The events of one case or staff subject, by `occurredAt`, then arrival (`seq`). */
  listForSubject(subjectId: string): Promise<CaseEvent[]>;
  /**
   * The stored corrections of these events: every event whose `supersedes` is one of the
   * keys' `eventId` (with the same `source`), in no particular order — a batch in one read.
   */
  findSuperseding(keys: readonly { source: string; eventId: string }[]): Promise<CaseEvent[]>;
  /** Notes that `supersededBy` (same source) corrects the event: it no longer counts. */
  markSuperseded(source: string, eventId: string, supersededBy: string): Promise<void>;
}

/** A saved Bot Framework conversation reference for a person's personal chat. */
export interface ConversationRecord {
  aadObjectId: string;
  reference: Record<string, unknown>;
  installed: boolean;
  updatedAt: number;
}

/** @example await store.conversations.save(record); */
export interface ConversationRepository {
  save(record: ConversationRecord): Promise<void>;
  get(aadObjectId: string): Promise<ConversationRecord | null>;
}

/**
 * Why a message could not reach someone's personal chat: Heard is not installed for
 * them, Teams refused it (403: removed or blocked), or their chat with Heard is gone (404).
 *
 * @example const reason: UndeliveredReason = 'forbidden';
 */
export type UndeliveredReason = 'not-installed' | 'forbidden' | 'conversation-gone';

/**
 * A statement card sent (or not) to one person's personal chat: the message id lets
 * every copy be updated in place; a card that could not be delivered is kept as such
 * so the participation team can act and nothing is lost.
 */
export interface CardDelivery {
  statementId: string;
  personId: string;
  state: 'delivered' | 'not-delivered';
  /** Why it was not delivered: Heard is not installed for them, or Teams refused (403) or lost (404) the chat. */
  reason: UndeliveredReason | null;
  /** The person's Teams identity whose personal chat holds the card. */
  aadObjectId: string | null;
  /** The Teams message id of the card. */
  activityId: string | null;
  /**
   * Earlier copies of the card in the same chat ("my statements", Show card, Download each
   * send one), oldest first, at most {@link MAX_EARLIER_COPIES}: updated with the newest,
   * so no copy still offers what has been done. Absent on deliveries stored before.
   */
  earlierCopies?: string[];
  at: number;
}

/** How many earlier copies of one person's card are kept up to date. */
export const MAX_EARLIER_COPIES = 10;

/** @example await store.cards.save(delivery); */
export interface CardDeliveryRepository {
  /** Inserts or replaces the delivery of one statement to one person. */
  save(delivery: CardDelivery): Promise<void>;
  listForStatement(statementId: string): Promise<CardDelivery[]>;
  /**
   * Cards that could not be delivered (state `not-delivered`), oldest `at` first (then by
   * statement and person): what the participation team must act on. A card delivered
   * later replaces the record, so it leaves this list.
   */
  listNotDelivered(limit?: number): Promise<CardDelivery[]>;
}

/**
 * A multi-turn conversation (reassign, away) that one person has half finished, kept
 * between their messages so that a restart loses nothing. `state` is the conversation's
 * own JSON, checked by the conversation when it reads it back; `startedAt` lets it forget
 * a flow left too long.
 *
 * @example
 * const flow: ConversationFlow = { personId: 'p_priya', state: { flow: 'reassign', step: 'target' }, startedAt: 1795255200 };
 */
export interface ConversationFlow {
  personId: string;
  state: unknown;
  startedAt: number;
}

/** One flow per person, apart from the organisation's settings. @example await store.flows.save(flow); */
export interface ConversationFlowRepository {
  get(personId: string): Promise<ConversationFlow | null>;
  /** Inserts or replaces the person's flow; `state` must be JSON. */
  save(flow: ConversationFlow): Promise<void>;
  /** Forgets the person's flow (nothing to do when there is none). */
  clear(personId: string): Promise<void>;
}

/**
 * The duty rota (domain/duty-rota.ts): who is the duty officer or duty manager when.
 *
 * @example
 * const onDuty = await store.rota.onDutyAt('duty-manager', now);
 */
export interface RotaRepository {
  /**
   * Replaces, all or none, the shifts of `period.roles` that start in
   * `[period.from, period.until)` with `shifts` (an import of a rota for that period).
   */
  replace(period: { roles: readonly DutyRole[]; from: number; until: number }, shifts: RotaShift[]): Promise<void>;
  /** The shifts of `role` in force at `at` (from ≤ at < until), earliest start first (then by id). */
  onDutyAt(role: DutyRole, at: number): Promise<RotaShift[]>;
  /** Shifts overlapping `[from, until)`, earliest start first (then by id). */
  listBetween(from: number, until: number): Promise<RotaShift[]>;
}

/**
 * Safety Link follow-ups, append-only: the decision and its note are evidence, kept as
 * long as the audit trail that names them. At most one per statement.
 *
 * @example
 * await store.followUps.insert(followUp); // 'inserted' | 'duplicate'
 */
export interface FollowUpRepository {
  /** Records the follow-up unless the statement has one; never two for one statement. */
  insert(followUp: SafetyLinkFollowUp): Promise<'inserted' | 'duplicate'>;
  getForStatement(statementId: string): Promise<SafetyLinkFollowUp | null>;
}

/**
 * Broadcasts and their recipients: the durable queue the broadcast sender drains
 * (scheduler/broadcast-sender.ts). Recipients are claimed with a lease, as obligations
 * are, so two senders never try one recipient at once and a dead sender's claims lapse.
 *
 * @example if ((await store.broadcasts.create(broadcast, recipients)) === 'duplicate') return store.broadcasts.get(broadcast.id);
 */
export interface BroadcastRepository {
  /** Stores a broadcast with all its recipients, all or none, unless one with its id exists. */
  create(broadcast: Broadcast, recipients: BroadcastRecipient[]): Promise<'inserted' | 'duplicate'>;
  get(id: string): Promise<Broadcast | null>;
  /** Version-checked like StatementRepository.update. */
  update(broadcast: Broadcast): Promise<void>;
  /** Broadcasts confirmed by a person (or anyone's, without one), newest first (then by id). */
  listRecent(filter: { createdBy?: string }, limit?: number): Promise<Broadcast[]>;
  /** The recipients of a broadcast, by person id. */
  listRecipients(broadcastId: string): Promise<BroadcastRecipient[]>;
  getRecipient(broadcastId: string, personId: string): Promise<BroadcastRecipient | null>;
  /** Version-checked: stores `recipient` if the stored version is `recipient.version - 1`; else ConcurrencyError. */
  updateRecipient(recipient: BroadcastRecipient): Promise<void>;
  /**
   * Atomically claims up to `limit` recipients still to be tried (`pending`, `retrying`)
   * whose `nextAttemptAt` ≤ now and whose lease is absent or expired, leasing each to
   * `holder` until `now + leaseSeconds`; oldest `nextAttemptAt` first (then broadcast, person).
   */
  claimRecipients(now: number, holder: string, leaseSeconds: number, limit: number): Promise<BroadcastRecipient[]>;
  /** Marks every recipient of the broadcast still to be tried `cancelled` (leased or not); how many. */
  cancelPending(broadcastId: string): Promise<number>;
  /** The earliest `nextAttemptAt` of the recipients still to be tried, or null: when a sender should next wake. */
  earliestAttemptAt(): Promise<number | null>;
}

/**
 * Handovers of one person's open work (domain/handover.ts).
 *
 * @example if ((await store.handovers.insert(handover)) === 'duplicate') return store.handovers.get(handover.id);
 */
export interface HandoverRepository {
  /** Records a handover unless one with its id exists. */
  insert(handover: Handover): Promise<'inserted' | 'duplicate'>;
  get(id: string): Promise<Handover | null>;
  /** Version-checked like StatementRepository.update. */
  update(handover: Handover): Promise<void>;
  /** Handovers from a person, newest first (then by id). */
  listFrom(personId: string): Promise<Handover[]>;
  /**
   * What a sweep must finish at `now`: handovers still `applying` (a crash half way), and
   * `active` ones whose `returnAt` ≤ now; oldest first (then by id).
   */
  listToFinish(now: number, limit?: number): Promise<Handover[]>;
}

/** Organisation settings (calendar, enabled packs, routing, nudge policy) by key. */
export interface SettingsRepository {
  get(key: string): Promise<unknown | null>;
  set(key: string, value: unknown): Promise<void>;
}

/** The repositories a transaction sees. */
export interface Repositories {
  statements: StatementRepository;
  pdfs: PdfStore;
  directory: DirectoryRepository;
  obligations: ObligationRepository;
  audit: AuditLog;
  conversations: ConversationRepository;
  cards: CardDeliveryRepository;
  nudges: NudgeRepository;
  flows: ConversationFlowRepository;
  rota: RotaRepository;
  followUps: FollowUpRepository;
  broadcasts: BroadcastRepository;
  handovers: HandoverRepository;
  settings: SettingsRepository;
  cases: CaseRepository;
  staff: StaffSubjectRepository;
  caseEvents: CaseEventRepository;
}

/**
 * A store: the repositories, plus transactions. A write acknowledged to a caller (a
 * resolved promise) survives a crash of the process.
 *
 * @example
 * await store.transaction(async (tx) => { await tx.statements.insert(s); await tx.audit.append(e); });
 */
export interface Store extends Repositories {
  /** Runs `work` so that all of its writes happen or none do. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Receives `events` case events through `work` as one load (a go-live history). A store
   * may build the indexes receiving never reads once at the end instead of entry by entry,
   * when the load is large beside what it holds. Queries meanwhile give the same answers,
   * more slowly; whatever happens to `work`, the indexes are whole again when it settles
   * (or, if the process dies, when the store is next opened).
   */
  bulkLoad<T>(events: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
