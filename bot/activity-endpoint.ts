import { AsyncLocalStorage } from 'async_hooks';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, RequestHandler, Response } from 'restify';
import { boundedBody } from '../api/body-limit';
import { errorKind, newIncidentId, sendError, sendJson } from '../api/http-reply';
import { isJsonContentType, parseJson, strictUtf8 } from '../api/json-body';
import type { BotLog } from './bot-log';

/** Largest activity accepted on /api/messages, once decoded (Teams activities are a few kilobytes). */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** How long a token check may take, fetching the signing keys included. */
const AUTHENTICATION_TIMEOUT_MS = 10_000;

/**
 * Why a request to /api/messages was not authenticated, as logged: no token, a token
 * that is not a valid Bot Framework token for this bot (forged, altered, expired, not yet
 * valid, for another audience), or the signing keys could not be fetched to check it.
 *
 * @example
 * const why: UnauthenticatedReason = 'token-invalid';
 */
export type UnauthenticatedReason = 'no-token' | 'token-invalid' | 'keys-unavailable';

/** A request the Bot Framework authentication refused; carries a reason code only. */
export class UnauthenticatedActivity extends Error {
  constructor(readonly reason: UnauthenticatedReason) {
    super(`the request to /api/messages was not authenticated (${reason})`);
    this.name = 'UnauthenticatedActivity';
  }
}

/**
 * teams-ai's TeamsAdapter with authentication kept apart from the turn: a request whose
 * token does not check out is an {@link UnauthenticatedActivity}, whatever the library
 * threw (which may name an internal URL and is never shown), and only an authenticated
 * activity reaches the bot.
 *
 * @example
 * const adapter = new HeardTeamsAdapter({ MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId });
 * const reply = await adapter.processAuthenticated(activity, req.headers.authorization ?? '', turn);
 */
export class HeardTeamsAdapter extends TeamsAdapter {
  async processAuthenticated(activity: Activity, authHeader: string, logic: (context: TurnContext) => Promise<void>): Promise<{ status: number; body?: unknown }> {
    let authenticated: Awaited<ReturnType<TeamsAdapter['botFrameworkAuthentication']['authenticateRequest']>>;
    let timer: NodeJS.Timeout | undefined;
    // The library fetches the signing keys without a time limit: a key endpoint that never
    // answers must not hold requests (and their bodies) open.
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new UnauthenticatedActivity('keys-unavailable')), AUTHENTICATION_TIMEOUT_MS);
    });
    try {
      authenticated = await Promise.race([quietly(() => this.botFrameworkAuthentication.authenticateRequest(activity, authHeader)), timeout]);
    } catch (error) {
      if (error instanceof UnauthenticatedActivity) throw error;
      throw new UnauthenticatedActivity(authHeader.trim() === '' ? 'no-token' : keysUnavailable(error) ? 'keys-unavailable' : 'token-invalid');
    } finally {
      clearTimeout(timer);
    }
    const invoke = await this.processActivity(authenticated, activity, logic);
    return { status: invoke?.status ?? 200, body: invoke?.body };
  }
}

/** Set while a request's token is being checked: see {@link quietly}. */
const authenticating = new AsyncLocalStorage<true>();
const CONSOLE_LEVELS = ['error', 'warn', 'log', 'info'] as const;
let checksInFlight = 0;
let restoreConsole: (() => void) | null = null;

/**
 * Runs a token check with the console quiet for it. botframework-connector writes to the
 * console each time it refuses a token: the error with its stack, or the bot's public
 * signing keys; anyone could send forged tokens to fill the log that way. Heard logs the
 * refusal itself, as one JSON line. While any check runs, the console methods are
 * wrapped so that output made *by a check* (the flag follows that request through its
 * awaits) is dropped and everything else passes; the last check to finish puts them back.
 */
