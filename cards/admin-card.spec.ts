import type { Impact } from '../domain/configuration-service';
import { organisationFrom } from '../domain/organisation';
import type { Person } from '../domain/person';
import { parseSettings } from '../domain/settings-registry';
import { loadBuiltInStandards, parseInstant } from '../standards';
import { actionsOf, displayedStrings, expectNoLeftovers, objectsOf, type Json } from '../test/card-json';
import { validateAdaptiveCard } from '../test/validate-card';
import { commonChangeOf } from './admin-action-data';
import { renderAdminCard } from './admin-card';
import { ADMIN_INPUTS, ADMIN_VERBS } from './admin-card-model';
import { adminOverview, adminPreview, weekWords } from './admin-view';

/**
 * The admin card in each of its states — the configuration with its forms, a preview
 * with Confirm, a preview with nothing to change, a refused form — valid Adaptive Cards
 * 1.5, each button naming only what it acts on, and a preview that lists moved deadlines
 * by case reference and standard, never a child's initials.
 */

const standards = loadBuiltInStandards();
const settings = (raw: Record<string, unknown>) => {
  const parsed = parseSettings(raw, { standards });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.values;
};
const before = organisationFrom(settings({ calendar: { week: { fri: [['09:00', '16:30']] }, closures: [{ date: '2026-12-24', name: 'Christmas Eve' }] }, packs: ['momo', 'yjs'], standards: { 'momo.2.1': { amount: 5, reason: 'Cabinet decision 14/2026' } } }), standards);
const after = organisationFrom({ ...before.settings, calendar: { ...before.settings.calendar, closures: [...before.settings.calendar.closures, { date: '2026-11-24', name: 'Snow day' }] } }, standards);
const now = parseInstant('2026-11-23T12:00:00Z');
const person = (name: string, roles: Person['roles']): Person => ({ id: `p_${name.toLowerCase()}`, aadObjectId: null, name, email: `${name.toLowerCase()}@council.example`, roles, teamId: null, lineManagerId: null });
const holders = { 'complaints-officer': [person('Cora', ['complaints-officer'])], 'head-of-service': [person('Hana', ['head-of-service'])], 'duty-manager': [], 'duty-officer': [], admin: [person('Hana', ['admin'])] };

const impact: Impact = {
  id: 'cfg_0123456789abcdef',
  at: now,
  changes: [{ key: 'calendar', from: before.settings.calendar, to: after.settings.calendar, moves: 'deadlines' }],
  examined: 40,
  moved: 10,
  closed: 0,
  replanned: 0,
  becomeOverdue: 0,
  stopBeingOverdue: 1,
  moves: Array.from({ length: 10 }, (_, i) => ({
    obligationId: `ob_${i}`,
    standardId: i === 9 ? 'core-practice.supervision.frequency' : 'momo.2.2',
    subject: i === 9 ? ('staff' as const) : ('statement' as const),
    reference: i === 9 ? 'sam@council.example' : `CR-2041${i}`,
    from: parseInstant('2026-11-24T17:00:00Z'),
    to: parseInstant('2026-11-25T17:00:00Z'),
    overdueBefore: false,
    overdueAfter: false,
  })),
  replay: {
    from: '2026-08-01',
    to: '2026-10-31',
    lines: [
      {
        standardId: 'momo.2.1',
        title: 'Recipient downloads or views the statement',
        due: 120,
        asConfigured: { met: 107, late: 13, overdue: 0, missed: 0, open: 0, closed: 0, onTimeRate: 0.8917 },
        underChange: { met: 97, late: 23, overdue: 0, missed: 0, open: 0, closed: 0, onTimeRate: 0.8083 },
      },
    ],
  },
};
const closure = { kind: 'closure' as const, date: '2026-11-24', name: 'Snow day' };

const states = [
  { name: 'the configuration, with the forms', model: adminOverview(before, holders, now, null) },
  { name: 'the configuration, after a change', model: adminOverview(after, holders, now, { text: 'Done: Add a closure day: Tue 24 Nov 2026, Snow day.', tone: 'good' as const }) },
  { name: 'a preview with Confirm', model: adminPreview(closure, impact, before, after) },
  { name: 'a preview with nothing to change', model: adminPreview(closure, { ...impact, changes: [], moved: 0, moves: [], replay: null }, before, after) },
];

