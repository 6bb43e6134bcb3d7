/**
 * A manager's "what's due for my team this week?" over case work at a council's scale:
 * 1,000 people in 25 teams, 20,000 children's cases, 100,000 open and 1,000,000 closed
 * (met or cancelled) case obligations on the embedded store — the team's rows
 * (`teamOf`, `teamSummary`) and the row of its cases' work nobody holds
 * (`unallocatedRow`), as the team card needs them. Beside a baseline in the same run:
 * the same answer the straightforward way, one obligations query per person and a case
 * read per item, and each of the team's cases' obligations read to find the unowned ones.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Database from 'better-sqlite3';
import type { Case } from '../domain/case';
import type { Obligation } from '../domain/obligation';
import type { Person, Team } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { Worklists, type InstantWindow } from '../domain/worklists';
import { loadBuiltInStandards, parseInstant } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { OBLIGATION_COLUMNS, OBLIGATION_VALUES, obligationParams, type ObligationRow } from '../storage/embedded/sqlite-repositories';
import { mulberry32 } from '../test/seeded-random';
import type { BenchResult } from './bench-result';
import { p95 } from './statistics';

const DAY = 86400;
/** Wednesday 25 November 2026, 12:00 (November: local time is UTC). */
const NOW = parseInstant('2026-11-25T12:00:00Z');
/** This Monday to next Monday. */
const THIS_WEEK: InstantWindow = { from: parseInstant('2026-11-23T00:00:00Z'), to: parseInstant('2026-11-30T00:00:00Z') };
const MANAGER = 'p_m0';
const TEAMS = 25;
const PEOPLE = 1000;
const CASES = 20_000;
/** Case standards the obligations are of (any of the packs' would do: the lists read titles only for first items). */
const STANDARDS = [
  'core-practice.visiting.cla.first-year',
  'childrens-services.cic-reviews.48',
  'childrens-services.cp-visits.1',
  'childrens-services.core-groups.12',
  'momo.4.1',
];

/** 25 teams of 40, each with its manager; every worker's line manager is their team's. */
function directory(): { people: Person[]; teams: Team[] } {
  const teams: Team[] = Array.from({ length: TEAMS }, (_, t) => ({ id: `t_${t}`, name: `Team ${t}`, managerId: `p_m${t}` }));
  const people: Person[] = teams.map((team, t) => ({ id: `p_m${t}`, aadObjectId: `aad-m${t}`, name: `Manager ${t}`, email: `m${t}@council.example`, roles: ['manager'], teamId: team.id, lineManagerId: null }));
  for (let i = 0; people.length < PEOPLE; i++) {
    const t = i % TEAMS;
    people.push({ id: `p_w${i}`, aadObjectId: `aad-w${i}`, name: `Worker ${i}`, email: `w${i}@council.example`, roles: ['worker'], teamId: `t_${t}`, lineManagerId: `p_m${t}` });
  }
  return { people, teams };
}

/**
 * The store: the directory and the cases through the repositories; the 1,100,000
 * obligations straight into the adapter's own table (as the scheduler bench does: one
 * transaction, no journal, indexes dropped and re-created from their own SQL), since
 * writing them durably through the repository would take minutes and is not what is
 * measured. Each case has 5 open obligations (one in five of a role nobody in the
 * directory holds, an IRO) due from two months before now to two months after, and 50
 * closed ones over the two years before.
 */
async function fill(file: string, openTotal: number, closedTotal: number): Promise<void> {
  const next = mulberry32(15);
  const rand = (n: number) => next() % n;
  const { people, teams } = directory();
  const workers = people.filter((p) => p.roles.includes('worker'));
  const cases: Case[] = Array.from({ length: CASES }, (_, c) => {
    const worker = workers[rand(workers.length)];
    const manager = people.find((p) => p.id === worker.lineManagerId)!;
    return {
      id: `ca_${String(c).padStart(6, '0')}`,
      caseRef: `C-${100000 + c}`,
      initials: 'AB',
      dateOfBirth: null,
      flags: ['looked-after'],
      allocations: { 'social-worker': worker.email!, 'team-manager': manager.email!, iro: 'iro@elsewhere.example' },
      status: 'open',
      eventCount: 0,
      lastEventAt: NOW - 400 * DAY,
      version: 1,
      updatedAt: NOW,
    };
  });
  const store = await openSqliteStore(file);
  try {
    await store.directory.upsert(people, teams);
    for (let i = 0; i < cases.length; i += 2000) {
      await store.transaction(async (tx) => {
        for (const c of cases.slice(i, i + 2000)) await tx.cases.insert(c);
      });
    }
  } finally {
    await store.close();
  }

  const ownerOf = new Map(cases.map((c) => [c.id, people.find((p) => p.email === c.allocations['social-worker'])!.id]));
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
    const indexes = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'obligations' AND sql IS NOT NULL").all();
    const add = db.prepare<ObligationRow>(`INSERT INTO obligations (${OBLIGATION_COLUMNS}) VALUES (${OBLIGATION_VALUES})`);
    db.transaction(() => {
      for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
      let n = 0;
      const put = (kase: Case, status: Obligation['status'], due: number, unowned: boolean) => {
        const standardId = STANDARDS[rand(STANDARDS.length)];
        add.run(
          obligationParams({
            id: `ob_${String(n++).padStart(8, '0')}`,
            standardId,
            subject: 'case',
            statementId: null,
            caseId: kase.id,
            staffId: null,
            occurrenceKey: `${standardId}|${n}`,
            ownerId: unowned ? null : ownerOf.get(kase.id)!,
            ownerEmail: unowned ? 'iro@elsewhere.example' : kase.allocations['social-worker'],
            ownerRole: unowned ? 'iro' : 'social-worker',
            triggeredAt: due - 30 * DAY,
            anchorAt: null,
            due,
            status,
            completedAt: status === 'met' ? due - DAY : null,
            closedAt: status === 'cancelled' ? due - DAY : null,
            closedReason: status === 'cancelled' ? 'case-closed' : null,
            triggerDateOnly: false,
            stopDateOnly: false,
            nextNudgeAt: status === 'open' && due > NOW ? due - DAY : null,
            lease: null,
            version: 1,
          }),
        );
      };
      for (let i = 0; i < openTotal; i++) put(cases[i % CASES], 'open', NOW - 60 * DAY + rand(120 * DAY), i % 5 === 4);
      for (let i = 0; i < closedTotal; i++) put(cases[i % CASES], rand(10) === 0 ? 'cancelled' : 'met', NOW - 730 * DAY + rand(730 * DAY), false);
      for (const index of indexes) db.exec(index.sql);
    })();
    db.pragma('journal_mode = WAL');
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
}

