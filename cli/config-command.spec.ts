import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Person, Team } from '../domain/person';
import { StatementService } from '../domain/statement-service';
import { loadOrganisation } from '../domain/organisation';
import { parseInstant } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { heard } from '../test/heard-in-process';

/**
 * `heard config` on a real embedded store: every setting refused when wrong — with the
 * setting, where inside it and what is wrong, and nothing changed — and accepted when
 * right, audited with who, when, old and new; the dry run; the roles; `heard standards`
 * with both readings.
 */

const person = (id: string, roles: Person['roles'], email = `${id.slice(2)}@council.example`): Person => ({
  id,
  aadObjectId: `aad-${id}`,
  name: `Fictional ${id.slice(2)}`,
  email,
  roles,
  teamId: 't_north',
  lineManagerId: null,
});
const people: Person[] = [person('p_sam', ['worker']), person('p_priya', ['manager']), person('p_cora', ['complaints-officer']), person('p_hana', ['head-of-service', 'admin'])];
const teams: Team[] = [{ id: 't_north', name: 'North', managerId: 'p_priya' }];

let dir: string;
let file: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-config-cli-'));
  file = path.join(dir, 'heard.sqlite');
  const store = await openSqliteStore(file);
  await store.directory.upsert(people, teams);
  await store.close();
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const config = (...args: string[]) => heard(['config', ...args, '--store', file]);

/** Everything a change could touch: every setting and the configuration's audit trail. */
async function snapshot(): Promise<unknown> {
  const store = await openSqliteStore(file);
  try {
    const settings: Record<string, unknown> = {};
    for (const key of ['calendar', 'packs', 'standards', 'nudge-policy', 'mind-of-my-own', 'retention']) settings[key] = await store.settings.get(key);
    return { settings, audit: await store.audit.listConfiguration(), people: await store.directory.listPeople() };
  } finally {
    await store.close();
  }
}

