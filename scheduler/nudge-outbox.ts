import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { CaseEscalation, CaseReminder } from '../cards/case-nudge-view';
import type { Reminder } from '../cards/nudge-card';
import type { ComplianceReport } from '../domain/compliance-report';
import type { DigestContent } from '../domain/digest-content';
import type { Obligation } from '../domain/obligation';
import type { Person } from '../domain/person';
import type { NudgeRecord, Store } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';
import type { Standard } from '../standards';
import type { OnceSender, UndeliveredReason } from './outbound.port';
import { RecordedSender, type MessageSubject } from './recorded-sender';

/**
 * What the scheduler says to someone, before it is a card: the composer
 * (`nudge-composer.ts`) turns it into one through cards/.
 */
export type NudgeMessage =
  | ({ type: 'reminder' } & Reminder)
  | ({ type: 'case-reminder' } & CaseReminder)
  | ({ type: 'case-escalation' } & CaseEscalation)
  | {
      type: 'escalation';
      /** `manager`: decide what to do; `reassigned`: the standard moved it to you; `team`: for information. */
      variant: 'manager' | 'reassigned' | 'team';
      obligation: Obligation;
      statement: Statement;
      standard: Standard;
      /** Whose work it was (null: a team's). */
      owner: Person | null;
      forPerson: Person | null;
    }
  | {
      type: 'undelivered';
      /** The kind of the message that could not be delivered. */
      kind: string;
      /** What it was about: a statement's or case's reference, a member of staff's name; null for a digest. */
      reference: string | null;
      standard: Standard | null;
      unreachable: Person;
      reason: UndeliveredReason;
    }
  | { type: 'digest'; digest: DigestContent }
  | {
      type: 'monthly';
      /** The month summarised, `YYYY-MM`. */
      month: string;
      scope: 'you' | 'your team' | 'the service';
      report: ComplianceReport;
    }
  | {
      /** The pre-review card of a child-in-care review (its momo 4.4 obligation). */
      type: 'review';
      obligationId: string;
    };

/** Turns a message into the card sent to `recipient`. */
export type ComposeMessage = (message: NudgeMessage, recipient: Person) => Promise<AdaptiveCardJson>;

/** How one delivery ended. `failed`: a transient failure outlasted the retries; try again later. */
export type DeliveryResult = 'sent' | 'undelivered' | 'already-done' | 'failed';

export type { MessageSubject } from './recorded-sender';

export interface NudgeOutboxDeps {
  store: Store;
  sender: OnceSender;
  compose: ComposeMessage;
  now: () => number;
  holder: string;
  log: (event: string, fields: Record<string, string | number | boolean>) => void;
  /** The participation team present now, told when someone cannot be reached. */
  participationTeam: () => Promise<Person[]>;
  /** Today's local date: the team is told about one unreachable person once a day, not per message. */
  today: () => string;
}

/**
 * Sends each message at most once: its idempotency key is recorded as `sending` at the
 * moment the throttled sender lets it go (after any rate-limit wait), and the outcome
 * replaces it. A key already recorded — by this instance before a restart, or by another
 * instance — is never sent again. A crash between recording and the connector's answer
 * leaves the record `sending`: the message was sent or lost, and it is not sent twice.
 *
 * Someone Heard cannot reach (not installed, 403, 404) is recorded as undelivered and the
 * participation team is told — once a day per person, with the first message that failed
 * (the rest are in the record and in the team's queue).
 *
 * @example
 * await outbox.deliver({ key: 'ob_1:reminder-50:p_sam', kind: 'reminder-50', obligationId: 'ob_1', statementId: 'st_1' }, sam, message);
 */
export class NudgeOutbox {
  private readonly recorded: RecordedSender;

  constructor(private readonly deps: NudgeOutboxDeps) {
    this.recorded = new RecordedSender(deps);
  }

  async deliver(subject: MessageSubject, recipient: Person, message: NudgeMessage): Promise<DeliveryResult> {
    const sent = await this.recorded.send(subject, recipient, () => this.deps.compose(message, recipient));
    switch (sent.kind) {
      case 'sent':
        return 'sent';
      case 'already-done':
      case 'not-dispatched':
        return 'already-done';
      case 'failed':
        return 'failed';
      case 'undelivered':
        await this.tellUnreachable(sent.record, recipient, sent.reason, message);
        return 'undelivered';
    }
  }

  /**
   * Records that a digest already told `recipientId` about an obligation (a manager told,
   * once, of case work found overdue at go-live), so no later digest tells them again.
   */
  async recordReported(key: string, obligationId: string, recipientId: string): Promise<void> {
    const at = this.deps.now();
    await this.deps.store.nudges.begin({ key, obligationId, statementId: null, kind: 'found-overdue', recipientId, state: 'sent', reason: null, holder: this.deps.holder, at, sentAt: at, activityId: null });
  }

  /** Records a reminder that a later one, due at the same time, replaced. */
  async supersede(subject: MessageSubject, recipientId: string): Promise<void> {
    await this.deps.store.nudges.begin({
      key: subject.key,
      obligationId: subject.obligationId,
      statementId: subject.statementId,
      kind: subject.kind,
      recipientId,
      state: 'superseded',
      reason: null,
      holder: this.deps.holder,
      at: this.deps.now(),
      sentAt: null,
      activityId: null,
    });
  }

  private async tellUnreachable(record: NudgeRecord, unreachable: Person, reason: UndeliveredReason, about: NudgeMessage): Promise<void> {
    // A notice that itself cannot be delivered is recorded, not reported again: no loops.
    if (about.type === 'undelivered') return;
    const { reference, standard } = aboutOf(about);
    const date = this.deps.today();
    for (const member of await this.deps.participationTeam()) {
      if (member.id === unreachable.id) continue;
      await this.deliver(
        { key: `undelivered:${date}:${unreachable.id}:${member.id}`, kind: 'undelivered-notice', obligationId: record.obligationId, statementId: record.statementId },
        member,
        { type: 'undelivered', kind: record.kind, reference, standard, unreachable, reason },
      );
    }
  }
}

/** What a message is about, for the notice that it could not be delivered. */
function aboutOf(message: Exclude<NudgeMessage, { type: 'undelivered' }>): { reference: string | null; standard: Standard | null } {
  switch (message.type) {
    case 'digest':
    case 'monthly':
    case 'review':
      return { reference: null, standard: null };
    case 'reminder':
    case 'escalation':
      return { reference: message.statement.child.reference, standard: message.standard };
    case 'case-reminder':
    case 'case-escalation': {
      const { item } = message;
      return { reference: item.subject === 'case' ? item.case.caseRef : (item.person?.name ?? item.staff.email), standard: item.standard };
    }
  }
}
