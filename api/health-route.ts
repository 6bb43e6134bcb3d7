import type { Request, RequestHandler, Response } from 'restify';
import type { Store } from '../domain/ports/store.port';
import { errorKind, newIncidentId, sendJson, type ApiLog } from './http-reply';

/** A settings key nobody writes: reading it proves the store answers, and costs one lookup. */
const PROBE_KEY = 'heard.health-probe';

/**
 * The handler of `GET /api/health`: 200 `{status: 'ok'}` once a cheap read of the store
 * succeeds; 503 `{status: 'unavailable', incidentId}` when it fails, so a load balancer
 * takes the instance out rather than sending it statements it cannot keep.
 *
 * @example
 * server.get('/api/health', healthHandler({ store, log }));
 */
export function healthHandler(deps: { store: Pick<Store, 'settings'>; log: ApiLog }): RequestHandler {
  return async function health(_req: Request, res: Response): Promise<void> {
    try {
      await deps.store.settings.get(PROBE_KEY);
      sendJson(res, 200, { status: 'ok' });
    } catch (err) {
      const incidentId = newIncidentId();
      deps.log('health-failed', { incidentId, error: errorKind(err) });
      sendJson(res, 503, { status: 'unavailable', incidentId });
    }
  };
}

/**
 * The handler of `GET /api/health/live`: 200 while the process can answer at all. A
 * liveness probe that fails gets the process restarted, so it checks nothing else — a
 * store that is down is a reason to stop sending work (ready), not to restart.
 *
 * @example
 * server.get('/api/health/live', liveHandler());
 */
export function liveHandler(): RequestHandler {
  return async function live(_req: Request, res: Response): Promise<void> {
    sendJson(res, 200, { status: 'live' });
  };
}

/**
 * What readiness depends on besides the store: whether this instance still takes work
 * (false from the moment it begins to shut down). @example const readiness: Readiness = { accepting: () => !stopping };
 */
export interface Readiness {
  accepting(): boolean;
}

/**
 * The handler of `GET /api/health/ready`: 200 `{status: 'ready'}` when this instance
 * takes work — it is not shutting down and the store answers a cheap read; otherwise 503
 * with which of the two failed, so a load balancer sends statements and Teams' requests
 * elsewhere. (The bot's configuration was checked before the server was built: Heard
 * does not start without it.)
 *
 * @example
 * server.get('/api/health/ready', readyHandler({ store, readiness, log }));
 */
export function readyHandler(deps: { store: Pick<Store, 'settings'>; readiness: Readiness; log: ApiLog }): RequestHandler {
  return async function ready(_req: Request, res: Response): Promise<void> {
    if (!deps.readiness.accepting()) return sendJson(res, 503, { status: 'unavailable', reason: 'shutting-down' });
    try {
      await deps.store.settings.get(PROBE_KEY);
      sendJson(res, 200, { status: 'ready' });
    } catch (err) {
      const incidentId = newIncidentId();
      deps.log('health-failed', { incidentId, error: errorKind(err) });
      sendJson(res, 503, { status: 'unavailable', reason: 'store', incidentId });
    }
  };
}
