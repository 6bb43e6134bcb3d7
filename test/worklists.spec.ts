import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileCalendar, formatInstant, loadBuiltInStandards, parseInstant } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import type { IntakeRequest } from '../domain/intake-request';
import type { Person, Team } from '../domain/person';
import type { CardDelivery, Store } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';
import { StatementService } from '../domain/statement-service';
import { Worklists, type TeamRow, type WorkItem } from '../domain/worklists';

/**
 * The conversation's lists on the real embedded store, with statements and clocks made
 * by the real statement service, the built-in packs and an England-and-Wales calendar.
 * November: local time is UTC.
 */
const calendar = compileCalendar({}, { from: 2025, to: 2028 });
const standards = loadBuiltInStandards();
const at = parseInstant;

const person = (id: string, name: string, roles: Person['roles'], teamId: string | null, lineManagerId: string | null): Person => ({
  id,
  aadObjectId: `aad-${id.slice(2)}`,
  name,
  email: `${id.slice(2)}@council.example`,
  roles,
  teamId,
  lineManagerId,
});
const people: Person[] = [
  person('p_sam', 'Sam Patel', ['worker'], 't_north', 'p_priya'),
  person('p_ali', 'Ali Khan', ['worker'], 't_north', 'p_priya'),
  person('p_priya', 'Priya Shah', ['manager'], 't_north', null),
  // Seconded to the south team but still line-managed by Priya.
  person('p_lee', 'Lee Jones', ['worker'], 't_south', 'p_priya'),
  person('p_zoe', 'Abi Zoe', ['worker'], 't_south', 'p_mo'),
  person('p_mo', 'Mo Reed', ['manager'], 't_south', null),
  person('p_pat', 'Pat Quinn', ['participation'], null, null),
];
const teams: Team[] = [
  { id: 't_north', name: 'North', managerId: 'p_priya' },
  { id: 't_south', name: 'South', managerId: 'p_mo' },
];
const byId = (id: string) => people.find((p) => p.id === id)!;

let dir: string;
let store: Store;
let clock: number;
let seq = 0;

function service(packs: string[] = ['momo']): StatementService {
  return new StatementService({ store, standards, packs: new Set(packs), calendar, now: () => clock, newId: (prefix) => `${prefix}_${++seq}` });
}

function lists(only = standards): Worklists {
  return new Worklists({ store, standards: only, now: () => clock });
}

/** A statement for `to` (an id, or null for someone Heard does not know), received now and sent at `sent` (default now). */
async function receive(to: string | null, options: { sent?: string; safetyLink?: boolean; packs?: string[] } = {}): Promise<string> {
  const request: IntakeRequest = {
    externalId: `momo-${++seq}`,
    sentAt: options.sent ? at(options.sent) : clock,
    child: { reference: `C-${seq}`, initials: 'AB' },
    type: 'my-world',
    intendedRecipient: { kind: 'person', email: to ? `${to.slice(2)}@council.example` : 'left@council.example' },
    flags: { complaint: false, safetyLink: options.safetyLink ?? false, unidentified: false },
    pdf: Buffer.from('%PDF-1.4 fictional'),
  };
  return (await service(options.packs).receive(request, 'api')).statementId;
}

function card(statementId: string, personId: string, state: CardDelivery['state']): CardDelivery {
  return state === 'delivered'
    ? { statementId, personId, state, reason: null, aadObjectId: `aad-${personId.slice(2)}`, activityId: `1:${statementId}`, at: clock }
    : { statementId, personId, state, reason: 'not-installed', aadObjectId: null, activityId: null, at: clock };
}

/** The statement an item runs on (every item of these tests is a statement's). */
function statementOf(item: WorkItem): Statement {
  if (item.subject !== 'statement') throw new Error(`expected a statement item, got a ${item.subject} item`);
  return item.statement;
}

/** `standard@statement due`, the way a person would read an item. */
const show = (items: WorkItem[]) => items.map((i) => `${i.standard.id}@${statementOf(i).id} ${formatInstant(i.obligation.due)}`);

