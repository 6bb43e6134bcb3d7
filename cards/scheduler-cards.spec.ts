import { actionsOf, actionTitled, bytesOf, displayedStrings as displayedStringsExcept, expectNoLeftovers, nameFor, objectsOf, personIdFor, stringsOf, TEAMS_MESSAGE_LIMIT_BYTES, type Json } from '../test/card-json';
import { ANSWER_INPUTS, ANSWER_VERBS } from './answer-card-models';
import { DIGEST_QUESTIONS, MAX_DIGEST_ITEMS, MAX_DIGEST_PEOPLE, renderDigestCard, type DigestCardData, type ManagerDigestData, type ParticipationDigestData, type WorkerDigestData } from './digest-card';
import digestCardTemplate from './digest-card.json';
import { MAX_ESCALATION_PEOPLE, renderEscalationCard, teamsChatUrl, type EscalationCardData } from './escalation-card';
import escalationCardTemplate from './escalation-card.json';
import { progressPhrase, QUEUE_QUESTION, renderNudgeCard, type NudgeCardData } from './nudge-card';
import nudgeCardTemplate from './nudge-card.json';
import { renderUndeliveredNoticeCard, type UndeliveredNoticeCardData } from './undelivered-notice-card';
import undeliveredNoticeCardTemplate from './undelivered-notice-card.json';
import { validateAdaptiveCard } from '../test/validate-card';

/**
 * The cards the scheduler sends: nudges, escalations, morning digests and the notice
 * that someone could not be reached. Each is checked by Microsoft's Adaptive Cards SDK
 * at 1.5 and against Teams' 28 KB message limit with the longest lists it can carry.
 */

// ---- walking the rendered JSON -------------------------------------------------------

/** The words a person reads, leaving out action data, fallbacks and choice lists. */
function displayedStrings(value: unknown): string[] {
  return displayedStringsExcept(value, ['data', 'fallback', 'choices']);
}

function titlesOf(card: object): string[] {
  return actionsOf(card).map((a) => String(a.title));
}

function inputsOf(card: object): Json[] {
  return objectsOf(card)
    .map(({ node }) => node)
    .filter((node) => String(node.type).startsWith('Input.'));
}

function heading(card: object): Json {
  return (card as { body: Json[] }).body[0];
}

// ---- what every card must be ---------------------------------------------------------

/**
 * Every Execute names a verb of ANSWER_VERBS, repeats it in its data and falls back to an
 * Action.Submit with the same title, style, data and inputs; only "Reassign" sends
 * inputs. OpenUrl goes to Teams; ShowCard holds a form. No set has more than five.
 */
function expectWellFormedActions(card: object): void {
  const verbs: string[] = Object.values(ANSWER_VERBS);
  for (const action of actionsOf(card)) {
    expect(['Action.Execute', 'Action.OpenUrl', 'Action.ShowCard']).toContain(action.type);
    if (action.type === 'Action.OpenUrl') {
      expect(String(action.url)).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=[^&\s]+$/);
      continue;
    }
    if (action.type === 'Action.ShowCard') continue;
    expect(verbs).toContain(action.verb);
    expect(action.data).toEqual(expect.objectContaining({ verb: action.verb }));
    expect(action.fallback).toEqual({
      type: 'Action.Submit',
      title: action.title,
      ...(action.style === undefined ? {} : { style: action.style }),
      data: action.data,
      associatedInputs: action.associatedInputs,
    });
    expect(action.associatedInputs).toBe(action.verb === ANSWER_VERBS.escalationReassign ? 'auto' : 'none');
  }
  for (const { node } of objectsOf(card)) {
    if (Array.isArray(node.actions)) expect(node.actions.length).toBeLessThanOrEqual(5);
  }
}

