import pino, { type DestinationStream, type Logger } from 'pino';
import type { BotLog } from './bot-log';

/**
 * Heard's logs: one JSON line per event on stderr, through pino, with a level, an event
 * code and fields of ids, codes and counts — never a name, an e-mail address, initials,
 * a child's reference or anything a child wrote. The logger is made once, at the edge
 * (bot/main.ts), and everything inward logs through the `(event, fields)` function
 * ({@link BotLog}, api/'s `ApiLog`, the scheduler's `log`), so no layer but bot/ knows pino.
 */

/** The levels `LOG_LEVEL` accepts, most severe first (pino's names). @example LOG_LEVELS.includes('warn'); // true */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** @example const level: LogLevel = 'info'; */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Each event code's level, decided in one place so that one code always has one level
 * (an alert on `level: error` or on a code means the same everywhere). Codes not listed
 * are `info`: things that happened as they should.
 *
 * - `error`: Heard failed at something and a person may be affected (an incident id is
 *   logged and shown to them), or it cannot serve at all.
 * - `warn`: a request or message was refused or could not be delivered — expected in
 *   small numbers, worth a look when they climb.
 */
const EVENT_LEVELS: Readonly<Record<string, Exclude<LogLevel, 'silent'>>> = {
  'heard-cannot-start': 'fatal',
  'unexpected-error': 'error',
  'bot-error': 'error',
  'scheduler-error': 'error',
  'health-failed': 'error',
  'audit-write-failed': 'error',
  'card-sync-failed': 'error',
  'sign-in-unavailable': 'error',
  'heard-stop-timed-out': 'error',
  'heard-reload-failed': 'error',
  'intake-refused': 'warn',
  'intake-conflict': 'warn',
  'case-events-refused': 'warn',
  'request-refused': 'warn',
  'activity-refused': 'warn',
  'download-refused': 'warn',
  'sign-in-refused': 'warn',
  'refusals-counted': 'warn',
  'card-not-delivered': 'warn',
  'card-update-not-delivered': 'warn',
  'nudge-failed': 'warn',
  'nudge-undelivered': 'warn',
  'metrics-refused': 'warn',
  'scheduler-idle': 'debug',
};

/**
 * The level an event code is logged at.
 *
 * @example levelOf('intake-refused'); // 'warn'
 * @example levelOf('intake-created'); // 'info'
 */
export function levelOf(event: string): Exclude<LogLevel, 'silent'> {
  return EVENT_LEVELS[event] ?? 'info';
}

/**
 * Field names that would carry personal data if anyone ever passed them: pino replaces
 * their values, as a second line of defence behind the rule that callers log ids and
 * codes only (the tests check the first line: no log line of a whole journey holds a
 * name, an address, initials or a reference).
 */
const PERSONAL_FIELDS = ['name', 'email', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'aadObjectId', 'initials', 'reference', 'child', 'text', 'pdf'];

/**
 * Heard's pino logger: JSON lines on stderr (synchronously, so the last lines before an
 * exit are not lost), `level` as a word, `time` as ISO 8601, the instance's name on
 * every line.
 *
 * @example
 * const logger = createLogger({ level: 'info', instance: 'web-1' });
 * eventLog(logger)('intake-created', { statementId: 'st_1' });
 * // {"level":"info","time":"2026-11-23T09:00:00.000Z","instance":"web-1","event":"intake-created","statementId":"st_1"}
 */
export function createLogger(options: { level: LogLevel; instance: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { instance: options.instance },
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: PERSONAL_FIELDS, censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/**
 * The `(event, fields)` function everything inward logs through, writing to `logger` at
 * the event's level ({@link levelOf}).
 *
 * @example
 * const log = eventLog(createLogger({ level: 'warn', instance: 'web-1' }));
 * log('intake-refused', { status: 401, code: 'SIGNATURE_INVALID' }); // written
 * log('intake-created', { statementId: 'st_1' }); // below warn: not written
 */
export function eventLog(logger: Logger): BotLog {
  return (event, fields) => logger[levelOf(event)](fields, event);
}
