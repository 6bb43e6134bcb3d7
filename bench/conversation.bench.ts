/**
 * The manager's questions of the conversation on the embedded store: "what's due for my
 * team this week?" and "who in my team is overdue?" — `teamOf` plus `teamSummary` — for
 * a manager of 40 among 1,000 people, over 50,000 open obligations. Each is measured
 * beside a baseline in the same run: the same answer computed the straightforward way,
 * one obligations query per person and one statement read per item.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { statementObligation, type Obligation } from '../domain/obligation';
import type { Person, Team } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';
import { Conversation } from '../dialogs/conversation';
import { Understander } from '../dialogs/understand';
import { CaseWorkService } from '../domain/case-work-service';
import { StatementService } from '../domain/statement-service';
import { Worklists, type InstantWindow, type TeamRow } from '../domain/worklists';
import { compileCalendar, loadBuiltInStandards, parseInstant, type Standard } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { mulberry32 } from '../test/seeded-random';
import type { BenchResult } from './bench-result';
import { p95 } from './statistics';

const DAY = 86400;
const HOUR = 3600;
/** Wednesday 25 November 2026, 12:00 (November: local time is UTC). */
const NOW = parseInstant('2026-11-25T12:00:00Z');
/** This Monday to next Monday. */
const THIS_WEEK: InstantWindow = { from: parseInstant('2026-11-23T00:00:00Z'), to: parseInstant('2026-11-30T00:00:00Z') };
const MANAGER = 'p_m0';
const TEAMS = 25;

/**
 * Clocks a statement starts, as offsets of their deadlines from the statement's own
 * moment: the recipient's (momo 2.1, saving, telling the child, yjs receiving), the
 * team's (momo 2.2, owner null) and longer review clocks, plus one of a standard this
 * organisation does not use.
 */
const CLOCKS: { standardId: string; role: string; team: boolean; offset: number }[] = [
  { standardId: 'momo.2.1', role: 'recipient', team: false, offset: 0 },
  { standardId: 'momo.2.1.saved', role: 'recipient', team: false, offset: 0 },
  { standardId: 'momo.3.1', role: 'recipient', team: false, offset: -2 * HOUR },
  { standardId: 'momo.2.2', role: 'participation-team', team: true, offset: DAY },
  { standardId: 'yjs.receiving-statements', role: 'recipient', team: false, offset: -4 * HOUR },
  { standardId: 'momo.4.4', role: 'iro', team: false, offset: 5 * DAY },
  { standardId: 'momo.4.2', role: 'iro', team: false, offset: 12 * DAY },
  { standardId: 'legacy.retired', role: 'recipient', team: false, offset: 0 },
];

/**
 * 1,000 people in 25 teams, each team with its manager; the manager of t_0 also line
 * manages someone in t_1, so they manage 40 people. 50,000 open obligations (and some 16,000
 * met ones) on statements assigned to anyone, due over three weeks either side of now.
 */
