import { validateAdaptiveCard } from '../test/validate-card';
import type { AdaptiveCardJson } from './adaptive-card';
import { renderDeliveryReportCard } from './delivery-report-card';
import { renderLinkCard } from './link-card';
import { renderNoticeCard } from './notice-card';
import { renderQueueCard } from './queue-card';
import { renderReassignCard } from './reassign-card';

/**
 * The cards of issue 17 — a notice, the delivery report, a link, "Reassign…" with its
 * people picker, and the queue's hand-back and away warning — each valid Adaptive Card
 * 1.5 (the official schema and Microsoft's SDK), with text from outside inserted literally.
 */
const HOSTILE = '${title} {{x}} "quoted" <b>bold</b> \\ ´ ü';

function actions(card: AdaptiveCardJson): { title: string; verb?: string; data?: Record<string, unknown>; type: string }[] {
  const found: { title: string; verb?: string; data?: Record<string, unknown>; type: string }[] = [];
  JSON.parse(JSON.stringify(card), (_k, v) => {
    if (v && typeof v === 'object' && typeof v.type === 'string' && v.type.startsWith('Action.') && typeof v.title === 'string') found.push(v);
    return v;
  });
  return found;
}

describe('a notice', () => {
  it('has its title, who sent it, one block per paragraph, and "I\'ve read this" until pressed', () => {
    const card = renderNoticeCard({ broadcastId: 'bc_1', title: 'Office closed on Friday', body: 'The office is closed.\n\nWork from home.', from: 'From Jo Green · Mon 23 Nov', read: null });
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('The office is closed.');
    expect(text).toContain('Work from home.');
    expect(actions(card).filter((a) => a.type === 'Action.Execute')).toEqual([expect.objectContaining({ title: "I've read this", verb: 'broadcast.read', data: { verb: 'broadcast.read', broadcastId: 'bc_1' } })]);
    const read = renderNoticeCard({ broadcastId: 'bc_1', title: 'Office closed on Friday', body: 'x', from: 'From Jo', read: '✓ You read this at 10:32 today.' });
    expect(validateAdaptiveCard(read)).toEqual([]);
    expect(actions(read)).toEqual([]);
    expect(JSON.stringify(read)).toContain('You read this at 10:32 today');
  });

  it('shows text from the officer literally', () => {
    const card = renderNoticeCard({ broadcastId: 'bc_1', title: HOSTILE, body: HOSTILE, from: HOSTILE, read: null });
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(JSON.stringify(card).split(JSON.stringify(HOSTILE).slice(1, -1)).length - 1).toBe(3);
  });
});

describe('the delivery report', () => {
  const report = (sending: boolean) =>
    renderDeliveryReportCard({
      broadcastId: 'bc_1',
      title: 'Delivery report · Office closed on Friday',
      status: sending ? 'Sending to everyone: 1,234 of 2,000 done so far' : 'Finished at 10:42 today · to everyone',
      tone: sending ? null : 'warning',
      facts: [{ title: 'Delivered', value: '1,910' }, { title: 'Read', value: '12 of 1,910' }, { title: 'Not installed', value: '90' }],
      notReached: Array.from({ length: 30 }, (_, i) => `Person ${i}: Heard is not installed for them`),
      moreNotReached: 'and 60 more: Export CSV lists everyone',
      sending,
      canExport: true,
    });

  it('while sending: counts, names not reached, Refresh, Export CSV and Cancel sending', () => {
    const card = report(true);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(actions(card).filter((a) => a.type === 'Action.Execute').map((a) => [a.title, a.verb])).toEqual([
      ['Refresh', 'broadcast.report'],
      ['Export CSV', 'broadcast.export'],
      ['Cancel sending', 'broadcast.cancel'],
    ]);
    expect(JSON.stringify(card)).toContain('Person 29: Heard is not installed for them');
  });

  it('once done: no Cancel, and under Teams’ 28 KB with 30 names', () => {
    const card = report(false);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(actions(card).map((a) => a.title)).not.toContain('Cancel sending');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });
});

it('a link card opens its link', () => {
  const card = renderLinkCard({ title: 'Delivery report · x', lines: ['Valid until 10:47 today.'], url: 'https://heard.example/api/broadcasts/bc_1/report.csv?token=a.b', linkTitle: 'Download CSV' });
  expect(validateAdaptiveCard(card)).toEqual([]);
  expect(actions(card)).toEqual([{ type: 'Action.OpenUrl', title: 'Download CSV', url: 'https://heard.example/api/broadcasts/bc_1/report.csv?token=a.b' }]);
});

it('"Reassign…" has a required people picker that types ahead, with static choices for clients that cannot', () => {
  const people = Array.from({ length: 40 }, (_, i) => ({ title: `Person ${i} · North CiC team`, value: `p_${i}` }));
  const card = renderReassignCard({ statementId: 'st_1', title: 'Reassign CR-20430 · AB', lines: ['It is with Ali Hassan.'], people, notice: HOSTILE });
  expect(validateAdaptiveCard(card)).toEqual([]);
  const picker = (card.body as Record<string, unknown>[]).find((e) => e.type === 'Input.ChoiceSet');
  expect(picker).toMatchObject({ id: 'reassignPersonId', isRequired: true, style: 'filtered', 'choices.data': { type: 'Data.Query', dataset: 'heard.people' } });
  expect((picker?.choices as unknown[]).length).toBe(40);
  expect(actions(card).filter((a) => a.type === 'Action.Execute')).toEqual([expect.objectContaining({ title: 'Continue', verb: 'reassign.one', data: { verb: 'reassign.one', statementId: 'st_1' } })]);
});

it('the queue shows who handed a statement back and why, with Give back; and warns before assigning to someone away', () => {
  const card = renderQueueCard({
    title: 'Unassigned statements',
    subtitle: '1 waiting, oldest first',
    empty: null,
    items: [{ statementId: 'st_1', reference: 'CR-1', initials: 'AB', typeLabel: 'My World', clock: 'Assign by 15:30 today · momo.1.1.handed-back, 5 working hours', state: 'running', problem: null, handedBack: 'Handed back by Sam Patel at 10:30 today: “It isn\'t my case”', undo: { title: 'Give back to Sam' } }],
    more: null,
    assignees: [{ title: 'Hana Lewis · head of service', value: 'p_hana' }],
    awayWarning: { text: 'Ali Hassan is away until Fri 27 Nov, Sam Patel covering. Assign CR-1 to them anyway, or to Sam Patel?', statementId: 'st_1', personId: 'p_ali', coverId: 'p_sam', coverTitle: 'Assign to Sam Patel' },
    followUps: [],
  });
  expect(validateAdaptiveCard(card)).toEqual([]);
  const all = actions(card).filter((a) => a.type === 'Action.Execute');
  expect(all.map((a) => [a.title, a.verb, a.data])).toEqual([
    ['Give back to Sam', 'handback.undo', { verb: 'handback.undo', statementId: 'st_1' }],
    ['Assign anyway', 'queue.assign', { verb: 'queue.assign', queueStatementId: 'st_1', queuePersonId: 'p_ali', confirmAway: true }],
    ['Assign to Sam Patel', 'queue.assign', { verb: 'queue.assign', queueStatementId: 'st_1', queuePersonId: 'p_sam', confirmAway: true }],
    ['Assign', 'queue.assign', { verb: 'queue.assign' }],
  ]);
  expect(JSON.stringify(card)).toContain('"choices.data":{"type":"Data.Query","dataset":"heard.people"}');
});
