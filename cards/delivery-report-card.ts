import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_VERBS, type DeliveryReportCardModel } from './answer-card-models';
import deliveryReportCardJson from './delivery-report-card.json';

const reportTemplate = compileCardTemplate(deliveryReportCardJson);

/**
 * Renders a broadcast's delivery report: the title, where it stands (coloured by its
 * tone), the counts as facts, everyone not reached by name with why (so they can be
 * contacted another way), then Refresh (`broadcast.report`), Export CSV
 * (`broadcast.export`) and, while it is sending, Cancel sending (`broadcast.cancel`).
 *
 * @example
 * const card = renderDeliveryReportCard({ broadcastId: 'bc_1', title: 'Delivery report · Office closed on Friday',
 *   status: 'Sending: 1,234 of 2,000 so far', tone: null, facts: [{ title: 'Delivered', value: '1,230' }],
 *   notReached: [], moreNotReached: null, sending: true, canExport: true });
 */
export function renderDeliveryReportCard(model: DeliveryReportCardModel): AdaptiveCardJson {
  return expandCardTemplate(reportTemplate, {
    broadcastId: model.broadcastId,
    title: model.title,
    status: model.status,
    statusColour: model.tone === null ? 'Default' : TONE_COLOURS[model.tone],
    facts: model.facts.map(({ title, value }) => ({ title, value })),
    hasNotReached: model.notReached.length > 0,
    notReached: [...model.notReached],
    hasMoreNotReached: model.moreNotReached !== null,
    moreNotReached: model.moreNotReached,
    sending: model.sending,
    canExport: model.canExport,
    verbs: ANSWER_VERBS,
  });
}