function expectSoundCard(card: object, data: object): void {
  expect(validateAdaptiveCard(card)).toEqual([]);
  expect((card as Json).version).toBe('1.5');
  expectWellFormedActions(card);
  expectNoLeftovers(card, data);
  expect(bytesOf(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
}

// ---- realistic data ------------------------------------------------------------------

const STATEMENT_ID = 'st_0000002a-7c2e-4b1d-9f3a-0c5e8d2b61a4';
const OBLIGATION_ID = 'ob_5d1e2c3b-8a7f-4e6d-9c0b-1a2b3c4d5e6f';

function nudge(overrides: Partial<NudgeCardData> = {}): NudgeCardData {
  return {
    kind: 'reminder',
    percent: 50,
    statementId: STATEMENT_ID,
    reference: 'C-1001',
    standardSource: 'Mind Of My Own practice standards, 2.1',
    standardTitle: 'Recipient downloads or views the statement',
    deadline: 'Open by 14:00 Mon 23 Nov',
    coveringFor: null,
    teamHeld: false,
    ...overrides,
  };
}

const people = Array.from({ length: 40 }, (_, i) => ({ title: `${nameFor(i)} (${['North', 'South', 'Leaving care'][i % 3]} children in care team)`, value: personIdFor(i) }));

function escalation(overrides: Partial<EscalationCardData> = {}): EscalationCardData {
  return {
    variant: 'manager',
    statementId: STATEMENT_ID,
    obligationId: OBLIGATION_ID,
    reference: 'C-1001',
    standardSource: 'Mind Of My Own practice standards, 2.1',
    standardTitle: 'Recipient downloads or views the statement',
    deadline: '17:00 Mon 23 Nov',
    late: '3 working hours late',
    worker: { name: 'Sam Patel', email: 'sam.patel@council.example' },
    coveringFor: null,
    holders: 'Sam Patel',
    withYou: false,
    people: people.slice(0, 5),
    outcome: null,
    movedTo: 'the line manager',
    followUp: null,
    ...overrides,
  };
}

function participation(size: number): ParticipationDigestData {
  return {
    audience: 'participation',
    day: 'Mon 23 Nov',
    unassigned: {
      count: size,
      items: Array.from({ length: size }, (_, i) => ({
        reference: `C-${30117 + i * 7}`,
        waiting: `waiting ${i + 1} working hour${i === 0 ? '' : 's'}`,
        deadline: i % 3 === 0 ? 'Assign by 11:00 today: overdue' : 'Assign by 15:00 Tue 24 Nov',
        standardTitle: 'Statement is assigned to the intended member of staff',
        state: i % 3 === 0 ? 'overdue' : 'running',
      })),
    },
    undelivered: {
      count: size,
      items: Array.from({ length: size }, (_, i) => ({ reference: `C-${40117 + i}`, recipient: nameFor(i), reason: (['not-installed', 'forbidden', 'conversation-gone'] as const)[i % 3] })),
    },
    breaches: {
      since: 'since Fri 20 Nov',
      count: size,
      items: Array.from({ length: size }, (_, i) => ({ reference: `C-${50117 + i}`, standardTitle: i % 2 === 0 ? 'Recipient downloads or views the statement' : 'Visits at least every six weeks', owner: i % 5 === 4 ? null : nameFor(i), deadline: '17:00 Fri 20 Nov' })),
    },
  };
}

function manager(size: number): ManagerDigestData {
  return {
    audience: 'manager',
    day: 'Mon 23 Nov',
    teamName: 'Riverside children in care team',
    people: Array.from({ length: size }, (_, i) => ({ name: nameFor(i), count: 1 + (i % 4), mostUrgent: `C-${20417 + i} · Save to the case record: overdue since 17:00 Fri 20 Nov` })),
    foundOverdue: { count: 0, items: [] },
  };
}

function worker(size: number): WorkerDigestData {
  return {
    audience: 'worker',
    day: 'Mon 23 Nov',
    dueToday: {
      count: size,
      items: Array.from({ length: size }, (_, i) => ({
        reference: `C-${20417 + i}`,
        deadline: i === 0 ? 'Open: overdue since 09:00 today' : `Tell the child by 1${i % 8}:00 today`,
        standardTitle: i % 2 === 0 ? 'Recipient downloads or views the statement' : 'The child is told the statement was received',
        state: i === 0 ? 'overdue' : 'running',
      })),
    },
  };
}

function notice(overrides: Partial<UndeliveredNoticeCardData> = {}): UndeliveredNoticeCardData {
  return {
    kind: 'escalation',
    reason: 'not-installed',
    recipient: { name: 'Priya Shah', email: 'priya.shah@council.example' },
    reference: 'C-1001',
    standard: 'Participation Team contacts the worker about an unopened statement · Mind Of My Own practice standards, 2.2',
    ...overrides,
  };
}

// ---- nudges --------------------------------------------------------------------------

describe('renderNudgeCard', () => {
  const cases: { name: string; data: NudgeCardData }[] = [
    { name: 'a reminder at half time', data: nudge() },
    { name: 'a reminder at three quarters, to someone covering', data: nudge({ percent: 75, coveringFor: 'Sam Patel' }) },
    { name: 'due now, held by the participation team', data: nudge({ kind: 'due', percent: null, standardSource: 'momo.1.1', standardTitle: 'Statement is assigned to the intended member of staff', deadline: 'Assign by 14:30 today', teamHeld: true }) },
    { name: 'a Safety Link to act on now', data: nudge({ kind: 'immediate', percent: null, standardSource: 'Youth justice service standards for Mind Of My Own, Safety Link', standardTitle: 'Case manager follows up the Safety Link', deadline: 'Now (sent 10:02 Mon 23 Nov)' }) },
  ];

  it.each(cases)('$name: is a sound Adaptive Card 1.5', ({ data }) => {
    expectSoundCard(renderNudgeCard(data), data);
  });

  it.each([
    [50, 'Half the time allowed has gone'],
    [75, 'Three quarters of the time allowed has gone'],
    [25, 'A quarter of the time allowed has gone'],
    [67, 'Two thirds of the time allowed has gone'],
    [90, '90% of the time allowed has gone'],
    [49.6, 'Half the time allowed has gone'],
  ])('words %d%% as "%s"', (percent, words) => {
    expect(progressPhrase(percent)).toBe(words);
  });

  it('a reminder leads with the progress, in Attention from three quarters (never a pale Warning)', () => {
    expect(heading(renderNudgeCard(nudge()))).toEqual(expect.objectContaining({ text: 'Half the time allowed has gone', style: 'heading', color: 'Default' }));
    expect(heading(renderNudgeCard(nudge({ percent: 75 })))).toEqual(expect.objectContaining({ text: 'Three quarters of the time allowed has gone', color: 'Attention' }));
  });

  it('"due" says "Due now"; an immediate standard says "Act now" in red with the button to act', () => {
    expect(heading(renderNudgeCard(nudge({ kind: 'due', percent: null })))).toEqual(expect.objectContaining({ text: 'Due now', color: 'Attention' }));
    const urgent = renderNudgeCard(nudge({ kind: 'immediate', percent: null }));
    expect(heading(urgent)).toEqual(expect.objectContaining({ text: 'Act now', color: 'Attention' }));
    expect(displayedStrings(urgent)).toContain('Statement C-1001 needs action straight away.');
    expect(actionTitled(urgent, 'Show statement').style).toBe('positive');
  });

  it('shows the child’s reference, the standard with its title and the exact deadline — nothing else about the child', () => {
    const data = nudge();
    const card = renderNudgeCard(data);
    const facts = objectsOf(card).find(({ node }) => node.type === 'FactSet')?.node.facts;
    expect(facts).toEqual([
      { title: 'Statement', value: 'C-1001' },
      { title: 'Standard', value: 'Recipient downloads or views the statement · Mind Of My Own practice standards, 2.1' },
      { title: 'Deadline', value: 'Open by 14:00 Mon 23 Nov' },
    ]);
  });

  it('says whom it is for when sent to someone covering', () => {
    expect(displayedStrings(renderNudgeCard(nudge({ coveringFor: 'Sam Patel' })))).toContain('For Sam Patel, who is away.');
    expect(displayedStrings(renderNudgeCard(nudge())).join(' ')).not.toContain('away');
  });

  it('"Show statement" names the statement; "Open the queue" asks for the queue, only for team-held items', () => {
    const own = renderNudgeCard(nudge());
    expect(titlesOf(own)).toEqual(['Show statement']);
    expect(actionTitled(own, 'Show statement')).toEqual(
      expect.objectContaining({ verb: ANSWER_VERBS.nudgeShow, data: { verb: ANSWER_VERBS.nudgeShow, statementId: STATEMENT_ID }, associatedInputs: 'none' }),
    );
    const held = renderNudgeCard(nudge({ teamHeld: true }));
    expect(titlesOf(held)).toEqual(['Show statement', 'Open the queue']);
    expect(actionTitled(held, 'Open the queue').data).toEqual({ verb: ANSWER_VERBS.ask, text: QUEUE_QUESTION });
  });
});

// ---- escalations ---------------------------------------------------------------------

describe('renderEscalationCard', () => {
  const cases: { name: string; data: EscalationCardData }[] = [
    { name: 'to the line manager', data: escalation() },
    { name: 'to the line manager, forty people to choose from', data: escalation({ people }) },
    { name: 'moved to the manager by the standard (momo 2.2)', data: escalation({ variant: 'reassigned', standardSource: 'momo.2.2', standardTitle: 'Statement not opened within 2 working days', holders: 'you', withYou: true, late: '1 working day late' }) },
    { name: 'to the participation team', data: escalation({ variant: 'team', people: [] }) },
    { name: 'after a press, with the outcome', data: escalation({ outcome: 'Now with you.', holders: 'you', withYou: true }) },
    { name: 'to a manager covering, with nobody to choose and no email', data: escalation({ coveringFor: 'Priya Shah', people: [], worker: { name: 'Sam Patel', email: null } }) },
    { name: 'a queue clock with no worker', data: escalation({ variant: 'team', worker: null, holders: null, standardSource: 'momo.1.1', standardTitle: 'Statement is assigned' }) },
  ];

  it.each(cases)('$name: is a sound Adaptive Card 1.5', ({ data }) => {
    expectSoundCard(renderEscalationCard(data), data);
  });

  it('says what was missed, when, how late, whose it was and who has it now', () => {
    const card = renderEscalationCard(escalation());
    expect(heading(card)).toEqual(expect.objectContaining({ text: 'Missed deadline: C-1001', color: 'Attention' }));
    expect(displayedStrings(card)).toContain('Sam Patel missed the deadline for statement C-1001.');
    expect(objectsOf(card).find(({ node }) => node.type === 'FactSet')?.node.facts).toEqual([
      { title: 'Statement', value: 'C-1001' },
      { title: 'Standard', value: 'Recipient downloads or views the statement · Mind Of My Own practice standards, 2.1' },
      { title: 'Deadline', value: '17:00 Mon 23 Nov' },
      { title: 'Late', value: '3 working hours late' },
      { title: 'Whose', value: 'Sam Patel' },
      { title: 'Now with', value: 'Sam Patel' },
    ]);
  });

  it('offers the manager: Reassign to me, Reassign to… (a required choice of people) and a Teams chat with the worker', () => {
    const data = escalation();
    const card = renderEscalationCard(data);
    expect(titlesOf(card)).toEqual(['Reassign to me', 'Reassign to…', 'Reassign', 'Contact Sam Patel']);
    const sent = { statementId: STATEMENT_ID, obligationId: OBLIGATION_ID, variant: 'manager' };
    expect(actionTitled(card, 'Reassign to me')).toEqual(
      expect.objectContaining({ type: 'Action.Execute', verb: ANSWER_VERBS.escalationTake, data: { verb: ANSWER_VERBS.escalationTake, ...sent }, associatedInputs: 'none' }),
    );
    const form = actionTitled(card, 'Reassign to…');
    expect(form.type).toBe('Action.ShowCard');
    expect(inputsOf(form)).toEqual([
      expect.objectContaining({ type: 'Input.ChoiceSet', id: ANSWER_INPUTS.escalationPersonId, style: 'filtered', isRequired: true, label: 'Reassign to', errorMessage: expect.any(String), choices: data.people }),
    ]);
    expect(actionTitled(card, 'Reassign')).toEqual(
      expect.objectContaining({ verb: ANSWER_VERBS.escalationReassign, data: { verb: ANSWER_VERBS.escalationReassign, ...sent }, associatedInputs: 'auto' }),
    );
    expect(actionTitled(card, 'Contact Sam Patel')).toEqual({ type: 'Action.OpenUrl', title: 'Contact Sam Patel', url: 'https://teams.microsoft.com/l/chat/0/0?users=sam.patel%40council.example' });
  });

  it('when the standard moved it to the manager, says so and offers no "Reassign to me"', () => {
    const card = renderEscalationCard(escalation({ variant: 'reassigned', holders: 'you', withYou: true }));
    expect(heading(card).text).toBe('C-1001 is now with you');
    expect(displayedStrings(card).join(' ')).toContain('Heard has reassigned it to you');
    expect(titlesOf(card)).toEqual(['Reassign to…', 'Reassign', 'Contact Sam Patel']);
    expect(actionTitled(card, 'Reassign').data).toEqual(expect.objectContaining({ variant: 'reassigned' }));
  });

  it('tells the participation team the facts, with Contact and Open the queue and nothing to reassign', () => {
    const card = renderEscalationCard(escalation({ variant: 'team' }));
    expect(heading(card)).toEqual(expect.objectContaining({ text: 'Missed deadline: C-1001', color: 'Attention' }));
    expect(titlesOf(card)).toEqual(['Contact Sam Patel', 'Open the queue']);
    expect(actionTitled(card, 'Open the queue').data).toEqual({ verb: ANSWER_VERBS.ask, text: QUEUE_QUESTION });
    expect(inputsOf(card)).toEqual([]);
  });

  it('shows the outcome of a press in a shaded box, and no "Reassign to me" once it is with the reader', () => {
    const card = renderEscalationCard(escalation({ outcome: 'Now with you.', holders: 'you', withYou: true }));
    const box = objectsOf(card).find(({ node }) => node.type === 'Container' && node.style === 'emphasis')?.node;
    expect(box?.items).toEqual([expect.objectContaining({ text: 'Now with you.' })]);
    expect(titlesOf(card)).not.toContain('Reassign to me');
    expect(objectsOf(renderEscalationCard(escalation())).some(({ node }) => node.style === 'emphasis')).toBe(false);
  });

  it('leaves out the form with nobody to choose, and Contact without an email', () => {
    expect(titlesOf(renderEscalationCard(escalation({ people: [] })))).toEqual(['Reassign to me', 'Contact Sam Patel']);
    expect(titlesOf(renderEscalationCard(escalation({ worker: { name: 'Sam Patel', email: null } })))).toEqual(['Reassign to me', 'Reassign to…', 'Reassign']);
    const bare = renderEscalationCard(escalation({ variant: 'reassigned', people: [], worker: null, withYou: true }));
    expect(actionsOf(bare)).toEqual([]);
    expect(objectsOf(bare).some(({ node }) => node.type === 'ActionSet')).toBe(false);
  });

  it('says whom it is for when it went to someone covering for the manager', () => {
    expect(displayedStrings(renderEscalationCard(escalation({ coveringFor: 'Priya Shah' })))).toContain('For Priya Shah, who is away.');
  });

  it('offers at most a hundred people, so a whole service still fits in a Teams message', () => {
    const everyone = Array.from({ length: 400 }, (_, i) => ({ title: `${nameFor(i)} ${i} (Leaving care children in care team)`, value: personIdFor(i) }));
    const data = escalation({ people: everyone });
    const card = renderEscalationCard(data);
    expectSoundCard(card, data);
    expect(inputsOf(card)[0].choices).toEqual(everyone.slice(0, MAX_ESCALATION_PEOPLE));
  });

  it('opens a chat by email, encoded', () => {
    expect(teamsChatUrl("o'brien+cic@council.example")).toBe("https://teams.microsoft.com/l/chat/0/0?users=o'brien%2Bcic%40council.example");
  });
});

// ---- digests -------------------------------------------------------------------------

describe('renderDigestCard', () => {
  const cases: { name: string; data: DigestCardData }[] = [
    { name: 'participation team, a busy morning', data: participation(3) },
    { name: 'participation team, nothing to do', data: participation(0) },
    { name: 'participation team, long lists', data: participation(60) },
    { name: 'a manager', data: manager(3) },
    { name: 'a manager with a team of forty', data: manager(40) },
    { name: 'a manager, nobody overdue', data: manager(0) },
    { name: 'a worker', data: worker(3) },
    { name: 'a worker with a long day', data: worker(30) },
    { name: 'a worker with nothing due', data: worker(0) },
  ];

  it.each(cases)('$name: is a sound Adaptive Card 1.5', ({ data }) => {
    expectSoundCard(renderDigestCard(data), data);
  });

  it('the participation team gets the queue with 1.1’s clock, cards not delivered and yesterday’s breaches', () => {
    const data = participation(2);
    const text = displayedStrings(renderDigestCard(data));
    expect(text.slice(0, 2)).toEqual(['Morning digest, Mon 23 Nov', 'For the participation team']);
    expect(text).toEqual(
      expect.arrayContaining([
        'Waiting to be assigned (2)',
        'C-30117 · waiting 1 working hour',
        'Assign by 11:00 today: overdue · Statement is assigned to the intended member of staff',
        'Cards not delivered (2)',
        'C-40117 · for Sam Patel',
        'Heard is not installed for them in Teams',
        'Deadlines missed since Fri 20 Nov (2)',
        'C-50117 · Recipient downloads or views the statement',
        'Sam Patel · due 17:00 Fri 20 Nov',
      ]),
    );
  });

  it('lists at most eight items a section, oldest first as given, and counts the rest', () => {
    const card = renderDigestCard(participation(60));
    const text = displayedStrings(card);
    expect(text.filter((t) => /^C-30\d+ · waiting/.test(t))).toEqual(participation(60).unassigned.items.slice(0, MAX_DIGEST_ITEMS).map((i) => `${i.reference} · ${i.waiting}`));
    expect(text.filter((t) => t === `and ${60 - MAX_DIGEST_ITEMS} more`)).toHaveLength(3);
    expect(text).toContain('Waiting to be assigned (60)');
  });

  it('colours what is overdue red and leaves the rest its ordinary colour', () => {
    const card = renderDigestCard(participation(3));
    const clock = (text: string) => objectsOf(card).find(({ node }) => node.text === text)?.node;
    expect(clock('Assign by 11:00 today: overdue · Statement is assigned to the intended member of staff')?.color).toBe('Attention');
    expect(clock('Assign by 15:00 Tue 24 Nov · Statement is assigned to the intended member of staff')).not.toHaveProperty('color');
  });

  it('says kindly when a section is empty', () => {
    const text = displayedStrings(renderDigestCard(participation(0)));
    expect(text).toEqual(
      expect.arrayContaining([
        'Waiting to be assigned',
        'Nobody is waiting: every statement has someone. 🎉',
        'Every card reached its worker.',
        'No deadlines were missed since Fri 20 Nov. Well done, everyone.',
      ]),
    );
    expect(displayedStrings(renderDigestCard(manager(0)))).toContain('Nobody in your team has anything overdue. Good work, all.');
    expect(displayedStrings(renderDigestCard(worker(0)))).toContain('Nothing is due today. Enjoy it.');
  });

  it('a manager sees each person with their count and most urgent item, in the order given, up to fifteen', () => {
    const data = manager(40);
    const text = displayedStrings(renderDigestCard(data));
    expect(text).toContain('Riverside children in care team');
    const total = data.people.reduce((sum, p) => sum + p.count, 0);
    expect(text).toContain(`Overdue in your team (${total} items)`);
    const rows = text.filter((t) => / · \d+ overdue$/.test(t));
    expect(rows).toEqual(data.people.slice(0, MAX_DIGEST_PEOPLE).map((p) => `${p.name} · ${p.count} overdue`));
    expect(text).toContain(data.people[0].mostUrgent);
    expect(text).toContain(`and ${40 - MAX_DIGEST_PEOPLE} more people`);
  });

  it('a worker sees what is due today with its deadline and standard, and how to stop it', () => {
    const data = worker(2);
    const text = displayedStrings(renderDigestCard(data));
    expect(text).toEqual(
      expect.arrayContaining([
        'Your deadlines today',
        'Due today (2)',
        'C-20417 · Recipient downloads or views the statement',
        'Open: overdue since 09:00 today',
        'You get this because you asked for it. Say "morning digest off" to stop it.',
      ]),
    );
  });

  it.each([
    ['participation', participation(1), [DIGEST_QUESTIONS.unassigned]],
    ['manager', manager(1), [DIGEST_QUESTIONS.teamOverdue, DIGEST_QUESTIONS.teamDue]],
    ['worker', worker(1), [DIGEST_QUESTIONS.dueToday, DIGEST_QUESTIONS.overdue]],
  ] as const)('the %s digest ends with questions to ask next', (_, data, questions) => {
    const card = renderDigestCard(data);
    expect(actionsOf(card).map((a) => [a.title, a.data])).toEqual(questions.map(({ title, text }) => [title, { verb: ANSWER_VERBS.ask, text }]));
  });

  it('the unassigned question is the one "Open the queue" asks', () => {
    expect(DIGEST_QUESTIONS.unassigned).toEqual({ title: "What's unassigned?", text: QUEUE_QUESTION });
  });
});

// ---- not delivered -------------------------------------------------------------------

describe('renderUndeliveredNoticeCard', () => {
  const cases: { name: string; data: UndeliveredNoticeCardData }[] = [
    { name: 'an escalation, Heard not installed', data: notice() },
    { name: 'a reminder, Teams refused (403)', data: notice({ kind: 'reminder', reason: 'forbidden', standard: 'Recipient downloads or views the statement · Mind Of My Own practice standards, 2.1' }) },
    { name: 'an act-now alert, chat gone (404), no email', data: notice({ kind: 'immediate', reason: 'conversation-gone', recipient: { name: 'Sam Patel', email: null } }) },
    { name: 'a digest, about no statement', data: notice({ kind: 'digest', reference: null, standard: null }) },
  ];

  it.each(cases)('$name: is a sound Adaptive Card 1.5', ({ data }) => {
    expectSoundCard(renderUndeliveredNoticeCard(data), data);
  });

  it.each([
    ['not-installed', 'Heard is not installed for them in Teams', 'Ask them to add Heard in Teams'],
    ['forbidden', 'Teams refused the message (403)', 'Teams administrator'],
    ['conversation-gone', 'no longer exists (Teams said 404)', 'open Heard in Teams'],
  ] as const)('explains %s and what to do about it', (reason, why, hint) => {
    const text = displayedStrings(renderUndeliveredNoticeCard(notice({ reason }))).join('\n');
    expect(text).toContain(why);
    expect(text).toContain(hint);
  });

  it('names whom it could not reach, the statement, the standard and what it was', () => {
    const card = renderUndeliveredNoticeCard(notice());
    expect(heading(card)).toEqual(expect.objectContaining({ text: 'Heard could not reach Priya Shah', color: 'Attention' }));
    expect(objectsOf(card).find(({ node }) => node.type === 'FactSet')?.node.facts).toEqual([
      { title: 'What', value: 'Escalation (missed deadline)' },
      { title: 'Statement', value: 'C-1001' },
      { title: 'Standard', value: 'Participation Team contacts the worker about an unopened statement · Mind Of My Own practice standards, 2.2' },
      { title: 'Why', value: 'Heard is not installed for them in Teams' },
    ]);
    expect(displayedStrings(card)).toContain('This cannot wait for Teams: contact them another way now.');
    expect(actionsOf(card)).toEqual([{ type: 'Action.OpenUrl', title: 'Contact Priya Shah', url: teamsChatUrl('priya.shah@council.example') }]);
  });

  it('is in Attention for a reminder, and has no button without an email', () => {
    const card = renderUndeliveredNoticeCard(notice({ kind: 'reminder', recipient: { name: 'Sam Patel', email: null } }));
    expect(heading(card).color).toBe('Attention');
    expect(actionsOf(card)).toEqual([]);
  });
});

// ---- text from outside ---------------------------------------------------------------

describe('text from outside cannot break the templates', () => {
  const H = {
    a: '${title}',
    b: 'CR-${x} {A}$',
    c: '$root',
    d: '${$root.verbs.escalationTake}',
    e: '${if(true, "x", "y")}',
    f: "O'Brien ${name}, \"Kim\" @{b}",
    g: '${$data}',
  };

  it('the nudge renders each value literally', () => {
    const data = nudge({ statementId: H.d, reference: H.b, standardSource: H.c, standardTitle: H.e, deadline: H.f, coveringFor: H.a, teamHeld: true });
    const card = renderNudgeCard(data);
    expectSoundCard(card, data);
    const text = stringsOf(card);
    for (const value of [H.b, `A reminder about statement ${H.b}.`, `${H.e} · ${H.c}`, H.f, `For ${H.a}, who is away.`]) expect(text).toContain(value);
    expect(actionTitled(card, 'Show statement').data).toEqual({ verb: ANSWER_VERBS.nudgeShow, statementId: H.d });
  });

  it('the escalation renders each value literally', () => {
    const data = escalation({ statementId: H.a, obligationId: H.g, reference: H.b, standardTitle: H.e, deadline: H.c, late: H.d, worker: { name: H.f, email: 'a&b=c@x.example' }, holders: H.g, people: [{ title: H.f, value: H.d }], outcome: H.e });
    const card = renderEscalationCard(data);
    expectSoundCard(card, data);
    const text = stringsOf(card);
    for (const value of [`Missed deadline: ${H.b}`, H.c, H.d, H.e, H.g, `Contact ${H.f}`]) expect(text).toContain(value);
    expect(actionTitled(card, 'Reassign to me').data).toEqual({ verb: ANSWER_VERBS.escalationTake, statementId: H.a, obligationId: H.g, variant: 'manager' });
    expect(inputsOf(card)[0].choices).toEqual([{ title: H.f, value: H.d }]);
    expect(actionTitled(card, `Contact ${H.f}`).url).toBe('https://teams.microsoft.com/l/chat/0/0?users=a%26b%3Dc%40x.example');
  });

  it('the digests render each value literally', () => {
    const data: ParticipationDigestData = {
      audience: 'participation',
      day: H.a,
      unassigned: { count: 1, items: [{ reference: H.b, waiting: H.c, deadline: H.d, standardTitle: H.e, state: 'running' }] },
      undelivered: { count: 1, items: [{ reference: H.f, recipient: H.g, reason: 'forbidden' }] },
      breaches: { since: H.c, count: 1, items: [{ reference: H.e, standardTitle: H.f, owner: H.a, deadline: H.b }] },
    };
    const card = renderDigestCard(data);
    expectSoundCard(card, data);
    const text = stringsOf(card);
    for (const value of [`Morning digest, ${H.a}`, `${H.b} · ${H.c}`, `${H.d} · ${H.e}`, `${H.f} · for ${H.g}`, `${H.e} · ${H.f}`, `${H.a} · due ${H.b}`]) expect(text).toContain(value);
    const team: ManagerDigestData = { audience: 'manager', day: H.b, teamName: H.c, people: [{ name: H.f, count: 2, mostUrgent: H.e }], foundOverdue: { count: 1, items: [{ title: H.a, detail: H.d }] } };
    expectSoundCard(renderDigestCard(team), team);
    expect(stringsOf(renderDigestCard(team))).toEqual(expect.arrayContaining([H.c, `${H.f} · 2 overdue`, H.e, H.a, H.d]));
  });

  it('the notice renders each value literally', () => {
    const data = notice({ recipient: { name: H.f, email: null }, reference: H.b, standard: H.e });
    const card = renderUndeliveredNoticeCard(data);
    expectSoundCard(card, data);
    expect(stringsOf(card)).toEqual(expect.arrayContaining([`Heard could not reach ${H.f}`, H.b, H.e]));
  });
});

// ---- the templates themselves ---------------------------------------------------------

describe('the templates', () => {
  const templates = { nudge: nudgeCardTemplate, escalation: escalationCardTemplate, digest: digestCardTemplate, notice: undeliveredNoticeCardTemplate };

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
