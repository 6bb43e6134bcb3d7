import { displayedStrings, objectsOf, stringsOf, type Json } from '../test/card-json';
import messageCardTemplate from './message-card.json';
import { renderMessageCard } from './message-card';
import { FOLLOW_UP_CHOICES, FOLLOW_UP_INPUTS, FOLLOW_UP_NOTE_LABEL } from './safety-link-words';
import { renderStatementCard } from './statement-card';
import { STATEMENT_INPUTS, STATEMENT_VERBS, type StatementCardModel } from './statement-card-model';
import statementCardTemplate from './statement-card.json';
import { validateAdaptiveCard } from '../test/validate-card';

type Done = StatementCardModel['done'];

const nothingDone: Done = { opened: false, acknowledged: false, childTold: false, saved: null };

const baseModel: StatementCardModel = {
  statementId: 'st-7f3a',
  reference: 'CR-20417',
  initials: 'J.B.',
  typeLabel: 'My World',
  sentAt: 'Mon 23 Nov, 09:12',
  assignedAt: 'Mon 23 Nov, 09:40',
  status: 'assigned',
  statusLine: 'Waiting to be opened',
  assigneeNames: ['Sam Patel'],
  clocks: [{ text: 'Open by 14:00 today', standard: 'standard 2.1, 7 working hours', state: 'running' }],
  viewer: 'assignee',
  done: nothingDone,
  download: null,
  notice: null,
  caseLink: null,
  caseRecordSystems: ['Liquid Logic', 'EHM', 'Mosaic', 'Child View'],
  handBackReasons: [
    { value: 'not-my-case', title: 'Not my case' },
    { value: 'case-closed', title: 'The case is closed' },
  ],
  refreshUserIds: ['29:1abc', '29:2def'],
  safetyLink: null,
};

function model(overrides: Partial<Omit<StatementCardModel, 'done'>> & { done?: Partial<Done> } = {}): StatementCardModel {
  return { ...baseModel, ...overrides, done: { ...nothingDone, ...overrides.done } };
}

const ACTIONS = {
  download: 'Download',
  acknowledge: 'Acknowledge',
  saved: 'Saved to case record',
  childTold: 'Child told',
  notForMe: 'Not for me',
} as const;

// ---- walking the rendered JSON -------------------------------------------------------

function topLevelActionTitles(card: Json): string[] {
  return ((card.actions as Json[] | undefined) ?? []).map((action) => action.title as string);
}

function topLevelAction(card: Json, title: string): Json {
  const action = ((card.actions as Json[] | undefined) ?? []).find((a) => a.title === title);
  if (action === undefined) throw new Error(`no "${title}" action`);
  return action;
}

function bodyText(card: Json): string[] {
  return displayedStrings(card.body);
}

