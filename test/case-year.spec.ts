/**
 * A simulated year (issue 15, "Proof"): a children-in-care team and a child-protection
 * team of a fictional council over its financial year 2024/25 — 150 cases, about 18,000
 * case and staff events from `case-year-generator.ts` — imported with the real command
 * line (`heard import case-events`, the go-live history then one export a month, JSON
 * lines and CSV) into the embedded store with all four built-in packs enabled. Every
 * obligation `heard obligations --json` then lists must be the one the independent
 * reference (`reference-case-clocks.ts`, written from the specification without reading
 * the engine) works out: same standard, case or member of staff, owner, trigger, due
 * instant, status, metAt and closedReason, at the end of the year and at three instants
 * during it, when only open and overdue may differ from the end.
 *
 * On a failure the whole difference is written to a file (its path is in the message),
 * counted by standard and field, so a reading the two sides chose differently shows as
 * one line; the reference's numbered readings (R1…) say which sentence of the
 * specification each choice rests on.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DIRECTORY_COLUMNS } from '../domain/directory-import';
import { BUILT_IN_PACK_IDS, builtInVocabulary, compileCalendar, formatInstant, loadBuiltInStandards, parseInstant } from '../standards';
import { openStore } from '../storage';
import { toCsv, toJsonLines } from './case-event-files';
import { simulateYear, YEAR, type SimulatedYear } from './case-year-generator';
import { diffObligations, formatDiff, isEmpty, type PrintedObligation } from './obligation-diff';
import { listingAt, referenceObligations, type ObligationListing, type RefObligation, type Status } from './reference-case-clocks';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'heard.js');
const END = formatInstant(YEAR.end);
const DURING = ['2024-07-01T08:00:00Z', '2024-11-15T12:00:00Z', '2025-02-03T09:00:00Z'];
const STATUSES: Status[] = ['open', 'overdue', 'met', 'late', 'closed', 'missed'];
const calendar = compileCalendar();

jest.setTimeout(5 * 60 * 1000);

interface Run {
  code: number;
  out: string;
  err: string;
}

/** `heard …` in a child process, on the built `dist/`, never on a MongoDB the environment may name. */
function heard(args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, MONGODB_URI: '' }, maxBuffer: 1 << 30 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function oneLine(text: string): string {
  return text.trim().split('\n').slice(0, 12).join(' | ');
}

let dir: string;
let store: string;
let year: SimulatedYear;
let reference: RefObligation[];
const imports: { file: string; lines: number; summary: Record<string, unknown> }[] = [];

/** `heard obligations --json` at an instant, parsed; fails clearly when the command is missing or says something else. */
function obligationsAt(at: string): PrintedObligation[] {
  const r = heard(['obligations', '--store', store, '--at', at, '--json']);
  if (r.code !== 0) {
    if (/unknown command "obligations"/.test(r.err)) throw new Error(`heard obligations is not available: ${oneLine(r.err)}`);
    throw new Error(`heard obligations --at ${at} failed (exit ${r.code}): ${oneLine(r.err)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.out);
  } catch (e) {
    throw new Error(`heard obligations --json printed something that is not JSON (${(e as Error).message}): ${r.out.slice(0, 300)}`, { cause: e });
  }
  if (!Array.isArray(parsed)) throw new Error(`heard obligations --json printed ${typeof parsed}, not a JSON array`);
  return (parsed as PrintedObligation[]).filter((o) => o.subject === 'case' || o.subject === 'staff');
}

function expectedAt(at: string): ObligationListing[] {
  return reference.map((o) => listingAt(o, calendar, parseInstant(at)));
}

/** Fails with the difference, written in full to a file beside the store. */
function expectSame(expected: ObligationListing[], printed: PrintedObligation[], at: string): void {
  const diff = diffObligations(expected, printed);
  if (isEmpty(diff)) return;
  const file = path.join(dir, `diff-${at.replace(/:/g, '')}.txt`);
  fs.writeFileSync(file, `${formatDiff(diff, `at ${at}`, Infinity)}\n`);
  throw new Error(`${formatDiff(diff, `at ${at}`)}\n  (the whole difference: ${file})`);
}

/** What the year held and how it came out, in the test's output (the issue asks for the counts by status). */
function report(text: string): void {
  // eslint-disable-next-line no-console
  console.log(text);
}

function countByStatus(list: readonly { status?: unknown }[]): Record<string, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, list.filter((o) => o.status === s).length]));
}

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('heard is not built: run `npm run build` (npm test builds first)');
  year = simulateYear();
  const standards = loadBuiltInStandards().filter((s) => s.subject !== 'statement' && (BUILT_IN_PACK_IDS as readonly string[]).includes(s.pack));
  reference = referenceObligations(year.events, { standards, vocabulary: builtInVocabulary(), calendar, lineManagerOf: year.lineManagerOf, horizon: YEAR.end });

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-case-year-'));
  store = path.join(dir, 'heard.sqlite');
  const byType = new Map<string, number>();
  for (const e of year.events) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  report(
    [
      `simulated year ${formatInstant(YEAR.start)} – ${END}: ${year.cases.length} cases (${year.cases.filter((c) => c.team === 'cic').length} children in care, ${year.cases.filter((c) => c.team === 'cp').length} child protection), ${year.events.length} events, ${year.people.length} people`,
      `files: ${year.files.map((f) => `${f.name} (${f.events.length})`).join(', ')}`,
      `events by type: ${[...byType].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ')}`,
      `situations: \n  ${year.scenarios.join('\n  ')}`,
      `reference: ${reference.length} obligations at ${END}: ${JSON.stringify(countByStatus(expectedAt(END)))}`,
    ].join('\n'),
  );
});

