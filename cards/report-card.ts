import { compileCardTemplate, expandCardTemplate, type AdaptiveCardJson } from './adaptive-card';
import reportCardJson from './report-card.json';

const reportTemplate = compileCardTemplate(reportCardJson);

/**
 * A card of figures with a way to the dashboard: the monthly monitoring card, and the
 * answer to "open dashboard".
 *
 * @example
 * renderReportCard({ title: 'Your team in November 2026', lines: [], facts: [{ title: 'Statements received', value: '40' }],
 *   link: { title: 'Open dashboard', url: 'https://heard.council.example/dashboard?link=…' } });
 */
export interface ReportCardModel {
  title: string;
  lines: string[];
  facts: { title: string; value: string }[];
  /** A button that opens a page in the browser (null: none). */
  link: { title: string; url: string } | null;
}

/** @example renderReportCard({ title: 'Dashboard', lines: ['Your figures, live.'], facts: [], link: { title: 'Open dashboard', url } }); */
export function renderReportCard(model: ReportCardModel): AdaptiveCardJson {
  return expandCardTemplate(reportTemplate, {
    title: model.title,
    lines: model.lines,
    hasFacts: model.facts.length > 0,
    facts: model.facts,
    hasLink: model.link !== null,
    link: model.link ?? { title: '', url: '' },
  });
}
