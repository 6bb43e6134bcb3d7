import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import type { Request, RequestHandler, Response } from 'restify';
import { dashboardOf } from '../domain/dashboard';
import { historyCsv, type HistoryTable } from '../domain/history';
import { Permissions } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { Worklists } from '../domain/worklists';
import type { Standard, WorkingCalendar } from '../standards';
import { verifyAccessLink, signAccessLink, type AccessPurpose } from './access-link';
import { DASHBOARD_CSP, renderDashboardPage, renderTabSignInPage, TAB_SIGN_IN_CSP, TEAMS_FRAME_ANCESTORS } from './dashboard-page';
import { TAB_SIGN_IN_SCRIPT } from './dashboard-tab-script';
import { guarded, sendError, sendJson, type ApiLog } from './http-reply';
import { sendPersonPage, type PersonPage } from './person-page';
import { TabSsoError, type TabSso } from './tab-sso';

/**
 * The evidence pages: the dashboard (`GET /dashboard`, the Teams personal tab's address)
 * with its sign-in (`POST /dashboard/session`) and the two scripts it loads
 * (`GET /dashboard/assets/:file`), and a history's CSV export (`GET /api/history.csv`).
 * Each shows one person only what they may see, named by a short-lived signed link the
 * bot gave them or — in the tab — by the Teams single sign-on token, checked against the
 * council's tenant.
 */

/** What the evidence routes need. */
export interface EvidenceRouteDeps {
  store: Store;
  calendar: WorkingCalendar;
  standards: readonly Standard[];
  /** Signs and checks the links (the download secret; the links' own purpose keeps them apart). */
  linkSecret: string;
  now: () => number;
  log: ApiLog;
  /** A history in words for the person (null: nothing they may see). */
  history: (person: Person, reference: string) => Promise<HistoryTable | null>;
  /** The tab's single sign-on; null where Teams SSO is not configured (a local run). */
  tabSso: TabSso | null;
}

/** The files the tab's sign-in page loads, served from Heard itself (nothing from a CDN). */
interface Asset {
  body: Buffer;
  integrity: string;
}

function asset(body: Buffer): Asset {
  return { body, integrity: `sha384-${createHash('sha384').update(body).digest('base64')}` };
}

const NEW_LINK = 'In your chat with Heard, type “dashboard” for a new link.';

/** What a refused link shows: nothing about what it was for. */
const REFUSED: Record<AccessPurpose, Record<'forged' | 'expired' | 'unknown-person' | 'nothing', PersonPage>> = {
  dashboard: {
    forged: { status: 403, title: 'This link does not open anything', lines: ['It may have been copied only in part.', NEW_LINK] },
    expired: { status: 403, title: 'This dashboard link has expired', lines: ['Dashboard links last 15 minutes.', NEW_LINK] },
    'unknown-person': { status: 403, title: 'This link is not valid for you', lines: ['Ask the participation team if you need a dashboard.'] },
    nothing: { status: 403, title: 'There is no dashboard for you', lines: ['Your account is not in Heard’s directory. Ask the participation team.'] },
  },
  history: {
    forged: { status: 403, title: 'This link does not open anything', lines: ['It may have been copied only in part.', 'Ask Heard for the history again for a new link.'] },
    expired: { status: 403, title: 'This export link has expired', lines: ['Export links last 15 minutes.', 'Ask Heard for the history again for a new link.'] },
    'unknown-person': { status: 403, title: 'This link is not valid for you', lines: ['Ask the worker or their manager if you need this history.'] },
    nothing: { status: 404, title: 'There is no history to export for you', lines: ['Either there is no statement or case with that reference, or it is not one you work on.'] },
  },
};

/** Where the dashboard lives: the tab's `contentUrl`. @example DASHBOARD_PATH; // '/dashboard' */
export const DASHBOARD_PATH = '/dashboard';
/** The history export. @example HISTORY_EXPORT_PATH; // '/api/history.csv' */
export const HISTORY_EXPORT_PATH = '/api/history.csv';

/**
 * The address of a person's dashboard, valid 15 minutes.
 *
 * @example
 * dashboardLink('https://heard.council.example', priya.id, now, secret); // 'https://heard.council.example/dashboard?link=…'
 */
export function dashboardLink(base: string, personId: string, now: number, secret: string): string {
  return `${base}${DASHBOARD_PATH}?link=${signAccessLink({ purpose: 'dashboard', personId, subject: '', now, secret })}`;
}

/**
 * The address of a history's CSV export for one person, valid 15 minutes.
 *
 * @example
 * historyExportLink('https://heard.council.example', priya.id, 'CR-20417', now, secret);
 */
export function historyExportLink(base: string, personId: string, reference: string, now: number, secret: string): string {
  return `${base}${HISTORY_EXPORT_PATH}?link=${signAccessLink({ purpose: 'history', personId, subject: reference, now, secret })}`;
}

/**
 * The handlers, to mount on the server.
 *
 * @example
 * const routes = evidenceRoutes(deps);
 * server.get('/dashboard', routes.dashboard);
 */
