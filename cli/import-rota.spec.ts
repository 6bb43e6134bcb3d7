import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseInstant } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * `heard import rota`: the duty rota that says who is the duty officer and the duty
 * manager when ("the Duty Manager, who is identifiable via the Youth Justice Service Duty
 * Rota", yjs). The real command on a real embedded store.
 */
const bin = path.join(__dirname, '..', 'bin', 'heard.js');
let dir: string;
let store: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-rota-'));
  store = path.join(dir, 'heard.sqlite');
  fs.writeFileSync(
    path.join(dir, 'people.csv'),
    [
      'email,name,roles,team,line_manager_email,aad_object_id',
      'dee@council.example,Dee Officer,duty-officer,,,',
      'nia@council.example,Nia Nights,duty-manager,,,',
      'dev@council.example,Dev Duty,duty-manager;manager,,,',
      'sam@council.example,Sam Worker,worker,,,',
      '',
    ].join('\n'),
  );
  expect(heard('import', 'people', path.join(dir, 'people.csv'), '--store', store).status).toBe(0);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function heard(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, MONGODB_URI: '' } });
}

function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [...lines, ''].join('\n'));
  return file;
}

const HEADER = 'role,email,from,until';

async function onDuty(role: 'duty-officer' | 'duty-manager', at: string): Promise<string[]> {
  const s = await openSqliteStore(store);
  try {
    const people = new Map((await s.directory.listPeople()).map((p) => [p.id, p.name]));
    return (await s.rota.onDutyAt(role, parseInstant(at))).map((shift) => people.get(shift.personId) ?? shift.personId);
  } finally {
    await s.close();
  }
}

describe('heard import rota', () => {
  it('imports who is on duty when, nights and weekends included, in the council’s local time; importing it again changes nothing', async () => {
    const file = write('rota.csv', [
      HEADER,
      'duty-officer,dee@council.example,2026-11-20 17:00,2026-11-23 09:00',
      'duty-manager,nia@council.example,2026-11-20 17:00,2026-11-23 09:00',
      'duty-manager,dev@council.example,2026-11-23 09:00,2026-11-23 17:00',
    ]);
    for (let i = 0; i < 2; i++) {
      const r = heard('import', 'rota', file, '--store', store);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ imported: 3, roles: ['duty-officer', 'duty-manager'], from: '2026-11-20T17:00:00Z', until: '2026-11-23T17:00:00Z' });
    }
    expect(await onDuty('duty-manager', '2026-11-21T02:00:00Z')).toEqual(['Nia Nights']);
    expect(await onDuty('duty-officer', '2026-11-21T02:00:00Z')).toEqual(['Dee Officer']);
    expect(await onDuty('duty-manager', '2026-11-23T09:00:00Z')).toEqual(['Dev Duty']);
    expect(await onDuty('duty-manager', '2026-11-23T17:00:00Z')).toEqual([]);
  });

  it('reads local times in summer time, and replaces only the roles and period of the file it imports', async () => {
    heard('import', 'rota', write('june.csv', [HEADER, 'duty-manager,nia@council.example,2026-06-01 09:00,2026-06-01 17:00', 'duty-officer,dee@council.example,2026-06-01 09:00,2026-06-01 17:00']), '--store', store);
    expect(await onDuty('duty-manager', '2026-06-01T08:00:00Z')).toEqual(['Nia Nights']); // 09:00 BST
    fs.writeFileSync(path.join(dir, 'empty.json'), '[]');
    expect(heard('import', 'rota', path.join(dir, 'empty.json'), '--store', store).stderr).toContain('has no shifts in it');
    fs.writeFileSync(path.join(dir, 'swap.json'), JSON.stringify([{ role: 'duty-manager', email: 'dev@council.example', from: '2026-06-01T08:00:00Z', until: '2026-06-01T16:00:00Z' }]));
    expect(heard('import', 'rota', path.join(dir, 'swap.json'), '--store', store).status).toBe(0);
    expect(await onDuty('duty-manager', '2026-06-01T12:00:00Z')).toEqual(['Dev Duty']);
    expect(await onDuty('duty-officer', '2026-06-01T12:00:00Z')).toEqual(['Dee Officer']);
  });

  it('reports every bad row by line, exits 2 and imports nothing', async () => {
    const file = write('bad.csv', [
      HEADER,
      'duty-officer,dee@council.example,2026-11-20 17:00,2026-11-23 09:00',
      'duty-manager,nobody@council.example,2026-11-20 17:00,2026-11-23 09:00',
      'duty-manager,sam@council.example,2026-11-20 17:00,2026-11-23 09:00',
      'duty-manager,nia@council.example,2026-11-23 09:00,2026-11-23 08:00',
      'duty-manager,nia@council.example,2026-03-29 01:30,2026-03-29 09:00',
      'duty-officer,dee@council.example,2026-11-22 09:00,2026-11-22 17:00',
      'night-owl,dee@council.example,2026-11-22 09:00,2026-11-22 17:00',
      'duty-manager,nia@council.example,2026-11-01 09:00,2026-11-12 09:00',
    ]);
    const r = heard('import', 'rota', file, '--store', store);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `${file}:3: email: is not in the directory: import the person first (heard import people)`,
      `${file}:4: role: sam@council.example does not hold the duty-manager role in the directory`,
      `${file}:5: until: must be after from`,
      `${file}:6: from: does not exist in the council’s time zone (the clocks go forward then)`,
      `${file}:7: from: overlaps the same person's duty-officer shift on line 2`,
      `${file}:8: role: must be duty-officer or duty-manager`,
      `${file}:9: until: makes a shift longer than a week: split it`,
      `heard: nothing imported: 7 problem(s) in ${file}`,
      '',
    ]);
    expect(await onDuty('duty-officer', '2026-11-21T02:00:00Z')).toEqual([]);
  });
});
