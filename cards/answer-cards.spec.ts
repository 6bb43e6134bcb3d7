import { actionsOf, actionTitled, bytesOf, displayedStrings as displayedStringsExcept, expectNoLeftovers, isObject, nameFor, objectsOf, personIdFor, stringsOf, TEAMS_MESSAGE_LIMIT_BYTES, type Json } from '../test/card-json';
import type { CardTone } from './adaptive-card';
import {
  ANSWER_INPUTS,
  ANSWER_VERBS,
  type AnswerCardModel,
  type ConfirmCardModel,
  type FollowUp,
  type ListQuery,
  type QueueCardModel,
  type TeamCardModel,
  type TeamPersonCardModel,
  type WorkItemModel,
  type WorklistCardModel,
} from './answer-card-models';
import { renderAnswerCard } from './answer-card';
import answerCardTemplate from './answer-card.json';
import { renderConfirmCard } from './confirm-card';
import confirmCardTemplate from './confirm-card.json';
import { renderQueueCard } from './queue-card';
import queueCardTemplate from './queue-card.json';
import { renderTeamCard } from './team-card';
import teamCardTemplate from './team-card.json';
import { renderTeamPersonCard } from './team-person-card';
import teamPersonCardTemplate from './team-person-card.json';
import { validateAdaptiveCard } from '../test/validate-card';
import { renderWorklistCard } from './worklist-card';
import worklistCardTemplate from './worklist-card.json';

// ---- walking the rendered JSON -------------------------------------------------------

/** The words a person reads, leaving out action data, fallbacks. */
function displayedStrings(value: unknown): string[] {
  return displayedStringsExcept(value, ['data', 'fallback']);
}

function textBlocks(card: object): Json[] {
  return objectsOf(card)
    .map(({ node }) => node)
    .filter((node) => node.type === 'TextBlock');
}

function textBlock(card: object, text: string): Json {
  const found = textBlocks(card).filter((block) => block.text === text);
  if (found.length !== 1) throw new Error(`expected one TextBlock "${text}", found ${found.length}`);
  return found[0];
}

// ---- what every card must be ---------------------------------------------------------

/**
 * Every action is an Execute naming its verb from ANSWER_VERBS and repeating it in its
 * data. A button falls back to an Action.Submit with the same title, data and inputs; a
 * row's `selectAction` has none (the SDK never falls back from one). No set has more
 * than five buttons.
 */
function expectWellFormedActions(card: object): void {
  const verbs: string[] = Object.values(ANSWER_VERBS);
  const selectActions = new Set(objectsOf(card).filter(({ key }) => key === 'selectAction').map(({ node }) => node));
  for (const action of actionsOf(card)) {
    expect(action.type).toBe('Action.Execute');
    expect(verbs).toContain(action.verb);
    expect(action.data).toEqual(expect.objectContaining({ verb: action.verb }));
    if (selectActions.has(action)) {
      expect(action).not.toHaveProperty('fallback');
      continue;
    }
    expect(action.fallback).toEqual({
      type: 'Action.Submit',
      title: action.title,
      ...(action.style === undefined ? {} : { style: action.style }),
      data: action.data,
      associatedInputs: action.associatedInputs,
    });
    // Only the assign form sends inputs: nothing else may be stopped by an unfilled input.
    expect(action.associatedInputs).toBe(action.verb === ANSWER_VERBS.queueAssign ? 'auto' : 'none');
  }
  for (const { node } of objectsOf(card)) {
    if (Array.isArray(node.actions)) expect(node.actions.length).toBeLessThanOrEqual(5);
  }
}

