import { renderAnswerCard } from '../cards/answer-card';
import { civilDayName } from '../cards/local-time';
import { reportFacts } from '../cards/report-facts';
import { ComplianceReports, type ReportScope } from '../domain/compliance-report';
import type { Person } from '../domain/person';
import { civilDateOf, epochDayOf, formatCivilDate } from '../standards';
import type { DialogDeps } from './dialog-deps';
import { dayNumber, localEpochDay } from './list-query';
import { colleagueNamed } from './people';
import { card, text, type Reply } from './reply';
import type { Understanding } from './understand';

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
  const asked = await scopeAsked(deps, actor, u);
  if ('refusal' in asked) return text(asked.refusal);
  const { scope, label, narrowed } = asked;
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
      facts: reportFacts(report),
      quote: null,
      followUps: [],
    }),
  );
}

/** Whose figures: the colleague a question names (when the asker may see their work), else as wide as the asker may see. */
async function scopeAsked(deps: DialogDeps, actor: Person, u: Understanding): Promise<{ scope: ReportScope; label: string; narrowed: boolean } | { refusal: string }> {
  if (u.person === null) return deps.permissions.reportScope(actor, u.scope);
  const found = await colleagueNamed(deps.permissions, deps.store.directory, actor, u.person);
  if (found.person === null) return { refusal: found.refusal };
  if (found.person.id === actor.id) return deps.permissions.reportScope(actor, 'me');
  return { scope: { kind: 'people', personIds: new Set([found.person.id]), teamIds: new Set() }, label: found.person.name, narrowed: false };
}
