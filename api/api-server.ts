import { createServer, logger, type Server } from 'restify';
import type { Store } from '../domain/ports/store.port';
import type { StatementService } from '../domain/statement-service';
import { caseEventsHandlers, type CaseEventsRouteDeps } from './case-events-route';
import { DASHBOARD_PATH, evidenceRoutes, HISTORY_EXPORT_PATH, type EvidenceRouteDeps } from './dashboard-route';
import { downloadRoutes } from './download-route';
import { healthHandler, liveHandler, readyHandler, type Readiness } from './health-route';
import { errorKind, newIncidentId, sendError, type ApiLog } from './http-reply';
import { DEFAULT_MAX_PDF_BYTES } from './intake-body';
import { intakeHandlers } from './intake-route';
import { metricsHandler, type MetricsSource } from './metrics-route';
import { OidcSignIn, type SignInConfig } from './oidc-sign-in';
import { RefusalLedger } from './refusal-ledger';
import { reportRoute } from './report-route';
import { SIGN_IN_CALLBACK_PATH } from './sign-in-cookie';

/** The shortest secret accepted: an HMAC key should carry at least 256 bits. @example randomBytes(32).toString('hex').length >= MIN_SECRET_LENGTH; // true */
export const MIN_SECRET_LENGTH = 32;

/**
 * What the API server is built from. Instants are whole seconds since the epoch, as
 * everywhere in Heard.
 *
 * @example
 * const options: ApiServerOptions = { service, store, intakeSecret, downloadSecret, now: () => Math.floor(Date.now() / 1000), maxPdfBytes: 10 * 1024 * 1024, log, refusals };
 */
export interface ApiServerOptions {
  service: Pick<StatementService, 'receive' | 'downloadPdf'>;
  store: Store;
  /** Shared with Mind Of My Own: signs intake requests. */
  intakeSecret: string;
  /** Heard's own: signs download links. */
  downloadSecret: string;
  now: () => number;
  /** Largest PDF accepted, decoded (default 10 MiB). */
  maxPdfBytes?: number;
  log: ApiLog;
  /**
   * Counts and records refused downloads per source. When given, closing it at shutdown
   * is the caller's (to await its last counts); otherwise the server makes one and
   * closes it when the server closes.
   */
  refusals?: RefusalLedger;
  /** Reverse proxies in front that append to X-Forwarded-For (default 0). */
  trustedProxyHops?: number;
  /**
   * Entra ID sign-in before a PDF is served, with where browsers reach Heard (the
   * redirect address is `publicUrl` + /api/auth/callback); absent: the link alone opens it.
   */
  signIn?: { config: SignInConfig; publicUrl: string } | null;
  /**
   * Case work: with it, `POST /api/case-events` receives case events (signed with the same
   * intake secret); without it, that address answers 404.
   */
  caseWork?: Omit<CaseEventsRouteDeps, 'intakeSecret' | 'now' | 'log'>;
  /** Whether this instance still takes work, for `/api/health/ready` (default: always). */
  readiness?: Readiness;
  /** `GET /api/metrics`, readable from loopback or with the bearer token; absent: not served. */
  metrics?: { source: MetricsSource; token: string | null } | null;
  /**
   * The dashboard (the Teams tab) and history exports; absent: not served. Their links are
   * signed with the download secret, under a purpose of their own.
   */
  evidence?: Omit<EvidenceRouteDeps, 'store' | 'linkSecret' | 'now' | 'log'> | null;
}

/**
 * Builds the restify server with Heard's HTTP API — `POST /api/statements` (signed
 * intake), `POST /api/case-events` (signed, when case work is given),
 * `GET /api/statements/:id/pdf` (signed downloads; with Entra ID sign-in also
 * `GET /api/auth/callback`), `GET /api/broadcasts/:id/report.csv` (a delivery report on
 * a signed link), `GET /api/health` (with `/live` and `/ready` for probes)
 * and `GET /api/metrics` — and returns it without listening,
 * so the bot can mount `/api/messages` on the same server.
 * Every reply to a bad request is a 4xx JSON `{error: {code, message}}`; anything
 * unexpected is a 500 with an incident id, logged without personal data.
 *
 * @example
 * const server = createApiServer({ service, store, intakeSecret, downloadSecret, now: () => Math.floor(Date.now() / 1000), log, refusals });
 * server.listen(3978, '0.0.0.0');
 */
