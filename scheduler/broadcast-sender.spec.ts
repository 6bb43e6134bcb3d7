import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { Broadcasts } from '../domain/broadcasts';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { MONDAY_10AM, removeTempDir, standardsAndCalendar, tempDatabaseFile } from '../test/test-council.fixture';
import { validateAdaptiveCard } from '../test/validate-card';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { BroadcastSender } from './broadcast-sender';
import type { CardUpdater, OnceSender, SendOutcome } from './outbound.port';

/**
 * The broadcast sender on the real embedded store, with a stand-in for the Teams edge
 * that records what it is asked to send and answers from a script: each person once,
 * the unreachable recorded with why, failures tried again then given up, a cancel that
 * stops what has not gone, a send cut short by a crash never repeated, and the officer's
 * delivery report sent once and then updated in place.
 */
const JO: Person = { id: 'p_jo', aadObjectId: 'aad-jo', name: 'Jo Participation', email: 'jo@council.example', roles: ['participation'], teamId: null, lineManagerId: null };
const person = (i: number, aad = true): Person => ({
  id: `p_${i}`,
  aadObjectId: aad ? `aad-${i}` : null,
  name: `Person ${i}`,
  email: `person${i}@council.example`,
  roles: ['worker'],
  teamId: 't_1',
  lineManagerId: null,
});

class ScriptedTeams implements OnceSender, CardUpdater {
  readonly sent: { to: string; card: AdaptiveCardJson }[] = [];
  readonly updated: { to: string; activityId: string; card: AdaptiveCardJson }[] = [];
  constructor(private readonly answer: (to: string) => SendOutcome | Error = () => ({ ok: true, activityId: 'x' })) {}

  async sendOnce(to: string, card: AdaptiveCardJson, dispatch: () => Promise<boolean>): Promise<SendOutcome | 'not-dispatched'> {
    const reply = this.answer(to);
    if (reply instanceof Error) throw reply;
    if (!(await dispatch())) return 'not-dispatched';
    if (!reply.ok) return reply;
    this.sent.push({ to, card });
    return { ok: true, activityId: `act-${to}-${this.sent.length}` };
  }

  async update(to: string, activityId: string, card: AdaptiveCardJson): Promise<SendOutcome> {
    this.updated.push({ to, activityId, card });
    return { ok: true, activityId };
  }
}

let file: string;
let store: Store;
let clock: number;

beforeEach(async () => {
  file = tempDatabaseFile();
  store = await openSqliteStore(file);
  clock = MONDAY_10AM;
  await store.directory.upsert([JO, ...Array.from({ length: 10 }, (_, i) => person(i, i !== 3))], [{ id: 't_1', name: 'North CiC team', managerId: null }]);
});

afterEach(async () => {
  await store.close();
  removeTempDir(file);
});

function sender(teams: ScriptedTeams, holder = 'web-1', options: { maxAttempts?: number; retrySeconds?: number; concurrency?: number } = {}): BroadcastSender {
  return new BroadcastSender({ store, broadcasts: new Broadcasts({ store, now: () => clock }), sender: teams, calendar: standardsAndCalendar().calendar, now: () => clock, holder, log: () => undefined, reportEverySeconds: 0, ...options });
}

async function notice(): Promise<string> {
  const created = await new Broadcasts({ store, now: () => clock }).createNotice(JO, 'bc_1', { kind: 'team', teamId: 't_1' }, 'Office closed on Friday', 'Work from home.');
  if (!created.ok) throw new Error(created.code);
  return created.broadcast.id;
}

const statesOf = async (id: string) => Object.fromEntries((await store.broadcasts.listRecipients(id)).map((r) => [r.personId, r.state]));

it('sends each person the notice once, records who could not be reached and why, and the report once, then in place', async () => {
  const id = await notice();
  const teams = new ScriptedTeams((to) => (to === 'aad-7' ? { ok: false, reason: 'forbidden' } : { ok: true, activityId: 'x' }));
  const run = await sender(teams).run();
  expect(run).toMatchObject({ claimed: 10, delivered: 8, notReached: 2, finished: 1 });
  const notices = teams.sent.filter((s) => JSON.stringify(s.card).includes('I\'ve read this'));
  expect(notices.map((s) => s.to).sort()).toEqual(['aad-0', 'aad-1', 'aad-2', 'aad-4', 'aad-5', 'aad-6', 'aad-8', 'aad-9']);
  for (const { card } of teams.sent) expect(validateAdaptiveCard(card)).toEqual([]);
  const recipients = await store.broadcasts.listRecipients(id);
  expect(recipients.find((r) => r.personId === 'p_3')).toMatchObject({ state: 'not-installed', reason: 'not-installed' });
  expect(recipients.find((r) => r.personId === 'p_7')).toMatchObject({ state: 'not-installed', reason: 'forbidden' });
  expect(recipients.find((r) => r.personId === 'p_0')).toMatchObject({ state: 'delivered', activityId: expect.stringMatching(/^act-aad-0/), lease: null });
  expect(await store.broadcasts.get(id)).toMatchObject({ state: 'done', report: { aadObjectId: 'aad-jo' } });
  // The report card went to the officer once; after that it is updated in place, naming those not reached.
  const reports = teams.sent.filter((s) => s.to === 'aad-jo');
  expect(reports).toHaveLength(1);
  const last = JSON.stringify(teams.updated[teams.updated.length - 1].card);
  expect(last).toContain('Person 3: Heard is not installed for them');
  expect(last).toContain('Person 7: Teams refused the message');
  // Nothing is sent again.
  await sender(teams, 'web-2').run();
  expect(teams.sent.filter((s) => s.to !== 'aad-jo')).toHaveLength(8);
});