const rowsOf = (rows: TeamRow[]) =>
  rows.map((r) => ({ person: r.person.id, count: r.count, overdue: r.overdue, first: r.first && `${r.first.standard.id}@${statementOf(r.first).id}` }));

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-worklists-'));
  store = await openSqliteStore(path.join(dir, 'heard.sqlite'));
  await store.directory.upsert(people, teams);
  clock = at('2026-11-23T10:00:00Z'); // a Monday
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a worker's due list", () => {
  it('counts a deadline at the start of the window in it, and one at the end in the next window', async () => {
    const st = await receive('p_sam');
    // Assigned at 10:00 Monday: 7 working hours (momo 2.1) and "the same working day" (momo 3.1) both end at 17:00.
    const five = at('2026-11-23T17:00:00Z');
    await expect(lists().due('p_sam', { from: at('2026-11-23T09:00:00Z'), to: five })).resolves.toEqual([]);
    const items = await lists().due('p_sam', { from: five, to: five + 3600 });
    expect(show(items).sort()).toEqual([
      `momo.2.1.saved@${st} 2026-11-23T17:00:00Z`,
      `momo.2.1@${st} 2026-11-23T17:00:00Z`,
      `momo.3.1@${st} 2026-11-23T17:00:00Z`,
    ]);
    expect(statementOf(items[0])).toEqual(await store.statements.get(st));
    await expect(lists().due('p_sam', { from: five + 1, to: five + 3600 })).resolves.toEqual([]);
  });

  it('lists only the worker’s own open clocks, soonest first, not the team’s or a colleague’s', async () => {
    const morning = await receive('p_sam');
    clock = at('2026-11-23T14:00:00Z');
    const afternoon = await receive('p_sam');
    await receive('p_ali');
    const week = { from: at('2026-11-23T00:00:00Z'), to: at('2026-11-30T00:00:00Z') };
    const items = await lists().due('p_sam', week);
    expect(items.every((i) => i.obligation.ownerId === 'p_sam' && i.obligation.status === 'open')).toBe(true);
    expect(items.map((i) => i.obligation.due)).toEqual([...items.map((i) => i.obligation.due)].sort((a, b) => a - b));
    // Assigned at 14:00: 3 working hours on Monday and 4 on Tuesday.
    expect(show(items).slice(-2).sort()).toEqual([
      `momo.2.1.saved@${afternoon} 2026-11-24T13:00:00Z`,
      `momo.2.1@${afternoon} 2026-11-24T13:00:00Z`,
    ]);
    expect(items.filter((i) => statementOf(i).id === morning)).toHaveLength(3);

    clock = at('2026-11-23T15:00:00Z');
    await service().recordOpened(morning, byId('p_sam'), 'card');
    // Opening stops momo 2.1; saving and telling the child are still to do.
    expect((await lists().due('p_sam', week)).filter((i) => statementOf(i).id === morning).map((i) => i.standard.id).sort()).toEqual([
      'momo.2.1.saved',
      'momo.3.1',
    ]);
  });

  it('leaves out clocks of standards the organisation does not use', async () => {
    const st = await receive('p_sam');
    const withoutTelling = standards.filter((s) => s.id !== 'momo.3.1');
    const items = await lists(withoutTelling).due('p_sam', { from: at('2026-11-23T00:00:00Z'), to: at('2026-11-30T00:00:00Z') });
    expect(items.map((i) => i.standard.id).sort()).toEqual(['momo.2.1', 'momo.2.1.saved']);
    expect(items.every((i) => statementOf(i).id === st)).toBe(true);
  });

  it('is empty for an empty or backward window, and refuses a window that is not in whole seconds', async () => {
    await receive('p_sam');
    const five = at('2026-11-23T17:00:00Z');
    await expect(lists().due('p_sam', { from: five, to: five })).resolves.toEqual([]);
    await expect(lists().due('p_sam', { from: five + 60, to: five - 60 })).resolves.toEqual([]);
    await expect(lists().due('p_sam', { from: five, to: five + 0.5 })).rejects.toThrow(RangeError);
  });
});

