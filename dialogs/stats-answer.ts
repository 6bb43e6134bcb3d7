import { renderAnswerCard } from '../cards/answer-card';
import { civilDayName, monthName } from '../cards/local-time';
import { ComplianceReports, type ComplianceReport } from '../domain/compliance-report';
import type { Person } from '../domain/person';
import { civilDateOf, epochDayOf, formatCivilDate } from '../standards';
import type { DialogDeps } from './dialog-deps';
import { dayNumber, localEpochDay } from './list-query';
import { card, type Reply } from './reply';
import type { Understanding } from './understand';

/** The standard whose clock says a statement was opened in time ("It must be downloaded or viewed within 7 working hours"). */
const OPENED_STANDARD = 'momo.2.1';

/**
 * "How are we doing?": the compliance report (domain/compliance-report.ts — the same
 * computation as `heard report`, the dashboard and the monthly card) for the asker, their
 * team or the service, as far as they may see (domain/permissions.ts); this month so far
 * unless the question names a period.
 *
 * @example
 * await statsAnswer(deps, priya, understanding);
 */
export async function statsAnswer(deps: DialogDeps, actor: Person, u: Understanding): Promise<Reply> {
  const cal = deps.calendar;
  const now = deps.now();
  const today = localEpochDay(cal, now);
  const date = civilDateOf(today);
  const from = u.range ? dayNumber(u.range.from) : epochDayOf({ year: date.year, month: date.month, day: 1 });
  const to = u.range ? dayNumber(u.range.to) : today;
  const { scope, label, narrowed } = await deps.permissions.reportScope(actor, u.scope);
  const report = await new ComplianceReports({ store: deps.store, calendar: cal, standards: deps.standards }).report(
    { from: formatCivilDate(civilDateOf(from)), to: formatCivilDate(civilDateOf(to)) },
    now,
    scope,
  );
  return card(
    renderAnswerCard({
      title: `How ${label === 'you' ? 'you are' : `${label} is`} doing, ${civilDayName(from)}–${civilDayName(to)}`,
      tone: null,
      lines: [
        ...(narrowed ? [`These are the figures for ${label}: the ones you may see.`] : []),
        ...(report.statements.received === 0 && report.standards.length === 0 ? ['Nothing was sent or fell due in that time.'] : []),
      ],
      facts: statsFacts(report),
      quote: null,
      followUps: [],
    }),
  );
}

/**
 * The report's headline figures as a card's facts, in words.
 *
 * @example
 * statsFacts(report); // [{ title: 'Statements received', value: '7' }, …]
 */
export function statsFacts(report: ComplianceReport): { title: string; value: string }[] {
  const total = report.standards.reduce(
    (sum, s) => ({ due: sum.due + s.due, met: sum.met + s.met, judged: sum.judged + s.met + s.late + s.overdue + s.missed, overdue: sum.overdue + s.overdue }),
    { due: 0, met: 0, judged: 0, overdue: 0 },
  );
  const opened = report.standards.find((s) => s.standard === OPENED_STANDARD);
  const months = Object.entries(report.participation.childrenByMonth);
  const reviews = report.participation.reviews;
  return [
    { title: 'Statements received', value: String(report.statements.received) },
    { title: 'Children heard', value: months.length === 0 ? '0' : months.map(([month, n]) => `${n} in ${monthName(month)}`).join(', ') },
    { title: 'Opened within standard 2.1', value: opened ? ofJudged(opened.met, opened.met + opened.late + opened.overdue + opened.missed) : '–' },
    { title: 'Deadlines met on time', value: ofJudged(total.met, total.judged) },
    { title: 'Overdue now', value: String(total.overdue) },
    ...(reviews.due > 0 ? [{ title: "Reviews with the child's views in a statement", value: ofJudged(reviews.evidenced, reviews.due) }] : []),
  ];
}

function ofJudged(part: number, whole: number): string {
  return whole === 0 ? '–' : `${part} of ${whole} (${Math.round((100 * part) / whole)}%)`;
}
