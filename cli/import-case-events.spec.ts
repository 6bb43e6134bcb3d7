import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * `heard import case-events` and `heard obligations` as interfaces.md fixes them, run as
 * the installed command on an embedded store file.
 */

const bin = path.join(__dirname, '..', 'bin', 'heard.js');
const DAY = 86_400_000;
let dir: string;
let storeFile: string;
/** Instants relative to the real clock the command uses (an event cannot have happened in the future). */
const daysAgo = (d: number, hour = 10) => new Date(Math.floor((Date.now() - d * DAY) / DAY) * DAY + hour * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function heard(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args, '--store', storeFile], { encoding: 'utf8', env: { ...process.env, MONGODB_URI: '' } });
}

const line = (eventId: string, type: string, occurredAt: string, details: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ eventId, source: 'liquidlogic', caseRef: 'C-10442', childInitials: 'AB', type, occurredAt, details, ...extra });

const HISTORY = () => [
  line('LCS-1', 'case-allocated', daysAgo(60, 9), { role: 'social-worker', person: 'sam.patel@council.example' }),
  line('LCS-2', 'child-became-looked-after', daysAgo(60), { legalStatus: 's20' }),
  line('LCS-3', 'visit-completed', daysAgo(30), { kind: 'cic', seenAlone: true }),
  line('LCS-4', 'visit-completed', daysAgo(2), { kind: 'cic', mood: 'cheerful' }),
];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-case-events-'));
  storeFile = path.join(dir, 'heard.sqlite');
  const store = await openSqliteStore(storeFile);
  await store.settings.set('packs', ['momo', 'childrens-services', 'core-practice']);
  await store.close();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('heard import case-events', () => {
  it('imports JSON lines and prints what interfaces.md says, listing qualifier values no standard knows; a second import changes nothing', () => {
    const file = path.join(dir, 'events.jsonl');
    fs.writeFileSync(file, `${HISTORY().join('\n')}\n`);
    const first = heard('import', 'case-events', file);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(Object.keys(summary)).toEqual(['imported', 'unchanged', 'cases', 'obligationsOpened', 'obligationsMet', 'unrecognised']);
    expect(summary).toMatchObject({ imported: 4, unchanged: 0, cases: 1, unrecognised: [{ field: 'details.mood', value: 'cheerful', count: 1 }] });
    expect(summary.obligationsOpened).toBeGreaterThan(10);
    expect(summary.obligationsMet).toBeGreaterThan(1);
    const again = JSON.parse(heard('import', 'case-events', file).stdout);
    expect(again).toMatchObject({ imported: 0, unchanged: 4, obligationsOpened: 0, obligationsMet: 0 });
  });

  it('imports the CSV layout of case-events.md: the same events as JSON lines are the same events', () => {
    const jsonl = path.join(dir, 'events.jsonl');
    fs.writeFileSync(jsonl, `${HISTORY().join('\n')}\n`);
    expect(heard('import', 'case-events', jsonl).status).toBe(0);
    const csv = path.join(dir, 'events.csv');
    const rows = HISTORY().map((l) => JSON.parse(l) as { eventId: string; source: string; caseRef: string; childInitials: string; type: string; occurredAt: string; details: Record<string, unknown> });
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r.details)))];
    fs.writeFileSync(
      csv,
      [
        ['event_id', 'source', 'case_ref', 'child_initials', 'type', 'occurred_at', 'scheduled_for', 'by', 'subject', 'supersedes', ...keys.map((k) => `details.${k}`)].join(','),
        ...rows.map((r) => [r.eventId, r.source, r.caseRef, r.childInitials, r.type, r.occurredAt, '', '', '', '', ...keys.map((k) => (r.details[k] === undefined ? '' : String(r.details[k])))].join(',')),
      ].join('\n'),
    );
    const fromCsv = heard('import', 'case-events', csv);
    expect(fromCsv.stderr).toBe('');
    expect(JSON.parse(fromCsv.stdout)).toMatchObject({ imported: 0, unchanged: 4 });
  });

  it('refuses a bad file whole: one file:line: field: problem per problem on stderr, exit 2, nothing stored', () => {
    const file = path.join(dir, 'events.jsonl');
    fs.writeFileSync(
      file,
      [
        HISTORY()[0],
        line('LCS-9', 'visit-completed', 'last tuesday', { kind: 'cic' }),
        '{"eventId": "LCS-10",',
        line('LCS-11', 'visited', daysAgo(3), {}),
        line('LCS-1', 'case-allocated', daysAgo(59), { role: 'social-worker', person: 'sam.patel@council.example' }),
      ].join('\n'),
    );
    const r = heard('import', 'case-events', file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `${file}:2: occurredAt: must be an ISO 8601 instant with Z or an offset (e.g. 2026-11-20T14:30:00Z), or a local date (2026-11-20)`,
      expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: \\(row\\): is not JSON: `)),
      `${file}:4: type: "visited" is not an event type of the vocabulary`,
      `${file}:5: eventId: LCS-1 of liquidlogic is on line 1 with other content`,
    ]);
    expect(lines[4]).toMatch(/nothing imported: 4 problem\(s\)/);
    expect(JSON.parse(heard('obligations', '--json').stdout)).toEqual([]);
  });

  it('refuses an event id the store already holds with other content', () => {
    const file = path.join(dir, 'events.jsonl');
    fs.writeFileSync(file, `${HISTORY()[0]}\n`);
    expect(heard('import', 'case-events', file).status).toBe(0);
    fs.writeFileSync(file, `${line('LCS-1', 'case-allocated', daysAgo(10), { role: 'social-worker', person: 'ali@council.example' })}\n`);
    const r = heard('import', 'case-events', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:1: eventId: LCS-1 of liquidlogic was already received with other content`);
  });
});

