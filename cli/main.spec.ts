import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import { heard } from '../test/heard-in-process';
import { loadBuiltInStandards } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { seedReportWorld } from '../test/report-world.fixture';

describe('heard due', () => {
  it('gives the due instant of momo 1.1 for a statement sent on Saturday: Monday 17:00', async () => {
    const { code, out, err } = await heard(['due', 'momo.1.1', '--at', '2026-11-21T10:00:00Z']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      standard: 'momo.1.1',
      at: '2026-11-21T10:00:00Z',
      due: '2026-11-23T17:00:00Z',
      dueLocal: '2026-11-23T17:00:00+00:00',
    });
  });

  it('prints the example of interfaces.md, with an explanation a worker understands', async () => {
    const { out } = await heard(['due', 'momo.2.1', '--at', '2026-03-27T15:00:00Z']);
    expect(JSON.parse(out)).toMatchObject({
      standard: 'momo.2.1',
      at: '2026-03-27T15:00:00Z',
      due: '2026-03-30T13:00:00Z',
      dueLocal: '2026-03-30T14:00:00+01:00',
      explanation: '7 working hours: 2 h on Fri 27 Mar, 5 h on Mon 30 Mar; due at 14:00',
    });
  });

  it('uses the named bank-holiday division', async () => {
    const ew = JSON.parse((await heard(['due', 'momo.2.2', '--at', '2026-11-27T10:00:00Z'])).out);
    const sc = JSON.parse((await heard(['due', 'momo.2.2', '--at', '2026-11-27T10:00:00Z', '--calendar', 'scotland'])).out);
    expect(ew.due).toBe('2026-12-01T17:00:00Z');
    expect(sc.due).toBe('2026-12-02T17:00:00Z');
    expect(sc.explanation).toMatch(/St Andrew/);
  });

  it('accepts an offset and answers in UTC', async () => {
    const { out } = await heard(['due', 'momo.2.1', '--at', '2026-03-27T15:00:00+00:00']);
    expect(JSON.parse(out).at).toBe('2026-03-27T15:00:00Z');
  });

  it.each([
    [['due', 'momo.2.1'], /--at/],
    [['due', '--at', '2026-03-27T15:00:00Z'], /standard id/],
    [['due', 'momo.9.9', '--at', '2026-03-27T15:00:00Z'], /unknown standard "momo.9.9"/],
    [['due', 'momo.2.1', '--at', 'tomorrow'], /not an instant/],
    [['due', 'momo.2.1', '--at', '2026-02-30T10:00:00Z'], /not a real date/],
    [['due', 'momo.2.1', '--at', '2026-03-27T15:00:00Z', '--calendar', 'wales'], /unknown calendar "wales"/],
    [['due', 'momo.2.1', '--at', '2026-03-27T15:00:00Z', '--colour'], /--colour/],
    [['due', 'momo.2.1', '--at', '2400-03-27T15:00:00Z'], /outside the supported years/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j is refused with one line on stderr and exit code 2', async (args, message) => {
    const { code, out, err } = await heard(args as string[]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('computes far-future deadlines by widening its calendar', async () => {
    const { code, out } = await heard(['due', 'momo.2.2', '--at', '2099-12-24T11:00:00Z']);
    expect(code).toBe(0);
    expect(JSON.parse(out).due).toBe('2099-12-30T17:00:00Z');
  });
});

describe('heard due --batch', () => {
  it('answers every line in order; a bad line gets an error line and the batch goes on', async () => {
    const input = [
      '{"standard":"momo.2.1","at":"2026-03-27T15:00:00Z"}',
      'not json',
      '{"standard":"momo.1.1","at":"2026-11-21T10:00:00Z","calendar":"scotland"}',
      '',
      '{"standard":"nope","at":"2026-11-21T10:00:00Z"}',
      '[1,2]',
      '{"standard":"momo.2.2","at":"2026-12-24T11:00:00Z"}',
    ].join('\n');
    const { code, out } = await heard(['due', '--batch'], `${input}\n`);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(7);
    expect(lines[0].due).toBe('2026-03-30T13:00:00Z');
    expect(lines[1].error).toMatch(/not JSON/);
    expect(lines[2]).toMatchObject({ due: '2026-11-23T17:00:00Z', calendar: 'scotland' });
    expect(lines[3].error).toMatch(/empty line/);
    expect(lines[4].error).toMatch(/unknown standard/);
    expect(lines[5].error).toMatch(/JSON object/);
    expect(lines[6].due).toBe('2026-12-30T17:00:00Z');
  });

  it('refuses an id or --at alongside --batch', async () => {
    expect((await heard(['due', '--batch', 'momo.2.1'], '')).code).toBe(2);
  });
});

describe('heard parse', () => {
  it('prints the JSON of interfaces.md for one message', async () => {
    const { code, out, err } = await heard(['parse', "what's due this week?", '--now', '2026-11-23T09:30:00Z']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(JSON.parse(out)).toMatchObject({
      intent: 'due',
      scope: 'me',
      range: { from: '2026-11-23', to: '2026-11-29' },
      person: null,
      target: null,
      until: null,
    });
  });

  it('refuses a missing --now or an empty message with one line and exit 2', async () => {
    for (const args of [['parse', 'overdue?'], ['parse', ' ', '--now', '2026-11-23T09:30:00Z'], ['parse', 'x', '--now', 'soon']]) {
      const { code, out, err } = await heard(args);
      expect({ code, out }).toEqual({ code: 2, out: '' });
      expect(err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('--batch answers every line in order; a bad line gets an error line and the batch goes on', async () => {
    const input = [
      JSON.stringify({ text: 'overdue?', now: '2026-11-23T09:30:00Z' }),
      'not json',
      JSON.stringify({ text: 'queue', now: 'yesterday' }),
      JSON.stringify({ text: 'move sam to priya', now: '2026-11-23T09:30:00Z' }),
    ].join('\n');
    const { code, out } = await heard(['parse', '--batch'], input);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ intent: 'overdue' });
    expect(lines[1]).toHaveProperty('error');
    expect(lines[2]).toHaveProperty('error');
    expect(lines[3]).toMatchObject({ intent: 'reassign', person: 'sam', target: 'priya' });
  });
});

describe('heard standards', () => {
  it('lists every standard with the keys of interfaces.md', async () => {
    const { code, out } = await heard(['standards', '--json']);
    expect(code).toBe(0);
    const standards = JSON.parse(out);
    const momo21 = standards.find((s: { id: string }) => s.id === 'momo.2.1');
    expect(momo21).toMatchObject({
      id: 'momo.2.1',
      pack: 'momo',
      title: 'Recipient downloads or views the statement',
      owner: 'recipient',
      clock: 'working-hours',
      amount: 7,
      direction: 'after',
      modifier: null,
      recurring: false,
      interpretation: null,
      source: {
        document: '000_61132f3a5eb56019.txt',
        section: '2',
        ref: '2.1',
        quote: 'It must be downloaded or viewed within 7 working hours.',
      },
    });
    for (const s of standards) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining(['id', 'pack', 'title', 'owner', 'clock', 'amount', 'direction', 'modifier', 'recurring', 'interpretation', 'source']),
      );
    }
    expect(new Set(standards.map((s: { pack: string }) => s.pack))).toEqual(new Set(['momo', 'yjs', 'childrens-services', 'core-practice']));
  });

  it('says what starts each standard and what meets it, in the vocabulary (any one of several stops)', async () => {
    const standards = JSON.parse((await heard(['standards', '--json', '--pack', 'childrens-services'])).out);
    const stepDown = standards.find((s: { id: string }) => s.id === 'childrens-services.dta-step-down.4');
    expect(stepDown.trigger).toEqual({ type: 'meeting-held', details: { type: ['case-transfer-meeting'] } });
    expect(stepDown.stops).toEqual([
      { type: 'meeting-held', details: { type: ['team-around-the-family'] } },
      { type: 'visit-completed', details: { kind: ['home', 'early-help'] } },
    ]);
    expect(standards.every((s: { stops: unknown[]; trigger: { type: string } }) => Array.isArray(s.stops) && typeof s.trigger.type === 'string')).toBe(true);
  });

  it('filters by pack, and refuses an unknown pack', async () => {
    const yjs = JSON.parse((await heard(['standards', '--json', '--pack', 'yjs'])).out);
    expect(yjs.length).toBeGreaterThan(0);
    expect(yjs.every((s: { pack: string }) => s.pack === 'yjs')).toBe(true);
    const bad = await heard(['standards', '--json', '--pack', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown pack "nope"/);
  });

  it('prints a readable table without --json: a header row, then a row per standard, in columns', async () => {
    const { out } = await heard(['standards', '--pack', 'momo']);
    const [header, ...rows] = out.trimEnd().split('\n');
    expect(header).toMatch(/^STANDARD\s+CLOCK\s+TITLE$/);
    expect(rows[0]).toMatch(/^momo\.1\.1\s+working-hours 5\s+Participation Team assigns/);
    expect(rows).toHaveLength(loadBuiltInStandards().filter((s) => s.pack === 'momo').length);
    // Every clock and every title starts where its heading does.
    for (const heading of ['CLOCK', 'TITLE']) {
      const column = header.indexOf(heading);
      for (const row of rows) expect(`${row[column - 1]}${row[column]}`).toMatch(/^ \S$/);
    }
  });
});

describe('heard report', () => {
  let dir: string;
  let file: string;
  const november = ['report', '--from', '2026-11-01', '--to', '2026-11-30', '--at', '2026-11-29T12:00:00Z'];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-report-cli-'));
    file = path.join(dir, 'heard.db');
    const store = await openSqliteStore(file);
    await seedReportWorld(store);
    await store.close();
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the report of interfaces.md as one JSON document: standards, teams, people, statements (figures by hand in test/compliance-report.spec.ts)', async () => {
    const { code, out, err } = await heard([...november, '--store', file]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(['from', 'to', 'at', 'standards', 'teams', 'people', 'statements', 'participation']);
    expect(report.standards[0]).toEqual({
      standard: 'momo.2.1', title: 'Recipient downloads or views the statement', due: 6, met: 1, late: 2, overdue: 1, missed: 1, open: 1, closed: 0,
      onTimeRate: 0.2, medianLateSeconds: 89100, worstLateSeconds: 172800,
    });
    expect(report.statements).toEqual({ received: 7, byType: { 'my-review': 1, 'my-world': 6 }, byMonth: { '2026-11': 7 } });
  });

  it('writes the standards rows as RFC 4180 CSV with the JSON keys as columns: a header, CRLF after every record, empty for null, read back equal to the JSON', async () => {
    const json = JSON.parse((await heard([...november, '--store', file])).out);
    const { code, out } = await heard([...november, '--format', 'csv', '--store', file]);
    expect(code).toBe(0);
    expect(out.split('\r\n')[0]).toBe('standard,title,due,met,late,overdue,missed,open,closed,onTimeRate,medianLateSeconds,worstLateSeconds');
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/\n/);
    // momo 4.4's title holds an apostrophe but no comma: unquoted, as RFC 4180 allows.
    expect(out).toContain("momo.4.4,IRO checks that the child's views are evidenced through a statement before the review,2,1,0,1,0,0,0,0.5,,\r\n");
    const rows = parseCsv(out, { columns: true, record_delimiter: '\r\n', strict: true } as never) as Record<string, string>[];
    expect(rows).toEqual(
      json.standards.map((row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? '' : String(v)]))),
    );
  });

  it('refuses a missing or backward period, a bad instant or format, with one line and exit code 2, before opening any store', async () => {
    const missing = path.join(dir, 'never-created.db');
    for (const args of [
      ['report', '--from', '2026-11-01'],
      ['report', '--from', '2026-11-30', '--to', '2026-11-01'],
      ['report', '--from', '2026-11-01', '--to', '2026-11-30', '--at', 'yesterday'],
      ['report', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xlsx'],
    ]) {
      const { code, out, err } = await heard([...args, '--store', missing]);
      expect({ args, code, out, lines: err.trim().split('\n').length }).toEqual({ args, code: 2, out: '', lines: 1 });
    }
    expect(fs.existsSync(missing)).toBe(false);
  });
});

describe('the installed command', () => {
  const bin = path.join(__dirname, '..', 'bin', 'heard.js');

  it('runs from the built package: prints JSON on stdout only', () => {
    const out = execFileSync(process.execPath, [bin, 'due', 'momo.1.1', '--at', '2026-11-21T10:00:00Z'], { encoding: 'utf8' });
    expect(JSON.parse(out).due).toBe('2026-11-23T17:00:00Z');
  });

  it('exits 2 with one line on stderr for bad input', () => {
    const r = spawnSync(process.execPath, [bin, 'due', 'momo.1.1', '--at', 'soon'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['due --batch', ['due', '--batch'], Array.from({ length: 5000 }, (_, i) => `{"standard":"momo.2.1","at":"2026-03-27T15:${String(i % 60).padStart(2, '0')}:00Z"}`)],
    ['parse --batch', ['parse', '--batch'], Array.from({ length: 400 }, () => '{"text":"what is due this week?","now":"2026-11-23T09:30:00Z"}')],
  ])('stops quietly when the reader goes away: heard %s | head -1', (_name, args, lines) => {
    const input = path.join(os.tmpdir(), `heard-pipe-${process.pid}.jsonl`);
    fs.writeFileSync(input, `${lines.join('\n')}\n`);
    try {
      const r = spawnSync('bash', ['-c', `set -o pipefail; "$0" "$1" ${args.join(' ')} < "$2" | head -1`, process.execPath, bin, input], { encoding: 'utf8' });
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      expect(r.stdout.split('\n')).toHaveLength(2);
    } finally {
      fs.rmSync(input, { force: true });
    }
  }, 30_000);

  it('streams a batch through stdin', () => {
    const input = '{"standard":"momo.1.1","at":"2026-11-20T15:00:00Z"}\n{"standard":"momo.1.1"}\n';
    const out = execFileSync(process.execPath, [bin, 'due', '--batch'], { input, encoding: 'utf8' });
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].due).toBe('2026-11-23T12:00:00Z');
    expect(lines[1].error).toMatch(/instant is required/);
  });
});
