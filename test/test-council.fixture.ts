import * as fs from 'fs';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import type { Server } from 'restify';
import type { Person, Team } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { CaseWorkService } from '../domain/case-work-service';
import { StatementService } from '../domain/statement-service';
import { BUILT_IN_PACK_IDS, builtInVocabulary, compileCalendar, loadBuiltInStandards, parseInstant, type Standard, type WorkingCalendar } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { createApiServer, type ApiServerOptions } from '../api/api-server';
import { RefusalLedger } from '../api/refusal-ledger';
import { signIntake } from '../api/intake-signature';

/**
 * A fictional council for api/ tests: the real embedded store on a temporary file, the
 * real statement service with the built-in standards, and the API listening on
 * 127.0.0.1 on a free port.
 */

/** The shared intake secret of the tests. @example signIntake({ secret: INTAKE_SECRET, timestamp, body }); */
export const INTAKE_SECRET = 'test-intake-secret-0123456789abcdef0123456789';
/** The download-link secret of the tests. @example signDownloadToken({ statementId, personId, now, secret: DOWNLOAD_SECRET }); */
export const DOWNLOAD_SECRET = 'test-download-secret-0123456789abcdef012345';

/** Monday 23 November 2026, 10:00 UTC: inside working hours. @example api.clock.now = MONDAY_10AM + 16 * 60; */
export const MONDAY_10AM = parseInstant('2026-11-23T10:00:00Z');

/** The council's people: a team of two workers and their manager, and the holders of the routing roles. @example PEOPLE.find((p) => p.id === 'p_cora')?.roles; // ['complaints-officer'] */
export const PEOPLE: Person[] = [
  { id: 'p_sam', aadObjectId: 'aad-sam', name: 'Sam Worker', email: 'sam@council.example', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' },
  { id: 'p_ali', aadObjectId: 'aad-ali', name: 'Ali Worker', email: 'ali@council.example', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' },
  { id: 'p_priya', aadObjectId: 'aad-priya', name: 'Priya Manager', email: 'priya@council.example', roles: ['manager'], teamId: 't_north', lineManagerId: null },
  { id: 'p_cora', aadObjectId: 'aad-cora', name: 'Cora Complaints', email: 'cora@council.example', roles: ['complaints-officer'], teamId: null, lineManagerId: null },
  { id: 'p_hana', aadObjectId: 'aad-hana', name: 'Hana Head', email: 'hana@council.example', roles: ['head-of-service'], teamId: null, lineManagerId: null },
  { id: 'p_dev', aadObjectId: 'aad-dev', name: 'Dev Duty', email: 'dev@council.example', roles: ['duty-manager'], teamId: null, lineManagerId: null },
];
/** @example TEAMS[0].managerId; // 'p_priya' */
export const TEAMS: Team[] = [{ id: 't_north', name: 'North CiC team', managerId: 'p_priya' }];

let engine: { standards: Standard[]; calendar: WorkingCalendar } | undefined;

/** The built-in standards and an England-and-Wales calendar, compiled once per test file. @example const { standards, calendar } = standardsAndCalendar(); */
export function standardsAndCalendar(): { standards: Standard[]; calendar: WorkingCalendar } {
  engine ??= { standards: loadBuiltInStandards(), calendar: compileCalendar({}, { from: 2024, to: 2030 }) };
  return engine;
}

/** A small PDF. @example PDF.toString('base64'); */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** The JSON of a valid statement; `overrides` replace top-level fields. @example JSON.stringify(statementBody('momo-1', { intendedRecipient: { kind: 'none' } })); */
export function statementBody(externalId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId,
    sentAt: '2026-11-23T09:30:00Z',
    child: { reference: 'C-1001', initials: 'AB' },
    type: 'my-world',
    intendedRecipient: { kind: 'person', email: 'sam@council.example' },
    flags: { complaint: false, safetyLink: false, unidentified: false },
    pdf: PDF.toString('base64'),
    ...overrides,
  };
}

/** Headers of a correctly signed JSON request at `now`. @example await fetch(url, { method: 'POST', body: text, headers: signedHeaders(text, now) }); */
export function signedHeaders(body: string, now: number, secret = INTAKE_SECRET): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-Heard-Timestamp': String(now),
    'X-Heard-Signature': signIntake({ secret, timestamp: now, body }),
  };
}

