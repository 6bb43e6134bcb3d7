import { standardName } from '../cards/statement-words';
import { renderCaseNudgeCard } from '../cards/case-nudge-card';
import { caseEscalationCardData, caseReminderCardData } from '../cards/case-nudge-view';
import { renderDigestCard } from '../cards/digest-card';
import { digestCardData } from '../cards/digest-view';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { renderEscalationCard } from '../cards/escalation-card';
import type { CardViewDeps } from '../cards/card-view-deps';
import { escalationCardData } from '../cards/escalation-view';
import { monthlyCardModel } from '../cards/monthly-view';
import { reminderCardData, renderNudgeCard } from '../cards/nudge-card';
import { renderReportCard } from '../cards/report-card';
import { renderUndeliveredNoticeCard, undeliveredKindOf } from '../cards/undelivered-notice-card';
import type { Person } from '../domain/person';
import type { ComposeMessage, NudgeMessage } from './nudge-outbox';

/**
 * Turns the scheduler's messages into Adaptive Cards through cards/, worded for the
 * recipient at the moment of sending (deadlines relative to now: `17:00 today`). The bot
 * turns a card into a Teams activity.
 *
 * @example
 * const compose = nudgeComposer({ store, standards, calendar, now });
 * await compose({ type: 'reminder', kind: 'reminder', percent: 50, ... }, sam);
 */
export function nudgeComposer(
  deps: CardViewDeps & { dashboardLink?: (person: Person) => string | null; reviewCard?: (obligationId: string, recipient: Person) => Promise<AdaptiveCardJson> },
): ComposeMessage {
  return async (message: NudgeMessage, recipient: Person): Promise<AdaptiveCardJson> => {
    switch (message.type) {
      case 'reminder':
        return renderNudgeCard(reminderCardData(message, deps.calendar, deps.now()));
      case 'escalation':
        return renderEscalationCard(
          await escalationCardData(deps, recipient, message.statement, message.obligation, message.variant, null, message.forPerson?.name ?? null),
        );
      case 'case-reminder':
        return renderCaseNudgeCard(caseReminderCardData(message, deps.calendar, deps.now()));
      case 'case-escalation':
        return renderCaseNudgeCard(caseEscalationCardData(message, deps.calendar, deps.now()));
      case 'undelivered':
        return renderUndeliveredNoticeCard({
          kind: undeliveredKindOf(message.kind),
          reason: message.reason,
          recipient: { name: message.unreachable.name, email: message.unreachable.email || null },
          reference: message.reference,
          standard: message.standard ? standardName(message.standard) : null,
        });
      case 'digest':
        return renderDigestCard(await digestCardData(deps, message.digest));
      case 'monthly':
        return renderReportCard(monthlyCardModel(message.month, message.scope, message.report, deps.dashboardLink?.(recipient) ?? null));
      case 'review':
        if (!deps.reviewCard) throw new Error('review cards need a reviewCard renderer');
        return deps.reviewCard(message.obligationId, recipient);
    }
  };
}
