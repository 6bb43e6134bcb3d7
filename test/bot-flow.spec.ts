import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { DOWNLOAD_SECRET, MONDAY_10AM, PEOPLE, TEAMS, removeTempDir, standardsAndCalendar, tempDatabaseFile } from './test-council.fixture';
import { createBotApplication, turnHandler } from '../bot/heard-server';
import type { ProactiveSender, SendOutcome } from '../bot/proactive-sender';
import { StatementCards } from '../bot/statement-cards';
import { Conversation } from '../dialogs/conversation';
import { Understander } from '../dialogs/understand';
import { Worklists } from '../domain/worklists';
import { STATEMENT_VERBS } from '../cards/statement-card-model';
import { validateAdaptiveCard } from './validate-card';
import type { Store } from '../domain/ports/store.port';
import { CaseWorkService } from '../domain/case-work-service';
import { StatementService } from '../domain/statement-service';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * Conversations with the bot through botbuilder's TestAdapter: the real teams-ai
 * application, routes, domain and embedded store; proactive sends go to a recording
 * sender. (test/bot-http.spec.ts drives the same bot over HTTP.)
 */
const TENANT = '11111111-1111-4111-8111-111111111111';

class RecordingSender implements ProactiveSender {
  sent: { aadObjectId: string; activity: Partial<Activity> }[] = [];
  async send(aadObjectId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    this.sent.push({ aadObjectId, activity });
    return { ok: true, activityId: `sent-${this.sent.length}` };
  }
  async update(aadObjectId: string, activityId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    this.sent.push({ aadObjectId, activity: { ...activity, id: activityId } });
    return { ok: true, activityId };
  }
}

let file: string;
let store: Store;
let service: StatementService;
let sender: RecordingSender;
let clock: number;
let logs: string[];
let understander: Understander;

beforeAll(async () => {
  understander = await Understander.create(standardsAndCalendar().calendar);
});