/** A fresh temporary database file path (its folder is removed by `removeTempDir`). @example const file = tempDatabaseFile(); */
export function tempDatabaseFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-api-'));
  return path.join(dir, 'heard.db');
}

/** Removes the folder of a file made by `tempDatabaseFile`. @example removeTempDir(file); */
export function removeTempDir(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

/** Opens the embedded store on `file` and writes the council's directory into it. @example const store = await seededStore(tempDatabaseFile()); */
export async function seededStore(file: string): Promise<Store> {
  const store = await openSqliteStore(file);
  await store.directory.upsert(PEOPLE, TEAMS);
  return store;
}

/** A running API over a seeded store, with a settable clock and the log it wrote. @example const { status, json } = await api.post(statementBody('momo-1')); */
export interface RunningApi {
  baseUrl: string;
  /** The store's SQLite file. */
  file: string;
  store: Store;
  service: StatementService;
  server: Server;
  clock: { now: number };
  logs: { event: string; fields: Record<string, string | number> }[];
  /** The refused downloads' counts (end its windows to start counting afresh). */
  refusals: RefusalLedger;
  /** POSTs `body` (an object is JSON-encoded) to `route` (the statement intake unless given), signed at the clock's time unless headers are given. */
  post(body: unknown, headers?: Record<string, string>, route?: string): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * Starts the API on 127.0.0.1:0 over a new temporary store.
 *
 * @example
 * const api = await startApi();
 * const { status } = await api.post(statementBody('momo-1'));
 * await api.close();
 */
export async function startApi(
  options: { maxPdfBytes?: number; wrapService?: (real: StatementService) => Pick<StatementService, 'receive' | 'downloadPdf'>; signIn?: ApiServerOptions['signIn'] } = {},
): Promise<RunningApi> {
  const file = tempDatabaseFile();
  const store = await seededStore(file);
  const clock = { now: MONDAY_10AM };
  const { standards, calendar } = standardsAndCalendar();
  const service = new StatementService({ store, standards, packs: new Set(BUILT_IN_PACK_IDS), calendar, now: () => clock.now });
  const caseWork = new CaseWorkService({ store, standards, packs: new Set(BUILT_IN_PACK_IDS), calendar, now: () => clock.now });
  const logs: RunningApi['logs'] = [];
  const log = (event: string, fields: Record<string, string | number>) => void logs.push({ event, fields });
  const refusals = new RefusalLedger({ audit: store.audit, now: () => clock.now, log, secret: DOWNLOAD_SECRET });
  const server = createApiServer({
    service: options.wrapService ? options.wrapService(service) : service,
    store,
    caseWork: { caseWork, vocabulary: builtInVocabulary(), calendar },
    intakeSecret: INTAKE_SECRET,
    downloadSecret: DOWNLOAD_SECRET,
    now: () => clock.now,
    maxPdfBytes: options.maxPdfBytes,
    log,
    refusals,
    signIn: options.signIn,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    file,
    store,
    service,
    server,
    clock,
    logs,
    refusals,
    async post(body, headers, route = '/api/statements') {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await fetch(`${baseUrl}${route}`, { method: 'POST', body: text, headers: headers ?? signedHeaders(text, clock.now) });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await refusals.close();
      await store.close();
      removeTempDir(file);
    },
  };
}

/**
 * The JSON of a valid case event: a visit to child AB of case C-1001 on Friday 20 November
 * 2026; `overrides` replace top-level fields.
 *
 * @example
 * caseEventBody('LCS-1', { type: 'child-became-looked-after', details: { legalStatus: 's20' } });
 */
export function caseEventBody(eventId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId,
    source: 'liquidlogic',
    caseRef: 'C-1001',
    childInitials: 'AB',
    type: 'visit-completed',
    occurredAt: '2026-11-20T14:30:00Z',
    by: 'sam@council.example',
    details: { kind: 'cic', seenAlone: true },
    ...overrides,
  };
}

/** Every statement in the store. @example (await allStatements(store)).length; */
export async function allStatements(store: Store) {
  return store.statements.list({});
}
