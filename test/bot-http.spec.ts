import type { AddressInfo } from 'net';
import nock from 'nock';
import { DOWNLOAD_SECRET, INTAKE_SECRET, MONDAY_10AM, PEOPLE, TEAMS } from './test-council.fixture';
import { createHeard, type Heard } from '../bot/heard-server';
import type { Person } from '../domain/person';
import { STATEMENT_VERBS } from '../cards/statement-card-model';
import { validateAdaptiveCard } from './validate-card';
import { CONNECTOR, TENANT, startHeardOverHttp, type HeardOverHttp, type Sent } from './heard-over-http';

/**
 * Heard over HTTP, as Teams sees it: real activities POSTed to /api/messages, real
 * statements POSTed to the signed intake, and the Bot Framework connector played by
 * nock (the harness `test/heard-over-http.ts`). Anonymous (local) auth: no app id
 * configured.
 */
const PAT: Person = { id: 'p_pat', aadObjectId: 'aad-pat', name: 'Pat Participation', email: 'pat@council.example', roles: ['participation'], teamId: null, lineManagerId: null };

let h: HeardOverHttp;
let heard: Heard;
let baseUrl: string;
let sent: Sent[];
let counter = 0;

const connector = (status?: (req: Sent) => number) => h.connector(status);
const personal = (aadObjectId: string, extra: Record<string, unknown> = {}) => h.personal(aadObjectId, extra);
const activity = (body: Record<string, unknown>) => h.activity(body);
const install = (aad: string) => h.install(aad);
const execute = (aad: string, verb: string, data: Record<string, unknown>, replyToId?: string) => h.execute(aad, verb, data, replyToId);
const postStatement = (externalId: string, overrides: Record<string, unknown> = {}) => h.postStatement(externalId, overrides);
const settle = () => h.settle();
const cardsSentTo = (aad: string) => h.cardsSentTo(aad);
const textOf = (card: unknown) => JSON.stringify(card);

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
});
afterAll(() => {
  nock.enableNetConnect();
});

beforeEach(async () => {
  h = await startHeardOverHttp({ people: [...PEOPLE, PAT], teams: TEAMS });
  heard = h.heard;
  baseUrl = h.baseUrl;
  sent = h.sent;
});

afterEach(async () => {
  await h.close();
});

describe('installing Heard', () => {
  it('remembers the personal chat, welcomes the worker and delivers what was already waiting', async () => {
    connector();
    const statementId = await postStatement('momo-early');
    await settle();
    expect(await heard.store.cards.listForStatement(statementId)).toMatchObject([{ personId: 'p_sam', state: 'not-delivered', reason: 'not-installed' }]);

    expect((await install('aad-sam')).status).toBe(200);
    await settle();
    expect(await heard.store.conversations.get('aad-sam')).toMatchObject({ installed: true, reference: { conversation: { id: 'a:aad-sam' } } });
    const cards = cardsSentTo('aad-sam');
    expect(textOf(cards[0].body)).toContain('Welcome to Heard');
    expect(textOf(cards[1].body)).toContain('C-1001');
    expect(await heard.store.statements.get(statementId)).toMatchObject({ status: 'delivered' });
  });

  it('welcomes once when Teams sends installationUpdate and conversationUpdate together', async () => {
    connector();
    const membersAdded = personal('aad-sam', { type: 'conversationUpdate', membersAdded: [{ id: '29:aad-sam' }, { id: '28:heard' }] });
    await Promise.all([install('aad-sam'), activity(membersAdded)]);
    expect(cardsSentTo('aad-sam').filter((s) => textOf(s.body).includes('Welcome to Heard'))).toHaveLength(1);
  });

  it('records an uninstall: the next statement is not delivered and the participation team is told', async () => {
    connector();
    await install('aad-sam');
    await install('aad-pat');
    await activity(personal('aad-sam', { type: 'installationUpdate', action: 'remove' }));
    expect(await heard.store.conversations.get('aad-sam')).toMatchObject({ installed: false });
    sent.length = 0;
    const statementId = await postStatement('momo-after-uninstall');
    await settle();
    expect(cardsSentTo('aad-sam')).toHaveLength(0);
    expect(await heard.store.cards.listForStatement(statementId)).toMatchObject([{ state: 'not-delivered', reason: 'not-installed' }]);
    const told = cardsSentTo('aad-pat');
    expect(told).toHaveLength(1);
    expect(textOf(told[0].body)).toMatch(/C-1001 · AB was not delivered[\s\S]*Sam Worker/);
    expect(await heard.store.statements.get(statementId)).toMatchObject({ status: 'assigned', assigneeIds: ['p_sam'] });
  });
});

