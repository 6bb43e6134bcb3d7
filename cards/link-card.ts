import { compileCardTemplate, expandCardTemplate, type AdaptiveCardJson } from './adaptive-card';
import type { LinkCardModel } from './answer-card-models';
import linkCardJson from './link-card.json';

const linkTemplate = compileCardTemplate(linkCardJson);

/**
 * Renders a card with one link to open (Action.OpenUrl): a title, a few lines, the link.
 *
 * @example
 * const card = renderLinkCard({ title: 'Delivery report as CSV', lines: ['The link works until 10:47 today.'],
 *   url: 'https://heard.example/api/broadcasts/bc_1/report.csv?token=…', linkTitle: 'Download CSV' });
 */
export function renderLinkCard(model: LinkCardModel): AdaptiveCardJson {
  return expandCardTemplate(linkTemplate, { title: model.title, lines: [...model.lines], url: model.url, linkTitle: model.linkTitle });
}
