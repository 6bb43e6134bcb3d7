import { signDownloadToken, DOWNLOAD_TOKEN_TTL_SECONDS } from '../api/download-token';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { whenText } from '../cards/local-time';
import type { StatementCardModel } from '../cards/statement-card-model';
import { renderMessageCard } from '../cards/message-card';
import { renderStatementCard } from '../cards/statement-card';
import { statementLabel } from '../cards/statement-words';
import { DEFAULT_CASE_RECORD_SYSTEMS, statementCardModel, statementNotShownCard } from '../cards/statement-view';
import { renderDutyCard } from '../cards/duty-card';
import { dutyCardModel } from '../cards/duty-view';
import { CaseLinks } from '../domain/case-links';
import { DUTY_STEPS } from '../domain/duty-procedure';
import { followsDutyProcedure, holdsStatement, Permissions } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { SafetyLinkFollowUp } from '../domain/safety-link';
import type { CardDelivery, Store, UndeliveredReason } from '../domain/ports/store.port';
import { OPEN_STATUSES, type Statement } from '../domain/statement';
import type { StatementChange, StatementService } from '../domain/statement-service';
import type { Standard, WorkingCalendar } from '../standards';
import type { BotLog } from './bot-log';
import { cardActivity } from './outbound-cards';
import { KeyedQueue } from './keyed-queue';
import type { ProactiveSender } from './proactive-sender';

export interface StatementCardsDeps {
  store: Store;
  service: StatementService;
  sender: ProactiveSender;
  standards: Standard[];
  calendar: WorkingCalendar;
  now: () => number;
  downloadSecret: string;
  /** Where browsers reach Heard (download links). */
  publicUrl: string;
  log: BotLog;
  caseRecordSystems?: readonly string[];
  /** Where a duty manager's deletion request goes (the `mind-of-my-own` setting). */
  deletionRequestsTo?: readonly string[];
}

/** Extras for one rendering: a fresh download link, a notice. */
export type RenderExtras = Pick<StatementCardModel, 'download' | 'notice'>;

const REASON_WORDS: Record<UndeliveredReason, string> = {
  'not-installed': 'Heard is not installed for them in Teams',
  forbidden: 'Teams refused the message (Heard was removed or blocked)',
  'conversation-gone': 'their chat with Heard no longer exists',
};

/**
 * Puts statement cards in front of the right people and keeps every copy current:
 * delivers a card to each new assignee's personal chat, updates every card already sent
 * whenever the statement changes (whoever changed it, through whichever channel), and,
 * when a card cannot be delivered, records that and tells the participation team.
 * Work on one statement runs one change at a time, in order.
 *
 * @example
 * const cards = new StatementCards({ store, service, sender, standards, calendar, now, downloadSecret, publicUrl, log });
 * service.subscribe((change) => cards.onChange(change));
 */
export class StatementCards {
  private readonly standardsById: Map<string, Standard>;
  private readonly queue = new KeyedQueue();
  /**
   * Cards a person just pressed, by message id: the action's own reply shows them the
   * result (with its notice), so the update a change triggers must not overwrite it.
   * `pending` while the action runs; then the statement version the reply showed.
   */
  private readonly answered = new Map<string, 'pending' | number>();

  constructor(private readonly deps: StatementCardsDeps) {
    this.standardsById = new Map(deps.standards.map((s) => [s.id, s]));
  }

  /**
   * The card of a statement as `viewer` should see it (null: the statement does not
   * exist). Someone who may not see it (domain/permissions.ts) — a colleague, anyone
   * outside the directory (`null`) — gets a card that says so and nothing about it.
   */
  async render(statementId: string, viewer: Person | null, extras: Partial<RenderExtras> = {}): Promise<AdaptiveCardJson | null> {
    return (await this.renderView(statementId, viewer, extras))?.card ?? null;
  }

