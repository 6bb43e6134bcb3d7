import { Broadcasts } from '../domain/broadcasts';
import type { Person, Team } from '../domain/person';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { personalChat } from './fake-bot-connector';

/**
 * A council of `size` people for the broadcast tests and bench, every one of them sent a
 * notice by the participation officer: most have Heard installed in Teams, and some cannot
 * be reached in each of the ways Teams has — not installed (no Teams identity, or removed
 * since), blocked (403) and chat gone (404). Fictional throughout.
 */
export interface BroadcastCouncil {
  broadcastId: string;
  officer: Person;
  /** Everyone the notice goes to (the officer included: "everyone" is everyone). */
  people: Person[];
  /** Conversation ids the fake connector must answer 403 and 404. */
  forbidden: Set<string>;
  gone: Set<string>;
  /** Person ids Heard can reach, and those it cannot (in any of the ways above). */
  reachable: Set<string>;
  unreachable: Set<string>;
}

/** The conversation id of a person's personal chat in these tests. @example conversationOf(person); // 'a:aad-0007' */
export function conversationOf(person: Person): string {
  return `a:${person.aadObjectId}`;
}

/**
 * Seeds the store file and queues the notice (through the domain, as an officer's
 * confirmation does). `serviceUrl` is the fake connector's.
 *
 * @example
 * const council = await seedBroadcastCouncil(file, connector.url, 2000, now);
 */
export async function seedBroadcastCouncil(file: string, serviceUrl: string, size: number, now: number): Promise<BroadcastCouncil> {
  const teams: Team[] = Array.from({ length: Math.ceil(size / 40) }, (_, i) => ({ id: `t_${i}`, name: `Team ${i}`, managerId: null }));
  const officer: Person = { id: 'p_officer', aadObjectId: 'aad-officer', name: 'Jo Officer', email: 'jo.officer@council.example', roles: ['participation'], teamId: null, lineManagerId: null };
  const people: Person[] = [officer];
  const forbidden = new Set<string>();
  const gone = new Set<string>();
  const reachable = new Set<string>([officer.id]);
  const unreachable = new Set<string>();
  const store = await openSqliteStore(file);
  try {
    for (let i = 0; i < size - 1; i++) {
      const n = String(i).padStart(4, '0');
      const noIdentity = i % 83 === 41;
      people.push({ id: `p_${n}`, aadObjectId: noIdentity ? null : `aad-${n}`, name: `Person ${n}`, email: `person.${n}@council.example`, roles: ['worker'], teamId: `t_${i % teams.length}`, lineManagerId: null });
    }
    await store.directory.upsert(people, teams);
    for (const [i, p] of people.entries()) {
      if (!p.aadObjectId) {
        unreachable.add(p.id);
        continue;
      }
      const removed = i % 79 === 17;
      await store.conversations.save({ aadObjectId: p.aadObjectId, reference: personalChat(serviceUrl, p.aadObjectId), installed: !removed, updatedAt: now });
      if (removed) unreachable.add(p.id);
      else if (i % 97 === 13) {
        forbidden.add(conversationOf(p));
        unreachable.add(p.id);
      } else if (i % 89 === 29) {
        gone.add(conversationOf(p));
        unreachable.add(p.id);
      } else reachable.add(p.id);
    }
    const created = await new Broadcasts({ store, now: () => now }).createNotice(officer, 'bc_everyone', { kind: 'everyone' }, 'Office closed on Friday', 'The office is closed on Friday for training. Work from home.');
    if (!created.ok) throw new Error(`the notice was not queued: ${created.code}`);
    return { broadcastId: created.broadcast.id, officer, people, forbidden, gone, reachable, unreachable };
  } finally {
    await store.close();
  }
}
