import type { HistoryTable } from '../domain/history';
import { compileCardTemplate, expandCardTemplate, type AdaptiveCardJson } from './adaptive-card';
import historyCardJson from './history-card.json';

const historyTemplate = compileCardTemplate(historyCardJson);

/** Most lines a card shows (the latest); the CSV has them all. */
export const MAX_HISTORY_LINES = 25;

/**
 * The history card: what happened, who, when and through which channel, the latest
 * {@link MAX_HISTORY_LINES} in the order they happened, and a link to the whole history as
 * CSV (a short-lived link for the person who asked; null: none offered).
 *
 * @example
 * renderHistoryCard(table, 'https://heard.council.example/api/history.csv?token=…');
 */
export function renderHistoryCard(table: HistoryTable, exportUrl: string | null): AdaptiveCardJson {
  const shown = table.lines.slice(-MAX_HISTORY_LINES);
  const earlier = table.lines.length - shown.length;
  const count = `${table.lines.length} event${table.lines.length === 1 ? '' : 's'}`;
  return expandCardTemplate(historyTemplate, {
    title: table.title,
    summary: table.lines.length === 0 ? 'Nothing has happened yet that you may see.' : earlier > 0 ? `${count}; the latest ${shown.length} below, oldest first. The CSV has them all.` : `${count}, oldest first.`,
    lines: shown.map(({ when, who, what, channel }) => ({ when, who, what, channel })),
    hasExport: exportUrl !== null,
    exportUrl: exportUrl ?? '',
  });
}
