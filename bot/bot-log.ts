/**
 * How the bot logs: an event name and fields of ids, codes and counts — never a name,
 * an email address or anything a child wrote.
 *
 * @example
 * const log: BotLog = (event, fields) => process.stderr.write(`${JSON.stringify({ event, ...fields })}\n`);
 */
export type BotLog = (event: string, fields: Record<string, string | number | boolean>) => void;
