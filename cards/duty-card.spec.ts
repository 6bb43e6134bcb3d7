import { actionsOf, displayedStrings, expectNoLeftovers, objectsOf, type Json } from '../test/card-json';
import { validateAdaptiveCard } from '../test/validate-card';
import { DUTY_INPUTS, DUTY_VERBS, type DutyCardModel } from './duty-card-model';
import { renderDutyCard } from './duty-card';
import { renderEscalationCard, type EscalationCardData } from './escalation-card';
import { ANSWER_VERBS } from './answer-card-models';
import { FOLLOW_UP_INPUTS } from './safety-link-words';
import { STATEMENT_VERBS } from './statement-card-model';

/**
 * The duty procedure card (an unidentified young person's statement, yjs: "Do not assign
 * the statement.") in each of its states, and the Safety Link follow-up form on the duty
 * manager's escalation card: valid Adaptive Cards 1.5, each button naming only what it
 * acts on.
 */
const base: DutyCardModel = {
  statementId: 'st_7f3a',
  title: 'Unidentified young person',
  externalId: 'momo-8841',
  receivedAt: '02:00 today',
  officers: 'Dee Officer',
  managers: 'Not told yet',
  statusLine: 'New: cross-reference the given name with Child View and LCS, then tell the duty manager',
  steps: [
    { title: 'Child View and LCS checked, duty manager told', detail: '', done: false },
    { title: 'Young person contacted directly', detail: '', done: false },
  ],
  clocks: [{ text: 'Check Child View and LCS, then tell the duty manager by 02:00 today', standard: 'standard Statements received from unidentified young people, immediately', state: 'running' }],
  actions: [{ step: 'duty-records-checked', title: 'Records checked, duty manager told' }],
  canIdentify: false,
  deletionRequest: null,
  notice: null,
  refreshUserIds: ['29:dee'],
};

const states: { name: string; model: DutyCardModel }[] = [
  { name: 'just arrived, for the duty officer', model: base },
  {
    name: 'records checked: contact or identify',
    model: {
      ...base,
      managers: 'Nia Nights',
      steps: [{ ...base.steps[0], detail: 'Dee Officer, 02:40 today', done: true }, base.steps[1]],
      actions: [{ step: 'young-person-contacted', title: 'Young person contacted' }],
      canIdentify: true,
      notice: { text: 'Records checked, duty manager told: recorded.', tone: 'good' },
    },
  },
  {
    name: 'deletion due, for the duty manager',
    model: {
      ...base,
      actions: [{ step: 'deletion-requested', title: 'Deletion requested' }],
      deletionRequest: { lines: ['E-mail your Mind Of My Own account manager … giving the statement ID only: momo-8841.'], mailto: 'mailto:?subject=Deletion%20request%3A%20statement%20momo-8841&body=Statement%20ID%3A%20momo-8841' },
    },
  },
  { name: 'read-only, with no clocks and no refresh', model: { ...base, actions: [], clocks: [], refreshUserIds: [] } },
];