  /** {@link render}, with the statement version the card shows. */
  async renderView(statementId: string, viewer: Person | null, extras: Partial<RenderExtras> = {}): Promise<{ card: AdaptiveCardJson; version: number } | null> {
    const { store, calendar } = this.deps;
    const statement = await store.statements.get(statementId);
    if (!statement) return null;
    const now = this.deps.now();
    const audit = await store.audit.listForStatement(statementId);
    const today = calendar.dateOf(calendar.dayOf(now));
    const access = await new Permissions(store.directory).statementAccess(viewer, statement, audit, today);
    if (access === 'none') return { card: statementNotShownCard(), version: statement.version };
    const [obligations, deliveries] = await Promise.all([store.obligations.listForStatement(statementId), store.cards.listForStatement(statementId)]);
    const duty = statement.duty ? [...statement.duty.officerIds, ...statement.duty.managerIds] : [];
    const ids = new Set([...statement.assigneeIds, ...duty, ...audit.filter((e) => e.actor.kind === 'person').map((e) => e.actor.id), ...deliveries.map((d) => d.personId)]);
    const names = new Map<string, string>();
    for (const id of ids) {
      const person = await store.directory.getPerson(id);
      if (person) names.set(id, person.name);
    }
    const conversation = viewer?.aadObjectId ? await store.conversations.get(viewer.aadObjectId) : null;
    const teamsUserId = (conversation?.reference.user as { id?: string } | undefined)?.id ?? null;
    if (showsDutyCard(statement, viewer)) {
      const model = dutyCardModel({
        statement,
        obligations,
        audit,
        names,
        viewer,
        viewerTeamsId: teamsUserId,
        standards: this.standardsById,
        calendar,
        now,
        deletionRequestsTo: this.deps.deletionRequestsTo ?? [],
        notice: extras.notice ?? null,
      });
      return { card: renderDutyCard(model), version: statement.version };
    }
    const followUp = statement.flags.safetyLink ? await store.followUps.getForStatement(statementId) : null;
    if (followUp) names.set(followUp.byId, (await store.directory.getPerson(followUp.byId))?.name ?? 'someone no longer in the directory');
    const linkedCase = await (await CaseLinks.load(store)).caseOf(store, statement);
    const model = statementCardModel({
      statement,
      obligations,
      audit,
      deliveries,
      names,
      viewer,
      viewerTeamsId: teamsUserId,
      standards: this.standardsById,
      calendar,
      now,
      caseRecordSystems: this.deps.caseRecordSystems ?? DEFAULT_CASE_RECORD_SYSTEMS,
      linkedCase,
      download: extras.download ?? null,
      notice: extras.notice ?? null,
      safetyLink: statement.flags.safetyLink ? await this.safetyLinkFacts(statement, viewer, followUp, today) : undefined,
    });
    return { card: renderStatementCard(model), version: statement.version };
  }

  /** Who may record a Safety Link statement's follow-up, and whether the viewer may read its note (domain/permissions.ts). */
  private async safetyLinkFacts(statement: Statement, viewer: Person | null, followUp: SafetyLinkFollowUp | null, today: string) {
    const permissions = new Permissions(this.deps.store.directory);
    const followerIds: string[] = [];
    for (const id of statement.assigneeIds) {
      const person = await this.deps.store.directory.getPerson(id);
      if (person && (await permissions.mayRecordSafetyLinkFollowUp(person, statement))) followerIds.push(id);
    }
    return { followUp, followerIds, mayReadNote: await permissions.mayReadFollowUpNote(viewer, statement, today) };
  }

  /** A signed link to the statement's PDF for this person, valid for 15 minutes. */
  downloadLink(statementId: string, person: Person): NonNullable<StatementCardModel['download']> {
    const now = this.deps.now();
    const token = signDownloadToken({ statementId, personId: person.id, now, secret: this.deps.downloadSecret });
    return {
      url: `${this.deps.publicUrl}/api/statements/${encodeURIComponent(statementId)}/pdf?token=${encodeURIComponent(token)}`,
      validUntil: whenText(this.deps.calendar, now + DOWNLOAD_TOKEN_TTL_SECONDS, now),
    };
  }

