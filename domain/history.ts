import type { AuditEvent } from './audit-event';
import { formatInstant } from '../standards';
import { csvTable } from './csv-table';
import type { Case, CaseEvent } from './case';
import { CaseLinks } from './case-links';
import type { Permissions } from './permissions';
import type { Person } from './person';
import type { Repositories } from './ports/store.port';
import type { Statement } from './statement';

/**
 * What happened to a child's statements and case, for the people allowed to see it: the
 * audit trail of each statement, the case's events as the case system sent them and what
 * Heard did with them (reallocations, corrections). "History of CR-20417" in Teams and its
 * CSV export read this; cards/history-view.ts puts it into words.
 */

/** Most statements of one child a history reads. */
const MAX_STATEMENTS = 200;

/**
 * The records of one reference the asker may see: a case (with the statements of its child
 * they may see) or, with no case they may see, the statements of that child reference.
 * `people` names the people of the directory the records mention, by id and by e-mail.
 *
 * @example
 * const h = await history.of(priya, 'CR-20417', '2026-11-23');
 * if (h?.kind === 'case') h.caseEvents.length;
 */
export type HistoryRecords =
  | { kind: 'case'; reference: string; case: Case; caseEvents: CaseEvent[]; caseAudit: AuditEvent[]; statements: StatementHistory[]; people: PeopleNamed }
  | { kind: 'statements'; reference: string; statements: StatementHistory[]; people: PeopleNamed };

/** One statement and its audit trail, oldest first. */
export interface StatementHistory {
  statement: Statement;
  audit: AuditEvent[];
}

/** The people a history names: by id (audit actors) and by e-mail (case events' `by`). */
export interface PeopleNamed {
  byId: ReadonlyMap<string, Person>;
  byEmail: ReadonlyMap<string, Person>;
}

/**
 * One line of a history as a person reads it — who, when, what, through which channel —
 * in words, with no internal id. `at` is the instant it happened (for ordering and the
 * CSV), `when` how a person reads it.
 *
 * @example
 * const line: HistoryLine = { at: 1795429800, when: 'Mon 23 Nov 2026, 10:30', who: 'Sam Patel', what: 'Acknowledged the statement sent Mon 23 Nov', channel: 'Teams card' };
 */
export interface HistoryLine {
  at: number;
  when: string;
  who: string;
  what: string;
  channel: string;
}

/**
 * A history worded: its title (the reference and initials) and its lines, oldest first.
 *
 * @example
 * const table: HistoryTable = { title: 'History of CR-20417 (J.B.)', reference: 'CR-20417', lines: [] };
 */
export interface HistoryTable {
  title: string;
  reference: string;
  lines: HistoryLine[];
}

/**
 * Reads histories for the people allowed to see them (domain/permissions.ts).
 *
 * @example
 * const history = new History(store, permissions);
 * await history.of(sam, 'C-10442', '2026-11-23'); // null when Sam may see nothing of it
 */
export class History {
  constructor(
    private readonly store: Pick<Repositories, 'cases' | 'caseEvents' | 'audit' | 'statements' | 'directory' | 'settings'>,
    private readonly permissions: Permissions,
  ) {}

  /**
   * The history of `reference` — a case reference or a child's reference on statements —
   * as far as `actor` may see it on `today` (a local date), or null when there is nothing
   * they may see: the same answer whether it does not exist or is not theirs.
   */
  async of(actor: Person | null, reference: string, today: string): Promise<HistoryRecords | null> {
    if (!actor) return null;
    const statements: StatementHistory[] = [];
    // A child reference belongs to its case (the same reference, or the imported mapping's): the case's history holds its statements.
    const links = await CaseLinks.load(this.store);
    const c = await this.store.cases.getByRef(links.caseRefOf(reference));
    const read = c ? await links.statementsOf(this.store, c.caseRef, MAX_STATEMENTS) : await this.store.statements.listForChild(reference, MAX_STATEMENTS);
    for (const statement of read) {
      if (await this.permissions.maySeeStatement(actor, statement, today)) statements.push({ statement, audit: await this.store.audit.listForStatement(statement.id) });
    }
    const people = await this.people();
    if (c && (await this.permissions.maySeeCase(actor, c, today))) {
      return {
        kind: 'case',
        reference: c.caseRef,
        case: c,
        caseEvents: await this.store.caseEvents.listForSubject(c.id),
        caseAudit: await this.store.audit.listForCase(c.id),
        statements,
        people,
      };
    }
    return statements.length > 0 ? { kind: 'statements', reference, statements, people } : null;
  }

  private async people(): Promise<PeopleNamed> {
    const everyone = await this.store.directory.listPeople();
    return { byId: new Map(everyone.map((p) => [p.id, p])), byEmail: new Map(everyone.map((p) => [p.email.toLowerCase(), p])) };
  }
}

/** The columns of a history's CSV export. @example HISTORY_CSV_COLUMNS[2]; // 'who' */
export const HISTORY_CSV_COLUMNS = ['at', 'when', 'who', 'what', 'channel'] as const;

/**
 * A history as its CSV export (RFC 4180): when (ISO 8601, UTC), when as read, who, what,
 * channel — one row a line, oldest first.
 *
 * @example
 * historyCsv(table); // 'at,when,who,what,channel\r\n2026-11-23T10:30:00Z,"Mon 23 Nov 2026, 10:30",Sam Patel,Acknowledged the statement,Teams card\r\n'
 */
export function historyCsv(table: HistoryTable): string {
  return csvTable(
    HISTORY_CSV_COLUMNS,
    table.lines.map((l) => [formatInstant(l.at), l.when, l.who, l.what, l.channel]),
  );
}
