import type { ServerOptions } from 'restify';

/**
 * `@types/restify` describes restify 8; restify 12 (installed) also exports its pino
 * factory as `logger`, which api/ uses to give the server a disabled logger — restify's
 * default one writes requests (URLs with download tokens, headers) to stdout, and Heard's
 * logs carry ids only. This declares that one export and nothing else.
 */
declare module 'restify' {
  /** restify's pino factory. @example createServer({ log: logger({ name: 'heard-api', enabled: false }) }); */
  export function logger(options: { name?: string; enabled?: boolean; level?: string }): NonNullable<ServerOptions['log']>;
}
