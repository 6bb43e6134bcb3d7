import type { ComplianceReport } from '../domain/compliance-report';
import { monthName } from './local-time';

/** The standard whose clock says a statement was opened in time ("It must be downloaded or viewed within 7 working hours"). */
const OPENED_STANDARD = 'momo.2.1';

/**
 * A compliance report's headline figures as a card's facts, in words: the `stats` answer
 * and the monthly monitoring card say them alike.
 *
 * @example
 * reportFacts(report); // [{ title: 'Statements received', value: '7' }, { title: 'Children heard', value: '4 in November 2026' }, …]
 */
export function reportFacts(report: ComplianceReport): { title: string; value: string }[] {
  const total = report.standards.reduce(
    (sum, s) => ({ met: sum.met + s.met, judged: sum.judged + s.met + s.late + s.overdue + s.missed, overdue: sum.overdue + s.overdue }),
    { met: 0, judged: 0, overdue: 0 },
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
