import { createHash, timingSafeEqual } from 'crypto';
import * as net from 'net';
import type { Request, RequestHandler, Response } from 'restify';
import { guarded, sendError, type ApiLog } from './http-reply';

/**
 * What `GET /api/metrics` serves: Prometheus' text exposition, made by the edge (bot/
 * owns the registry). @example const metrics: MetricsSource = { contentType: 'text/plain; version=0.0.4', render: () => registry.metrics() };
 */
export interface MetricsSource {
  contentType: string;
  render(): Promise<string>;
}

/**
 * The handler of `GET /api/metrics`. The figures carry no personal data, but they tell
 * how busy a council's children's services are, so not everyone may read them: a request
 * made on this machine (loopback, and not relayed by a proxy, which would add
 * `X-Forwarded-For`) may; anyone else needs `Authorization: Bearer <HEARD_METRICS_TOKEN>`.
 * A refusal says only that a token is needed (401) or that metrics are not served here
 * (403, when no token is configured).
 *
 * @example
 * server.get('/api/metrics', metricsHandler({ source, token: process.env.HEARD_METRICS_TOKEN ?? null, log }));
 */
export function metricsHandler(deps: { source: MetricsSource; token: string | null; log: ApiLog }): RequestHandler {
  const expected = deps.token === null ? null : digest(deps.token);
  return guarded('metrics', deps.log, async (req: Request, res: Response) => {
    const refusal = refusalOf(req, expected);
    if (refusal !== null) {
      deps.log('metrics-refused', { reason: refusal });
      if (refusal === 'no-token-configured') return sendError(res, 403, 'FORBIDDEN', 'metrics are served to this machine only');
      res.header('WWW-Authenticate', 'Bearer realm="heard-metrics"');
      return sendError(res, 401, 'UNAUTHENTICATED', 'a bearer token is required to read metrics');
    }
    const body = await deps.source.render();
    res.sendRaw(200, body, { 'Content-Type': deps.source.contentType, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  });
}

/** Why a request may not read metrics, or null when it may. */
function refusalOf(req: Request, expected: Buffer | null): 'no-token-configured' | 'no-token' | 'wrong-token' | null {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string' && expected !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    // Compared as fixed-length digests, so the time taken says nothing about the token.
    return match && timingSafeEqual(digest(match[1]), expected) ? null : 'wrong-token';
  }
  if (isLoopback(req.socket.remoteAddress) && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined) return null;
  return expected === null ? 'no-token-configured' : 'no-token';
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.replace(/^::ffff:/i, '');
  return address === '::1' || (net.isIPv4(v4) && v4.startsWith('127.'));
}
