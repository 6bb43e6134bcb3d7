import { validateWithSdk as validateAdaptiveCard } from './validate-card';

function card(body: unknown[], actions: unknown[] = [], extra: object = {}): object {
  return { type: 'AdaptiveCard', version: '1.5', body, ...(actions.length > 0 ? { actions } : {}), ...extra };
}

const execute = (verb: string, title: string): object => ({
  type: 'Action.Execute',
  title,
  verb,
  data: { verb, statementId: 'st-1' },
  fallback: { type: 'Action.Submit', title, data: { verb, statementId: 'st-1' } },
});

describe('validateAdaptiveCard (Adaptive Cards 1.5, as Microsoft’s SDK reads it)', () => {
  it('accepts a good 1.5 card with refresh, inputs, a show-card and Universal Actions', () => {
    const good = card(
      [
        { type: 'TextBlock', text: 'Statement CR-20417 · J.B.', style: 'heading', weight: 'Bolder', wrap: true },
        // Default values are dropped by the SDK when it writes the card back: not a misspelling.
        { type: 'TextBlock', text: 'My World', wrap: false, separator: false, isSubtle: true, spacing: 'None' },
        { type: 'FactSet', facts: [{ title: 'Sent', value: 'Mon 23 Nov, 09:12' }] },
        { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Open the PDF', url: 'https://heard.example/d/1' }] },
      ],
      [
        execute('statement.acknowledge', 'Acknowledge'),
        {
          type: 'Action.ShowCard',
          title: 'Not for me',
          card: {
            type: 'AdaptiveCard',
            body: [
              {
                type: 'Input.ChoiceSet',
                id: 'handBackReason',
                label: 'Why isn’t it yours?',
                isRequired: true,
                errorMessage: 'Choose a reason.',
                style: 'compact',
                choices: [{ title: 'Not my case', value: 'not-my-case' }],
              },
              { type: 'Input.Text', id: 'note', label: 'Note', maxLength: 64 },
            ],
            actions: [{ ...execute('statement.handBack', 'Hand back'), associatedInputs: 'auto' }],
          },
        },
      ],
      {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        msteams: { width: 'Full' },
        refresh: {
          action: { type: 'Action.Execute', verb: 'statement.refresh', data: { verb: 'statement.refresh', statementId: 'st-1' } },
          userIds: ['29:1abc'],
        },
      },
    );

    expect(validateAdaptiveCard(good)).toEqual([]);
  });

  it('leaves the card it checks untouched', () => {
    const checked = card([{ type: 'TextBlock', text: 'Hello', wrapp: true }], [execute('statement.download', 'Download')]);
    const before = JSON.parse(JSON.stringify(checked));

    validateAdaptiveCard(checked);

    expect(checked).toEqual(before);
  });

  it('rejects an element type that does not exist, saying where it is', () => {
    const problems = validateAdaptiveCard(card([{ type: 'TextBlock', text: 'Hi' }, { type: 'Paragraph', text: 'Hi' }]));

    expect(problems).toEqual([expect.stringMatching(/^body\[1\]: Unknown element type "Paragraph"/)]);
  });

  it('rejects an action type that does not exist', () => {
    const problems = validateAdaptiveCard(card([], [{ type: 'Action.Bogus', title: 'Go' }]));

    expect(problems).toEqual([expect.stringMatching(/^actions\[0\]: Unknown action type "Action.Bogus"/)]);
  });

  it('rejects an element that only exists after 1.5 (Carousel is 1.6)', () => {
    const problems = validateAdaptiveCard(card([{ type: 'Carousel', pages: [] }]));

    expect(problems).toEqual([expect.stringMatching(/^body\[0\]: Unknown element type "Carousel"/)]);
  });

  it('rejects a property that only exists after 1.5 (an input\'s labelPosition is 1.6)', () => {
    const problems = validateAdaptiveCard(card([{ type: 'Input.Text', id: 'note', label: 'Note', labelPosition: 'inline' }]));
    expect(problems).toEqual([expect.stringContaining('"labelPosition" is supported in version 1.6')]);
  });

  it('sets aside only its note that Teams\' dynamic type-ahead (choices.data) is 1.6: the documented exception the schema check polices', () => {
    const people = card([
      { type: 'Input.ChoiceSet', id: 'person', label: 'Person', style: 'filtered', choices: [{ title: 'Sam Patel', value: 'sam' }], 'choices.data': { type: 'Data.Query', dataset: 'heard.people' } },
    ]);
    expect(validateAdaptiveCard(people)).toEqual([]);
  });

  it('rejects a misspelt property, which the SDK silently drops', () => {
    const problems = validateAdaptiveCard(card([{ type: 'TextBlock', text: 'Hi', wrapp: true }]));

    expect(problems).toEqual(['body[0].wrapp: TextBlock has no property "wrapp" in Adaptive Cards 1.5']);
  });

  it('rejects a misspelt property inside a fact and a misspelt collection of readable items', () => {
    const problems = validateAdaptiveCard(
      card([
        { type: 'FactSet', facts: [{ titel: 'Sent', value: 'Monday' }] },
        { type: 'Container', itemz: [{ type: 'TextBlock', text: 'Hi' }] },
      ]),
    );

    expect(problems).toEqual([
      'body[0].facts[0].titel: this object has no property "titel" in Adaptive Cards 1.5',
      'body[1].itemz: Container has no property "itemz" in Adaptive Cards 1.5',
    ]);
  });

  it('rejects a value a property cannot take', () => {
    const problems = validateAdaptiveCard(card([{ type: 'TextBlock', text: 'Late', color: 'Purple' }]));

    expect(problems).toEqual(['body[0] (TextBlock): Invalid value "Purple" for property "color".']);
  });

  it('rejects a card not declared 1.5; the SDK itself checks features against the version it targets, not the declared one', () => {
    // Action.Execute is 1.4: a card declaring 1.0 cannot carry it. The SDK, targeting 1.5,
    // accepts it, so the declared-version check is what stops it.
    const problems = validateAdaptiveCard({
      type: 'AdaptiveCard',
      version: '1.0',
      body: [{ type: 'TextBlock', text: 'Hi' }],
      actions: [execute('statement.acknowledge', 'Acknowledge')],
    });

    expect(problems).toEqual(['version: must be "1.5" (found "1.0")']);
  });

  it('rejects a card with no version or of the wrong type', () => {
    expect(validateAdaptiveCard({ type: 'AdaptiveCard', body: [] })).toEqual(['version: must be "1.5" (found undefined)']);
    expect(validateAdaptiveCard({ type: 'Card', version: '1.5', body: [] })).toContain('type: must be "AdaptiveCard"');
  });

  it('rejects an input without an id: its value could never reach the handler', () => {
    const problems = validateAdaptiveCard(card([{ type: 'Input.Text', label: 'Record reference' }]));

    expect(problems).toEqual(['body[0] (Input.Text): All inputs must have a unique Id.']);
  });

  it('rejects two inputs with the same id, also when one is inside a show-card', () => {
    const problems = validateAdaptiveCard(
      card(
        [{ type: 'Input.Text', id: 'caseRecordReference', label: 'Record reference' }],
        [
          {
            type: 'Action.ShowCard',
            title: 'Saved to case record',
            card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'caseRecordReference', label: 'Reference' }] },
          },
        ],
      ),
    );

    expect(problems).toEqual(['actions[0].card.body[0] (Input.Text): Duplicate Id "caseRecordReference".']);
  });

  it('rejects a required input a screen reader could not announce or explain', () => {
    const problems = validateAdaptiveCard(card([{ type: 'Input.Text', id: 'caseRecordReference', isRequired: true }]));

    expect(problems).toEqual([
      'body[0] (Input.Text): Required inputs should have a label',
      'body[0] (Input.Text): Required inputs should have an error message',
    ]);
  });

  it('rejects more than five actions in one set', () => {
    const actions = ['1', '2', '3', '4', '5', '6'].map((title) => ({ type: 'Action.Submit', title }));

    expect(validateAdaptiveCard(card([], actions))).toEqual(['card (AdaptiveCard): Maximum number of actions exceeded (5).']);
  });

  it('rejects a link button without a link', () => {
    const problems = validateAdaptiveCard(card([], [{ type: 'Action.OpenUrl', title: 'Open the PDF' }]));

    expect(problems).toEqual(['actions[0] (Action.OpenUrl): Property "url" must be set.']);
  });

  it('checks each fallback as a card of its own, because the SDK only reads it when needed', () => {
    const problems = validateAdaptiveCard(
      card(
        [{ type: 'Image', url: 'https://heard.example/logo.png', fallback: 'nonsense' }],
        [{ ...execute('statement.download', 'Download'), fallback: { type: 'Action.Submitt', title: 'Download' } }],
      ),
    );

    expect(problems).toEqual([
      'body[0].fallback: must be an element, an action or "drop"',
      expect.stringMatching(/^actions\[0\]\.fallback: Unknown action type "Action.Submitt"/),
    ]);
  });
});