describe("a worker's overdue list", () => {
  it('lists past deadlines most overdue first, and a deadline falling due this very second is not overdue yet', async () => {
    const monday = await receive('p_sam');
    clock = at('2026-11-23T14:00:00Z');
    const later = await receive('p_sam');

    clock = at('2026-11-23T17:00:00Z');
    await expect(lists().overdue('p_sam')).resolves.toEqual([]);

    clock = at('2026-11-25T10:00:00Z'); // Wednesday
    const overdue = await lists().overdue('p_sam');
    expect(show(overdue).map((s) => s.split(' ')[1])).toEqual([
      '2026-11-23T17:00:00Z',
      '2026-11-23T17:00:00Z',
      '2026-11-23T17:00:00Z',
      '2026-11-23T17:00:00Z',
      '2026-11-24T13:00:00Z',
      '2026-11-24T13:00:00Z',
    ]);
    expect(overdue.slice(-2).map((i) => statementOf(i).id)).toEqual([later, later]);
    expect(overdue.filter((i) => statementOf(i).id === monday)).toHaveLength(3);
  });

  it('drops what the worker has done', async () => {
    const st = await receive('p_sam');
    clock = at('2026-11-24T10:00:00Z');
    await service().acknowledge(st, byId('p_sam'), 'card');
    expect((await lists().overdue('p_sam')).map((i) => i.standard.id).sort()).toEqual(['momo.2.1.saved', 'momo.3.1']);
  });
});

describe('statements a worker has not opened', () => {
  it('lists assigned and delivered statements, oldest sent first, each with the worker’s next deadline on it', async () => {
    const first = await receive('p_sam');
    clock = at('2026-11-23T11:00:00Z');
    // Sent on Sunday, received on Monday: older than the first by when the child sent it.
    const sentSunday = await receive('p_sam', { sent: '2026-11-22T18:00:00Z' });
    await service().recordDelivery(card(sentSunday, 'p_sam', 'delivered'));
    const opened = await receive('p_sam');
    await service().recordOpened(opened, byId('p_sam'), 'card');
    await receive('p_ali');

    const unopened = await lists().unopened('p_sam');
    expect(unopened.map((u) => [u.statement.id, u.statement.status])).toEqual([
      [sentSunday, 'delivered'],
      [first, 'assigned'],
    ]);
    // Assigned at 11:00: telling the child (same working day, 17:00) comes before opening (10:00 Tuesday).
    expect(unopened[0].next && show([unopened[0].next])).toEqual([`momo.3.1@${sentSunday} 2026-11-23T17:00:00Z`]);
    expect(unopened[0].next?.obligation.ownerId).toBe('p_sam');
    expect(unopened[1].next?.obligation.due).toBe(at('2026-11-23T17:00:00Z'));
  });

  it('shows a statement without a clock of the worker’s with no next deadline', async () => {
    const st = await receive('p_sam');
    const unopened = await lists(standards.filter((s) => !s.id.startsWith('momo.2') && !s.id.startsWith('momo.3'))).unopened('p_sam');
    expect(unopened).toEqual([{ statement: await store.statements.get(st), next: null }]);
  });

  it('gives the clock the worker has now on a statement that came back to them, not the one cancelled when it left', async () => {
    const st = await receive('p_sam');
    clock = at('2026-11-23T14:00:00Z');
    await service().reassign(st, 'p_ali', byId('p_priya'), 'message');
    clock = at('2026-11-24T10:00:00Z');
    await service().reassign(st, 'p_sam', byId('p_priya'), 'message');
    const [back] = await lists().unopened('p_sam');
    // Back at 10:00 on Tuesday: its clocks start again and end at 17:00; the cancelled ones ended on Monday.
    expect(back.next?.obligation).toMatchObject({ statementId: st, ownerId: 'p_sam', status: 'open', due: at('2026-11-24T17:00:00Z') });
  });

  it('is empty for someone with nothing assigned', async () => {
    await receive('p_sam');
    await expect(lists().unopened('p_ali')).resolves.toEqual([]);
  });
});

