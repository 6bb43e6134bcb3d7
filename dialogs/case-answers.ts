import { capitalise } from '../cards/sentence-case';
import { renderAnswerCard } from '../cards/answer-card';
import { sourceText } from '../cards/statement-words';
import { civilDayName, whenText } from '../cards/local-time';
import type { Case } from '../domain/case';
import type { Obligation } from '../domain/obligation';
import type { Person } from '../domain/person';
import type { Standard } from '../standards';
import { kindOf, type DeadlineKind } from './case-words';
import type { DialogDeps } from './dialog-deps';
import { dayNumber, listOf, localDate, windowOf } from './list-query';
import { card, type Reply } from './reply';
import type { Understanding } from './understand';

/** Deadlines on one answer: a child's case rarely has more open at once. */
const MAX_DEADLINES = 12;

/**
 * The kind of deadline a standard sets, from its title ("Statutory child protection
 * visits…" → visit, "First Looked After Review" → review); `statement` for a statement's clocks.
 *
 * @example
 * kindOfStandard(cpVisits); // 'visit'
 */
export function kindOfStandard(standard: Standard): DeadlineKind | null {
  if (standard.subject === 'statement') return 'statement';
  return kindOf(standard.title.toLowerCase().replace(/\bsee (?:a|the)\b/, 'visit'));
}

/**
 * "When is AB's next visit due?", "what's due on C-10442?", "what reviews have I got this
 * month?": the open deadlines of the case work, from the case's obligations — the asker's
 * own, or every open one of a case they may see (domain/permissions.ts `maySeeCase`) when
 * they name it by reference. Soonest first, narrowed to the kind and days asked about.
 * A case they may not see, or that does not exist, gets the same answer.
 *
 * @example
 * await new CaseAnswers(deps).answer(sam, understanding);
 */
export class CaseAnswers {
  private readonly standardsById: Map<string, Standard>;

  constructor(private readonly deps: DialogDeps) {
    this.standardsById = new Map(deps.standards.map((s) => [s.id, s]));
  }

  /** Whether a question is case work: it names a case, or a kind of deadline other than statements'. */
  static asks(u: Understanding): boolean {
    return (u.intent === 'due' || u.intent === 'overdue') && (u.case !== null || (u.kind !== null && u.kind !== 'statement'));
  }

  async answer(actor: Person, u: Understanding): Promise<Reply> {
    const { store, calendar } = this.deps;
    const now = this.deps.now();
    const overdue = u.intent === 'overdue';
    const window = overdue || u.range === null ? null : windowOf(listOf(u), calendar, now);
    const open = await this.openFor(actor, u.case);
    if (open === null) {
      return card(renderAnswerCard({
        title: `Nothing to show you for ${u.case}`,
        tone: null,
        lines: ['Either there is no case with that reference, or it is not one you work on. Check the reference, or ask its worker or their manager.'],
        facts: [],
        quote: null,
        followUps: [],
      }));
    }
    const asked = open.flatMap((o) => {
      const standard = this.standardsById.get(o.standardId);
      if (!standard || o.status !== 'open') return [];
      if (u.kind !== null && kindOfStandard(standard) !== u.kind) return [];
      if (overdue ? o.due >= now : window !== null && (o.due < window.from || o.due >= window.to)) return [];
      return [{ o, standard }];
    });
    // The cases of those deadlines, read at once.
    const cases = new Map((await store.cases.getMany([...new Set(asked.flatMap(({ o }) => (o.caseId === null ? [] : [o.caseId])))])).map((c) => [c.id, c]));
    const rows = asked
      .map(({ o, standard }) => ({ o, standard, c: (o.caseId === null ? undefined : cases.get(o.caseId)) ?? null }))
      .filter(({ c }) => u.case === null || sameCase(c, u.case));
    rows.sort((a, b) => a.o.due - b.o.due);
    const what = u.kind === null ? (overdue ? 'overdue' : 'due') : `${plural(u.kind)} ${overdue ? 'overdue' : 'due'}`;
    const title = `${u.case === null ? `Your ${what}` : `${u.case}: ${what}`}${window && u.range ? ` ${u.range.from === u.range.to ? `on ${whenDay(u.range.from)}` : `${whenDay(u.range.from)}–${whenDay(u.range.to)}`}` : ''}`;
    const shown = rows.slice(0, MAX_DEADLINES);
    return card(renderAnswerCard({
      title: capitalise(title),
      tone: null,
      lines: rows.length === 0
        ? [overdue ? 'Nothing overdue. Well done.' : `No open ${u.kind === null ? 'deadline' : u.kind} ${window ? 'in that time' : 'at the moment'}.`]
        : [rows.length === 1 ? '1 open deadline:' : `${rows.length} open deadlines, soonest first${rows.length > shown.length ? ` (the first ${shown.length})` : ''}:`],
      facts: shown.map(({ o, standard, c }) => ({
        title: `${o.due < now ? 'Was due' : 'Due'} ${whenText(calendar, o.due, now)}`,
        value: `${c ? `${c.caseRef} · ${c.initials}` : 'A case'}: ${standard.title} (${sourceText(standard)})`,
      })),
      quote: null,
      followUps: [{ title: 'Overdue', text: 'anything overdue?' }, { title: 'Due this week', text: "what's due this week" }],
    }));
  }

  /**
   * The open obligations to look through: a case named by reference that the asker may
   * see (null when they may not, or it does not exist); otherwise the asker's own.
   */
  private async openFor(actor: Person, named: string | null): Promise<Obligation[] | null> {
    const { store, calendar } = this.deps;
    if (named !== null && /\d/.test(named)) {
      const c = await store.cases.getByRef(named);
      if (!c || !(await this.deps.permissions.maySeeCase(actor, c, localDate(calendar, this.deps.now())))) return null;
      return (await store.obligations.listForCase(c.id)).filter((o) => o.status === 'open');
    }
    return this.ownOpen(actor);
  }

  private async ownOpen(actor: Person): Promise<Obligation[]> {
    const farFuture = this.deps.now() + 5 * 366 * 86400;
    return (await this.deps.store.obligations.openForOwners([actor.id], farFuture)).filter((o) => o.subject === 'case');
  }
}

/** Whether a case is the one asked about: its reference, or the child's initials ("AB", "A.B."). */
function sameCase(c: Case | null, asked: string): boolean {
  if (!c) return false;
  const letters = (s: string) => s.replace(/[^a-z0-9-]/gi, '').toUpperCase();
  return letters(c.caseRef) === letters(asked) || letters(c.initials) === letters(asked);
}

function plural(kind: DeadlineKind): string {
  return `${kind}s`;
}


function whenDay(iso: string): string {
  return civilDayName(dayNumber(iso));
}