  /**
   * Runs a card action whose reply replaces the pressed card (`activityId`), keeping the
   * updates that the action's own change triggers away from that card; later changes
   * update it as usual.
   *
   * @example
   * const reply = await cards.answering(context.activity.replyToId, async () => actions.handle(context, verb, data));
   */
  async answering<T extends { version: number | null }>(activityId: string | undefined, work: () => Promise<T>): Promise<T> {
    if (!activityId) return work();
    this.answered.set(activityId, 'pending');
    try {
      const result = await work();
      if (result.version === null) this.answered.delete(activityId);
      else this.answered.set(activityId, result.version);
      return result;
    } catch (error) {
      this.answered.delete(activityId);
      throw error;
    }
  }

  /** Listener for StatementService: delivers and updates cards for one change, in order per statement. */
  onChange(change: StatementChange): Promise<void> {
    return this.serialised(change.statement.id, () => this.sync(change.statement.id));
  }

  /**
   * Delivers the cards a person has not had yet (on install: a worker who installs Heard
   * late still gets every open statement that is theirs).
   */
  async deliverPendingFor(person: Person): Promise<void> {
    const statements = await this.deps.store.statements.list({ assigneeId: person.id, statuses: OPEN_STATUSES });
    // Duty procedures are rare: the few open ones are read whole rather than indexed by who follows them.
    const duty = await this.deps.store.statements.list({ statuses: ['duty-procedure'] });
    for (const s of [...statements, ...duty]) await this.serialised(s.id, () => this.sync(s.id, person.id));
  }

  /** At start-up: delivers every assigned statement (and duty procedure) whose card never went out (e.g. the process stopped in between). */
  async deliverOutstanding(): Promise<void> {
    const statements = await this.deps.store.statements.list({ statuses: ['assigned', 'duty-procedure'] });
    for (const s of statements) await this.serialised(s.id, () => this.sync(s.id));
  }

  private serialised(statementId: string, work: () => Promise<void>): Promise<void> {
    return this.queue.run(statementId, work).catch((error: unknown) => {
      this.deps.log('card-sync-failed', { statementId, error: error instanceof Error ? error.name : 'unknown' });
    });
  }

  /**
   * Who should have the statement's card in their chat: its assignees while it is open;
   * during the duty procedure, the duty officers and the duty managers they told — or,
   * when nobody was on the rota, the participation team, who then follow it.
   */
  private async cardHolders(statement: Statement): Promise<string[]> {
    if (OPEN_STATUSES.includes(statement.status)) return statement.assigneeIds;
    if (statement.status !== 'duty-procedure' || !statement.duty) return [];
    const { officerIds, managerIds } = statement.duty;
    // No duty manager to tell at the records check either (nobody holds the role): the team takes that part too.
    const noManager = managerIds.length === 0 && (await this.deps.store.audit.listForStatement(statement.id)).some((e) => e.action === DUTY_STEPS.recordsChecked);
    const team = officerIds.length === 0 || noManager ? (await this.deps.store.directory.listPeople({ role: 'participation' })).map((p) => p.id) : [];
    return [...new Set([...officerIds, ...managerIds, ...team])];
  }

