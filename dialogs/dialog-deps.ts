import type { CaseWorkService } from '../domain/case-work-service';
import type { Permissions } from '../domain/permissions';
import type { Store } from '../domain/ports/store.port';
import type { StatementService } from '../domain/statement-service';
import type { Worklists } from '../domain/worklists';
import type { Standard, WorkingCalendar } from '../standards';
import type { Understander } from './understand';

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
}

/** What every answerer of the conversation shares: its deps, who may do what, and new ids. */
export interface DialogDeps extends ConversationDeps {
  permissions: Permissions;
  newId: (prefix: string) => string;
}