async function buildCouncil(file: string, openTotal: number): Promise<void> {
  const next = mulberry32(11);
  const rand = (n: number) => next() % n;
  const teams: Team[] = Array.from({ length: TEAMS }, (_, t) => ({ id: `t_${t}`, name: `Team ${t}`, managerId: `p_m${t}` }));
  const people: Person[] = teams.map((team, t) => ({
    id: `p_m${t}`,
    aadObjectId: `aad-m${t}`,
    name: `Manager ${String(t).padStart(2, '0')}`,
    email: `m${t}@council.example`,
    roles: ['manager'],
    teamId: team.id,
    lineManagerId: null,
  }));
  for (let i = 0; people.length < 1000; i++) {
    const t = i % TEAMS;
    people.push({
      id: `p_w${i}`,
      aadObjectId: `aad-w${i}`,
      name: `Worker ${String(rand(100000)).padStart(5, '0')} ${i}`,
      email: `w${i}@council.example`,
      roles: ['worker'],
      teamId: `t_${t}`,
      // One of team 1 is line managed by team 0's manager.
      lineManagerId: i === 1 ? MANAGER : `p_m${t}`,
    });
  }

  const store = await openSqliteStore(file);
  await store.directory.upsert(people, teams);
  let open = 0;
  let met = 0;
  let n = 0;
  while (open < openTotal) {
    if (n > openTotal * 2) throw new Error('the data set does not fill: the generator is wrong');
    const statements: Statement[] = [];
    const obligations: Obligation[] = [];
    while (statements.length < 2000 && open < openTotal) {
      const id = `st_${n++}`;
      const owner = people[rand(people.length)].id;
      const moment = NOW - 21 * DAY + rand(42 * DAY);
      const done = rand(4) === 0;
      statements.push({
        id,
        externalId: `momo-${id}`,
        sentAt: moment - 7 * HOUR - rand(3 * DAY),
        receivedAt: moment - 7 * HOUR,
        child: { reference: `C-${n}`, initials: 'AB' },
        type: 'my-world',
        intendedRecipient: { kind: 'person', email: `${owner.slice(2)}@council.example` },
        flags: { complaint: false, safetyLink: false, unidentified: false },
        status: done ? 'saved' : (['assigned', 'delivered', 'opened', 'acknowledged'] as const)[rand(4)],
        assigneeIds: [owner],
        routedBy: 'intended-worker',
        caseRecord: null,
        pdf: null,
        version: 1,
        updatedAt: moment,
      });
      // Most statements start the recipient's three clocks; some start others as well.
      const clocks = CLOCKS.filter((c, k) => k < 3 || rand(k === CLOCKS.length - 1 ? 50 : 6) === 0);
      for (const clock of clocks) {
        const status = done ? 'met' : 'open';
        if (status === 'open' && open >= openTotal) break;
        const due = moment + clock.offset;
        obligations.push(
          statementObligation({
          id: `ob_${id}_${clock.standardId}`,
          standardId: clock.standardId,
          statementId: id,
          ownerId: clock.team ? null : owner,
          ownerRole: clock.role,
          triggeredAt: due - 7 * HOUR,
          due,
          status,
          completedAt: done ? due - HOUR : null,
          nextNudgeAt: done ? null : due,
          lease: null,
          version: 1,
          }),
        );
        if (done) met += 1;
        else open += 1;
      }
    }
    await store.transaction(async (tx) => {
      for (const s of statements) await tx.statements.insert(s);
      await tx.obligations.insertMany(obligations);
    });
  }
  await store.close();
  if (met === 0) throw new Error('the data set has no history');
}

