import nock from 'nock';
import { ADMIN_INPUTS, ADMIN_VERBS } from '../cards/admin-card-model';
import { ConfigurationService } from '../domain/configuration-service';
import { loadOrganisation } from '../domain/organisation';
import type { Person } from '../domain/person';
import { compileCalendar, dueInstant } from '../standards';
import { actionsOf, displayedStrings, type Json } from './card-json';
import { startHeardOverHttp, type HeardOverHttp } from './heard-over-http';
import { PEOPLE, TEAMS } from './test-council.fixture';
import { validateAdaptiveCard } from './validate-card';

/**
 * The admin card through the real bot stack, as Teams sees it: "settings" typed by an
 * administrator (Hana, head of service, with the admin role), a closure day previewed —
 * the dry run — then confirmed, once however often it is pressed; and everyone else —
 * a worker, someone outside the directory — told politely, and nothing about the
 * settings, whatever they press.
 */
const people: Person[] = PEOPLE.map((p) => (p.id === 'p_hana' ? { ...p, roles: [...p.roles, 'admin'] } : p));

let h: HeardOverHttp;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
});
afterAll(() => nock.enableNetConnect());

beforeEach(async () => {
  h = await startHeardOverHttp({ people, teams: TEAMS });
  h.connector();
});
afterEach(() => h.close());

/** The card an invoke answered with (the pressed card replaced). */
function cardOf(json: unknown): Json {
  const reply = json as { statusCode: number; type: string; value: Json };
  expect(reply).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  expect(validateAdaptiveCard(reply.value)).toEqual([]);
  return reply.value;
}

/** What an invoke answered with in words, when it answered with a message. */
function messageOf(json: unknown): string {
  const reply = json as { statusCode: number; type: string; value: string };
  expect(reply).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  return reply.value;
}

/** Everything the store holds about the configuration: every setting and its audit trail. */
async function configuration(): Promise<unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of ['calendar', 'packs', 'standards', 'nudge-policy', 'mind-of-my-own', 'retention']) settings[key] = await h.store.settings.get(key);
  return { settings, audit: await h.store.audit.listConfiguration() };
}

const snowDay = { kind: 'closure', [ADMIN_INPUTS.closureDate]: '2026-11-24', [ADMIN_INPUTS.closureName]: 'Snow day' };

