import type { AddressInfo } from 'net';
import * as path from 'path';
import { BotConfigError, readBotConfig } from './config';
import { DEFAULT_STORE_FILE } from '../storage';
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
 * JSON lines of ids and codes on stderr; SIGTERM/SIGINT stop it cleanly.
 */
async function main(): Promise<void> {
  const env = withLocalSecrets(process.env, path.join(path.dirname(process.env.HEARD_STORE ?? DEFAULT_STORE_FILE), path.basename(LOCAL_SECRETS_FILE)));
  const config = readBotConfig(env);
  const heard = await createHeard(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${JSON.stringify({ event: 'heard-stopping', signal })}\n`);
    heard.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await new Promise<void>((resolve) => heard.server.listen(config.port, config.host, resolve));
  const { port } = heard.server.address() as AddressInfo;
  process.stderr.write(
    `${JSON.stringify({
      event: 'heard-listening',
      port,
      auth: config.auth ? 'bot-framework-single-tenant' : 'anonymous-local',
      downloads: config.signIn ? 'entra-sign-in' : 'bearer-links',
      store: config.store.kind,
    })}\n`,
  );
  process.stdout.write(`${JSON.stringify({ port, pid: process.pid })}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof BotConfigError ? error.message : `Heard failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
