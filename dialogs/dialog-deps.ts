import type { Broadcasts } from '../domain/broadcasts';
import type { CaseWorkService } from '../domain/case-work-service';
import type { Handovers } from '../domain/handovers';
import type { Permissions } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import type { StatementService } from '../domain/statement-service';
import type { Worklists } from '../domain/worklists';
import type { Standard, WorkingCalendar } from '../standards';
import type { Understander } from './understand';

/**
 * The short-lived links the conversation hands a person, made and checked by the HTTP
 * edge: the dashboard in their browser, and a history's CSV export. Null: not offered.
 *
 * @example
 * const links: ConversationLinks = { dashboard: (p) => `${base}/dashboard?link=${sign(p)}`, historyExport: () => null };
 */
export interface ConversationLinks {
  dashboard(person: Person): string | null;
  historyExport(person: Person, reference: string): string | null;
}

/** What the conversation is built from. @example new Conversation({ store, service, caseWork, worklists, understander, standards, calendar, now }); */
export interface ConversationDeps {
  store: Store;
  service: StatementService;
  /** Case events recorded in Teams go in through the case system's intake. */
  caseWork: Pick<CaseWorkService, 'receive'>;
  worklists: Worklists;
  understander: Understander;
  /** The standards of the enabled packs. */
  standards: Standard[];
  calendar: WorkingCalendar;
  now: () => number;
  newId?: (prefix: string) => string;
  /** Told when a broadcast was queued or changed (a read, a cancel), so the sender sends now and the report is brought up to date. */
  broadcastQueued?: (broadcastId: string) => void;
  /** A signed link to a broadcast's report as CSV for this person, valid a short while (null: none can be made). */
  reportLink?: (broadcastId: string, person: Person) => { url: string; validUntil: string } | null;
  /** Links to the dashboard and to exports (absent: none offered). */
  links?: ConversationLinks;
}

/** What every answerer of the conversation shares: its deps, who may do what, and new ids. */
export interface DialogDeps extends ConversationDeps {
  permissions: Permissions;
  newId: (prefix: string) => string;
  handovers: Handovers;
  broadcasts: Broadcasts;
}