describe('bad values are refused with the setting, the place and the problem, and nothing changes', () => {
  const cases: [string, string[], RegExp][] = [
    ['a time zone that does not exist', ['set', 'calendar.zone', 'Europe/Londn'], /^heard: calendar: zone: must be an IANA time zone such as Europe\/London$/m],
    ['working hours that end before they start', ['set', 'calendar.week.fri', '[["16:30","09:00"]]'], /^heard: calendar: week\.fri\.0: interval 16:30–09:00 must start before it ends$/m],
    ['a time that is not one', ['set', 'calendar.week.mon', '[["9am","17:00"]]'], /^heard: calendar: week\.mon\.0\.0: must be a time HH:MM/m],
    ['a bank-holiday division that is not one', ['set', 'calendar.division', 'wales'], /^heard: calendar: division: .*"england-and-wales"\|"scotland"\|"northern-ireland"/m],
    ['a closure on a date that does not exist', ['add', 'calendar.closures', '2026-02-30', 'Snow day'], /^heard: calendar: closures\.0\.date: must be a real date YYYY-MM-DD$/m],
    ['a one-off holiday without a name', ['add', 'calendar.extraHolidays', '2027-06-07'], /^heard: calendar: extraHolidays\.0\.name: /m],
    ['no pack at all', ['set', 'packs', '[]'], /^heard: packs: enable at least one standards pack$/m],
    ['a pack that does not exist', ['add', 'packs', 'social-care'], /^heard: packs: 1: must be one of momo, yjs, childrens-services, core-practice$/m],
    ['a change of a standard without its reason', ['set', 'standards.momo.2.1.amount', '5'], /^heard: standards: momo\.2\.1\.reason: give the reason for the change \(reason\): it is shown beside the reading$/m],
    ['a reason that says nothing', ['set', 'standards.momo.2.1', '{"amount":5,"reason":"ok"}'], /^heard: standards: momo\.2\.1\.reason: say why, in at least 10 characters/m],
    ['a standard that does not exist', ['set', 'standards.momo.9.9', '{"disabled":true,"reason":"Not used by this council"}'], /^heard: standards: momo\.9\.9: no standard "momo\.9\.9" in the built-in packs/m],
    ['an amount a clock does not take', ['set', 'standards.momo.3.1', '{"amount":2,"reason":"Two days to tell the child"}'], /^heard: standards: momo\.3\.1\.amount: clock "same-working-day" takes no amount; use null$/m],
    ['a clock that cannot count back from a meeting', ['set', 'standards.momo.4.3', '{"clock":"hours","reason":"Invitations by the hour"}'], /^heard: standards: momo\.4\.3\.clock: clock "hours" cannot count backward from an event$/m],
    ['an amount that is not whole', ['set', 'standards.momo.2.1', '{"amount":6.5,"reason":"Six and a half working hours"}'], /^heard: standards: momo\.2\.1\.amount: must be a whole number$/m],
    ['a reminder at more than the whole time', ['set', 'nudge-policy.reminders', '[0.5,1.5]'], /^heard: nudge-policy: reminders\.1: a reminder is a fraction of the allowed time below 1$/m],
    ['a nudge policy field that does not exist', ['set', 'nudge-policy.remindTwice', 'true'], /^heard: nudge-policy: .*remindTwice/m],
    ['a deletion request address that is not one', ['add', 'mind-of-my-own.deletionRequestsTo', 'account manager'], /^heard: mind-of-my-own: deletionRequestsTo\.0: is not an e-mail address$/m],
    ['a retention that is not whole days', ['set', 'retention.pdfDays', '1.5'], /^heard: retention: pdfDays: must be a whole number of days$/m],
    ['a retention of more than ten years', ['set', 'retention.pdfDays', '4000'], /^heard: retention: pdfDays: at most 3650 days \(ten years\)$/m],
    ['a complaints officer who is not in the directory', ['set', 'roles.complaints-officer', 'nobody@council.example'], /^heard: roles\.complaints-officer: 0: nobody@council\.example is not in Heard's directory/m],
    ['leaving Heard without an administrator', ['remove', 'roles.admin', 'hana@council.example'], /^heard: roles\.admin: keep at least one administrator$/m],
  ];

  it.each(cases)('%s', async (_what, args, message) => {
    const before = await snapshot();
    const { code, out, err } = await config(...args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toMatch(/^heard: nothing changed: 1 problem\(s\)$/m);
    expect(await snapshot()).toEqual(before);
  });

  it('says in one line what the subcommands are when none or an unknown one is given, and prints its usage for help, without touching the store', async () => {
    const nowhere = path.join(path.dirname(file), 'not-made.sqlite');
    expect(await heard(['config', '--store', nowhere])).toEqual({ code: 2, out: '', err: 'heard: heard config needs a subcommand: show, history, validate, set, unset, add or remove (heard config help says more)\n' });
    expect(await heard(['config', 'change', '--store', nowhere])).toMatchObject({ code: 2, err: expect.stringMatching(/^heard: unknown subcommand "change": show, .* \(heard config help says more\)\n$/) });
    const help = await heard(['config', 'help', '--store', nowhere]);
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toMatch(/^ {2}heard config set <path> <value> \[--dry-run\]/m);
    expect(fs.existsSync(nowhere)).toBe(false);
  });

  it('refuses a path to no setting, and an --actor who is not an administrator, before anything is read', async () => {
    const before = await snapshot();
    expect(await config('set', 'calender.division', 'scotland')).toMatchObject({ code: 2, err: expect.stringMatching(/^heard: no setting "calender": use calendar, packs, standards, nudge-policy, mind-of-my-own, retention, roles\n$/) });
    expect(await config('set', 'calendar.division', 'scotland', '--actor', 'sam@council.example')).toMatchObject({
      code: 2,
      err: "heard: --actor sam@council.example is not an administrator in Heard's directory (the admin role)\n",
    });
    expect(await config('remove', 'calendar.closures', '2026-12-24')).toMatchObject({ code: 2, err: expect.stringContaining('has no entry "2026-12-24": nothing to remove') });
    expect(await snapshot()).toEqual(before);
  });
});

describe('good values are stored and audited: who, when, old and new', () => {
  const changes: [string, string[], string, unknown][] = [
    ['a shorter Friday', ['set', 'calendar.week.fri', '[["09:00","16:30"]]'], 'calendar', { week: { fri: [['09:00', '16:30']] } }],
    ['Scotland’s bank holidays', ['set', 'calendar.division', 'scotland'], 'calendar', { division: 'scotland' }],
    ['another zone', ['set', 'calendar.zone', 'Europe/Dublin'], 'calendar', { zone: 'Europe/Dublin' }],
    ['a closure day', ['add', 'calendar.closures', '2026-12-24', 'Christmas', 'Eve'], 'calendar', { closures: [{ date: '2026-12-24', name: 'Christmas Eve' }] }],
    ['a one-off bank holiday', ['add', 'calendar.extraHolidays', '2027-06-07', 'Royal', 'occasion'], 'calendar', { extraHolidays: [{ date: '2027-06-07', name: 'Royal occasion' }] }],
    ['the youth justice pack', ['add', 'packs', 'yjs'], 'packs', ['momo', 'yjs']],
    ['a standard switched off', ['set', 'standards.momo.3.1', '{"disabled":true,"reason":"Children are told through the case system"}'], 'standards', { 'momo.3.1': { disabled: true, reason: 'Children are told through the case system' } }],
    ['a standard read with another amount', ['set', 'standards.momo.2.1', '{"amount":5,"reason":"Cabinet decision 14/2026"}'], 'standards', { 'momo.2.1': { amount: 5, reason: 'Cabinet decision 14/2026' } }],
    ['reminders at other points', ['set', 'nudge-policy.reminders', '[0.25,0.9]'], 'nudge-policy', { reminders: [0.25, 0.9] }],
    ['deletion requests to an address', ['add', 'mind-of-my-own.deletionRequestsTo', 'security@momo.example'], 'mind-of-my-own', { deletionRequestsTo: ['security@momo.example'] }],
    ['PDFs kept 30 days', ['set', 'retention.pdfDays', '30'], 'retention', { pdfDays: 30 }],
  ];

  it.each(changes)('%s', async (_what, args, key, stored) => {
    const { code, out, err } = await config(...args, '--actor', 'hana@council.example', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ applied: true, changes: [{ setting: key, to: expect.anything() }] });
    const store = await openSqliteStore(file);
    try {
      expect(await store.settings.get(key)).toMatchObject(stored as object);
      const [changed, recalculated] = await store.audit.listConfiguration({ setting: key });
      expect(changed).toMatchObject({ action: 'configuration-changed', actor: { kind: 'person', id: 'p_hana' }, channel: 'cli', setting: key });
      expect(JSON.parse(String(changed.details.to))).toMatchObject(stored as object);
      expect(recalculated).toMatchObject({ action: 'configuration-recalculated', details: { change: changed.details.change } });
    } finally {
      await store.close();
    }
  });

  it('records the operating-system user when no --actor is named, and changes nothing when the value is already so', async () => {
    expect((await config('set', 'retention.pdfDays', '7')).code).toBe(0);
    const again = await config('set', 'retention.pdfDays', '7');
    expect(again).toMatchObject({ code: 0, out: expect.stringContaining('Nothing to change') });
    const store = await openSqliteStore(file);
    const events = await store.audit.listConfiguration({ setting: 'retention' });
    await store.close();
    expect(events.filter((e) => e.action === 'configuration-changed')).toEqual([expect.objectContaining({ actor: { kind: 'system', id: `cli:${os.userInfo().username}` } })]);
  });

  it('gives the complaints officer role to exactly the people named, taking it from the others, audited by id', async () => {
    const { code, out } = await config('set', 'roles.complaints-officer', 'sam@council.example');
    expect(code).toBe(0);
    expect(out).toContain('roles.complaints-officer: Fictional cora <cora@council.example> → Fictional sam <sam@council.example>');
    const store = await openSqliteStore(file);
    try {
      expect((await store.directory.listPeople({ role: 'complaints-officer' })).map((p) => p.id)).toEqual(['p_sam']);
      expect((await store.directory.getPerson('p_sam'))!.roles).toEqual(['worker', 'complaints-officer']);
      expect(await store.audit.listConfiguration({ setting: 'roles.complaints-officer' })).toEqual([
        expect.objectContaining({ action: 'configuration-changed', details: { from: 'p_cora', to: 'p_sam' } }),
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('the dry run', () => {
  beforeEach(async () => {
    const store = await openSqliteStore(file);
    const org = await loadOrganisation(store.settings);
    let clock = parseInstant('2026-11-20T15:00:00Z');
    const service = new StatementService({ store, standards: org.standards, packs: org.packs, calendar: org.calendar, nudgePolicy: org.nudgePolicy, now: () => clock });
    await service.receive(
      {
        externalId: 'momo-1',
        sentAt: clock,
        child: { reference: 'CR-20417', initials: 'JB' },
        type: 'my-world',
        intendedRecipient: { kind: 'person', email: 'sam@council.example' },
        flags: { complaint: false, safetyLink: false, unidentified: false },
        pdf: Buffer.from('%PDF-1.4 fictional'),
      },
      'api',
    );
    clock += 1;
    await store.close();
  });

  it('says how many open deadlines move, lists them by reference with the old and new local deadline, and changes nothing', async () => {
    const before = await snapshot();
    const { code, out } = await config('add', 'calendar.closures', '2030-11-25', 'Snow', 'day', '--dry-run');
    expect(code).toBe(0);
    expect(out).toMatch(/^Dry run: nothing has changed\.$/m);
    expect(out).toMatch(/^\d+ open deadlines? move; \d+ become overdue, \d+ stop being overdue\.$/m);
    expect(await snapshot()).toEqual(before);

    // The statement of Fri 20 Nov 2026: a closure in 2030 moves none of its deadlines.
    expect(out).toMatch(/^0 open deadlines move; 0 become overdue, 0 stop being overdue\.$/m);

    // Closed on Monday 23 Nov: "7 working hours" from Fri 20 Nov 15:00 ends on Tuesday instead, listed by reference.
    const closedMonday = await config('add', 'calendar.closures', '2026-11-23', 'Snow', 'day', '--dry-run');
    expect(closedMonday.out).toMatch(/^REFERENCE +STANDARD +DEADLINE +UNDER THE CHANGE$/m);
    expect(closedMonday.out).toMatch(/^CR-20417 +momo\.2\.1 +Mon 23 Nov 14:00 +Tue 24 Nov 14:00\b/m);
    expect(await snapshot()).toEqual(before);
  });

  it('in JSON: the stable keys, each move with its local deadlines, and the replay of the period asked for', async () => {
    const { code, out } = await config('add', 'calendar.closures', '2026-11-23', 'Snow', 'day', '--dry-run', '--json', '--from', '2026-11-01', '--to', '2026-11-30');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ dryRun: true, applied: false, changes: [{ setting: 'calendar' }], moved: expect.any(Number), becomeOverdue: expect.any(Number), stopBeingOverdue: expect.any(Number) });
    const opened = result.moves.find((m: { standard: string }) => m.standard === 'momo.2.1');
    // 7 working hours from Fri 20 Nov 15:00: 2 on Friday and 5 on Monday (14:00), or, with Monday closed, on Tuesday.
    expect(opened).toMatchObject({ reference: 'CR-20417', subject: 'statement', from: '2026-11-23T14:00:00Z', fromLocal: '2026-11-23T14:00:00+00:00', to: '2026-11-24T14:00:00Z', toLocal: '2026-11-24T14:00:00+00:00' });
    expect(result.replay).toMatchObject({ from: '2026-11-01', to: '2026-11-30', standards: expect.arrayContaining([expect.objectContaining({ standard: 'momo.2.1', due: 1 })]) });
    expect(await config('set', 'calendar.division', 'scotland', '--dry-run', '--from', '2026-11-30', '--to', '2026-11-01')).toMatchObject({ code: 2, err: 'heard: --from/--to: the period must end on or after it starts\n' });
  });
});

describe('show, history, validate', () => {
  it('shows every setting as a person reads it, and as JSON with the roles and the rota', async () => {
    await config('set', 'standards.momo.2.1', '{"amount":5,"reason":"Cabinet decision 14/2026"}');
    const { out } = await config('show');
    expect(out).toMatch(/^CALENDAR \(calendar\)$/m);
    expect(out).toMatch(/^ {2}Fri +09:00–17:00$/m);
    expect(out).toMatch(/^ {2}momo\.2\.1 +working-hours 5 \(pack: working-hours 7\): Cabinet decision 14\/2026$/m);
    expect(out).toMatch(/^ {2}complaints-officer +Fictional cora <cora@council\.example>$/m);
    const json = JSON.parse((await config('show', '--json')).out);
    expect(json).toMatchObject({ packs: ['momo'], retention: { pdfDays: null }, roles: { admin: ['hana@council.example'] }, rota: [], pending: false });
    expect(JSON.parse((await config('show', 'calendar', '--json')).out)).toMatchObject({ zone: 'Europe/London', division: 'england-and-wales' });
  });

  it('lists the history of changes: who, when, what from and to', async () => {
    await config('add', 'calendar.closures', '2026-12-24', 'Christmas', 'Eve', '--actor', 'hana@council.example');
    const { out } = await config('history');
    expect(out).toMatch(/hana@council\.example +calendar +calendar\.closures: \[\] → \[\{"date":"2026-12-24","name":"Christmas Eve"\}\]/);
    // A role's holders, audited by id, are shown by e-mail.
    await config('add', 'roles.admin', 'sam@council.example', '--actor', 'hana@council.example');
    expect((await config('history', 'roles.admin')).out).toMatch(/hana@council\.example +roles\.admin +hana@council\.example → (hana@council\.example, sam@council\.example|sam@council\.example, hana@council\.example)$/m);
    expect(JSON.parse((await config('history', '--json')).out)[0]).toMatchObject({ action: 'configuration-changed', setting: 'calendar', at: expect.stringMatching(/Z$/) });
  });

  it('validates a configuration file, naming each problem, and the stored configuration', async () => {
    const good = path.join(dir, 'good.yaml');
    fs.writeFileSync(good, 'calendar:\n  division: scotland\n  closures: [{ date: "2026-12-24", name: Christmas Eve }]\npacks: [momo, yjs]\nroles:\n  admin: [hana@council.example]\n');
    expect(await config('validate', good)).toMatchObject({ code: 0, out: `${good} is valid: calendar, packs, roles.\n` });
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ calendar: { closures: [{ date: '24/12/2026' }] }, retention: { pdfDays: -1 }, colour: 'blue' }));
    const refused = await config('validate', bad);
    expect(refused.code).toBe(2);
    expect(refused.err.split('\n')).toEqual([
      'heard: calendar: closures.0.date: must be a real date YYYY-MM-DD',
      'heard: retention: pdfDays: must be 0 (at once) or more days',
      'heard: colour: no such setting: use calendar, packs, standards, nudge-policy, mind-of-my-own, retention',
      'heard: nothing changed: 3 problem(s)',
      '',
    ]);
    expect(await config('validate')).toMatchObject({ code: 0, out: 'The stored configuration is valid.\n' });
  });

  it('applies a whole configuration file at once, as one change', async () => {
    const whole = path.join(dir, 'council.json');
    fs.writeFileSync(whole, JSON.stringify({ calendar: { division: 'scotland' }, retention: { pdfDays: 14 }, roles: { 'head-of-service': ['hana@council.example', 'priya@council.example'] } }));
    const { code, out } = await config('set', '--file', whole, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.changes.map((c: { setting: string }) => c.setting)).toEqual(['calendar', 'retention']);
    expect(result.roles).toEqual([{ setting: 'roles.head-of-service', from: ['hana@council.example'], to: ['hana@council.example', 'priya@council.example'], applied: true }]);
  });
});

describe('heard standards, with the council’s store', () => {
  it('shows the pack’s reading and the council’s side by side, and keeps the source sentence', async () => {
    await config('set', 'standards.momo.2.1', '{"amount":5,"reason":"Cabinet decision 14/2026"}');
    await config('set', 'standards.momo.3.1', '{"disabled":true,"reason":"Children are told through the case system"}');
    const json = JSON.parse((await heard(['standards', '--json', '--pack', 'momo', '--store', file])).out);
    expect(json.find((s: { id: string }) => s.id === 'momo.2.1')).toMatchObject({
      clock: 'working-hours',
      amount: 7,
      source: { quote: 'It must be downloaded or viewed within 7 working hours.' },
      configured: { disabled: false, clock: 'working-hours', amount: 5, interpretation: null, reason: 'Cabinet decision 14/2026' },
    });
    expect(json.find((s: { id: string }) => s.id === 'momo.1.1').configured).toBeNull();
    const table = (await heard(['standards', '--pack', 'momo', '--store', file])).out;
    expect(table).toMatch(/^STANDARD +CLOCK +TITLE +COUNCIL'S READING$/m);
    expect(table).toMatch(/^momo\.2\.1 +working-hours 7 +Recipient downloads or views the statement +working-hours 5: Cabinet decision 14\/2026$/m);
    expect(table).toMatch(/^momo\.3\.1 +same-working-day +.* +switched off: Children are told through the case system$/m);
  });
});
