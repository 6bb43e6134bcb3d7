import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { BotConfigError, readBotConfig } from './config';
import { DEFAULT_STORE_FILE } from '../storage';
import { DemoClock } from './demo-clock';
import { createLogger, eventLog } from './event-log';
import { createHeard } from './heard-server';
import { withLocalSecrets } from './local-secrets';

/** Where a local run keeps the secrets it made for itself. */
export const LOCAL_SECRETS_FILE = path.join('.data', 'local-secrets.json');

/**
 * `npm start`: Heard — the bot on /api/messages and the HTTP API — on PORT (3978), with
 * the embedded store unless MONGODB_URI is set. Configured by the environment (see
 * bot/config.ts and the README). With no MicrosoftAppId it is a local run: anonymous
 * requests are accepted (for the Agents Playground), only on loopback, and secrets
 * missing from the environment are made and kept in .data/local-secrets.json. Logs
 * JSON lines of ids and codes on stderr (pino, LOG_LEVEL); prints `{"port","pid"}` on
 * stdout once listening. SIGTERM or SIGINT shut it down gracefully (Heard.close): exit
 * code 0, or 1 when work was still in flight at the end of the grace period.
 */
async function main(): Promise<void> {
  const env = withLocalSecrets(process.env, path.join(path.dirname(process.env.HEARD_STORE ?? DEFAULT_STORE_FILE), path.basename(LOCAL_SECRETS_FILE)));
  const config = readBotConfig(env);
  const log = eventLog(createLogger({ level: config.logLevel ?? 'info', instance: config.scheduler.instanceId }));
  const demoClock = config.demoClockFile ? DemoClock.open(config.demoClockFile) : undefined;
  const heard = await createHeard(config, { log, demoClock });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('heard-stopping', { signal, graceSeconds: config.shutdownGraceSeconds ?? 25 });
    heard.close().then(
      (clean) => {
        log('heard-stopped', { clean });
        process.exit(clean ? 0 : 1);
      },
      (error: unknown) => {
        log('unexpected-error', { route: 'shutdown', error: error instanceof Error ? error.name : typeof error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await new Promise<void>((resolve) => heard.server.listen(config.port, config.host, resolve));
  const { port } = heard.server.address() as AddressInfo;
  log('heard-listening', {
    port,
    auth: config.auth ? 'bot-framework-single-tenant' : 'anonymous-local',
    downloads: config.signIn ? 'entra-sign-in' : 'bearer-links',
    store: config.store.kind,
    metrics: config.metricsToken ? 'loopback-or-token' : 'loopback-only',
    ...(demoClock ? { demoClock: new Date(demoClock.now() * 1000).toISOString() } : {}),
  });
  process.stdout.write(`${JSON.stringify({ port, pid: process.pid })}\n`);
}

main().catch((error: unknown) => {
  // Before the configuration is read there is no level to honour: a fatal line, always written.
  const message = error instanceof BotConfigError ? error.message : `Heard failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  createLogger({ level: 'info', instance: `${os.hostname()}-${process.pid}` }).fatal({ message }, 'heard-cannot-start');
  process.exit(1);
});
