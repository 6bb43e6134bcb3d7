import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { loadOrganisation } from '../domain/organisation';
import type { Obligation } from '../domain/obligation';
import type { Store } from '../domain/ports/store.port';
import { compileCalendar, dueInstant, loadBuiltInStandards } from '../standards';
import { startHeardProcess, until, type HeardProcess } from './heard-process';
import { heard as heardCommand } from './heard-in-process';
import { PEOPLE, TEAMS, removeTempDir, signedHeaders, statementBody, tempDatabaseFile } from './test-council.fixture';

/**
 * A running Heard takes up a configuration changed while it runs (`heard config` on the
 * server): on SIGHUP — or by itself within HEARD_CONFIGURATION_POLL_SECONDS (30 s) — a new Heard on the new
 * configuration takes over the port while the old one stops gracefully, and the clocks
 * the old one opened after the change are worked out again. Every open deadline ends as
 * the engine gives it on the new calendar, whichever process opened it, and the server
 * answers throughout. The real `npm start` entry point in a child process, on real time.
 */

jest.setTimeout(90_000);

let file: string;
let heard: HeardProcess | undefined;

beforeEach(async () => {
  file = tempDatabaseFile();
  const store = await openSqliteStore(file);
  await store.directory.upsert(PEOPLE, TEAMS);
  await store.close();
});

afterEach(async () => {
  if (heard && heard.child.exitCode === null) {
    heard.child.kill('SIGTERM');
    await heard.exited;
  }
  heard = undefined;
  removeTempDir(file);
});

/** SIGTERM, and exit code 0; otherwise the failure says what Heard logged last. */
async function expectCleanStop(process: HeardProcess): Promise<void> {
  process.child.kill('SIGTERM');
  const code = await process.exited;
  if (code !== 0) throw new Error(`Heard exited with ${code} on SIGTERM; it logged last:\n${process.output().split('\n').slice(-25).join('\n')}`);
}

/** The JSON log lines Heard wrote for `event`. */
function logged(process: HeardProcess, event: string): Record<string, unknown>[] {
  return process
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{"level"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.event === event);
}

async function post(port: number, externalId: string): Promise<string> {
  const text = JSON.stringify(statementBody(externalId, { sentAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }));
  const res = await fetch(`http://127.0.0.1:${port}/api/statements`, { method: 'POST', body: text, headers: signedHeaders(text, Math.floor(Date.now() / 1000)) });
  if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { statementId: string }).statementId;
}

async function openClocks(store: Store, statementId: string): Promise<Obligation[]> {
  return (await store.obligations.listForStatement(statementId)).filter((o) => o.status === 'open');
}

/** Adds a closure on the next working day after today: every "2 working days" clock running now spans it. */
async function closeTheNextWorkingDay(): Promise<{ closed: string; moved: number }> {
  const today = compileCalendar({}, { from: 2020, to: 2040 });
  const closed = today.dateOf(today.nextWorkingDay(today.dayOf(Math.floor(Date.now() / 1000))));
  const changed = await heardCommand(['config', 'add', 'calendar.closures', closed, 'Snow', 'day', '--store', file, '--json']);
  expect(changed.err).toBe('');
  const result = JSON.parse(changed.out) as { applied: boolean; moved: number };
  expect(result.applied).toBe(true);
  return { closed, moved: result.moved };
}

/**
 * Every open clock of the statements, as the engine gives it on the calendar with the
 * closure; and, per statement, how many of them the closure moved (their deadline on the
 * calendar without it differs).
 */
async function expectClocksOnTheNewCalendar(closed: string, statementIds: string[]): Promise<number[]> {
  const store = await openSqliteStore(file);
  try {
    const org = await loadOrganisation(store.settings);
    expect(org.settings.calendar.closures).toEqual([{ date: closed, name: 'Snow day' }]);
    const without = compileCalendar({}, { from: 2020, to: 2040 });
    const calendar = compileCalendar({ closures: [{ date: closed, name: 'Snow day' }] }, { from: 2020, to: 2040 });
    const standards = new Map(loadBuiltInStandards().map((s) => [s.id, s]));
    const moved: number[] = [];
    for (const statementId of statementIds) {
      const clocks = await openClocks(store, statementId);
      expect(clocks.map((o) => o.standardId)).toContain('momo.2.2');
      for (const o of clocks) expect([statementId, o.standardId, o.due]).toEqual([statementId, o.standardId, dueInstant(standards.get(o.standardId)!, o.triggeredAt, calendar)]);
      moved.push(clocks.filter((o) => dueInstant(standards.get(o.standardId)!, o.triggeredAt, without) !== o.due).length);
    }
    return moved;
  } finally {
    await store.close();
  }
}

it('takes up a closure day added with heard config on SIGHUP: clocks opened before, during and after end as the engine gives them', async () => {
  // At debug level, so that the scheduler's idle sweeps show it running.
  heard = await startHeardProcess(file, { LOG_LEVEL: 'debug' });
  const port = heard.port;
  const before = await post(port, 'momo-before');
  const { closed, moved } = await closeTheNextWorkingDay();

  // Posted before the running Heard has taken the change up: opened on the old calendar.
  const during = await post(port, 'momo-during');
  heard.child.kill('SIGHUP');
  await until(() => heard!.output().includes('"event":"heard-reloaded"'), 'Heard to take up the change');
  const after = await post(port, 'momo-after');
  expect((await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status).toBe(200);

  const [movedBefore, movedDuring, movedAfter] = await expectClocksOnTheNewCalendar(closed, [before, during, after]);
  // heard config moved the clocks that were running; the reload, those the old configuration opened since; nothing opened after needed moving.
  expect(movedBefore).toBeGreaterThan(0);
  expect(moved).toBe(movedBefore);
  expect(logged(heard, 'heard-reloaded')).toEqual([expect.objectContaining({ why: 'SIGHUP', clean: true, caughtUp: movedDuring })]);
  expect(movedAfter).toBe(movedDuring);
  // The new Heard's scheduler runs (started once the old one's had stopped): nudges go on.
  const sweepsAfterReload = () => heard!.output().split('"event":"heard-reloaded"')[1] ?? '';
  await until(() => /"event":"scheduler-(idle|sweep)"/.test(sweepsAfterReload()), 'the new scheduler to sweep');

  // It still stops as it always did.
  await expectCleanStop(heard);
});

it('finds a change made with heard config by itself, within HEARD_CONFIGURATION_POLL_SECONDS, and keeps answering throughout', async () => {
  heard = await startHeardProcess(file, { HEARD_CONFIGURATION_POLL_SECONDS: '1' });
  const port = heard.port;
  const before = await post(port, 'momo-before');
  const { closed } = await closeTheNextWorkingDay();

  // Intake carries on while the new Heard takes the port over from the old one.
  const posted: string[] = [];
  let n = 0;
  while (!heard.output().includes('"event":"heard-reloaded"')) {
    if (n > 200) throw new Error(`Heard did not take up the change:\n${heard.output()}`);
    posted.push(await post(port, `momo-${n++}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  posted.push(await post(port, 'momo-after'));
  expect(logged(heard, 'heard-reloaded')).toEqual([expect.objectContaining({ why: 'configuration-changed', clean: true })]);
  await expectClocksOnTheNewCalendar(closed, [before, ...posted]);

  await expectCleanStop(heard);
});