async function quietly<T>(check: () => Promise<T>): Promise<T> {
  if (checksInFlight++ === 0) {
    // eslint-disable-next-line no-console -- wrapping the console, not writing to it
    const originals = CONSOLE_LEVELS.map((level) => [level, console[level]] as const);
    for (const [level, original] of originals) {
      // eslint-disable-next-line no-console -- as above
      console[level] = (...args: unknown[]) => {
        if (!authenticating.getStore()) original.apply(console, args);
      };
    }
    restoreConsole = () => {
      // eslint-disable-next-line no-console -- as above
      for (const [level, original] of originals) console[level] = original;
    };
  }
  try {
    return await authenticating.run(true, check);
  } finally {
    if (--checksInFlight === 0) {
      restoreConsole?.();
      restoreConsole = null;
    }
  }
}

/**
 * The handlers of `POST /api/messages`: the body read under {@link MAX_ACTIVITY_BYTES}
 * (counted once decoded: gzip and deflate are accepted, as the web frameworks the Bot
 * Framework samples use accept them, but never inflated past the limit), then JSON,
 * then the Bot Framework token, then the turn. Every refusal is a JSON
 * `{error: {code, message}}` that echoes nothing of the request or of Heard's internals,
 * with one JSON log line; the unexpected is a 500 with an incident id.
 *
 * @example
 * server.post('/api/messages', ...activityEndpoint(adapter, turn, log));
 */
export function activityEndpoint(adapter: HeardTeamsAdapter, turn: (context: TurnContext) => Promise<void>, log: BotLog): RequestHandler[] {
  return [
    boundedBody({ route: 'messages', maxBytes: MAX_ACTIVITY_BYTES, codings: ['identity', 'gzip', 'deflate'] }, log),
    async function receiveActivity(req: Request, res: Response): Promise<void> {
      const refuse = (status: number, code: string, message: string, fields: Record<string, string> = {}) => {
        log('activity-refused', { status, code, ...fields });
        sendError(res, status, code, message);
      };
      if (!isJsonContentType(req.headers['content-type'])) return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the activity as Content-Type: application/json (UTF-8)');
      const text = strictUtf8(req.body as Buffer);
      if (text === null) return refuse(400, 'INVALID_UTF8', 'the body is not valid UTF-8 text');
      const json = parseJson(text);
      if (!json.ok) return refuse(400, 'INVALID_JSON', json.message);
      const activity = activityOf(json.value);
      if (!activity) return refuse(400, 'INVALID_ACTIVITY', 'the body must be a Bot Framework activity: a JSON object with a type');

      try {
        const reply = await adapter.processAuthenticated(activity, headerText(req.headers.authorization), turn);
        if (reply.body === undefined) res.sendRaw(reply.status, '', { 'Cache-Control': 'no-store' });
        else sendJson(res, reply.status, reply.body);
      } catch (error) {
        if (error instanceof UnauthenticatedActivity) {
          return refuse(401, 'UNAUTHENTICATED', 'a valid Bot Framework token for this bot is required', { reason: error.reason });
        }
        const incidentId = newIncidentId();
        log('unexpected-error', { incidentId, route: 'messages', error: errorKind(error) });
        if (!res.headersSent) {
          sendError(res, 500, 'INTERNAL', `Something went wrong on our side. Quote incident ${incidentId} if you report it.`, { incidentId });
        }
      }
    },
  ];
}

/** The activity in a parsed body, its timestamps made Dates as botbuilder expects; null if it is not one. */
function activityOf(value: unknown): Activity | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const activity = value as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return null;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field] as string);
    }
  }
  return activity as unknown as Activity;
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? '' : (value ?? '');
}

/**
 * The signing keys could not be fetched (the key endpoint unreachable or failing), as
 * opposed to a token that does not check out: node-fetch's FetchError, or
 * botframework-connector's "Failed to load openID config" / "Failed to load Keys".
 */
function keysUnavailable(error: unknown): boolean {
  return error instanceof Error && (error.name === 'FetchError' || /^Failed to load (openID config|Keys)\b/.test(error.message));
}
