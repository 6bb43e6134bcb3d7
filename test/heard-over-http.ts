import type { AddressInfo } from 'net';
import nock from 'nock';
import { createHeard, type Heard } from '../bot/heard-server';
import type { Person, Team } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { DOWNLOAD_SECRET, INTAKE_SECRET, MONDAY_10AM, removeTempDir, signedHeaders, statementBody, tempDatabaseFile } from './test-council.fixture';

/**
 * Heard over HTTP, as Teams sees it: real activities POSTed to /api/messages, real
 * statements POSTed to the signed intake, and the Bot Framework connector played by nock.
 * Anonymous (local) auth: no app id configured. The caller disables real network
 * connections (`nock.disableNetConnect()`, allowing 127.0.0.1) around its tests.
 */
export const CONNECTOR = 'http://connector.test';
export const TENANT = '11111111-1111-4111-8111-111111111111';

/** One request the connector received: a new activity (POST) or an update in place (PUT). */
export interface Sent {
  method: string;
  path: string;
  body: { type?: string; text?: string; id?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
}

/** A running Heard with its connector stub and the helpers a test drives it with. */
export interface HeardOverHttp {
  heard: Heard;
  /** The embedded store's file (another Heard may be started on it). */
  file: string;
  store: Store;
  baseUrl: string;
  clock: { now: number };
  /** Everything the connector received, in order (tests may empty it). */
  sent: Sent[];
  logs: { event: string; fields: Record<string, unknown> }[];
  /** Answers every send 200 with a new message id (or `status(req)`), every update 200. */
  connector(status?: (req: Sent) => number): void;
  /** An activity from a person's personal chat. */
  personal(aadObjectId: string, extra?: Record<string, unknown>): Record<string, unknown>;
  activity(body: Record<string, unknown>): Promise<{ status: number; json: unknown }>;
  install(aadObjectId: string): Promise<{ status: number; json: unknown }>;
  /** An Action.Execute press (`data` names what; the person is `aadObjectId`). */
  execute(aadObjectId: string, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<{ status: number; json: unknown }>;
  /** Posts a signed statement; answers its id. */
  postStatement(externalId: string, overrides?: Record<string, unknown>): Promise<string>;
  /** Waits until the card work started by the changes so far has reached the connector (and fails on a logged failure). */
  settle(): Promise<void>;
  /** The cards sent or updated in one person's chat. */
  cardsSentTo(aadObjectId: string): Sent[];
  close(): Promise<void>;
}

/**
 * Starts Heard on 127.0.0.1:0 over a new embedded store holding `people` and `teams`,
 * with the packs given enabled and the clock at `start`.
 *
 * @example
 * const h = await startHeardOverHttp({ people: PEOPLE, teams: TEAMS });
 * h.connector();
 * await h.install('aad-sam');
 */
export async function startHeardOverHttp(options: { people: Person[]; teams: Team[]; packs?: string[]; start?: number; prepare?: (store: Store) => Promise<void> }): Promise<HeardOverHttp> {
  const file = tempDatabaseFile();
  const store = await openSqliteStore(file);
  await store.directory.upsert(options.people, options.teams);
  if (options.packs) await store.settings.set('packs', options.packs);
  await options.prepare?.(store);
  const clock = { now: options.start ?? MONDAY_10AM };
  const sent: Sent[] = [];
  const logs: HeardOverHttp['logs'] = [];
  let counter = 0;
  const heard = await createHeard(
    {
      port: 0,
      host: '127.0.0.1',
      auth: null,
      intakeSecret: INTAKE_SECRET,
      downloadSecret: DOWNLOAD_SECRET,
      publicUrl: 'https://heard.council.example',
      store: { kind: 'embedded', file },
      maxPdfBytes: undefined,
      scheduler: { enabled: false, instanceId: 'test' },
    },
    { store, now: () => clock.now, log: (event, fields) => logs.push({ event, fields }) },
  );
  await new Promise<void>((resolve) => heard.server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(heard.server.address() as AddressInfo).port}`;

  const personal = (aadObjectId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    channelId: 'msteams',
    serviceUrl: CONNECTOR,
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Fictional' },
    recipient: { id: '28:heard', name: 'Heard' },
    conversation: { id: `a:${aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    id: `in-${++counter}`,
    timestamp: new Date().toISOString(),
    ...extra,
  });
  const activity = async (body: Record<string, unknown>) => {
    const res = await fetch(`${baseUrl}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  };

  return {
    heard,
    file,
    store,
    baseUrl,
    clock,
    sent,
    logs,
    connector(status = () => 200) {
      nock(CONNECTOR)
        .persist()
        .post(/\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/)
        .reply(function (uri, body) {
          const req = { method: 'POST', path: decodeURIComponent(uri), body: body as Sent['body'] };
          sent.push(req);
          const code = status(req);
          return code === 200 ? [200, { id: `msg-${++counter}` }] : [code, { error: { code: 'Forbidden', message: 'refused' } }];
        })
        .put(/\/v3\/conversations\/[^/]+\/activities\/[^/]+$/)
        .reply(function (uri, body) {
          const req = { method: 'PUT', path: decodeURIComponent(uri), body: body as Sent['body'] };
          sent.push(req);
          const code = status(req);
          // Teams' answer for a message that is not (or no longer) in the chat.
          if (code === 404) return [404, { error: { code: 'ActivityNotFoundInConversation', message: 'Message does not exist in the thread.' } }];
          return code === 200 ? [200, { id: uri.split('/').pop() }] : [code, { error: { code: 'Forbidden', message: 'refused' } }];
        });
    },
    personal,
    activity,
    install: (aadObjectId) => activity(personal(aadObjectId, { type: 'installationUpdate', action: 'add' })),
    execute: (aadObjectId, verb, data, replyToId = 'msg-1') =>
      activity(
        personal(aadObjectId, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId,
          value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
        }),
      ),
    async postStatement(externalId, overrides = {}) {
      const text = JSON.stringify(statementBody(externalId, overrides));
      const res = await fetch(`${baseUrl}/api/statements`, { method: 'POST', body: text, headers: signedHeaders(text, clock.now) });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { statementId: string }).statementId;
    },
    async settle() {
      await heard.settled();
      const failures = logs.filter((l) => l.event.endsWith('-failed') || l.event === 'bot-error');
      if (failures.length > 0) throw new Error(`card work failed: ${JSON.stringify(failures)}`);
    },
    cardsSentTo: (aadObjectId) => sent.filter((s) => s.path.startsWith(`/v3/conversations/a:${aadObjectId}/`) && (s.body.attachments?.length ?? 0) > 0),
    async close() {
      // Card work still in flight reaches the connector stub before it goes.
      await heard.close();
      nock.cleanAll();
      removeTempDir(file);
    },
  };
}
