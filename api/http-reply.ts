import { randomBytes } from 'crypto';
import type { Request, Response } from 'restify';

/**
 * How api/ answers: JSON errors `{error: {code, message}}`, no caching of anything that
 * may concern a child, and incident ids for the unexpected.
 */

/**
 * The log api/ writes to: an event name and ids, codes or numbers — never names,
 * emails or statement text.
 *
 * @example
 * const log: ApiLog = (event, fields) => process.stderr.write(JSON.stringify({ event, ...fields }) + '\n');
 */
export type ApiLog = (event: string, fields: Record<string, string | number>) => void;

const COMMON_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

/**
 * Sends a JSON body with a status, bypassing content negotiation (the reply is JSON
 * whatever the client accepts).
 *
 * @example
 * sendJson(res, 201, { statementId: 'st_1', created: true });
 */
export function sendJson(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.sendRaw(status, text, {
    ...COMMON_HEADERS,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
}

/**
 * Sends `{error: {code, message, ...extra}}`.
 *
 * @example
 * sendError(res, 401, 'SIGNATURE_INVALID', 'the X-Heard-Signature header does not match the body');
 */
export function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  sendJson(res, status, { error: { code, message, ...extra } });
}

/**
 * Sends a plain-text message (for links people open in a browser).
 *
 * @example
 * sendText(res, 403, 'This download link has expired.');
 */
export function sendText(res: Response, status: number, message: string): void {
  res.sendRaw(status, message, {
    ...COMMON_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(message)),
  });
}

/**
 * A short random id a person can quote, tying an apology to the log line with details.
 *
 * @example
 * newIncidentId(); // 'inc_3f9a1c0be27d'
 */
export function newIncidentId(): string {
  return `inc_${randomBytes(6).toString('hex')}`;
}

/**
 * Names the kind of an unexpected error for the log without its message, which could
 * carry data from the request.
 *
 * @example
 * errorKind(new RangeError('x')); // 'RangeError'
 */
export function errorKind(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `${err.name}:${code}` : err.name;
  }
  return typeof err;
}

/**
 * Wraps an async route handler so that anything it throws becomes a 500 with an incident
 * id (unless a reply was already sent), logged with the route and the error's kind only.
 *
 * @example
 * server.get('/api/health', guarded('health', log, async (req, res) => sendJson(res, 200, { status: 'ok' })));
 */
export function guarded(route: string, log: ApiLog, handler: (req: Request, res: Response) => Promise<void>): (req: Request, res: Response) => Promise<void> {
  return async function guardedHandler(req: Request, res: Response): Promise<void> {
    try {
      await handler(req, res);
    } catch (err) {
      const incidentId = newIncidentId();
      log('unexpected-error', { incidentId, route, error: errorKind(err) });
      if (!res.headersSent) {
        sendError(res, 500, 'INTERNAL', `Something went wrong on our side. Quote incident ${incidentId} if you report it.`, { incidentId });
      }
    }
  };
}
