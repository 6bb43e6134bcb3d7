import { renderMessageCard } from '../cards/message-card';
import { followUpNoticeLines } from '../cards/safety-link-words';
import { statementLabel } from '../cards/statement-words';
import { Permissions } from '../domain/permissions';
import type { Store } from '../domain/ports/store.port';
import type { StatementChange } from '../domain/statement-service';
import type { BotLog } from './bot-log';
import { cardActivity } from './outbound-cards';
import type { ProactiveSender } from './proactive-sender';

/**
 * Tells the allocated worker when their team manager (or the duty manager) records the
 * Safety Link follow-up: a message in their personal chat, beside the card that is
 * updated in place, so a worker on a phone is notified rather than finding it later.
 * The worker is every assignee who does not follow it up themselves.
 *
 * @example
 * service.subscribe((change) => void notices.onChange(change));
 */
export class FollowUpNotices {
  constructor(private readonly deps: { store: Store; sender: ProactiveSender; log: BotLog }) {}

  async onChange(change: StatementChange): Promise<void> {
    if (change.action !== 'safety-link-followed-up') return;
    const { store } = this.deps;
    const statement = change.statement;
    const followUp = await store.followUps.getForStatement(statement.id);
    if (!followUp) return;
    const by = (await store.directory.getPerson(followUp.byId))?.name ?? 'Your manager';
    const card = renderMessageCard(`Safety Link followed up: ${statementLabel(statement)}`, followUpNoticeLines(by, followUp.decision), 'warning');
    const permissions = new Permissions(store.directory);
    let told = 0;
    for (const id of statement.assigneeIds) {
      const person = await store.directory.getPerson(id);
      if (!person?.aadObjectId || id === followUp.byId || (await permissions.mayRecordSafetyLinkFollowUp(person, statement))) continue;
      const outcome = await this.deps.sender.send(person.aadObjectId, cardActivity(card));
      if (outcome.ok) told += 1;
      else this.deps.log('follow-up-notice-not-delivered', { statementId: statement.id, personId: id, reason: outcome.reason });
    }
    this.deps.log('follow-up-notice-sent', { statementId: statement.id, told });
  }
}
