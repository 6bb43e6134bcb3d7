import { ANSWER_ACTION_DATA } from './answer-action-data';
import { ANSWER_VERBS } from './answer-card-models';

describe('the data of an answer card press', () => {
  it('has a schema for every verb the answer cards use', () => {
    expect(Object.keys(ANSWER_ACTION_DATA).sort()).toEqual(Object.values(ANSWER_VERBS).sort());
  });

  it('reads what the card sent, trimmed', () => {
    expect(ANSWER_ACTION_DATA[ANSWER_VERBS.escalationReassign].parse({ statementId: 'st_1', obligationId: 'ob_1', variant: 'team', escalationPersonId: ' p_ali ' })).toEqual({
      statementId: 'st_1',
      obligationId: 'ob_1',
      variant: 'team',
      escalationPersonId: 'p_ali',
    });
    expect(ANSWER_ACTION_DATA[ANSWER_VERBS.teamPerson].parse({ personId: 'p_sam', list: { kind: 'due', from: '2026-11-23', to: '2026-11-29' } })).toEqual({
      personId: 'p_sam',
      list: { kind: 'due', from: '2026-11-23', to: '2026-11-29' },
    });
  });

  it('reads an old, tampered or truncated card as empty values, never as an error: the handler then answers it as a stale card', () => {
    for (const data of [undefined, null, 42, 'x', [], { statementId: 7, list: 'week', act: 'delete', personId: 'p'.repeat(201) }]) {
      for (const schema of Object.values(ANSWER_ACTION_DATA)) expect(() => schema.parse(data)).not.toThrow();
    }
    expect(ANSWER_ACTION_DATA[ANSWER_VERBS.worklistAct].parse({ statementId: 7, act: 'delete', list: { kind: 'everything', from: '2026-02-30' } })).toEqual({
      statementId: '',
      act: null,
      list: { kind: 'due', from: null, to: null },
    });
    expect(ANSWER_ACTION_DATA[ANSWER_VERBS.teamPerson].parse({ personId: 'p'.repeat(201) }).personId).toBe('');
    expect(ANSWER_ACTION_DATA[ANSWER_VERBS.ask].parse({}).text).toBe('help');
    expect(ANSWER_ACTION_DATA[ANSWER_VERBS.flowConfirm].parse({ flowId: 'fl_1', choice: 'move-everything' }).choice).toBe('confirm');
  });
});