describe('renderDutyCard', () => {
  describe.each(states)('$name', ({ model }) => {
    const card = renderDutyCard(model) as Json;

    it('is a valid Adaptive Card 1.5 with nothing left unfilled', () => {
      expect(validateAdaptiveCard(card)).toEqual([]);
      expectNoLeftovers(card, model);
    });

    it('has a button for each step the viewer may take, each sending the statement and the step only, and refreshes to the viewer’s own view', () => {
      const steps = actionsOf(card).filter((a) => a.verb === DUTY_VERBS.step);
      expect(steps.map((a) => a.title)).toEqual(model.actions.map((a) => a.title));
      for (const [i, a] of steps.entries()) {
        expect(a.data).toEqual({ verb: DUTY_VERBS.step, statementId: model.statementId, step: model.actions[i].step });
        expect(a.fallback).toMatchObject({ type: 'Action.Submit', data: a.data });
      }
      if (model.refreshUserIds.length > 0) expect(card.refresh).toMatchObject({ action: { verb: STATEMENT_VERBS.refresh }, userIds: model.refreshUserIds });
      else expect(card).not.toHaveProperty('refresh');
    });
  });

  it('asks for a case reference and initials only when the young person may be identified, checked on the card', () => {
    expect(JSON.stringify(renderDutyCard(base))).not.toContain(DUTY_INPUTS.initials);
    const card = renderDutyCard(states[1].model) as Json;
    const inputs = objectsOf(card).map(({ node }) => node).filter((n) => n.type === 'Input.Text');
    expect(inputs).toEqual([
      expect.objectContaining({ id: DUTY_INPUTS.reference, isRequired: true }),
      expect.objectContaining({ id: DUTY_INPUTS.initials, isRequired: true, regex: '^(?:[A-Z]\\.?){1,4}$' }),
    ]);
    expect(objectsOf(card).map(({ node }) => node).find((n) => n.verb === DUTY_VERBS.identify)).toMatchObject({ associatedInputs: 'auto', data: { verb: DUTY_VERBS.identify, statementId: base.statementId } });
  });

  it('shows the duty manager what to send and a ready e-mail, only when the deletion request is theirs to make', () => {
    const card = renderDutyCard(states[2].model) as Json;
    expect(displayedStrings(card)).toContain('Ask Mind Of My Own to delete the young person’s details');
    expect(objectsOf(card).map(({ node }) => node).find((n) => n.type === 'Action.OpenUrl')).toMatchObject({ title: 'Write the e-mail', url: states[2].model.deletionRequest?.mailto });
    expect(JSON.stringify(renderDutyCard(base))).not.toContain('Write the e-mail');
  });
});

describe('the Safety Link follow-up on the duty manager’s escalation card', () => {
  const escalation: EscalationCardData = {
    variant: 'reassigned',
    statementId: 'st_1',
    obligationId: 'ob_7',
    reference: 'C-1001',
    standardSource: 'Youth justice service standards for Mind Of My Own, Safety Link',
    standardTitle: 'Team manager follows up a Safety Link statement with the allocated worker',
    deadline: '02:00 Sat 21 Nov',
    late: 'Less than a working hour late',
    worker: { name: 'Priya Manager', email: 'priya@council.example' },
    coveringFor: null,
    holders: 'Sam Worker and you',
    withYou: true,
    people: [],
    outcome: null,
    movedTo: 'the duty manager',
    followUp: { text: 'Follow up with the allocated worker: decide if safeguarding procedures apply or urgent action is required.', canRecord: true },
  };

  it('offers the same form as the statement card, sending what it acts on and the inputs', () => {
    const card = renderEscalationCard(escalation) as Json;
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(displayedStrings(card)).toContain('C-1001 is now with you');
    expect(displayedStrings(card).join(' ')).toContain('The standard says it then goes to the duty manager');
    const ids = objectsOf(card).map(({ node }) => node).filter((n) => String(n.type).startsWith('Input.')).map((n) => n.id);
    expect(ids).toEqual([FOLLOW_UP_INPUTS.decision, FOLLOW_UP_INPUTS.note]);
    expect(objectsOf(card).map(({ node }) => node).find((n) => n.verb === ANSWER_VERBS.escalationFollowUp)).toMatchObject({
      title: 'Record follow-up',
      associatedInputs: 'auto',
      data: { verb: ANSWER_VERBS.escalationFollowUp, statementId: 'st_1', obligationId: 'ob_7', variant: 'reassigned' },
    });
  });

  it('once recorded, says what was decided and offers no form', () => {
    const card = renderEscalationCard({ ...escalation, followUp: { text: 'Urgent action taken: recorded by Nia Nights, 03:10 today.', canRecord: false } }) as Json;
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(displayedStrings(card)).toContain('Urgent action taken: recorded by Nia Nights, 03:10 today.');
    expect(JSON.stringify(card)).not.toContain(FOLLOW_UP_INPUTS.note);
  });
});