describe('an administrator in Teams', () => {
  it('types "settings" and gets the configuration with the forms for the common changes', async () => {
    await h.install('aad-hana');
    h.sent.length = 0;
    await h.activity(h.personal('aad-hana', { type: 'message', text: 'Settings' }));
    const [message] = h.cardsSentTo('aad-hana');
    const card = message.body.attachments![0].content;
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(displayedStrings(card)).toEqual(expect.arrayContaining(['Heard settings', 'Mon–Fri 09:00–17:00', 'England and Wales', 'Cora Complaints']));
    expect((card.actions as Json[]).map((a) => a.title)).toEqual(['Add a closure day', 'Add a one-off holiday', 'Change reminders']);
  });

  it('previews a closure day — what moves, nothing changed — then confirms it: the deadlines move as the engine says, audited as her, once', async () => {
    const statementId = await h.postStatement('momo-admin-1', { sentAt: '2026-11-23T09:30:00Z' });
    await h.settle();
    const before = await h.store.obligations.listForStatement(statementId);
    const untouched = await configuration();

    const preview = cardOf((await h.execute('aad-hana', ADMIN_VERBS.preview, snowDay)).json);
    // What the same dry run says through the domain, as heard config --dry-run would.
    const config = new ConfigurationService({ store: h.store, now: () => h.clock.now });
    const org = await loadOrganisation(h.store.settings);
    const proposed = await config.propose({ calendar: { ...org.settings.calendar, closures: [{ date: '2026-11-24', name: 'Snow day' }] } });
    if (!proposed.ok) throw new Error('refused');
    const dryRun = await config.preview(proposed.proposal);
    // Sent Mon 23 Nov 09:30: momo 2.2's two working days ended on Wed 25 Nov; with Tuesday closed, Thu 26 Nov. Nothing else moves.
    expect(dryRun).toMatchObject({ moved: 1, becomeOverdue: 0, stopBeingOverdue: 0 });
    expect(displayedStrings(preview)).toContain('Add a closure day: Tue 24 Nov 2026, Snow day?');
    expect(displayedStrings(preview)).toContain('1 open deadline moves; 0 become overdue, 0 stop being overdue.');
    expect(displayedStrings(preview)).toContain('• C-1001 · momo.2.2 · 17:00 Wed 25 Nov → 17:00 Thu 26 Nov');
    expect(displayedStrings(preview).filter((s) => s.startsWith('• C-1001 · momo.'))).toHaveLength(dryRun.moves.length);
    expect(await configuration()).toEqual(untouched);

    const confirm = actionsOf(preview).find((a) => a.verb === ADMIN_VERBS.confirm)!;
    const done = cardOf((await h.execute('aad-hana', ADMIN_VERBS.confirm, confirm.data as Record<string, unknown>)).json);
    expect(displayedStrings(done)).toContain('Done: Add a closure day: Tue 24 Nov 2026, Snow day. 1 open deadline moved; 0 became overdue, 0 stopped being overdue.');
    expect(displayedStrings(done)).toContain('Tue 24 Nov 2026, Snow day');

    // Each open deadline is the engine's on the new calendar, from its trigger.
    const calendar = compileCalendar({ closures: [{ date: '2026-11-24', name: 'Snow day' }] }, { from: 2024, to: 2030 });
    const standards = new Map((await loadOrganisation(h.store.settings)).standards.map((s) => [s.id, s]));
    for (const o of await h.store.obligations.listForStatement(statementId)) {
      const was = before.find((b) => b.id === o.id)!;
      expect(o.due).toBe(was.status === 'open' ? dueInstant(standards.get(o.standardId)!, o.triggeredAt, calendar) : was.due);
    }
    const changes = (await h.store.audit.listConfiguration({ setting: 'calendar' })).filter((e) => e.action === 'configuration-changed');
    expect(changes).toEqual([expect.objectContaining({ actor: { kind: 'person', id: 'p_hana' }, channel: 'card', at: h.clock.now })]);

    // Pressed again (a double click, a stale card): nothing more happens.
    const again = cardOf((await h.execute('aad-hana', ADMIN_VERBS.confirm, confirm.data as Record<string, unknown>)).json);
    expect(displayedStrings(again)).toContain('Already done: Add a closure day: Tue 24 Nov 2026, Snow day.');
    expect((await h.store.audit.listConfiguration({ setting: 'calendar' })).filter((e) => e.action === 'configuration-changed')).toHaveLength(1);
  });

  it('changes the reminder points after a preview, and is shown the preview again when the settings moved on since', async () => {
    const preview = cardOf((await h.execute('aad-hana', ADMIN_VERBS.preview, { kind: 'reminders', [ADMIN_INPUTS.reminders]: '25, 90', [ADMIN_INPUTS.atDue]: 'true' })).json);
    expect(displayedStrings(preview)).toContain('Remind at 25% and 90% of the allowed working time, and when due?');
    const confirm = actionsOf(preview).find((a) => a.verb === ADMIN_VERBS.confirm)!;

    // Meanwhile someone adds a one-off holiday from the command line… the reminder change was worked out from the old settings.
    const config = new ConfigurationService({ store: h.store, now: () => h.clock.now });
    const org = await loadOrganisation(h.store.settings);
    const other = await config.propose({ calendar: { ...org.settings.calendar, extraHolidays: [{ date: '2027-06-07', name: 'Royal occasion' }] } });
    if (!other.ok) throw new Error('refused');
    await config.apply(other.proposal, { kind: 'system', id: 'cli:ops' }, 'cli');

    const shownAgain = cardOf((await h.execute('aad-hana', ADMIN_VERBS.confirm, confirm.data as Record<string, unknown>)).json);
    expect(displayedStrings(shownAgain)).toContain('The settings have changed since that preview. This is what the change would do now: confirm again if it is still right.');
    const confirmAgain = actionsOf(shownAgain).find((a) => a.verb === ADMIN_VERBS.confirm)!;
    cardOf((await h.execute('aad-hana', ADMIN_VERBS.confirm, confirmAgain.data as Record<string, unknown>)).json);
    expect(await h.store.settings.get('nudge-policy')).toMatchObject({ reminders: [0.25, 0.9], remindAtDue: true });
  });

  it('is told what to put right when a form is wrong, and nothing changes', async () => {
    const untouched = await configuration();
    const card = cardOf((await h.execute('aad-hana', ADMIN_VERBS.preview, { kind: 'holiday', [ADMIN_INPUTS.holidayDate]: '2027-06-07' })).json);
    expect(displayedStrings(card)).toContain('Give the holiday its name, e.g. Coronation bank holiday. Nothing changed.');
    const bad = cardOf((await h.execute('aad-hana', ADMIN_VERBS.preview, { kind: 'reminders', [ADMIN_INPUTS.reminders]: '50, 150' })).json);
    expect(displayedStrings(bad)).toContain('Give up to five reminder points as whole percentages between 1 and 99, e.g. 50, 75. Nothing changed.');
    expect(await configuration()).toEqual(untouched);
  });
});

describe('anyone else', () => {
  const refusal = "Heard's settings are for its administrators. If something needs changing, ask your Heard administrator.";

  it('a worker typing "settings" is told politely, with nothing about the settings', async () => {
    await h.install('aad-sam');
    h.sent.length = 0;
    await h.activity(h.personal('aad-sam', { type: 'message', text: 'settings' }));
    const replies = h.sent.filter((s) => s.path.startsWith('/v3/conversations/a:aad-sam/'));
    expect(replies.map((s) => s.body.text)).toEqual([refusal]);
    expect(replies.every((s) => (s.body.attachments ?? []).length === 0)).toBe(true);
  });

  it('a worker, a manager, the complaints officer and someone outside the directory pressing the buttons change nothing and learn nothing', async () => {
    const statementId = await h.postStatement('momo-admin-2');
    await h.settle();
    const preview = cardOf((await h.execute('aad-hana', ADMIN_VERBS.preview, snowDay)).json);
    const confirm = actionsOf(preview).find((a) => a.verb === ADMIN_VERBS.confirm)!;
    const untouched = await configuration();
    const clocks = await h.store.obligations.listForStatement(statementId);
    for (const aad of ['aad-sam', 'aad-priya', 'aad-cora', 'aad-stranger']) {
      for (const [verb, data] of [
        [ADMIN_VERBS.show, {}],
        [ADMIN_VERBS.preview, snowDay],
        [ADMIN_VERBS.confirm, confirm.data],
      ] as const) {
        const { status, json } = await h.execute(aad, verb, data as Record<string, unknown>);
        expect(status).toBe(200);
        expect(messageOf(json)).toBe(refusal);
      }
    }
    // Someone with no Teams identity at all.
    const anonymous = await h.activity({ ...h.personal('aad-sam', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: ADMIN_VERBS.confirm, data: confirm.data } } }), from: { id: '29:nobody' } });
    expect(messageOf(anonymous.json)).toBe(refusal);
    expect(await configuration()).toEqual(untouched);
    expect(await h.store.obligations.listForStatement(statementId)).toEqual(clocks);
  });
});