describe('a statement arrives', () => {
  it('puts a card in the assignee’s personal chat with the running clock, and nothing the child wrote', async () => {
    connector();
    await install('aad-sam');
    sent.length = 0;
    await postStatement('momo-1');
    await settle();
    const [card] = cardsSentTo('aad-sam');
    const content = card.body.attachments![0].content;
    expect(card.body.attachments![0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(validateAdaptiveCard(content)).toEqual([]);
    // Sent 09:30 UTC Monday 23 Nov (GMT), assigned at once at 10:00: 7 working hours → 17:00 today.
    expect(textOf(content)).toContain('Open by 17:00 today');
    expect(textOf(content)).toContain('standard 2.1, 7 working hours');
    expect(textOf(content)).toMatch(/C-1001/);
    expect(textOf(content)).not.toMatch(/PDF-1\.4|council\.example/);
    expect(content.refresh).toMatchObject({ userIds: ['29:aad-sam'] });
  });

  it('a 403 from Teams marks it not delivered (forbidden) and stops trying that chat', async () => {
    connector((req) => (req.path.includes('a:aad-sam') && req.body.attachments?.length && !textOf(req.body).includes('Welcome') ? 403 : 200));
    await install('aad-sam');
    const statementId = await postStatement('momo-403');
    await settle();
    expect(await heard.store.cards.listForStatement(statementId)).toMatchObject([{ state: 'not-delivered', reason: 'forbidden' }]);
    expect(await heard.store.conversations.get('aad-sam')).toMatchObject({ installed: false });
  });

  it('a 429 with Retry-After is retried and the card still arrives', async () => {
    let refused = 0;
    nock(CONNECTOR)
      .post(/a(:|%3A)aad-sam\/activities$/)
      .reply(() => {
        refused++;
        return [429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': '1' }];
      });
    connector();
    await install('aad-sam');
    sent.length = 0;
    const statementId = await postStatement('momo-429');
    await settle();
    expect(refused).toBe(1);
    expect(cardsSentTo('aad-sam')).toHaveLength(1);
    expect(await heard.store.cards.listForStatement(statementId)).toMatchObject([{ state: 'delivered' }]);
  });
});

describe('acting on the card', () => {
  async function delivered() {
    connector();
    await install('aad-sam');
    const statementId = await postStatement(`momo-${++counter}`);
    await settle();
    sent.length = 0;
    return statementId;
  }

  it('Acknowledge: the clicker gets the updated card, the clock stops, the copy in Teams is updated in place, it is audited', async () => {
    const statementId = await delivered();
    h.clock.now += 30 * 60;
    const [card] = await heard.store.cards.listForStatement(statementId);
    const { status, json } = await execute('aad-sam', STATEMENT_VERBS.acknowledge, { statementId }, card.activityId!);
    expect(status).toBe(200);
    const reply = json as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(reply).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(validateAdaptiveCard(reply.value)).toEqual([]);
    expect(textOf(reply.value)).toContain('Acknowledged. Thank you.');
    expect(textOf(reply.value)).toContain('Opened 10:30 today');
    expect(textOf(reply.value)).not.toContain(STATEMENT_VERBS.acknowledge);
    await settle();
    // The pressed card shows the reply (with its notice): the change does not overwrite it.
    expect(sent.filter((s) => s.method === 'PUT')).toEqual([]);
    // Pressed on an older copy, the live card is updated in place.
    await execute('aad-sam', STATEMENT_VERBS.childTold, { statementId }, 'an-older-copy');
    await settle();
    const [delivery] = await heard.store.cards.listForStatement(statementId);
    const puts = sent.filter((s) => s.method === 'PUT');
    expect(puts.map((s) => s.path)).toEqual([`/v3/conversations/a:aad-sam/activities/${delivery.activityId}`]);
    expect(textOf(puts[0].body)).toContain('Child told');
    const opened = (await heard.store.obligations.listForStatement(statementId)).find((o) => o.standardId === 'momo.2.1');
    expect(opened).toMatchObject({ status: 'met', completedAt: MONDAY_10AM + 30 * 60 });
    const audit = await heard.store.audit.listForStatement(statementId);
    expect(audit.find((e) => e.action === 'statement-acknowledged')).toMatchObject({ actor: { kind: 'person', id: 'p_sam' }, channel: 'card' });
  });

  it('someone else pressing Acknowledge gets a polite refusal and nothing changes', async () => {
    const statementId = await delivered();
    const before = await heard.store.statements.get(statementId);
    const { json } = await execute('aad-ali', STATEMENT_VERBS.acknowledge, { statementId });
    expect(textOf(json)).toContain("This statement isn't assigned to you, so I haven't changed anything.");
    expect(await heard.store.statements.get(statementId)).toEqual(before);
    expect(sent.filter((s) => s.method === 'PUT')).toHaveLength(0);
  });

  it('someone outside the directory is told so', async () => {
    const statementId = await delivered();
    const { json } = await execute('aad-stranger', STATEMENT_VERBS.acknowledge, { statementId });
    expect(json).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(textOf(json)).toContain("can't find you in Heard's directory");
  });

  it('a double click and a stale card are harmless', async () => {
    const statementId = await delivered();
    await execute('aad-sam', STATEMENT_VERBS.acknowledge, { statementId });
    const again = await execute('aad-sam', STATEMENT_VERBS.acknowledge, { statementId });
    expect(textOf(again.json)).toContain('Already recorded: nothing changed.');
    const audit = await heard.store.audit.listForStatement(statementId);
    expect(audit.filter((e) => e.action === 'statement-acknowledged')).toHaveLength(1);

    // Handed back: the old card in Sam's chat is now stale.
    const handedBack = await execute('aad-sam', STATEMENT_VERBS.handBack, { statementId, handBackReason: 'duplicate' });
    expect(textOf(handedBack.json)).toContain('Handed back to the participation team');
    const stale = await execute('aad-sam', STATEMENT_VERBS.childTold, { statementId });
    expect(textOf(stale.json)).toContain("isn't assigned to you");
    expect(await heard.store.statements.get(statementId)).toMatchObject({ status: 'queued', assigneeIds: [] });
  });

  it('Saved to case record checks the inputs and keeps the reference; Child told and Download work', async () => {
    const statementId = await delivered();
    const bad = await execute('aad-sam', STATEMENT_VERBS.saved, { statementId, caseRecordSystem: 'Liquid Logic', caseRecordReference: '' });
    expect(textOf(bad.json)).toContain('Enter the record reference');
    const saved = await execute('aad-sam', STATEMENT_VERBS.saved, { statementId, caseRecordSystem: 'Liquid Logic', caseRecordReference: 'LL-42' });
    expect(textOf(saved.json)).toContain('Recorded as saved in Liquid Logic');
    expect(await heard.store.statements.get(statementId)).toMatchObject({ caseRecord: { system: 'Liquid Logic', reference: 'LL-42' } });
    const told = await execute('aad-sam', STATEMENT_VERBS.childTold, { statementId });
    expect(textOf(told.json)).toContain('Recorded that the child was told');

    const download = await execute('aad-sam', STATEMENT_VERBS.download, { statementId });
    const url = /https:\/\/heard\.council\.example(\/api\/statements\/[^"]+)/.exec(textOf(download.json))![1];
    const pdf = await fetch(`${baseUrl}${url.replace(/\\u0026/g, '&')}`);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).toString('latin1')).toMatch(/^%PDF-1\.4/);
  });

  it('the Action.Submit fallback (older clients) does the same and updates the pressed card', async () => {
    const statementId = await delivered();
    const [delivery] = await heard.store.cards.listForStatement(statementId);
    const { status } = await activity(
      personal('aad-sam', { type: 'message', replyToId: delivery.activityId, value: { verb: STATEMENT_VERBS.acknowledge, statementId } }),
    );
    expect(status).toBe(200);
    await settle();
    expect(await heard.store.statements.get(statementId)).toMatchObject({ status: 'acknowledged' });
    const updates = sent.filter((s) => s.method === 'PUT' && s.path.endsWith(`/activities/${delivery.activityId}`));
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(textOf(updates[0].body)).toContain('Acknowledged');
  });
});

describe('messages', () => {
  it('every copy of the card in the chat is updated, and a copy Sam deleted does not make Heard forget the chat', async () => {
    // A copy Sam deleted: Teams answers 404 for it.
    const deleted = new Set<string>();
    connector((req) => (req.method === 'PUT' && deleted.has(req.path.split('/').pop()!) ? 404 : 200));
    await install('aad-sam');
    const statementId = await postStatement(`momo-${++counter}`);
    await settle();
    const first = (await heard.store.cards.listForStatement(statementId))[0].activityId!;
    // "my statements" twice: two more copies of the card in the same chat.
    await activity(personal('aad-sam', { type: 'message', text: 'my statements' }));
    await activity(personal('aad-sam', { type: 'message', text: 'my statements' }));
    const [delivery] = await heard.store.cards.listForStatement(statementId);
    expect(delivery.earlierCopies).toHaveLength(2);
    expect(delivery.earlierCopies![0]).toBe(first);
    const [, second] = delivery.earlierCopies!;
    sent.length = 0;
    // Acknowledge pressed on the newest: it is answered in place, and the two older copies are updated to match.
    await execute('aad-sam', STATEMENT_VERBS.acknowledge, { statementId }, delivery.activityId!);
    await settle();
    const puts = sent.filter((s) => s.method === 'PUT');
    expect(puts.map((s) => s.path.split('/').pop()).sort()).toEqual([first, second].sort());
    for (const put of puts) expect(textOf(put.body)).not.toContain(STATEMENT_VERBS.acknowledge);
    // Sam deletes the first copy; Child told, pressed on the second, updates the others, and the 404 changes nothing else.
    deleted.add(first);
    sent.length = 0;
    await execute('aad-sam', STATEMENT_VERBS.childTold, { statementId }, second);
    await settle();
    expect(sent.filter((s) => s.method === 'PUT').map((s) => s.path.split('/').pop()).sort()).toEqual([first, delivery.activityId!].sort());
    expect(await heard.store.conversations.get('aad-sam')).toMatchObject({ installed: true });
    // The next statement still reaches Sam's chat.
    sent.length = 0;
    await postStatement(`momo-${++counter}`);
    await settle();
    expect(cardsSentTo('aad-sam')).toHaveLength(1);
  });

  it('"my statements" sends a fresh card per open statement; anything else gets a helpful reply', async () => {
    connector();
    await install('aad-sam');
    await postStatement('momo-a');
    await postStatement('momo-b');
    await settle();
    sent.length = 0;
    await activity(personal('aad-sam', { type: 'message', text: 'my statements' }));
    expect(cardsSentTo('aad-sam').map((s) => textOf(s.body).includes('open statements'))).toEqual([true, false, false]);
    sent.length = 0;
    await activity(personal('aad-sam', { type: 'message', text: 'what is the meaning of this' }));
    expect(textOf(cardsSentTo('aad-sam')[0].body)).toContain("Sorry, I didn't understand that");
  });
});

describe('with an app id configured (a deployment)', () => {
  it('refuses an activity without a Bot Framework token and changes nothing', async () => {
    const secured = await createHeard(
      {
        port: 0,
        host: '127.0.0.1',
        auth: { appId: '22222222-2222-4222-8222-222222222222', appPassword: 'fictional-secret', tenantId: TENANT },
        intakeSecret: INTAKE_SECRET,
        downloadSecret: DOWNLOAD_SECRET,
        publicUrl: 'https://heard.council.example',
        store: { kind: 'embedded', file: h.file },
        maxPdfBytes: undefined,
        scheduler: { enabled: false, instanceId: 'test' },
      },
      { store: heard.store, now: () => h.clock.now, log: (event, fields) => h.logs.push({ event, fields }) },
    );
    await new Promise<void>((resolve) => secured.server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(secured.server.address() as AddressInfo).port}/api/messages`;
      const res = await fetch(url, { method: 'POST', body: JSON.stringify(personal('aad-sam', { type: 'message', text: 'help' })), headers: { 'Content-Type': 'application/json' } });
      expect(res.status).toBe(401);
      expect(await heard.store.conversations.get('aad-sam')).toBeNull();
    } finally {
      await new Promise<void>((resolve) => secured.server.close(() => resolve()));
    }
  });
});

describe('nudges and escalations reach Teams through the throttled sender', () => {
  const cardText = (aad: string) => cardsSentTo(aad).map((s) => textOf(s.body));

  it("reminds Sam at 13:30, asks Priya the next morning with an escalation card she can act on", async () => {
    connector();
    await install('aad-sam');
    await install('aad-priya');
    const statementId = await postStatement('momo-nudged');
    await settle();
    sent.length = 0;

    h.clock.now = Date.parse('2026-11-23T13:30:00Z') / 1000;
    await heard.scheduler.sweep();
    const reminders = cardsSentTo('aad-sam');
    expect(reminders.length).toBeGreaterThan(0);
    expect(textOf(reminders[0].body)).toContain('Half the time allowed has gone');
    for (const r of reminders) expect(validateAdaptiveCard(r.body.attachments?.[0].content ?? {})).toEqual([]);

    sent.length = 0;
    h.clock.now = Date.parse('2026-11-24T09:00:00Z') / 1000;
    await heard.scheduler.sweep();
    const escalation = cardsSentTo('aad-priya').find((s) => textOf(s.body).includes('Reassign to me'));
    expect(escalation).toBeDefined();
    expect(validateAdaptiveCard(escalation?.body.attachments?.[0].content ?? {})).toEqual([]);
    expect(cardText('aad-priya').join('')).toContain('C-1001');

    const obligationId = (await heard.store.obligations.listForStatement(statementId)).find((o) => o.standardId === 'momo.2.1')?.id;
    const press = await execute('aad-priya', 'escalation.take', { statementId, obligationId, variant: 'manager' }, 'msg-9');
    expect(press.status).toBe(200);
    await settle();
    expect(await heard.store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_priya'] });
  });

  it('a 403 for a nudge is recorded as undelivered and the participation team is told once', async () => {
    connector((req) => (req.path.includes('a:aad-sam') && textOf(req.body).includes('time allowed') ? 403 : 200));
    await install('aad-sam');
    await install('aad-pat');
    await postStatement('momo-refused');
    await settle();
    sent.length = 0;
    h.clock.now = Date.parse('2026-11-23T13:30:00Z') / 1000;
    await heard.scheduler.sweep();
    const told = cardText('aad-pat').filter((t) => t.includes('Sam Worker'));
    expect(told).toHaveLength(1);
    expect(await heard.store.conversations.get('aad-sam')).toMatchObject({ installed: false });
  });
});

describe('who may see a statement, whatever re-renders its card (Universal Actions refresh and every refusal)', () => {
  /** Everything a card could tell about Sam's statement: reference, initials, type, people, clocks, standards. */
  const STATEMENT_DETAILS = ['C-1001', 'AB', 'My World', 'Sam Worker', 'Priya Manager', 'Open by', 'overdue', 'standard 2.1', 'momo', 'Delivered', 'Assigned', '09:30'];

  async function deliveredToSam(): Promise<string> {
    connector();
    await install('aad-sam');
    const statementId = await postStatement(`momo-private-${++counter}`);
    await settle();
    sent.length = 0;
    return statementId;
  }

  /** Everything the store holds about the statement, to prove a refusal changed nothing. */
  async function snapshot(statementId: string) {
    return {
      statement: await heard.store.statements.get(statementId),
      obligations: await heard.store.obligations.listForStatement(statementId),
      audit: await heard.store.audit.listForStatement(statementId),
      cards: await heard.store.cards.listForStatement(statementId),
    };
  }

  function expectNothingAbout(json: unknown): void {
    const reply = json as { statusCode: number; type: string; value: unknown };
    expect(reply).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(validateAdaptiveCard(reply.value as object)).toEqual([]);
    const text = textOf(reply.value);
    expect(text).toContain('You can’t see this statement');
    for (const detail of STATEMENT_DETAILS) expect(text).not.toContain(detail);
    // Not even the id comes back: nothing on the card can be pressed to ask again.
    expect(text).not.toContain('statementId');
  }

  it('a colleague in the same team, a stranger and an activity with no Teams identity each get "you can’t see it" on refresh, and nothing changes', async () => {
    const statementId = await deliveredToSam();
    const before = await snapshot(statementId);
    const refresh = (from: Record<string, unknown>) =>
      activity(
        personal('aad-ali', {
          type: 'invoke',
          name: 'adaptiveCard/action',
          from,
          value: { action: { type: 'Action.Execute', verb: STATEMENT_VERBS.refresh, data: { verb: STATEMENT_VERBS.refresh, statementId } }, trigger: 'automatic' },
        }),
      );

    for (const from of [
      { id: '29:aad-ali', aadObjectId: 'aad-ali', name: 'Fictional' },
      { id: '29:aad-stranger', aadObjectId: 'aad-stranger', name: 'Fictional' },
      { id: '29:no-identity', name: 'Fictional' },
    ]) {
      const { status, json } = await refresh(from);
      expect(status).toBe(200);
      expectNothingAbout(json);
    }
    await settle();
    expect(await snapshot(statementId)).toEqual(before);
    expect(sent.filter((s) => s.method === 'PUT')).toEqual([]);
  });

  it('a colleague pressing any of the card’s buttons is refused without being shown the statement, and nothing changes', async () => {
    const statementId = await deliveredToSam();
    const before = await snapshot(statementId);
    const presses: [string, Record<string, unknown>][] = [
      [STATEMENT_VERBS.acknowledge, {}],
      [STATEMENT_VERBS.download, {}],
      [STATEMENT_VERBS.childTold, {}],
      [STATEMENT_VERBS.saved, { caseRecordSystem: 'Liquid Logic', caseRecordReference: 'LL-1' }],
      [STATEMENT_VERBS.saved, { caseRecordSystem: 'Not a system', caseRecordReference: '' }],
      [STATEMENT_VERBS.handBack, { handBackReason: 'not-my-case' }],
      [STATEMENT_VERBS.handBack, {}],
    ];
    for (const [verb, inputs] of presses) {
      const { json } = await execute('aad-ali', verb, { statementId, ...inputs });
      expectNothingAbout(json);
    }
    await settle();
    expect(await snapshot(statementId)).toEqual(before);
    expect(sent.filter((s) => s.method === 'PUT')).toEqual([]);
  });

  it('the people who may see it still do: Sam, who holds it, and Priya, who manages Sam', async () => {
    const statementId = await deliveredToSam();
    for (const aad of ['aad-sam', 'aad-priya']) {
      const { json } = await execute(aad, STATEMENT_VERBS.refresh, { statementId });
      const text = textOf((json as { value: unknown }).value);
      expect(text).toContain('C-1001');
      expect(text).toContain('Sam Worker');
      expect(text).not.toContain('You can’t see this statement');
    }
  });
});

describe('the participation team in Teams (issue 17)', () => {
  const search = (aad: string, queryText: string) =>
    activity(personal(aad, { type: 'invoke', name: 'application/search', value: { queryText, queryOptions: { skip: 0, top: 15 }, dataset: 'heard.people' } }));

  it('answers the people picker’s type-ahead with everyone who may take a statement, from the Teams identity of whoever types', async () => {
    const { status, json } = await search('aad-pat', 'ha');
    expect(status).toBe(200);
    expect(json).toEqual({ type: 'application/vnd.microsoft.search.searchResponse', value: { results: [{ title: 'Hana Head · head of service', value: 'p_hana' }] } });
    // A worker may give statements to nobody; someone outside the directory is told nothing.
    expect((await search('aad-sam', '')).json).toEqual({ type: 'application/vnd.microsoft.search.searchResponse', value: { results: [] } });
    expect((await search('aad-stranger', 'ha')).json).toEqual({ type: 'application/vnd.microsoft.search.searchResponse', value: { results: [] } });
  });

  it('a notice to a team: preview, Send, each member’s chat, "I\'ve read this", and the delivery report updated in place', async () => {
    connector();
    for (const aad of ['aad-pat', 'aad-sam', 'aad-ali', 'aad-priya']) await install(aad);
    await settle();
    sent.length = 0;
    const typed = await activity(personal('aad-pat', { type: 'message', text: 'send a notice to the North CiC team: Office closed on Friday. Work from home.' }));
    expect(typed.status).toBe(200);
    const preview = cardsSentTo('aad-pat').pop();
    expect(textOf(preview?.body)).toContain('Send “Office closed on Friday.” to 3 people?');
    const confirm = JSON.parse(textOf(preview?.body), (_k, v) => v) as unknown;
    let flowId = '';
    JSON.stringify(confirm, (_k, v) => {
      if (v && typeof v === 'object' && v.verb === 'flow.confirm' && typeof v.flowId === 'string') flowId = v.flowId;
      return v;
    });
    const { json } = await execute('aad-pat', 'flow.confirm', { flowId, choice: 'send' });
    expect(textOf((json as { value: unknown }).value)).toContain('is going to the North CiC team: 3 people.');
    await settle();
    await heard.broadcasts.run();
    await settle();
    for (const aad of ['aad-sam', 'aad-ali', 'aad-priya']) {
      const notices = cardsSentTo(aad).filter((s) => textOf(s.body).includes("I've read this"));
      expect(notices).toHaveLength(1);
      expect(validateAdaptiveCard(notices[0].body.attachments![0].content)).toEqual([]);
    }
    const [broadcast] = await heard.store.broadcasts.listRecent({});
    const read = await execute('aad-sam', 'broadcast.read', { broadcastId: broadcast.id }, 'notice-1');
    expect(textOf((read.json as { value: unknown }).value)).toContain('You read this at');
    await settle();
    // The report card: sent once to Pat, then replaced in place as sends complete and Sam reads it.
    const reports = sent.filter((s) => s.path.startsWith('/v3/conversations/a:aad-pat/') && textOf(s.body).includes('Delivery report'));
    expect(reports.filter((s) => s.method === 'POST' && !s.path.match(/activities\/[^/]+$/))).toHaveLength(1);
    const latest = textOf(reports[reports.length - 1].body);
    expect(latest).toContain('{"title":"Read","value":"1 of 3"}');
    expect(await heard.store.broadcasts.get(broadcast.id)).toMatchObject({ state: 'done', report: { aadObjectId: 'aad-pat' } });
  });
});
