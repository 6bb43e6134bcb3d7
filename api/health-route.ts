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