  /** Sends the card to holders who have none (or only `onlyFor`), and updates every card already delivered. */
  private async sync(statementId: string, onlyFor?: string): Promise<void> {
    const { store } = this.deps;
    const statement = await store.statements.get(statementId);
    if (!statement) return;
    const deliveries = await store.cards.listForStatement(statementId);
    const delivered = new Map(deliveries.filter((d) => d.state === 'delivered').map((d) => [d.personId, d]));

    for (const personId of await this.cardHolders(statement)) {
      if (delivered.has(personId) || (onlyFor && personId !== onlyFor)) continue;
      await this.deliver(statement, personId, deliveries.find((d) => d.personId === personId));
    }
    if (onlyFor) return;
    for (const d of delivered.values()) {
      // Every copy in the person's chat, but the one whose press is being answered in place.
      const copies = [...(d.earlierCopies ?? []), ...(d.activityId ? [d.activityId] : [])].filter((id) => !this.alreadyShown(id, statement.version));
      if (copies.length === 0 || !d.aadObjectId) continue;
      const person = await store.directory.getPerson(d.personId);
      const card = await this.render(statementId, person);
      if (!card) continue;
      for (const activityId of copies) {
        const outcome = await this.deps.sender.update(d.aadObjectId, activityId, cardActivity(card));
        if (!outcome.ok) this.deps.log('card-update-not-delivered', { statementId, personId: d.personId, reason: outcome.reason });
      }
    }
  }

  private alreadyShown(activityId: string, version: number): boolean {
    const shown = this.answered.get(activityId);
    if (shown === undefined) return false;
    if (shown === 'pending' || shown >= version) return true;
    this.answered.delete(activityId);
    return false;
  }

  private async deliver(statement: Statement, personId: string, previous: CardDelivery | undefined): Promise<void> {
    const { store, now } = this.deps;
    const person = await store.directory.getPerson(personId);
    let delivery: CardDelivery;
    if (!person?.aadObjectId) {
      delivery = { statementId: statement.id, personId, state: 'not-delivered', reason: 'not-installed', aadObjectId: null, activityId: null, at: now() };
    } else {
      const card = await this.render(statement.id, person);
      if (!card) return;
      const outcome = await this.deps.sender.send(person.aadObjectId, cardActivity(card));
      delivery = outcome.ok
        ? { statementId: statement.id, personId, state: 'delivered', reason: null, aadObjectId: person.aadObjectId, activityId: outcome.activityId, at: now() }
        : { statementId: statement.id, personId, state: 'not-delivered', reason: outcome.reason, aadObjectId: person.aadObjectId, activityId: null, at: now() };
    }
    await this.deps.service.recordDelivery(delivery);
    this.deps.log(delivery.state === 'delivered' ? 'card-delivered' : 'card-not-delivered', {
      statementId: statement.id,
      personId,
      ...(delivery.reason ? { reason: delivery.reason } : {}),
    });
    // Tell the participation team once per person and statement, not at every retry.
    if (delivery.state === 'not-delivered' && previous?.state !== 'not-delivered') {
      await this.tellParticipation(statement, person, delivery.reason ?? 'not-installed');
    }
  }

  private async tellParticipation(statement: Statement, person: Person | null, reason: UndeliveredReason): Promise<void> {
    const team = await this.deps.store.directory.listPeople({ role: 'participation' });
    const who = person?.name ?? 'someone no longer in the directory';
    const card = renderMessageCard(
      `Statement ${statementLabel(statement)} was not delivered`,
      [
        `It could not reach ${who}: ${REASON_WORDS[reason]}.`,
        statement.duty
          ? 'They follow its duty procedure and its clocks are running. Ask them to install Heard.'
          : 'It is still assigned to them and its clocks are running. Ask them to install Heard, or reassign the statement.',
      ],
      'warning',
    );
    let told = 0;
    for (const officer of team) {
      if (!officer.aadObjectId) continue;
      const outcome = await this.deps.sender.send(officer.aadObjectId, cardActivity(card));
      if (outcome.ok) told += 1;
    }
    this.deps.log('participation-told-not-delivered', { statementId: statement.id, told });
  }
}

/**
 * Whether `viewer` sees a statement's duty procedure card rather than its statement card:
 * while the young person is unidentified, everyone who may see it does; once identified,
 * those who followed the procedure (and do not now hold it) see how it ended.
 */
function showsDutyCard(statement: Statement, viewer: Person | null): boolean {
  if (!statement.duty) return false;
  if (statement.flags.unidentified) return true;
  return viewer !== null && followsDutyProcedure(viewer, statement) && !holdsStatement(viewer, statement);
}
