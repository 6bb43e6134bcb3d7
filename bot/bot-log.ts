/**
 * How the bot logs: an event name and fields of ids, codes and counts — never a name,
 * an email address or anything a child wrote. In production it is pino's, through
 * `eventLog` (bot/event-log.ts), which picks the event's level; tests pass their own.
 *
 * @example
 * const log: BotLog = eventLog(createLogger({ level: 'info', instance: 'web-1' }));
 */
export type BotLog = (event: string, fields: Record<string, string | number | boolean>) => void;