/** Words of the templates' own wording, with every `${…}` binding taken out. */
function templateWords(...templates: object[]): Set<string> {
  const words = templates
    .flatMap((template) => displayedStrings(template))
    .map((text) => text.replace(/\$\{[^}]*\}/g, ' '))
    .flatMap((text) => text.split(/[^\p{L}\p{N}']+/u));
  return new Set(words.filter((word) => word !== ''));
}

/** The only wording the renderer adds itself: who a statement is with when it is with nobody, and the Safety Link form's fixed words. */
const RENDERER_WORDING = ['Participation team', 'Decision', 'By', 'Note', FOLLOW_UP_NOTE_LABEL, ...FOLLOW_UP_CHOICES.flatMap((c) => [c.title, c.value])];

function modelStrings(m: StatementCardModel): string[] {
  return [
    m.statementId,
    m.reference,
    m.initials,
    m.typeLabel,
    m.sentAt,
    m.assignedAt ?? '',
    m.statusLine,
    ...m.assigneeNames,
    ...m.clocks.flatMap((clock) => [clock.text, clock.standard]),
    m.notice?.text ?? '',
    m.caseLink ?? '',
    m.done.saved?.system ?? '',
    m.done.saved?.reference ?? '',
    m.download?.url ?? '',
    m.download?.validUntil ?? '',
    ...m.caseRecordSystems,
    ...m.handBackReasons.flatMap((reason) => [reason.value, reason.title]),
    ...m.refreshUserIds,
    m.safetyLink?.text ?? '',
    ...Object.values(m.safetyLink?.recorded ?? {}).filter((v): v is string => typeof v === 'string'),
  ].filter((s) => s !== '');
}

/**
 * Fails with the offending text if the card shows anything that is neither the model's
 * own words nor the template's fixed wording — which is how a child's name or a
 * statement's content would show up if anyone ever slipped one in.
 */
function expectOnlyModelAndTemplateWords(card: Json, m: StatementCardModel): void {
  const allowed = templateWords(statementCardTemplate);
  RENDERER_WORDING.forEach((phrase) => phrase.split(/[^\p{L}\p{N}']+/u).forEach((word) => allowed.add(word)));
  const values = modelStrings(m).sort((a, b) => b.length - a.length);
  for (const text of displayedStrings(card)) {
    const rest = values.reduce((remaining, value) => remaining.split(value).join(' '), text);
    const strangers = rest.split(/[^\p{L}\p{N}']+/u).filter((word) => word !== '' && !allowed.has(word));
    expect({ text, strangers }).toEqual({ text, strangers: [] });
  }
}

/** Nothing the templating engine or the renderer failed to fill in. */
function expectNoLeftovers(card: Json, m: StatementCardModel): void {
  const fromModel = modelStrings(m).join('\n');
  for (const text of stringsOf(card)) {
    for (const leftover of ['undefined', 'null', 'NaN', '[object Object]', '${']) {
      if (text.includes(leftover) && !fromModel.includes(leftover)) {
        throw new Error(`"${leftover}" left in the card: ${JSON.stringify(text)}`);
      }
    }
  }
}

function expectWellFormedActions(card: Json, m: StatementCardModel): void {
  const verbs: string[] = Object.values(STATEMENT_VERBS);
  for (const { key, node } of objectsOf(card)) {
    if (node.type !== 'Action.Execute') continue;
    expect(verbs).toContain(node.verb);
    // The card names what, never who: the handler takes the actor from the activity.
    expect(node.data).toEqual({ verb: node.verb, statementId: m.statementId });
    if (key === 'action') continue; // the refresh action: clients without Universal Actions ignore refresh
    expect(node.fallback).toEqual(
      expect.objectContaining({ type: 'Action.Submit', title: node.title, data: { verb: node.verb, statementId: m.statementId } }),
    );
    expect((node.fallback as Json).associatedInputs).toBe(node.associatedInputs);
  }
}

function expectSoundCard(card: Json, m: StatementCardModel): void {
  expect(validateAdaptiveCard(card)).toEqual([]);
  expect(card.version).toBe('1.5');
  expectWellFormedActions(card, m);
  expectNoLeftovers(card, m);
  expectOnlyModelAndTemplateWords(card, m);
  // Teams on a phone shows at most a handful of buttons before collapsing them.
  expect(topLevelActionTitles(card).length).toBeLessThanOrEqual(5);
}

// ---- the cases -----------------------------------------------------------------------

const cases: { name: string; model: StatementCardModel; actions: string[] }[] = [
  {
    name: 'a worker with a new statement has every action',
    model: model(),
    actions: [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.saved, ACTIONS.childTold, ACTIONS.notForMe],
  },
  {
    name: 'once acknowledged, Acknowledge goes',
    model: model({ status: 'acknowledged', statusLine: 'Acknowledged by Sam Patel, 10:32 today', done: { opened: true, acknowledged: true } }),
    actions: [ACTIONS.download, ACTIONS.saved, ACTIONS.childTold, ACTIONS.notForMe],
  },
  {
    name: 'once saved to the case record, the save form goes',
    model: model({ done: { opened: true, saved: { system: 'Liquid Logic', reference: 'DOC-88812' } } }),
    actions: [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.childTold, ACTIONS.notForMe],
  },
  {
    name: 'once the child is told, Child told goes',
    model: model({ done: { opened: true, childTold: true } }),
    actions: [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.saved, ACTIONS.notForMe],
  },
  {
    name: 'with everything done, Download and Not for me stay',
    model: model({
      status: 'closed',
      statusLine: 'Closed: saved to the case record and the child told',
      clocks: [{ text: 'Opened 10:32 today', standard: 'standard 2.1, 7 working hours', state: 'met' }],
      done: { opened: true, acknowledged: true, childTold: true, saved: { system: 'Mosaic', reference: 'M-4471' } },
    }),
    actions: [ACTIONS.download, ACTIONS.notForMe],
  },
  {
    name: 'complete (every clock met): Download stays, Not for me goes',
    model: model({
      status: 'closed',
      statusLine: 'Complete: every clock is met. Closed by Sam Patel, 10:40 today',
      clocks: [{ text: 'Opened 10:32 today', standard: 'standard 2.1, 7 working hours', state: 'met' }],
      done: { opened: true, acknowledged: true, childTold: true, saved: { system: 'Mosaic', reference: 'M-4471' } },
      complete: true,
    }),
    actions: [ACTIONS.download],
  },
  {
    name: 'with a download link, Download stays (pressing again gives a fresh link)',
    model: model({
      download: { url: 'https://heard.example/download/st-7f3a?sig=abc', validUntil: '10:47 today' },
      notice: { text: 'Here is your link.', tone: 'good' },
    }),
    actions: [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.saved, ACTIONS.childTold, ACTIONS.notForMe],
  },
  {
    name: 'an overdue clock',
    model: model({
      clocks: [
        { text: 'Open by 14:00 yesterday', standard: 'standard 2.1, 7 working hours', state: 'overdue' },
        { text: 'Tell the child by Wed 25 Nov', standard: 'standard 3.1, 2 working days', state: 'running' },
      ],
      notice: { text: 'This is overdue. Your manager has been told.', tone: 'attention' },
    }),
    actions: [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.saved, ACTIONS.childTold, ACTIONS.notForMe],
  },
  {
    name: 'an observer sees it read-only',
    model: model({ viewer: 'observer' }),
    actions: [],
  },
  {
    name: 'a former assignee sees where it went, read-only',
    model: model({
      viewer: 'former-assignee',
      status: 'assigned',
      statusLine: 'Reassigned to Priya Shah, 11:05 today',
      assigneeNames: ['Priya Shah'],
      notice: { text: 'You handed this back.', tone: 'warning' },
    }),
    actions: [],
  },
  {
    name: 'a queued statement with nobody assigned',
    model: model({ viewer: 'observer', status: 'queued', statusLine: 'Waiting to be assigned', assigneeNames: [], assignedAt: null }),
    actions: [],
  },
  {
    name: 'a statement linked to its child’s case through the council’s mapping',
    model: model({ reference: 'MOMO-77', caseLink: 'C-10442 · J.B., linked through the council’s reference mapping' }),
    actions: [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.saved, ACTIONS.childTold, ACTIONS.notForMe],
  },
  {
    name: 'no one to refresh for',
    model: model({ refreshUserIds: [] }),
    actions: [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.saved, ACTIONS.childTold, ACTIONS.notForMe],
  },
  {
    name: 'two assignees (Safety Link: case manager and team manager)',
    model: model({ assigneeNames: ['Sam Patel', 'Priya Shah'], clocks: [] }),
    actions: [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.saved, ACTIONS.childTold, ACTIONS.notForMe],
  },
  {
    name: 'a Safety Link statement for its team manager, waiting for the follow-up',
    model: model({ assigneeNames: ['Sam Patel', 'Priya Shah'], safetyLink: { text: 'Follow up with Sam Patel: decide if safeguarding procedures apply or urgent action is required.', canRecord: true, recorded: null } }),
    actions: [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.saved, ACTIONS.childTold, ACTIONS.notForMe],
  },
  {
    name: 'a Safety Link statement for its worker, once followed up (the note shown to them)',
    model: model({
      assigneeNames: ['Sam Patel', 'Priya Shah'],
      safetyLink: { text: 'Priya Shah followed up with Sam Patel.', canRecord: false, recorded: { decision: 'Urgent action taken', by: 'Priya Shah', at: '02:20 today', note: 'Home visit at 09:00.' } },
    }),
    actions: [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.saved, ACTIONS.childTold, ACTIONS.notForMe],
  },
];

describe('renderStatementCard', () => {
  describe.each(cases)('$name', ({ model: m, actions }) => {
    const card = renderStatementCard(m) as Json;

    it('is a valid Adaptive Card 1.5 with well-formed actions and only the model’s words', () => {
      expectSoundCard(card, m);
    });

    it('offers exactly the actions still to do', () => {
      expect(topLevelActionTitles(card)).toEqual(actions);
      if (actions.length === 0) {
        expect(objectsOf(card).filter(({ key, node }) => key !== 'action' && String(node.type).startsWith('Action.'))).toEqual([]);
      }
    });

    it('always shows the reference, initials, type and status', () => {
      const text = bodyText(card).join('\n');
      expect(text).toContain(`Statement ${m.reference} · ${m.initials}`);
      expect(text).toContain(m.typeLabel);
      expect(text).toContain(m.statusLine);
      if (m.notice !== null) expect(text).toContain(m.notice.text);
    });
  });

  describe('the facts', () => {
    const facts = (card: Json): Record<string, string> => {
      const factSet = objectsOf(card).find(({ node }) => node.type === 'FactSet');
      if (factSet === undefined) return {};
      return Object.fromEntries((factSet.node.facts as Json[]).map((f) => [f.title, f.value]));
    };

    it('shows when it was sent and assigned, who it is with and its status', () => {
      expect(facts(renderStatementCard(model()) as Json)).toEqual({
        Sent: 'Mon 23 Nov, 09:12',
        Assigned: 'Mon 23 Nov, 09:40',
        With: 'Sam Patel',
        Status: 'Waiting to be opened',
      });
    });

    it('names every assignee, and the participation team when there is none', () => {
      expect(facts(renderStatementCard(model({ assigneeNames: ['Sam Patel', 'Priya Shah'] })) as Json).With).toBe('Sam Patel, Priya Shah');
      const queued = facts(renderStatementCard(model({ assigneeNames: [], assignedAt: null })) as Json);
      expect(queued.With).toBe('Participation team');
      expect(queued).not.toHaveProperty('Assigned');
    });

    it('shows where it was saved instead of the save form', () => {
      const card = renderStatementCard(model({ done: { saved: { system: 'Liquid Logic', reference: 'DOC-88812' } } })) as Json;
      expect(facts(card)['Saved to case record']).toBe('Liquid Logic DOC-88812');
      expect(topLevelActionTitles(card)).not.toContain(ACTIONS.saved);
    });

    it('names the case the statement belongs to, by reference and initials, and nothing when its child has no case', () => {
      expect(facts(renderStatementCard(model({ caseLink: 'C-10442 · J.B.' })) as Json)).toEqual({
        Sent: 'Mon 23 Nov, 09:12',
        Assigned: 'Mon 23 Nov, 09:40',
        With: 'Sam Patel',
        Status: 'Waiting to be opened',
        Case: 'C-10442 · J.B.',
      });
      expect(facts(renderStatementCard(model({ caseLink: null })) as Json)).not.toHaveProperty('Case');
    });

    it('are the same for an observer, and absent for a former assignee', () => {
      expect(facts(renderStatementCard(model({ viewer: 'observer' })) as Json)).toEqual(facts(renderStatementCard(model()) as Json));
      expect(facts(renderStatementCard(model({ viewer: 'former-assignee' })) as Json)).toEqual({});
    });
  });

  describe('the clocks', () => {
    const clockBlocks = (card: Json): Json[] =>
      objectsOf(card.body)
        .map(({ node }) => node)
        .filter((node) => node.type === 'TextBlock' && node.weight === 'Bolder' && node.style !== 'heading');

    it('shows each clock in bold, its standard beneath, coloured by state', () => {
      const card = renderStatementCard(
        model({
          clocks: [
            { text: 'Open by 14:00 today', standard: 'standard 2.1, 7 working hours', state: 'running' },
            { text: 'Acknowledge by 09:00 yesterday', standard: 'standard 2.2, 1 working day', state: 'overdue' },
            { text: 'Opened 10:32 today', standard: 'standard 2.1, 7 working hours', state: 'met' },
          ],
        }),
      ) as Json;
      expect(clockBlocks(card).map((b) => [b.text, b.color ?? 'Default'])).toEqual([
        ['Open by 14:00 today', 'Default'],
        ['Acknowledge by 09:00 yesterday', 'Attention'],
        ['Opened 10:32 today', 'Default'],
      ]);
      const subtle = objectsOf(card.body).map(({ node }) => node).filter((n) => n.isSubtle === true && n.size === 'Small');
      expect(subtle.map((n) => n.text)).toEqual([
        'standard 2.1, 7 working hours',
        'standard 2.2, 1 working day',
        'standard 2.1, 7 working hours',
      ]);
    });

    it('shows nothing when there are no clocks, and none to a former assignee', () => {
      expect(clockBlocks(renderStatementCard(model({ clocks: [] })) as Json)).toEqual([]);
      expect(objectsOf(renderStatementCard(model({ clocks: [] })).body).filter(({ node }) => node.type === 'Container')).toEqual([]);
      const former = renderStatementCard(model({ viewer: 'former-assignee' })) as Json;
      expect(bodyText(former).join('\n')).not.toContain('Open by 14:00 today');
      expect(bodyText(former).join('\n')).not.toContain(baseModel.sentAt);
    });
  });

  describe('the notice', () => {
    it.each([
      ['good', 'Default'],
      ['warning', 'Attention'],
      ['attention', 'Attention'],
    ] as const)('a %s notice is coloured %s and wraps', (tone, colour) => {
      const card = renderStatementCard(model({ notice: { text: 'Saved. Thank you.', tone } })) as Json;
      const notice = objectsOf(card.body).find(({ node }) => node.text === 'Saved. Thank you.')?.node;
      expect(notice).toEqual(expect.objectContaining({ type: 'TextBlock', color: colour, wrap: true }));
    });
  });

  describe('the download link', () => {
    const download = { url: 'https://heard.example/download/st-7f3a?sig=abc', validUntil: '10:47 today' };

    it('says until when the link works and opens the PDF from the card body', () => {
      const card = renderStatementCard(model({ download })) as Json;
      expect(bodyText(card)).toContain('Your download link is valid until 10:47 today.');
      const open = objectsOf(card.body).find(({ node }) => node.type === 'Action.OpenUrl')?.node;
      expect(open).toEqual({ type: 'Action.OpenUrl', title: 'Open the PDF', url: download.url });
      // Kept out of the card-level actions so the five buttons still fit on a phone.
      expect(topLevelActionTitles(card)).not.toContain('Open the PDF');
    });

    it('is only for the assignee who asked for it', () => {
      for (const viewer of ['observer', 'former-assignee'] as const) {
        const card = renderStatementCard(model({ viewer, download }));
        expect(JSON.stringify(card)).not.toContain(download.url);
      }
    });
  });

  describe('the forms', () => {
    const showCard = (m: StatementCardModel, title: string): Json => topLevelAction(renderStatementCard(m) as Json, title).card as Json;

    it('"Saved to case record" asks for the system and the record reference, then saves', () => {
      const card = showCard(model(), ACTIONS.saved);
      expect(card.body).toEqual([
        expect.objectContaining({
          type: 'Input.ChoiceSet',
          id: STATEMENT_INPUTS.caseRecordSystem,
          label: 'Case record system',
          isRequired: true,
          errorMessage: expect.any(String),
          choices: baseModel.caseRecordSystems.map((system) => ({ title: system, value: system })),
        }),
        expect.objectContaining({
          type: 'Input.Text',
          id: STATEMENT_INPUTS.caseRecordReference,
          label: 'Record reference',
          isRequired: true,
          maxLength: 64,
          errorMessage: expect.any(String),
        }),
      ]);
      expect(card.actions).toEqual([
        expect.objectContaining({ type: 'Action.Execute', title: 'Save', verb: STATEMENT_VERBS.saved, associatedInputs: 'auto' }),
      ]);
    });

    it('"Not for me" asks why, then hands it back to the participation team', () => {
      const card = showCard(model(), ACTIONS.notForMe);
      expect(card.body).toEqual([
        expect.objectContaining({
          type: 'Input.ChoiceSet',
          id: STATEMENT_INPUTS.handBackReason,
          label: "Why isn't it yours?",
          isRequired: true,
          errorMessage: expect.any(String),
          choices: baseModel.handBackReasons.map(({ title, value }) => ({ title, value })),
        }),
      ]);
      expect(card.actions).toEqual([
        expect.objectContaining({
          type: 'Action.Execute',
          title: 'Hand back to the participation team',
          verb: STATEMENT_VERBS.handBack,
          associatedInputs: 'auto',
        }),
      ]);
    });

    it('with no lists configured, asks for the same answers as typed text so the card stays valid', () => {
      const m = model({ caseRecordSystems: [], handBackReasons: [] });
      const card = renderStatementCard(m) as Json;
      expectSoundCard(card, m);
      const inputs = objectsOf(card).map(({ node }) => node).filter((n) => String(n.type).startsWith('Input.'));
      expect(inputs.map((n) => [n.type, n.id, n.isRequired])).toEqual([
        ['Input.Text', STATEMENT_INPUTS.caseRecordSystem, true],
        ['Input.Text', STATEMENT_INPUTS.caseRecordReference, true],
        ['Input.Text', STATEMENT_INPUTS.handBackReason, true],
      ]);
    });

    it('the buttons without a form send no inputs', () => {
      const card = renderStatementCard(model()) as Json;
      for (const title of [ACTIONS.download, ACTIONS.acknowledge, ACTIONS.childTold]) {
        expect(topLevelAction(card, title)).toEqual(expect.objectContaining({ type: 'Action.Execute', associatedInputs: 'none' }));
      }
    });
  });

  describe('the Safety Link follow-up', () => {
    const waiting = model({ safetyLink: { text: 'Follow up with Sam Patel: decide if safeguarding procedures apply or urgent action is required.', canRecord: true, recorded: null } });
    const box = (card: Json) => (card.body as Json[]).find((item) => JSON.stringify(item).includes('Safety Link follow-up')) as Json;

    it('gives the team manager the form in the card’s body, red until recorded: the three decisions, a required short note, Record follow-up', () => {
      const card = renderStatementCard(waiting) as Json;
      const section = box(card);
      expect(section).toMatchObject({ type: 'Container', style: 'attention' });
      const inputs = objectsOf(section).map(({ node }) => node).filter((node) => String(node.type).startsWith('Input.'));
      expect(inputs).toEqual([
        expect.objectContaining({ type: 'Input.ChoiceSet', id: FOLLOW_UP_INPUTS.decision, style: 'expanded', isRequired: true, choices: FOLLOW_UP_CHOICES.map(({ title, value }) => ({ title, value })) }),
        expect.objectContaining({ type: 'Input.Text', id: FOLLOW_UP_INPUTS.note, isMultiline: true, maxLength: 500, isRequired: true }),
      ]);
      const record = objectsOf(section).map(({ node }) => node).find((node) => node.type === 'Action.Execute');
      expect(record).toMatchObject({ title: 'Record follow-up', verb: STATEMENT_VERBS.safetyLinkFollowUp, associatedInputs: 'auto', data: { verb: STATEMENT_VERBS.safetyLinkFollowUp, statementId: baseModel.statementId } });
    });

    it('shows anyone else what is awaited, and once recorded the decision, who and when, with the note only when the model has it', () => {
      const worker = renderStatementCard(model({ safetyLink: { text: 'Priya Shah will follow up with you.', canRecord: false, recorded: null } })) as Json;
      expect(objectsOf(box(worker)).some(({ node }) => String(node.type).startsWith('Input.'))).toBe(false);
      expect(box(worker)).toMatchObject({ style: 'emphasis' });
      const recorded = { decision: 'No further action', by: 'Priya Shah', at: '02:20 today', note: null };
      const done = renderStatementCard(model({ safetyLink: { text: 'Priya Shah followed up with Sam Patel.', canRecord: false, recorded } })) as Json;
      expect(box(done)).toMatchObject({ style: 'good' });
      expect(bodyText(done)).toEqual(expect.arrayContaining(['No further action', 'Priya Shah, 02:20 today']));
      expect(bodyText(done)).not.toContain('Note');
    });

    it('is absent on any other statement', () => {
      expect(JSON.stringify(renderStatementCard(model()))).not.toContain('Safety Link follow-up');
    });
  });

  describe('the verbs', () => {
    it('each button sends its verb from STATEMENT_VERBS', () => {
      const card = renderStatementCard(model()) as Json;
      const verbOf = (title: string): unknown => topLevelAction(card, title).verb;
      expect(verbOf(ACTIONS.download)).toBe(STATEMENT_VERBS.download);
      expect(verbOf(ACTIONS.acknowledge)).toBe(STATEMENT_VERBS.acknowledge);
      expect(verbOf(ACTIONS.childTold)).toBe(STATEMENT_VERBS.childTold);
    });
  });

  describe('refresh', () => {
    it('lets each listed person’s Teams fetch their own view', () => {
      const card = renderStatementCard(model()) as Json;
      expect(card.refresh).toEqual({
        action: {
          type: 'Action.Execute',
          verb: STATEMENT_VERBS.refresh,
          data: { verb: STATEMENT_VERBS.refresh, statementId: baseModel.statementId },
        },
        userIds: baseModel.refreshUserIds,
      });
    });

    it('is left out when there is no one to refresh for', () => {
      expect(renderStatementCard(model({ refreshUserIds: [] }))).not.toHaveProperty('refresh');
    });
  });

  describe('text from outside cannot break the template', () => {
    const hostile = model({
      reference: 'CR-${x}',
      initials: '{A}$',
      typeLabel: '${typeLabel}',
      statusLine: 'Acknowledged by ${statementId} @{b} $root',
      assigneeNames: ["O'Brien ${reference}", 'Lee, "Kim"'],
      clocks: [{ text: '${if(true, "x", "y")}', standard: '${standard}', state: 'overdue' }],
      notice: { text: '${notice.text}', tone: 'good' },
      done: { saved: { system: '${system}', reference: '$' + '{reference}' } },
      download: { url: 'https://heard.example/d?q=${x}', validUntil: '${validUntil}' },
      caseRecordSystems: ['${x}'],
      handBackReasons: [{ value: '${value}', title: '${title}' }],
    });
    const card = renderStatementCard(hostile) as Json;

    it('renders each value literally, as given', () => {
      const text = stringsOf(card);
      expect(text).toContain('Statement CR-${x} · {A}$');
      expect(text).toContain('${typeLabel}');
      expect(text).toContain('Acknowledged by ${statementId} @{b} $root');
      expect(text).toContain('O\'Brien ${reference}, Lee, "Kim"');
      expect(text).toContain('${if(true, "x", "y")}');
      expect(text).toContain('${notice.text}');
      expect(text).toContain('${system} ${reference}');
      expect(text).toContain('Your download link is valid until ${validUntil}.');
      expect(text).toContain('https://heard.example/d?q=${x}');
    });

    it('is still a sound card', () => {
      expectSoundCard(card, hostile);
    });
  });

  describe('privacy', () => {
    it('carries the reference and initials but no field the model does not have', () => {
      const card = renderStatementCard(model()) as Json;
      const keys = new Set(objectsOf(card).flatMap(({ node }) => Object.keys(node)));
      for (const key of ['childName', 'name', 'content', 'statementText', 'body.text']) {
        expect(keys.has(key)).toBe(false);
      }
      expect(stringsOf(card)).not.toContain(baseModel.status);
    });
  });
});

describe('renderMessageCard', () => {
  it('is a valid read-only card with a title and each line', () => {
    const card = renderMessageCard('Statement CR-20417 was not delivered', [
      'Teams says Heard is not installed for Sam Patel.',
      'Assign it to someone else from the queue.',
    ]) as Json;

    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(card).not.toHaveProperty('actions');
    expect(displayedStrings(card)).toEqual([
      'Statement CR-20417 was not delivered',
      'Teams says Heard is not installed for Sam Patel.',
      'Assign it to someone else from the queue.',
    ]);
    expect((card.body as Json[]).every((block) => block.wrap === true)).toBe(true);
  });

  it.each([
    [undefined, 'Default'],
    ['good', 'Default'],
    ['warning', 'Attention'],
    ['attention', 'Attention'],
  ] as const)('a %s tone colours the title %s', (tone, colour) => {
    const card = renderMessageCard('Help', ['Ask me "what is due this week?"'], tone) as Json;
    expect((card.body as Json[])[0]).toEqual(expect.objectContaining({ text: 'Help', color: colour }));
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('with no lines shows the title alone', () => {
    const card = renderMessageCard('Nothing is due this week', []) as Json;
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(displayedStrings(card)).toEqual(['Nothing is due this week']);
  });

  it('renders text from outside literally', () => {
    const card = renderMessageCard('${title}', ['${lines}', 'CR-${x} {A}$']) as Json;
    expect(displayedStrings(card)).toEqual(['${title}', '${lines}', 'CR-${x} {A}$']);
  });

  it('adds no words of its own', () => {
    expect(templateWords(messageCardTemplate)).toEqual(new Set());
  });
});