function adapter(tenantId: string | null = null) {
  const { standards, calendar } = standardsAndCalendar();
  const now = () => clock;
  const log = (event: string) => logs.push(event);
  const cards = new StatementCards({ store, service, sender, standards, calendar, now, downloadSecret: DOWNLOAD_SECRET, publicUrl: 'https://heard.council.example', log });
  service.subscribe((change) => void cards.onChange(change));
  const caseWork = new CaseWorkService({ store, standards, packs: new Set(['momo']), calendar, now });
  const conversation = new Conversation({ store, service, caseWork, worklists: new Worklists({ store, standards, now }), understander, standards, calendar, now });
  const app = createBotApplication({ appId: '', store, service, cards, conversation, now, log });
  const test = new TestAdapter(turnHandler(app, tenantId, log));
  test.conversation.channelId = 'msteams';
  test.conversation.conversation = { id: 'a:sam', conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' };
  test.conversation.user = { id: '29:sam', aadObjectId: 'aad-sam', name: 'Fictional' };
  test.conversation.bot = { id: '28:heard', name: 'Heard' };
  return test;
}

const cardText = (activity: Partial<Activity>) => JSON.stringify(activity.attachments?.[0]?.content ?? activity.text);

beforeEach(async () => {
  file = tempDatabaseFile();
  store = await openSqliteStore(file);
  await store.directory.upsert(PEOPLE, TEAMS);
  clock = MONDAY_10AM;
  logs = [];
  sender = new RecordingSender();
  const { standards, calendar } = standardsAndCalendar();
  service = new StatementService({ store, standards, packs: new Set(['momo']), calendar, now: () => clock });
});

afterEach(async () => {
  await store.close();
  removeTempDir(file);
});

async function assignedToSam(): Promise<string> {
  const { statementId } = await service.receive(
    {
      externalId: `momo-${Math.random()}`,
      sentAt: clock,
      child: { reference: 'C-2002', initials: 'CD' },
      type: 'my-world',
      intendedRecipient: { kind: 'person', email: 'sam@council.example' },
      flags: { complaint: false, safetyLink: false, unidentified: false },
      pdf: Buffer.from('%PDF-1.4 fictional'),
    },
    'api',
  );
  return statementId;
}

describe('talking to Heard', () => {
  it('"help" explains what Heard does and lists the commands', async () => {
    await store.conversations.save({ aadObjectId: 'aad-sam', reference: {}, installed: true, updatedAt: clock });
    await adapter()
      .send('help')
      .assertReply((a) => {
        expect(cardText(a)).toContain('What Heard does');
        expect(cardText(a)).toContain('my statements');
        expect(validateAdaptiveCard(a.attachments![0].content)).toEqual([]);
      })
      .startTest();
  });

  it('the first message remembers the chat and welcomes; anything unknown gets a helpful reply, never silence', async () => {
    await adapter()
      .send('qwertyuiop zxcv')
      .assertReply((a) => expect(cardText(a)).toContain('Welcome to Heard'))
      .assertReply((a) => expect(cardText(a)).toContain("Sorry, I didn't understand that"))
      .startTest();
    expect(await store.conversations.get('aad-sam')).toMatchObject({ installed: true, reference: { user: { id: '29:sam' } } });
  });

  it('"my statements" with nothing open says so', async () => {
    await store.conversations.save({ aadObjectId: 'aad-sam', reference: {}, installed: true, updatedAt: clock });
    await adapter()
      .send('My statements')
      .assertReply((a) => expect(cardText(a)).toContain('You have no open statements'))
      .startTest();
  });

  it('the Action.Submit fallback acknowledges for the person pressing it, from their Teams identity only', async () => {
    await store.conversations.save({ aadObjectId: 'aad-sam', reference: {}, installed: true, updatedAt: clock });
    const statementId = await assignedToSam();
    const submit = (from: Partial<Activity['from']>) =>
      ({ type: ActivityTypes.Message, from, value: { verb: STATEMENT_VERBS.acknowledge, statementId, personId: 'p_sam' } }) as Partial<Activity>;
    // Ali's card data names Sam: the identity on the activity decides, and Ali is refused.
    await adapter()
      .send(submit({ id: '29:ali', aadObjectId: 'aad-ali', name: 'Fictional' }))
      .assertReply((a) => expect(cardText(a)).toContain('Welcome to Heard'))
      .assertReply((a) => expect(cardText(a)).toContain("isn't assigned to you"))
      .startTest();
    expect(await store.statements.get(statementId)).toMatchObject({ status: 'assigned' });
    await adapter()
      .send(submit({ id: '29:sam', aadObjectId: 'aad-sam', name: 'Fictional' }))
      .assertReply((a) => expect(cardText(a)).toContain('Acknowledged. Thank you.'))
      .startTest();
    expect(await store.statements.get(statementId)).toMatchObject({ status: 'acknowledged' });
  });
});

describe('one tenant only', () => {
  it('ignores messages and refuses card actions from another tenant when a tenant is configured', async () => {
    const other = { conversation: { id: 'a:x', conversationType: 'personal', tenantId: '99999999-9999-4999-8999-999999999999', isGroup: false, name: '' } };
    const statementId = await assignedToSam();
    const test = adapter(TENANT);
    await test.send({ type: ActivityTypes.Message, text: 'help', ...other } as Partial<Activity>).startTest();
    expect(test.activeQueue).toHaveLength(0);
    const invoke = {
      type: ActivityTypes.Invoke,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: STATEMENT_VERBS.acknowledge, data: { verb: STATEMENT_VERBS.acknowledge, statementId } } },
      ...other,
    } as Partial<Activity>;
    await test
      .send(invoke)
      .assertReply((a) => expect(a).toMatchObject({ type: 'invokeResponse', value: { status: 403 } }))
      .startTest();
    expect(await store.statements.get(statementId)).toMatchObject({ status: 'assigned' });
    expect(logs.filter((e) => e === 'activity-refused')).toHaveLength(2);
    // The configured tenant is served.
    await adapter(TENANT)
      .send('help')
      .assertReply((a) => expect(cardText(a)).toContain('Welcome to Heard'))
      .assertReply((a) => expect(cardText(a)).toContain('What Heard does'))
      .startTest();
  });
});

describe('in a team channel', () => {
  it('keeps statements private: "my statements" points to the personal chat, and help offers only what works there', async () => {
    const test = adapter();
    test.conversation.conversation = { id: '19:channel@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true, name: '' };
    await assignedToSam();
    await test
      .send('my statements')
      .assertReply((a) => {
        expect(a.text).toContain('only show them in our personal chat');
        expect(JSON.stringify(a)).not.toContain('C-2002');
      })
      .send('help')
      .assertReply((a) => {
        expect(cardText(a)).toContain('What Heard does');
        expect(cardText(a)).not.toContain('my statements');
        expect(cardText(a)).toContain('personal chat');
      })
      .startTest();
  });
});