export function createApiServer(options: ApiServerOptions): Server {
  const maxPdfBytes = options.maxPdfBytes ?? DEFAULT_MAX_PDF_BYTES;
  if (!Number.isSafeInteger(maxPdfBytes) || maxPdfBytes < 5) throw new RangeError('maxPdfBytes must be a whole number of bytes (at least 5)');
  for (const [name, secret] of [['intakeSecret', options.intakeSecret], ['downloadSecret', options.downloadSecret]] as const) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      throw new RangeError(`${name} must be at least ${MIN_SECRET_LENGTH} characters`);
    }
  }
  const { service, store, now, log } = options;

  // restify's own logger would write request details to stdout: Heard logs through `log`.
  const server = createServer({ name: 'heard', log: logger({ name: 'heard-api', enabled: false }) });

  server.get('/api/health', healthHandler({ store, log }));
  server.get('/api/health/live', liveHandler());
  server.get('/api/health/ready', readyHandler({ store, readiness: options.readiness ?? { accepting: () => true }, log }));
  if (options.metrics) server.get('/api/metrics', metricsHandler({ ...options.metrics, log }));
  server.post('/api/statements', ...intakeHandlers({ service, store, intakeSecret: options.intakeSecret, now, maxPdfBytes, log }));
  const refusals = options.refusals ?? new RefusalLedger({ audit: store.audit, now, log, secret: options.downloadSecret });
  if (!options.refusals) server.on('close', () => void refusals.close());
  const signIn = options.signIn ? new OidcSignIn(options.signIn.config, `${options.signIn.publicUrl}${SIGN_IN_CALLBACK_PATH}`) : null;
  const downloads = downloadRoutes({
    service,
    store,
    downloadSecret: options.downloadSecret,
    now,
    log,
    refusals,
    trustedProxyHops: options.trustedProxyHops ?? 0,
    signIn,
    secureCookies: options.signIn?.publicUrl.startsWith('https:') ?? false,
  });
  server.get('/api/statements/:id/pdf', downloads.open);
  server.get('/api/broadcasts/:id/report.csv', reportRoute({ store, downloadSecret: options.downloadSecret, now, log, refusals, trustedProxyHops: options.trustedProxyHops ?? 0 }));
  if (signIn) server.get(SIGN_IN_CALLBACK_PATH, downloads.callback);
  if (options.caseWork) server.post('/api/case-events', ...caseEventsHandlers({ ...options.caseWork, intakeSecret: options.intakeSecret, now, log }));
  if (options.evidence) {
    const evidence = evidenceRoutes({ ...options.evidence, store, linkSecret: options.downloadSecret, now, log });
    server.get(DASHBOARD_PATH, evidence.dashboard);
    server.post(`${DASHBOARD_PATH}/session`, evidence.session);
    server.get(`${DASHBOARD_PATH}/assets/:file`, evidence.asset);
    server.get(HISTORY_EXPORT_PATH, evidence.historyCsv);
  }

  // Errors raised by restify itself (unknown route, wrong method, a request that could
  // not be read) get the same JSON shape as ours.
  server.on('restifyError', (_req, res, err, callback) => {
    if (!res.headersSent) {
      const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
      if (status >= 400 && status < 500) {
        const code = upperSnake(err.body?.code ?? err.name ?? 'BAD_REQUEST');
        log('request-refused', { status, code });
        sendError(res, status, code, RESTIFY_MESSAGES[status] ?? 'the request could not be handled');
      } else {
        const incidentId = newIncidentId();
        log('unexpected-error', { incidentId, route: 'restify', error: errorKind(err) });
        sendError(res, 500, 'INTERNAL', `Something went wrong on our side. Quote incident ${incidentId} if you report it.`, { incidentId });
      }
    }
    callback();
  });

  return server;
}

const RESTIFY_MESSAGES: Record<number, string> = {
  400: 'the request could not be read',
  404: 'there is nothing at this address',
  405: 'this address does not accept that method',
  406: 'the reply can only be JSON',
};

function upperSnake(name: string): string {
  return (
    name
      .replace(/Error$/, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9_]/g, '')
      .toUpperCase()
      .slice(0, 40) || 'BAD_REQUEST'
  );
}
