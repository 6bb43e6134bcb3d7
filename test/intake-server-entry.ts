import type { AddressInfo } from 'net';
import { CaseWorkService } from '../domain/case-work-service';
import { StatementService } from '../domain/statement-service';
import { BUILT_IN_PACK_IDS, builtInVocabulary, compileCalendar, loadBuiltInStandards } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { createApiServer } from '../api/api-server';
import type { ApiLog } from '../api/http-reply';

/**
 * Runs the HTTP API alone on the embedded store, for the intake's kill -9 test
 * (`api/intake-crash.spec.ts`): `tsx test/intake-server-entry.ts`. Configured by the environment:
 *
 *   HEARD_DB_FILE          the SQLite file (required)
 *   HEARD_INTAKE_SECRET    shared with Mind Of My Own (required, ≥ 32 characters)
 *   HEARD_DOWNLOAD_SECRET  signs download links (required, ≥ 32 characters)
 *   HEARD_HOST, HEARD_PORT where to listen (default 127.0.0.1 and 0: a free port)
 *   HEARD_MAX_PDF_BYTES    largest PDF accepted (default 10 MiB)
 *   HEARD_PACKS            enabled standards packs, comma-separated (default: all built-in)
 *
 * Once listening it prints one JSON line on stdout, `{"port":…,"pid":…}` (the pid of this
 * process: a launcher such as tsx may run it as a child), and logs JSON lines of ids and
 * codes on stderr. SIGTERM or SIGINT closes the server, then the store.
 *
 * @example
 * HEARD_DB_FILE=heard.db HEARD_INTAKE_SECRET=… HEARD_DOWNLOAD_SECRET=… node_modules/.bin/tsx test/intake-server-entry.ts
 */
async function main(): Promise<void> {
  const env = (name: string, fallback?: string): string => {
    const value = process.env[name] ?? fallback;
    if (value === undefined || value === '') throw new Error(`${name} is not set`);
    return value;
  };
  const file = env('HEARD_DB_FILE');
  const host = env('HEARD_HOST', '127.0.0.1');
  const port = Number(env('HEARD_PORT', '0'));
  const maxPdfBytes = process.env.HEARD_MAX_PDF_BYTES ? Number(process.env.HEARD_MAX_PDF_BYTES) : undefined;
  const packs = new Set(env('HEARD_PACKS', BUILT_IN_PACK_IDS.join(',')).split(',').map((p) => p.trim()));
  const now = () => Math.floor(Date.now() / 1000);

  const log: ApiLog = (event, fields) => process.stderr.write(`${JSON.stringify({ at: now(), event, ...fields })}\n`);
  const thisYear = new Date().getUTCFullYear();
  const calendar = compileCalendar({}, { from: thisYear - 2, to: thisYear + 5 });
  const store = await openSqliteStore(file);
  const standards = loadBuiltInStandards();
  const service = new StatementService({ store, standards, packs, calendar, now });
  const caseWork = new CaseWorkService({ store, standards, packs, calendar, now });
  const server = createApiServer({
    service,
    store,
    caseWork: { caseWork, vocabulary: builtInVocabulary(), calendar },
    intakeSecret: env('HEARD_INTAKE_SECRET'),
    downloadSecret: env('HEARD_DOWNLOAD_SECRET'),
    now,
    maxPdfBytes,
    log,
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('api-stopping', { signal });
    server.close(() => {
      store.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  log('api-listening', { port: address.port });
  process.stdout.write(`${JSON.stringify({ port: address.port, pid: process.pid })}\n`);
}

main().catch((err: unknown) => {
  // The message may name a file or a setting, never a person: nothing has been received yet.
  process.stderr.write(`${JSON.stringify({ event: 'api-failed-to-start', error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) })}\n`);
  process.exit(1);
});