function byName(a: Person, b: Person): number {
  return a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The same answer the way a first implementation would get it: the team from the
 * directory, then for each person their own obligations query and a statement read for
 * every item in the list, counting and sorting in memory.
 */
async function naiveTeamSummary(store: Store, standards: Map<string, Standard>, kind: 'due' | 'overdue'): Promise<TeamRow[]> {
  const teams = (await store.directory.listTeams()).filter((t) => t.managerId === MANAGER);
  const team: Person[] = [];
  for (const t of teams) team.push(...(await store.directory.listPeople({ teamId: t.id })));
  for (const p of await store.directory.listPeople()) if (p.lineManagerId === MANAGER && !team.some((q) => q.id === p.id)) team.push(p);
  const people = team.filter((p) => p.id !== MANAGER).sort(byName);

  const rows: TeamRow[] = [];
  for (const person of people) {
    const open = await store.obligations.openForOwners([person.id], kind === 'due' ? THIS_WEEK.to : NOW);
    const items = [];
    for (const obligation of open) {
      const standard = standards.get(obligation.standardId);
      if (!standard || (kind === 'due' && obligation.due < THIS_WEEK.from)) continue;
      const statement = obligation.statementId === null ? null : await store.statements.get(obligation.statementId);
      if (statement) items.push({ subject: 'statement' as const, obligation, statement, standard });
    }
    rows.push({ person, count: items.length, overdue: items.filter((i) => i.obligation.due < NOW).length, first: items[0] ?? null });
  }
  return rows.sort(
    (a, b) =>
      Number(a.count === 0) - Number(b.count === 0) ||
      (a.count === 0 ? byName(a.person, b.person) : b.overdue - a.overdue || a.first!.obligation.due - b.first!.obligation.due || byName(a.person, b.person)),
  );
}

const summary = (rows: TeamRow[]) => JSON.stringify(rows.map((r) => [r.person.id, r.count, r.overdue, r.first?.obligation.id]));

export async function benchTeamDue(): Promise<BenchResult[]> {
  const openTotal = Number(process.env.HEARD_BENCH_OPEN_OBLIGATIONS ?? 50_000);
  const repetitions = Number(process.env.HEARD_BENCH_REPETITIONS ?? 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-bench-team-'));
  const file = path.join(dir, 'heard.sqlite');
  try {
    await buildCouncil(file, openTotal);
    const standards = loadBuiltInStandards();
    const byId = new Map(standards.map((s) => [s.id, s]));
    const store = await openSqliteStore(file);
    const lists = new Worklists({ store, standards, now: () => NOW });
    const results: BenchResult[] = [];
    try {
      for (const kind of ['due', 'overdue'] as const) {
        const heard = async () => lists.teamSummary(await lists.teamOf(MANAGER), kind, kind === 'due' ? THIS_WEEK : null);
        const naive = () => naiveTeamSummary(store, byId, kind);
        const answer = await heard();
        if (answer.length !== 40 || answer.every((r) => r.count === 0)) throw new Error(`the data set is wrong: ${answer.length} people`);
        if (summary(answer) !== summary(await naive())) throw new Error(`the two ${kind} answers differ`);
        // Taken in turns, each going first every other time, so neither gets the warmer cache throughout.
        const samples = { heard: [] as number[], naive: [] as number[] };
        for (let i = 0; i < repetitions + 20; i++) {
          for (const which of i % 2 === 0 ? (['heard', 'naive'] as const) : (['naive', 'heard'] as const)) {
            const started = performance.now();
            await (which === 'heard' ? heard() : naive());
            if (i >= 20) samples[which].push(performance.now() - started);
          }
        }
        results.push({
          name:
            kind === 'due'
              ? `"what's due for my team this week": 40 of 1,000 people, ${openTotal.toLocaleString('en-GB')} open obligations, embedded store: p95`
              : `"who in my team is overdue": same data: p95`,
          value: p95(samples.heard),
          unit: 'ms',
          baselineName: 'same answer, one obligations query per person and a statement read per item',
          baseline: p95(samples.naive),
          lowerIsBetter: true,
        });
      }
      // The whole answer as the bot gives it: understanding the words, the query, and the card.
      const calendar = compileCalendar();
      const service = new StatementService({ store, standards, packs: new Set(['momo']), calendar, now: () => NOW });
      const caseWork = new CaseWorkService({ store, standards, packs: new Set(['momo']), calendar, now: () => NOW });
      const conversation = new Conversation({ store, service, caseWork, worklists: lists, understander: await Understander.create(calendar), standards, calendar, now: () => NOW });
      const manager = await store.directory.getPerson(MANAGER);
      if (!manager) throw new Error('the data set has no manager');
      const ask = () => conversation.message(manager, "what's due for my team this week?");
      const reply = await ask();
      if (reply[0]?.kind !== 'card' || !JSON.stringify(reply[0].card).includes('team.person')) throw new Error('the conversation did not answer with the team card');
      const samples = { heard: [] as number[], naive: [] as number[] };
      for (let i = 0; i < repetitions + 20; i++) {
        for (const which of i % 2 === 0 ? (['heard', 'naive'] as const) : (['naive', 'heard'] as const)) {
          const started = performance.now();
          await (which === 'heard' ? ask() : naiveTeamSummary(store, byId, 'due'));
          if (i >= 20) samples[which].push(performance.now() - started);
        }
      }
      results.push({
        name: `"what's due for my team this week?" typed to the bot: understanding, query and card, same data: p95`,
        value: p95(samples.heard),
        unit: 'ms',
        baselineName: 'the bare query done naively (no understanding, no card)',
        baseline: p95(samples.naive),
        lowerIsBetter: true,
      });
    } finally {
      await store.close();
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
