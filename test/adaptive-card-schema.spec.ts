import { validateAgainstSchema } from './validate-card';

function card(body: unknown[], extra: object = {}): object {
  return { type: 'AdaptiveCard', version: '1.5', body, ...extra };
}

describe('validateAgainstSchema (the official Adaptive Card 1.5 JSON schema)', () => {
  it('accepts a 1.5 card with Teams’ full width, a refresh, a type-ahead choice list and Universal Actions', () => {
    const good = card(
      [
        { type: 'TextBlock', text: 'Statement CR-20417 · J.B.', style: 'heading', wrap: true },
        { type: 'Input.ChoiceSet', id: 'who', label: 'Reassign to', style: 'filtered', choices: [{ title: 'Sam Patel', value: 'p_sam' }] },
      ],
      {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        msteams: { width: 'Full' },
        refresh: { action: { type: 'Action.Execute', verb: 'statement.refresh', data: { statementId: 'st-1' } }, userIds: ['29:1abc'] },
        actions: [{ type: 'Action.Execute', title: 'Acknowledge', verb: 'statement.acknowledge', data: { statementId: 'st-1' }, fallback: { type: 'Action.Submit', title: 'Acknowledge', data: { statementId: 'st-1' } } }],
      },
    );

    expect(validateAgainstSchema(good)).toEqual([]);
  });

  it('rejects a misspelt property, saying where it is', () => {
    expect(validateAgainstSchema(card([{ type: 'TextBlock', text: 'Hi', wrapp: true }]))).toContain('body[0]: must NOT have additional properties (wrapp)');
  });

  it('rejects an element type the schema does not have', () => {
    expect(validateAgainstSchema(card([{ type: 'Paragraph', text: 'Hi' }])).some((p) => p.startsWith('body[0]'))).toBe(true);
  });

  it('rejects a property on the card that neither the schema nor Teams knows', () => {
    expect(validateAgainstSchema(card([], { width: 'Full' }))).toContain('card: must NOT have additional properties (width)');
  });

  it('allows msteams only on the card itself, and only as Teams documents it', () => {
    expect(validateAgainstSchema(card([], { msteams: { width: 'Wide' } }))).toEqual([expect.stringMatching(/^msteams\.width: must be equal to one of the allowed values/)]);
    expect(validateAgainstSchema(card([], { msteams: { colour: 'red' } }))).toEqual(['msteams: must NOT have additional properties (colour)']);
    expect(validateAgainstSchema(card([{ type: 'TextBlock', text: 'Hi', msteams: { width: 'Full' } }]))).toContain('body[0]: must NOT have additional properties (msteams)');
  });

  it('allows the documented "filtered" choice style and no other style the schema lacks', () => {
    const choices = (style: string) => card([{ type: 'Input.ChoiceSet', id: 'who', style, choices: [{ title: 'A', value: 'a' }] }]);
    expect(validateAgainstSchema(choices('filtered'))).toEqual([]);
    expect(validateAgainstSchema(choices('dropdown')).some((p) => p.startsWith('body[0].style'))).toBe(true);
  });

  it('allows Teams\' dynamic type-ahead (choices.data, a Data.Query) on a choice set, in its documented shape only', () => {
    const people = (query: object) => card([{ type: 'Input.ChoiceSet', id: 'who', style: 'filtered', choices: [{ title: 'A', value: 'a' }], 'choices.data': query }]);
    expect(validateAgainstSchema(people({ type: 'Data.Query', dataset: 'heard.people', count: 15, skip: 0 }))).toEqual([]);
    expect(validateAgainstSchema(people({ type: 'Data.Query', datasett: 'heard.people' })).some((p) => p.startsWith('body[0].choices.data'))).toBe(true);
    expect(validateAgainstSchema(people({ type: 'Data.Search', dataset: 'heard.people' })).some((p) => p.startsWith('body[0].choices.data'))).toBe(true);
    expect(validateAgainstSchema(card([{ type: 'Input.Text', id: 'x', 'choices.data': { type: 'Data.Query', dataset: 'd' } }])).length).toBeGreaterThan(0);
  });

  it('rejects a value of the wrong kind', () => {
    expect(validateAgainstSchema(card([{ type: 'TextBlock', text: 'Hi', wrap: 'yes' }])).some((p) => p.startsWith('body[0].wrap'))).toBe(true);
  });
});
