import { parse } from 'csv-parse/sync';
import { historyTable } from '../cards/history-view';
import { History, historyCsv } from '../domain/history';
import { Permissions } from '../domain/permissions';
import type { Person } from '../domain/person';
import { StatementService } from '../domain/statement-service';
import { Worklists } from '../domain/worklists';
import { caseWorld, envelope, calendar, standards, type CaseWorld } from '../test/case-world';
import { validateAdaptiveCard } from '../test/validate-card';
import { Conversation } from './conversation';
import { historyRequestOf } from './history-answers';
import { Understander } from './understand';

/**
 * "History of CR-20417" and "history of C-1" in Teams: every event — who, when, what, from
 * which channel — in words a worker understands, no internal id, and only to the people
 * allowed to see the statement or case ("social workers an easy way to evidence them").
 */
const people: Person[] = [
  { id: 'p_priya', aadObjectId: 'aad-priya', name: 'Priya Shah', email: 'priya@council.example', roles: ['manager'], teamId: 't_north', lineManagerId: null },
  { id: 'p_sam', aadObjectId: 'aad-sam', name: 'Sam Patel', email: 'sam@council.example', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' },
  { id: 'p_ali', aadObjectId: 'aad-ali', name: 'Ali Khan', email: 'ali@council.example', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' },
  { id: 'p_kim', aadObjectId: 'aad-kim', name: 'Kim Reid', email: 'kim@council.example', roles: ['worker'], teamId: 't_south', lineManagerId: null },
  { id: 'p_jo', aadObjectId: 'aad-jo', name: 'Jo Green', email: 'jo@council.example', roles: ['participation'], teamId: null, lineManagerId: null },
];
const who = (id: string) => people.find((p) => p.id === id)!;

let world: CaseWorld;
let conversation: Conversation;
let understander: Understander;

beforeAll(async () => {
  understander = await Understander.create(calendar);
});

beforeEach(async () => {
  world = await caseWorld({ now: '2026-11-23T10:00:00Z' });
  await world.store.directory.upsert(people, [{ id: 't_north', name: 'North CiC team', managerId: 'p_priya' }, { id: 't_south', name: 'South CiC team', managerId: null }]);
  const now = () => world.clock.now;
  const service = new StatementService({ store: world.store, standards, packs: new Set(['momo']), calendar, now });
  conversation = new Conversation({
    store: world.store,
    service,
    caseWork: world.service,
    worklists: new Worklists({ store: world.store, standards, now }),
    understander,
    standards,
    calendar,
    now,
    links: { dashboard: () => 'https://heard.example/dashboard?link=x', historyExport: (p, ref) => `https://heard.example/api/history.csv?for=${p.id}&ref=${ref}` },
  });
  const { statementId } = await service.receive(
    {
      externalId: 'momo-1',
      sentAt: world.clock.now - 1800,
      child: { reference: 'C-1', initials: 'AB' },
      type: 'my-world',
      intendedRecipient: { kind: 'person', email: 'sam@council.example' },
      flags: { complaint: false, safetyLink: false, unidentified: false },
      pdf: Buffer.from('%PDF-1.4 fictional'),
    },
    'api',
  );
  world.clock.now += 600;
  await service.acknowledge(statementId, who('p_sam'), 'card');
  world.clock.now += 600;
  await service.recordSaved(statementId, who('p_sam'), { system: 'Liquid Logic', reference: 'LL-42' }, 'card');
  await world.send(
    envelope('case-allocated', '2026-11-01T09:00:00Z', { role: 'social-worker', person: 'sam@council.example' }),
    envelope('visit-completed', '2026-11-20T14:30:00Z', { kind: 'cic' }, { by: 'sam@council.example' }),
  );
});

afterEach(() => world.close());

async function ask(asker: string, words: string): Promise<string> {
  const replies = await conversation.message(who(asker), words);
  expect(replies).toHaveLength(1);
  const [reply] = replies;
  if (reply.kind !== 'card') throw new Error('expected a card');
  expect(validateAdaptiveCard(reply.card)).toEqual([]);
  return JSON.stringify(reply.card);
}

describe('history in Teams', () => {
  it("shows the worker's manager what happened to the statement and the case: who, when, what, through which channel, in words", async () => {
    const card = await ask('p_priya', 'history of C-1');
    expect(card).toContain('History of C-1 (AB)');
    for (const words of [
      'Received the My World statement sent Mon 23 Nov',
      'Assigned the My World statement sent Mon 23 Nov to Sam Patel',
      'Acknowledged the My World statement sent Mon 23 Nov',
      'Saved the My World statement sent Mon 23 Nov to the case record (Liquid Logic)',
      'Allocated Sam Patel as social worker',
      'Visit completed (cic)',
      'Mon 23 Nov 2026, 10:10 · Sam Patel · Teams card',
      'Fri 20 Nov 2026, 14:30 · Sam Patel · lcs API',
      ' · Mind Of My Own · API',
    ]) {
      expect(card).toContain(words);
    }
    expect(card).toContain('https://heard.example/api/history.csv?for=p_priya&ref=C-1');
  });

  it('names no internal id: no statement, person, audit or obligation id, no Mind Of My Own id', async () => {
    const card = await ask('p_sam', 'what happened to C-1?');
    const text = JSON.stringify((JSON.parse(card).body as { type: string }[]).filter((b) => b.type !== 'ActionSet'));
    expect(text).not.toMatch(/\b(st|p|au|ob|ca)_[A-Za-z0-9-]+/);
    expect(text).not.toContain('momo-1');
  });

  it('tells a colleague of the same team, and someone asking of a reference that does not exist, the same thing — nothing', async () => {
    const colleague = await ask('p_ali', 'history of C-1');
    const nobody = await ask('p_ali', 'history of C-999');
    const strip = (card: string) => card.replace(/C-1\b|C-999/g, 'REF');
    expect(strip(colleague)).toEqual(strip(nobody));
    expect(colleague).not.toContain('Sam Patel');
    expect(await ask('p_kim', 'history of C-1')).toContain('No history of C-1 to show you');
  });

  it('shows the participation team the whole history, and offers it only in the personal chat', async () => {
    expect(await ask('p_jo', 'show me the history for C-1')).toContain('Saved the My World statement');
    const [shared] = await conversation.message(who('p_priya'), 'history of C-1', 'shared');
    expect(shared).toEqual({ kind: 'text', text: expect.stringContaining('only answer it in our personal chat') });
  });

  it('exports the whole history as RFC 4180 CSV: at, when, who, what, channel', async () => {
    const records = await new History(world.store, new Permissions(world.store.directory)).of(who('p_priya'), 'C-1', '2026-11-23');
    const csv = historyCsv(historyTable(records!, calendar));
    expect(csv.split('\r\n')[0]).toBe('at,when,who,what,channel');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows[0]).toEqual({ at: '2026-11-01T09:00:00Z', when: 'Sun 1 Nov 2026, 09:00', who: 'the case system', what: 'Allocated Sam Patel as social worker', channel: 'lcs API' });
    expect(rows.map((r) => r.at)).toEqual([...rows.map((r) => r.at)].sort());
    expect(rows.some((r) => r.who === 'Sam Patel' && r.what.startsWith('Acknowledged') && r.channel === 'Teams card')).toBe(true);
  });

  it('reads a reference only where the message asks for a history: a reference holds a digit', () => {
    expect(historyRequestOf('history of CR-20417')).toBe('CR-20417');
    expect(historyRequestOf('Show me the history of case c-10442.')).toBe('C-10442');
    expect(historyRequestOf('history of Sam')).toBeNull();
    expect(historyRequestOf("what's due this week")).toBeNull();
  });
});