it('tries again later when Teams keeps failing, then gives up and reports the failure', async () => {
  const id = await notice();
  let failing = true;
  const teams = new ScriptedTeams((to) => (to === 'aad-5' && failing ? new Error('503 after retries') : { ok: true, activityId: 'x' }));
  const broadcasts = sender(teams, 'web-1', { maxAttempts: 3, retrySeconds: 60 });
  expect(await broadcasts.run()).toMatchObject({ retrying: 1 });
  expect(await store.broadcasts.getRecipient(id, 'p_5')).toMatchObject({ state: 'retrying', attempts: 1, nextAttemptAt: clock + 60 });
  expect(await broadcasts.nextWakeAt()).toBe(clock + 60);
  clock += 60;
  await broadcasts.run();
  expect(await store.broadcasts.getRecipient(id, 'p_5')).toMatchObject({ state: 'retrying', attempts: 2, nextAttemptAt: clock + 120 });
  clock += 120;
  await broadcasts.run();
  expect(await store.broadcasts.getRecipient(id, 'p_5')).toMatchObject({ state: 'failed', reason: 'error', attempts: 3 });
  expect(await store.broadcasts.get(id)).toMatchObject({ state: 'done' });
  failing = false;
  expect(JSON.stringify(teams.updated[teams.updated.length - 1].card)).toContain('Person 5: Teams kept failing');
});

it('sends nothing more once cancelled, even to someone already claimed', async () => {
  const id = await notice();
  const jo = JO;
  let sends = 0;
  const teams = new ScriptedTeams(() => ({ ok: true, activityId: 'x' }));
  const original = teams.sendOnce.bind(teams);
  // Cancelled while the third notice is about to go.
  teams.sendOnce = async (to, card, dispatch) => {
    if (to !== 'aad-jo' && ++sends === 3) await new Broadcasts({ store, now: () => clock }).cancel(jo, id);
    return original(to, card, dispatch);
  };
  await sender(teams, 'web-1', { concurrency: 1 }).run();
  const states = await statesOf(id);
  expect(Object.values(states).filter((s) => s === 'delivered')).toHaveLength(2);
  expect(Object.values(states).filter((s) => s === 'cancelled')).toHaveLength(8);
  expect(await store.broadcasts.get(id)).toMatchObject({ state: 'cancelled', cancelledBy: 'p_jo' });
});

it('never sends again what a process killed mid-send had recorded: it is reported unconfirmed, after the lease runs out', async () => {
  const id = await notice();
  // A sender that dies the moment it records its first key (as a kill -9 would leave it).
  const [claimed] = await store.broadcasts.claimRecipients(clock, 'dead', 60, 1);
  await store.nudges.begin({ key: `broadcast:${id}:${claimed.personId}`, obligationId: null, statementId: null, kind: 'broadcast', recipientId: claimed.personId, state: 'sending', reason: null, holder: 'dead', at: clock, sentAt: null, activityId: null });
  const teams = new ScriptedTeams();
  await sender(teams).run();
  expect(await store.broadcasts.getRecipient(id, claimed.personId)).toMatchObject({ state: 'pending', lease: { holder: 'dead' } });
  clock += 60;
  await sender(teams).run();
  expect(await store.broadcasts.getRecipient(id, claimed.personId)).toMatchObject({ state: 'unconfirmed' });
  expect(teams.sent.filter((s) => s.to === `aad-${claimed.personId.slice(2)}`)).toHaveLength(0);
});

it('two instances draining one queue send each person the notice once', async () => {
  await notice();
  const teams = new ScriptedTeams();
  await Promise.all([sender(teams, 'web-1').run(), sender(teams, 'web-2').run()]);
  const notices = teams.sent.filter((s) => s.to !== 'aad-jo').map((s) => s.to);
  // Ten in the team, one without Heard in Teams: nine notices, nobody twice.
  expect(notices).toHaveLength(9);
  expect(new Set(notices).size).toBe(9);
});