export function evidenceRoutes(deps: EvidenceRouteDeps): { dashboard: RequestHandler; session: RequestHandler; asset: RequestHandler; historyCsv: RequestHandler } {
  const assets = new Map<string, Asset>([
    ['teams-js.js', asset(readFileSync(require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js')))],
    ['tab-sign-in.js', asset(Buffer.from(TAB_SIGN_IN_SCRIPT, 'utf8'))],
  ]);
  const signInPage = renderTabSignInPage([...assets].map(([name, a]) => ({ src: `${DASHBOARD_PATH}/assets/${name}`, integrity: a.integrity })));
  const permissions = new Permissions(deps.store.directory);
  const worklists = new Worklists({ store: deps.store, standards: [...deps.standards], now: deps.now });

  /** The person a link names, or the page that refuses it. */
  const personOf = async (req: Request, purpose: AccessPurpose): Promise<{ person: Person; subject: string } | { refused: PersonPage }> => {
    const links = new URLSearchParams(req.getQuery()).getAll('link');
    const check = links.length === 1 ? verifyAccessLink({ token: links[0], purpose, now: deps.now(), secret: deps.linkSecret }) : ({ ok: false, reason: 'forged' } as const);
    if (!check.ok) {
      deps.log('access-link-refused', { purpose, reason: check.reason });
      return { refused: REFUSED[purpose][check.reason] };
    }
    const person = await deps.store.directory.getPerson(check.claims.personId);
    if (!person) return { refused: REFUSED[purpose]['unknown-person'] };
    return { person, subject: check.claims.subject };
  };

  return {
    dashboard: guarded('dashboard', deps.log, async (req, res) => {
      if (!new URLSearchParams(req.getQuery()).has('link')) {
        if (deps.tabSso) return sendHtml(res, 200, signInPage, TAB_SIGN_IN_CSP);
        return sendPersonPage(res, { status: 200, title: 'Dashboard', lines: [NEW_LINK.replace('a new link', 'your link')] }, {}, TEAMS_FRAME_ANCESTORS);
      }
      const found = await personOf(req, 'dashboard');
      if ('refused' in found) return sendPersonPage(res, found.refused, {}, TEAMS_FRAME_ANCESTORS);
      const data = await dashboardOf(found.person, { store: deps.store, calendar: deps.calendar, standards: deps.standards, permissions, worklists }, deps.now());
      deps.log('dashboard-served', { personId: found.person.id, scope: data.scope });
      sendHtml(res, 200, renderDashboardPage(data, deps), DASHBOARD_CSP);
    }),

    session: guarded('dashboard-session', deps.log, async (req, res) => {
      if (!deps.tabSso) return sendError(res, 404, 'NOT_FOUND', 'there is nothing at this address');
      let oid: string;
      try {
        ({ oid } = await deps.tabSso.verify(req.headers.authorization));
      } catch (error) {
        const kind = error instanceof TabSsoError ? error.kind : 'invalid';
        deps.log('tab-sign-in-refused', { kind });
        if (kind === 'unavailable') return sendError(res, 503, 'SIGN_IN_UNAVAILABLE', 'the council’s sign-in keys could not be reached; try again shortly');
        return sendError(res, 401, 'NOT_SIGNED_IN', 'a valid Teams sign-in token is needed', {});
      }
      const person = await deps.store.directory.findPersonByAadObjectId(oid);
      if (!person) {
        deps.log('tab-sign-in-refused', { kind: 'outside-directory' });
        return sendError(res, 403, 'NOT_IN_DIRECTORY', 'this account is not in Heard’s directory');
      }
      sendJson(res, 200, { url: dashboardLink('', person.id, deps.now(), deps.linkSecret) }, { 'Cache-Control': 'no-store' });
    }),

    asset: guarded('dashboard-asset', deps.log, async (req, res) => {
      const found = assets.get(req.params.file ?? '');
      if (!found) return sendError(res, 404, 'NOT_FOUND', 'there is nothing at this address');
      res.sendRaw(200, found.body, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Content-Length': String(found.body.length),
        'Cache-Control': 'public, max-age=86400',
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Resource-Policy': 'same-origin',
      });
    }),

    historyCsv: guarded('history-export', deps.log, async (req, res) => {
      const found = await personOf(req, 'history');
      if ('refused' in found) return sendPersonPage(res, found.refused);
      const table = await deps.history(found.person, found.subject);
      if (!table) return sendPersonPage(res, REFUSED.history.nothing);
      const csv = historyCsv(table);
      const day = deps.calendar.dateOf(deps.calendar.dayOf(deps.now()));
      deps.log('history-exported', { personId: found.person.id, lines: table.lines.length });
      res.sendRaw(200, csv, {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Length': String(Buffer.byteLength(csv)),
        'Content-Disposition': `attachment; filename="history-${table.reference.replace(/[^A-Za-z0-9_-]/g, '')}-${day}.csv"`,
        'Cache-Control': 'private, no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
      });
    }),
  };
}

function sendHtml(res: Response, status: number, html: string, csp: string): void {
  res.sendRaw(status, html, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(html)),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
}
