import { renderHistoryCard } from '../cards/history-card';
import { historyTable } from '../cards/history-view';
import { renderMessageCard } from '../cards/message-card';
import { renderReportCard } from '../cards/report-card';
import { childReferenceOf } from '../domain/duty-procedure';
import { History } from '../domain/history';
import type { Person } from '../domain/person';
import type { DialogDeps } from './dialog-deps';
import { localDate } from './list-query';
import { card, type Reply } from './reply';

/** "history of CR-20417", "show the history for C-10442", "what happened to CR-20417?" */
const HISTORY = /^\s*(?:(?:please\s+)?(?:show|give|send)\s+(?:me\s+)?)?(?:the\s+)?history\s+(?:of|for)\s+(?:case\s+|statement\s+)?(\S+?)\s*[.?!]*\s*$|^\s*what\s+happened\s+(?:to|with)\s+(?:case\s+|statement\s+)?(\S+?)\s*[.?!]*\s*$/i;

/** "dashboard", "open dashboard", "open the dashboard", "show me the dashboard". */
const DASHBOARD = /^\s*(?:(?:please\s+)?(?:open|show|give)\s+(?:me\s+)?(?:the\s+|my\s+)?)?dashboard\s*[.?!]*\s*$/i;

/**
 * The reference a message asks the history of — a case or child reference, which always
 * holds a digit (so "history of Sam" is not one) — or null.
 *
 * @example
 * historyRequestOf('history of CR-20417'); // 'CR-20417'
 * historyRequestOf('what is standard 2.1'); // null
 */
export function historyRequestOf(words: string): string | null {
  const m = HISTORY.exec(words);
  const reference = childReferenceOf(m?.[1] ?? m?.[2]);
  return reference !== null && /\d/.test(reference) ? reference.toUpperCase() : null;
}

/**
 * Whether a message asks for the dashboard.
 *
 * @example
 * asksForDashboard('open dashboard'); // true
 */
export function asksForDashboard(words: string): boolean {
  return DASHBOARD.test(words);
}

/**
 * The history of a statement or case, and the way to the dashboard. A history is shown
 * only to people allowed to see it; anyone else — and a reference that does not exist —
 * gets the same answer, which says nothing of either.
 *
 * @example
 * await answers.history(priya, 'CR-20417');
 */
export class HistoryAnswers {
  private readonly records: History;

  constructor(private readonly deps: DialogDeps) {
    this.records = new History(deps.store, deps.permissions);
  }

  async history(actor: Person, reference: string): Promise<Reply> {
    const records = await this.records.of(actor, reference, localDate(this.deps.calendar, this.deps.now()));
    if (!records) {
      return card(renderMessageCard(`No history of ${reference} to show you`, ['Either there is no statement or case with that reference, or it is not one you work on.', 'Check the reference, or ask its worker or their manager.']));
    }
    return card(renderHistoryCard(historyTable(records, this.deps.calendar), this.deps.links?.historyExport(actor, reference) ?? null));
  }

  /** A history asked for without saying of what. */
  whichOne(): Reply {
    return card(renderMessageCard('Which statement or case?', ['Give me its reference, for example "history of CR-20417" or "what has happened with C-10442?".']));
  }

  dashboard(actor: Person): Reply {
    const url = this.deps.links?.dashboard(actor) ?? null;
    return card(
      renderReportCard({
        title: 'Your dashboard',
        lines: url
          ? ['Timeliness by standard and team, the recent breaches, what is overdue now and the participation figures — for the work you may see.', 'The link is yours alone and lasts 15 minutes. In Teams, the Dashboard tab of Heard opens it too.']
          : ['The dashboard is the Dashboard tab of Heard in Teams.'],
        facts: [],
        link: url ? { title: 'Open dashboard', url } : null,
      }),
    );
  }
}