describe('heard obligations', () => {
  beforeEach(() => {
    const file = path.join(dir, 'events.jsonl');
    fs.writeFileSync(file, `${HISTORY().join('\n')}\n`);
    expect(heard('import', 'case-events', file).status).toBe(0);
  });

  it('lists a case’s obligations with the keys of interfaces.md, judged at --at', () => {
    const r = heard('obligations', '--case', 'C-10442', '--json');
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    const visits = rows.filter((o) => o.standard === 'childrens-services.cic-visiting.32');
    expect(visits).toHaveLength(3);
    for (const key of ['id', 'standard', 'subject', 'case', 'statement', 'staff', 'owner', 'triggerAt', 'due', 'status', 'metAt', 'closedReason']) expect(Object.keys(visits[0])).toContain(key);
    expect(visits[0]).toMatchObject({ subject: 'case', case: 'C-10442', statement: null, staff: null, owner: 'sam.patel@council.example', triggerAt: daysAgo(60), status: 'met', metAt: daysAgo(30), closedReason: null });
    const open = visits[2];
    expect(open.status).toBe('open');
    const later = JSON.parse(heard('obligations', '--case', 'C-10442', '--json', '--at', new Date(Date.now() + 100 * DAY).toISOString()).stdout) as Record<string, unknown>[];
    expect(later.find((o) => o.id === open.id)?.status).toBe('overdue');
  });

  it('filters by status and by owner, and refuses an unknown status or case', () => {
    const met = JSON.parse(heard('obligations', '--status', 'met', '--json').stdout) as { status: string }[];
    expect(met.length).toBeGreaterThan(0);
    expect(met.every((o) => o.status === 'met')).toBe(true);
    const sams = JSON.parse(heard('obligations', '--owner', 'Sam.Patel@council.example', '--json').stdout) as { owner: string }[];
    expect(sams.length).toBeGreaterThan(0);
    expect(sams.every((o) => o.owner === 'sam.patel@council.example')).toBe(true);
    expect(heard('obligations', '--status', 'done').status).toBe(2);
    const unknown = heard('obligations', '--case', 'C-404', '--json');
    expect([unknown.status, unknown.stderr.trim()]).toEqual([2, 'heard: no case with reference C-404 in the store']);
  });
});