describe('renderAdminCard', () => {
  describe.each(states)('$name', ({ model }) => {
    const card = renderAdminCard(model) as Json;

    it('is a valid Adaptive Card 1.5 with nothing left unfilled', () => {
      expect(validateAdaptiveCard(card)).toEqual([]);
      expectNoLeftovers(card, model);
    });

    it('has buttons that send their verb and what they act on only', () => {
      for (const action of objectsOf(card).map(({ node }) => node).filter((n) => n.type === 'Action.Execute')) {
        expect(Object.values(ADMIN_VERBS)).toContain(action.verb);
        expect(action.data).toMatchObject({ verb: action.verb });
        expect(action.fallback).toMatchObject({ type: 'Action.Submit', data: action.data });
      }
    });
  });

  it('shows the configuration by section: working hours run together, the closures to come, the council’s readings, the roles', () => {
    const strings = displayedStrings(renderAdminCard(states[0].model));
    expect(strings).toEqual(expect.arrayContaining(['Calendar', 'Mon–Thu 09:00–17:00; Fri 09:00–16:30', 'Thu 24 Dec 2026, Christmas Eve', 'momo, yjs', 'momo.2.1 (changed)', 'Cora', 'Hana']));
    expect(strings).toContain('at 50% and 75% of the allowed working time, and when due');
  });

  it('offers the three common changes as forms, each previewing with its own inputs', () => {
    const card = renderAdminCard(states[0].model) as Json;
    expect(actionsOf(card).filter((a) => a.type === 'Action.ShowCard').map((a) => a.title)).toEqual(['Add a closure day', 'Add a one-off holiday', 'Change reminders']);
    const previews = objectsOf(card).map(({ node }) => node).filter((n) => n.type === 'Action.Execute' && n.verb === ADMIN_VERBS.preview);
    expect(previews.map((p) => p.data)).toEqual([
      { verb: ADMIN_VERBS.preview, kind: 'closure' },
      { verb: ADMIN_VERBS.preview, kind: 'holiday' },
      { verb: ADMIN_VERBS.preview, kind: 'reminders' },
    ]);
    const ids = objectsOf(card).map(({ node }) => node).filter((n) => String(n.type).startsWith('Input.')).map((n) => n.id);
    expect(ids).toEqual(Object.values(ADMIN_INPUTS));
    expect(objectsOf(card).map(({ node }) => node).find((n) => n.id === ADMIN_INPUTS.reminders)).toMatchObject({ value: '50, 75' });
  });

  it('previews with the sentence, the moves by reference (a member of staff unnamed), the replay, Confirm and Cancel', () => {
    const card = renderAdminCard(states[2].model) as Json;
    const strings = displayedStrings(card);
    expect(strings).toContain('Add a closure day: Tue 24 Nov 2026, Snow day?');
    expect(strings).toContain('10 open deadlines move; 0 become overdue, 1 stops being overdue.');
    expect(strings).toContain('• CR-20410 · momo.2.2 · 17:00 Tue 24 Nov → 17:00 Wed 25 Nov');
    expect(strings).toContain('… and 2 more (heard config --dry-run --json lists them all).');
    expect(strings).toContain('momo.2.1 on-time rate, Aug–Oct 2026: 89% as configured, 81% under the change (120 deadlines).');
    expect(JSON.stringify(card)).not.toContain('sam@council.example');
    const confirm = actionsOf(card).find((a) => a.verb === ADMIN_VERBS.confirm)!;
    expect(confirm).toMatchObject({ title: 'Confirm', style: 'positive', associatedInputs: 'none' });
    expect(confirm.data).toEqual({ verb: ADMIN_VERBS.confirm, kind: 'closure', change: impact.id, date: '2026-11-24', name: 'Snow day', reminders: '', atDue: '' });
    expect(actionsOf(card).find((a) => a.verb === ADMIN_VERBS.show)).toMatchObject({ title: 'Cancel' });
  });

  it('says when the settings already say it, with no Confirm', () => {
    const card = renderAdminCard(states[3].model) as Json;
    expect(displayedStrings(card)).toContain('The settings already say that: there is nothing to change.');
    expect(actionsOf(card).map((a) => a.verb)).toEqual([ADMIN_VERBS.show]);
  });
});

describe('what an administrator types into the forms', () => {
  const input = (over: Partial<{ date: string; name: string; reminders: string; atDue: string }>) => ({ date: '', name: '', reminders: '', atDue: 'false', ...over });

  it('takes a closure with or without its name, and a holiday only with one', () => {
    expect(commonChangeOf('closure', input({ date: '2026-11-24' }))).toEqual({ ok: true, change: { kind: 'closure', date: '2026-11-24', name: 'Organisation closure' } });
    expect(commonChangeOf('holiday', input({ date: '2027-06-07' }))).toEqual({ ok: false, problem: 'Give the holiday its name, e.g. Coronation bank holiday. Nothing changed.' });
    expect(commonChangeOf('closure', input({ date: '24/11/2026' }))).toEqual({ ok: false, problem: 'Choose the date. Nothing changed.' });
  });

  it('takes reminder points as whole percentages between 1 and 99', () => {
    expect(commonChangeOf('reminders', input({ reminders: '25, 90%', atDue: 'true' }))).toEqual({ ok: true, change: { kind: 'reminders', percents: [25, 90], atDue: true } });
    expect(commonChangeOf('reminders', input({ reminders: '50, 100' }))).toMatchObject({ ok: false });
    expect(commonChangeOf('reminders', input({ reminders: 'half' }))).toMatchObject({ ok: false });
    expect(commonChangeOf(null, input({}))).toMatchObject({ ok: false });
  });

  it('words a working week whatever its shape', () => {
    expect(weekWords(after.settings.calendar.week)).toBe('Mon–Thu 09:00–17:00; Fri 09:00–16:30');
    expect(weekWords({ ...after.settings.calendar.week, mon: [], fri: [] })).toBe('Tue–Thu 09:00–17:00');
  });
});