afterAll(() => {
  // Keep the store and the files when something differed: the message names them.
  if (dir && !fs.readdirSync(dir).some((f) => f.startsWith('diff-'))) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a simulated year of a children-in-care and a child-protection team', () => {
  it('imports the go-live history and twelve monthly exports, JSON lines and CSV, through heard import case-events', async () => {
    // All four built-in packs, as a council adopting the case standards would enable them.
    const db = await openStore({ kind: 'embedded', file: store });
    try {
      await db.settings.set('packs', [...BUILT_IN_PACK_IDS]);
    } finally {
      await db.close();
    }
    const people = path.join(dir, 'people.csv');
    fs.writeFileSync(
      people,
      [DIRECTORY_COLUMNS.join(','), ...year.people.map((p) => [p.email, p.name, p.roles, p.team, p.line_manager_email, ''].join(','))].join('\n') + '\n',
    );
    const peopleRun = heard(['import', 'people', people, '--store', store]);
    expect({ code: peopleRun.code, err: peopleRun.err }).toEqual({ code: 0, err: '' });

    for (const f of year.files) {
      const file = path.join(dir, f.name);
      fs.writeFileSync(file, f.format === 'csv' ? toCsv(f.events) : toJsonLines(f.events));
      const r = heard(['import', 'case-events', file, '--store', store]);
      if (r.code !== 0 && /usage: heard import/.test(r.err) && !/case-events/.test(r.err)) throw new Error(`heard import case-events is not available: ${oneLine(r.err)}`);
      if (r.code !== 0) throw new Error(`heard import case-events ${f.name} was refused (exit ${r.code}):\n${r.err.split('\n').slice(0, 20).join('\n')}`);
      const summary = JSON.parse(r.out) as Record<string, unknown>;
      imports.push({ file, lines: f.events.length, summary });
      expect({ file: f.name, imported: summary.imported, unchanged: summary.unchanged }).toEqual({ file: f.name, imported: f.events.length, unchanged: 0 });
    }
    report(`imported: ${imports.map((i) => `${path.basename(i.file)} ${JSON.stringify(i.summary)}`).join('\n  ')}`);
  });

  it('lists at the end of the year every obligation the independent reference works out, and no other', () => {
    const printed = obligationsAt(END);
    report(
      `counts by status at ${END}:\n  heard     ${JSON.stringify(countByStatus(printed))}\n  reference ${JSON.stringify(countByStatus(expectedAt(END)))}`,
    );
    expectSame(expectedAt(END), printed, END);
  });

  it('changes nothing when two exports are sent again (every event unchanged)', () => {
    const before = obligationsAt(END);
    for (const again of [imports[0], imports.find((i) => i.file.endsWith('.csv'))!]) {
      const r = heard(['import', 'case-events', again.file, '--store', store]);
      expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
      const summary = JSON.parse(r.out) as Record<string, unknown>;
      expect({ file: path.basename(again.file), imported: summary.imported, unchanged: summary.unchanged }).toEqual({ file: path.basename(again.file), imported: 0, unchanged: again.lines });
    }
    expect(obligationsAt(END)).toEqual(before);
  });

  it.each(DURING)('at %s, during the year, only open and overdue differ from the end of the year, as the reference says', (at) => {
    const during = obligationsAt(at);
    expectSame(expectedAt(at), during, at);
    const end = new Map(obligationsAt(END).map((o) => [String(o.id), o]));
    const changed = during.filter((o) => {
      const { status, ...rest } = o;
      const { status: endStatus, ...endRest } = end.get(String(o.id)) ?? {};
      expect(rest).toEqual(endRest);
      return status !== endStatus;
    });
    expect(changed.filter((o) => o.status !== 'open' && o.status !== 'overdue')).toEqual([]);
    report(`at ${at}: ${JSON.stringify(countByStatus(during))} (${changed.length} open or overdue there, not at the end)`);
  });
});