function expectSoundCard(card: object, model: object): void {
  expect(validateAdaptiveCard(card)).toEqual([]);
  expect((card as Json).version).toBe('1.5');
  expectWellFormedActions(card);
  expectNoLeftovers(card, model);
  expect(bytesOf(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
}

// ---- realistic models ----------------------------------------------------------------

const thisWeek: ListQuery = { kind: 'due', from: '2026-11-23', to: '2026-11-29' };
const overdueList: ListQuery = { kind: 'overdue', from: null, to: null };

const TYPE_LABELS = ['My World', 'Safety Link', 'Blue World', 'Independent Review', 'Care Leavers'];

/** A statement id as the service makes them (`st_` and a UUID). */
function statementIdFor(i: number): string {
  const hex = (i + 1).toString(16).padStart(8, '0');
  return `st_${hex}-7c2e-4b1d-9f3a-0c5e8d2b61a4`;
}

function initialsFor(i: number): string {
  return `${String.fromCharCode(65 + (i % 26))}.${String.fromCharCode(65 + ((i * 7) % 26))}.`;
}

const followUps: FollowUp[] = [
  { title: "What's overdue?", text: "what's overdue" },
  { title: 'Due next week', text: "what's due next week" },
  { title: 'Unopened statements', text: 'unopened' },
  { title: 'Help', text: 'help' },
];

function workItem(i: number, overrides: Partial<WorkItemModel> = {}): WorkItemModel {
  return {
    statementId: statementIdFor(i),
    obligationId: `ob_${i}`,
    reference: `CR-${20417 + i * 13}`,
    initials: initialsFor(i),
    typeLabel: TYPE_LABELS[i % TYPE_LABELS.length],
    deadline: i % 4 === 0 ? 'Open by 14:00 yesterday' : 'Tell the child by 17:00 Fri 27 Nov',
    state: i % 4 === 0 ? 'overdue' : 'running',
    standard: i % 2 === 0 ? 'momo.2.1 · Recipient downloads or views the statement' : 'momo.3.1 · The child is told what happened next',
    actions: [
      { title: 'Download', act: 'download' },
      { title: 'Show card', act: 'show' },
    ],
    record: null,
    ...overrides,
  };
}

const DAYS = ['Yesterday, Sun 22 Nov', 'Today, Mon 23 Nov', 'Tue 24 Nov', 'Wed 25 Nov', 'Fri 27 Nov'];

function groupsOf(count: number, make: (i: number) => WorkItemModel = workItem): WorklistCardModel['groups'] {
  const groups: WorklistCardModel['groups'] = [];
  for (let i = 0; i < count; i++) {
    const day = DAYS[Math.min(DAYS.length - 1, Math.floor((i * DAYS.length) / count))];
    const last = groups[groups.length - 1];
    if (last !== undefined && last.day === day) last.items.push(make(i));
    else groups.push({ day, items: [make(i)] });
  }
  return groups;
}

function worklist(overrides: Partial<WorklistCardModel> = {}): WorklistCardModel {
  return {
    title: 'Due this week',
    subtitle: '1 item, soonest first',
    note: null,
    empty: 'Nothing due this week. Enjoy it.',
    groups: [{ day: 'Today, Mon 23 Nov', items: [workItem(1)] }],
    more: null,
    list: thisWeek,
    followUps: followUps.slice(0, 2),
    ...overrides,
  };
}

function teamRow(i: number): TeamCardModel['rows'][number] {
  const overdue = i % 3 === 0 ? 1 + (i % 2) : 0;
  return {
    personId: personIdFor(i),
    name: nameFor(i),
    count: 2 + (i % 5),
    overdue,
    oldest: i % 7 === 6 ? null : `CR-${20417 + i * 13} ${initialsFor(i)} · ${overdue > 0 ? 'Open by 14:00 yesterday' : 'Acknowledge by 17:00 Fri 27 Nov'}`,
    state: overdue > 0 ? 'overdue' : 'running',
  };
}

function team(overrides: Partial<TeamCardModel> = {}): TeamCardModel {
  return {
    title: 'Team due this week',
    subtitle: 'Riverside children in care team · 4 people',
    note: null,
    empty: 'Nothing due for the team this week.',
    rows: [0, 1, 2, 4].map(teamRow),
    list: thisWeek,
    followUps: followUps.slice(0, 1),
    ...overrides,
  };
}

function teamPerson(overrides: Partial<TeamPersonCardModel> = {}): TeamPersonCardModel {
  return {
    title: 'Sam Patel: due this week',
    subtitle: '3 items, soonest first',
    empty: 'Nothing due for Sam this week.',
    groups: groupsOf(3),
    more: null,
    list: thisWeek,
    reassign: false,
    ...overrides,
  };
}

function queueItem(i: number, overrides: Partial<QueueCardModel['items'][number]> = {}): QueueCardModel['items'][number] {
  return {
    statementId: statementIdFor(i),
    reference: `CR-${30117 + i * 7}`,
    initials: initialsFor(i),
    typeLabel: TYPE_LABELS[i % TYPE_LABELS.length],
    clock: i % 5 === 0 ? 'Assign by 11:00 today · momo.1.1, 5 working hours' : 'Assign by 15:00 Tue 24 Nov · momo.1.1, 5 working hours',
    state: i % 5 === 0 ? 'overdue' : 'running',
    problem: i % 6 === 3 ? `Card not delivered to ${nameFor(i)}` : null,
    handedBack: null,
    undo: null,
    ...overrides,
  };
}

const assignees = Array.from({ length: 40 }, (_, i) => ({ title: nameFor(i), value: personIdFor(i) }));

function queue(overrides: Partial<QueueCardModel> = {}): QueueCardModel {
  return {
    title: 'Unassigned statements',
    subtitle: '2 waiting',
    empty: 'Nothing is waiting to be assigned.',
    items: [queueItem(0), queueItem(3)],
    more: null,
    assignees: assignees.slice(0, 6),
    awayWarning: null,
    followUps: followUps.slice(0, 2),
    ...overrides,
  };
}

function answer(overrides: Partial<AnswerCardModel> = {}): AnswerCardModel {
  return {
    title: '10 working days before Fri 12 Mar 2027',
    tone: null,
    lines: ['Fri 26 Feb 2027, by close of business (17:00)'],
    facts: [{ title: 'How', value: '10 working days before the event on Fri 12 Mar: Fri 26 Feb' }],
    quote: null,
    followUps: [{ title: "What's due this week?", text: "what's due this week" }],
    ...overrides,
  };
}

function confirm(overrides: Partial<ConfirmCardModel> = {}): ConfirmCardModel {
  return {
    flowId: 'fl_5d1e2c3b-8a7f-4e6d-9c0b-1a2b3c4d5e6f',
    title: 'Move 3 statements from Sam Patel to Priya Shah?',
    lines: ['Until Fri 27 Nov: new statements for Sam go to Priya too.'],
    items: ['CR-20417 J.B. · Open by 14:00 today', 'CR-20430 K.L. · Tell the child by 17:00 Fri 27 Nov', 'CR-20443 M.N. · Acknowledge by 09:00 Tue 24 Nov'],
    more: null,
    warning: null,
    choices: [{ title: 'Move them', choice: 'confirm' }],
    cancelTitle: 'Cancel',
    ...overrides,
  };
}

const notes: { text: string; tone: CardTone }[] = [
  { text: 'Team lists are for team managers, so here is your own.', tone: 'warning' },
  { text: 'Everything is on time.', tone: 'good' },
  { text: '2 statements are overdue. Your manager has been told.', tone: 'attention' },
];

// ---- the cards -----------------------------------------------------------------------

describe('renderWorklistCard', () => {
  const cases: { name: string; model: WorklistCardModel }[] = [
    { name: 'one item', model: worklist() },
    { name: 'nothing due', model: worklist({ subtitle: null, groups: [], followUps: [] }) },
    { name: 'nothing due and no empty text', model: worklist({ groups: [], empty: null, followUps: [] }) },
    { name: 'a day with no items', model: worklist({ groups: [{ day: 'Tue 24 Nov', items: [] }] }) },
    { name: 'fifteen items over five days with a note and more', model: worklist({ groups: groupsOf(15), note: notes[0], more: 'and 6 more after these', followUps }) },
    {
      name: 'overdue, one button each',
      model: worklist({
        title: 'Overdue',
        list: overdueList,
        note: notes[2],
        groups: groupsOf(4, (i) => workItem(i, { state: 'overdue', deadline: 'Open by 14:00 Fri 20 Nov', actions: [{ title: 'Acknowledge', act: 'acknowledge' }] })),
      }),
    },
    { name: 'items with no buttons', model: worklist({ groups: groupsOf(2, (i) => workItem(i, { actions: [] })), followUps: [] }) },
  ];

  it.each(cases)('$name: is a sound Adaptive Card 1.5', ({ model }) => {
    expectSoundCard(renderWorklistCard(model), model);
  });

  it('shows the title, subtitle, each day, and each item’s reference line, deadline and standard', () => {
    const m = worklist({ groups: groupsOf(6) });
    const card = renderWorklistCard(m);
    const text = displayedStrings(card);
    expect(text[0]).toBe(m.title);
    expect(text[1]).toBe(m.subtitle);
    expect(textBlocks(card).find((b) => b.text === m.title)?.style).toBe('heading');
    for (const group of m.groups) {
      expect(text).toContain(group.day);
      for (const item of group.items) {
        expect(text).toContain(`${item.reference} · ${item.initials} · ${item.typeLabel}`);
        expect(text).toContain(item.deadline);
        expect(text).toContain(item.standard);
      }
    }
    // In the model's order: days, then items within each day.
    const order = m.groups.flatMap((g) => [g.day, ...g.items.map((item) => `${item.reference} · ${item.initials} · ${item.typeLabel}`)]);
    expect(text.filter((t) => order.includes(t))).toEqual(order);
    expect(text).not.toContain(m.empty);
  });

  it('colours an overdue deadline Attention and a running one not at all', () => {
    const card = renderWorklistCard(
      worklist({
        groups: [
          {
            day: 'Today, Mon 23 Nov',
            items: [workItem(1, { deadline: 'Open by 09:00 today', state: 'overdue' }), workItem(2, { deadline: 'Open by 16:00 today', state: 'running' })],
          },
        ],
      }),
    );
    expect(textBlock(card, 'Open by 09:00 today').color).toBe('Attention');
    expect(textBlock(card, 'Open by 16:00 today').color ?? 'Default').toBe('Default');
    expect(textBlock(card, workItem(1).standard)).toEqual(expect.objectContaining({ isSubtle: true, size: 'Small' }));
  });

  it.each(notes)('a $tone note is shown in its colour', (note) => {
    const card = renderWorklistCard(worklist({ note }));
    expect(textBlock(card, note.text).color).toBe({ good: 'Default', warning: 'Attention', attention: 'Attention' }[note.tone]);
  });

  it('shows the empty text only when there is nothing to list', () => {
    const empty = renderWorklistCard(worklist({ groups: [] }));
    expect(displayedStrings(empty)).toContain('Nothing due this week. Enjoy it.');
    const allEmptyDays = renderWorklistCard(worklist({ groups: [{ day: 'Tue 24 Nov', items: [] }] }));
    expect(displayedStrings(allEmptyDays)).toContain('Nothing due this week. Enjoy it.');
    expect(displayedStrings(allEmptyDays)).not.toContain('Tue 24 Nov');
  });

  it('shows the more line', () => {
    const card = renderWorklistCard(worklist({ more: 'and 6 more after these' }));
    expect(textBlock(card, 'and 6 more after these').isSubtle).toBe(true);
  });

  it('gives each item its own buttons, sending the statement, the act and the list', () => {
    const m = worklist({ groups: groupsOf(3), followUps: [] });
    const card = renderWorklistCard(m);
    const items = m.groups.flatMap((g) => g.items);
    expect(actionsOf(card).map((a) => [a.title, a.verb, a.data])).toEqual(
      items.flatMap((item) =>
        item.actions.map(({ title, act }) => [title, ANSWER_VERBS.worklistAct, { verb: ANSWER_VERBS.worklistAct, statementId: item.statementId, act, list: thisWeek }]),
      ),
    );
    // Each item's buttons sit in that item's own set, below its lines.
    const sets = objectsOf(card).filter(({ node }) => node.type === 'ActionSet');
    expect(sets.map(({ node }) => (node.actions as Json[]).map((a) => (a.data as Json).statementId))).toEqual(
      items.map((item) => [item.statementId, item.statementId]),
    );
  });

  it('carries a list with no dates as nulls', () => {
    const card = renderWorklistCard(worklist({ list: overdueList, followUps: [] }));
    expect(actionsOf(card)[0].data).toEqual(expect.objectContaining({ list: { kind: 'overdue', from: null, to: null } }));
  });

  it('ends with at most three follow-ups, each asking its text', () => {
    const card = renderWorklistCard(worklist({ followUps }));
    const body = card.body as Json[];
    const last = body[body.length - 1];
    expect(last.type).toBe('ActionSet');
    expect((last.actions as Json[]).map((a) => [a.title, a.verb, a.data])).toEqual(
      followUps.slice(0, 3).map(({ title, text }) => [title, ANSWER_VERBS.ask, { verb: ANSWER_VERBS.ask, text }]),
    );
  });

  it('with no follow-ups and no buttons has no actions at all', () => {
    const card = renderWorklistCard(worklist({ groups: groupsOf(2, (i) => workItem(i, { actions: [] })), followUps: [] }));
    expect(actionsOf(card)).toEqual([]);
    expect(objectsOf(card).filter(({ node }) => node.type === 'ActionSet')).toEqual([]);
  });

  it('stays under Teams’ limit with 15 items of two buttons, a note and three follow-ups', () => {
    const card = renderWorklistCard(worklist({ groups: groupsOf(15), note: notes[0], more: 'and 14 more after these', followUps }));
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(bytesOf(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
  });
});

describe('renderTeamCard', () => {
  const forty = team({
    subtitle: 'Riverside children in care team · 40 people',
    note: notes[2],
    rows: Array.from({ length: 40 }, (_, i) => teamRow(i)),
    followUps,
  });

  const cases: { name: string; model: TeamCardModel }[] = [
    { name: 'four people', model: team() },
    { name: 'one person', model: team({ rows: [teamRow(0)], followUps: [] }) },
    { name: 'nobody', model: team({ rows: [], note: notes[1], followUps: [] }) },
    { name: 'nobody and no empty text', model: team({ rows: [], empty: null, subtitle: null }) },
    { name: 'overdue list', model: team({ title: 'Team overdue', list: overdueList, rows: [teamRow(0), teamRow(3)] }) },
    { name: '40 people, a note and three follow-ups', model: forty },
  ];

  it.each(cases)('$name: is a sound Adaptive Card 1.5', ({ model }) => {
    expectSoundCard(renderTeamCard(model), model);
  });

  it('keeps 40 rows under Teams’ 28 KB', () => {
    const card = renderTeamCard(forty);
    expect(bytesOf(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
  });

  it('shows each person in order: name in bold, the counts beside it, the oldest item beneath', () => {
    const m = team({ rows: [teamRow(0), teamRow(1)] });
    const card = renderTeamCard(m);
    const rows = objectsOf(card).filter(({ node }) => isObject(node.selectAction)).map(({ node }) => node);
    expect(rows).toHaveLength(2);
    const [overdueRow, runningRow] = rows;
    const inlinesOf = (row: Json): Json[] => ((row.items as Json[])[0].inlines as Json[]);

    expect(inlinesOf(overdueRow)).toEqual([
      { type: 'TextRun', text: m.rows[0].name, weight: 'Bolder' },
      { type: 'TextRun', text: ` · ${m.rows[0].count} due · ${m.rows[0].overdue} overdue`, color: 'Attention' },
    ]);
    expect((overdueRow.items as Json[])[1]).toEqual(expect.objectContaining({ text: m.rows[0].oldest, color: 'Attention', size: 'Small' }));

    expect(inlinesOf(runningRow)).toEqual([
      { type: 'TextRun', text: m.rows[1].name, weight: 'Bolder' },
      { type: 'TextRun', text: ` · ${m.rows[1].count} due` },
    ]);
    expect((runningRow.items as Json[])[1]).toEqual(expect.objectContaining({ text: m.rows[1].oldest, isSubtle: true }));
    expect((runningRow.items as Json[])[1]).not.toHaveProperty('color');
  });

  it.each([
    ['due', 3, 1, '3 due · 1 overdue'],
    ['due', 3, 0, '3 due'],
    ['unopened', 4, 1, '4 unopened · 1 overdue'],
    ['overdue', 2, 2, '2 overdue'],
  ] as const)('counts a %s list of %i with %i overdue as "%s"', (kind, count, overdue, text) => {
    const row = { ...teamRow(1), count, overdue };
    const card = renderTeamCard(team({ rows: [row], list: { ...thisWeek, kind } }));
    expect(stringsOf(card)).toContain(` · ${text}`);
  });

  it('leaves the oldest line out when there is none', () => {
    const row = { ...teamRow(1), oldest: null };
    const card = renderTeamCard(team({ rows: [row] }));
    const rowNode = objectsOf(card).find(({ node }) => isObject(node.selectAction))?.node as Json;
    expect(rowNode.items).toHaveLength(1);
  });

  it('makes each row select that person, sending the person and the list', () => {
    const card = renderTeamCard(forty);
    const selects = objectsOf(card).filter(({ key }) => key === 'selectAction').map(({ node }) => node);
    expect(selects.map((a) => [a.verb, a.data])).toEqual(
      forty.rows.map((row) => [ANSWER_VERBS.teamPerson, { verb: ANSWER_VERBS.teamPerson, personId: row.personId, list: thisWeek }]),
    );
    // No row adds a button set: the only set is the follow-ups.
    const sets = objectsOf(card).filter(({ node }) => node.type === 'ActionSet').map(({ node }) => node);
    expect(sets).toHaveLength(1);
    expect((sets[0].actions as Json[]).map((a) => a.verb)).toEqual([ANSWER_VERBS.ask, ANSWER_VERBS.ask, ANSWER_VERBS.ask]);
    expect(displayedStrings(card)).toContain('Select a person to see their items.');
  });

  it('names each row’s action by first name, or by full name when two people share it', () => {
    const rows = [
      { ...teamRow(0), name: 'Sam Patel' },
      { ...teamRow(1), name: 'Priya Shah' },
      { ...teamRow(2), name: 'Sam Okonkwo' },
      { ...teamRow(3), name: 'Cher' },
    ];
    const card = renderTeamCard(team({ rows }));
    const titles = objectsOf(card).filter(({ key }) => key === 'selectAction').map(({ node }) => node.title);
    expect(titles).toEqual(['Show Sam Patel', 'Show Priya', 'Show Sam Okonkwo', 'Show Cher']);
  });

  it('shows the empty text and no list when there is nobody', () => {
    const card = renderTeamCard(team({ rows: [], followUps: [] }));
    expect(displayedStrings(card)).toContain('Nothing due for the team this week.');
    expect(displayedStrings(card)).not.toContain('Select a person to see their items.');
    expect(actionsOf(card)).toEqual([]);
  });

  it('shows a note in its colour', () => {
    const card = renderTeamCard(team({ note: notes[0] }));
    expect(textBlock(card, notes[0].text).color).toBe('Attention');
  });
});

describe('renderTeamPersonCard', () => {
  const cases: { name: string; model: TeamPersonCardModel }[] = [
    { name: 'three items', model: teamPerson() },
    { name: 'nothing', model: teamPerson({ groups: [], subtitle: null }) },
    { name: 'nothing and no empty text', model: teamPerson({ groups: [], empty: null }) },
    { name: 'twenty items and more', model: teamPerson({ groups: groupsOf(20), more: 'and 4 more after these' }) },
    { name: 'overdue list', model: teamPerson({ list: overdueList, groups: groupsOf(3, (i) => workItem(i, { state: 'overdue' })) }) },
  ];

  it.each(cases)('$name: is a sound Adaptive Card 1.5', ({ model }) => {
    expectSoundCard(renderTeamPersonCard(model), model);
  });

  it('shows each item read-only, whatever buttons the items carry, with one way back', () => {
    const m = teamPerson();
    const card = renderTeamPersonCard(m);
    expect(actionsOf(card).map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Back to the team', ANSWER_VERBS.teamBack, { verb: ANSWER_VERBS.teamBack, list: thisWeek }],
    ]);
    const text = displayedStrings(card);
    for (const item of m.groups.flatMap((g) => g.items)) {
      expect(text).toContain(`${item.reference} · ${item.initials} · ${item.typeLabel}`);
      expect(text).toContain(item.deadline);
      expect(text).not.toContain(item.statementId);
    }
    expect(JSON.stringify(card)).not.toContain(ANSWER_VERBS.worklistAct);
  });

  it('colours overdue deadlines Attention', () => {
    const card = renderTeamPersonCard(
      teamPerson({ groups: [{ day: 'Yesterday, Sun 22 Nov', items: [workItem(1, { deadline: 'Open by 14:00 yesterday', state: 'overdue' })] }] }),
    );
    expect(textBlock(card, 'Open by 14:00 yesterday').color).toBe('Attention');
  });

  it('goes back to the same list', () => {
    const card = renderTeamPersonCard(teamPerson({ list: overdueList }));
    expect(actionTitled(card, 'Back to the team').data).toEqual({ verb: ANSWER_VERBS.teamBack, list: overdueList });
  });

  it('shows the empty text when there is nothing', () => {
    const card = renderTeamPersonCard(teamPerson({ groups: [] }));
    expect(displayedStrings(card)).toContain('Nothing due for Sam this week.');
  });
});

describe('renderQueueCard', () => {
  const thirty = queue({
    subtitle: '42 waiting, most urgent first',
    items: Array.from({ length: 30 }, (_, i) => queueItem(i)),
    more: 'and 12 more waiting',
    assignees,
    followUps,
  });

  const cases: { name: string; model: QueueCardModel }[] = [
    { name: 'two items', model: queue() },
    { name: 'one item', model: queue({ items: [queueItem(1)], subtitle: '1 waiting' }) },
    { name: 'nothing waiting', model: queue({ items: [], subtitle: null, followUps: [] }) },
    { name: 'nothing waiting and no empty text', model: queue({ items: [], empty: null }) },
    { name: 'nobody to assign to', model: queue({ assignees: [] }) },
    { name: 'an overdue item and an undelivered card', model: queue({ items: [queueItem(0), queueItem(3, { state: 'overdue' })], followUps: [] }) },
    { name: '30 items, 40 people and three follow-ups', model: thirty },
  ];

  it.each(cases)('$name: is a sound Adaptive Card 1.5', ({ model }) => {
    expectSoundCard(renderQueueCard(model), model);
  });

  it('keeps 30 items with 40 people to choose under Teams’ 28 KB', () => {
    expect(bytesOf(renderQueueCard(thirty))).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
  });

  it('shows each item: the reference line, the clock coloured by state, and any problem in bold Attention (never a pale Warning)', () => {
    const m = queue({ items: [queueItem(0), queueItem(1), queueItem(3)] });
    const card = renderQueueCard(m);
    const text = displayedStrings(card);
    for (const item of m.items) expect(text).toContain(`${item.reference} · ${item.initials} · ${item.typeLabel}`);
    const clocks = textBlocks(card).filter((b) => m.items.some((item) => item.clock === b.text));
    expect(clocks.map((b) => b.color)).toEqual(['Attention', 'Default', 'Default']);
    const problems = textBlocks(card).filter((b) => b.color === 'Attention' && b.weight === 'Bolder' && b.size === 'Small');
    expect(problems.map((b) => b.text)).toEqual([m.items[2].problem]);
  });

  it('has one assign form: which statement, to whom, both required, then Assign', () => {
    const m = queue({ items: [queueItem(0), queueItem(3)] });
    const card = renderQueueCard(m);
    const inputs = objectsOf(card).map(({ node }) => node).filter((n) => String(n.type).startsWith('Input.'));
    expect(inputs).toEqual([
      expect.objectContaining({
        type: 'Input.ChoiceSet',
        id: ANSWER_INPUTS.queueStatementId,
        label: expect.any(String),
        isRequired: true,
        errorMessage: expect.any(String),
        choices: m.items.map((item) => ({ title: `${item.reference} ${item.initials}`, value: item.statementId })),
      }),
      expect.objectContaining({
        type: 'Input.ChoiceSet',
        id: ANSWER_INPUTS.queuePersonId,
        style: 'filtered',
        label: expect.any(String),
        isRequired: true,
        errorMessage: expect.any(String),
        choices: m.assignees,
      }),
    ]);
    expect(inputs[0]).not.toHaveProperty('value');
    expect(actionTitled(card, 'Assign')).toEqual(
      expect.objectContaining({
        type: 'Action.Execute',
        verb: ANSWER_VERBS.queueAssign,
        data: { verb: ANSWER_VERBS.queueAssign },
        associatedInputs: 'auto',
      }),
    );
  });

  it('chooses the statement already when there is only one', () => {
    const card = renderQueueCard(queue({ items: [queueItem(4)] }));
    const statementInput = objectsOf(card).find(({ node }) => node.id === ANSWER_INPUTS.queueStatementId)?.node;
    expect(statementInput?.value).toBe(queueItem(4).statementId);
  });

  it.each([
    ['nothing waiting', queue({ items: [] })],
    ['nobody to assign to', queue({ assignees: [] })],
  ])('has no form when there is %s', (_, m) => {
    const card = renderQueueCard(m);
    expect(objectsOf(card).filter(({ node }) => String(node.type).startsWith('Input.'))).toEqual([]);
    expect(actionsOf(card).map((a) => a.verb)).not.toContain(ANSWER_VERBS.queueAssign);
  });

  it('shows the empty text only when nothing is waiting', () => {
    expect(displayedStrings(renderQueueCard(queue({ items: [] })))).toContain('Nothing is waiting to be assigned.');
    expect(displayedStrings(renderQueueCard(queue()))).not.toContain('Nothing is waiting to be assigned.');
  });

  it('ends with at most three follow-ups that send no inputs', () => {
    const card = renderQueueCard(thirty);
    const asks = actionsOf(card).filter((a) => a.verb === ANSWER_VERBS.ask);
    expect(asks.map((a) => [a.title, a.data, a.associatedInputs])).toEqual(
      followUps.slice(0, 3).map(({ title, text }) => [title, { verb: ANSWER_VERBS.ask, text }, 'none']),
    );
    expect(displayedStrings(card)).toContain('and 12 more waiting');
  });
});

describe('renderAnswerCard', () => {
  const cases: { name: string; model: AnswerCardModel }[] = [
    { name: 'when arithmetic', model: answer() },
    {
      name: 'a standard with its source sentence',
      model: answer({
        title: 'momo.2.1 · Recipient downloads or views the statement',
        lines: ['Within 7 working hours of the statement being assigned.'],
        facts: [
          { title: 'Clock starts', value: 'When the statement is assigned' },
          { title: 'Escalates to', value: 'Team manager' },
        ],
        quote: { text: 'The allocated worker must open the statement within 7 working hours of allocation.', source: 'Riverside practice standards 2026, section 2.1' },
        followUps,
      }),
    },
    { name: 'a greeting with no facts nor follow-ups', model: answer({ title: 'Hello Sam', lines: [], facts: [], followUps: [] }) },
    { name: "I didn't understand", model: answer({ title: "Sorry, I didn't understand that", tone: 'warning', lines: ['Try one of these:'], facts: [] }) },
    { name: 'an attention title', model: answer({ tone: 'attention' }) },
  ];

  it.each(cases)('$name: is a sound Adaptive Card 1.5', ({ model }) => {
    expectSoundCard(renderAnswerCard(model), model);
  });

  it.each([
    [null, 'Default'],
    ['good', 'Default'],
    ['warning', 'Attention'],
    ['attention', 'Attention'],
  ] as const)('a %s tone colours the title %s', (tone, colour) => {
    const card = renderAnswerCard(answer({ tone }));
    expect((card.body as Json[])[0]).toEqual(expect.objectContaining({ text: answer().title, style: 'heading', color: colour }));
  });

  it('shows the lines in order, then the facts', () => {
    const m = answer({ lines: ['First', 'Second'], facts: [{ title: 'How', value: 'Counted' }, { title: 'Why', value: 'Standard 1.1' }] });
    const card = renderAnswerCard(m);
    const body = card.body as Json[];
    expect(body.slice(1, 3).map((b) => b.text)).toEqual(['First', 'Second']);
    expect(body[3]).toEqual({ type: 'FactSet', facts: m.facts });
  });

  it('shows the quote in a shaded box with its source beneath, small and subtle', () => {
    const quote = { text: 'The worker must tell the child what happened next.', source: 'Practice standards 2026, 3.1' };
    const card = renderAnswerCard(answer({ quote }));
    const box = objectsOf(card).find(({ node }) => node.type === 'Container')?.node as Json;
    expect(box.style).toBe('emphasis');
    expect(box.items).toEqual([
      expect.objectContaining({ type: 'TextBlock', text: quote.text, wrap: true }),
      expect.objectContaining({ type: 'TextBlock', text: quote.source, isSubtle: true, size: 'Small', wrap: true }),
    ]);
  });

  it('without facts, quote or follow-ups shows only the title and lines', () => {
    const card = renderAnswerCard(answer({ facts: [], followUps: [] }));
    expect((card.body as Json[]).map((b) => b.type)).toEqual(['TextBlock', 'TextBlock']);
    expect(actionsOf(card)).toEqual([]);
  });

  it('offers at most three follow-ups, each asking its text', () => {
    const card = renderAnswerCard(answer({ followUps }));
    expect(actionsOf(card).map((a) => [a.title, a.verb, a.data])).toEqual(
      followUps.slice(0, 3).map(({ title, text }) => [title, ANSWER_VERBS.ask, { verb: ANSWER_VERBS.ask, text }]),
    );
  });
});

describe('renderConfirmCard', () => {
  const cases: { name: string; model: ConfirmCardModel }[] = [
    { name: 'a reassignment', model: confirm() },
    {
      name: 'being away, with two choices',
      model: confirm({
        title: 'Record you as away from Mon 23 Nov to Fri 27 Nov?',
        items: [],
        choices: [
          { title: 'Record it', choice: 'record' },
          { title: 'Record it and move my 3 open statements', choice: 'record-and-move' },
        ],
      }),
    },
    { name: 'many items and more', model: confirm({ items: Array.from({ length: 10 }, (_, i) => `CR-${20417 + i} ${initialsFor(i)} · Open by 14:00 today`), more: 'and 14 more' }) },
    { name: 'no lines', model: confirm({ lines: [] }) },
  ];

  it.each(cases)('$name: is a sound Adaptive Card 1.5', ({ model }) => {
    expectSoundCard(renderConfirmCard(model), model);
  });

  it('shows the title, lines, each item as a bullet and the more line', () => {
    const m = confirm({ more: 'and 2 more' });
    const card = renderConfirmCard(m);
    expect(displayedStrings(card.body)).toEqual([m.title, ...m.lines, ...m.items.map((item) => `• ${item}`), 'and 2 more']);
  });

  it('has one button per choice, the first positive, then cancel', () => {
    const m = confirm({
      choices: [
        { title: 'Record it', choice: 'record' },
        { title: 'Record it and move my 3 open statements', choice: 'record-and-move' },
      ],
      cancelTitle: 'Not now',
    });
    const card = renderConfirmCard(m);
    expect(actionsOf(card).map((a) => [a.title, a.verb, a.data, a.style ?? 'default'])).toEqual([
      ['Record it', ANSWER_VERBS.flowConfirm, { verb: ANSWER_VERBS.flowConfirm, flowId: m.flowId, choice: 'record' }, 'positive'],
      ['Record it and move my 3 open statements', ANSWER_VERBS.flowConfirm, { verb: ANSWER_VERBS.flowConfirm, flowId: m.flowId, choice: 'record-and-move' }, 'default'],
      ['Not now', ANSWER_VERBS.flowCancel, { verb: ANSWER_VERBS.flowCancel, flowId: m.flowId }, 'default'],
    ]);
  });
});

// ---- text from outside ---------------------------------------------------------------

describe('text from outside cannot break the templates', () => {
  /** Strings a name, a reference or a typed question could hold. */
  const H = {
    a: '${title}',
    b: 'CR-${x} {A}$',
    c: '$root',
    d: '${$root.verbs.teamBack}',
    e: '${if(true, "x", "y")}',
    f: "O'Brien ${name}, \"Kim\" @{b}",
    g: '${$data}',
    h: '$' + '{list}',
  };
  const hostileList: ListQuery = { kind: 'due', from: '${from}', to: '$root' };
  const hostileFollowUps: FollowUp[] = [{ title: H.a, text: H.d }];
  const hostileItem = (): WorkItemModel =>
    workItem(1, { statementId: H.h, reference: H.b, initials: H.c, typeLabel: H.g, deadline: H.e, standard: H.f, actions: [{ title: H.b, act: 'show' }] });

  it('the worklist renders each value literally', () => {
    const m = worklist({ title: H.a, subtitle: H.c, note: { text: H.d, tone: 'good' }, groups: [{ day: H.e, items: [hostileItem()] }], more: H.g, list: hostileList, followUps: hostileFollowUps });
    const card = renderWorklistCard(m);
    expectSoundCard(card, m);
    const text = stringsOf(card);
    for (const value of [H.a, H.c, H.d, H.e, H.f, H.g, `${H.b} · ${H.c} · ${H.g}`]) expect(text).toContain(value);
    expect(actionTitled(card, H.b).data).toEqual({ verb: ANSWER_VERBS.worklistAct, statementId: H.h, act: 'show', list: hostileList });
    expect(actionsOf(card).find((a) => a.verb === ANSWER_VERBS.ask)?.data).toEqual({ verb: ANSWER_VERBS.ask, text: H.d });
  });

  it('the team card renders each value literally', () => {
    const rows = [{ personId: H.c, name: H.f, count: 3, overdue: 1, oldest: H.e, state: 'overdue' as const }, { ...teamRow(1), name: H.a }];
    const m = team({ title: H.b, subtitle: H.g, note: { text: H.d, tone: 'attention' }, rows, list: hostileList, followUps: hostileFollowUps });
    const card = renderTeamCard(m);
    expectSoundCard(card, m);
    const text = stringsOf(card);
    for (const value of [H.b, H.g, H.d, H.f, H.e, H.a]) expect(text).toContain(value);
    const selects = objectsOf(card).filter(({ key }) => key === 'selectAction').map(({ node }) => node);
    expect(selects.map((a) => [a.title, a.data])).toEqual([
      ["Show O'Brien", { verb: ANSWER_VERBS.teamPerson, personId: H.c, list: hostileList }],
      [`Show ${H.a}`, { verb: ANSWER_VERBS.teamPerson, personId: rows[1].personId, list: hostileList }],
    ]);
  });

  it('the drill-down renders each value literally', () => {
    const m = teamPerson({ title: H.a, subtitle: H.d, groups: [{ day: H.c, items: [hostileItem()] }], more: H.e, list: hostileList });
    const card = renderTeamPersonCard(m);
    expectSoundCard(card, m);
    const text = stringsOf(card);
    for (const value of [H.a, H.d, H.c, H.e, H.f, `${H.b} · ${H.c} · ${H.g}`]) expect(text).toContain(value);
    expect(actionTitled(card, 'Back to the team').data).toEqual({ verb: ANSWER_VERBS.teamBack, list: hostileList });
  });

  it('the queue renders each value literally', () => {
    const items = [queueItem(0, { statementId: H.a, reference: H.b, initials: H.c, typeLabel: H.g, clock: H.e, problem: H.f }), queueItem(1)];
    const m = queue({ title: H.d, subtitle: H.h, items, more: H.a, assignees: [{ title: H.f, value: H.d }], followUps: hostileFollowUps });
    const card = renderQueueCard(m);
    expectSoundCard(card, m);
    const text = stringsOf(card);
    for (const value of [H.d, H.h, H.e, H.f, H.a, `${H.b} · ${H.c} · ${H.g}`]) expect(text).toContain(value);
    const statementInput = objectsOf(card).find(({ node }) => node.id === ANSWER_INPUTS.queueStatementId)?.node as Json;
    expect((statementInput.choices as Json[])[0]).toEqual({ title: `${H.b} ${H.c}`, value: H.a });
    const personInput = objectsOf(card).find(({ node }) => node.id === ANSWER_INPUTS.queuePersonId)?.node as Json;
    expect(personInput.choices).toEqual([{ title: H.f, value: H.d }]);
  });

  it('the answer card renders each value literally', () => {
    const m = answer({ title: H.a, tone: 'warning', lines: [H.g, H.c], facts: [{ title: H.d, value: H.e }], quote: { text: H.f, source: H.h }, followUps: hostileFollowUps });
    const card = renderAnswerCard(m);
    expectSoundCard(card, m);
    expect(displayedStrings(card)).toEqual([H.a, H.g, H.c, H.d, H.e, H.f, H.h, H.a]);
    expect(actionsOf(card)[0].data).toEqual({ verb: ANSWER_VERBS.ask, text: H.d });
  });

  it('the confirm card renders each value literally', () => {
    const m = confirm({ flowId: H.c, title: H.a, lines: [H.d], items: [H.e, H.g], more: H.f, choices: [{ title: H.b, choice: H.h }], cancelTitle: H.g });
    const card = renderConfirmCard(m);
    expectSoundCard(card, m);
    expect(displayedStrings(card.body)).toEqual([H.a, H.d, `• ${H.e}`, `• ${H.g}`, H.f]);
    expect(actionsOf(card).map((a) => [a.title, a.data])).toEqual([
      [H.b, { verb: ANSWER_VERBS.flowConfirm, flowId: H.c, choice: H.h }],
      [H.g, { verb: ANSWER_VERBS.flowCancel, flowId: H.c }],
    ]);
  });
});

// ---- the templates themselves ---------------------------------------------------------

describe('the templates', () => {
  const templates = {
    worklist: worklistCardTemplate,
    team: teamCardTemplate,
    teamPerson: teamPersonCardTemplate,
    queue: queueCardTemplate,
    answer: answerCardTemplate,
    confirm: confirmCardTemplate,
  };

  it.each(Object.entries(templates))('%s takes every verb and input id from the card data', (_, template) => {
    const bound = (value: unknown): boolean => typeof value === 'string' && /^\$\{[^}]+\}$/.test(value);
    for (const { node } of objectsOf(template)) {
      if ('verb' in node) expect({ verb: node.verb, bound: bound(node.verb) }).toEqual({ verb: node.verb, bound: true });
      if ('id' in node) expect({ id: node.id, bound: bound(node.id) }).toEqual({ id: node.id, bound: true });
    }
    const verbs: string[] = Object.values(ANSWER_VERBS);
    expect(stringsOf(template).filter((text) => verbs.includes(text))).toEqual([]);
  });

  it.each(Object.entries(templates))('%s declares Adaptive Cards 1.5', (_, template) => {
    expect(template).toEqual(expect.objectContaining({ type: 'AdaptiveCard', version: '1.5' }));
  });
});