describe("a manager's team", () => {
  it('is the members of the teams they manage and their line reports, each once, by name, without themself', async () => {
    expect((await lists().teamOf('p_priya')).map((p) => p.name)).toEqual(['Ali Khan', 'Lee Jones', 'Sam Patel']);
    // Lee is in Mo's team as well as Priya's line report; by name, not by id.
    expect((await lists().teamOf('p_mo')).map((p) => p.id)).toEqual(['p_zoe', 'p_lee']);
  });

  it('is empty for someone who manages nobody, or someone unknown', async () => {
    await expect(lists().teamOf('p_sam')).resolves.toEqual([]);
    await expect(lists().teamOf('p_nobody')).resolves.toEqual([]);
  });

  it('follows the directory: a new line report joins, someone moved out of the team leaves', async () => {
    await store.directory.upsert([{ ...byId('p_zoe'), lineManagerId: 'p_priya' }, { ...byId('p_ali'), teamId: 't_south', lineManagerId: 'p_mo' }], []);
    expect((await lists().teamOf('p_priya')).map((p) => p.id)).toEqual(['p_zoe', 'p_lee', 'p_sam']);
  });
});

describe("a manager's team summary", () => {
  /**
   * Last Monday Abi had a statement she never acted on; this Monday Sam had one at 10:00
   * and Ali one at 14:00; Lee one on Tuesday at 11:00; Mo (not in the team) one too.
   * Now it is Tuesday 12:00.
   */
  async function aWeekOfWork() {
    clock = at('2026-11-16T10:00:00Z');
    const abi = await receive('p_zoe');
    clock = at('2026-11-23T10:00:00Z');
    const sam = await receive('p_sam');
    clock = at('2026-11-23T14:00:00Z');
    const ali = await receive('p_ali');
    clock = at('2026-11-24T11:00:00Z');
    const lee = await receive('p_lee');
    await receive('p_mo');
    clock = at('2026-11-24T12:00:00Z');
    return { abi, sam, ali, lee };
  }
  const team = () => ['p_zoe', 'p_lee', 'p_ali', 'p_sam'].map(byId);
  const thisWeek = { from: at('2026-11-23T00:00:00Z'), to: at('2026-11-30T00:00:00Z') };

  it("this week's: counts what falls due in the week and how much of it is overdue, most urgent first, nobody-with-nothing last", async () => {
    const { sam, ali, lee } = await aWeekOfWork();
    const rows = await lists().teamSummary(team(), 'due', thisWeek);
    expect(rowsOf(rows).map(({ first: _first, ...rest }) => rest)).toEqual([
      { person: 'p_sam', count: 3, overdue: 3 },
      { person: 'p_ali', count: 3, overdue: 1 },
      { person: 'p_lee', count: 3, overdue: 0 },
      // Last week's clocks are not this week's.
      { person: 'p_zoe', count: 0, overdue: 0 },
    ]);
    expect(rows[0].first && statementOf(rows[0].first).id).toBe(sam);
    expect(rows[1].first && show([rows[1].first])).toEqual([`momo.3.1@${ali} 2026-11-23T17:00:00Z`]);
    expect(rows[2].first && show([rows[2].first])).toEqual([`momo.3.1@${lee} 2026-11-24T17:00:00Z`]);
    expect(rows[3].first).toBeNull();
  });

  it("overdue: counts everything past due whenever it fell due, and ignores the window", async () => {
    const { abi } = await aWeekOfWork();
    const rows = rowsOf(await lists().teamSummary(team(), 'overdue', null));
    expect(rows.map(({ first: _first, ...rest }) => rest)).toEqual([
      { person: 'p_zoe', count: 3, overdue: 3 },
      { person: 'p_sam', count: 3, overdue: 3 },
      { person: 'p_ali', count: 1, overdue: 1 },
      { person: 'p_lee', count: 0, overdue: 0 },
    ]);
    expect(rows[0].first).toMatch(new RegExp(`@${abi}$`));
    expect(await lists().teamSummary(team(), 'overdue', thisWeek)).toEqual(await lists().teamSummary(team(), 'overdue', null));
  });

  it('counts a deadline falling due this very second as not overdue yet', async () => {
    await aWeekOfWork();
    // Ali's opening and saving clocks end at 13:00 on Tuesday.
    clock = at('2026-11-24T13:00:00Z');
    const ali = async () => (await lists().teamSummary([byId('p_ali')], 'due', thisWeek))[0];
    await expect(ali()).resolves.toMatchObject({ count: 3, overdue: 1 });
    clock += 1;
    await expect(ali()).resolves.toMatchObject({ count: 3, overdue: 3 });
  });

  it('breaks ties on the earliest first deadline, then by name; people with nothing are by name', async () => {
    clock = at('2026-11-23T14:00:00Z');
    await receive('p_sam');
    await receive('p_ali');
    clock = at('2026-11-23T13:00:00Z');
    await receive('p_lee');
    clock = at('2026-11-23T12:00:00Z');
    const summary = await lists().teamSummary([...team(), byId('p_mo'), byId('p_pat')], 'due', thisWeek);
    // Everybody's first is 17:00 today (the same working day), nobody is overdue: so by name.
    expect(summary.map((r) => r.person.name)).toEqual(['Ali Khan', 'Lee Jones', 'Sam Patel', 'Abi Zoe', 'Mo Reed', 'Pat Quinn']);

    const tomorrow = { from: at('2026-11-24T00:00:00Z'), to: at('2026-11-25T00:00:00Z') };
    // Tomorrow only opening is due: Lee's at 12:00 (assigned at 13:00), Sam's and Ali's at 13:00.
    expect(rowsOf(await lists().teamSummary(team(), 'due', tomorrow)).map((r) => [r.person, r.count])).toEqual([
      ['p_lee', 2],
      ['p_ali', 2],
      ['p_sam', 2],
      ['p_zoe', 0],
    ]);
  });

  it('asks the store once for the whole team, and reads a statement only for each row’s first item', async () => {
    await aWeekOfWork();
    const query = jest.spyOn(store.obligations, 'openForOwners');
    const reads = jest.spyOn(store.statements, 'get');
    const rows = await lists().teamSummary(team(), 'due', thisWeek);
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0][0].sort()).toEqual(['p_ali', 'p_lee', 'p_sam', 'p_zoe']);
    expect(reads).toHaveBeenCalledTimes(rows.filter((r) => r.first).length);
  });

  it('has one row per person even when a person is given twice, and none for an empty team', async () => {
    await aWeekOfWork();
    const rows = await lists().teamSummary([byId('p_sam'), byId('p_sam')], 'due', thisWeek);
    expect(rowsOf(rows).map((r) => r.person)).toEqual(['p_sam']);
    await expect(lists().teamSummary([], 'overdue', null)).resolves.toEqual([]);
  });

  it('needs a window for what is due', async () => {
    await expect(lists().teamSummary(team(), 'due', null)).rejects.toThrow(TypeError);
  });
});

