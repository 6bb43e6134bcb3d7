import type { ApiServerOptions } from '../api/api-server';
import { dashboardLink, historyExportLink } from '../api/dashboard-route';
import { TabSso, tabSsoConfigOf } from '../api/tab-sso';
import { historyTable } from '../cards/history-view';
import type { ConversationLinks } from '../dialogs/dialog-deps';
import { History } from '../domain/history';
import type { Organisation } from '../domain/organisation';
import { Permissions } from '../domain/permissions';
import type { Store } from '../domain/ports/store.port';
import type { BotConfig } from './config';

/**
 * How the evidence of the child being heard reaches people: the links the conversation
 * hands out (the dashboard, a history's CSV) and the HTTP side that serves them — the
 * dashboard tab with its Teams single sign-on when Entra ID is configured, and the history
 * export in the words of cards/history-view.ts.
 *
 * @example
 * const { links, evidence } = evidenceWiring({ store, organisation, config, now });
 */
export function evidenceWiring(deps: { store: Store; organisation: Organisation; config: BotConfig; now: () => number }): {
  links: ConversationLinks;
  evidence: NonNullable<ApiServerOptions['evidence']>;
} {
  const { store, organisation, config, now } = deps;
  const calendar = organisation.calendar;
  const history = new History(store, new Permissions(store.directory));
  return {
    links: {
      dashboard: (person) => dashboardLink(config.publicUrl, person.id, now(), config.downloadSecret),
      historyExport: (person, reference) => historyExportLink(config.publicUrl, person.id, reference, now(), config.downloadSecret),
    },
    evidence: {
      calendar,
      standards: organisation.standards,
      history: async (person, reference) => {
        const records = await history.of(person, reference, calendar.dateOf(calendar.dayOf(now())));
        return records && historyTable(records, calendar);
      },
      tabSso: config.signIn ? new TabSso(tabSsoConfigOf(config.signIn, config.publicUrl)) : null,
    },
  };
}
