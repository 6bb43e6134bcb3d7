import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { BotConfigError, readBotConfig } from './config';
import { DEFAULT_STORE_FILE } from '../storage';
import { DemoClock } from './demo-clock';
import { createLogger, eventLog } from './event-log';
import { ConfigurationService } from '../domain/configuration-service';
import { createHeard, latestConfigurationChange } from './heard-server';
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
 *
 * The organisation's configuration (heard config, the admin card) is read when Heard is
 * made. When it changes — an administrator confirming a change in Teams, SIGHUP, or a
 * change found in the store within HEARD_CONFIGURATION_POLL_SECONDS (30 s) — a new
 * Heard is made on the new configuration and takes the next requests, the old one
 * finishes those it has and stops gracefully, and the open obligations it opened on the
 * old configuration meanwhile are worked out again. One listener, owning every
 * connection, hands each request to the Heard of the moment: a client's kept-alive
 * connection is never closed under it by a change of configuration.
 */
async function main(): Promise<void> {
  const env = withLocalSecrets(process.env, path.join(path.dirname(process.env.HEARD_STORE ?? DEFAULT_STORE_FILE), path.basename(LOCAL_SECRETS_FILE)));
  const config = readBotConfig(env);
  const log = eventLog(createLogger({ level: config.logLevel ?? 'info', instance: config.scheduler.instanceId }));
  const demoClock = config.demoClockFile ? DemoClock.open(config.demoClockFile) : undefined;
  const now = () => (demoClock ? demoClock.now() : Math.floor(Date.now() / 1000));
  let stopping = false;
  let reloading: Promise<void> | null = null;
  let again = false;
  const create = (schedulerLater: boolean) => createHeard(config, { log, demoClock, schedulerLater, configurationChanged: () => reload('admin-card') });
  let heard = await create(false);
  const listener = http.createServer((req, res) => heard.handle(req, res));

  const reload = (why: string): void => {
    if (stopping) return;
    if (reloading) {
      again = true;
      return;
    }
    reloading = (async () => {
      const previous = heard;
      try {
        const next = await create(true);
        heard = next;
        try {
          const clean = await previous.close();
          const caughtUp = await new ConfigurationService({ store: next.store, now }).catchUp(previous.organisation);
          log('heard-reloaded', { why, clean, caughtUp: caughtUp.moved + caughtUp.closed });
        } finally {
          // Once the old scheduler has stopped and handed its leases back (and the clocks it opened are worked out again).
          if (config.scheduler.enabled && !stopping) {
            next.scheduler.start();
            next.broadcasts.start();
          }
        }
      } catch (error) {
        log('heard-reload-failed', { why, error: error instanceof Error ? error.name : typeof error });
      } finally {
        reloading = null;
      }
      if (again && !stopping) {
        again = false;
        reload('changed-while-reloading');
      }
    })();
  };
  const watch = setInterval(() => {
    if (stopping || reloading) return;
    latestConfigurationChange(heard.store).then(
      (latest) => latest !== heard.configurationRevision && reload('configuration-changed'),
      () => undefined,
    );
  }, (config.configurationPollSeconds ?? 30) * 1000);
  watch.unref();

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(watch);
    log('heard-stopping', { signal, graceSeconds: config.shutdownGraceSeconds ?? 25 });
    // No new connections; idle kept-alive ones close, the rest once their requests are answered.
    listener.close();
    Promise.resolve(reloading)
      .then(() => heard.close())
      .then(
        (clean) => {
          if (!clean) listener.closeAllConnections();
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
  process.on('SIGHUP', () => reload('SIGHUP'));
  await new Promise<void>((resolve) => listener.listen(config.port, config.host, resolve));
  const { port } = listener.address() as AddressInfo;
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