/** Each person's count of items due this week, and the unowned count, as one comparable string. */
function counts(rows: { person: Person; count: number }[], unallocated: number): string {
  return JSON.stringify([...rows.map((r) => [r.person.id, r.count]).sort(), unallocated]);
}

/** The same answer the straightforward way: a query per person, a case read per item; every obligation of every team case for the unowned. */
async function naive(store: Store, lists: Worklists): Promise<string> {
  const team = await lists.teamOf(MANAGER);
  const rows: { person: Person; count: number }[] = [];
  for (const person of team) {
    const items = (await store.obligations.openForOwners([person.id], THIS_WEEK.to)).filter((o) => o.due >= THIS_WEEK.from);
    for (const o of items) await store.cases.get(o.caseId!);
    rows.push({ person, count: items.length });
  }
  const manager = (await store.directory.getPerson(MANAGER))!;
  const cases = await store.cases.listAllocatedTo([manager, ...team].flatMap((p) => (p.email ? [p.email] : [])));
  let unowned = 0;
  for (const c of cases) unowned += (await store.obligations.listForCase(c.id)).filter((o) => o.status === 'open' && o.ownerId === null && o.due >= THIS_WEEK.from && o.due < THIS_WEEK.to).length;
  return counts(rows, unowned);
}

export async function benchTeamCaseWork(): Promise<BenchResult[]> {
  const openTotal = Number(process.env.HEARD_BENCH_OPEN_CASE_OBLIGATIONS ?? 100_000);
  const closedTotal = Number(process.env.HEARD_BENCH_CLOSED_CASE_OBLIGATIONS ?? 1_000_000);
  // Fewer than the other benches: the baseline reads every obligation of 800 cases each time.
  const repetitions = Number(process.env.HEARD_BENCH_REPETITIONS ?? 60);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-bench-team-cases-'));
  const file = path.join(dir, 'heard.sqlite');
  try {
    await fill(file, openTotal, closedTotal);
    const store = await openSqliteStore(file);
    try {
      const lists = new Worklists({ store, standards: loadBuiltInStandards(), now: () => NOW });
      const heard = async () => {
        const team = await lists.teamOf(MANAGER);
        const manager = (await store.directory.getPerson(MANAGER))!;
        const [rows, unallocated] = await Promise.all([lists.teamSummary(team, 'due', THIS_WEEK), lists.unallocatedRow([manager, ...team], 'due', THIS_WEEK)]);
        return { rows, unallocated };
      };
      const answer = await heard();
      if (answer.rows.length < 30 || answer.rows.every((r) => r.count === 0) || answer.unallocated.count === 0) throw new Error('the data set is wrong: the team has no case work due');
      if (counts(answer.rows, answer.unallocated.count) !== (await naive(store, lists))) throw new Error('the two answers differ');
      // Taken in turns, each going first every other time, so neither gets the warmer cache throughout.
      const samples = { heard: [] as number[], naive: [] as number[] };
      for (let i = 0; i < repetitions + 20; i++) {
        for (const which of i % 2 === 0 ? (['heard', 'naive'] as const) : (['naive', 'heard'] as const)) {
          const started = performance.now();
          await (which === 'heard' ? heard() : naive(store, lists));
          if (i >= 20) samples[which].push(performance.now() - started);
        }
      }
      return [
        {
          name: `"what's due for my team this week" over case work: ${answer.rows.length} of 1,000 people, ${CASES.toLocaleString('en-GB')} cases, ${openTotal.toLocaleString('en-GB')} open and ${closedTotal.toLocaleString('en-GB')} closed obligations, embedded store: p95`,
          value: p95(samples.heard),
          unit: 'ms',
          baselineName: 'same answer, a query per person and a case read per item, every team case read for the unowned',
          baseline: p95(samples.naive),
          lowerIsBetter: true,
        },
      ];
    } finally {
      await store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