describe("the participation team's queue", () => {
  async function statement(id: string): Promise<Statement> {
    return (await store.statements.get(id))!;
  }

  it('holds queued statements with their assignment clock and open statements whose card did not arrive, each once, oldest first', async () => {
    // Nobody Heard knows: queued on momo 1.1, "within 5 working hours".
    const queued = await receive(null);
    clock = at('2026-11-23T10:30:00Z');
    const queuedSentEarlier = await receive(null, { sent: '2026-11-22T09:00:00Z' });

    // Sam has not installed Heard; the card is kept as not delivered.
    const lost = await receive('p_sam');
    const lostCard = card(lost, 'p_sam', 'not-delivered');
    await service().recordDelivery(lostCard);

    // Safety Link goes to Sam and his team manager at once: neither card arrives — one entry with both.
    clock = at('2026-11-23T10:20:00Z');
    const safety = await receive('p_sam', { safetyLink: true, packs: ['momo', 'yjs'] });
    await service(['momo', 'yjs']).recordDelivery(card(safety, 'p_sam', 'not-delivered'));
    await service(['momo', 'yjs']).recordDelivery(card(safety, 'p_priya', 'not-delivered'));

    // Not delivered, then handed back: it is queued again, and listed once, among the queued.
    clock = at('2026-11-23T10:40:00Z');
    const handedBack = await receive('p_ali');
    await service().recordDelivery(card(handedBack, 'p_ali', 'not-delivered'));
    await service().handBack(handedBack, byId('p_ali'), 'not-my-case', 'card');

    // Not delivered at first, delivered on a retry: nothing to do.
    const retried = await receive('p_ali');
    await service().recordDelivery(card(retried, 'p_ali', 'not-delivered'));
    await service().recordDelivery(card(retried, 'p_ali', 'delivered'));

    // Not delivered to Sam, then his manager moved it to Ali, whose card arrived.
    const moved = await receive('p_sam');
    await service().recordDelivery(card(moved, 'p_sam', 'not-delivered'));
    await service().reassign(moved, 'p_ali', byId('p_priya'), 'message');
    await service().recordDelivery(card(moved, 'p_ali', 'delivered'));

    // Not delivered, but Sam saved it to the case record anyway: done.
    const saved = await receive('p_sam');
    await service().recordDelivery(card(saved, 'p_sam', 'not-delivered'));
    await service().recordSaved(saved, byId('p_sam'), { system: 'Liquid Logic', reference: 'LL-1' }, 'card');

    const queue = await lists().queue();
    // Oldest sent first, however it came to need the team: the child who has waited longest comes first.
    expect(queue.map((e) => [e.statement.id, e.clock?.standardId ?? null, e.undelivered.map((d) => d.personId)])).toEqual([
      [queuedSentEarlier, 'momo.1.1', []],
      [queued, 'momo.1.1', []],
      // The service portal's 24 hours (yjs) run out before momo 2.2's two working days.
      [safety, 'yjs.reassigning-statements-2', ['p_priya', 'p_sam']],
      [lost, 'momo.2.2', ['p_sam']],
      // Handed back: the assigning clock runs again from the hand-back (momo.1.1.handed-back), with who and why.
      [handedBack, 'momo.1.1.handed-back', []],
    ]);
    expect(queue.map((e) => e.statement.sentAt)).toEqual([...queue.map((e) => e.statement.sentAt)].sort((a, b) => a - b));
    expect(queue[1].statement).toEqual(await statement(queued));
    expect(queue[1].clock).toMatchObject({ ownerId: null, status: 'open', due: at('2026-11-23T15:00:00Z') });
    expect(queue[3].undelivered).toEqual([lostCard]);
    expect(queue[4].handedBack).toEqual({ byId: 'p_ali', at: at('2026-11-23T10:40:00Z'), reason: 'not-my-case' });
    expect(queue[4].clock).toMatchObject({ due: at('2026-11-23T15:40:00Z') });
    expect(queue.filter((e) => e.handedBack !== null)).toHaveLength(1);
  });

  it('shows the most pressing of the team’s clocks: a queued Safety Link must be forwarded at once, before momo 1.1’s five hours', async () => {
    // Nobody Heard knows and no duty manager to send it to: it waits in the queue.
    const st = await receive(null, { safetyLink: true, packs: ['momo', 'yjs'] });
    const [entry] = await lists().queue();
    expect(entry).toMatchObject({ statement: { id: st, status: 'queued' }, clock: { standardId: 'yjs.safety-link-1', due: clock }, undelivered: [] });
    const momoOnly = standards.filter((s) => s.pack === 'momo');
    await expect(lists(momoOnly).queue()).resolves.toMatchObject([{ clock: { standardId: 'momo.1.1' } }]);
  });

  it('gives at most `limit` entries, the queued ones first', async () => {
    const a = await receive(null, { sent: '2026-11-22T09:00:00Z' });
    const b = await receive(null, { sent: '2026-11-22T10:00:00Z' });
    const lost = await receive('p_sam');
    await service().recordDelivery(card(lost, 'p_sam', 'not-delivered'));
    expect((await lists().queue(2)).map((e) => e.statement.id)).toEqual([a, b]);
    expect((await lists().queue(3)).map((e) => e.statement.id)).toEqual([a, b, lost]);
    await expect(lists().queue(0)).resolves.toEqual([]);
    await expect(lists().queue(-1)).rejects.toThrow(RangeError);
  });

  it('is empty when everything is assigned and delivered', async () => {
    const st = await receive('p_sam');
    await service().recordDelivery(card(st, 'p_sam', 'delivered'));
    await expect(lists().queue()).resolves.toEqual([]);
  });
});
